"""Work done once: results kept on disk by a key of everything they were computed from.

Parsed messages and catalogs, readability verdicts and safety-check findings are kept in
the project's cache folder (`.klaar/cache/`, or KLAAR_CACHE). Every key includes a hash
of the toolkit's own code and data (`code_digest`), so a new version, or an edited word
list, never reuses an old result; a result is never updated in place, so a cache entry
can only be missing, never stale. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

from .render.cache import cache_dir, load, store

_PACKAGE = Path(__file__).resolve().parent
# .po: the toolkit's own texts (data/interface, locale), read by pages and screens
_CODE_SUFFIXES = {".py", ".tsv", ".txt", ".toml", ".json", ".html", ".csv", ".typ", ".po"}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the toolkit's code and data files (fonts by name and size)."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(_PACKAGE).as_posix().encode()
        if path.suffix in _CODE_SUFFIXES:
            h.update(rel + b"\0" + path.read_bytes() + b"\0")
        else:
            h.update(rel + b"\0" + str(path.stat().st_size).encode() + b"\0")
    return h.hexdigest()[:32]


def key(*parts: Any) -> str:
    """A cache key: the code digest and the repr of each part."""
    h = hashlib.sha256(code_digest().encode())
    for part in parts:
        h.update(b"\x1f")
        h.update(part if isinstance(part, bytes) else
                 repr(part).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:40]


def enabled() -> bool:
    return os.environ.get("KLAAR_NO_CACHE", "") in ("", "0")


class Store:
    """One kind of result, one file per key."""

    def __init__(self, root: Path, kind: str):
        self.folder = cache_dir(root, kind)

    def get(self, k: str) -> Any | None:
        if not enabled():
            return None
        data = load(self.folder / f"{k}.pickle")
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, made again
            return None

    def put(self, k: str, value: Any) -> None:
        if enabled():
            store(self.folder / f"{k}.pickle", pickle.dumps(value, protocol=5))


class Table:
    """Many small results in one file (e.g. safety findings per translation), loaded on
    first use and written back once, when something was added."""

    def __init__(self, root: Path, kind: str):
        self.path = cache_dir(root, kind) / f"{code_digest()}.pickle"
        self.data: dict[str, Any] | None = None
        self.added = 0

    def _load(self) -> dict[str, Any]:
        if self.data is None:
            raw = load(self.path) if enabled() else None
            try:
                self.data = pickle.loads(raw) if raw else {}
            except Exception:  # noqa: BLE001 - damaged: start again
                self.data = {}
        return self.data

    def get(self, k: str) -> Any | None:
        return self._load().get(k)

    def put(self, k: str, value: Any) -> None:
        self._load()[k] = value
        self.added += 1

    def save(self) -> None:
        if self.added and enabled() and self.data is not None:
            store(self.path, pickle.dumps(self.data, protocol=5))
            self.added = 0
