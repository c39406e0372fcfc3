#!/usr/bin/env python3
"""Seconds per leaflet (Typst), per paper size and script, without the cache.

    python benchmarks/leaflet_speed.py [-n 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from render.test_pdf import leaflet, side  # noqa: E402

from toolkit.render import pdf  # noqa: E402

SAMPLES = {
    "nl": side("nl", "Was je handen", ("Maak je handen nat onder de kraan.",
                                       "Doe zeep op je handen.", "Droog je handen goed af.")),
    "ar": side("ar", "اغسل يديك", ("بلّل يديك تحت الحنفية.", "ضع الصابون على يديك.",
                                   "جفّف يديك جيداً."), rtl=True, name="العربية"),
    "zh-Hans": side("zh-Hans", "洗手", ("在水龙头下把手弄湿。", "在手上抹肥皂。", "把手擦干。"),
                    name="中文"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5)
    args = parser.parse_args()
    t0 = time.perf_counter()
    pdf.compile_pdf(leaflet(SAMPLES["nl"]), "a4")  # loads Typst and the fonts
    print(f"first leaflet in a new process: {time.perf_counter() - t0:.2f} s")
    print(f"{'':9}{'A4':>9}{'A5':>9}{'nl + lang':>11}")
    for lang, s in SAMPLES.items():
        row = []
        for sides, paper in (((s,), "a4"), ((s,), "a5"), ((SAMPLES["nl"], s), "a4")):
            times = []
            for i in range(args.n):
                # a new title each time: Typst memoizes layout within a process
                fresh = tuple(replace(x, title=f"{x.title} {i}") for x in sides)
                t0 = time.perf_counter()
                pdf.compile_pdf(leaflet(*fresh), paper)
                times.append(time.perf_counter() - t0)
            row.append(statistics.median(times))
        print(f"{lang:9}" + "".join(f"{t:>8.3f}s" for t in row[:2]) + f"{row[2]:>10.3f}s")
    print(f"(median of {args.n}; three steps, body and the source block with QR code)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
