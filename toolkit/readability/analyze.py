"""analyze(): Dutch text → per-sentence flags with reasons and suggestions, a difficulty
score, statistics, and the verdict against the level's budget."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..staff_language import _, ngettext
from . import dutch
from .budget import Budget, budget_for
from .detect import Flag, passive_flag, sentence_flags, word_flags
from .score import Features, difficulty
from .text import split, words

# Flesch-Douma: Douma's (1960) Dutch adaptation of Flesch Reading Ease, the coefficients
# textstat uses for "nl" (LANG_CONFIGS). Computed here from our own sentence split, word
# count and pyphen syllables (as textstat counts them): textstat splits '12.00 uur' and
# 'bijv.' into sentences, drops sentences of two words or fewer (the short sentences of A2
# text), and its import loads nltk (0.3 s). tests/readability checks the two agree.
DOUMA_BASE, DOUMA_PER_WORD, DOUMA_PER_SYLLABLE = 206.835, 0.93, 77.0


def douma(words_: int, syllables_: int) -> float:
    """Flesch-Douma reading ease of one sentence (higher is easier; 60-80 is plain)."""
    if not words_:
        return 100.0
    return DOUMA_BASE - DOUMA_PER_WORD * words_ - DOUMA_PER_SYLLABLE * syllables_ / words_


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    difficulty: float
    flags: tuple[Flag, ...]
    words: int


@dataclass(frozen=True)
class BudgetProblem:
    """One budget rule broken: which, in words, and the sentences (indexes) behind it."""

    rule: str  # a Budget field name, e.g. "max_sentence_words"
    message: str
    sentences: tuple[int, ...] = ()


@dataclass(frozen=True)
class Result:
    lang: str
    level: str
    difficulty: float
    passed: bool
    measured: bool  # False when there is no data for the language
    sentences: tuple[Sentence, ...]
    stats: dict[str, float]
    problems: tuple[BudgetProblem, ...]  # budget rules broken
    budget: Budget | None = None
    notes: tuple[str, ...] = field(default=())  # what is and is not measured

    def to_dict(self) -> dict:
        d = asdict(self)
        d["budget"] = asdict(self.budget) if self.budget else None
        return d


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|info)(?:/\S*)?",
                      re.IGNORECASE)


_SPACED_DIGITS = re.compile(r"\d[ \u00a0]+\d")


def _one_word_phone_numbers(text: str) -> str:
    """'020 555 5555' is one thing to read, not three words: the spaces inside a phone
    number become hyphens (same length, so offsets hold)."""
    from ..facts.extract import phone_spans

    for start, end, _fact in phone_spans(text, "nl"):
        text = text[:start] + re.sub(r"[ \u00a0]", "-", text[start:end]) + text[end:]
    return text


def _sentence(span_text: str, start: int, end: int, known: set[str],
              jargon_file: Path | None, budget: Budget,
              address: str) -> tuple[Sentence, Features]:
    # A web or mail address is one thing to read, not hard words: it is blanked to
    # digits (same length, so offsets hold), which count as neither words nor flags.
    span_text_masked = _ADDRESS.sub(lambda m: "0" * len(m.group(0)), span_text) \
        if "." in span_text or "@" in span_text else span_text
    if _SPACED_DIGITS.search(span_text_masked):
        span_text_masked = _one_word_phone_numbers(span_text_masked)
    spans = [(m.group(0), m.start(), m.end()) for m in words(span_text_masked)]
    ws = [w for w, _, _ in spans]
    f = Features(words=ws, n_words=len(ws))
    flags = word_flags(span_text_masked, start, known, jargon_file, f, address, spans)
    flags += sentence_flags(span_text_masked, ws, f, budget)
    passive = passive_flag(ws, address, span_text_masked)
    f.passive = passive is not None
    if passive:
        flags.append(passive)
    f.douma = douma(sum(not w[0].isdigit() for w in ws), f.syllables)
    flags.sort(key=lambda fl: (fl.start if fl.start is not None else -1, fl.code))
    return Sentence(span_text, start, end, round(difficulty(f), 3), tuple(flags),
                    f.n_words), f


def analyze(text: str, lang: str = "nl", level: str = "B1", budget: Budget | None = None,
            markdown: bool = True, known_abbreviations: frozenset[str] = frozenset(),
            jargon_file: Path | None = None, address: str = "je") -> Result:
    """Analyse `text` (plain or Markdown) against the budget of `level`.

    `address` ('je' or 'u') is how the site speaks to its readers; suggestions use it.
    For languages other than Dutch see `toolkit.readability.other.compare`.
    """
    budget = budget or budget_for(level)
    if lang.split("-")[0] != "nl":
        from .other import not_measured

        return not_measured(text, lang, level, markdown)
    spans = split(text, markdown)
    known = set(known_abbreviations) | dutch.explained_acronyms(text)
    sentences: list[Sentence] = []
    feats: list[Features] = []
    for span in spans:
        s, f = _sentence(span.text, span.start, span.end, known, jargon_file, budget, address)
        sentences.append(s)
        feats.append(f)
    n_sent = len(sentences)
    n_words = sum(f.n_words for f in feats)
    stats = {
        "sentences": n_sent,
        "words": n_words,
        "words_per_sentence": round(n_words / n_sent, 2) if n_sent else 0.0,
        "syllables_per_word": round(sum(f.syllables for f in feats) / n_words, 2)
        if n_words else 0.0,
        "uncommon_share": round(sum(f.uncommon + f.jargon + f.abbreviations for f in feats)
                                / n_words, 3) if n_words else 0.0,
        "passive_share": round(sum(f.passive for f in feats) / n_sent, 3) if n_sent else 0.0,
        "subordinate_per_sentence": round(sum(f.subordinate for f in feats) / n_sent, 2)
        if n_sent else 0.0,
        "jargon": sum(f.jargon for f in feats),
        "unexplained_abbreviations": sum(f.abbreviations for f in feats),
        "flesch_douma": round(sum(f.douma for f in feats) / n_sent, 1) if n_sent else 0.0,
    }
    problems = _budget_problems(stats, sentences, budget)
    difficulty = round(sum(s.difficulty for s in sentences) / n_sent, 3) if n_sent else 0.0
    return Result(lang=lang, level=level, difficulty=difficulty, passed=not problems,
                  measured=True, sentences=tuple(sentences), stats=stats,
                  problems=tuple(problems), budget=budget,
                  notes=(_("Dutch: every measure applies."),))


def sentence_features(text: str, markdown: bool = False, level: str = "B1",
                      jargon_file: Path | None = None) -> list[dict[str, float]]:
    """The difficulty model's inputs for each sentence of a Dutch text (for calibration:
    benchmarks/readability_eval.py)."""
    budget = budget_for(level)
    known = dutch.explained_acronyms(text)
    return [_sentence(s.text, s.start, s.end, known, jargon_file, budget, "je")[1].vector()
            for s in split(text, markdown)]


# Shares are unstable on short texts: one uncommon word in a ten-word message is 10 %.
# Below these sizes the share is taken of the minimum, which allows one such word or
# passive sentence in a short B1 text; an average needs a few sentences to mean anything.
MIN_WORDS_FOR_SHARE = 20
MIN_SENTENCES_FOR_SHARE = 10
MIN_SENTENCES_FOR_AVERAGE = 3


# Which sentence flags make up each budget rule (for pointing at the cause).
RULE_FLAGS: dict[str, tuple[str, ...]] = {
    "max_sentence_words": ("long-sentence",),
    "max_average_words": ("long-sentence",),
    "max_uncommon_share": ("uncommon-word", "jargon", "abbreviation"),
    "max_passive_share": ("passive",),
    "max_subordinate_per_sentence": ("subordinate-clause",),
    "max_content_words_per_clause": ("dense-clause",),
    "max_jargon": ("jargon",),
    "max_unexplained_abbreviations": ("abbreviation",),
}


def _with(sentences: list[Sentence], *codes: str) -> tuple[int, ...]:
    return tuple(i for i, s in enumerate(sentences) if any(f.code in codes for f in s.flags))


def _budget_problems(stats: dict, sentences: list[Sentence], b: Budget) -> list[BudgetProblem]:
    problems = []
    long_ = tuple(i for i, s in enumerate(sentences) if s.words > b.max_sentence_words)
    if long_:
        longest = max(sentences[i].words for i in long_)
        problems.append(BudgetProblem("max_sentence_words", _("a sentence has {n} words "
                                      "(at most {most})").format(
                                          n=longest, most=b.max_sentence_words), long_))
    if (stats["sentences"] >= MIN_SENTENCES_FOR_AVERAGE
            and stats["words_per_sentence"] > b.max_average_words):
        problems.append(BudgetProblem(
            "max_average_words", _("{n} words per sentence on "
                                   "average (at most {most})").format(
                                       n=stats["words_per_sentence"], most=b.max_average_words),
            tuple(i for i, s in enumerate(sentences) if s.words > b.max_average_words)))
    words_ = stats["words"]
    hard = round(stats["uncommon_share"] * words_)
    if hard > b.max_uncommon_share * max(words_, MIN_WORDS_FOR_SHARE):
        problems.append(BudgetProblem(
            "max_uncommon_share", _("{n} uncommon words, jargon or abbreviations in "
                                    "{words} words (at most {most})").format(
                                        n=hard, words=words_, most=f"{b.max_uncommon_share:.0%}"),
            _with(sentences, "uncommon-word", "jargon", "abbreviation")))
    passives = _with(sentences, "passive")
    if len(passives) > b.max_passive_share * max(stats["sentences"], MIN_SENTENCES_FOR_SHARE):
        problems.append(BudgetProblem(
            "max_passive_share", ngettext("{n} of {sentences} sentence passive (at most {most})",
                                          "{n} of {sentences} sentences passive (at most {most})",
                                          stats["sentences"]).format(
                                              n=len(passives), sentences=stats["sentences"],
                                              most=f"{b.max_passive_share:.0%}"), passives))
    for i, s in enumerate(sentences):
        for fl in s.flags:
            if fl.over_budget and fl.code in ("subordinate-clause", "dense-clause"):
                rule = ("max_subordinate_per_sentence" if fl.code == "subordinate-clause"
                        else "max_content_words_per_clause")
                problems.append(BudgetProblem(rule, fl.message, (i,)))
    if stats["jargon"] > b.max_jargon:
        problems.append(BudgetProblem("max_jargon", _("{n} jargon words "
                                      "(at most {most})").format(
                                          n=stats["jargon"], most=b.max_jargon),
                                      _with(sentences, "jargon")))
    if stats["unexplained_abbreviations"] > b.max_unexplained_abbreviations:
        problems.append(BudgetProblem(
            "max_unexplained_abbreviations", _("{n} unexplained "
                                               "abbreviations (at most {most})").format(
                                                   n=stats["unexplained_abbreviations"],
                                                   most=b.max_unexplained_abbreviations),
            _with(sentences, "abbreviation")))
    return problems


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
