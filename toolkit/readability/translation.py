"""Is a translation harder to read than its Dutch source? Longer sentences, rarer words.

A plain Dutch A2 sentence deserves a plain translation: a translator who turns "Was je
handen met water en zeep." into "Cleanse your hands utilising an adequate quantity of
detergent" has written B2. For every language with a wordfreq list this compares, per
sentence where the sentences line up and over the whole text otherwise:

* length: words per sentence against the Dutch, allowing for how many words the language
  usually needs for the same content (LENGTH_RATIO) plus 40 % and at least five words;
* rare words: how many words fall below everyday frequency (Zipf 4, about ten in a
  million words in Dutch; an A2 reader's vocabulary lies well within it), in the
  translation against the Dutch. A language that spreads its frequency over more forms
  (Turkish, Arabic, Polish and Ukrainian inflect and attach more) is measured by rank:
  a form counts as frequent as the Dutch form at the same rank of the frequency list.
  Arabic words are also looked up without attached particles ('و', 'ال'); in languages
  with rich inflection a form is as common as the most common form sharing its stem;
  Chinese and Japanese, written without spaces, are cut into words by the longest match
  in the list;
* both: a sentence that is clearly longer and has gained uncommon words at once.

Only the Dutch side is lemmatised: simplemma's Polish dictionary alone takes seconds to
load, too slow for `check`. These are warnings for the translator and reviewer; they
never block publishing.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache

from ..staff_language import _
from .lexicon import NoData, _wordfreq_data
from .text import blocks, sentences, split

# Words a translation usually needs per Dutch word for the same content. Rough figures
# from the word counts of parallel texts (EU and UN documents, subtitles): English,
# French, Spanish and Romanian use a few more words than Dutch (more prepositions and
# auxiliaries); Turkish, Arabic and the Slavic languages fewer, because they attach
# articles, prepositions and pronouns to the word; Persian about as many (light verbs
# such as 'zang zadan' add a word where the Dutch has one verb; suffixed pronouns take
# one away); Chinese cut into words by the list about as many as Dutch. Languages not
# listed count as 1.0.
LENGTH_RATIO = {"en": 1.05, "fr": 1.15, "es": 1.1, "it": 1.05, "pt": 1.1, "de": 0.95,
                "ro": 1.05, "ar": 0.85, "fa": 1.0, "tr": 0.8, "pl": 0.9, "uk": 0.9,
                "ru": 0.9, "bg": 1.0, "cs": 0.9, "so": 1.0, "ti": 0.9, "am": 0.85,
                "zh": 1.0, "ja": 1.1}
LENGTH_SLACK = 1.4  # a sentence is 'markedly longer' beyond this many times the expected
MIN_EXTRA_WORDS = 5  # ... and at least this many words longer ("Bel 112." is no measure)
# Everyday words: Zipf 4 or more (ten in a million words). Plain A2/B1 text is made of
# them and of the few topic words the Dutch needs too ('vaccinatie', 'elleboog');
# 'cleanse', 'adequate' and 'premises' are below it.
EVERYDAY_ZIPF = 4.0
MIN_EXTRA_RARE = 2  # uncommon words a sentence may gain before it is flagged: one more
# ... and in a language whose imperatives and case forms are rare as forms even when the
# word is everyday (Polish 'umyj', Ukrainian 'зателефонуйте'), or that writes verb and
# object as one word (Chinese '洗手', 'wash hands'): the measure is rougher there
MIN_EXTRA_RARE_RICH = 3
# A sentence both this much longer than expected and with MIN_EXTRA_RARE - 1 more
# uncommon words is flagged too: each alone may be the language, together they are a
# change of register.
BOTH_SLACK = 1.25
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel and vowel marks
# Words as text.WORD has them, but Persian's zero-width non-joiner ('می‌کنید') keeps a
# word together, as it does in the word lists.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’\u200c][^\W\d_]+)*|\d+(?:[.,:]\d+)*(?:-\d+)*")
UNSPACED = frozenset({"zh", "ja"})  # written without spaces between words
_LONGEST_UNSPACED = 6  # longest word tried when cutting unspaced text (characters)
_UNKNOWN = -1.0  # the Zipf value a character missing from the list counts as when cutting


@dataclass(frozen=True)
class Harder:
    """One way a translation is harder than its source: which sentence, and why."""

    kind: str  # "longer", "rarer" or "longer_rarer"
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


@cache
def _dutch_zipf_by_rank() -> tuple[float, ...]:
    """The Zipf value of the Dutch form at each rank of the Dutch list."""
    out: list[float] = []
    for i, bucket in enumerate(_pack("nl")[1:]):
        out += [round(9 - i / 100, 2)] * len(bucket)
    return tuple(out)


@cache
def _equivalent_zipf(lang: str) -> dict[str, float]:
    """Each form of `lang` with the Zipf value of the Dutch form at the same rank: how
    everyday the form is, on the Dutch scale."""
    dutch = _dutch_zipf_by_rank()
    out: dict[str, float] = {}
    for bucket in _pack(lang)[1:]:
        for form in bucket:
            out.setdefault(form, dutch[len(out)] if len(out) < len(dutch) else 0.0)
    return out


# Languages that inflect or attach much more than Dutch: a form like Turkish 'sabunla'
# ('with soap') or Polish 'mydłem' is rarer than its word. Here a word is as common as
# the most common form that shares its beginning (all but the last four letters, at
# least four): a rough stemmer that does not need a dictionary per language.
RICH_MORPHOLOGY = frozenset("tr pl uk ru cs sk sl hr sr bs bg mk fi et hu lt lv ar fa he "
                            "az kk uz ro".split())
STEM_KEEP = 4
STEM_DROP = 2  # inflectional endings of fusional languages: Polish '-ami', '-em'
# Agglutinative languages stack suffixes ('pazartesi-den', 'açık-tır', 'hekim-i-niz'):
# there a form may shed more of its end before it is compared.
AGGLUTINATIVE = frozenset("tr az kk uz ky tk fi et hu".split())
STEM_DROP_AGGLUTINATIVE = 4
# Words this short are not judged in a language with rich inflection: the stemmer cannot
# cut them, and the short imperatives ('myj', 'pij') are everyday words.
SHORTEST_JUDGED = 4


@cache
def _stem_zipf(lang: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for form, z in _equivalent_zipf(lang).items():
        if z < EVERYDAY_ZIPF - 1:  # sorted by frequency: the rest cannot make a stem common
            break
        for k in range(STEM_KEEP, len(form) + 1):
            if out.get(form[:k], 0.0) < z:
                out[form[:k]] = z
    return out


def has_data(lang: str) -> bool:
    """Whether wordfreq has a list for exactly this language."""
    try:
        _equivalent_zipf(lang.split("-")[0].lower())
    except NoData:
        return False
    return True


# Arabic writes 'and', 'the', 'with', 'for' onto the word: 'والصابون' is 'and the soap'.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


# ... and pronouns, dual and plural endings after it: 'يديك' is 'your (two) hands',
# 'النظيفتين' 'the clean (two)'; the feminine dual 'تين' is the singular's 'ة'.
_ARABIC_SUFFIXES = (("تين", "ة"), ("تان", "ة"), ("هما", ""), ("كما", ""), ("ين", ""),
                    ("ان", ""), ("ات", "ة"), ("ون", ""), ("ها", ""), ("هم", ""),
                    ("كم", ""), ("نا", ""), ("ك", ""), ("ه", ""), ("ي", ""))


def _forms(word: str, lang: str) -> list[str]:
    """The word, and for Arabic the word without its attached particles and endings."""
    if lang != "ar":
        return [word]
    out = [word]
    for p in _ARABIC_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.append(word[len(p):])
            if p in ("و", "ف"):
                out += [word[len(p) + len(q):] for q in ("ال", "ب", "ل")
                        if word[len(p):].startswith(q) and len(word) - len(p) - len(q) >= 2]
    for form in list(out):
        for end, instead in _ARABIC_SUFFIXES:
            if form.endswith(end) and len(form) - len(end) >= 3:
                out.append(form[:-len(end)] + instead)
    return out


def word_zipf(word: str, lang: str) -> float:
    """How everyday a lower-case word of `lang` is, on the Dutch Zipf scale."""
    if lang == "nl":
        from .lexicon import zipf

        return zipf(word)
    known = _equivalent_zipf(lang)
    forms = _forms(word, lang)
    best = max(known.get(f, 0.0) for f in forms)
    if lang in RICH_MORPHOLOGY and best < EVERYDAY_ZIPF:
        stems = _stem_zipf(lang)
        drop = STEM_DROP_AGGLUTINATIVE if lang in AGGLUTINATIVE else STEM_DROP
        for f in forms:
            if len(f) > STEM_KEEP:
                best = max(best, stems.get(f[:max(STEM_KEEP, len(f) - drop)], 0.0))
    return best


def tokens(text: str, lang: str) -> list[str]:
    """The words of `text` (numbers included), Chinese and Japanese cut into words."""
    found = [m.group(0) for m in _WORD.finditer(text)]
    if lang not in UNSPACED:
        return found
    known = _equivalent_zipf(lang)
    out: list[str] = []
    for run in found:
        # the most probable cut, as jieba and wordfreq do: each word costs its log10
        # probability (Zipf - 9), a character the list does not know costs more than any
        best: list[tuple[float, int]] = [(0.0, 0)]
        for end in range(1, len(run) + 1):
            best.append(max((best[start][0] + known.get(run[start:end], _UNKNOWN) - 9,
                             start) for start in range(max(0, end - _LONGEST_UNSPACED),
                                                       end)
                            if end - start == 1 or run[start:end] in known))
        cut, end = [], len(run)
        while end:
            start = best[end][1]
            cut.append(run[start:end])
            end = start
        out += reversed(cut)
    return out


def rare_words(text: str, lang: str) -> list[str]:
    """Words of `text` below everyday frequency (names and numbers aside)."""
    base = lang.split("-")[0].lower()
    known = _equivalent_zipf(base) if base != "nl" else None
    out = []
    for i, w in enumerate(tokens(text, base)):
        low = _ARABIC_MARKS.sub("", w.lower()).replace("’", "'")
        if w[0].isdigit() or (w.isupper() and len(w) > 1):
            continue
        # a capital inside the sentence is a name unless the list knows the word
        # (German writes every noun with one)
        if i > 0 and w[0].isupper() and (known is None or low not in known):
            continue
        if base in RICH_MORPHOLOGY and len(low) < SHORTEST_JUDGED:
            continue
        if word_zipf(low, base) >= EVERYDAY_ZIPF:
            continue
        if "-" in low and all(word_zipf(p, base) >= EVERYDAY_ZIPF
                              for p in low.split("-") if p):
            continue
        out.append(w)
    return out


def _longer(n_src: float, n_tgt: float, ratio: float, slack: float) -> bool:
    expected = n_src * ratio
    return n_tgt > expected * slack and n_tgt >= expected + MIN_EXTRA_WORDS


def harder_than_source(source: str, target: str, lang: str,
                       markdown: bool = False) -> list[Harder]:
    """Where `target` (in `lang`) is markedly harder to read than its Dutch `source`;
    [] when it is not, or when there is no word list for the language.

    Paragraphs (Markdown blocks) are paired first when both texts have as many, then the
    sentences within each pair; a pair whose sentences were split or joined is compared
    as a whole, per sentence on average."""
    base = lang.split("-")[0].lower()
    if base == "nl" or not has_data(base):
        return []
    src_blocks, tgt_blocks = blocks(source, markdown), blocks(target, markdown)
    if len(src_blocks) != len(tgt_blocks):
        pairs = [(split(source, markdown), split(target, markdown))]
    else:
        pairs = [(sentences(a), sentences(b)) for a, b in zip(src_blocks, tgt_blocks)]
    ratio = LENGTH_RATIO.get(base, 1.0)
    extra = MIN_EXTRA_RARE_RICH if base in RICH_MORPHOLOGY | UNSPACED else MIN_EXTRA_RARE
    found = []
    first = 0  # index of the pair's first sentence among all of the target's sentences
    for src, tgt in pairs:
        if src and len(src) == len(tgt):
            for i, (s, t) in enumerate(zip(src, tgt), first):
                h = _judge(_dutch_length(s.text), len(tokens(t.text, base)),
                           rare_words(s.text, "nl"), _new_rare(t.text, base, source), ratio,
                           extra, i, t.text)
                if h:
                    found.append(h)
        elif src and tgt:
            # a sentence split in two needs its own verbs (imperatives are rare forms in
            # Polish or Arabic): one more uncommon word allowed per sentence added or lost
            n_src = sum(_dutch_length(s.text) for s in src) / len(src)
            n_tgt = sum(len(tokens(t.text, base)) for t in tgt) / len(tgt)
            rare_src = [w for s in src for w in rare_words(s.text, "nl")]
            rare_tgt = [w for t in tgt for w in _new_rare(t.text, base, source)]
            h = _judge(n_src, n_tgt, rare_src, rare_tgt, ratio,
                       extra * max(1, len(src) // 2) + abs(len(tgt) - len(src)), None,
                       tgt[0].text)
            if h:
                found.append(h)
        first += len(tgt)
    return found


def _dutch_length(text: str) -> int:
    """Words of a Dutch sentence, a compound counted as its parts: the content of
    'moedertaalspreker' or 'huisartsenpost' takes two or three words in most languages."""
    from .lexicon import compound_parts

    return sum(max(1, len(compound_parts(w))) for w in tokens(text, "nl"))


def _new_rare(text: str, lang: str, source: str) -> list[str]:
    """Rare words of the translation that are not copied from the Dutch: a Dutch term
    kept in brackets ('huisartsenpost'), as a glossary may require, asks nothing new."""
    dutch = {w.lower() for w in tokens(source, "nl")}
    return [w for w in rare_words(text, lang) if w.lower() not in dutch]


QUOTE_WORDS = 6  # a sentence is named by its number and its first words


def _quote(text: str) -> str:
    cut = text.split()
    return " ".join(cut[:QUOTE_WORDS]) + (" …" if len(cut) > QUOTE_WORDS else "")


def _judge(n_src: float, n_tgt: float, rare_src: list[str], rare_tgt: list[str],
           ratio: float, extra: int, i: int | None, first: str) -> Harder | None:
    """One sentence (i) or a paragraph whose sentences do not pair (i None), starting
    with `first`: longer, rarer, both, or fine."""
    expected = n_src * ratio
    times = f"{n_tgt / max(expected, 1):.1f}"
    gained = len(rare_tgt) - len(rare_src)
    shown = ", ".join(dict.fromkeys(rare_tgt[:5]))
    if i is None:
        name = _("the paragraph “{start}”").format(start=_quote(first))
        where = _("the sentences of {name} have {n} words on average").format(
            name=name, n=f"{n_tgt:.0f}")
    else:
        name = _("sentence {number} (“{start}”)").format(number=i + 1, start=_quote(first))
        where = _("{name} has {n} words").format(name=name, n=n_tgt)
    longer = _longer(n_src, n_tgt, ratio, LENGTH_SLACK)
    rarer = gained >= extra
    if longer and not rarer:
        return Harder("longer", _("{where}: {times}× as long as the Dutch asks for "
                                  "({source} Dutch words); keep it as short as the "
                                  "Dutch").format(where=where, times=times,
                                                  source=f"{n_src:.0f}"), i,
                      tuple(rare_tgt))
    if rarer or (gained >= extra - 1 and gained > 0 and _longer(n_src, n_tgt, ratio,
                                                                  BOTH_SLACK)):
        kind = "rarer" if rarer and not longer else "longer_rarer"
        if kind == "rarer":
            head = name
        else:
            head = _("{where}: {times}× as long as the Dutch asks for").format(
                where=where, times=times)
        return Harder(kind, _("{head}: uncommon words where the Dutch has {source}: "
                              "{words}; use everyday words").format(
                                  head=head, source=len(rare_src) or _("none"),
                                  words=shown), i, tuple(rare_tgt))
    return None
