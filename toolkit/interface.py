"""The pages' interface texts (the templates' `_("…")` strings) in one language.

The toolkit ships its own reviewed translations of the interface of its templates for the
languages the target groups read: `toolkit/data/interface/<lang>.po`. A site's own
`translations/<lang>.po` may override any entry. Per text, in this order:

1. the site's reviewed translation, when it passes the safety checks (a site override
   that fails one, e.g. a dropped `%(number)s` or a changed A4, is withheld and reported);
2. the toolkit's translation;
3. in the preview only (`drafts`), the site's machine draft;
4. nothing: the text is missing, and the language's pages stay in Dutch
   (toolkit/publish.py then says "interface not translated").

So a language the toolkit ships is published as soon as its *content* is reviewed, and
a GGD can still reword any interface text in its own catalog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polib

from .catalog import Catalog, State, plural_index, state
from .config import Config
from .staff_language import _

INTERFACE_DIR = Path(__file__).parent / "data" / "interface"

SITE, TOOLKIT = "site", "toolkit"
# What a page shows in place of a withheld site override (build and status say it).
INSTEAD_TOOLKIT, INSTEAD_NOTHING = "toolkit", "nothing"


def withheld_said(path: str, lang: str, msgid: str, why: str, instead: str) -> str:
    """One withheld site override of an interface text, as staff read it: the PO file and
    line, the text, the failing check, and what happens instead."""
    if instead == INSTEAD_TOOLKIT:
        return _("{path}: [{lang}] interface text {msgid}: the site's reviewed translation "
                 "fails a check ({why}), so pages in this language show the toolkit's own "
                 "translation of this text instead (they are still published); fix the entry "
                 "to use yours").format(path=path, lang=lang, msgid=repr(msgid), why=why)
    return _("{path}: [{lang}] interface text {msgid}: the site's reviewed translation fails "
             "a check ({why}), and the toolkit has no translation of this text, so messages "
             "are not published in this language until the entry is fixed").format(
                 path=path, lang=lang, msgid=repr(msgid), why=why)

# Placeholders Jinja2's gettext fills in: a translation must have exactly the Dutch ones,
# or the page shows a raw `%(number)s` or the build fails on an unknown name.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def shipped_languages() -> list[str]:
    """The languages the toolkit has interface texts for."""
    return sorted(p.stem for p in INTERFACE_DIR.glob("*.po"))


def _catalog_file(lang: str) -> Path | None:
    """The toolkit's catalog for `lang`: the exact tag, else its language without a
    region (`pl-PL` → `pl`); never across scripts (`zh-Hant` does not get `zh`)."""
    parts = lang.replace("_", "-").split("-")
    candidates = [lang]
    if len(parts) > 1 and not any(len(p) == 4 and p.isalpha() for p in parts[1:]):
        candidates.append(parts[0].lower())
    for code in candidates:
        path = INTERFACE_DIR / f"{code}.po"
        if path.is_file():
            return path
    return None


@cache
def toolkit_catalog(lang: str) -> Catalog | None:
    """The toolkit's own interface catalog for `lang`, or None."""
    path = _catalog_file(lang)
    if path is None:
        return None
    return Catalog(lang, path, polib.pofile(str(path)))


def toolkit_text(lang: str, msgid: str) -> str | None:
    catalog = toolkit_catalog(lang)
    return catalog.gettext(msgid) if catalog else None


def _translated(entry: polib.POEntry | None) -> bool:
    return entry is not None and bool(entry.msgstr.strip() or any(
        v.strip() for v in entry.msgstr_plural.values()))


def left_to_toolkit(lang: str, entry: polib.POEntry) -> bool:
    """An empty interface entry of a site's catalog for a text the toolkit translates:
    not work for anyone. update-catalogs keeps such entries (so the catalog stays the
    template's, and msgmerge or Weblate change nothing), but the review queue, the review
    screen, machine translation and `status` leave them out, and the toolkit's text is
    shown. A translator who fills one in overrides the toolkit's text."""
    return (entry.msgctxt is None and not entry.obsolete
            and state(entry) is State.UNTRANSLATED and toolkit_text(lang, entry.msgid) is not None)


def _problems(entry: polib.POEntry, config: Config, lang: str) -> list[str]:
    """Why a site's interface translation may not be shown: its placeholders differ from
    the Dutch, or it fails a critical safety check (numbers, links, glossary …)."""
    from .publish import critical_findings
    from .safety import context_for

    pairs = [(entry.msgid, entry.msgstr)] if not entry.msgid_plural else \
        [(entry.msgid if i == 0 else entry.msgid_plural, text)
         for i, text in sorted(entry.msgstr_plural.items())]
    out = []
    for source, text in pairs:
        if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(text)):
            want = ", ".join(sorted(set(_PLACEHOLDER.findall(source)))) or "none"
            out.append(_("placeholders: they differ from the Dutch (keep: {keep})").format(
                keep=want if want != "none" else _("none")))
        if not entry.msgid_plural:
            out += [str(f) for f in critical_findings(source, text, context_for(config, lang))]
    return out


@dataclass
class Interface:
    """Where each interface text of one language comes from, and what it says."""

    lang: str
    texts: dict[str, str] = field(default_factory=dict)  # msgid → text shown
    origin: dict[str, str] = field(default_factory=dict)  # msgid → SITE or TOOLKIT
    entries: dict[str, tuple[Catalog, polib.POEntry]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    withheld: list[tuple[str, str]] = field(default_factory=list)  # (msgid, why)
    # msgid → (line of the site's entry, whether the toolkit's own text is shown instead)
    withheld_at: dict[str, tuple[int | None, bool]] = field(default_factory=dict)

    def gettext(self, msgid: str) -> str | None:
        return self.texts.get(msgid)

    def ngettext(self, singular: str, n: int) -> str | None:
        """The plural form for `n` from the catalog the text comes from (its formula)."""
        found = self.entries.get(singular)
        if found is None or not found[1].msgid_plural:
            return None
        catalog, entry = found
        form = plural_index(catalog.po, n)
        return entry.msgstr_plural.get(form) if form is not None else None

    def count(self, origin: str) -> int:
        return sum(1 for o in self.origin.values() if o == origin)


def interface_for(config: Config, lang: str, site: Catalog | None, ui: Iterable[str],
                  drafts: bool = False) -> Interface:
    """The interface of `lang`'s pages: each text from the site, the toolkit or nowhere."""
    out = Interface(lang)
    if lang == config.source_language:
        for msgid in ui:
            out.texts[msgid] = msgid
        return out
    shipped = toolkit_catalog(lang)
    for msgid in ui:
        entry = site.entry(None, msgid) if site else None
        st = state(entry) if entry is not None else State.UNTRANSLATED
        draft_ok = False
        if st is State.REVIEWED or (drafts and st is State.MACHINE):
            assert site is not None and entry is not None
            problems = _problems(entry, config, lang)
            if problems:
                if st is State.REVIEWED:
                    out.withheld.append((msgid, "; ".join(problems)))
                    out.withheld_at[msgid] = (entry.linenum or None, False)
            elif st is State.REVIEWED:
                _use(out, msgid, site, entry, SITE)
                continue
            else:
                draft_ok = True
        own = shipped.entry(None, msgid) if shipped else None
        if own is not None and state(own) is State.REVIEWED:
            _use(out, msgid, shipped, own, TOOLKIT)
            if msgid in out.withheld_at:  # the site's text withheld: the toolkit's shown
                out.withheld_at[msgid] = (out.withheld_at[msgid][0], True)
        elif draft_ok:
            assert site is not None and entry is not None
            _use(out, msgid, site, entry, SITE)
        else:
            out.missing.append(msgid)
    return out


def _use(out: Interface, msgid: str, catalog: Catalog | None, entry: polib.POEntry,
         origin: str) -> None:
    assert catalog is not None
    out.texts[msgid] = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    out.origin[msgid] = origin
    out.entries[msgid] = (catalog, entry)
