"""The detectors of one Dutch sentence: each flag says what an editor would change and a
suggestion about that very word or construction, in the site's form of address."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..staff_language import _, ngettext
from . import advice, dutch
from .budget import Budget
from .familiar import is_familiar, known_acronyms
from .jargon import matcher
from .lexicon import (
    compound_parts,
    dutch_base_forms,
    frequency_lexicon,
    lemma,
    stem_infinitives,
    syllables,
    zipf,
)
from .score import Features
from .text import words

# Word frequency below which a word counts as uncommon: Zipf 3 is about one occurrence per
# million words. Formal Latin-based words count as uncommon a little higher up.
RARE_ZIPF = 3.0
LATINATE_ZIPF = 4.0
# The familiarity of a word is measured down from Zipf 7, the frequency of 'de' and
# 'het': a sentence's unfamiliarity is the mean distance of its words from there.
TOP_ZIPF = 7.0
# Reading effort: each word costs more the rarer it is (reading time grows about
# linearly as log frequency falls), from 1 point for 'de' to 8 for a word wordfreq does
# not know. A name counts as a fairly common word: the reader need not know it.
EFFORT_ZIPF = 8.0
NAME_ZIPF = 5.0
# A compound is worth splitting when it has three parts or is very long
# ('ziektekostenverzekering'); 'huisartsenpost' and 'griepprik' are everyday words.
COMPOUND_PARTS = 3
COMPOUND_LETTERS = 20
# A single subordinate clause in a short sentence ('Kom binnen als je klaar bent.') is
# plain Dutch; it is flagged only in a sentence longer than the level's advice length.
PERSONAL = frozenset("ik je jij u we wij jullie mij me ons onze uw jouw mijn jezelf "
                     "uzelf".split())

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


@lru_cache(maxsize=200_000)
def frequency(lower: str) -> float:
    """Zipf frequency of a word, of its base form (simplemma) or of its stem, whichever
    is highest: 'bijwerkingen' is as familiar as its plural suggests."""
    base = lemma(lower)
    found = max(zipf(lower), zipf(base) if base != lower else 0.0)
    if found < RARE_ZIPF and len(lower) >= 3:  # a verb stem: 'nies' (niezen), 'leef'
        found = max([found, *(zipf(c) - 0.3 for c in stem_infinitives(lower))])
    return found


def familiarity(lower: str, freq: float, parts: tuple[str, ...]) -> float:
    """How familiar a word is to a reader: its frequency, or for a compound of known
    words the frequency of its rarest part, less half a point for putting them together
    ('zaaknummer' is as easy as 'zaak' and 'nummer', nearly)."""
    if not parts:
        return freq
    return max(freq, min(zipf(p) for p in parts) - 0.5)


@lru_cache(maxsize=200_000)
def word_facts(lower: str) -> tuple[float, tuple[str, ...], float, bool, bool]:
    """(frequency, compound parts, familiarity, uncommon?, formal Latin-based?) of one
    lower-case word; cached, since a text repeats its words."""
    freq = frequency(lower)
    parts = compound_parts(lower) if freq < 4.0 else ()
    latinate = freq < LATINATE_ZIPF and dutch.is_latinate(lower, parts)
    uncommon = (freq < RARE_ZIPF and not parts) or latinate
    if (uncommon or parts) and is_familiar(lower):  # 'bijsluiter', 'inenten': see familiar.py
        return freq, (), familiarity(lower, freq, parts), False, False
    return (freq, parts, familiarity(lower, freq, parts), uncommon, latinate)


def word_flags(text: str, offset: int, known: set[str], jargon_file: Path | None,
               f: Features, address: str = "je",
               spans: list[tuple[str, int, int]] | None = None) -> list[Flag]:
    """Officialese, abbreviations, slashes, uncommon and formal words, long compounds and
    abstract nouns in one sentence; counts go into `f`. `spans`: the sentence's words as
    (word, start, end), when the caller has them."""
    flags: list[Flag] = []
    if spans is None:
        spans = [(m.group(0), m.start(), m.end()) for m in words(text)]
    covered: list[tuple[int, int]] = []
    for found in matcher(jargon_file).find(text, spans):
        e = found.entry
        covered.append((found.start, found.end))
        f.jargon += 1
        what = f"'{found.shown}'" + (f" ({e.term})" if found.shown.lower() != e.term
                                      and " " in e.term else "")
        flags.append(Flag("jargon", _("{what} is {kind}").format(what=what, kind=_(e.kind))
                          + (f": {_(e.why)}" if e.why else ""),
                          _("write '{alternative}'").format(alternative=e.advice(address)),
                          offset + found.start, offset + found.end))
    for m in _ABBREVIATION.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        f.abbreviations += 1
        meaning = ABBREVIATION_MEANING[m.group(0).lower()]
        if meaning == "alstublieft" and address != "u":
            meaning = "alsjeblieft"
        flags.append(Flag("abbreviation", _("abbreviation '{abbreviation}'").format(
                              abbreviation=m.group(0)),
                          _("write it out: '{meaning}'").format(meaning=meaning),
                          offset + m.start(), offset + m.end()))
    for m in dutch.ACRONYM.finditer(text):
        everyone = known | known_acronyms()
        acronym = m.group(0).rstrip("s") if m.group(0).rstrip("s") in everyone else m.group(0)
        if acronym in everyone or len(acronym) > 12:
            continue
        f.abbreviations += 1
        flags.append(Flag("abbreviation", _("abbreviation '{abbreviation}' is not "
                                            "explained").format(abbreviation=m.group(0)),
                          _("the first time, write what {acronym} stands for, with "
                            "'({acronym})' after it").format(acronym=acronym),
                          offset + m.start(), offset + m.end()))
    for m in dutch.slashes(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        f.slashes += 1
        left = re.search(r"[^\W\d_]+$", text[:m.start()])
        right = re.match(r"[^\W\d_]+", text[m.end():])
        a, b = (left.group(0) if left else ""), (right.group(0) if right else "")
        flags.append(Flag("slash", _("a slash between words ('{words}')").format(
                              words=m.string[max(0, m.start() - 12):m.end() + 12].strip()),
                          _("write 'en' or 'of' ('{a} en {b}', '{a} of {b}'), or choose "
                            "one of them").format(a=a, b=b) if a and b else
                          _("write 'en' or 'of', or choose one word"), offset + m.start(),
                          offset + m.end()))
    for m in dutch.symbols(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        f.symbols += 1
        flags.append(Flag("symbol", _("the symbol '{symbol}'").format(symbol=m.group(0)),
                          _symbol_advice(m),
                          offset + m.start(), offset + m.end()))
    for i, (w, start, end) in enumerate(spans):
        if w[0].isdigit():
            continue
        lower = w.lower()
        f.syllables += syllables(w)
        if lower in PERSONAL:
            f.personal = True
        if w[0].isupper() and i > 0 or w.isupper():  # a name
            f.effort += EFFORT_ZIPF - NAME_ZIPF
            continue
        freq, parts, familiarity, uncommon, latinate = word_facts(lower)
        f.familiar_words += 1
        f.unfamiliarity += max(0.0, TOP_ZIPF - familiarity)
        f.effort += max(0.0, EFFORT_ZIPF - familiarity)
        if covered and any(s <= start < e for s, e in covered):
            continue
        if uncommon:
            f.uncommon += 1
            why = _("'{word}' is a formal, Latin-based word") \
                if latinate and freq >= RARE_ZIPF else _("'{word}' is an uncommon word")
            flags.append(Flag("uncommon-word", why.format(word=w),
                              _("use a word most readers know, or explain '{word}' in a few "
                                "everyday words").format(word=w), offset + start, offset + end))
            continue
        if parts and (len(parts) >= COMPOUND_PARTS or len(lower) >= COMPOUND_LETTERS):
            f.long_words += 1
            flags.append(Flag("long-compound", _("'{word}' is a long compound ({parts})").format(
                                  word=w, parts=" + ".join(parts)),
                              _("split it into more words, e.g. '{example}'").format(
                                  example=advice.compound_split(lower, parts)),
                              offset + start, offset + end))
        nxt = spans[i + 1][0].lower() if i + 1 < len(spans) else ""
        base = dutch.nominalisation(lower, freq) if nxt in _NOMINAL_OBJECT else None
        if base:
            f.nominal += 1
            flags.append(Flag("nominalisation", _("'{word}' is an abstract noun made from "
                              "'{base}'").format(word=w, base=base),
                              _nominal_advice([s[0] for s in spans], i, base, address),
                              offset + start, offset + end))
    return flags


def _symbol_advice(m: re.Match) -> str:
    """What to write instead of a symbol, with the number it belongs to."""
    symbol, text = m.group(0), m.string
    before = re.search(r"(\d[\d.,]*)\s*$", text[:m.start()])
    after = re.match(r"\s*(\d[\d.,]*)", text[m.end():])
    found = before or after
    n = found.group(1) if found else "…"
    if symbol == "%":
        return _("write '{n} procent', or say it as a part: 'de helft', '1 op de 10'").format(n=n)
    if symbol == "+":
        return _("write '{n} jaar of ouder' or '{n} of meer'").format(n=n)
    if symbol in "<>≤≥±~≈":
        return _("write '{words} {n}'").format(words=dutch.SYMBOL_WORDS[symbol], n=n)
    return _("write '{words}'").format(words=dutch.SYMBOL_WORDS[symbol])


# An abstract noun is nominal style when it carries what the verb would have taken: 'de
# beoordeling van uw aanvraag', 'de verstrekking door de gemeente'. 'Een wandeling in het
# bos' is an event with a name, and no editor changes it.
_NOMINAL_OBJECT = frozenset("van door aan op tot voor over met".split())


def _nominal_advice(ws: list[str], i: int, base: str, address: str) -> str:
    example = advice.nominal_rewrite(ws, i, base, address)
    if base.endswith("en"):
        return _("say it with the verb '{verb}', e.g. '{example}'").format(
            verb=base, example=example)
    return _("say it with '{word}': e.g. '{example}'").format(word=base, example=example)


def infinitive(participle: str) -> str:
    """The infinitive of a past participle, for advice ('genomen' → 'nemen')."""
    lex = frequency_lexicon("nl")
    base = lemma(participle)
    if base != participle and base.endswith("en"):
        return base
    found = [b for b in dutch_base_forms(participle) if b.endswith("en")]
    return max(found, key=lambda b: lex.get(b, 0), default=participle)


def passive_flag(words: list[str], address: str, text: str | None = None) -> Flag | None:
    """A passive, with the active sentence to write: who does it, with the same verb.
    `text`: the sentence the words come from, whose commas bound the passive's clause."""
    found = dutch.passive(words)
    if not found:
        return None
    aux, part = found
    verb = infinitive(part)
    rewrites, named = advice.passive_rewrite(words, aux, part, address,
                                             advice.clause_breaks(text, words))
    if len(rewrites) >= 2:
        example = _("'{active}' or '{other}'").format(active=rewrites[0], other=rewrites[1])
    elif rewrites and not named:
        example = _("'{active}', or name who does it instead of 'wij'").format(
            active=rewrites[0])
    elif rewrites:
        example = f"'{rewrites[0]}'"
    else:
        example = _("'{active}', or name who does it instead of 'wij'").format(
            active=f"wij {verb} …")
    return Flag("passive", _("passive voice ('{verbs}')").format(verbs=f"{aux} … {part}"),
                _("say who does it, with the active verb '{verb}': {example}").format(
                    verb=verb, example=example))


def sentence_flags(text: str, ws: list[str], f: Features, budget: Budget) -> list[Flag]:
    """Length, subordinate clauses and density of the whole sentence."""
    flags: list[Flag] = []
    openers = dutch.subordinate_clauses(ws, text)
    f.subordinate = len(openers)
    f.clauses = dutch.clauses(ws, text)
    f.content = sum(dutch.is_content_word(w) for w in ws)
    f.commas = len(dutch.COMMA.findall(text))
    lower = [w.lower() for w in ws]
    f.prepositions = sum(w in dutch.PREPOSITIONS for w in lower)
    f.negations = sum(w in dutch.NEGATIONS for w in lower)
    split_hint = _split_point(text, openers)
    if f.n_words > budget.max_sentence_words:
        flags.append(Flag("long-sentence", _("{n} words (at most {most})").format(
                              n=f.n_words, most=budget.max_sentence_words),
                          _("split it into two sentences") + split_hint, over_budget=True))
    elif f.n_words > budget.advice_sentence_words:
        flags.append(Flag("long-sentence", _("{n} words (aim for at most {most})").format(
                              n=f.n_words, most=budget.advice_sentence_words),
                          _("can you split it into two sentences{where}?").format(
                              where=split_hint)))
    if f.subordinate > budget.max_subordinate_per_sentence:
        flags.append(Flag("subordinate-clause", _("{n} subordinate clauses ({openers}; at most "
                                                  "{most})").format(
                              n=f.subordinate, openers=", ".join(openers),
                              most=budget.max_subordinate_per_sentence),
                          _("make a sentence of its own of the '{opener} …' part").format(
                              opener=openers[-1]),
                          over_budget=True))
    elif f.subordinate and _EMBEDDED.search(text):
        flags.append(Flag("subordinate-clause", _("a subordinate clause inside the sentence "
                                                  "(', {opener} …,')").format(opener=openers[0]),
                          _("make the ', {opener} …,' part a sentence of its own").format(
                              opener=openers[0])))
    elif f.subordinate and f.n_words > budget.advice_sentence_words:
        flags.append(Flag("subordinate-clause", _("subordinate clause ('{opener} …') in a "
                                                  "sentence of {n} words").format(
                              opener=openers[0], n=f.n_words),
                          _("put the '{opener} …' part in a sentence of its own").format(
                              opener=openers[0])))
    if f.content / f.clauses > budget.max_content_words_per_clause:
        flags.append(Flag("dense-clause", ngettext("{n} content words in {clauses} clause",
                                                   "{n} content words in {clauses} clauses",
                                                   f.clauses).format(n=f.content,
                                                                     clauses=f.clauses),
                          _("say less per sentence, or split it") + split_hint,
                          over_budget=True))
    return flags


# A relative clause between commas interrupts the main clause ('De arts, die u morgen
# ziet, geeft …'): the reader has to hold the start of the sentence until its end.
_EMBEDDED = re.compile(r"\w,\s*(?:die|dat|welke|wat|waar\w*)\s[^,.;:]+,\s*\w")


def _split_point(text: str, openers: list[str]) -> str:
    if openers:
        return _(", e.g. before '{word}'").format(word=openers[0])
    m = re.search(r"\b(\w+)\s*[,;:]\s*(en|maar|want|dus|of)?\b", text)
    if m and m.end() < len(text) - 10:
        return _(", e.g. at ', {word}'").format(word=m.group(2)) if m.group(2) else \
            _(", e.g. after '{word},'").format(word=m.group(1))
    return ""
