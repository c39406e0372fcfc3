"""Readability budgets per level: what a message at A2 or B1 may contain at most.

The defaults follow Dutch plain-language guidance: B1 text has sentences of about ten
words, and a sentence over fifteen gets a flag; over twenty it fails (the City of
Amsterdam's own plain-language edits keep 92 % of sentences within twenty words). Few
uncommon words, active voice, at most two subordinate clauses per sentence; A2 is
stricter on each. A site can override any limit in
site.toml ([readability.A2] / [readability.B1]); a message can be waived with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Budget:
    """Limits for one level. A message over any of them fails its level."""

    max_sentence_words: int
    """No sentence longer than this many words."""
    advice_sentence_words: int
    """Sentences longer than this get a 'consider splitting' flag, without failing."""
    max_average_words: float
    """Average words per sentence over the whole message."""
    max_uncommon_share: float
    """Share of words that are uncommon, jargon or unexplained abbreviations."""
    max_passive_share: float
    """Share of sentences in the passive voice."""
    max_subordinate_per_sentence: int
    """Subordinate clauses in one sentence ('omdat …', ', die …')."""
    max_content_words_per_clause: float
    """Content words (nouns, verbs, adjectives, adverbs) per clause in one sentence."""
    max_jargon: int
    """Officialese or jargon words from the list, in the whole message."""
    max_unexplained_abbreviations: int
    """Abbreviations not written out in the message (bijv., CPB)."""


DEFAULTS: dict[str, Budget] = {
    "A2": Budget(max_sentence_words=12, advice_sentence_words=10, max_average_words=9, max_uncommon_share=0.05,
                 max_passive_share=0.0, max_subordinate_per_sentence=1,
                 max_content_words_per_clause=6, max_jargon=0,
                 max_unexplained_abbreviations=0),
    "B1": Budget(max_sentence_words=20, advice_sentence_words=15, max_average_words=10, max_uncommon_share=0.08,
                 max_passive_share=0.1, max_subordinate_per_sentence=2,
                 max_content_words_per_clause=8, max_jargon=1,
                 max_unexplained_abbreviations=0),
}
LEVELS = tuple(DEFAULTS)
FIELDS = tuple(f.name for f in fields(Budget))


def budget_for(level: str, overrides: dict[str, dict[str, float]] | None = None) -> Budget:
    """The default budget of `level` with a site's overrides applied."""
    if level not in DEFAULTS:
        raise ValueError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    changes: dict[str, Any] = dict((overrides or {}).get(level, {}))
    return replace(DEFAULTS[level], **changes)
