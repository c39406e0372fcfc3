"""All-or-nothing output: files go to a temporary folder that replaces the site at the end.

A build that fails at any point leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class SiteWriter:
    """Collects outputs in a temporary sibling of `target`, then swaps it in on `commit()`.

    Use as a context manager: leaving the block with an exception throws the temporary
    folder away and keeps the old site.
    """

    def __init__(self, target: Path, epoch: int | None = None):
        self.target = target
        self.epoch = epoch
        self.tmp: Path | None = None
        self.count = 0

    def __enter__(self) -> "SiteWriter":
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-",
                                         dir=self.target.parent))
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.tmp is not None and self.tmp.exists():
            shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, relpath: str, data: bytes | str) -> None:
        assert self.tmp is not None, "use SiteWriter as a context manager"
        rel = Path(relpath)
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(f"output path {relpath!r} leaves the site folder")
        path = self.tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.count += 1

    def copy(self, relpath: str, source: Path) -> None:
        self.write(relpath, source.read_bytes())

    def commit(self) -> None:
        """Swap the new folder in place of the old site; only now does the site change."""
        assert self.tmp is not None
        if self.epoch is not None:
            for path in sorted(self.tmp.rglob("*"), reverse=True):
                os.utime(path, (self.epoch, self.epoch))
            os.utime(self.tmp, (self.epoch, self.epoch))
        os.chmod(self.tmp, 0o755)  # mkdtemp makes it private; a site is meant to be read
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
            if old.exists():
                shutil.rmtree(old)
            os.replace(self.target, old)
        os.replace(self.tmp, self.target)
        self.tmp = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
