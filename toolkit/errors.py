"""One error type for everything a user can fix: it carries the file, the line and a hint.

Stages never print. They collect every Problem they find and raise `BuildErrors`, so that
a single run reports every broken file at once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input file."""

    path: str
    message: str
    line: int | None = None
    key: str | None = None
    lang: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [f"{where}:"]
        if self.key:
            parts.append(f"{self.key}:")
        if self.lang:
            parts.append(f"[{self.lang}]")
        parts.append(self.message)
        text = " ".join(parts)
        if self.hint:
            text += f" ({self.hint})"
        return text


class KlaarError(click.ClickException):
    """Base of every error a user should see as one line, not a traceback (exit code 1)."""

    exit_code = 1


class BuildErrors(KlaarError):
    """Several problems, usually in several files, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
        super().__init__("\n".join([*map(str, self.problems), self.summary()]))

    def summary(self) -> str:
        """'3 problems in 2 files', in the staff language."""
        from .staff_language import ngettext

        files = len({p.path for p in self.problems})
        return ngettext("{n} problem", "{n} problems", len(self.problems)).format(
            n=len(self.problems)) + " " + ngettext("in {files} file", "in {files} files",
                                                    files).format(files=files)

    def format_message(self) -> str:
        # Said in the language in force when it is shown, not when it was raised.
        return "\n".join([*map(str, self.problems), self.summary()])


def did_you_mean(word: str, choices: list[str] | set[str], n: int = 3) -> str | None:
    """Return 'did you mean `x`?' for the closest choices, or None when nothing is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=n, cutoff=0.6)
    if not close:
        return None
    from .staff_language import _

    return _("did you mean {choices}?").format(
        choices=_(" or ").join(f"`{c}`" for c in close))


def relpath(path: Path, root: Path) -> str:
    """Path as users see it in messages: relative to the project when possible. A link
    is named as itself, not as the file it points to."""
    try:
        shown = path.resolve() if path.name in ("", "..") else path.parent.resolve() / path.name
        return shown.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
