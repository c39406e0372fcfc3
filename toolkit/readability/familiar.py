"""Words and acronyms the checker must not call hard, although a frequency list alone
would: acronyms every Dutch reader knows (data/nl_known_acronyms.tsv), everyday words that
general corpora undercount (data/nl_everyday.tsv), and every word the officialese list
itself advises ('inenten' for 'vaccineren'): a checker that flags its own advice teaches
writers to ignore it."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .lexicon import lemma


def _rows(name: str) -> list[list[str]]:
    text = resources.files("toolkit.readability").joinpath(f"data/{name}").read_text(
        encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def known_acronyms() -> frozenset[str]:
    """Acronyms that need no explanation ('GGD', 'RIVM'), in capitals."""
    return frozenset(r[0].strip().upper() for r in _rows("nl_known_acronyms.tsv"))


@cache
def everyday_words() -> frozenset[str]:
    """Base forms of everyday words that word-frequency lists undercount ('bijsluiter')."""
    return frozenset(lemma(r[0].strip().lower()) for r in _rows("nl_everyday.tsv"))


@cache
def advised_words() -> frozenset[str]:
    """Base forms of the single words the bundled officialese list gives as plain
    alternatives (without its placeholders and parenthesised notes)."""
    from .jargon import jargon_list

    out: set[str] = set()
    for e in jargon_list():
        plain = re.sub(r"\([^)]*\)|\{\w+\}|…", " ", e.plain.lower())
        for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", plain):
            out.add(lemma(word))
    return frozenset(out)


def is_familiar(lower: str) -> bool:
    """Whether a lower-case word is known to count as everyday Dutch, whatever its
    frequency in the corpus."""
    base = lemma(lower)
    return base in everyday_words() or base in advised_words() or lower in advised_words()
