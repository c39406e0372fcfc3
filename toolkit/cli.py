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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting (for tests)."""
    try:
        cli.main(args=argv, prog_name="build.py", standalone_mode=False)
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
