"""The comparison a number comes with (boven 38 graden, under 12 years, 38 derecenin
üstünde), and whether the translation turned it round.

Each language's comparison words are in data/facts/comparisons.tsv with a direction (+:
more, later, from; -: less, earlier, until) and their place (before the number, or after
it and its unit). A number of the Dutch and the matching number of the translation (as
the fact check pairs them) are compared only when both come with a comparison: a
translation whose words the table does not know is not checked, never refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..staff_language import N_, Said, said
from .compare import _match
from .extract import _MARKS, DIGITS, Fact, extract
from .tables import base

_CJK = re.compile(r"[\u3000-\u9fff]")
_REACH = 48  # letters looked at either side of a number
_GAP = r"(?:[^\s\d.,;:!?،؛。，！？]+[^\S\n]*){0,2}?"  # the unit, maybe a word more


def table_rows(name: str) -> list[list[str]]:
    text = resources.files("toolkit").joinpath("data", "facts", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def fold(text: str) -> str:
    """Lower case (letter for letter: İ stays), without Arabic vowel marks, with one kind
    of apostrophe."""
    text = _MARKS.sub("", text).replace("’", "'")
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def form_pattern(form: str) -> str:
    """A table form as a regex: a space = whitespace, * = letters; a word boundary on
    each side, except next to Chinese characters."""
    pieces = [r"[^\W\d_]*" if p == "*" else re.escape(p)
              for p in re.split(r"(\*)", fold(form).strip())]
    pat = r"\s+".join("".join(pieces).split(r"\ "))
    pat = re.sub(r"\s+", r"\\s+", pat)
    head = "" if _CJK.match(form[0]) or form[0] == "*" else r"(?<![^\W\d_])"
    tail = "" if _CJK.match(form[-1]) or form[-1] == "*" else r"(?![^\W\d_])"
    return head + pat + tail


def alternation(forms: list[str]) -> str:
    return "|".join(f"(?:{form_pattern(f)})" for f in sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class Comparisons:
    before: re.Pattern | None
    after: re.Pattern | None
    signs: tuple[tuple[re.Pattern, str], ...]  # each form, longest first, → + or -


@cache
def comparisons(lang: str) -> Comparisons | None:
    rows = [r for r in table_rows("comparisons.tsv") if r[0] == base(lang)]
    if not rows:
        return None
    places = {"before": [r[1] for r in rows if r[3] == "before"],
              "after": [r[1] for r in rows if r[3] == "after"]}
    before = (re.compile(f"(?:{alternation(places['before'])})[^\\S\\n]*\\Z")
              if places["before"] else None)
    after = (re.compile(f"[^\\S\\n]*{_GAP}(?:{alternation(places['after'])})")
             if places["after"] else None)
    signs = tuple((re.compile(form_pattern(r[1])), r[2])
                  for r in sorted(rows, key=lambda r: -len(r[1])))
    return Comparisons(before, after, signs)


def _sign(table: Comparisons, phrase: str) -> str:
    """The direction of a phrase the text says: that of the longest table form it is."""
    return next((sign for pattern, sign in table.signs if pattern.fullmatch(phrase)), "")


@dataclass(frozen=True)
class Direction:
    sign: str  # + or -, or "" when a negation next to it makes it unclear
    words: str  # the comparison as written
    start: int  # where the comparison words stand in the folded text
    end: int


def plain(text: str) -> str:
    """The text as the facts are read from it (offsets of facts point into this)."""
    return fold(_MARKS.sub("", text).translate(DIGITS))


def _negated(text: str, at: int, lang: str) -> int | None:
    """Where a negation right before a comparison, or one word before it, starts ('do not
    take more than', 'لا تتناول أكثر من', but also 'has not gone after'): the direction is
    then not read, and the negation is left to the comparison."""
    from ..negation import negations  # the negation check uses this module

    table = negations(lang)
    if table is None:
        return None
    near = re.compile(f"(?:{table.strong.pattern})(?:[^\\S\\n]+[^\\W\\d_']+)?"
                      f"[^\\S\\n]*\\Z")
    m = near.search(text, max(0, at - _REACH), at)
    return m.start() if m else None


def direction(text: str, fact: Fact, lang: str) -> Direction | None:
    """The comparison `fact` comes with in `text` (as given by plain()), or None."""
    table = comparisons(lang)
    if table is None or fact.kind in ("phone", "url", "email", "date"):
        return None
    start, end = fact.start, fact.start + len(fact.text)
    if table.before:
        lead = max(0, start - _REACH)
        m = table.before.search(text, lead, start)
        if m:
            words = m.group(0).strip()
            sign = _sign(table, words)
            begin = _negated(text, m.start(), lang)
            if begin is not None:  # 'do not take more than 8' = at most 8; 'has not gone
                return Direction("", text[begin:m.start() + len(words)], begin,  # after'
                                 m.start() + len(words))
            if sign:
                return Direction(sign, words, m.start(), m.start() + len(words))
    if table.after:
        # The unit may be part of the fact (12 yaşından) and of the form (*dan küçük).
        unit = re.search(r"(?<=\s)[^\W\d_]+\Z", text[start:end])
        end = start + unit.start() if unit else end
        m = table.after.match(text, end, min(len(text), end + _REACH))
        if m:  # the form is the shortest tail of the match that is one
            for cut in range(end, m.end()):
                sign = _sign(table, text[cut:m.end()])
                if sign and not text[cut].isspace():
                    return Direction(sign, text[cut:m.end()], cut, m.end())
    return None


def _said(text: str, d: Direction, fact: Fact) -> str:
    """The number with its comparison, as the text writes them."""
    return text[min(d.start, fact.start):max(d.end, fact.start + len(fact.text))]


@lru_cache(maxsize=4096)
def reversed_comparisons(source: str, target: str, lang: str, source_lang: str = "nl"
                         ) -> tuple[Said, ...]:
    """Every number whose comparison the translation turned round: 'boven 38 graden' →
    'below 38 degrees'. Numbers without a known comparison on either side are skipped."""
    if comparisons(lang) is None:
        return ()
    src_text, tgt_text = plain(source), plain(target)
    src, tgt = extract(source, source_lang), extract(target, lang)
    out = []
    for i, j in sorted(_match(src, tgt).items()):
        s = direction(src_text, src[i], source_lang)
        t = direction(tgt_text, tgt[j], lang)
        if s and t and s.sign and t.sign and s.sign != t.sign:
            out.append(said(N_("comparison reversed: '{source}' → '{target}'"),
                            source=_said(src_text, s, src[i]),
                            target=_said(tgt_text, t, tgt[j])))
    return tuple(out)


def comparison_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where comparison words attached to a number stand in plain(text), with a negation
    right before them: 'niet meer dan 4' and 'do not take more than 4' set a limit."""
    folded = plain(text)
    found = (direction(folded, f, lang) for f in extract(text, lang))
    return [(d.start, d.end) for d in found if d]
