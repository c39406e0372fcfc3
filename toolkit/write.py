"""All-or-nothing output: files go to a temporary folder that replaces the site at the end.

A build that fails at any point, or is killed, leaves the previous site exactly as it was:
- outputs go to a sibling `.<name>.new-*` folder; the site folder is never written into;
- the new folder is marked complete (`.klaar-site`) and then swapped in. On Linux the swap
  is one atomic exchange (renameat2 RENAME_EXCHANGE), so the site path always holds a
  complete site; elsewhere two renames, and a build killed between them is repaired by the
  next build (`recover`);
- the next build removes what a killed build left behind (`.<name>.new-*`, `.<name>.old-*`).
The marker also says "a build made this folder": a non-empty folder without it is never
replaced, so pointing the output at the wrong folder cannot delete anyone's files.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .errors import KlaarError

MARKER = ".klaar-site"
MARKER_TEXT = ("Made by Klaar (python build.py). The whole folder is replaced on every build:\n"
               "do not keep other files here.\n")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100

try:
    import fcntl
except ImportError:  # Windows: builds into one folder are not serialised
    fcntl = None  # type: ignore[assignment]


class OutputRefused(KlaarError):
    """The output folder holds something a build did not make, so it may not be replaced."""


def folder_problem(target: Path) -> str | None:
    """Why `target` may not be replaced by a build, or None when it may: it must be
    missing, an empty folder, or a folder a build made (it has the marker)."""
    if target.is_symlink():
        return "is a symbolic link; point the output at the real folder instead"
    if not target.exists():
        return None
    if not target.is_dir():
        return "is a file, not a folder"
    if (target / MARKER).is_file() or not any(target.iterdir()):
        return None
    return (f"is a folder with files that no build made (no {MARKER} in it); a build "
            "replaces the whole folder and would delete them")


def leftovers(target: Path) -> tuple[list[Path], list[Path]]:
    """(new, old) folders a killed build may have left beside `target`."""
    parent = target.parent
    if not parent.is_dir():
        return [], []

    def named(kind: str) -> list[Path]:
        found = [p for p in parent.glob(f".{target.name}.{kind}-*")
                 if p.is_dir() and not p.is_symlink()]
        return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))

    return named("new"), named("old")


def recover(target: Path) -> Path | None:
    """A build killed between the two renames of the fallback swap leaves no site folder:
    put back the old site (or, without one, a completed new one). Returns what was put back."""
    if target.exists() or target.is_symlink():
        return None
    new, old = leftovers(target)
    candidates = [p for p in old if (p / MARKER).is_file()] + [
        p for p in new if (p / MARKER).is_file()]
    if not candidates:
        return None
    os.rename(candidates[0], target)
    return candidates[0]


def clean(target: Path) -> int:
    """Remove the leftovers of killed builds (only while the site folder exists, so the
    last copy of a site is never removed). Returns how many were removed."""
    if not target.is_dir():
        return 0
    new, old = leftovers(target)
    for p in new + old:
        shutil.rmtree(p, ignore_errors=True)
    return len(new) + len(old)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # glibc before 2.28, or another libc
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # e.g. a file system without exchange support
    raise OSError(err, os.strerror(err), str(b))


def _after_first_rename() -> None:
    """Test hook: the fallback swap has moved the old site away and not yet put the new
    one in place (the window `recover` repairs)."""


class _Lock:
    """Two builds into one folder wait for each other: a build cleaning up leftovers
    must never remove the folder another build is still writing. The lock is on the
    parent folder, so it is released when the process dies, even by SIGKILL."""

    def __init__(self, target: Path):
        self.target = target
        self.fd: int | None = None

    def __enter__(self) -> _Lock:
        if fcntl is not None:
            self.fd = os.open(self.target.parent, os.O_RDONLY)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the flock
            self.fd = None


def tidy(target: Path) -> None:
    """At the start of a build: put back a site a killed build left missing, and remove
    the leftovers of killed builds, even when this build stops before writing."""
    if not target.parent.is_dir():
        return
    with _Lock(target):
        recover(target)
        clean(target)


class SiteWriter:
    """Collects outputs in a temporary sibling of `target`, then swaps it in on `commit()`.

    Use as a context manager: leaving the block with an exception throws the temporary
    folder away and keeps the old site. Entering repairs and cleans up after a killed
    build, and refuses a target folder a build did not make (`folder_problem`).
    """

    def __init__(self, target: Path, epoch: int | None = None, exchange: bool = True,
                 recycle: bool = False):
        self.target = target
        self.epoch = epoch
        self.exchange = exchange  # False forces the two-rename fallback (tests)
        # Keep the replaced site as the spare folder the next build is made in (`spare`).
        self.recycle = recycle
        self.recycled = False  # this build's folder is the last build's spare
        self._written: set[str] = set()  # (recycled) what this build put in the folder
        self.tmp: Path | None = None
        self.count = 0
        self._lock = _Lock(target)
        self._dirs: set[Path] = set()

    def __enter__(self) -> SiteWriter:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock.__enter__()
        try:
            recover(self.target)
            problem = folder_problem(self.target)
            if problem:
                raise OutputRefused(f"{self.target}: {problem} (choose another output_dir "
                                    "in site.toml, or empty the folder)")
            clean(self.target)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-",
                                             dir=self.target.parent))
            spare = spare_path(self.target)
            if self.recycle and spare.is_dir() and not spare.is_symlink():
                # Named as a leftover from here on: a build killed now leaves a folder
                # the next build removes, never a spare with unknown contents.
                try:
                    os.rename(spare, self.tmp)  # replaces the empty folder mkdtemp made
                    self.recycled = True
                except OSError:
                    pass  # made from nothing, as without a spare
        except BaseException:
            self._lock.__exit__()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.tmp is not None and self.tmp.exists():
                shutil.rmtree(self.tmp, ignore_errors=True)
        finally:
            self._lock.__exit__()

    def write(self, relpath: str, data: bytes | str) -> None:
        assert self.tmp is not None, "use SiteWriter as a context manager"
        rel = Path(relpath)
        if rel.is_absolute() or ".." in rel.parts or rel.as_posix() == MARKER:
            raise ValueError(f"output path {relpath!r} leaves the site folder")
        path = self.tmp / rel
        self._mkdir(path.parent)
        if self.recycled:  # a new file: the old name may be a link to a file of the site
            self._written.add(rel.as_posix())
            _remove(path)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.count += 1

    def _mkdir(self, folder: Path) -> None:
        if folder not in self._dirs:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                if not self.recycled:
                    raise
                assert self.tmp is not None
                for part in [folder, *folder.parents]:  # a file where a folder goes now
                    if part == self.tmp:
                        break
                    if part.is_file() or part.is_symlink():
                        part.unlink()
                folder.mkdir(parents=True, exist_ok=True)
            self._dirs.add(folder)

    def copy(self, relpath: str, source: Path) -> None:
        self.write(relpath, source.read_bytes())

    def link(self, relpath: str, previous: Path) -> None:
        """Put an unchanged file of the previous site into the new one: a hard link (no
        copy, no rewrite; files are never changed in place, so sharing is safe), or a
        copy where the file system has no hard links."""
        assert self.tmp is not None, "use SiteWriter as a context manager"
        rel = Path(relpath)
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(f"output path {relpath!r} leaves the site folder")
        path = self.tmp / rel
        self._mkdir(path.parent)
        if self.recycled:
            self._written.add(rel.as_posix())
            try:
                if os.path.samestat(path.lstat(), previous.stat()):
                    self.count += 1  # the spare holds this very file already
                    return
            except OSError:
                pass
            _remove(path)
        try:
            os.link(previous, path)
        except OSError:
            shutil.copyfile(previous, path)
        self.count += 1

    def _prune(self) -> None:
        """(Recycled folder) remove what the last-but-one build made and this one did not."""
        assert self.tmp is not None
        for folder, dirs, files in os.walk(self.tmp, topdown=False):
            base = Path(folder)
            rel = base.relative_to(self.tmp)
            for name in files:
                if (rel / name).as_posix() not in self._written:
                    (base / name).unlink()
            for name in dirs:
                path = base / name
                if path.is_symlink():
                    path.unlink()
                elif not any(path.iterdir()):
                    path.rmdir()

    def commit(self) -> None:
        """Swap the new folder in place of the old site; only now does the site change."""
        assert self.tmp is not None
        new = self.tmp
        if self.recycled:
            self._prune()
        (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # complete from here on
        if self.epoch is not None:
            for path in sorted(new.rglob("*"), reverse=True):
                os.utime(path, (self.epoch, self.epoch))
            os.utime(new, (self.epoch, self.epoch))
        os.chmod(new, 0o755)  # mkdtemp makes it private; a site is meant to be read
        if not self.target.exists():
            os.rename(new, self.target)
        elif self.exchange and _exchange(new, self.target):
            self._discard(new)  # now holds the old site
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-",
                                        dir=self.target.parent))
            os.rename(self.target, old)  # replaces the empty folder mkdtemp made
            _after_first_rename()
            os.rename(new, self.target)
            self._discard(old)
        self.tmp = None
        clean(self.target)  # what killed builds left, also when there was no site before

    def _discard(self, old: Path) -> None:
        """The replaced site: removed, or (recycle) kept as the spare. A spare first loses
        its marker, so it is never mistaken for a complete site (`recover`)."""
        spare = spare_path(self.target)
        if not self.recycle or spare.exists() or spare.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
            return
        (old / MARKER).unlink(missing_ok=True)
        os.rename(old, spare)


def spare_path(target: Path) -> Path:
    """`.<name>.spare` beside the site: the site the last build replaced, without its
    marker. The next build is made in it: the files that did not change since are in it
    already (hard links to the site's own), so a small edit creates and removes a few
    files instead of a whole tree of folders; every other name is written anew or
    removed. Deleting it is always safe."""
    return target.parent / f".{target.name}.spare"


def _remove(path: Path) -> None:
    """Make way for a new file (never write into an old one: it may be the site's own)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
