"""Outputs as tasks with keys: each output is redone only when something it is made of
changed, and tasks run in parallel over the machine's cores.

A `Task` names the files it writes and carries a `key`: a hash of everything those files
depend on (texts, templates, pictograms, fonts, configuration, language, toolkit
version). The previous build's manifest records each file's key; a task whose key is
unchanged and whose files are in the previous site is not run: its files are linked into
the new site as they are. A key that misses an input would serve a stale output, so keys
hash the complete inputs (whole dataclasses, whole template sets), never a hand-picked
subset of them.

Tasks run in a process pool (fork: the workers inherit the loaded site, nothing is
pickled but the task's number and its files) and their files are written as they come,
so no more than a task's output is ever held in memory. Every task is deterministic, so a
parallel build is byte-identical to a serial one.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__

MANIFEST = ".klaar-manifest.json"


def digest(*parts: object) -> str:
    """A stable hash of Python values (their repr; dataclasses have a complete one)."""
    h = hashlib.sha256(__version__.encode())
    for part in parts:
        h.update(b"\x1f")
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8",
                                                                        "surrogatepass"))
    return h.hexdigest()[:32]


def files_digest(paths: Iterable[Path]) -> str:
    """Hash of files' names and contents (a template set, the static files, fonts)."""
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


@dataclass
class Task:
    """One unit of output: `run()` returns {relative path: bytes} for exactly `paths`."""

    kind: str  # "page", "infographic", "leaflet", "static", … (for counts and progress)
    paths: tuple[str, ...]
    key: str
    run: Callable[[], dict[str, bytes]] = field(repr=False)
    phase: int = 1  # tasks of a phase may use the results (sizes) of earlier phases


@dataclass
class Manifest:
    """What a built site holds: each file's task key and size."""

    files: dict[str, tuple[str, int]] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # e.g. the build summary, the input digest

    @classmethod
    def read(cls, site: Path) -> "Manifest":
        try:
            data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
            return cls({k: (v[0], int(v[1])) for k, v in data["files"].items()},
                       data.get("extra", {}))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return cls()

    def dumps(self) -> str:
        return json.dumps({"files": {k: list(v) for k, v in sorted(self.files.items())},
                           "extra": self.extra}, ensure_ascii=False, sort_keys=True,
                          indent=0)

    def size(self, path: str) -> int | None:
        entry = self.files.get(path)
        return entry[1] if entry else None


@dataclass
class Counts:
    """What a build did: tasks run and reused per kind, and the files it made."""

    run: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)
    made: set[str] = field(default_factory=set)

    def add(self, task: Task, reused: bool) -> None:
        bucket = self.reused if reused else self.run
        bucket[task.kind] = bucket.get(task.kind, 0) + 1
        if not reused:
            self.made.update(task.paths)


# The task list of the running build, inherited by forked workers.
_TASKS: list[Task] = []


def _work(index: int) -> tuple[int, dict[str, bytes]]:
    return index, _TASKS[index].run()


def _pool_results(indices: list[int], jobs: int) -> Iterator[tuple[int, dict[str, bytes]]]:
    if jobs <= 1 or len(indices) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for i in indices:
            yield _work(i)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(min(jobs, len(indices))) as pool:
        # Small chunks keep every core busy; results come back as they are done.
        yield from pool.imap_unordered(_work, indices, chunksize=max(1, min(8, len(indices)
                                                                            // (jobs * 8))))


def execute(tasks: list[Task], writer, previous: Path | None, old: Manifest, jobs: int,
            clean: bool = False, progress: Callable[[Task, bool], None] | None = None
            ) -> tuple[Manifest, Counts]:
    """Run what changed, link what did not, phase by phase; returns the new manifest.

    `writer` has write(path, bytes) and link(path, previous file). `previous` is the
    previous site (None or missing: everything runs).
    """
    global _TASKS
    seen: set[str] = set()
    for t in tasks:
        for p in t.paths:
            if p in seen:
                raise ValueError(f"two outputs write {p}")
            seen.add(p)
    manifest = Manifest()
    counts = Counts()
    for phase in sorted({t.phase for t in tasks}):
        todo: list[int] = []
        for i, t in enumerate(tasks):
            if t.phase != phase:
                continue
            if not clean and previous is not None and all(
                    old.files.get(p, ("",))[0] == t.key and (previous / p).is_file()
                    for p in t.paths):
                for p in t.paths:
                    writer.link(p, previous / p)
                    manifest.files[p] = (t.key, old.files[p][1])
                counts.add(t, True)
                if progress:
                    progress(t, True)
            else:
                todo.append(i)
        _TASKS = tasks
        try:
            for i, files in _pool_results(todo, jobs):
                t = tasks[i]
                if set(files) != set(t.paths):
                    raise ValueError(f"{t.kind} task wrote {sorted(files)}, expected "
                                     f"{sorted(t.paths)}")
                for p, data in files.items():
                    writer.write(p, data)
                    manifest.files[p] = (t.key, len(data))
                counts.add(t, False)
                if progress:
                    progress(t, False)
        finally:
            _TASKS = []
        # Later phases read the sizes of what this phase made.
        _SIZES.update({p: v[1] for p, v in manifest.files.items()})
    return manifest, counts


_SIZES: dict[str, int] = {}


def output_size(path: str) -> int | None:
    """The size of an output made earlier in this build (for links that say '93 kB')."""
    return _SIZES.get(path)


def reset_sizes() -> None:
    _SIZES.clear()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
