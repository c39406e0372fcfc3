"""Sentence difficulty: a few linguistically motivated counts, weighted.

The features are the ones readability research (LiNT, T-Scan) and Dutch plain-language
guidance agree on and that hold up without a parser: sentence length, how rare the content
words are, words an editor would replace (officialese, uncommon and formal words,
abbreviations), the passive, abstract nouns made from verbs, subordinate clauses, and
whether the sentence speaks to the reader at all ('we', 'je', 'u' against 'de gemeente').

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
    "words": 0.21,  # per word
    "rarity": 0.17,  # per Zipf point below 4.5, summed over the content words
    "hard_words": 1.72,  # per word a plain-language editor replaces (flagged words)
    "passive": 1.46,  # passive voice in the sentence
    "nominal": 0.44,  # per abstract noun made from a verb or adjective
    "subordinate": 0.0,  # per subordinate clause
    "impersonal": 0.34,  # the sentence addresses no one: no 'je', 'u', 'we', 'ik'
    "syllables": 0.5,  # syllables per word
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
    rarity: float = 0.0
    personal: bool = False
    douma: float = 100.0

    def vector(self) -> dict[str, float]:
        """The model's inputs (see WEIGHTS)."""
        n = max(1, self.n_words)
        return {
            "words": float(self.n_words),
            "rarity": self.rarity,
            "hard_words": float(self.uncommon + self.jargon + self.abbreviations
                                + self.slashes),
            "passive": float(self.passive),
            "nominal": float(self.nominal),
            "subordinate": float(self.subordinate),
            "impersonal": float(not self.personal and self.n_words > 3),
            "syllables": self.syllables / n,
        }


def difficulty(f: Features, weights: dict[str, float] | None = None) -> float:
    """Difficulty of one sentence in points: a short, common, active sentence scores
    about 1-3; a typical sentence from a municipal letter 5-8."""
    if not f.n_words:
        return 0.0
    w = weights or WEIGHTS
    return sum(w[k] * v for k, v in f.vector().items())
