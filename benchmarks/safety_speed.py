#!/usr/bin/env python3
"""Milliseconds per translated segment for all safety checks (facts, dropped, shape …), on
the example catalogs, cold (first call per text) and warm (the build asks again for the
same text: answers are cached per text).

    python benchmarks/safety_speed.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.safety import CHECKS, Context, run_checks  # noqa: E402


def main() -> None:
    pairs = []
    for path in sorted((ROOT / "translations").glob("*.po")):
        lang = path.stem
        pairs += [(e.msgid, e.msgstr, lang) for e in polib.pofile(str(path))
                  if e.msgstr and not e.obsolete]
    for label in ("cold", "warm"):
        start = time.perf_counter()
        for source, target, lang in pairs:
            run_checks(source, target, Context(lang, ("GGD", "RIVM")))
        ms = (time.perf_counter() - start) * 1000 / len(pairs)
        print(f"{label}: {ms:.2f} ms per segment ({len(pairs)} segments, {len(CHECKS)} checks)")
    for code, _severity, fn in CHECKS:
        start = time.perf_counter()
        for source, target, lang in pairs:
            fn(source, target + " ", Context(lang, ("GGD", "RIVM")))  # not cached
        ms = (time.perf_counter() - start) * 1000 / len(pairs)
        print(f"  {code:12} {ms:.3f} ms per segment (uncached)")


if __name__ == "__main__":
    main()
