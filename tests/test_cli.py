"""The command line as staff meet it: its name in usage lines, -C before or after the
command, --version, `python -m toolkit`, clear messages for a busy port and a broken
front matter, generated files kept out of the project root, and where draft and preview
builds go."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import MESSAGE, REPO
from toolkit import __version__
from toolkit.cli import main


def _python(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_usage_names_the_command_it_was_run_as(tmp_path, capsys):
    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("Usage: klaar [OPTIONS] [COMMAND]")
    script = _python(str(REPO / "build.py"), "check", "--help", cwd=tmp_path)
    assert script.returncode == 0 and "Usage: python build.py check" in script.stdout
    module = _python("-m", "toolkit", "--help", cwd=tmp_path)
    assert module.returncode == 0, module.stderr
    assert "Usage: python -m toolkit" in module.stdout and "build.py" not in module.stdout


def test_version_is_the_packages_version(tmp_path, capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"Klaar {__version__}"
    module = _python("-m", "toolkit", "--version", cwd=tmp_path)
    assert module.returncode == 0 and module.stdout.strip() == f"Klaar {__version__}"


def test_project_folder_before_or_after_the_command(project, tmp_path, monkeypatch, capsys):
    """-C works at the group level too; a command's own -C is relative to it (as in git).
    Run from a folder without a site.toml, so an ignored -C cannot go unnoticed."""
    (project / "content/kapot.md").write_text("geen front matter\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for argv in (["-C", str(project), "check"], ["check", "-C", str(project)],
                 ["-C", str(project.parent), "check", "-C", project.name]):
        capsys.readouterr()
        assert main(argv) == 1, argv
        assert "content/kapot.md:1: no front matter" in capsys.readouterr().err, argv
    assert main(["check"]) == 1
    assert "site.toml: not found" in capsys.readouterr().err


def test_the_version_is_written_once(tmp_path):
    """pyproject.toml takes the version from toolkit/__init__.py: change it there and the
    package metadata follows."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    copy = tmp_path / "src"
    for name in ("pyproject.toml", "README.md", "LICENSE", "THIRD_PARTY.md"):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    shutil.copytree(REPO / "toolkit", copy / "toolkit",
                    ignore=shutil.ignore_patterns("__pycache__", "*.ttf", "*.tsv"))
    init = copy / "toolkit/__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', '__version__ = "9.8.7"',
                           init.read_text(encoding="utf-8")), encoding="utf-8")
    meta = tmp_path / "meta"
    meta.mkdir()
    made = _python("-c", "import sys; from setuptools import build_meta; "
                         "print(build_meta.prepare_metadata_for_build_wheel(sys.argv[1]))",
                   str(meta), cwd=copy)
    assert made.returncode == 0, made.stderr
    name = made.stdout.strip().splitlines()[-1]
    assert "Version: 9.8.7" in (meta / name / "METADATA").read_text(encoding="utf-8")


def test_the_changelog_has_this_version_and_room_for_the_next():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert headings[0] == "Unreleased"
    assert __version__ in headings


# -- messages for mistakes ------------------------------------------------------------


def _front_matter_problem(project: Path, text: str) -> str:
    from toolkit.config import load_config
    from toolkit.load import load_message
    from toolkit.pictograms import load_library

    path = project / "content/bericht.md"
    path.write_text(text, encoding="utf-8")
    config = load_config(project)
    message, problems = load_message(path, config, load_library(config.pictograms_dir))
    assert message is None and len(problems) == 1
    return str(problems[0])


def test_a_missing_closing_line_gets_its_own_message(project):
    lines = MESSAGE.splitlines(keepends=True)
    closing = max(i for i, line in enumerate(lines) if line.strip() == "---")
    problem = _front_matter_problem(project, "".join(lines[:closing] + lines[closing + 1:]))
    assert problem.startswith("content/bericht.md:1: ")
    assert "no closing '---'" in problem and "no front matter" not in problem
    assert "add a line with only '---'" in problem


def test_a_front_matter_after_empty_lines_is_named(project):
    problem = _front_matter_problem(project, "\n\n" + MESSAGE)
    assert "must start on the first line" in problem and "line 3" in problem


def test_a_file_without_front_matter_still_says_so(project):
    problem = _front_matter_problem(project, "Alleen tekst.\n")
    assert "no front matter" in problem


def test_files_saved_by_a_windows_editor_build(project, run):
    """A BOM at the start of site.toml, a message and a catalog is accepted."""
    for path in [project / "site.toml", *project.glob("content/*.md"),
                 project / "translations/ar.po"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run(project, "check")
    assert result.code == 0, result.err
    built = run(project, "build", "--outputs", "pages")
    assert built.code == 0, built.err
    assert re.search(r"ar\s+4/4 published", built.out)


def test_a_busy_port_is_said_before_building(project, monkeypatch, capsys):
    from toolkit import pipeline

    def no_build(*args, **kwargs):
        raise AssertionError("built before finding the port busy")

    monkeypatch.setattr(pipeline, "run", no_build)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        start = time.monotonic()
        code = main(["serve", "-C", str(project), "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 1 and time.monotonic() - start < 10
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert f"--port {port + 1}" in err and "Traceback" not in err
    assert not (project / ".klaar/preview").exists()


# -- where outputs go ---------------------------------------------------------------


def test_pictogram_sheet_never_lands_in_the_project_root(project, tmp_path, monkeypatch,
                                                         run):
    monkeypatch.chdir(project)  # staff usually run it from the project folder
    before = set(project.iterdir())
    result = run(project, "pictograms", "zeep")
    assert result.code == 0, result.err
    assert set(project.iterdir()) - before <= {project / ".klaar"}
    sheet = project / ".klaar/pictograms.png"
    assert sheet.read_bytes().startswith(b"\x89PNG") and str(sheet) in result.out
    chosen = tmp_path / "sheet.png"
    assert run(project, "pictograms", "zeep", "-o", str(chosen)).code == 0
    assert chosen.read_bytes().startswith(b"\x89PNG")


def test_no_generated_files_are_committed_at_the_root():
    if not (REPO / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    root = [name for name in tracked if "/" not in name]
    assert not [name for name in root if name.endswith((".svg", ".png", ".pdf", ".csv"))]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def test_a_build_with_drafts_never_touches_the_public_site(project, run):
    assert run(project, "build", "--outputs", "pages").code == 0
    public = _files(project / "_site")
    result = run(project, "build", "--drafts", "--outputs", "pages")
    assert result.code == 0, result.err
    assert _files(project / "_site") == public
    drafts = project / ".klaar/drafts"
    assert (drafts / "index.html").is_file()
    assert "Built .klaar/drafts/" in result.out and "Do not publish" in result.out
    assert str((drafts / "index.html").resolve()) in result.out
    # and the next real build is not mistaken for 'nothing changed' by the drafts build
    again = run(project, "build", "--outputs", "pages")
    assert again.code == 0 and _files(project / "_site").keys() == public.keys()


def test_the_preview_builds_in_its_own_folder(project):
    from toolkit.serve import Preview

    preview = Preview(project)
    try:
        preview.build()
    finally:
        preview.close()
    assert not preview.problems
    assert preview.out == project.resolve() / ".klaar/preview"
    assert (preview.out / "index.html").is_file()
    assert not (project / "_site").exists()


def test_a_latin1_site_toml_is_refused_with_its_line(project, run):
    site = project / "site.toml"
    site.write_bytes(site.read_bytes().replace(b"Gezond", "Gezónd".encode("latin-1")))
    result = run(project, "check")
    assert result.code == 1
    assert "site.toml:2: not UTF-8 text" in result.err and "Traceback" not in result.err
