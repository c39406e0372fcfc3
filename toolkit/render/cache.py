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


def load_set(folder: Path | None) -> dict[str, bytes] | None:
    """A group of files stored together by store_set (audio of one message, say), or None
    when it was never stored whole. An empty group is a result too: 'nothing to make'."""
    if folder is None:
        return None
    manifest = folder / "files.txt"
    if not manifest.is_file():
        return None
    names = [n for n in manifest.read_text(encoding="utf-8").split("\n") if n]
    files: dict[str, bytes] = {}
    for n in names:
        data = load(folder / n)
        if data is None:
            return None
        files[n] = data
    return files


def store_set(folder: Path | None, files: dict[str, bytes]) -> None:
    """Store a group of files; the list of names is written last, so a group is only
    ever found complete."""
    if folder is None:
        return
    for name, data in files.items():
        store(folder / name, data)
    store(folder / "files.txt", "".join(f"{n}\n" for n in files).encode("utf-8"))
