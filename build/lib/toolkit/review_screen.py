"""The translator's review screen: what needs a person, edited and approved in the browser.

Pure functions from catalogs to HTML and from a submitted form to a saved catalog, so the
server stays thin. Every save checks the entry's version (optimistic concurrency): when
someone else saved the entry in the meantime, the save is refused and both versions are
shown. Saving writes the PO file atomically and changes nothing but that entry.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass

import polib
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .catalog import (State, back_translation, load_catalog, machine_info, review_reasons,
                      save, set_needs_review, set_reviewed, state)
from .config import Config
from .languages import language
from .pipeline import build_time
from .review import QUEUED

_env = Environment(loader=PackageLoader("toolkit", "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def version(entry: polib.POEntry) -> str:
    """A short fingerprint of everything a translator could have changed."""
    data = repr((entry.msgid, entry.msgstr, sorted(entry.flags), entry.tcomment,
                 entry.previous_msgid))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


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
            if not e.obsolete and state(e) in counts:
                counts[state(e)] += 1
        rows.append({"lang": language(lang), "counts": {s.value: n for s, n in counts.items()},
                     "total": sum(counts.values())})
    return _env.get_template("review.html").render(rows=rows, token=token)


@dataclass
class Notice:
    kind: str  # "saved" | "conflict" | "error"
    text: str
    theirs: str | None = None


def language_page(config: Config, lang: str, token: str, notice: Notice | None = None) -> str:
    catalog = load_catalog(config, lang)
    items = []
    for e in catalog.po:
        if e.obsolete or state(e) not in QUEUED:
            continue
        items.append({
            "key": entry_key(e), "version": version(e), "state": state(e).value,
            "source": e.msgid, "draft": e.msgstr,
            "previous": word_diff(e.previous_msgid, e.msgid) if e.previous_msgid else None,
            "reasons": review_reasons(e), "back": back_translation(e),
            "machine": machine_info(e),
            "where": ", ".join(f"{p}:{n}" for p, n in e.occurrences) or "interface",
            "what": (e.comment or "").splitlines()[0] if e.comment else ""})
    return _env.get_template("review_lang.html").render(
        lang=language(lang), items=items, token=token, notice=notice)


def apply(config: Config, lang: str, form: dict[str, str]) -> Notice:
    """Save one entry from the form: approve it, or mark it for discussion with a note."""
    catalog = load_catalog(config, lang)
    entry = find(catalog, form.get("key", ""))
    if entry is None:
        return Notice("error", "This entry no longer exists (the Dutch text was removed).")
    if form.get("version") != version(entry):
        return Notice("conflict", "Someone else saved this entry after you opened it. Your "
                      "change was not saved. Their version is shown below; reload to continue.",
                      theirs=entry.msgstr)
    text = form.get("translation", "").strip()
    action = form.get("action")
    if action == "approve":
        if not text:
            return Notice("error", "An empty translation cannot be approved.")
        set_reviewed(entry, text)
    elif action == "discuss":
        note = " ".join(form.get("note", "").split()) or "no note"
        if text:
            entry.msgstr = text
        set_needs_review(entry, [f"needs discussion: {note}"])
    else:
        return Notice("error", "Unknown action.")
    save(catalog, build_time())
    return Notice("saved", "Saved." if action == "approve" else "Marked for discussion.")


__all__ = ["Notice", "State", "apply", "language_page", "overview", "version", "word_diff"]
