"""output_dir: a build replaces that folder as a whole, so it may never be one holding
sources or anyone's files. Refused before any work, naming site.toml and the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit import pipeline
from toolkit.write import MARKER


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def set_output(project: Path, value: str, extra: str = "") -> int:
    """Put `output_dir = value` at the top of site.toml; returns its line (1)."""
    toml = project / "site.toml"
    toml.write_text(f'output_dir = "{value}"\n{extra}' + toml.read_text(encoding="utf-8"),
                    encoding="utf-8")
    return 1


@pytest.mark.parametrize("value, reason", [
    ("translations/", "is the source folder translations/"),
    ("content", "is the source folder content/"),
    ("templates", "is the source folder templates/"),
    ("pictograms/klaar", "is inside the source folder pictograms/"),
    ("templates/static/site", "is inside the source folder templates/"),
    (".", "is the project folder itself"),
    ("./", "is the project folder itself"),
    ("..", "contains the project folder"),
    (".klaar", "is the source folder .klaar/"),
    (".git", "is a hidden folder"),
    ("../elsewhere", "is outside the project; set output_outside_project = true"),
    ("/tmp/klaar-site-test", "is outside the project"),
    ("content/../translations", "is the source folder translations/"),
])
def test_output_dir_that_would_delete_sources_is_refused(project, run, value, reason):
    before = files(project)
    line = set_output(project, value)
    before["site.toml"] = (project / "site.toml").read_bytes()
    result = run(project)
    assert result.code == 1
    assert f"site.toml:{line}: output_dir: '{value}' {reason}" in result.err
    assert "Traceback" not in result.err
    assert files(project) == before  # nothing deleted, nothing written


def test_a_jargon_files_folder_is_a_source_folder_too(project, run):
    (project / "words").mkdir()
    (project / "words/jargon.tsv").write_text("term\tplain\n", encoding="utf-8")
    set_output(project, "words")
    (project / "site.toml").write_text((project / "site.toml").read_text()
                                       + '\n[readability]\njargon_file = "words/jargon.tsv"\n')
    result = run(project)
    assert result.code == 1 and "contains the source file words/jargon.tsv" in result.err
    assert (project / "words/jargon.tsv").is_file()


def test_a_folder_with_other_files_is_refused_and_kept(project, run):
    (project / "docs").mkdir()
    (project / "docs/notes.md").write_text("mine", encoding="utf-8")
    set_output(project, "docs")
    result = run(project)
    assert result.code == 1
    assert re.search(r"site.toml:1: output_dir: 'docs' is a folder with files that no build "
                     r"made \(no \.klaar-site in it\)", result.err)
    assert (project / "docs/notes.md").read_text() == "mine"


def test_a_new_an_empty_or_a_built_folder_is_fine(project, run):
    set_output(project, "public/site")
    assert run(project).code == 0
    assert (project / "public/site/index.html").is_file()
    assert (project / "public/site" / MARKER).is_file()
    assert run(project).code == 0  # rebuilding its own folder
    (project / "empty").mkdir()
    (project / "site.toml").write_text(
        (project / "site.toml").read_text().replace("public/site", "empty"))
    assert run(project).code == 0 and (project / "empty/index.html").is_file()


def test_outside_the_project_when_allowed(project, run, tmp_path):
    out = tmp_path / "www" / "site"
    set_output(project, str(out), "output_outside_project = true\n")
    result = run(project)
    assert result.code == 0, result.err
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    # allowed outside, but still never a folder holding someone's files
    (tmp_path / "home").mkdir()
    (tmp_path / "home/photo.jpg").write_bytes(b"x")
    (project / "site.toml").write_text(
        (project / "site.toml").read_text().replace(str(out), str(tmp_path / "home")))
    assert run(project).code == 1
    assert (tmp_path / "home/photo.jpg").exists()


def test_the_preview_writes_to_its_own_temporary_folder(project, tmp_path):
    """pipeline.run(output=…) is how the preview server builds: outside the project is
    allowed there, a source folder is not."""
    out = tmp_path / "preview" / "site"
    site = pipeline.run(project, drafts=True, output=out)
    assert (out / "index.html").is_file() and site.written > 0
    assert not (project / "_site").exists()
    from toolkit.errors import BuildErrors

    with pytest.raises(BuildErrors, match="is the source folder translations/"):
        pipeline.run(project, output=project / "translations")
    assert list((project / "translations").glob("*.po"))
