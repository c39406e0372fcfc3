"""What a long build is doing: bars with counts on a terminal, a few plain lines in a log.

A cold build takes from seconds to minutes (images, leaflets, audio and video); it must
never look hung. On a terminal each long stage (loading, checking, and the outputs of
each kind) gets a bar with counts and the time spent (drawn with rich). Where output goes
to a log (CI, a pipe, a file) there are no bars and no carriage returns: one line when a
stage that took a while ends, and while work is under way a line every ten seconds
saying how far each stage is.

KLAAR_PROGRESS=bar|plain|off chooses instead of guessing; CI=… or TERM=dumb mean plain.
Progress goes to standard error, so standard output stays the command's answer.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from .staff_language import N_, _

MODES = ("bar", "plain", "off")
# Output kinds (tasks.Task.kind) as staff call them, in the order a build makes them.
KIND_LABELS = {"static": N_("static files"), "infographic": N_("images"),
               "leaflet": N_("leaflets"), "media": N_("audio and video"),
               "share": N_("share kits"), "page": N_("pages"), "site file": N_("sitemap, feeds")}
PLAIN_EVERY = 10.0  # seconds between 'still working' lines in a log
PLAIN_MIN = 1.0  # a stage quicker than this is not worth a line in a log


_LIVE: list[Progress] = []  # the progress whose bars are on the screen now


def echo_err(text: str) -> None:
    """A line for standard error (a warning, say) that also looks right while bars are
    drawn: above them, not in the middle of one."""
    if _LIVE and _LIVE[-1]._rich is not None:
        _LIVE[-1]._rich.console.print(text, markup=False, highlight=False, soft_wrap=True)
        return
    import click

    click.echo(text, err=True)


def choose_mode(stream: TextIO) -> str:
    """bar on a terminal, plain in a log; KLAAR_PROGRESS overrides."""
    chosen = os.environ.get("KLAAR_PROGRESS", "").strip().lower()
    if chosen in MODES:
        return chosen
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return "plain"
    isatty = getattr(stream, "isatty", None)
    try:
        return "bar" if isatty is not None and isatty() else "plain"
    except ValueError:  # a closed stream
        return "off"


@dataclass
class Counter:
    """One stage or one kind of output: how many of how many are done."""

    label: str
    total: int
    unit: str
    owner: Progress = field(repr=False)
    done: int = 0
    made: int = 0
    kept: int = 0
    started: float = 0.0
    said: float = 0.0  # when a plain line last told of it (0: never)
    bar: Any = field(default=None, repr=False)  # the rich task id
    closed: bool = False
    tasks: bool = False  # counts outputs: made and unchanged are told apart

    def advance(self, n: int = 1, reused: bool = False) -> None:
        self.done += n
        if reused:
            self.kept += n
        else:
            self.made += n
        self.owner._advanced(self)
        if self.done >= self.total:
            self.close()

    def tick(self) -> None:
        self.advance()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.owner._closed(self)

    def __enter__(self) -> Counter:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None:
            self.closed = True  # the error says what happened; no summing up
        self.close()


class Progress:
    """The progress of one command. Use as a context manager around the work."""

    def __init__(self, stream: TextIO | None = None, mode: str | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.mode = mode or choose_mode(self.stream)
        self.clock = clock
        self._lock = threading.Lock()
        self._rich: Any = None  # rich.progress.Progress, started with the first bar
        self._kinds: dict[str, Counter] = {}
        self._open: list[Counter] = []  # plain: the stages under way
        self._all: list[Counter] = []
        self._beat: threading.Thread | None = None
        self._stop = threading.Event()

    # -- stages --------------------------------------------------------------------

    def stage(self, label: str, total: int, unit: str, tasks: bool = False) -> Counter:
        """A counter for `total` things; advance it as each is done. `tasks`: outputs,
        counted as made or unchanged, timed from the first one done (kinds of output are
        made side by side, and pages only after the images they link)."""
        label, unit = _(label), _(unit) if unit else unit  # marked with N_ where named
        counter = Counter(label, total, unit, self, started=self.clock(), tasks=tasks)
        self._all.append(counter)
        if total <= 0:
            counter.closed = True
            return counter
        if self.mode == "bar":
            counter.bar = self._bars().add_task(label, total=total, unit=unit,
                                                start=not tasks)
        elif self.mode == "plain":
            with self._lock:
                self._open.append(counter)
            self._heartbeat()
        return counter

    def tasks(self, tasks: Iterable) -> Callable[[object, bool], None]:
        """Counters for the outputs of a build, one per kind; returns the callback
        `tasks.execute(progress=…)` calls as each task is done (reused or made)."""
        self.end_tasks()
        totals: dict[str, int] = {}
        for t in tasks:
            totals[t.kind] = totals.get(t.kind, 0) + 1
        order = list(KIND_LABELS)
        for kind in sorted(totals, key=lambda k: (order.index(k) if k in order else 99, k)):
            self._kinds[kind] = self.stage(KIND_LABELS.get(kind, kind), totals[kind], "",
                                           tasks=True)

        def done(task, reused: bool) -> None:
            counter = self._kinds.get(task.kind)
            if counter is not None:
                counter.advance(reused=reused)

        return done

    def end_tasks(self) -> None:
        """The outputs are done: close their counters (those of outputs left for later,
        as in the preview's first pass, stop where they are)."""
        for counter in self._kinds.values():
            counter.close()
        self._kinds.clear()

    # -- reporting -----------------------------------------------------------------

    def _bars(self):
        if self._rich is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bars

            self._rich = Bars(TextColumn("{task.description:<16}"), BarColumn(bar_width=30),
                              MofNCompleteColumn(), TextColumn("{task.fields[unit]}"),
                              TimeElapsedColumn(), console=Console(file=self.stream),
                              transient=False)
            self._rich.start()
            _LIVE.append(self)
        return self._rich

    def _advanced(self, counter: Counter) -> None:
        if counter.tasks and counter.done == 1:
            counter.started = self.clock()
            if self.mode == "bar" and counter.bar is not None:
                self._rich.start_task(counter.bar)
        if self.mode == "bar" and counter.bar is not None:
            self._rich.update(counter.bar, completed=counter.done)

    def _closed(self, counter: Counter) -> None:
        if self.mode == "bar" and counter.bar is not None:
            self._rich.update(counter.bar, completed=counter.done)
            self._rich.stop_task(counter.bar)
        elif self.mode == "plain":
            with self._lock:
                if counter in self._open:
                    self._open.remove(counter)
            took = self.clock() - counter.started
            if took < PLAIN_MIN and not counter.said:
                return  # quick, and nothing said yet: a log needs no line for it
            what = f"{counter.done} {counter.unit}".rstrip()
            if counter.done < counter.total:
                what = f"{counter.done}/{counter.total} {counter.unit}".rstrip()
            if counter.tasks:
                what = _("{made} made, {kept} unchanged").format(made=counter.made,
                                                                  kept=counter.kept)
            self._line(f"{counter.label}: {what} ({took:.1f} s)")

    def _heartbeat(self) -> None:
        """In a log: every PLAIN_EVERY seconds, how far the open stages are."""
        if self._beat is not None:
            return
        self._stop = threading.Event()

        def beat() -> None:
            while not self._stop.wait(PLAIN_EVERY):
                with self._lock:
                    shown = [c for c in self._open if not c.closed]
                for c in shown:
                    c.said = self.clock()
                if shown:
                    self._line("… " + ", ".join(f"{c.label} {c.done}/{c.total}" for c in shown))

        self._beat = threading.Thread(target=beat, name="klaar-progress", daemon=True)
        self._beat.start()

    def _line(self, text: str) -> None:
        with self._lock:
            self.stream.write(text + "\n")
            self.stream.flush()

    def close(self, failed: bool = False) -> None:
        """End every counter and the bars; after a failure, without summing up."""
        for counter in self._all:
            if failed:
                counter.closed = True
            counter.close()
        if self._rich is not None:
            self._rich.stop()
            self._rich = None
            if self in _LIVE:
                _LIVE.remove(self)
        if self._beat is not None:
            self._stop.set()
            self._beat.join()
            self._beat = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(failed=exc_type is not None)
