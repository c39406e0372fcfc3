#!/usr/bin/env python3
"""Run the Klaar CLI with benchmark instrumentation (used by build_speed.py).

    python benchmarks/klaar_driver.py [--html-only] [--timings FILE] build -C PROJECT

--html-only  builds the pages without images and leaflets, for CLIs that have no option
             for it: the renderer's image and leaflet methods return nothing, so message
             pages are rendered exactly as for a message without images (no download
             links). The issue's "HTML only" figures were measured the same way.
             build_speed.py uses the CLI's own option instead when `build --help` offers
             `--only` or `--outputs`.
--timings    writes, as JSON, how many images and leaflets were made and the seconds spent
             in each kind (poster, card, preview, leaflet-a4, …), cache hits included.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def html_only() -> None:
    from toolkit.render.html import SiteRenderer

    tasks = SiteRenderer.tasks
    # pages only (no images, leaflets, audio or video), also in `serve`, which has no
    # --outputs option
    SiteRenderer.tasks = lambda self, kinds=None: tasks(self, frozenset({"pages"}))


def timed(path: Path) -> None:
    """Count and time every image and leaflet by kind; written when the process ends."""
    import atexit

    from toolkit.render import html

    seconds: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    png_render, compile_pdf = html.png.render, html.pdf.compile_pdf

    def render(info, name, cache):
        t0 = time.perf_counter()
        try:
            return png_render(info, name, cache)
        finally:
            seconds[name] += time.perf_counter() - t0
            count[name] += 1

    def leaflet(leaflet, size, cache):
        kind = f"leaflet-{size}" + ("-bilingual" if len(leaflet.sides) > 1 else "")
        t0 = time.perf_counter()
        try:
            return compile_pdf(leaflet, size, cache)
        finally:
            seconds[kind] += time.perf_counter() - t0
            count[kind] += 1

    html.png.render, html.pdf.compile_pdf = render, leaflet

    def dump() -> None:
        path.write_text(json.dumps({k: {"count": count[k], "seconds": seconds[k]}
                                    for k in sorted(count)}, indent=1))

    atexit.register(dump)


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--html-only"]:
        html_only()
        args = args[1:]
    if args[:1] == ["--timings"]:
        timed(Path(args[1]))
        args = args[2:]
        if args[:1] == ["build"]:  # the wrappers see only what runs in this process
            args = [*args, "--jobs", "1"]
    from toolkit.cli import main as klaar

    return klaar(args)


if __name__ == "__main__":
    sys.exit(main())
