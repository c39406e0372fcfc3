"""Is a translation harder to read than its Dutch source? Longer sentences, rarer words.

A plain Dutch A2 sentence deserves a plain translation: a translator who turns "Was je
handen met water en zeep." into "Cleanse your hands utilising an adequate quantity of
detergent" has written B2. For every language with a wordfreq list this compares, per
sentence where the sentences line up and over the whole text otherwise:

* length: words per sentence against the Dutch, allowing for how many words the language
  usually needs for the same content (LENGTH_RATIO) plus half again;
* rare words: a word is rare when it is not among the language's N most frequent word
  forms, where N is the number of Dutch forms with Zipf >= 3.5 (three in a million
  words). Counting by rank rather than by a fixed Zipf value allows for languages that
  spread their frequency over more forms (Turkish, Arabic, Polish and Ukrainian inflect
  and attach more); Arabic words are also looked up without attached particles ('و',
  'ال'). Only the Dutch side is lemmatised: simplemma's Polish dictionary alone takes
  seconds to load, too slow for `check`.

These are warnings for the translator and reviewer; they never block publishing.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache

from ..staff_language import _
from .lexicon import NoData, _wordfreq_data
from .text import split, words

# Words a translation usually needs per Dutch word for the same content. Rough figures
# from the word counts of parallel texts (EU and UN documents, subtitles): English,
# French and Spanish use a few more words than Dutch; Turkish, Arabic and the Slavic
# languages fewer, because they attach articles, prepositions and pronouns to the word.
# Only used with 50 % slack on top; languages not listed count as 1.0.
LENGTH_RATIO = {"en": 1.05, "fr": 1.15, "es": 1.1, "it": 1.05, "pt": 1.1, "de": 0.95,
                "ar": 0.85, "fa": 0.95, "tr": 0.8, "pl": 0.9, "uk": 0.9, "ru": 0.9,
                "bg": 0.95, "cs": 0.9, "so": 1.0, "ti": 0.9, "am": 0.85, "zh": 1.0}
LENGTH_SLACK = 1.5
MIN_EXTRA_WORDS = 5  # a sentence must also be at least this many words longer
MIN_SOURCE_WORDS = 4  # "Bel 112." → three words: ratios of tiny sentences are noise
MIN_EXTRA_RARE = 2  # rare words a sentence may gain before it is flagged
# ... and in a language whose imperatives and case forms are rare as forms even when the
# word is everyday (Polish 'umyj', Ukrainian 'зателефонуйте'): the measure is rougher there
MIN_EXTRA_RARE_RICH = 3
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel and vowel marks


@dataclass(frozen=True)
class Harder:
    """One way a translation is harder than its source: which sentence, and why."""

    kind: str  # "longer" or "rarer"
    message: str
    sentence: int | None = None  # index into the translation's sentences; None: whole text
    words: tuple[str, ...] = ()  # the rare words, for showing


def _pack(lang: str) -> list:
    import msgpack

    path = _wordfreq_data() / f"small_{lang}.msgpack.gz"
    if not path.is_file():
        raise NoData(f"no word-frequency list for {lang!r}")
    with gzip.open(path, "rb") as fh:
        return msgpack.unpackb(fh.read(), raw=False)


# Common means Zipf 3.5 or more in Dutch (about three in a million words, some 12,000
# forms): plain A2/B1 text stays well within them; 'cleanse' and 'lukewarm' do not.
COMMON_ZIPF = 3.5


@cache
def _common(lang: str) -> frozenset[str]:
    """The language's most frequent word forms, as many as Dutch has at COMMON_ZIPF."""
    buckets = round((9 - COMMON_ZIPF) * 100) + 1
    n = sum(len(b) for b in _pack("nl")[1:buckets + 1])
    out: list[str] = []
    for bucket in _pack(lang)[1:]:
        out += bucket
        if len(out) >= n:
            break
    return frozenset(out[:n])


# Languages that inflect or attach much more than Dutch: a form like Turkish 'sabunla'
# ('with soap') or Polish 'mydłem' is rarer than its word. Here a word is common when a
# common form shares its beginning (all but the last four letters, at least four):
# a rough stemmer that does not need a dictionary per language.
RICH_MORPHOLOGY = frozenset("tr pl uk ru cs sk sl hr sr bs bg mk fi et hu lt lv ar fa he "
                            "az kk uz".split())
STEM_KEEP = 4
STEM_DROP = 4


@cache
def _common_stems(lang: str) -> frozenset[str]:
    return frozenset(f[:k] for f in _common(lang) for k in range(STEM_KEEP, len(f) + 1))


def _is_common(word: str, lang: str) -> bool:
    common = _common(lang)
    if any(f in common for f in _forms(word, lang)):
        return True
    if lang in RICH_MORPHOLOGY:
        stems = _common_stems(lang)
        return any(f[:max(STEM_KEEP, len(f) - STEM_DROP)] in stems for f in _forms(word, lang))
    return False


def has_data(lang: str) -> bool:
    """Whether wordfreq has a list for exactly this language."""
    try:
        _common(lang.split("-")[0].lower())
    except NoData:
        return False
    return True


# Arabic writes 'and', 'the', 'with', 'for' onto the word: 'والصابون' is 'and the soap'.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def _forms(word: str, lang: str) -> list[str]:
    """The word, and for Arabic the word without its attached particles."""
    if lang != "ar":
        return [word]
    out = [word]
    for p in _ARABIC_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.append(word[len(p):])
            if p in ("و", "ف"):
                out += [word[len(p) + len(q):] for q in ("ال", "ب", "ل")
                        if word[len(p):].startswith(q) and len(word) - len(p) - len(q) >= 2]
    return out


def rare_words(text: str, lang: str) -> list[str]:
    """Words of `text` outside the language's common forms (names and numbers aside)."""
    base = lang.split("-")[0].lower()
    common = _common(base)
    out = []
    for i, m in enumerate(words(text)):
        w = m.group(0)
        if w[0].isdigit() or (i > 0 and w[0].isupper()) or (w.isupper() and len(w) > 1):
            continue
        low = _ARABIC_MARKS.sub("", w.lower()).replace("’", "'")
        if _is_common(low, base):
            continue
        if base == "nl" and _dutch_lemma(low) in common:
            continue
        if any(part in common for part in low.split("-")) and "-" in low:
            continue
        out.append(w)
    return out


def harder_than_source(source: str, target: str, lang: str,
                       markdown: bool = False) -> list[Harder]:
    """Where `target` (in `lang`) is markedly harder to read than its Dutch `source`;
    [] when it is not, or when there is no word list for the language."""
    base = lang.split("-")[0].lower()
    if not has_data(base) or base == "nl":
        return []
    src = split(source, markdown)
    tgt = split(target, markdown)
    ratio = LENGTH_RATIO.get(base, 1.0)
    extra = MIN_EXTRA_RARE_RICH if base in RICH_MORPHOLOGY else MIN_EXTRA_RARE
    found: list[Harder] = []
    pairs = list(zip(src, tgt)) if len(src) == len(tgt) else []
    for i, (s, t) in enumerate(pairs):
        n_src, n_tgt = len(words(s.text)), len(words(t.text))
        expected = n_src * ratio
        if n_src >= MIN_SOURCE_WORDS and n_tgt > expected * LENGTH_SLACK and \
                n_tgt >= expected + MIN_EXTRA_WORDS:
            found.append(Harder("longer", _("sentence {number} has {n} words where the "
                                            "Dutch has {source} (about {expected} expected "
                                            "in {lang}); keep it as short as the Dutch").format(
                                                number=i + 1, n=n_tgt, source=n_src,
                                                expected=f"{expected:.0f}", lang=base), i))
        rare_src, rare_tgt = _dutch_rare(s.text), rare_words(t.text, base)
        if len(rare_tgt) >= len(rare_src) + extra:
            found.append(Harder("rarer", _("sentence {number} uses uncommon words "
                                           "({words}) where the Dutch has "
                                           "{source}; use everyday words").format(
                                               number=i + 1, words=", ".join(rare_tgt[:4]),
                                               source=len(rare_src) or _("none")), i,
                                tuple(rare_tgt)))
    if not pairs and src and tgt:
        n_src = sum(len(words(s.text)) for s in src)
        n_tgt = sum(len(words(t.text)) for t in tgt)
        per_src, per_tgt = n_src / len(src), n_tgt / len(tgt)
        if n_src >= MIN_SOURCE_WORDS and per_tgt > per_src * ratio * LENGTH_SLACK and \
                per_tgt >= per_src * ratio + MIN_EXTRA_WORDS:
            found.append(Harder("longer", _("{n} words per sentence where the Dutch "
                                            "has {source}; keep the sentences short").format(
                                                n=f"{per_tgt:.0f}", source=f"{per_src:.0f}")))
        rare_src = [w for s in src for w in _dutch_rare(s.text)]
        rare_tgt = [w for t in tgt for w in rare_words(t.text, base)]
        if len(rare_tgt) >= len(rare_src) + extra * max(1, len(src) // 3) and \
                len(rare_tgt) / max(1, n_tgt) > len(rare_src) / max(1, n_src) + 0.05:
            found.append(Harder("rarer", _("{n} uncommon words "
                                           "({words}) where the Dutch has "
                                           "{source}; use everyday words").format(
                                               n=len(rare_tgt), words=", ".join(rare_tgt[:4]),
                                               source=len(rare_src)),
                                words=tuple(rare_tgt)))
    return found


def _dutch_lemma(word: str) -> str:
    from .lexicon import lemma

    return lemma(word)


def _dutch_rare(text: str) -> list[str]:
    return rare_words(text, "nl")
