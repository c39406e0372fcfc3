"""Shared fixtures: a scratch copy of the bundled example project, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit.cli import main

REPO = Path(__file__).resolve().parent.parent

# Argos Translate reads where its models live when it is first imported: point it at a
# temporary folder before any test can import it, so tests never touch a user's models
# and never try to download anything.
_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="klaar-test-argos-"))
os.environ["ARGOS_PACKAGES_DIR"] = str(_ARGOS_HOME / "packages")
os.environ["XDG_DATA_HOME"] = str(_ARGOS_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_ARGOS_HOME / "config")
os.environ["XDG_CACHE_HOME"] = str(_ARGOS_HOME / "cache")
# Rendered infographics are cached by everything they are made of; sharing one cache
# between the tests' scratch projects saves rendering the same images again.
os.environ["KLAAR_CACHE"] = str(_ARGOS_HOME / "klaar-cache")
# The example site the tests work on: a frozen copy of the bundled example's messages,
# translations and settings (tests/fixtures/site), so a half-written message in the user's
# own content/ never breaks the test suite. Templates and pictograms ship with the toolkit.
FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
PROJECT_PARTS = ("site.toml", "content", "templates", "pictograms", "translations")


def project_part(part: str) -> Path:
    """Where the tests' example project takes PART from."""
    fixture = FIXTURE_SITE / part
    return fixture if fixture.exists() else REPO / part


def copy_project(dest: Path) -> Path:
    """A copy of the tests' example project in DEST (created)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = project_part(part)
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns(".*.lock"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(autouse=True)
def _pinned_environment(monkeypatch):
    """Tests see the same clock and locale on every machine."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # and so the toolkit speaks English to staff
    monkeypatch.delenv("KLAAR_LANGUAGE", raising=False)
    from toolkit import staff_language

    staff_language.activate(None)  # whatever a test chose ends with it


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project in a temporary folder, safe to break."""
    return copy_project(tmp_path / "project")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys):
    """Run `python build.py ARGS -C project` in-process; returns exit code and output."""

    def _run(project: Path, *args: str) -> Result:
        capsys.readouterr()
        argv = list(args) if args else ["build"]
        code = main([*argv, "-C", str(project)])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def write(path: Path, text: str) -> Path:
    """Write dedented text (tests describe files inline, like fixtures)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


MESSAGE = """\
---
title: Test bericht
summary: Dit is een korte test.
level: A2
steps:
  - pictogram: soap
    text: Doe zeep op je handen.
source:
  name: RIVM
  date: 2025-01-01
reviewed: 2025-06-01
contact:
  name: GGD
  phone: 088 123 4567
---

Een zin in de tekst.
"""


def assert_clean_po(path: Path) -> None:
    """A PO file the toolkit wrote: msgfmt accepts it, and gettext's msgcat (the layout
    Poedit and Weblate write too) and Klaar's own writer give back the same bytes."""
    import subprocess

    import polib

    from toolkit.poformat import render

    text = path.read_text(encoding="utf-8")
    if shutil.which("msgfmt"):  # installed by .ci/run; tests elsewhere still check polib
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        assert "warning" not in check.stderr, check.stderr
        again = subprocess.run(["msgcat", str(path)], capture_output=True, text=True)
        assert again.stdout == text
    assert render(polib.pofile(text)) == text
