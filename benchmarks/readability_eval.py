#!/usr/bin/env python3
"""Calibration of the Dutch readability checker on real municipal texts.

Reads ../shared/data/readability/nl-amsterdam-dev/ (City of Amsterdam originals paired with
the plain-language edits of its communication experts; EUPL-1.2; not copied into this
project) and prints:

* pair accuracy: share of pairs where the original scores harder than the edit (ties
  count as misses), overall, on clearly edited pairs (word similarity <= 0.8) and on the
  health slice, next to a words-per-sentence + word-length baseline;
* the share of originals and of edits that fail the B1 budget;
* recall of the words native speakers marked as hard.

    python benchmarks/readability_eval.py [--data PATH] [--json]
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.readability import analyze  # noqa: E402
from toolkit.readability.text import split, words  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared/data/readability/nl-amsterdam-dev"
WORD_FLAGS = {"uncommon-word", "jargon", "long-compound", "nominalisation", "abbreviation"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split()).ratio()


def baseline(text: str) -> tuple[float, float]:
    sents = split(text, markdown=False) or []
    ws = [m.group(0) for s in sents for m in words(s.text)]
    if not ws:
        return (0.0, 0.0)
    return (len(ws) / max(1, len(sents)), sum(len(w) for w in ws) / len(ws))


def baseline_scores(texts: list[str]) -> list[float]:
    """Words per sentence and word length, each standardised, summed."""
    feats = [baseline(t) for t in texts]
    cols = list(zip(*feats))
    means = [statistics.mean(c) for c in cols]
    sds = [statistics.pstdev(c) or 1.0 for c in cols]
    return [sum((f[i] - means[i]) / sds[i] for i in range(2)) for f in feats]


def accuracy(pairs: list[tuple[float, float]]) -> float:
    return sum(c > s for c, s in pairs) / len(pairs) if pairs else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--no-jargon-list", action="store_true",
                        help="measure without the officialese/jargon word list")
    args = parser.parse_args()
    if args.no_jargon_list:
        import importlib
        import re

        module = importlib.import_module("toolkit.readability.analyze")
        module.jargon_matcher = lambda extra=None: (re.compile(r"(?!x)x"), {})
    if not (args.data / "sentence_pairs.jsonl").is_file():
        print(f"data not found in {args.data}; pass --data PATH", file=sys.stderr)
        return 2

    rows = [r for r in load(args.data / "sentence_pairs.jsonl")
            if not r["identical"] and not r["anonymized_placeholder"]]
    complex_ = [analyze(r["complex"], markdown=False) for r in rows]
    simple = [analyze(r["simple"], markdown=False) for r in rows]
    ours = [(c.difficulty, s.difficulty) for c, s in zip(complex_, simple)]
    base_all = baseline_scores([r["complex"] for r in rows] + [r["simple"] for r in rows])
    base = list(zip(base_all[: len(rows)], base_all[len(rows):]))
    clear = [i for i, r in enumerate(rows) if similarity(r["complex"], r["simple"]) <= 0.8]
    health = [i for i, r in enumerate(rows) if r["health_related_doc"]]

    docs = load(args.data / "documents_aligned_concat.jsonl")
    by_id: dict[int, dict[str, dict]] = {}
    for d in docs:
        by_id.setdefault(d["doc_id"], {})[d["label"]] = d
    doc_pairs = [(v["complex"], v["simple"]) for v in by_id.values() if len(v) == 2]
    doc_scores = [(analyze(c["text"], markdown=False).difficulty,
                   analyze(s["text"], markdown=False).difficulty, c["health_related_doc"])
                  for c, s in doc_pairs]

    lexical = load(args.data / "lexical_complex_words.jsonl")
    hits = 0
    for row in lexical:
        result = analyze(row["sentence"], markdown=False)
        word = row["complex_word"].lower()
        for s in result.sentences:
            for f in s.flags:
                if f.code in WORD_FLAGS and f.start is not None and \
                        word in row["sentence"][f.start:f.end].lower():
                    hits += 1
                    break
            else:
                continue
            break

    figures = {
        "pairs": len(rows),
        "pair_accuracy": round(accuracy(ours), 3),
        "pair_ties": sum(c == s for c, s in ours),
        "baseline_pair_accuracy": round(accuracy(base), 3),
        "clear_pairs": len(clear),
        "clear_pair_accuracy": round(accuracy([ours[i] for i in clear]), 3),
        "baseline_clear_pair_accuracy": round(accuracy([base[i] for i in clear]), 3),
        "health_pairs": len(health),
        "health_pair_accuracy": round(accuracy([ours[i] for i in health]), 3),
        "document_pairs": len(doc_scores),
        "document_accuracy": round(accuracy([(c, s) for c, s, _ in doc_scores]), 3),
        "health_documents": sum(h for *_, h in doc_scores),
        "health_document_accuracy": round(accuracy([(c, s) for c, s, h in doc_scores if h]), 3),
        "originals_failing_B1": round(sum(not r.passed for r in complex_) / len(rows), 3),
        "edits_failing_B1": round(sum(not r.passed for r in simple) / len(rows), 3),
        "clear_originals_failing_B1": round(sum(not complex_[i].passed for i in clear)
                                            / len(clear), 3),
        "clear_edits_failing_B1": round(sum(not simple[i].passed for i in clear) / len(clear), 3),
        "hard_words": len(lexical),
        "hard_word_recall": round(hits / len(lexical), 3),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"Readability checker on {args.data.name} ({len(rows)} sentence pairs)")
    print(f"  pair accuracy           {figures['pair_accuracy']:.3f}   "
          f"(baseline {figures['baseline_pair_accuracy']:.3f}; ties {figures['pair_ties']})")
    print(f"  clearly edited pairs    {figures['clear_pair_accuracy']:.3f}   "
          f"(baseline {figures['baseline_clear_pair_accuracy']:.3f}; n={len(clear)})")
    print(f"  health sentence pairs   {figures['health_pair_accuracy']:.3f}   (n={len(health)})")
    print(f"  document pairs          {figures['document_accuracy']:.3f}   "
          f"(n={figures['document_pairs']}); health documents "
          f"{figures['health_document_accuracy']:.3f} (n={figures['health_documents']})")
    print(f"  fail the B1 budget      originals {figures['originals_failing_B1']:.1%}, "
          f"edits {figures['edits_failing_B1']:.1%}; clearly edited pairs: originals "
          f"{figures['clear_originals_failing_B1']:.1%}, edits "
          f"{figures['clear_edits_failing_B1']:.1%}")
    print(f"  marked hard words flagged {figures['hard_word_recall']:.1%} "
          f"({hits}/{len(lexical)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
