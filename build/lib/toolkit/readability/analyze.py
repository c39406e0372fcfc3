"""analyze(): Dutch text → per-sentence flags with reasons and suggestions, a difficulty
score, statistics, and the verdict against the level's budget."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import dutch
from .budget import Budget, budget_for
from .lexicon import compound_parts, jargon_matcher, lookup_jargon, syllables, zipf
from .text import ABBREVIATIONS, split, words

# Word frequency below which a word counts as uncommon: Zipf 3 is about one occurrence per
# million words. Formal Latinate words count as uncommon up to Zipf 4 (ten per million).
RARE_ZIPF = 3.0
LATINATE_ZIPF = 4.0
LONG_WORD_SYLLABLES = 5
COMPOUND_LETTERS = 14



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


ABBREVIATION_MEANING = {
    "bijv.": "bijvoorbeeld", "bv.": "bijvoorbeeld", "o.a.": "onder andere",
    "d.w.z.": "dat wil zeggen", "ca.": "ongeveer", "enz.": "enzovoort", "etc.": "enzovoort",
    "i.p.v.": "in plaats van", "m.b.t.": "over", "t.a.v.": "over, voor",
    "z.s.m.": "zo snel mogelijk", "e.d.": "en dergelijke", "evt.": "misschien",
    "incl.": "met", "excl.": "zonder", "a.u.b.": "alstublieft", "i.v.m.": "door, omdat",
    "t/m": "tot en met", "nr.": "nummer", "tel.": "telefoon", "c.q.": "of",
    "d.m.v.": "met", "o.b.v.": "op basis van", "t.b.v.": "voor", "zgn.": "zogenaamd",
    "resp.": "(schrijf beide zinnen uit)", "vs.": "tegenover", "vgl.": "vergelijk",
}


_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in sorted(ABBREVIATION_MEANING, key=len,
                                                               reverse=True)) + r")(?![\w])",
    re.IGNORECASE)


@dataclass(frozen=True)
class Flag:
    """One reason a sentence is hard, with what to do about it."""

    code: str
    message: str
    suggestion: str
    start: int | None = None  # offsets of the word or phrase in the analysed text
    end: int | None = None
    over_budget: bool = False  # True when this flag alone breaks the level's budget


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


@dataclass
class _Features:
    words: list[str]
    n_words: int = 0
    syllables: int = 0
    uncommon: int = 0
    jargon: int = 0
    nominal: int = 0
    long_words: int = 0
    abbreviations: int = 0
    subordinate: int = 0
    clauses: int = 1
    content: int = 0
    passive: bool = False
    slashes: int = 0
    rarity: float = 0.0
    douma: float = 100.0


def _word_flags(text: str, offset: int, known: set[str], jargon_file: Path | None,
                f: _Features) -> list[Flag]:
    flags: list[Flag] = []
    pattern, _ = jargon_matcher(jargon_file)
    covered: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        entry = lookup_jargon(m.group(0), jargon_file)
        covered.append((m.start(), m.end()))
        f.jargon += 1
        flags.append(Flag("jargon", f"'{m.group(0)}' is {entry.kind} or jargon",
                          f"write '{entry.plain}'", offset + m.start(), offset + m.end()))
    for m in _ABBREVIATION.finditer(text):
        f.abbreviations += 1
        meaning = ABBREVIATION_MEANING[m.group(0).lower()]
        flags.append(Flag("abbreviation", f"abbreviation '{m.group(0)}'",
                          f"write it out: '{meaning}'", offset + m.start(), offset + m.end()))
    for m in dutch.ACRONYM.finditer(text):
        acronym = m.group(0).rstrip("s") if m.group(0).rstrip("s") in known else m.group(0)
        if acronym in known or len(acronym) > 12:
            continue
        f.abbreviations += 1
        flags.append(Flag("abbreviation", f"abbreviation '{m.group(0)}' is not explained",
                          f"write what {acronym} stands for the first time, e.g. "
                          f"'Naam Voluit ({acronym})'", offset + m.start(), offset + m.end()))
    for m in dutch.slashes(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        f.slashes += 1
        flags.append(Flag("slash", "a slash between words",
                          "write 'en' or 'of', or choose one word", offset + m.start(),
                          offset + m.end()))
    for i, m in enumerate(words(text)):
        w = m.group(0)
        if w[0].isdigit():
            continue
        f.syllables += syllables(w)
        if any(s <= m.start() < e for s, e in covered):
            continue
        lower = w.lower()
        freq = zipf(lower)
        name = w[0].isupper() and i > 0 or w.isupper()
        if name:
            continue
        if dutch.is_content_word(lower):
            f.rarity += max(0.0, 4.5 - freq)
        n_syll = syllables(w)
        parts = compound_parts(lower) if freq < LATINATE_ZIPF else ()
        latinate = dutch.is_latinate(lower, parts) and freq < LATINATE_ZIPF
        if (freq < RARE_ZIPF and not parts) or latinate:
            f.uncommon += 1
            why = "a formal, Latin-based word" if latinate and freq >= RARE_ZIPF else \
                "an uncommon word"
            flags.append(Flag("uncommon-word", f"'{w}' is {why}",
                              "use a word most readers know, or explain it",
                              offset + m.start(), offset + m.end()))
        elif parts and len(lower) >= COMPOUND_LETTERS:
            f.long_words += 1
            flags.append(Flag("long-compound", f"'{w}' is a long compound ({' + '.join(parts)})",
                              "split it into more words, e.g. "
                              f"'{parts[-1]} voor {' '.join(parts[:-1])}'",
                              offset + m.start(), offset + m.end()))
        elif n_syll >= LONG_WORD_SYLLABLES:
            f.long_words += 1
        if dutch.is_nominalisation(lower, freq):
            f.nominal += 1
            flags.append(Flag("nominalisation", f"'{w}' is an abstract noun made from a verb",
                              "say what happens with a verb: 'we verstrekken' → 'u krijgt'",
                              offset + m.start(), offset + m.end()))
    return flags


def _sentence(span_text: str, start: int, end: int, known: set[str],
              jargon_file: Path | None, budget: Budget) -> tuple[Sentence, _Features]:
    ws = [m.group(0) for m in words(span_text)]
    f = _Features(words=ws, n_words=len(ws))
    flags = _word_flags(span_text, start, known, jargon_file, f)
    openers = dutch.subordinate_clauses(ws, span_text)
    f.subordinate = len(openers)
    f.clauses = dutch.clauses(ws, span_text)
    f.content = sum(dutch.is_content_word(w) for w in ws)
    passive = dutch.passive(ws)
    f.passive = passive is not None
    f.douma = douma(sum(not w[0].isdigit() for w in ws), f.syllables)
    if f.n_words > budget.max_sentence_words:
        flags.append(Flag("long-sentence", f"{f.n_words} words (at most "
                                           f"{budget.max_sentence_words})",
                          "split it into two sentences", over_budget=True))
    elif f.n_words > budget.advice_sentence_words:
        flags.append(Flag("long-sentence", f"{f.n_words} words (aim for at most "
                                           f"{budget.advice_sentence_words})",
                          "can you split it into two sentences?"))
    if f.subordinate > budget.max_subordinate_per_sentence:
        flags.append(Flag("subordinate-clause", f"{f.subordinate} subordinate clauses "
                                                f"({', '.join(openers)}; at most "
                                                f"{budget.max_subordinate_per_sentence})",
                          "make a separate sentence of each 'omdat …', 'die …' part",
                          over_budget=True))
    elif f.subordinate:
        flags.append(Flag("subordinate-clause", f"subordinate clause ('{openers[0]} …')",
                          "one idea per sentence is easier: try two sentences"))
    per_clause = f.content / f.clauses
    if per_clause > budget.max_content_words_per_clause:
        flags.append(Flag("dense-clause", f"{f.content} content words in {f.clauses} clause(s)",
                          "say less per sentence, or split it", over_budget=True))
    if passive:
        flags.append(Flag("passive", f"passive voice ('{passive}')",
                          "say who does it: 'de arts geeft u een prik' instead of "
                          "'u wordt gevaccineerd'"))
    flags.sort(key=lambda fl: (fl.start if fl.start is not None else -1, fl.code))
    return Sentence(span_text, start, end, round(_difficulty(f), 3), tuple(flags),
                    f.n_words), f


# Weights of the sentence difficulty, in points. They were calibrated on the Amsterdam
# development pairs (original vs plain-language edit; benchmarks/readability_eval.py) by a
# coordinate search for pair accuracy, then rounded; 5-fold cross-validation of that search
# gives 0.805, against 0.817 on the whole set (see README). What editors changed most
# often: passive to active voice, officialese and abbreviations out, shorter sentences.
WEIGHTS = {
    "words": 0.22,  # per word: length matters, but one passive costs as much as 9 words
    "uncommon": 2.1,  # per uncommon word (Zipf < 3, or a formal Latinate word < 4)
    "rarity": 0.45,  # per point of Zipf below 4.5, summed over content words
    "jargon": 2.0,  # per officialese or jargon word from the list
    "abbreviations": 3.0,  # per unexplained abbreviation (bijv., CPB)
    "slashes": 2.0,  # per 'en/of', 'woont/verblijft'
    "passive": 2.0,  # passive voice in the sentence
    "nominal": 0.4,  # per abstract noun made from a verb
    "long_words": 0.1,  # per long compound or word of five syllables or more
    "subordinate": 0.05,  # per subordinate clause (the budget limits these; see budget.py)
    "dense": 0.05,  # per content word per clause above four
    "douma": 0.01,  # per point of Flesch-Douma reading ease below 100
    "syllables": 0.3,  # per syllable per word
}


def _difficulty(f: _Features) -> float:
    """Difficulty of one sentence in points: a short, common, active sentence scores 1-3;
    a typical sentence from a municipal letter 5-8."""
    if not f.n_words:
        return 0.0
    w = WEIGHTS
    syll_per_word = f.syllables / f.n_words
    return (w["words"] * f.n_words + w["uncommon"] * f.uncommon + w["rarity"] * f.rarity
            + w["jargon"] * f.jargon + w["abbreviations"] * f.abbreviations
            + w["slashes"] * f.slashes + w["passive"] * f.passive + w["nominal"] * f.nominal
            + w["long_words"] * f.long_words + w["subordinate"] * f.subordinate
            + w["dense"] * max(0.0, f.content / f.clauses - 4)
            + w["douma"] * max(0.0, 100 - f.douma) + w["syllables"] * syll_per_word)


def analyze(text: str, lang: str = "nl", level: str = "B1", budget: Budget | None = None,
            markdown: bool = True, known_abbreviations: frozenset[str] = frozenset(),
            jargon_file: Path | None = None) -> Result:
    """Analyse `text` (plain or Markdown) against the budget of `level`.

    For languages other than Dutch see `toolkit.readability.other.compare`.
    """
    budget = budget or budget_for(level)
    if lang.split("-")[0] != "nl":
        from .other import not_measured

        return not_measured(text, lang, level, markdown)
    spans = split(text, markdown)
    known = set(known_abbreviations) | dutch.explained_acronyms(text)
    sentences: list[Sentence] = []
    feats: list[_Features] = []
    for span in spans:
        s, f = _sentence(span.text, span.start, span.end, known, jargon_file, budget)
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
                  notes=("Dutch: every measure applies.",))


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
        problems.append(BudgetProblem("max_sentence_words", f"a sentence has {longest} words "
                                      f"(at most {b.max_sentence_words})", long_))
    if (stats["sentences"] >= MIN_SENTENCES_FOR_AVERAGE
            and stats["words_per_sentence"] > b.max_average_words):
        problems.append(BudgetProblem(
            "max_average_words", f"{stats['words_per_sentence']} words per sentence on "
            f"average (at most {b.max_average_words})",
            tuple(i for i, s in enumerate(sentences) if s.words > b.max_average_words)))
    words_ = stats["words"]
    hard = round(stats["uncommon_share"] * words_)
    if hard > b.max_uncommon_share * max(words_, MIN_WORDS_FOR_SHARE):
        problems.append(BudgetProblem(
            "max_uncommon_share", f"{hard} uncommon words, jargon or abbreviations in "
            f"{words_} words (at most {b.max_uncommon_share:.0%})",
            _with(sentences, "uncommon-word", "jargon", "abbreviation")))
    passives = _with(sentences, "passive")
    if len(passives) > b.max_passive_share * max(stats["sentences"], MIN_SENTENCES_FOR_SHARE):
        problems.append(BudgetProblem(
            "max_passive_share", f"{len(passives)} of {stats['sentences']} sentences passive "
            f"(at most {b.max_passive_share:.0%})", passives))
    for i, s in enumerate(sentences):
        for fl in s.flags:
            if fl.over_budget and fl.code in ("subordinate-clause", "dense-clause"):
                rule = ("max_subordinate_per_sentence" if fl.code == "subordinate-clause"
                        else "max_content_words_per_clause")
                problems.append(BudgetProblem(rule, fl.message, (i,)))
    if stats["jargon"] > b.max_jargon:
        problems.append(BudgetProblem("max_jargon", f"{stats['jargon']} jargon words "
                                      f"(at most {b.max_jargon})", _with(sentences, "jargon")))
    if stats["unexplained_abbreviations"] > b.max_unexplained_abbreviations:
        problems.append(BudgetProblem(
            "max_unexplained_abbreviations", f"{stats['unexplained_abbreviations']} unexplained "
            f"abbreviations (at most {b.max_unexplained_abbreviations})",
            _with(sentences, "abbreviation")))
    return problems


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
