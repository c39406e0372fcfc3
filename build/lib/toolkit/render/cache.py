"""The output cache: rendered images and leaflets, kept by a key of everything they are
made of, so a cache entry can never be stale (it is a different key)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir(root: Path, kind: str) -> Path:
    """KLAAR_CACHE (shared, e.g. between test projects) or the project's .klaar/cache."""
    return Path(os.environ.get("KLAAR_CACHE") or root / ".klaar" / "cache") / kind


def load(path: Path | None) -> bytes | None:
    return path.read_bytes() if path and path.is_file() else None


def store(path: Path | None, data: bytes) -> None:
    """Write atomically: a build killed halfway never leaves half an image behind."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # a unique temporary name: two builds (threads or processes) may store the same key
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
