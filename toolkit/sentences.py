"""Sentences and steps of one text in any language, cheaply, for the translation checks.

A full stop, question or exclamation mark ends a sentence when whitespace and a sentence
start follow (a capital, a digit, a quote, or a letter of a script without case such as
Arabic or Ge'ez) and it does not close a known abbreviation (toolkit/data/facts/
abbreviations.tsv). Chinese and Ethiopic marks (。！？።) end a sentence without a space.
Lines that start with a list bullet or number are steps.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

from .facts.tables import base

_END = re.compile(r"[.!?…؟۔]+[\"'”’»)\]]*(?=\s)|[。！？።፧]+[”’」』)]*")
_STEP = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.MULTILINE)
_OPENERS = "\"'“‘«(["


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, frozenset[str]]:
    text = resources.files("toolkit").joinpath("data/facts/abbreviations.tsv").read_text(
        encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lang, forms = line.split("\t")
            out[lang] = frozenset(forms.split())
    return out


def abbreviations(lang: str) -> frozenset[str]:
    table = _abbreviations()
    return table.get("*", frozenset()) | table.get(base(lang), frozenset())


def _starts_sentence(rest: str) -> bool:
    rest = rest.lstrip().lstrip(_OPENERS)
    if not rest:
        return False
    c = rest[0]
    return c.isupper() or c.isdigit() or (c.isalpha() and not c.islower())


def split(text: str, lang: str) -> list[str]:
    """The sentences of `text`, in order; each line is at least one sentence."""
    known = abbreviations(lang)
    out = []
    for line in text.splitlines():
        line = _STEP.sub("", line, count=1).strip()
        begin = 0
        for m in _END.finditer(line):
            end = m.end()
            if end >= len(line.rstrip()):
                continue
            if m.group(0)[0] in "。！？።፧":
                out.append(line[begin:end])
                begin = end
                continue
            word = line[:m.start() + 1].split()[-1].lstrip(_OPENERS).lower()
            if m.group(0) == "." and (word in known or re.fullmatch(r"(?:\w\.){2,}", word)
                                      or re.fullmatch(r"[^\W\d_]\.", word)):
                continue
            if _starts_sentence(line[end:]):
                out.append(line[begin:end])
                begin = end
        out.append(line[begin:])
    return [s.strip() for s in out if re.search(r"\w", s)]


@lru_cache(maxsize=1)
def _conjunctions() -> dict[str, tuple[re.Pattern, ...]]:
    text = resources.files("toolkit").joinpath("data/facts/conjunctions.tsv").read_text(
        encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lang, forms = line.split("\t")
            pats = []
            for f in forms.split():
                if f.endswith("-"):  # a prefix: و-استخدم
                    pats.append(re.compile(rf"(?<!\w){re.escape(f[:-1])}(?=\w{{3}})"))
                elif f.startswith("-"):  # a suffix: Turkish gelip
                    pats.append(re.compile(rf"(?<=\w\w){re.escape(f[1:])}(?!\w)"))
                else:
                    pats.append(re.compile(rf"(?<!\w){re.escape(f)}(?!\w)", re.I))
            out[lang] = tuple(pats)
    return out


def joints(text: str, lang: str) -> int:
    """Places where two clauses may have been joined: commas, semicolons, dashes and the
    language's joining words (and, then, و …)."""
    n = len(re.findall(r"[,;:،؛，；、]|\s[–—]\s", text))
    return n + sum(len(p.findall(text)) for p in _conjunctions().get(base(lang), ()))


def steps(text: str) -> int:
    """How many list items (bulleted or numbered lines) `text` has."""
    return len(_STEP.findall(text))


def size(text: str) -> int:
    """Letters and digits: a length that means the same in every script."""
    return sum(1 for c in text if c.isalnum())


def _misfit(src: list[float], tgt: list[int]) -> float:
    """How badly sentence lengths pair up one to one: the sum of squared log ratios."""
    return sum(math.log(max(t, 1) / max(s, 1.0)) ** 2 for s, t in zip(src, tgt))


def dropped_fits_better(src: list[float], tgt: list[int]) -> tuple[float, int | None]:
    """With one sentence fewer in the translation: how much better the lengths pair up
    when one Dutch sentence was left out than when two neighbours were joined (positive:
    left out fits better), and which one. `src`: Dutch lengths scaled to the language."""
    if len(tgt) != len(src) - 1 or len(tgt) < 2:
        return 0.0, None
    drop, k = min((_misfit(src[:k] + src[k + 1:], tgt), k) for k in range(len(src)))
    join = min(_misfit(src[:k] + [src[k] + src[k + 1]] + src[k + 2:], tgt)
               for k in range(len(src) - 1))
    return join - drop, k
