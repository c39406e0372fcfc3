#!/usr/bin/env python3
"""How fast the readability checker is: messages per second, scaling, the example site.

Checks N generated Dutch messages of about 200 words each (built from the example
content's sentences and some officialese, shuffled with a fixed seed), after a warm-up
that loads the word lists, and times `check` on the bundled example site in a fresh
process (cold start included). Times are CPU time of this process (what the checker
costs), with wall-clock time alongside: on a shared machine the two differ.

`--scaling` also loads and checks single messages of 125 KB, 250 KB, 500 KB, 1 MB and
10 MB (the size limit raised for the test): the time per KB must stay flat.

    python benchmarks/readability_speed.py [-n 1000] [--scaling]
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
    """n messages of about `words` words, paragraphs of three sentences."""
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


def scaling(sizes_kb: list[int]) -> None:
    """Load and check one message of each size, through load.py and check.py."""
    import dataclasses
    import tempfile

    from toolkit.check import check_message
    from toolkit.config import load_config
    from toolkit.load import load_message
    from toolkit.pictograms import load_library

    config = load_config(ROOT)
    library = load_library(config.pictograms_dir)
    front = (ROOT / "content/griepprik.md").read_text(encoding="utf-8").split("---")[1]
    body = "\n\n".join(messages(max(sizes_kb) * 1024 // 1300 + 10, seed=11))
    with tempfile.TemporaryDirectory() as tmp:
        big = dataclasses.replace(config, root=Path(tmp), max_message_kb=max(sizes_kb) + 1)
        (Path(tmp) / "content").mkdir()
        for kb in sizes_kb:
            path = Path(tmp) / "content" / f"groot-{kb}.md"
            path.write_text(f"---{front}---\n\n{body[:kb * 1024]}\n", encoding="utf-8")
            c0, w0 = time.process_time(), time.perf_counter()
            message, problems = load_message(path, big, library)
            assert message is not None, problems
            loaded = time.process_time() - c0
            result = check_message(message, big).result
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
            print(f"  {kb:>6,} KB: load {loaded:6.2f} s + check {cpu - loaded:6.2f} s "
                  f"= {cpu:6.2f} s CPU ({cpu / kb * 1000:.1f} ms per KB; wall {wall:.2f} s; "
                  f"{len(result.sentences):,} sentences)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of messages")
    parser.add_argument("--scaling", action="store_true",
                        help="also time single messages of 125 KB to 10 MB")
    args = parser.parse_args()
    texts = messages(args.n)
    t0 = time.perf_counter()
    analyze(texts[0])  # loads wordfreq, simplemma and pyphen
    warm = time.perf_counter() - t0
    c0, t0 = time.process_time(), time.perf_counter()
    for text in texts:
        analyze(text, level="B1")
    cpu, took = time.process_time() - c0, time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    print(f"{args.n} messages, {words / args.n:.0f} words each: {cpu:.2f} s CPU, "
          f"{args.n / cpu:.0f} messages/s ({words / cpu:,.0f} words/s); wall {took:.2f} s; "
          f"first call (loading word lists) {warm:.2f} s")
    if args.scaling:
        scaling([125, 250, 500, 1024, 10240])
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "-C", str(ROOT)],
                   check=False, capture_output=True)
    print(f"python build.py check on the example site (new process, cold start): "
          f"{time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
