"""Word knowledge: corpus frequency (wordfreq), base forms (simplemma), syllables (pyphen),
compounds. The officialese list is in jargon.py.

wordfreq and pyphen both fall back silently to another language (wordfreq answers for
'ti' with English); `frequency_lexicon` and `syllable_counter` refuse instead, so a
language without data is reported as not measured rather than scored with English rules.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache
from pathlib import Path


class NoData(LookupError):
    """There is no word data for this language: the measure is 'not measured'."""


def _wordfreq_data() -> Path:
    """wordfreq's data folder, found without importing wordfreq: its import pulls in
    langcodes and ftfy and costs more (0.4 s) than checking a whole site."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise NoData("the wordfreq package is not installed")
    return Path(spec.submodule_search_locations[0]) / "data"


def _wordlist(lang: str) -> Path | None:
    base = lang.split("-")[0].lower()
    data = _wordfreq_data()
    for size in ("large", "small"):  # wordfreq's "best" list: large where there is one
        path = data / f"{size}_{base}.msgpack.gz"
        if path.is_file():
            return path
    return None


def has_frequency_list(lang: str) -> bool:
    """Whether wordfreq has a list for exactly this language (wordfreq itself answers
    for others with the nearest match, e.g. English for Tigrinya)."""
    return _wordlist(lang) is not None


@cache
def frequency_lexicon(lang: str) -> dict[str, float]:
    """Word → Zipf frequency (log10 of occurrences per billion words: 7 for 'de', about 3
    for a word most adults know) for `lang`; NoData when wordfreq has no list for it.

    Reads wordfreq's "cBpack" file: after a header, list i holds the words whose
    frequency is -i centibels, that is Zipf 9 - i/100.
    """
    import gzip

    import msgpack

    path = _wordlist(lang)
    if path is None:
        raise NoData(f"no word-frequency list for {lang!r}")
    with gzip.open(path, "rb") as fh:
        pack = msgpack.unpackb(fh.read(), raw=False)
    header, buckets = pack[0], pack[1:]
    if header.get("format") != "cB" or header.get("version") != 1:
        raise NoData(f"{path.name}: unknown wordfreq data format {header!r}")
    lexicon: dict[str, float] = {}
    for i, bucket in enumerate(buckets):
        lexicon.update(dict.fromkeys(bucket, round(9 - i / 100, 2)))
    return lexicon


def zipf(word: str, lang: str = "nl") -> float:
    """Zipf frequency of a word: 7 for 'de', about 3 for a word most readers know, 0 unknown.

    For Dutch, an inflected form counts as common when its base form is: 'verschoond' is
    as easy as 'verschonen' for a reader who knows the verb.
    """
    lex = frequency_lexicon(lang)
    w = word.lower().replace("’", "'")
    found = lex.get(w, 0.0)
    if lang == "nl" and found < 4.0:
        found = max([found, *(lex.get(c, 0.0) - 0.3 for c in dutch_base_forms(w))])
    return found


# No Dutch word is longer than this (the longest in dictionaries have about 40 letters).
# Longer 'words' (a pasted hash, a run of letters) get no look-ups: splitting them into
# compounds or syllables costs time that grows faster than their length.
LONGEST_WORD = 45


_LEMMAS: list = []  # a memo.Table of base forms found before (the build sets one)


def use_lemma_table(table) -> None:
    """Keep base forms on disk too (the build does): simplemma's dictionary takes most of
    a second to load, and a build that checks one edited message needs only the words
    it has not seen before. The table's name holds simplemma's version (`lemma_table`)."""
    _LEMMAS[:] = [table] if table is not None else []


def lemma_table_kind() -> str:
    """The cache kind of the base-form table: a new simplemma finds new base forms."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"lemmas-{version('simplemma')}"
    except PackageNotFoundError:
        return "lemmas"


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Base form of a lower-case Dutch word from simplemma's offline dictionary
    ('genomen' → 'nemen', 'uitnodigingen' → 'uitnodiging'); the word itself when unknown."""
    if len(word) > LONGEST_WORD:
        return word
    table = _LEMMAS[0] if _LEMMAS else None
    if table is not None:
        known = table.get(word)
        if isinstance(known, str):
            return known
    import simplemma

    base = simplemma.lemmatize(word, lang="nl").lower().replace("_", "") or word
    if table is not None:
        table.put(word, base)
    return base


_VOWELS = "aeiou"


def stem_infinitives(stem: str) -> list[str]:
    """Infinitives a verb stem may belong to: 'maak' → 'maken', 'nies' → 'niezen'."""
    forms = [stem + "en"]
    # open syllable: 'verschoon' → 'verschonen', 'maak' → 'maken'
    if len(stem) >= 3 and stem[-2] in _VOWELS and stem[-3] == stem[-2]:
        forms.append(stem[:-2] + stem[-1] + "en")
    # doubled consonant: 'zet' → 'zetten'
    if len(stem) >= 2 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS:
        forms.append(stem + stem[-1] + "en")
    # f/v and s/z alternation: 'leef' → 'leven'
    if stem.endswith("f"):
        forms += [f[:-3] + "ven" for f in forms if f.endswith("fen")]
    if stem.endswith("s"):
        forms += [f[:-3] + "zen" for f in forms if f.endswith("sen")]
    return forms


@lru_cache(maxsize=65536)
def dutch_base_forms(word: str) -> tuple[str, ...]:
    """Likely base forms of an inflected Dutch word: participles and past tenses to the
    infinitive, plurals and inflected adjectives to the stem. Rough, and only used to look
    up frequencies."""
    w = word
    out: list[str] = []

    core = w
    m = re.match(r"^(\w*?)ge(\w{3,})$", w)
    if m and (w.endswith(("d", "t", "en"))):
        core = m.group(1) + m.group(2)
    if core.endswith(("d", "t")) and len(core) > 4:
        out += stem_infinitives(core[:-1])
    if core.endswith("en") and core != w:
        out.append(core)
    if w.endswith(("de", "te")) and len(w) > 5:
        out += stem_infinitives(w[:-2])
    if w.endswith("en") and len(w) > 5:
        stem = w[:-2]
        out.append(stem)
        if len(stem) >= 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
        elif len(stem) >= 2 and stem[-2] in _VOWELS and stem[-1] not in _VOWELS:
            out.append(stem[:-1] + stem[-2] + stem[-1])
    if w.endswith("s") and len(w) > 4:
        out.append(w[:-1])
        out.append(w[:-2] if w.endswith("'s") else w[:-1])
    if w.endswith("e") and len(w) > 4:
        out.append(w[:-1])
    return tuple(dict.fromkeys(c for c in out if c != w))


@cache
def _pyphen(lang: str):
    import pyphen

    # pyphen maps unknown languages to the closest dictionary it has; demand an exact one.
    for candidate in (lang.replace("-", "_"), lang.split("-")[0]):
        if candidate in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=candidate)
    if lang == "nl":
        return pyphen.Pyphen(lang="nl_NL")
    raise NoData(f"no hyphenation dictionary for {lang!r}")


@lru_cache(maxsize=65536)
def syllables(word: str, lang: str = "nl") -> int:
    """Syllable count from the language's hyphenation patterns (as textstat does)."""
    if word.isdigit():
        return max(1, len(word) // 2)
    if len(word) > LONGEST_WORD:
        return len(word) // 3
    return len(_pyphen(lang).positions(word.lower())) + 1


_LINKS = ("s", "e", "en", "er")
# Pieces that are words on their own but, at the edge of a longer word, are usually a
# prefix or suffix: 'ver-taal-slag' is not 'ver' + 'taalslag', 'gen-eren' not a compound.
_NOT_HEADS = frozenset("ver be ge ont her er mis gen int on in re de".split())


@lru_cache(maxsize=65536)
def compound_parts(word: str, lang: str = "nl", known: float = 3.0) -> tuple[str, ...]:
    """Split a compound into known words ('huisartsenpost' → huisartsen, post), or ()."""
    w = word.lower().replace("-", "")
    if len(w) < 7 or len(w) > LONGEST_WORD:
        return ()
    lex = frequency_lexicon(lang)

    def is_part(piece: str, last: bool = False) -> bool:
        # a three-letter piece must be a very common word ('arm', 'dag'), not 'tie' or
        # 'lag' (vertaal-slag) or 'end' (flanker-end)
        if len(piece) <= 3:
            return lex.get(piece, 0) >= 4.5
        return lex.get(piece, 0) >= known

    for i in range(len(w) - 3, 2, -1):  # prefer a long first part
        left, right = w[:i], w[i:]
        heads = [left] + [left[: -len(s)] for s in _LINKS
                          if left.endswith(s) and len(left) > len(s) + 2]
        right_ok = is_part(right, last=True)
        if not right_ok and not (len(right) >= 7 and compound_parts(right, lang)):
            continue
        for head in heads:
            if head not in _NOT_HEADS and is_part(head):
                rest = (right,) if right_ok else compound_parts(right, lang)
                return (head, *rest)
    return ()
