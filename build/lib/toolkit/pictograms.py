"""The pictogram library: pictograms/pictograms.toml lists every SVG with its licence."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import BuildErrors, Problem, did_you_mean

INDEX = "pictograms.toml"
REQUIRED = ("id", "file", "label", "keywords", "licence", "author", "source")


@lru_cache(maxsize=512)
def _read_svg(path: Path, mtime_ns: int, size: int) -> str:
    """SVG text, read once per build process: each pictogram is drawn for every
    language and every image and leaflet."""
    return path.read_text(encoding="utf-8")


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
        path = root / self.file
        stat = path.stat()  # part of the key: the preview server must see an edited SVG
        return _read_svg(path, stat.st_mtime_ns, stat.st_size)


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


def load_library(root: Path) -> Library:
    """Read pictograms/pictograms.toml; every entry must name an existing SVG and a licence."""
    index = root / INDEX
    shown = f"{root.name}/{INDEX}"
    if not index.is_file():
        raise BuildErrors([Problem(shown, "not found: the pictogram library needs an index")])
    try:
        data = tomllib.loads(index.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BuildErrors([Problem(shown, f"not valid TOML: {exc}")]) from None
    problems: list[Problem] = []
    found: dict[str, Pictogram] = {}
    for i, entry in enumerate(data.get("pictogram", [])):
        key = f"pictogram[{i}]"
        missing = [k for k in REQUIRED if k not in entry]
        if missing:
            problems.append(Problem(shown, f"{key}: missing {', '.join(missing)}"))
            continue
        pid = entry["id"]
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid):
            problems.append(Problem(shown, f"{key}: id {pid!r} must be lower-case words "
                                           "joined by '-'"))
        if pid in found:
            problems.append(Problem(shown, f"{key}: id {pid!r} is used twice"))
        if not (root / entry["file"]).is_file():
            problems.append(Problem(shown, f"{key}: file {entry['file']!r} does not exist"))
        found[pid] = Pictogram(
            id=pid, file=entry["file"], label=entry["label"],
            keywords=tuple(k.lower() for k in entry["keywords"]), licence=entry["licence"],
            author=entry["author"], source=entry["source"])
    if problems:
        raise BuildErrors(problems)
    return Library(root=root, pictograms=dict(sorted(found.items())))
