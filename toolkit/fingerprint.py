"""Has anything a build reads changed since the last build? Answered in milliseconds.

The fingerprint hashes every input file's bytes (site.toml, content/, templates/,
pictograms/, translations/), the toolkit's code and data, today's date (a review date may
not lie in the future), SOURCE_DATE_EPOCH and the build's options. A build records its
fingerprint in the site's manifest, and its summary in .klaar/last-build.json. When the
fingerprint is unchanged and every file the manifest lists is still in the site, there
is nothing to do: the build says so, repeats the last summary, and touches nothing.

This module imports nothing heavy: the point is to answer before the pipeline loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tomllib
from pathlib import Path

from .memo import code_digest
from .tasks import MANIFEST

INPUT_FOLDERS = ("content", "templates", "pictograms", "translations", "recordings")
LAST_BUILD = Path(".klaar") / "last-build.json"


def inputs_digest(root: Path, options: dict) -> str:
    h = hashlib.sha256(code_digest().encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    h.update(dt.date.today().isoformat().encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    files = [root / "site.toml"]
    try:  # a word list site.toml names is an input too
        data = tomllib.loads((root / "site.toml").read_text(encoding="utf-8-sig"))
        extra = data.get("readability", {}).get("jargon_file")
        if isinstance(extra, str) and extra:
            files.append(root / extra)
        logo = data.get("brand", {}).get("logo")  # the logo file is an input too
        if isinstance(logo, str) and logo and not Path(logo).is_absolute():
            files.append(root / logo)
    except (OSError, ValueError, AttributeError):
        pass
    for folder in INPUT_FOLDERS:
        base = root / folder
        if base.is_dir():
            files += [p for p in base.rglob("*") if p.is_file()]
    for path in sorted(files):
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b"\0missing"
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(raw).digest())
    return h.hexdigest()[:40]


def output_path(root: Path, output: Path | None) -> Path | None:
    """Where the build writes, read from site.toml without validating it (a broken
    site.toml gives None, and the full build then reports it properly)."""
    if output is not None:
        return output
    try:
        data = tomllib.loads((root / "site.toml").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    out = data.get("output_dir", "_site")
    return root / out if isinstance(out, str) and out else None


def unchanged(root: Path, output: Path | None, digest: str) -> list[str] | None:
    """The last build's summary when nothing changed since; None otherwise."""
    target = output_path(root, output)
    if target is None:
        return None
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
        last = json.loads((root / LAST_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("extra", {}).get("inputs") != digest or last.get("inputs") != digest:
        return None
    files = manifest.get("files", {})
    if not all((target / p).is_file() for p in files):
        return None
    summary = last.get("summary")
    return summary if isinstance(summary, list) else None


def remember(root: Path, digest: str, summary: list[str]) -> None:
    """Keep the summary of a successful build with its fingerprint."""
    path = root / LAST_BUILD
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"inputs": digest, "summary": summary}, ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # only a shortcut for the next build is lost
