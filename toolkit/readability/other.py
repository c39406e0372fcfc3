"""Readability for languages other than Dutch: say honestly what is measured.

There is no validated plain-language model here for Arabic, Turkish or Tigrinya. What can
be measured for any language is the shape of a translation relative to its Dutch source:
sentence count and length, and word length. A machine translation that turns one short
sentence into a long one is flagged. Word frequency is used only where wordfreq has a list
for exactly that language (it silently answers with English otherwise).
"""

from __future__ import annotations

from ..staff_language import _
from . import wordlength
from .analyze import BudgetProblem, Flag, Result, Sentence
from .lexicon import has_frequency_list
from .text import split, words

# A translation may be longer than its source: Arabic and Turkish run about as long as
# Dutch in words; Slavic languages shorter; English a little shorter. Allow generous slack.
MAX_WORD_RATIO = 1.6
MAX_SENTENCE_WORDS_RATIO = 1.5
MAX_WORD_LENGTH_RATIO = 1.6
# Ratios of tiny samples are noise: "Bron" → "Джерело" is not a problem. Each comparison
# needs at least this many Dutch words.
MIN_WORDS_FOR_LENGTH = 8
MIN_WORDS_FOR_SENTENCE = 6
MIN_WORDS_FOR_TOTAL = 6
# Scripts without spaces between words (Chinese, Japanese, Thai) cannot be counted in
# words by splitting; their lengths are compared in characters instead.
_NO_SPACES = ("zh", "ja", "th", "lo", "km", "my")


def _units(text: str, lang: str) -> list[str]:
    if lang.split("-")[0] in _NO_SPACES:
        return [c for c in text if c.isalnum()]
    return [m.group(0) for m in words(text)]


def measures(lang: str) -> dict[str, bool]:
    """Which measures apply to `lang` (for reports)."""
    return {"length_vs_source": True, "word_frequency": has_frequency_list(lang),
            "word_length_vs_source": wordlength.ratio(lang) is not None, "budget": False}


def not_measured(text: str, lang: str, level: str, markdown: bool = True) -> Result:
    """A Result for a language without a readability model: no verdict, no score."""
    spans = split(text, markdown)
    sentences = tuple(Sentence(s.text, s.start, s.end, 0.0, (), len(_units(s.text, lang)))
                      for s in spans)
    return Result(lang=lang, level=level, difficulty=0.0, passed=True, measured=False,
                  sentences=sentences, stats={"sentences": len(sentences)}, problems=(),
                  notes=(_("{lang}: not measured: no readability model for this language. "
                           "Compare it with the Dutch source instead.").format(lang=lang),))


def compare(source: str, target: str, lang: str, markdown: bool = False,
            word_length: bool = True, difficulty: bool = False) -> Result:
    """Measure a translation against its Dutch source: length of sentences and words.

    Word length needs a whole message to mean something; `word_length=False` leaves it
    out for single segments. `difficulty=True` adds where the translation is markedly
    harder to read than the Dutch: longer sentences or rarer words (translation.py)."""
    src_sents = split(source, markdown)
    tgt_sents = split(target, markdown)
    src_units = sum(len(_units(s.text, "nl")) for s in src_sents)
    tgt_units = [len(_units(s.text, lang)) for s in tgt_sents]
    cjk = lang.split("-")[0] in _NO_SPACES
    sentences = []
    longest_src = max((len(_units(s.text, "nl")) for s in src_sents), default=0)
    for s, n in zip(tgt_sents, tgt_units):
        flags = []
        limit = longest_src * (MAX_SENTENCE_WORDS_RATIO * (2.0 if cjk else 1.0))
        if not cjk and longest_src >= MIN_WORDS_FOR_SENTENCE and n > limit:
            flags.append(Flag("long-sentence", _("{n} words; the longest Dutch sentence has "
                                                 "{longest}").format(n=n, longest=longest_src),
                              _("keep the sentences as short as the Dutch ones"), over_budget=True))
        sentences.append(Sentence(s.text, s.start, s.end, 0.0, tuple(flags), n))
    stats: dict[str, float] = {"sentences": len(tgt_sents), "source_sentences": len(src_sents),
             "words": sum(tgt_units), "source_words": src_units}
    problems = []
    if len(tgt_sents) < len(src_sents):
        problems.append(BudgetProblem("sentence_count", _("{n} sentences where the "
                                      "Dutch has {source}: sentences were joined").format(
                                          n=len(tgt_sents), source=len(src_sents))))
    if not cjk and src_units >= MIN_WORDS_FOR_TOTAL and sum(tgt_units) > MAX_WORD_RATIO * src_units:
        problems.append(BudgetProblem("length", _("{n} words where the Dutch has "
                                                  "{source}").format(n=sum(tgt_units),
                                                                     source=src_units)))
    typical = wordlength.ratio(lang)
    if word_length and not cjk and typical and src_units >= MIN_WORDS_FOR_LENGTH:
        src_len = _mean_word_length(source, "nl")
        tgt_len = _mean_word_length(target, lang)
        stats["word_length"] = round(tgt_len, 2)
        stats["source_word_length"] = round(src_len, 2)
        if src_len and tgt_len > MAX_WORD_LENGTH_RATIO * typical * src_len:
            problems.append(BudgetProblem(
                "word_length", _("words average {length} letters against {source} in the "
                                 "Dutch; {lang} words are usually {ratio}× as long").format(
                                     length=f"{tgt_len:.1f}", source=f"{src_len:.1f}", lang=lang,
                                     ratio=f"{typical:.2f}")))
    problems += [BudgetProblem("sentence_length", f.message, (i,))
                 for i, s in enumerate(sentences) for f in s.flags]
    if difficulty:
        from .translation import harder_than_source

        for h in harder_than_source(source, target, lang, markdown):
            problems.append(BudgetProblem(f"harder_than_source_{h.kind}", h.message,
                                          (h.sentence,) if h.sentence is not None else ()))
    notes = [(_("{lang}: measured against the Dutch source (sentence count, sentence length, "
                "word length)") if not cjk and typical else
              _("{lang}: measured against the Dutch source (sentence count, sentence length)")
              ).format(lang=lang)]
    if not measures(lang)["word_frequency"]:
        notes.append(_("{lang}: word difficulty not measured (no frequency list)").format(
            lang=lang))
    return Result(lang=lang, level="source", difficulty=0.0, passed=not problems,
                  measured=True, sentences=tuple(sentences), stats=stats,
                  problems=tuple(problems), notes=tuple(notes))


def _mean_word_length(text: str, lang: str) -> float:
    ws = _units(text, lang)
    return sum(len(w) for w in ws) / len(ws) if ws else 0.0
