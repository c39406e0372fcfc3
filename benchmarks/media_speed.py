#!/usr/bin/env python3
"""Seconds and sizes per message for the read-aloud audio and the narrated videos, made
from the example site without the cache.

    python benchmarks/media_speed.py [--all] [--lang nl --lang ar]

Default: every example message in Dutch and Arabic; --all: every published language.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import pipeline  # noqa: E402
from toolkit.extract import template_strings  # noqa: E402
from toolkit.render import audio, media, video  # noqa: E402
from toolkit.render.html import SiteRenderer  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and its children (eSpeak, FFmpeg): what the work costs,
    whatever else the machine is doing."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every published language")
    parser.add_argument("--lang", action="append", help="only these languages")
    args = parser.parse_args()
    site = pipeline.run(ROOT, pipeline.STAGES[:2])
    renderer = SiteRenderer(site.config, site.library, list(site.messages), site.catalogs,
                            [u.msgid for u in template_strings(site.config)])
    scripts = renderer.scripts()
    langs = None if args.all else set(args.lang or ["nl", "ar"])
    rows = []
    timings: dict[str, list[float]] = {"audio": [], "video": []}
    real_audio, real_video = audio.render, video.render

    def timed(kind, fn):
        def wrapper(*a, **k):
            t = time.perf_counter()
            out = fn(*a, **k)
            timings[kind].append(time.perf_counter() - t)
            return out
        return wrapper

    audio.render = timed("audio", real_audio)
    video.render = timed("video", real_video)
    print(f"{'message':16} {'lang':5} {'audio s':>8} {'video s':>8} {'CPU s':>6} {'listen':>8} "
          f"{'length':>7} {'steps':>8} {'video':>8} {'wide':>8} {'zip-able':>9}")
    for (slug, lang), script in sorted(scripts.items()):
        if langs is not None and lang not in langs:
            continue
        c = cpu_seconds()
        with tempfile.TemporaryDirectory() as tmp:
            files, _ = media.render(script, Path(tmp))  # a fresh folder: no cache, no recordings
        c = cpu_seconds() - c
        if not files:
            print(f"{slug:16} {lang:5} no voice")
            continue
        length = len(audio.decode_bytes(files["listen.mp3"])) / 2 / audio.RATE
        steps = sum(len(v) for k, v in files.items() if k.startswith("step-"))
        kb = lambda n: f"{n / 1024:.0f} kB"  # noqa: E731
        rows.append((timings["audio"][-1], timings["video"][-1], c))
        print(f"{slug:16} {lang:5} {timings['audio'][-1]:8.2f} {timings['video'][-1]:8.2f} "
              f"{c:6.2f} "
              f"{kb(len(files['listen.mp3'])):>8} {length:6.1f}s {kb(steps):>8} "
              f"{kb(len(files['video.mp4'])):>8} {kb(len(files['video-wide.mp4'])):>8} "
              f"{kb(sum(len(v) for v in files.values())):>9}")
    if rows:
        print(f"median per message and language: audio "
              f"{statistics.median(r[0] for r in rows):.2f} s, video (square and wide) "
              f"{statistics.median(r[1] for r in rows):.2f} s; CPU time (audio and video) "
              f"{statistics.median(r[2] for r in rows):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
