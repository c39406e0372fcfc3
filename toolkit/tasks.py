"""Outputs as tasks with keys: each output is redone only when something it is made of
changed, and tasks run in parallel over the machine's cores.

A `Task` names the files it writes and carries a `key`: a hash of everything those files
depend on (texts, templates, pictograms, fonts, configuration, language, toolkit
version). The previous build's manifest records each file's key; a task whose key is
unchanged and whose files are in the previous site is not run: its files are linked into
the new site as they are. A key that misses an input would serve a stale output, so keys
hash the complete inputs (whole dataclasses, whole template sets), never a hand-picked
subset of them.

Tasks run in a process pool (workers from a fork server; the state tasks share, such as
the page renderer, is sent once per worker) and their files are written as they come,
so no more than a task's output is ever held in memory. Every task is deterministic, so a
parallel build is byte-identical to a serial one.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__

MANIFEST = ".klaar-manifest.json"
# What a build can make; `build --outputs` chooses among them (pages are always made).
OUTPUT_KINDS = frozenset({"pages", "infographics", "leaflets", "media"})


def digest(*parts: object) -> str:
    """A stable hash of Python values (their repr; dataclasses have a complete one) and of
    the toolkit's own code and data (a changed renderer makes its outputs again)."""
    from .memo import code_digest

    h = hashlib.sha256(__version__.encode() + code_digest().encode())
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
    local: bool = False  # cheap: always run in the build's own process
    # A task whose files are known only when it runs (audio and video: a language without
    # a voice has none) names one folder in `paths` and writes any files inside it; the
    # manifest keeps which files it wrote.
    dynamic: bool = False


@dataclass
class Manifest:
    """What a built site holds: each file's task key and size."""

    files: dict[str, tuple[str, int]] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # e.g. the build summary, the input digest

    @classmethod
    def read(cls, site: Path) -> Manifest:
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
    deferred: int = 0

    def add(self, task: Task, reused: bool) -> None:
        bucket = self.reused if reused else self.run
        bucket[task.kind] = bucket.get(task.kind, 0) + 1
        if not reused and not task.dynamic:  # a dynamic task's files: see execute()
            self.made.update(task.paths)


# What a worker process holds: the shared state its tasks read (e.g. the page renderer),
# sent once per worker, and the sizes of outputs made in earlier phases.
_SHARED: dict[str, Any] = {}
_SIZES: dict[str, int] = {}
# Rough CPU seconds of one task of each kind, and what starting one worker costs (importing
# the toolkit, receiving the shared state, compiling the templates): measured on a 2-core
# machine (benchmarks/build_speed.py). Workers are started only when they pay for
# themselves: a one-message edit's pages are made at once in the build's own process,
# a cold build's images and leaflets in parallel.
TASK_SECONDS = {"page": 0.004, "site file": 0.004, "static": 0.001, "share": 0.05,
                "leaflet": 0.05, "infographic": 0.3, "media": 3.0}
WORKER_START_SECONDS = 2.5


def worth_a_pool(kinds: Iterable[str], jobs: int) -> bool:
    """Do `jobs` workers finish these tasks sooner than this process alone, counting what
    starting each worker costs? (An unknown kind counts as expensive.)"""
    if jobs <= 1:
        return False
    work = sum(TASK_SECONDS.get(kind, 1.0) for kind in kinds)
    return work - work / jobs > WORKER_START_SECONDS


def _init_worker(shared: bytes, sizes: dict[str, int]) -> None:
    _SHARED.clear()
    _SHARED.update(pickle.loads(shared))
    _SIZES.clear()
    _SIZES.update(sizes)


def _work(item: tuple[int, Callable[[], dict[str, bytes]]]) -> tuple[int, dict[str, bytes]]:
    index, run = item
    return index, run()


def shared(name: str) -> Any:
    """State a task reads in whichever process it runs (see `execute(shared=…)`)."""
    return _SHARED[name]


def _pool_results(tasks: list[Task], indices: list[int], jobs: int,
                  state: dict[str, Any]) -> Iterator[tuple[int, dict[str, bytes]]]:
    local = [i for i in indices if tasks[i].local]
    remote = [i for i in indices if not tasks[i].local]
    if not worth_a_pool((tasks[i].kind for i in remote), jobs):
        local, remote = indices, []
    _SHARED.clear()
    _SHARED.update(state)
    for i in local:
        yield _work((i, tasks[i].run))
    if not remote:
        return
    # Workers come from a fork server, a clean process: forking the build itself would
    # copy the state of its threads (Typst's and resvg's thread pools, the preview's
    # server), and a child waiting on a thread that was not copied hangs for ever.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
        else "spawn"
    ctx = multiprocessing.get_context(method)
    payload = pickle.dumps(state, protocol=5)
    with ctx.Pool(min(jobs, len(remote)), initializer=_init_worker,
                  initargs=(payload, dict(_SIZES))) as pool:
        # Small chunks keep every core busy; results come back as they are done.
        chunk = max(1, min(8, len(remote) // (jobs * 8)))
        yield from pool.imap_unordered(_work, [(i, tasks[i].run) for i in remote],
                                       chunksize=chunk)


def execute(tasks: list[Task], writer, previous: Path | None, old: Manifest, jobs: int,
            clean: bool = False, progress: Callable[[Task, bool], None] | None = None,
            state: dict[str, Any] | None = None,
            defer: frozenset[str] = frozenset()) -> tuple[Manifest, Counts]:
    """Run what changed, link what did not, phase by phase; returns the new manifest.

    `writer` has write(path, bytes) and link(path, previous file). `previous` is the
    previous site (None or missing: everything runs). `state` is what tasks read with
    `shared(name)`, sent once to each worker. A task's `run` must be picklable (a
    module-level function, or a functools.partial of one) unless it is `local`.
    Tasks of a kind in `defer` are only reused, never run: their files are left out
    (the preview shows a changed page first and makes its images in a second pass).
    """
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
            wrote = _group(old, t) if t.dynamic else list(t.paths)
            if not clean and previous is not None and wrote is not None and all(
                    old.files.get(p, ("",))[0] == t.key and (previous / p).is_file()
                    for p in wrote):
                for p in wrote:
                    writer.link(p, previous / p)
                    manifest.files[p] = (t.key, old.files[p][1])
                if t.dynamic:
                    manifest.extra.setdefault("groups", {})[t.paths[0]] = [t.key, wrote]
                counts.add(t, True)
                if progress:
                    progress(t, True)
            elif t.kind in defer:
                counts.deferred += 1
            else:
                todo.append(i)
        for i, files in _pool_results(tasks, todo, jobs, state or {}):
            t = tasks[i]
            if t.dynamic:
                if any(not p.startswith(t.paths[0] + "/") for p in files):
                    raise ValueError(f"{t.kind} task wrote outside {t.paths[0]}/")
                manifest.extra.setdefault("groups", {})[t.paths[0]] = [t.key, sorted(files)]
            elif set(files) != set(t.paths):
                raise ValueError(f"{t.kind} task wrote {sorted(files)}, expected "
                                 f"{sorted(t.paths)}")
            for p, data in sorted(files.items()):
                writer.write(p, data)
                manifest.files[p] = (t.key, len(data))
            if t.dynamic:
                counts.made.update(files)
            counts.add(t, False)
            if progress:
                progress(t, False)
        # Later phases read the sizes of what this phase made.
        _SIZES.update({p: v[1] for p, v in manifest.files.items()})
    return manifest, counts


def _group(old: Manifest, task: Task) -> list[str] | None:
    """The files a dynamic task wrote in the previous build, if its key is unchanged."""
    group = old.extra.get("groups", {}).get(task.paths[0])
    if not group or group[0] != task.key:
        return None
    return list(group[1])


def output_size(path: str) -> int | None:
    """The size of an output made earlier in this build (for links that say '93 kB')."""
    return _SIZES.get(path)


def output_names(folder: str) -> list[str]:
    """The names of the files made in `folder` by earlier phases of this build."""
    index = _FOLDERS.get(len(_SIZES))
    if index is None:
        index = {}
        for path in _SIZES:
            head, _, name = path.rpartition("/")
            index.setdefault(head, []).append(name)
        _FOLDERS.clear()
        _FOLDERS[len(_SIZES)] = index
    return sorted(index.get(folder, ()))


_FOLDERS: dict[int, dict[str, list[str]]] = {}


def reset_sizes() -> None:
    _SIZES.clear()
    _FOLDERS.clear()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
