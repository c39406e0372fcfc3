"""An error the toolkit did not foresee, as a Problem that names the file it came from.

The preview must show every failure in the page and keep watching, also a bug or an
input no check anticipated (a YAML ReaderError from a control character, an SVG parse
error). The file is found the way a person reading the traceback would: the
exception's own file attributes first, then the innermost frame that was working on a
file inside the project.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, relpath
from .staff_language import _

_ATTRIBUTES = ("filename", "filename2", "name", "path")
_MARKS = ("problem_mark", "context_mark")  # PyYAML's MarkedYAMLError


def _inside(value: object, root: Path) -> Path | None:
    """`value` as a file inside the project, or None."""
    if not isinstance(value, (str, Path)):
        return None
    text = str(value)
    if not text or len(text) > 4096 or "\n" in text or "\x00" in text:
        return None
    path = Path(text)
    path = path if path.is_absolute() else root / path
    try:
        path = path.resolve()
        if not path.is_file():
            return None
        path.relative_to(root)
    except (OSError, ValueError, RuntimeError):
        return None
    return path


def _chain(first: BaseException):
    seen = set()
    exc: BaseException | None = first
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _frames(exc: BaseException):
    """Every frame of the traceback chain, innermost first."""
    for e in _chain(exc):
        frames = []
        tb = e.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
        yield from reversed(frames)


def culprit(exc: BaseException, root: Path, changed: tuple[Path, ...] = ()) -> Path | None:
    """The project file an exception is about, when it can be told, from the strongest
    evidence to the weakest: the exception names it; a frame was working on it; it is
    the one file changed since the last good build; a frame was working on an object
    (a message) that came from it."""
    root = root.resolve()
    for e in _chain(exc):
        candidates = [getattr(e, a, None) for a in _ATTRIBUTES]
        candidates += [getattr(getattr(e, m, None), "name", None) for m in _MARKS]
        for value in candidates:
            if found := _inside(value, root):
                return found
    for frame in _frames(exc):
        for value in list(frame.f_locals.values()):
            if found := _inside(value, root):
                return found
    files = [f for f in (_inside(c, root) for c in changed) if f]
    if len(files) == 1:
        return files[0]
    for frame in _frames(exc):
        for value in list(frame.f_locals.values()):
            if found := _inside(getattr(value, "path", None), root):
                return found
    return None


def unexpected_problem(exc: BaseException, root: Path,
                       changed: tuple[Path, ...] = ()) -> Problem:
    """A Problem for an unforeseen exception: its file when known, its type and text.

    `changed`: the files changed since the last build, named in the hint when they are
    not the file blamed (a broken pictogram fails while drawing a message)."""
    path = culprit(exc, root, changed)
    shown = relpath(path, root) if path else "build"
    text = str(exc).strip() or _("no details")
    edited = sorted({relpath(Path(c), root) for c in changed} - {shown})
    hint = _("it appeared after a change to {files}; ").format(
        files=", ".join(edited[:5])) if edited else ""
    return Problem(shown, _("unexpected error ({kind}): {error}").format(
        kind=type(exc).__name__, error=text),
                   hint=hint + _("if the file looks right, this is a bug in Klaar; run the "
                                 "preview with --debug for the traceback"))
