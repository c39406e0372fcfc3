"""Sentence difficulty: a few linguistically motivated measures, weighted.

Eleven inputs, the ones readability research (LiNT, T-Scan) and Dutch plain-language
guidance agree on and that hold up without a parser:

* reading effort: every word costs more the rarer it is (8 − its Zipf frequency, of its
  base form or, for a compound, of its rarest part), so length and word frequency count
  together: a long sentence of everyday words is easier than one of rare words;
* unfamiliarity: the mean distance of the words from the commonest ones, which does not
  grow when an edit adds a few short everyday words ('Wel hebt u …');
* words an editor would replace: uncommon and formal words, officialese from the list,
  unexplained abbreviations;
* the passive, and whether the sentence speaks to the reader at all ('we', 'je', 'u'
  against 'de gemeente');
* symbols the reader must put into words ('40%', '65+', '< 12 jaar');
* what the reader has to hold while reading (T-Scan counts these too): commas, each
  opening an insertion, a list item or another clause; prepositions, each opening a
  phrase to attach ('de beoordeling van de aanvraag van uw kind'); and negations, which
  the reader must first build positively and then deny ('zonder stempas kun je niet').

Subordinate clauses, content words per clause, abstract nouns and syllables per word are
still flagged, but add nothing to the ranking once word familiarity is in it (measured
with benchmarks/readability_eval.py), so they carry no weight.

The weights are fitted by `benchmarks/readability_eval.py --fit` with a pairwise logistic
model (original harder than its plain edit), all weights kept at zero or above (every
feature can only make a sentence harder), and then rounded. The benchmark reports the
same fit cross-validated by document, so the published figure is the one for unseen text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Feature → weight in points. Fitted on all Amsterdam development pairs (662 sentence
# pairs, 24 documents) by `python benchmarks/readability_eval.py --fit`; see README.
WEIGHTS: dict[str, float] = {
    "effort": 0.1,  # per point of reading effort: a word costs 8 − its Zipf familiarity
    "unfamiliar": 0.85,  # mean distance of the words from Zipf 7 ('de'), per Zipf point
    "hard_words": 1.85,  # per uncommon or formal word, or slash between words
    "jargon": 2.14,  # per officialese word or phrase from the list
    "abbreviations": 3.44,  # per unexplained abbreviation ('bijv.', 'CIZ')
    "passive": 2.36,  # passive voice in the sentence
    "impersonal": 1.63,  # the sentence addresses no one: no 'je', 'u', 'we', 'ik'
    "symbols": 1.91,  # per symbol the reader must put into words: '%', '&', '65+'
    "commas": 1.06,  # per comma: each one opens an insertion, a list item or a clause
    "prepositions": 0.0,  # per preposition: each opens a phrase to attach ('van de … van')
    "negations": 1.21,  # per negation ('niet', 'geen', 'zonder')
}
FEATURES = tuple(WEIGHTS)


@dataclass
class Features:
    """Counts for one sentence, filled in by the detectors."""

    words: list[str] = field(default_factory=list)
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
    symbols: int = 0
    commas: int = 0
    prepositions: int = 0
    negations: int = 0
    unfamiliarity: float = 0.0  # summed over the words (names excluded), see detect.py
    familiar_words: int = 0  # the words that sum is over
    effort: float = 0.0  # reading effort: per word, 8 − its Zipf familiarity (detect.py)
    personal: bool = False
    douma: float = 100.0

    def vector(self) -> dict[str, float]:
        """The model's inputs (see WEIGHTS)."""
        return {
            "effort": self.effort,
            "unfamiliar": self.unfamiliarity / max(1, self.familiar_words),
            "hard_words": float(self.uncommon + self.slashes),
            "jargon": float(self.jargon),
            "abbreviations": float(self.abbreviations),
            "passive": float(self.passive),
            "impersonal": float(not self.personal and self.n_words > 3),
            "symbols": float(self.symbols),
            "commas": float(self.commas),
            "prepositions": float(self.prepositions),
            "negations": float(self.negations),
        }


def difficulty(f: Features, weights: dict[str, float] | None = None) -> float:
    """Difficulty of one sentence in points: a short everyday sentence ('Was je handen
    vaak.') scores about 1-2; a sentence of officialese 7-15."""
    if not f.n_words:
        return 0.0
    w = weights or WEIGHTS
    return sum(w[k] * v for k, v in f.vector().items())
