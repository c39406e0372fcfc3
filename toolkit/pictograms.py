"""The pictogram library: pictograms/pictograms.toml lists every SVG with its licence.

Every SVG is made safe on load (svgsafe: no scripts, event attributes, foreign content or
references outside the file; no XML entities). The rewritten text is what the site
publishes and what the images and leaflets draw; what was dropped is reported as a warning.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import BuildErrors, Problem, did_you_mean
from .staff_language import _
from .svgsafe import Cleaned, UnsafeSVG, clean_svg

log = logging.getLogger("klaar")
INDEX = "pictograms.toml"
REQUIRED = ("id", "file", "label", "keywords", "licence", "author", "source")


@lru_cache(maxsize=512)
def _read_svg(path: Path, mtime_ns: int, size: int, shown: str) -> Cleaned:
    """The safe SVG text, read and cleaned once per file version: each pictogram is drawn
    for every language and every image and leaflet. Raises UnsafeSVG."""
    cleaned = clean_svg(path.read_bytes())
    for line, what in cleaned.removed:  # here, so a long-running preview warns once
        log.warning("%s", _("{where}: removed {what} (a pictogram only draws)").format(
            where=f"{shown}:{line}", what=what))
    return cleaned


def _clean(root: Path, file: str) -> Cleaned:
    path = root / file
    stat = path.stat()  # part of the key: the preview server must see an edited SVG
    return _read_svg(path, stat.st_mtime_ns, stat.st_size, f"{root.name}/{file}")


@dataclass(frozen=True)
class Pictogram:
    id: str
    file: str  # relative to pictograms/
    label: str  # Dutch label, used in the contact sheet and as fallback alt text
    keywords: tuple[str, ...]
    licence: str
    author: str
    source: str  # URL or description of where it comes from

    def svg(self, root: Path) -> str:
        """The cleaned SVG text (never the file as it is)."""
        try:
            return _clean(root, self.file).text
        except UnsafeSVG as exc:  # edited after loading, e.g. while the preview runs
            raise BuildErrors([Problem(f"{root.name}/{self.file}", str(exc), line=exc.line)])



@dataclass(frozen=True)
class Library:
    root: Path
    pictograms: dict[str, Pictogram]

    def __contains__(self, pid: str) -> bool:
        return pid in self.pictograms

    def __getitem__(self, pid: str) -> Pictogram:
        return self.pictograms[pid]

    def suggest(self, word: str) -> str:
        """A hint for an unknown id: close ids, or ids whose Dutch label/keywords match."""
        close = did_you_mean(word, set(self.pictograms))
        if close:
            return close
        w = word.lower().replace("-", " ").replace("_", " ")
        hits = [p.id for p in self.pictograms.values()
                if any(part and (part in k or k in w) for k in (p.label.lower(), *p.keywords)
                       for part in w.split())]
        if hits:
            return "did you mean " + " or ".join(f"`{h}`" for h in sorted(hits)[:3]) + "?"
        return "run `python build.py pictograms` to list the pictograms"


def _file_problem(root: Path, name: str, key: str) -> Problem | None:
    """Why a pictogram file cannot be used, or None: it must be an SVG inside the library
    that parses and has no entities (the error names the file and where it stopped)."""
    path = root / name
    index = f"{root.name}/{INDEX}"
    if root.resolve() not in path.resolve().parents:
        return Problem(index, _("{key}: file {name} is outside the pictograms folder").format(
            key=key, name=repr(name)), hint=_("put the SVG inside pictograms/"))
    if not path.is_file():
        return Problem(index, _("{key}: file {name} does not exist").format(key=key,
                                                                            name=repr(name)))
    try:
        _clean(root, name)
    except UnsafeSVG as exc:
        return Problem(f"{root.name}/{name}", str(exc), line=exc.line,
                       hint=_("{key} in {index}; a pictogram must be a plain SVG drawing")
                       .format(key=key, index=INDEX))
    return None


def load_library(root: Path) -> Library:
    """Read pictograms/pictograms.toml; every entry must name an existing SVG and a licence."""
    index = root / INDEX
    shown = f"{root.name}/{INDEX}"
    if not index.is_file():
        raise BuildErrors([Problem(shown, _("not found: the pictogram library needs an "
                                            "index"))])
    try:
        data = tomllib.loads(index.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BuildErrors([Problem(shown, _("not valid TOML: {error}").format(error=exc))]) \
            from None
    problems: list[Problem] = []
    found: dict[str, Pictogram] = {}
    entries = data.get("pictogram", [])
    if not isinstance(entries, list):
        raise BuildErrors([Problem(shown, _("expected [[pictogram]] tables"))])
    for i, entry in enumerate(entries):
        key = f"pictogram[{i}]"
        missing = [k for k in REQUIRED if k not in entry]
        if missing:
            problems.append(Problem(shown, _("{key}: missing {keys}").format(
                key=key, keys=", ".join(missing))))
            continue
        wrong = [k for k in REQUIRED if not (
            isinstance(entry[k], list) and all(isinstance(w, str) for w in entry[k])
            if k == "keywords" else isinstance(entry[k], str))]
        if wrong:
            problems.append(Problem(shown, _("{key}: {keys}: expected text").format(
                key=key, keys=", ".join(wrong)) + (_(" (keywords: a list of words)")
                                                   if "keywords" in wrong else "")))
            continue
        pid = entry["id"]
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid):
            problems.append(Problem(shown, _("{key}: id {id} must be lower-case words joined "
                                             "by '-'").format(key=key, id=repr(pid))))
        if pid in found:
            problems.append(Problem(shown, _("{key}: id {id} is used twice").format(
                key=key, id=repr(pid))))
        problem = _file_problem(root, entry["file"], key)
        if problem:
            problems.append(problem)
        found[pid] = Pictogram(
            id=pid, file=entry["file"], label=entry["label"],
            keywords=tuple(k.lower() for k in entry["keywords"]), licence=entry["licence"],
            author=entry["author"], source=entry["source"])
    if problems:
        raise BuildErrors(problems)
    return Library(root=root, pictograms=dict(sorted(found.items())))
