"""Word knowledge: corpus frequency (wordfreq), syllables (pyphen), compounds, jargon list.

wordfreq and pyphen both fall back silently to another language (wordfreq answers for
'ti' with English); `frequency_lexicon` and `syllable_counter` refuse instead, so a
language without data is reported as not measured rather than scored with English rules.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
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


@lru_cache(maxsize=None)
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


_VOWELS = "aeiou"


@lru_cache(maxsize=65536)
def dutch_base_forms(word: str) -> tuple[str, ...]:
    """Likely base forms of an inflected Dutch word: participles and past tenses to the
    infinitive, plurals and inflected adjectives to the stem. Rough, and only used to look
    up frequencies."""
    w = word
    out: list[str] = []

    def infinitives(stem: str) -> list[str]:
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

    core = w
    m = re.match(r"^(\w*?)ge(\w{3,})$", w)
    if m and (w.endswith(("d", "t", "en"))):
        core = m.group(1) + m.group(2)
    if core.endswith(("d", "t")) and len(core) > 4:
        out += infinitives(core[:-1])
    if core.endswith("en") and core != w:
        out.append(core)
    if w.endswith(("de", "te")) and len(w) > 5:
        out += infinitives(w[:-2])
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


@lru_cache(maxsize=None)
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
    return len(_pyphen(lang).positions(word.lower())) + 1


_LINKS = ("s", "e", "en", "er")
# Pieces that are words on their own but, at the edge of a longer word, are usually a
# prefix or suffix: 'ver-taal-slag' is not 'ver' + 'taalslag', 'gen-eren' not a compound.
_NOT_HEADS = frozenset("ver be ge ont her er mis gen int on in re de".split())


@lru_cache(maxsize=65536)
def compound_parts(word: str, lang: str = "nl", known: float = 3.3) -> tuple[str, ...]:
    """Split a compound into known words ('huisartsenpost' → huisartsen, post), or ()."""
    w = word.lower().replace("-", "")
    if len(w) < 7:
        return ()
    lex = frequency_lexicon(lang)

    def is_part(piece: str) -> bool:
        # a three-letter piece must be a very common word ('arm', 'dag'), not 'tie'
        return lex.get(piece, 0) >= (known if len(piece) > 3 else 4.5)

    for i in range(len(w) - 3, 2, -1):  # prefer a long first part
        left, right = w[:i], w[i:]
        heads = [left] + [left[: -len(s)] for s in _LINKS
                          if left.endswith(s) and len(left) > len(s) + 2]
        right_ok = is_part(right)
        if not right_ok and not (len(right) >= 7 and compound_parts(right, lang)):
            continue
        for head in heads:
            if head not in _NOT_HEADS and is_part(head):
                rest = (right,) if right_ok else compound_parts(right, lang)
                return (head, *rest)
    return ()


@dataclass(frozen=True)
class JargonEntry:
    term: str  # lower case; may be several words; a trailing * matches any ending
    plain: str
    kind: str


def _parse_jargon(text: str, source: str) -> list[JargonEntry]:
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise ValueError(f"{source}:{n}: expected 'term<TAB>plain alternative[<TAB>kind]'")
        entries.append(JargonEntry(parts[0].strip().lower(), parts[1].strip(),
                                   parts[2].strip() if len(parts) > 2 else "officialese"))
    return entries


@lru_cache(maxsize=8)
def jargon_list(extra: Path | None = None) -> tuple[JargonEntry, ...]:
    """The bundled starter list, plus a project's own list when given."""
    bundled = resources.files("toolkit.readability").joinpath("data/nl_jargon.tsv")
    entries = _parse_jargon(bundled.read_text(encoding="utf-8"), "nl_jargon.tsv")
    if extra is not None:
        entries += _parse_jargon(extra.read_text(encoding="utf-8"), str(extra))
    return tuple(entries)


@lru_cache(maxsize=8)
def jargon_matcher(extra: Path | None = None) -> tuple[re.Pattern, dict[str, JargonEntry]]:
    """One regex for the whole list (longest terms first) and a lookup for what matched."""
    entries = jargon_list(extra)
    exact = {e.term.rstrip("*"): e for e in entries}
    parts = []
    for e in sorted(entries, key=lambda e: -len(e.term)):
        stem = re.escape(e.term.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(stem + (r"\w*" if e.term.endswith("*") else ""))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    return pattern, exact


def lookup_jargon(matched: str, extra: Path | None = None) -> JargonEntry:
    """The list entry behind a match (exact term first, then the longest prefix term)."""
    _, exact = jargon_matcher(extra)
    key = re.sub(r"\s+", " ", matched.lower())
    if key in exact:
        return exact[key]
    best = max((t for t, e in exact.items() if e.term.endswith("*") and key.startswith(t)),
               key=len)
    return exact[best]
