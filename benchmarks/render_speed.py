#!/usr/bin/env python3
"""How long an infographic takes to render, per size and script (one core, no cache).

    python benchmarks/render_speed.py [-n 5]

Prints milliseconds per image (median of n renders) for the poster (A4, 300 dpi), the
social card and the link preview, in Dutch, Arabic and Chinese. The goal for the card is
at most 150 ms on one core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from render.test_png import info  # noqa: E402  (the test samples: 5 steps per script)

from toolkit.render import png  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5)
    args = parser.parse_args()
    print(f"{'':8}" + "".join(f"{name:>12}" for name in png.FORMATS))
    for lang in ("nl", "ar", "zh-Hans"):
        row = []
        for name, fmt in png.FORMATS.items():
            times = []
            for _ in range(args.n):
                png.pictogram_image.cache_clear()  # rasterising the pictograms included
                t0 = time.perf_counter()
                png.png_bytes(png.compose(info(lang), fmt).image)
                times.append((time.perf_counter() - t0) * 1000)
            row.append(statistics.median(times))
        print(f"{lang:8}" + "".join(f"{ms:>9.0f} ms" for ms in row))
    print(f"(pictogram rasterising and PNG encoding included; median of {args.n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
