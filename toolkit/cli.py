"""Command line: `python build.py [COMMAND]`. Commands are thin wrappers over the stages.

Exit codes: 0 success, 1 a problem in the content or configuration, 2 a usage error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .errors import KlaarError

log = logging.getLogger("klaar")

project_option = click.option(
    "--project", "-C", "project", type=click.Path(file_okay=False, path_type=Path),
    default=Path("."), show_default=True,
    help="Project folder (the one with site.toml).")


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        prefix = {logging.WARNING: "warning: ", logging.ERROR: "error: "}.get(record.levelno, "")
        click.echo(prefix + record.getMessage(), err=True)


def _setup_logging() -> None:
    if not any(isinstance(h, _Handler) for h in log.handlers):
        log.addHandler(_Handler())
    log.setLevel(logging.INFO)
    log.propagate = False


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h",
                                                                                   "--help"]})
@project_option
@click.pass_context
def cli(ctx: click.Context, project: Path) -> None:
    """Klaar: build a plain-language, multilingual health-information site.

    Without a command, builds the site (same as `build`).
    """
    _setup_logging()
    if ctx.invoked_subcommand is None:
        ctx.invoke(build, project=project)


@cli.command()
@project_option
def build(project: Path) -> None:
    """Build the site into _site/ (only reviewed translations are published)."""
    from .pipeline import run

    site = run(project)
    config = site.config
    assert config is not None
    total = len(site.messages)
    click.echo(f"Built {config.output_dir}/ from {total} message{'s' * (total != 1)} "
               f"in {len(config.all_languages)} languages ({site.written} files).")
    for lang in config.all_languages:
        shown = len(site.published.get(lang, []))
        note = "" if shown == total else (
            "  (others say 'not yet available')"
            if config.publish.missing_translation == "notice" else "  (others left out)")
        click.echo(f"  {lang:8} {shown}/{total} published{note}")
        missing = site.ui_missing.get(lang)
        if missing:
            texts = "text" if len(missing) == 1 else "texts"
            click.echo(f"           {len(missing)} interface {texts} not translated yet: its "
                       f"pages are shown in Dutch (translations/{lang}.po)")
    index = (config.output_path / "index.html").resolve()
    click.echo(f"Open {index} in your browser.")


@cli.command("update-catalogs")
@project_option
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
def update_catalogs(project: Path, langs: tuple[str, ...]) -> None:
    """Bring translations/<lang>.po in line with content/ and templates/.

    New Dutch text gets an empty entry; changed Dutch text keeps its translation, marked
    fuzzy (needs review) with the old Dutch kept; text no longer used becomes obsolete.
    Nothing is deleted.
    """
    from .catalog import load_catalog, save, sync
    from .config import load_config
    from .extract import content_segments, template_strings
    from .load import load_messages
    from .pictograms import load_library
    from .pipeline import build_time

    config = load_config(project)
    unknown = sorted(set(langs) - set(config.languages))
    if unknown:
        raise click.UsageError(f"{', '.join(unknown)} not in site.toml languages "
                               f"({', '.join(config.languages)})")
    messages = load_messages(config, load_library(config.pictograms_dir))
    segments = content_segments(config, messages)
    ui = template_strings(config)
    for lang in langs or config.languages:
        catalog = load_catalog(config, lang)
        report = sync(catalog, segments, ui)
        save(catalog, build_time())
        click.echo(f"{catalog.path.relative_to(config.root)}: {report}")


@cli.command()
@project_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "verbose", is_flag=True, help="Show every sentence, not only flagged ones.")
def check(project: Path, paths: tuple[Path, ...], as_json: bool, verbose: bool) -> None:
    """Check messages against their readability budget (A2 or B1).

    Prints, per message, the flagged sentences with the reasons and what to do, and how
    each reviewed translation compares with the Dutch. Exit code 1 when a message is over
    its budget without a readability_waiver (the build would refuse it).
    """
    from .catalog import load_catalogs
    from .check import check_messages
    from .config import load_config
    from .load import load_messages
    from .pictograms import load_library
    from .report import json_report, text_report

    config = load_config(project)
    messages = load_messages(config, load_library(config.pictograms_dir))
    if paths:
        messages = _select(messages, paths, config.root)
    checks = check_messages(config, messages, load_catalogs(config))
    color = not as_json and sys.stdout.isatty()
    click.echo(json_report(checks) if as_json else text_report(checks, color, verbose))
    if any(c.blocked for c in checks):
        raise click.exceptions.Exit(1)


def _select(messages: list, paths: tuple[Path, ...], root: Path) -> list:
    """The messages in the given files or folders (relative to here or to the project)."""
    from .errors import BuildErrors, Problem

    content = (root / "content").resolve()
    chosen, problems = [], []
    for p in paths:
        existing = [c.resolve() for c in (Path.cwd() / p, root / p) if c.exists()]
        inside = [c for c in existing if c == content or content in c.parents]
        if not existing:
            problems.append(Problem(str(p), "no such file or folder"))
        elif not inside:
            problems.append(Problem(str(p), "not in the project's content/ folder"))
        else:
            found = inside[0]
            chosen += [m for m in messages if (root / m.path).resolve() == found
                       or found in (root / m.path).resolve().parents]
    if problems:
        raise BuildErrors(problems)
    return [m for m in messages if m in chosen]


@cli.command()
@project_option
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--lang", default="nl", show_default=True,
              help="Language of the text; only Dutch has a readability model.")
@click.option("--level", type=click.Choice(["A2", "B1"]), default="B1", show_default=True)
@click.option("--plain", is_flag=True, help="Treat the input as plain text, not Markdown.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "verbose", is_flag=True, help="Show every sentence, not only flagged ones.")
def readability(project: Path, file, lang: str, level: str, plain: bool, as_json: bool,
                verbose: bool) -> None:
    """Analyse any text (a file, or - for standard input) against an A2/B1 budget.

    Uses the budgets and word lists of the project's site.toml when there is one.
    Exit code 1 when the text is over the budget.
    """
    from .check import jargon_path
    from .config import load_config
    from .languages import is_known
    from .readability import analyze, budget_for
    from .report import result_json, result_text

    if not is_known(lang):
        raise click.BadParameter(f"{lang!r} is not a known language", param_hint="--lang")
    options = {}
    if (project / "site.toml").is_file():
        config = load_config(project)
        options = dict(budget=budget_for(level, config.readability.budgets),
                       known_abbreviations=frozenset(config.readability.known_abbreviations),
                       jargon_file=jargon_path(config))
    text = file.read()
    result = analyze(text, lang=lang, level=level, markdown=not plain, **options)
    color = not as_json and sys.stdout.isatty()
    click.echo(result_json(result, text) if as_json else result_text(result, text, color,
                                                                       verbose))
    if not result.passed:
        raise click.exceptions.Exit(1)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (for tests)."""
    try:
        # Without standalone mode click returns the code of a click.exceptions.Exit.
        code = cli.main(args=argv, prog_name="build.py", standalone_mode=False)
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except KlaarError as exc:
        click.echo(exc.format_message(), err=True)
        return exc.exit_code
    except click.ClickException as exc:  # usage errors: exit code 2
        exc.show()
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
