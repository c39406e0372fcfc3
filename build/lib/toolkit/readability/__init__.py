"""Readability: how hard a Dutch text is, sentence by sentence, against an A2/B1 budget.

    from toolkit.readability import analyze
    result = analyze("Wij verzoeken u vriendelijk …", level="B1")
    result.passed, result.difficulty, result.sentences[0].flags

The package knows nothing about files, catalogs or rendering; `toolkit.check` applies it
to messages.
"""

from .analyze import Flag, Result, Sentence, analyze
from .budget import Budget, budget_for
from .other import compare

__all__ = ["Budget", "Flag", "Result", "Sentence", "analyze", "budget_for", "compare"]
