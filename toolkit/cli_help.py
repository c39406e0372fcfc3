"""`klaar --help` in the staff language.

Click keeps each command's help (its docstring) and each option's `help=` as written, in
English; those texts are the msgids. When help is shown they are put in the staff
language in force, and the section titles Click writes (Usage, Options, Commands) too.

The language must be known before Click prints help, and `--help` is handled before any
other option, so before -C's callback has chosen the project: the commands here look for
-C in the arguments first (`klaar -C DIR --help`, `klaar check -C DIR --help`) and speak
the language of that project (KLAAR_LANGUAGE, its site.toml's staff_language, the
locale). `extract_help` gives babel the texts (babel-staff.cfg)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import staff_language
from .staff_language import N_, _

PROJECT_OPTIONS = ("-C", "--project")
# Texts Click writes itself, said in the staff language (Click's own gettext has none).
CLICK_TEXTS = (N_("Show this message and exit."), N_("Show the version and exit."))


def project_in(args: list[str], commands: Any = ()) -> str | None:
    """The value of -C/--project in ARGS (a group stops at its first command's name)."""
    for i, arg in enumerate(args):
        if arg == "--" or arg in commands:
            return None
        if arg in PROJECT_OPTIONS:
            return args[i + 1] if i + 1 < len(args) else None
        if arg.startswith("--project="):
            return arg.partition("=")[2]
        if arg.startswith("-C") and len(arg) > 2 and not arg.startswith("--"):
            return arg[2:]
    return None


def speak_early(ctx: click.Context, args: list[str], commands: Any = ()) -> None:
    """Choose the staff language from the project named in ARGS, before Click parses
    them (and so before an eager --help prints). A command's -C is taken relative to the
    group's, as the -C callback does; without one, the group's choice stands."""
    value = project_in(args, commands)
    if ctx.parent is None:
        project = Path(value or ".")
    elif value is None:
        return
    else:
        project = ctx.find_root().meta.get("klaar.project", Path(".")) / value
    staff_language.activate(staff_language.choose(staff_language.project_setting(project)))


def _said(text: str) -> str:
    return _(inspect.cleandoc(text))


@contextmanager
def said(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """Lend COMMAND (its options, and a group's commands) help texts in the staff
    language while its help is written; the English ones are put back after."""
    lent: list[tuple[Any, str, str]] = []

    def lend(obj: Any, attr: str) -> None:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            lent.append((obj, attr, value))
            setattr(obj, attr, _said(value))

    lend(command, "help")
    lend(command, "short_help")
    for param in [*command.params, command.get_help_option(ctx)]:
        lend(param, "help")
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            lend(sub, "help")
            lend(sub, "short_help")
    try:
        yield
    finally:
        for obj, attr, value in reversed(lent):
            setattr(obj, attr, value)


class _SaidHelp:
    """What the command and group classes share: early language, help in it."""

    def get_help(self, ctx: click.Context) -> str:
        with said(self, ctx):  # type: ignore[arg-type]
            return super().get_help(ctx)  # type: ignore[misc]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), _("Usage: "))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [rv for param in self.get_params(ctx)  # type: ignore[attr-defined]
                if not isinstance(param, click.Argument)
                and (rv := param.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section(_("Options")):
                formatter.write_dl(rows)


class Command(_SaidHelp, click.Command):
    """A command whose --help is in the staff language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        speak_early(ctx, args)
        return super().parse_args(ctx, args)


class Group(_SaidHelp, click.Group):
    """A group whose --help (and its commands' help) is in the staff language."""

    command_class = Command
    group_class = type

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        speak_early(ctx, args, self.commands)
        return super().parse_args(ctx, args)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)  # the options, then the commands (as Click)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        commands = [(n, c) for n in self.list_commands(ctx)
                    if (c := self.get_command(ctx, n)) is not None and not c.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(n) for n, _c in commands)
            rows = [(n, c.get_short_help_str(limit)) for n, c in commands]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


def extract_help(fileobj, keywords, comment_tags, options):
    """Babel extractor for toolkit/cli.py: its _() calls as usual, and the help of every
    command and option of the `klaar` command (docstrings and help=), as Click shows them."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    from .cli import cli

    def walk(command: click.Command) -> Iterator[tuple[int, str, str, list]]:
        line = command.callback.__code__.co_firstlineno if command.callback else 0
        if command.help:
            yield line, "_", inspect.cleandoc(command.help), []
        for param in command.params:
            text = getattr(param, "help", None)
            if text:
                yield line, "_", inspect.cleandoc(text), []
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                yield from walk(sub)

    yield from walk(cli)
