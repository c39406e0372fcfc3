"""The README tells the truth: every key, command and bundled licence is documented."""

import tomllib

from conftest import REPO
from toolkit.cli import cli
from toolkit.config import FIELDS, SECTIONS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_config_key_is_in_the_readme():
    for f in FIELDS:
        assert f"| `{f.name}` |" in README, f.name
    for section, fields in SECTIONS.items():
        for f in fields:
            assert f"`[{section}] {f.name}`" in README, f.name


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"`klaar {name}" in README or f"python build.py {name}" in README, name


def test_quick_start_is_the_two_commands_ci_runs():
    assert 'pip install -e . && klaar\npip install -e ".[test]" && pytest' in README
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert 'pip install -q -e . && klaar\n' in ci
    assert 'pip install -q -e ".[test]" && pytest' in ci


def test_every_pictogram_has_a_licence_recorded():
    index = tomllib.loads((REPO / "pictograms/pictograms.toml").read_text(encoding="utf-8"))
    third_party = (REPO / "THIRD_PARTY.md").read_text(encoding="utf-8")
    folders = set()
    for entry in index["pictogram"]:
        assert entry["licence"] and entry["author"] and entry["source"], entry["id"]
        assert (REPO / "pictograms" / entry["file"]).is_file(), entry["file"]
        folders.add(entry["file"].split("/")[0])
    for folder in folders:
        assert f"pictograms/{folder}/" in third_party, folder
    svgs = {p.relative_to(REPO / "pictograms").as_posix()
            for p in (REPO / "pictograms").rglob("*.svg")}
    assert svgs == {e["file"] for e in index["pictogram"]}  # no unlisted file


def test_project_licence_is_eupl():
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (REPO / "LICENSE").read_text(encoding="utf-8")
