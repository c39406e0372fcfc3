"""`klaar --help` speaks the staff language: chosen by KLAAR_LANGUAGE, the project's
site.toml (also with -C before or after the command) or the locale, before Click
writes the help."""

from __future__ import annotations

import inspect

import click
import pytest

from toolkit import staff_language
from toolkit.cli import cli, main


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def _help(run, project, *args: str) -> str:
    r = run(project, *args)
    assert r.code == 0, r.err
    return r.out


def _first_line(command: click.Command) -> str:
    return inspect.cleandoc(command.help or "").splitlines()[0]


def test_group_help_follows_the_site_setting_with_c_before_help(project, run):
    english = _help(run, project, "--help")
    assert "Options:" in english and "Commands:" in english
    assert "Show this message and exit." in english
    toml = project / "site.toml"
    toml.write_text('staff_language = "nl"\n' + toml.read_text(encoding="utf-8"),
                    encoding="utf-8")
    # conftest's run() puts -C last; `klaar -C DIR --help` has it first: both are seen.
    for args in (["--help"], ["-C", str(project), "--help"]):
        dutch = _help(run, project, *args)
        assert dutch.startswith("Gebruik: ") and "Opties:" in dutch and "Opdrachten:" in dutch
        assert "Bouw de site in _site/" in dutch and "Toon deze hulp en stop." in dutch
        assert "Options:" not in dutch and "Build the site" not in dutch
    assert staff_language.active() == "en"  # the choice ended with the command


@pytest.mark.parametrize("where", ["before", "after"])
def test_command_help_follows_the_site_setting(project, run, where):
    toml = project / "site.toml"
    toml.write_text('staff_language = "nl"\n' + toml.read_text(encoding="utf-8"),
                    encoding="utf-8")
    args = ["-C", str(project), "check", "--help"] if where == "before" else \
        ["check", "-C", str(project), "--help"]
    dutch = _help(run, project, *args)
    assert "Controleer berichten op hun leesbaarheidsbudget" in dutch
    assert "Toon elke zin, niet alleen de gemarkeerde." in dutch
    assert "Check messages" not in dutch


@pytest.mark.parametrize("env", [{"KLAAR_LANGUAGE": "nl"}, {"LC_ALL": "nl_NL.UTF-8"}])
def test_every_command_and_option_has_dutch_help(project, run, monkeypatch, capsys, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for path, command in _commands(cli):
        code = main([*path, "--help"])  # models has no -C: no project at all here
        dutch = capsys.readouterr().out
        assert code == 0, path
        assert dutch.startswith("Gebruik: "), path
        assert _first_line(command) not in dutch, path
        for param in command.params:
            text = getattr(param, "help", None)
            if text:
                assert inspect.cleandoc(text)[:30] not in dutch.replace("\n", " "), (path, text)
    # The English texts are back in place for the next command.
    assert _first_line(cli.commands["build"]).startswith("Build the site")
    for name in env:
        monkeypatch.delenv(name)
    assert "Build the site into _site/" in _help(run, project, "--help")


def test_help_in_english_stays_english(project, run):
    out = _help(run, project, "status", "--help")
    assert out.startswith("Usage: ") and "Per language: reviewed" in out
    assert "Machine-readable output." in out
