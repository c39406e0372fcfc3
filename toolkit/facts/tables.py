"""The word tables behind the fact check, read once from toolkit/data/facts/*.tsv.

Units, month names, small numbers written as words and number separators differ per
language; they live in tab-separated tables so that a language is added by adding lines,
not code. Each table's header says what its columns mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ANY = "*"
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Unit:
    id: str
    dimension: str
    factor: float
    role: str
    label: str


@dataclass(frozen=True)
class Separators:
    decimal: str
    group: str
    length: float  # letters of a translation per letter of Dutch, typically


def _rows(name: str) -> list[list[str]]:
    text = resources.files("toolkit").joinpath("data", "facts", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def base(lang: str) -> str:
    """'pt-BR' → 'pt'; the tables are per language, not per region."""
    return lang.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    return {r[0]: Unit(r[0], r[1], float(r[2]), r[3], r[4]) for r in _rows("units.tsv")}


@lru_cache(maxsize=1)
def separators() -> dict[str, Separators]:
    return {r[0]: Separators(r[1], r[2], float(r[3])) for r in _rows("languages.tsv")}


def separators_for(lang: str) -> Separators:
    """A language's separators; an unknown language reads every separator both ways."""
    return separators().get(base(lang), Separators("", "", 1.0))


_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _form_pattern(form: str) -> str:
    """A regex for one table form: `*` at the end = any inflected ending; `_` or a space
    = some whitespace; a boundary after letters except for scripts without spaces."""
    form = _MARKS.sub("", form)
    stem = form.endswith("*")
    word = form.rstrip("*")
    parts = [re.escape(p) for p in re.split(r"[ _]", word)]
    pat = r"\s+".join(parts)
    if stem:
        return pat + r"[^\W\d_]*"
    if word[-1:].isalnum() and not _CJK.match(word[-1]):
        return pat + r"(?![^\W\d_])"
    return pat


@dataclass(frozen=True)
class Lexicon:
    """The compiled word tables of one language (plus the language-neutral symbols)."""

    after: re.Pattern  # a unit word right after a number
    period: re.Pattern | None  # how often without a number: per dag, daily, щодня
    before: re.Pattern  # a unit word right before a number
    numbers: re.Pattern | None  # small numbers written as words
    months: re.Pattern | None
    counted: re.Pattern | None  # words that carry their own count (قرصين, twice)
    exact: dict  # (position, form) → (unit id, count)
    stems: tuple  # ((compiled stem, position, (unit id, count)), ...), longest first
    number_lookup: tuple
    month_lookup: tuple


def _alternation(forms: list[str]) -> str:
    forms = sorted(set(forms), key=lambda f: (-len(f.rstrip("*")), f))
    return "|".join(f"(?:{_form_pattern(f)})" for f in forms)


@lru_cache(maxsize=64)
def lexicon(lang: str) -> Lexicon:
    lang = base(lang)
    langs = {ANY, lang}
    after: list[str] = []
    before: list[str] = []
    period: list[str] = []
    lookup: list = []
    counted: list = []
    exact: dict[tuple[str, str], tuple[str, int | None]] = {}
    for row in _rows("forms.tsv"):
        row += [""] * (5 - len(row))
        code, unit, form, position, count = row[:5]
        if code not in langs:
            continue
        {"before": before, "period": period}.get(position, after).append(form)
        found = (unit, int(count) if count else None)
        if form.endswith("*"):
            lookup.append((len(form), re.compile(_form_pattern(form) + r"\Z", re.I),
                           position, found))
        else:
            exact.setdefault((position, _key(form)), found)
        if count:
            counted.append(form)
    stems = [row[1:] for row in sorted(lookup, key=lambda r: -r[0])]  # most specific first
    number_lookup = []
    for code, value, forms in _rows("number_words.tsv"):
        if code == lang:
            number_lookup += [(re.compile(_form_pattern(f) + r"\Z", re.I), float(value))
                              for f in forms.split()]
    month_lookup = []
    for code, month, forms in _rows("months.tsv"):
        if code == lang:
            month_lookup += [(re.compile(_form_pattern(f) + r"\Z", re.I), int(month))
                             for f in forms.split()]
    nums = [p.pattern[:-2] for p, _ in number_lookup]
    months = [p.pattern[:-2] for p, _ in month_lookup]
    return Lexicon(
        after=re.compile(r"[\s\u00a0\u202f-]{0,2}(?:" + _alternation(after) + ")", re.I),
        period=re.compile(r"(?<![^\W\d_])(?:" + _alternation(period) + ")", re.I)
        if period else None,
        before=re.compile(r"(?<![^\W\d_])(?:" + _alternation(before)
                          + r")\.?[\s\u00a0\u202f]{0,2}\Z", re.I),
        numbers=re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(nums, key=len, reverse=True))
                           + ")", re.I) if nums else None,
        months=re.compile("(?:" + "|".join(sorted(months, key=len, reverse=True)) + ")", re.I)
        if months else None,
        counted=re.compile(r"(?<![^\W\d_])(?:" + _alternation(counted) + ")", re.I)
        if counted else None,
        exact=exact, stems=tuple(stems), number_lookup=tuple(number_lookup),
        month_lookup=tuple(month_lookup))


def _key(form: str) -> str:
    return " ".join(_MARKS.sub("", form).replace("_", " ").split()).lower()


def resolve_unit(lex: Lexicon, word: str, position: str) -> tuple[str, int | None] | None:
    """The unit id (and carried count) of a matched unit word."""
    word = word.strip(" \u00a0\u202f-.")
    found = lex.exact.get((position, _key(word)))
    if found:
        return found
    for pattern, pos, found in lex.stems:
        if pos == position and pattern.match(word):
            return found
    return None


def resolve(table: tuple, word: str) -> int | None:
    for pattern, value in table:
        if pattern.match(word):
            return value
    return None
