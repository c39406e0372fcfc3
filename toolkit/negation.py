"""Whether a translation kept the negations of the Dutch ('Laat een kind nooit alleen in
de auto' is not 'Always leave a child alone in the car').

Per sentence (sentences paired in order when the translation has as many as the Dutch;
otherwise the whole text against the whole text), a Dutch negation (niet, geen, nooit …)
needs a negation in the translation, and a strong negation in the translation needs one
in the Dutch, unless an idiom says a positive thing with it (vergeet niet = remember,
don't forget). The words are in data/facts/negations.tsv per language; weak forms
(without, zonder, avoid, and Chinese characters that sit inside ordinary words) count as
a counterpart but never raise an alarm. Presence is compared, not counts: a double
negation rephrased is not refused. Comparison limits attached to a number ('niet meer dan
4 tabletten', 'no more than 4') are left to the comparison check. A language without lines
in the table (Turkish, whose negation is a verb suffix; Persian, Somali, Tigrinya) is not
checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from . import sentences
from .facts.direction import alternation, comparison_spans, plain, table_rows
from .facts.tables import base
from .staff_language import N_, Said, said

SOURCE_LANG = "nl"


@dataclass(frozen=True)
class Negations:
    strong: re.Pattern
    any: re.Pattern
    idiom: re.Pattern | None


@cache
def negations(lang: str) -> Negations | None:
    rows = [r for r in table_rows("negations.tsv") if r[0] == base(lang)]
    if not rows:
        return None
    strong = [r[1] for r in rows if r[2] == "strong"]
    idiom = [r[1] for r in rows if r[2] == "idiom"]
    return Negations(re.compile(alternation(strong)),
                     re.compile(alternation([r[1] for r in rows if r[2] != "idiom"])),
                     re.compile(alternation(idiom)) if idiom else None)



def _strong(table: Negations, text: str, lang: str) -> str | None:
    """The first strong negation of a sentence that negates the advice: not one inside a
    limit ('niet meer dan 4', 'do not take more than 4'), and none when an idiom says a
    positive thing with it (vergeet niet = remember)."""
    folded = plain(text)
    if table.idiom and table.idiom.search(folded):
        return None
    limits = comparison_spans(text, lang)
    for m in table.strong.finditer(folded):
        if not any(start <= m.start() < end for start, end in limits):
            return m.group(0)
    return None


def _pairs(source: str, target: str, lang: str) -> list[tuple[str, str]]:
    src, tgt = sentences.split(source, SOURCE_LANG), sentences.split(target, lang)
    if len(src) == len(tgt):
        return list(zip(src, tgt, strict=True))
    return [(source, target)]


def _unmatched(source: str, target: str, lang: str, *, in_target: bool) -> list[tuple[str, str]]:
    """(negation word, paired sentence of the other side) for each paired sentence where
    one side has a strong negation and the other has none: the Dutch side's when
    `in_target` is false, the translation's when it is true."""
    nl, other = negations(SOURCE_LANG), negations(lang)
    if nl is None or other is None or not target.strip():
        return []
    has, has_lang, lacks = (other, lang, nl) if in_target else (nl, SOURCE_LANG, other)
    out = []
    for src, tgt in _pairs(source, target, lang):
        mine, theirs = (tgt, src) if in_target else (src, tgt)
        word = _strong(has, mine, has_lang)
        if word and not lacks.any.search(plain(theirs)):
            out.append((word, theirs.strip()))
    return out


@lru_cache(maxsize=4096)
def lost_negations(source: str, target: str, lang: str) -> tuple[Said, ...]:
    """Each negation of the Dutch the translation lost, per sentence."""
    return tuple(said(N_("negation lost: '{word}' has no counterpart in '{sentence}'"),
                      word=word, sentence=sentence)
                 for word, sentence in _unmatched(source, target, lang, in_target=False))


@lru_cache(maxsize=4096)
def added_negations(source: str, target: str, lang: str) -> tuple[Said, ...]:
    """Each negation the translation added to a sentence of the Dutch. Avoidance is often
    said with a negation (blijf uit de zon = do not go out in the sun), so this is a
    reason to look, not to withhold."""
    return tuple(said(N_("negation added: '{word}' is not in the Dutch '{sentence}'"),
                      word=word, sentence=sentence)
                 for word, sentence in _unmatched(source, target, lang, in_target=True))
