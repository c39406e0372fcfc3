#!/usr/bin/env python3
"""How fast the readability checker is: messages per second, and the example site.

Checks N generated Dutch messages of about 200 words each (built from the example
content's sentences and some officialese, shuffled with a fixed seed), after a warm-up
that loads the word lists, and times `check` on the bundled example site in a fresh
process (cold start included).

    python benchmarks/readability_speed.py [-n 1000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.readability import analyze  # noqa: E402
from toolkit.readability.text import split  # noqa: E402

EXTRA = [
    "Middels deze brief informeren wij u omtrent de wijziging van de regeling.",
    "Indien u reeds een aanvraag heeft ingediend, wordt deze conform de nieuwe regels behandeld.",
    "De verstrekking van hulpmiddelen vindt uitsluitend plaats na een positieve beoordeling.",
    "Neem bijv. uw ID-kaart mee naar de afspraak bij de GGD.",
]


def corpus() -> list[str]:
    sentences = list(EXTRA)
    for path in sorted((ROOT / "content").glob("*.md")):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        sentences += [s.text for s in split(text)]
    return sentences


def messages(n: int, words: int = 200, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = corpus()
    out = []
    for _ in range(n):
        parts, count = [], 0
        while count < words:
            s = rng.choice(pool)
            parts.append(s if s.endswith((".", "?", "!")) else s + ".")
            count += len(s.split())
        out.append("\n\n".join(" ".join(parts[i:i + 3]) for i in range(0, len(parts), 3)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of messages")
    args = parser.parse_args()
    texts = messages(args.n)
    t0 = time.perf_counter()
    analyze(texts[0])  # loads wordfreq, pyphen and textstat
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in texts:
        analyze(text, level="B1")
    took = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    print(f"{args.n} messages, {words / args.n:.0f} words each: {took:.2f} s, "
          f"{args.n / took:.0f} messages/s ({words / took:,.0f} words/s); "
          f"first call (loading word lists) {warm:.2f} s")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "-C", str(ROOT)],
                   check=False, capture_output=True)
    print(f"python build.py check on the example site (new process, cold start): "
          f"{time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
