"""The officialese and jargon list (data/nl_jargon.tsv plus a site's own), and finding its
terms in a sentence: by base form, and for verb phrases across word order.

'in behandeling nemen' is found in 'wordt in behandeling genomen' and in 'neemt uw
aanvraag in behandeling'; 'ondertekenen' in 'ondertekend'; the particle verb 'indienen'
in 'dien het formulier in bij …'. The rules are in the header of nl_jargon.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .lexicon import dutch_base_forms, frequency_lexicon, lemma, stem_infinitives

# Words that end in -n but are never the verb of a phrase ('ten tijde van', 'in … van').
_NOT_VERBS = frozenset("van in aan ten den een binnen buiten boven tegen tussen zonder "
                       "onder achter open even geen mijn zijn".split())
# 'zijn' is a verb in 'van toepassing zijn', but only when it is not the first word.
_DETERMINERS = frozenset("de het een deze die dit dat mijn je jouw uw zijn haar ons onze "
                         "hun elke ieder iedere geen".split())
# Separable particles: 'indienen' splits into 'dien … in' in a main clause.
_PARTICLES = ("aan af bij door in mee mede na om op over terug toe uit voor weg samen "
              "vast plaats").split()
# After a separated particle comes the end of the clause, or a preposition or conjunction:
# 'dien het formulier in bij de balie', 'dien het in, en …'.
_AFTER_PARTICLE = frozenset("bij bij aan voor na op in met naar tot van om via binnen "
                            "en of maar want omdat zodat als voordat".split())

# A number word is never a form of a listed verb, whatever the lemmatiser says ('acht'
# is 'eight', not a form of 'achten').
_NUMBER_WORDS = frozenset("een twee drie vier vijf zes zeven acht negen tien elf twaalf "
                          "dertien veertien twintig dertig veertig vijftig honderd "
                          "duizend".split())
# ... unless what follows cannot follow a number: 'de gemeente acht dit onjuist'.
_AFTER_VERB_NOT_NUMBER = _DETERMINERS | frozenset("u zich hem ons".split())

# Particles that are never a preposition: whatever follows them, they belong to the verb
# ('wij delen u mede dat …').
_NEVER_PREPOSITIONS = frozenset("mede mee terug samen toe".split())

# The parts of a verb phrase stand within one clause: look this many words either way.
# (It also keeps a sentence of thousands of words linear.)
WINDOW = 20


@dataclass(frozen=True)
class JargonEntry:
    term: str  # lower case; may be several words; a trailing * matches any ending
    plain: str
    kind: str
    why: str = ""
    words: tuple[str, ...] = field(default=(), compare=False)
    verb: int | None = field(default=None, compare=False)  # index of the movable verb

    def advice(self, address: str = "je") -> str:
        """The plain alternative in the site's form of address."""
        je, jouw = ("u", "uw") if address == "u" else ("je", "jouw")
        return self.plain.replace("{je}", je).replace("{jouw}", jouw)


@dataclass(frozen=True)
class Found:
    entry: JargonEntry
    start: int  # offsets into the sentence text
    end: int
    shown: str  # what the text says, e.g. 'neemt … in behandeling'


def _verb_index(words: list[str]) -> int | None:
    if len(words) < 2:
        return None
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w.endswith("n") and len(w) >= 4 and w not in _NOT_VERBS and not (
                w == "zijn" and i == 0):
            return i
    return None


class JargonFileError(ValueError):
    """A broken row in a word list: which file, which line, what is wrong."""

    def __init__(self, source: str, line: int, message: str):
        super().__init__(f"{source}:{line}: {message}")
        self.source, self.line, self.message = source, line, message


def parse(text: str, source: str) -> list[JargonEntry]:
    """Rows of a list file; JargonFileError naming the file and line of a broken row."""
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise JargonFileError(source, n, "expected a term, a tab and its plain "
                                             f"alternative, got {line.strip()[:40]!r}")
        term = re.sub(r"\s+", " ", parts[0].strip().lower())
        words = term.split(" ")
        entries.append(JargonEntry(
            term, parts[1].strip(), parts[2].strip() if len(parts) > 2 and parts[2].strip()
            else "officialese", parts[3].strip() if len(parts) > 3 else "",
            tuple(words), _verb_index(words) if re.fullmatch(r"[\w' -]+", term) else None))
    return entries


@lru_cache(maxsize=8)
def jargon_list(extra: Path | None = None) -> tuple[JargonEntry, ...]:
    """The bundled list, plus a project's own list when given (its rows win)."""
    bundled = resources.files("toolkit.readability").joinpath("data/nl_jargon.tsv")
    entries = parse(bundled.read_text(encoding="utf-8"), "nl_jargon.tsv")
    if extra is not None:
        try:
            text = extra.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise JargonFileError(str(extra), 1, f"not UTF-8 text ({exc.reason})") from None
        entries = parse(text, str(extra)) + entries
    return tuple(entries)


class Matcher:
    """Finds list terms in one sentence's words. Build once per list (see `matcher`)."""

    def __init__(self, entries: tuple[JargonEntry, ...]):
        self._sep_cache: dict[tuple[str, str], list[tuple[JargonEntry, str]]] = {}
        self.single: dict[str, JargonEntry] = {}
        self.phrases: dict[str, list[JargonEntry]] = {}  # first fixed word → entries
        self.verbal: dict[str, list[JargonEntry]] = {}  # first fixed word → verb phrases
        self.separable: dict[str, list[tuple[JargonEntry, str, str]]] = {}  # verb → …
        prefixes, odd = [], []
        for e in entries:
            if not re.fullmatch(r"[\w' *-]+", e.term):  # 'c.q.', 'en/of'
                odd.append(e)
            elif e.term.endswith("*"):
                prefixes.append(e)
            elif len(e.words) == 1:
                self.single.setdefault(e.term, e)
                self._add_separable(e)
            elif e.verb is None:
                self.phrases.setdefault(e.words[0], []).append(e)
            else:
                self.verbal.setdefault(_runs_of(e)[0][0], []).append(e)
        self.starts = frozenset(self.phrases) | frozenset(self.verbal)
        self.prefix = re.compile("|".join(re.escape(e.term[:-1]) for e in sorted(
            prefixes, key=lambda e: -len(e.term)))) if prefixes else None
        self.prefix_entries = {e.term[:-1]: e for e in prefixes}
        self.odd = [(re.compile(r"(?<![\w-])" + re.escape(e.term) + r"(?![\w-])",
                                re.IGNORECASE), e) for e in odd]

    def _separable_for(self, w: str, lem: str) -> list[tuple[JargonEntry, str]]:
        key = (w, lem)
        if key not in self._sep_cache:
            stem = w[:-1] if w.endswith("t") else w  # 'dient', 'dien' → 'dienen'
            bases = (lem, w, stem + "en", *dutch_base_forms(w)) if self.separable else ()
            self._sep_cache[key] = [(e, p) for b in dict.fromkeys(bases)
                                    for e, p, _ in self.separable.get(b, ())]
        return self._sep_cache[key]

    def _add_separable(self, e: JargonEntry) -> None:
        """'indienen' = particle 'in' + verb 'dienen', when 'dienen' is a word."""
        lex = frequency_lexicon("nl")
        for p in _PARTICLES:
            rest = e.term[len(p):]
            if (e.term.startswith(p) and rest.endswith("en") and len(rest) >= 5
                    and lex.get(rest, 0) >= 3.0 and (lemma(rest) in (rest, rest[:-2])
                                                     or rest in stem_infinitives(lemma(rest)))):
                self.separable.setdefault(rest, []).append((e, p, rest))
                return

    def _verbal_at(self, e: JargonEntry, i: int, low: list[str], lem: list[str],
                   used: set[int]) -> list[int]:
        """Word indexes of verb phrase `e` when its first run starts at word i, else []."""
        runs = _runs_of(e)
        if i in used or not _fixed_at(low, lem, i, runs[0]):
            return []
        if runs[0][0] not in ("in", "ter", "te", "tot", "van", "op", "zich", "een") \
                and i > 0 and low[i - 1] in _DETERMINERS:
            return []  # 'een plaats' is a noun, not the particle of 'plaatsvinden'
        idx = list(range(i, i + len(runs[0])))
        lo, hi = max(0, i - WINDOW), min(len(low), i + WINDOW)
        for run in runs[1:]:
            k = next((k for k in range(idx[-1] + 1, hi) if _fixed_at(low, lem, k, run)), None)
            if k is None:
                return []
            idx += range(k, k + len(run))
        assert e.verb is not None  # only verbal entries come here
        verb = e.words[e.verb]
        where = [k for k in range(lo, hi) if (low[k] == verb or lem[k] == verb)
                 and k not in idx]
        if e.verb == 0:  # 'dienen te': the rest follows the verb, and is not 'om te'
            where = [k for k in where if k < i] if low[i - 1] != "om" else []
        if not where:
            return []
        return idx + [where[-1] if e.verb else where[0]]

    def find(self, text: str, spans: list[tuple[str, int, int]]) -> list[Found]:
        """Every list term in a sentence given as (word, start, end) triples."""
        low = [w.lower() for w, _, _ in spans]
        lem = [lemma(w) for w in low]
        out: list[Found] = []
        used: set[int] = set()

        def add(e: JargonEntry, idx: list[int]) -> None:
            idx = sorted(idx)
            shown = " … ".join(
                text[spans[a][1]:spans[b][2]] for a, b in _runs(idx))
            out.append(Found(e, spans[idx[0]][1], spans[idx[-1]][2], shown))
            used.update(idx)

        starts = self.starts
        for i, w in enumerate(low):
            if w not in starts and lem[i] not in starts:
                continue
            for e in self.phrases.get(w, []) + (self.phrases.get(lem[i], []) if lem[i] != w else []):
                n = len(e.words)
                if i not in used and _fixed_at(low, lem, i, e.words):
                    add(e, list(range(i, i + n)))
            for e in self.verbal.get(w, []) + (self.verbal.get(lem[i], []) if lem[i] != w else []):
                idx = self._verbal_at(e, i, low, lem, used)
                if idx:
                    add(e, idx)
        for i, w in enumerate(low):
            if i in used:
                continue
            e = self.single.get(w) or (  # type: ignore[assignment]
                self.single.get(lem[i]) if w not in _NUMBER_WORDS
                or (i + 1 < len(low) and low[i + 1] in _AFTER_VERB_NOT_NUMBER) else None)
            if e is None and "ge" in w[3:]:  # 'kennisgenomen' → 'kennisnemen'
                e = next((self.single[b] for b in joined_participle_bases(w)
                          if b in self.single), None)
            if e is None and self.prefix is not None:
                m = self.prefix.match(w)
                if m:
                    e = self.prefix_entries[m.group(0)]
            if e is not None:
                add(e, [i])
                continue
            for e, particle in self._separable_for(w, lem[i]):
                k = next((k for k in range(i + 1, min(len(low), i + WINDOW))
                          if low[k] == particle), None)
                if k is not None and k not in used and low[k - 1] not in _DETERMINERS and (
                        k + 1 == len(low) or low[k + 1] in _AFTER_PARTICLE
                        or particle in _NEVER_PREPOSITIONS
                        or text[spans[k][2]:spans[k + 1][1]].strip()):
                    add(e, [i, k])
                    break
        for pattern, e in self.odd:
            for m in pattern.finditer(text):
                out.append(Found(e, m.start(), m.end(), m.group(0)))
        out.sort(key=lambda f: f.start)
        return out


@lru_cache(maxsize=65536)
def joined_participle_bases(word: str) -> tuple[str, ...]:
    """Infinitives of a participle written together with its noun or particle, which the
    lemmatiser does not know: 'kennisgenomen' → 'kennisnemen', 'zorggedragen' →
    'zorgdragen' (the participle part 'genomen' → 'nemen' is known)."""
    out = []
    for m in re.finditer("ge", word):
        head, part = word[:m.start()], word[m.start():]
        if len(head) >= 3 and len(part) >= 5:
            base = lemma(part)
            if base != part and base.endswith("en"):
                out.append(head + base)
    return tuple(out)


def _runs_of(e: JargonEntry) -> list[list[str]]:
    """The words around the verb, in runs that stand together: 'zich [wenden] tot' →
    [['zich'], ['tot']]; 'in behandeling [nemen]' → [['in', 'behandeling']]."""
    assert e.verb is not None
    before, after = list(e.words[:e.verb]), list(e.words[e.verb + 1:])
    return [r for r in (before, after) if r]


def _fixed_at(low: list[str], lem: list[str], i: int, words: list[str] | tuple) -> bool:
    n = len(words)
    return i + n <= len(low) and all(low[i + k] == words[k] or lem[i + k] == words[k]
                                     for k in range(n))


def _runs(idx: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for k in idx:
        if runs and runs[-1][1] == k - 1:
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return runs


@lru_cache(maxsize=8)
def matcher(extra: Path | None = None) -> Matcher:
    """The matcher for the bundled list plus `extra`, built once."""
    return Matcher(jargon_list(extra))
