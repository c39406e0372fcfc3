"""Help for the translator on the review screen, as a translation platform gives it:
translation-memory suggestions, glossary hints, and search and filter by state.

Suggestions come from the language's other reviewed entries (the project's own approved
translations) and from the machine-translation memory (.klaar/translation-memory.sqlite3),
ranked by how much of the Dutch they share with the entry. Glossary hints list the
do-not-translate terms and the required renderings (site.toml [glossary]) that occur in
the entry's Dutch, so the translator sees them before the save-time check refuses.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass

import polib

from .catalog import Catalog, State, state
from .config import Config
from .staff_language import N_, _

MIN_SIMILARITY = 0.6
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    source: str  # the Dutch it was made for
    target: str
    similarity: int  # percent of the Dutch shared with the entry
    origin: str  # "reviewed" or "machine memory"


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower().split(), b.lower().split()).ratio()


def memory_pairs(config: Config, lang: str) -> list[tuple[str, str]]:
    """(Dutch, translation) pairs of the machine-translation memory for source→lang."""
    path = config.root / ".klaar" / "translation-memory.sqlite3"
    if not path.is_file():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            rows = db.execute("SELECT source, target FROM memory WHERE source_lang=? AND "
                              "target_lang=?", (config.source_language, lang)).fetchall()
    except sqlite3.Error:
        return []
    return [(s, t) for s, t in rows]


def suggestions(config: Config, catalog: Catalog, entry: polib.POEntry,
                memory: list[tuple[str, str]] | None = None) -> list[Suggestion]:
    """The closest reviewed translations of similar Dutch, then machine memory."""
    found: dict[str, Suggestion] = {}
    for other in catalog.po:
        if other is entry or other.obsolete or state(other) is not State.REVIEWED:
            continue
        r = _ratio(entry.msgid, other.msgid)
        if r >= MIN_SIMILARITY and other.msgstr not in found:
            found[other.msgstr] = Suggestion(other.msgid, other.msgstr, round(r * 100),
                                             "reviewed")
    for source, target in memory if memory is not None else memory_pairs(config,
                                                                        catalog.lang):
        r = _ratio(entry.msgid, source)
        if r >= MIN_SIMILARITY and target not in found and target != entry.msgstr:
            found[target] = Suggestion(source, target, round(r * 100), "machine memory")
    ranked = sorted(found.values(), key=lambda s: (s.origin != "reviewed", -s.similarity))
    return ranked[:MAX_SUGGESTIONS]


def glossary_hints(config: Config, lang: str, source: str) -> list[str]:
    """The glossary terms in this Dutch text, and how each must appear in `lang`."""
    hints = []
    for term in config.glossary.do_not_translate:
        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", source, re.IGNORECASE):
            hints.append(_("“{term}” stays as it is").format(term=term))
    for nl, required in config.glossary.required.get(lang, {}).items():
        if nl.lower() in source.lower():
            hints.append(_("“{term}” is translated as “{required}”").format(term=nl,
                                                                           required=required))
    return hints


STATE_FILTERS = ("all", State.UNTRANSLATED.value, State.MACHINE.value,
                 State.NEEDS_REVIEW.value, "fails a check")
# The words the screen shows for the filters, states and suggestion origins (their
# English names stay the values in forms and data).
SHOWN_WORDS = (N_("all"), N_("untranslated"), N_("machine draft"), N_("needs review"),
               N_("reviewed"), N_("fails a check"), N_("machine memory"))


def matches(item: dict, state_filter: str, query: str) -> bool:
    """Filter by state (or failing a check) and search the Dutch and the translation."""
    if state_filter == "fails a check" and not item["findings"]:
        return False
    if state_filter not in ("all", "fails a check", "") and item["state"] != state_filter:
        return False
    q = query.strip().lower()
    return not q or q in item["source"].lower() or q in (item["draft"] or "").lower() \
        or q in item["key"].lower()


__all__ = ["STATE_FILTERS", "Suggestion", "glossary_hints", "matches", "suggestions"]
