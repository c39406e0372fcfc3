"""The translator's review screen: what needs a person, edited and approved in the browser.

Pure functions from catalogs to HTML and from a submitted form to a saved catalog, so the
server stays thin. Every save holds the catalog's lock while it re-reads the file, checks
the entry's version and writes (optimistic concurrency): when someone else saved the entry
in the meantime, the save is refused and both versions are shown. Saving writes the PO
file atomically and changes nothing but that entry.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import polib
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .catalog import (
    CatalogBusy,
    State,
    back_translation,
    entry_version,
    load_catalog,
    locked_catalog,
    machine_info,
    review_reasons,
    save,
    set_needs_review,
    set_reviewed,
    state,
)
from .config import Config
from .interface import left_to_toolkit
from .languages import language
from .pipeline import build_time
from .publish import critical_findings, entry_findings
from .readability.translation import harder_than_source
from .review import QUEUED
from .safety import context_for, said_reasons
from .staff_language import _, active, gettext, ngettext

_env = Environment(loader=PackageLoader("toolkit", "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                   extensions=["jinja2.ext.i18n"])
# The screen speaks the staff language in force when a page is made (staff_language.py).
_env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]


version = entry_version  # a form carries the version of the entry it was made from


def word_diff(old: str, new: str) -> Markup:
    """Old Dutch → new Dutch, word by word, with <del> and <ins>."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op in ("delete", "replace"):
            out.append(Markup("<del>{}</del>").format(" ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(Markup("<ins>{}</ins>").format(" ".join(b[j1:j2])))
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
    return Markup(" ").join(out)


def entry_key(entry: polib.POEntry) -> str:
    return entry.msgctxt if entry.msgctxt is not None else "ui:" + entry.msgid


def find(catalog, key: str) -> polib.POEntry | None:
    for e in catalog.po:
        if not e.obsolete and entry_key(e) == key:
            return e
    return None


def overview(config: Config, token: str) -> str:
    rows = []
    for lang in config.languages:
        catalog = load_catalog(config, lang)
        counts = {s: 0 for s in QUEUED}
        for e in catalog.po:
            if not e.obsolete and state(e) in counts and not left_to_toolkit(lang, e):
                counts[state(e)] += 1
        rows.append({"lang": language(lang), "counts": {s.value: n for s, n in counts.items()},
                     "total": sum(counts.values())})
    return _env.get_template("review.html").render(rows=rows, token=token, staff_lang=active())


@dataclass
class Notice:
    kind: str  # "saved" | "conflict" | "refused" | "error" | "busy"
    text: str
    theirs: str | None = None  # the entry's text in the file, on a conflict
    yours: str | None = None  # the translator's text, when it was not saved as sent
    findings: tuple[str, ...] = ()


def language_page(config: Config, lang: str, token: str, notice: Notice | None = None,
                  state_filter: str = "all", query: str = "") -> str:
    """Every entry that needs a person: the queue's states, and reviewed entries that fail
    a critical check (the build withholds them), each with its findings, suggestions from
    the translation memory and glossary hints; filtered by state and searched."""
    from .review_help import STATE_FILTERS, glossary_hints, matches, memory_pairs, suggestions

    catalog = load_catalog(config, lang)
    memory = memory_pairs(config, lang)
    items = []
    for e in catalog.po:
        if e.obsolete or left_to_toolkit(lang, e):  # the toolkit's text is shown
            continue
        found = entry_findings(config, lang, e)
        findings = [str(f) for f in found]
        if state(e) not in QUEUED and not findings:
            continue
        items.append({
            "findings": findings,
            "key": entry_key(e), "version": version(e), "state": state(e).value,
            "source": e.msgid, "draft": e.msgstr,
            "previous": word_diff(e.previous_msgid, e.msgid) if e.previous_msgid else None,
            "reasons": said_reasons(review_reasons(e), found), "back": back_translation(e),
            "machine": machine_info(e),
            "where": ", ".join(f"{p}:{n}" for p, n in e.occurrences) or _("interface"),
            "what": (e.comment or "").splitlines()[0] if e.comment else "",
            "difficulty": [h.message for h in harder_than_source(e.msgid, e.msgstr, lang,
                                                                      markdown=True)]
            if e.msgstr else [],
            "entry": e})
    total = len(items)
    state_filter = state_filter if state_filter in STATE_FILTERS else "all"
    items = [it for it in items if matches(it, state_filter, query)]
    for it in items:
        e = it.pop("entry")
        it["suggestions"] = suggestions(config, catalog, e, memory)
        it["glossary"] = glossary_hints(config, lang, e.msgid)
    return _env.get_template("review_lang.html").render(
        lang=language(lang), items=items, token=token, notice=notice, total=total,
        filters=STATE_FILTERS, state_filter=state_filter, query=query, staff_lang=active())


ACTIONS = ("approve", "draft", "discuss")


def apply(config: Config, lang: str, form: dict[str, str], wait: float = 10) -> Notice:
    """Save one entry from the form: approve it, or mark it for discussion with a note.

    Read, check and write happen under the catalog's lock, on the file as it is now: a
    save that started from another version of the entry is refused (conflict) with both
    texts shown, so two translators never silently overwrite each other and a save
    answered "Saved." is in the file.
    """
    text = form.get("translation", "").strip()
    action = form.get("action")
    if action not in ACTIONS:
        return Notice("error", _("Unknown action."))
    if action == "approve" and not text:
        return Notice("error", _("An empty translation cannot be approved."), yours=text)
    if action == "draft" and not text:
        return Notice("error", _("There is no text to save."), yours=text)
    try:
        with locked_catalog(config, lang, timeout=wait) as catalog:
            entry = find(catalog, form.get("key", ""))
            if entry is None:
                return Notice("error", _("This entry no longer exists (the Dutch text was "
                                         "removed)."), yours=text)
            if form.get("version") != version(entry):
                return Notice("conflict", _("Someone else saved this entry after you opened "
                                            "it. Your change was not saved. Both versions are "
                                            "shown below; copy what you need from yours, then "
                                            "reload to continue."),
                              theirs=entry.msgstr, yours=text)
            found = critical_findings(entry.msgid, text, context_for(config, lang)) \
                if text else []
            # Said in the staff language on the screen, stored in English (PO notes).
            failed = [str(f) for f in found]
            stored = [f"fails check {f.english}" for f in found]
            if action == "approve":
                if failed:
                    # The same checks the build runs: an approval it would withhold is
                    # refused here, with the reason, and the translator's text is kept.
                    return Notice("refused", _("Not approved: this translation fails a safety "
                                               "check, so it would not be published. Fix it, "
                                               "or save it as “needs discussion” (the finding "
                                               "is attached)."),
                                  yours=text, findings=tuple(failed))
                set_reviewed(entry, text)
            elif action == "draft":  # keep the work, publish nothing: fuzzy, with the reason
                entry.msgstr = text
                set_needs_review(entry, ["saved as a draft in the review screen, not yet "
                                         "approved"] + stored)
            else:
                note = " ".join(form.get("note", "").split()) or "no note"
                if text:
                    entry.msgstr = text
                set_needs_review(entry, [f"needs discussion: {note}"]
                                 + stored)
            save(catalog, build_time())
    except CatalogBusy as exc:
        return Notice("busy", _("Not saved: {reason}.").format(reason=exc), yours=text)
    return Notice("saved", {"approve": _("Saved."), "draft": _("Draft saved (not published)."
                                                               )}.get(
        action, _("Marked for discussion.")))


__all__ = ["Notice", "State", "apply", "language_page", "overview", "version", "word_diff"]
