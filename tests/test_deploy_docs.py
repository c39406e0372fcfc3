"""The deploy recipes (docs/deploy/, README "Deploy") use commands and options the CLI
really has, and publish the folder the build writes."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from conftest import REPO
from toolkit.cli import main

RECIPES = sorted((REPO / "docs/deploy").glob("*.yml"))


def _shell_lines(node) -> list[str]:
    """Every shell line of a CI file: GitHub's `run:` blocks, GitLab's `script:` lists."""
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "run" and isinstance(value, str):
                out += value.splitlines()
            elif key in ("script", "before_script") and isinstance(value, list):
                out += [str(v) for v in value]
            else:
                out += _shell_lines(value)
    elif isinstance(node, list):
        for item in node:
            out += _shell_lines(item)
    return out


def _klaar_calls(lines: list[str]) -> list[list[str]]:
    calls = []
    for line in lines:
        for part in re.split(r"&&|\|\||;|\|", line):
            words = shlex.split(part.strip(), comments=True)
            if words and words[0] in ("klaar", "build.py") or words[:2] == ["python",
                                                                            "build.py"]:
                calls.append(words[2:] if words[0] == "python" else words[1:])
    return calls


def _readme_deploy_calls() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Deploy", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S)
    return _klaar_calls([line.lstrip("$ ") for b in blocks for line in b.splitlines()])


def test_there_are_recipes_for_github_and_gitlab():
    assert {p.name for p in RECIPES} >= {"github-pages.yml", "gitlab-ci.yml"}


@pytest.mark.parametrize("path", RECIPES, ids=lambda p: p.name)
def test_recipe_commands_exist(path, capsys):
    calls = _klaar_calls(_shell_lines(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert ["build"] in calls, calls
    for args in calls:
        # --help after the arguments: click still rejects an unknown command or option.
        assert main([*args, "--help"]) == 0, (path.name, args, capsys.readouterr().err)


def test_readme_deploy_commands_exist(capsys):
    calls = _readme_deploy_calls()
    assert calls
    for args in calls:
        assert main([*args, "--help"]) == 0, (args, capsys.readouterr().err)


def test_recipes_publish_the_built_folder():
    github = yaml.safe_load((REPO / "docs/deploy/github-pages.yml").read_text(encoding="utf-8"))
    uploads = [s for s in github["jobs"]["build"]["steps"]
               if str(s.get("uses", "")).startswith("actions/upload-pages-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "_site"
    gitlab = yaml.safe_load((REPO / "docs/deploy/gitlab-ci.yml").read_text(encoding="utf-8"))
    assert any(line.endswith("cp -a _site public") for line in gitlab["pages"]["script"])
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
