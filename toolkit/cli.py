"""Command line: `klaar [COMMAND]` (also `python build.py` and `python -m toolkit`).
Commands are thin wrappers over the stages.

Exit codes: 0 success, 1 a problem in the content or configuration, 2 a usage error.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_help import Group
from .errors import KlaarError
from .staff_language import N_, _, ngettext

log = logging.getLogger("klaar")


def _project(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path:
    """The project folder: a command's -C is taken relative to the group's (as git does:
    `klaar -C DIR check` and `klaar check -C DIR` both work). Then speak the staff language
    of that project (KLAAR_LANGUAGE, its site.toml's staff_language, or the locale)."""
    from . import staff_language

    root = ctx.find_root()
    if ctx.parent is None:  # the group itself
        project = value or Path(".")
        root.meta["klaar.project"] = project
    else:
        outer = root.meta.get("klaar.project", Path("."))
        project = outer / value if value is not None else outer
    staff_language.activate(staff_language.choose(staff_language.project_setting(project)))
    return project


project_option = click.option(
    "--project", "-C", "project", type=click.Path(file_okay=False, path_type=Path),
    default=None, callback=_project,
    help="Project folder (the one with site.toml)  [default: .]")


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        prefix = {logging.WARNING: "warning: ", logging.ERROR: "error: "}.get(record.levelno, "")
        from .progress import echo_err  # above the progress bars while they are drawn

        echo_err(prefix + record.getMessage())
        if record.exc_info:  # only logged at debug level (serve --debug)
            click.echo(logging.Formatter().formatException(record.exc_info), err=True)


def _setup_logging() -> None:
    if not any(isinstance(h, _Handler) for h in log.handlers):
        log.addHandler(_Handler())
    log.setLevel(logging.INFO)
    log.propagate = False


@click.group(cls=Group, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="Klaar",
                      message="%(prog)s %(version)s")
@project_option
@click.pass_context
def cli(ctx: click.Context, project: Path) -> None:
    """Klaar: build a plain-language, multilingual health-information site.

    Without a command, builds the site (same as `build`).
    """
    _setup_logging()
    if ctx.invoked_subcommand is None:
        ctx.invoke(build, project=project, drafts=False, jobs=None, clean=False,
                   outputs="pages,infographics,leaflets,media")


def _kinds(value: str) -> frozenset[str]:
    from .tasks import OUTPUT_KINDS

    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    unknown = kinds - OUTPUT_KINDS
    if unknown or not kinds:
        raise click.BadParameter(_("choose from {kinds}, comma-separated").format(
                                 kinds=', '.join(sorted(OUTPUT_KINDS))), param_hint="--outputs")
    return kinds | {"pages"}


@cli.command()
@project_option
@click.option("--drafts", is_flag=True,
              help="Also show machine drafts, each page under a 'not yet checked' banner, "
                   "in .klaar/drafts/ (never in the public output folder).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for images, leaflets and pages (default: every core).")
@click.option("--clean", is_flag=True,
              help="Redo every output, even those whose inputs did not change.")
@click.option("--outputs", default="pages,infographics,leaflets,media", show_default=True,
              help="Which outputs to make, comma-separated (pages are always made).")
def build(project: Path, drafts: bool, jobs: int | None, clean: bool, outputs: str) -> None:
    """Build the site into _site/ (only reviewed translations are published).

    Only outputs whose inputs changed since the last build are made again; the rest are
    kept from the previous site. The site is replaced only when the build succeeded.
    """
    from . import fingerprint, staff_language
    from .tasks import default_jobs
    from .workdirs import DRAFTS

    kinds = _kinds(outputs)
    # A build with machine drafts is for looking at, never for publishing: it goes to a
    # folder of its own, so it can never replace (or be deployed as) the public site.
    output = project / DRAFTS if drafts else None
    inputs = fingerprint.inputs_digest(project, {"drafts": drafts, "kinds": sorted(kinds),
                                                 "staff_language": staff_language.active()})
    if not clean:
        summary = fingerprint.unchanged(project, output, inputs)
        if summary is not None:
            click.echo(_("Nothing changed since the last build; the site is as it was."))
            for line in summary:
                click.echo(line)
            return
    from .pipeline import run
    from .progress import Progress

    with Progress() as progress:
        site = run(project, drafts=drafts, jobs=jobs or default_jobs(), clean=clean,
                   kinds=kinds, inputs=inputs, output=output, progress=progress)
    config = site.config
    assert config is not None
    made = sum(site.counts.run.values()) if site.counts else site.written
    kept = sum(site.counts.reused.values()) if site.counts else 0
    shown = DRAFTS.as_posix() if drafts else config.output_dir
    click.echo(ngettext("Built {folder}/ ({files} file: {made} made, {kept} unchanged).",
                        "Built {folder}/ ({files} files: {made} made, {kept} unchanged).",
                        site.written).format(folder=shown, files=site.written,
                                             made=made, kept=kept))
    summary = _summary(site)
    for line in summary:
        click.echo(line)
    from .interface import withheld_said

    for path, lang, context, finding, instead in site.withheld:
        if instead:  # a site's interface text: said with what is shown in its place
            log.warning("%s", withheld_said(path, lang, context, finding, instead))
            continue
        log.warning(_("{path}: [{lang}] {context}: {finding}; not published in this language "
                      "until fixed").format(path=path, lang=lang, context=context,
                                            finding=finding))
    # What this build changed (said once; a later build with nothing new repeats only
    # the summary above).
    _report_carried(site)
    if site.withdrawn:
        click.echo(ngettext("Withdrawn since the last build ({n} page):",
                            "Withdrawn since the last build ({n} pages):",
                            len(site.withdrawn)).format(n=len(site.withdrawn)))
        grouped: dict[tuple[str, str], list[str]] = {}
        for w in site.withdrawn:
            grouped.setdefault((w.slug, w.reason), []).append(w.lang)
        for (slug, reason), langs in grouped.items():
            click.echo(f"  {slug} [{', '.join(langs)}]: {reason}")
    for line in _withheld_recordings(config, site.messages, list(site.catalogs.values()))[1:]:
        log.warning("%s", line.strip())
    fingerprint.remember(project, inputs, summary)


def _summary(site) -> list[str]:
    """What the build published, per language, and why anything is not published."""
    from .publish import Why

    config = site.config
    total = len([m for m in site.messages if not getattr(
        site.decisions.get((m.slug, config.source_language)), "held", False)])
    lines = [ngettext("{n} message in {languages} languages:",
                      "{n} messages in {languages} languages:", total).format(
                          n=total, languages=len(config.all_languages))]
    for lang in config.all_languages:
        shown = len(site.published.get(lang, []))
        note = "" if shown == total else (
            "  " + _("(others say 'not yet available')")
            if config.publish.missing_translation == "notice" else "  " + _("(others left out)"))
        lines.append(f"  {lang:8} " + _("{shown}/{total} published").format(
            shown=shown, total=total) + note)
        missing = site.ui_missing.get(lang)
        if missing:
            lines.append("           " + ngettext(
                "{n} interface text not translated yet: its pages are shown in Dutch "
                "(translations/{lang}.po)", "{n} interface texts not translated yet: its "
                "pages are shown in Dutch (translations/{lang}.po)", len(missing)).format(
                    n=len(missing), lang=lang))
        waiting = [d for (slug, code), d in sorted(site.decisions.items())
                   if code == lang and not d.published and not d.held]
        for d in waiting:
            lines.append("           " + _("not published: {slug}: {reason}").format(
                slug=d.slug, reason=d.describe(skip=(Why.INTERFACE,)) or Why.INTERFACE.text))
    for (slug, code), d in sorted(site.decisions.items()):
        if code == config.source_language and d.held:  # said once, not per language
            lines.append("  " + _("not on the site: {slug}: {reason}").format(
                slug=slug, reason=d.reason))
    if site.drafts:
        lines.append(_("Built with machine drafts: pages with drafts carry a 'not yet "
                       "checked' banner. Do not publish this build."))
    index = ((site.output or config.output_path) / "index.html").resolve()
    lines.append(_("Open {path} in your browser.").format(path=index))
    return lines


def _report_carried(site) -> None:
    """Reviews kept after punctuation-only edits, translations carried to renamed files."""
    kept: dict[tuple[str, str], list[str]] = {}
    moved: dict[tuple[str, str], list[str]] = {}
    for lang, report in sorted(site.synced.items()):
        for context, old in report.kept:
            kept.setdefault((context, old), []).append(lang)
        for old, new in report.moved:
            key = (old.partition(":")[0], new.partition(":")[0])
            if lang not in moved.setdefault(key, []):
                moved[key].append(lang)
    for (context, old), langs in kept.items():
        click.echo("  " + _("review kept [{langs}] {context}: only punctuation or spacing "
                            "changed (was {old}); run update-catalogs to record it").format(
                                langs=', '.join(langs), context=context, old=repr(old)))
    for (old, new), langs in moved.items():
        click.echo("  " + _("translations carried [{langs}]: {old} → {new} (renamed); run "
                            "update-catalogs to record it").format(
                                langs=', '.join(langs), old=old, new=new))


@cli.command("update-catalogs")
@project_option
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
def update_catalogs(project: Path, langs: tuple[str, ...]) -> None:
    """Bring translations/<lang>.po in line with content/ and templates/.

    New Dutch text gets an empty entry; changed Dutch text keeps its translation, marked
    fuzzy (needs review) with the old Dutch kept; text no longer used becomes obsolete.
    Nothing is deleted.
    """
    from .catalog import locked_catalog, save, update_catalog
    from .config import load_config
    from .pipeline import build_time

    config = load_config(project)
    _messages, segments, ui = _sources(config, langs)
    template = _template(config, segments, ui)
    for lang in langs or config.languages:
        with locked_catalog(config, lang) as catalog:  # read, sync, write: nobody between
            report = update_catalog(config, catalog, segments, ui, template)
            written = save(catalog, build_time())
        click.echo(f"{catalog.path.relative_to(config.root)}: "
                   + (str(report) if written else _("unchanged")))


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
    from .progress import Progress
    from .report import json_report, text_report

    config = load_config(project)
    content = config.content_dir
    with Progress() as progress:
        with progress.stage(N_("loading"), len(list(content.glob("*.md")))
                            if content.is_dir() else 0, N_("messages")) as counter:
            messages = load_messages(config, load_library(config.pictograms_dir),
                                     tick=counter.tick)
        if paths:
            messages = _select(messages, paths, config.root)
        catalogs = load_catalogs(config)
        with progress.stage(N_("checking"), len(messages), N_("messages")) as counter:
            checks = check_messages(config, messages, catalogs, tick=counter.tick)
    color = not as_json and sys.stdout.isatty()
    click.echo(json_report(checks) if as_json else text_report(checks, color, verbose))
    _warn_overdue(config, messages)
    if any(c.blocked for c in checks):
        raise click.exceptions.Exit(1)


def _warn_overdue(config, messages) -> None:
    """Messages past their review date (review_by, or the site's max_age_days), as the
    build warns about them: a warning with file:line, not a failure."""
    from . import lifecycle

    on = lifecycle.today()
    for late in lifecycle.overdue(config, messages, on):
        log.warning("%s", late.problem(on))


def _sources(config, langs: tuple[str, ...]):
    """Check the chosen languages; load messages, their segments and the template strings."""
    from .extract import content_segments, template_strings
    from .load import load_messages
    from .pictograms import load_library

    unknown = sorted(set(langs) - set(config.languages))
    if unknown:
        raise click.UsageError(_("{unknown} not in site.toml languages ({languages})").format(
            unknown=', '.join(unknown), languages=', '.join(config.languages)))
    messages = load_messages(config, load_library(config.pictograms_dir))
    return messages, content_segments(config, messages), template_strings(config)


def _template(config, segments, ui):
    """translations/messages.pot for the current sources, written when it changed."""
    from .catalog import build_template, save_template
    from .pipeline import build_time

    template = build_template(config, segments, ui, build_time())
    if save_template(template):
        click.echo(_("{path}: template updated").format(
            path=template.path.relative_to(config.root)))
    return template


def _sync_all(config, langs: tuple[str, ...]):
    """Load messages and bring the chosen catalogs in line with the Dutch sources (in
    memory: a writer re-reads and syncs again under the catalog's lock)."""
    from .catalog import sync_catalogs
    from .pipeline import build_time

    messages, segments, ui = _sources(config, langs)
    _catalogs, out = sync_catalogs(config, list(langs or config.languages), segments, ui,
                           build_time())
    return messages, out


@cli.command()
@project_option
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
def translate(project: Path, langs: tuple[str, ...]) -> None:
    """Fill untranslated entries with machine drafts (Argos Translate, offline, or a
    LibreTranslate server chosen in site.toml [mt]).

    Updates the catalogs from content/ first (like update-catalogs). Drafts are stored
    fuzzy, with the engine and models named; a draft that fails a safety check (numbers,
    phone numbers, links, glossary) is marked 'needs review' with the reason. Nothing is
    published until a person reviews it. Languages without a model are listed as
    needing a human translator. Runs the [review] hook afterwards.
    """
    from .catalog import (
        entry_versions,
        load_catalog,
        locked_catalog,
        merge_changes,
        save,
        update_catalog,
    )
    from .config import load_config
    from .pipeline import build_time
    from .review import run_hook, write_queue
    from .safety import context_for
    from .translate.engine import engine_for
    from .translate.memory import Memory
    from .translate.workflow import Translator, translate_catalog

    config = load_config(project)
    engine = engine_for(config)
    _messages, segments, ui = _sources(config, langs)
    template = _template(config, segments, ui)
    memory = Memory(config.root / ".klaar" / "translation-memory.sqlite3")
    translator = Translator(engine, memory, config.glossary.do_not_translate)
    when = build_time()
    human = []
    saved = []
    try:
        for lang in langs or config.languages:
            catalog = load_catalog(config, lang)
            synced = update_catalog(config, catalog, segments, ui, template)
            before = entry_versions(catalog)
            # Machine translation takes minutes: done without the lock, then merged into
            # the file as it is now, entry by entry, skipping what a person saved meanwhile.
            report = translate_catalog(catalog, translator, context_for(config, lang),
                                       config.source_language, when)
            with locked_catalog(config, lang) as fresh:
                update_catalog(config, fresh, segments, ui, template)
                skipped = merge_changes(fresh, catalog, before)
                save(fresh, when)
            saved.append(fresh)
            name = catalog.path.relative_to(config.root)
            if skipped:
                click.echo(ngettext(
                    "{name}: {n} entry was saved by someone else during translation and kept "
                    "as it is: {entries}", "{name}: {n} entries were saved by someone else "
                    "during translation and kept as they are: {entries}", len(skipped)).format(
                        name=name, n=len(skipped), entries=', '.join(skipped)))
            if report.needs_human:
                human.append(catalog.lang)
                click.echo(f"{name}: {engine.missing(config.source_language, catalog.lang)}")
                continue
            click.echo(_("{name}: {drafted} machine drafts, {needs_review} need review after "
                         "checks, {back} back-translated; {sent} sent to the engine, "
                         "{memory} from memory").format(
                             name=name, drafted=report.drafted, needs_review=report.needs_review,
                             back=report.back_translated, sent=report.sent,
                             memory=report.from_memory)
                       + (f" ({synced})" if synced.changed or synced.added else ""))
    finally:
        memory.close()
    if human:
        click.echo(_("No machine translation for: {languages} (left for translators; install "
                     "a model to get drafts).").format(languages=', '.join(human)))
    queue = write_queue(config, saved, "csv",
                        config.root / ".klaar" / "review-queue.csv")
    click.echo(_("Review queue: {path} (klaar review-queue for other formats)").format(
        path=queue.relative_to(config.root)))
    if config.review.hook:
        run_hook(config, queue)


@cli.command("review-queue")
@project_option
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["po", "csv", "xliff", "xliff2"]),
              default="csv", show_default=True,
              help="xliff is XLIFF 1.2, xliff2 XLIFF 2.0 (one language).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: .klaar/review-queue.<lang>.<format> in the "
                   "project).")
def review_queue(project: Path, langs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Export the entries that need a person: untranslated, machine drafts, needs review.

    Each row has the Dutch source, the previous Dutch when it changed, the draft, the
    reasons, the back-translation and where it appears.
    """
    from .config import load_config
    from .review import queue_items, write_queue

    config = load_config(project)
    _messages, catalogs = _sync_all(config, langs)
    cats = [c for c, _ in catalogs]
    if fmt == "po" and len(cats) != 1:
        raise click.UsageError(_("--format po writes one language: add --lang"))
    name = "-".join(langs) if langs else "all"
    path = output or config.root / ".klaar" / (
        f"review-queue.{name}.{'xlf' if fmt.startswith('xliff') else fmt}")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_queue(config, cats, fmt, path)
    count = len(queue_items(cats, config))
    click.echo(ngettext("{path}: {n} entry needs a person", "{path}: {n} entries need a person",
                        count).format(path=path, n=count))


@cli.command("review-import")
@project_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", help="Language of a PO file without a Language header.")
def review_import(project: Path, file: Path, lang: str | None) -> None:
    """Merge a reviewed queue file (po, csv or xliff) back into the catalogs.

    Approved entries become reviewed; edited but unapproved ones stay 'needs review' with
    the new text. An entry whose Dutch source changed after the export is refused and
    written to FILE.rejected.csv, so nothing is lost.
    """
    from contextlib import ExitStack

    from .catalog import locked_catalog, save, update_catalog
    from .config import load_config
    from .pipeline import build_time
    from .review import import_reviewed, read_reviewed, write_rejected

    config = load_config(project)
    _messages, segments, ui = _sources(config, ())
    template = _template(config, segments, ui)
    items = read_reviewed(file, lang)
    with ExitStack() as stack:  # every catalog locked (in a fixed order) from read to write
        held = {code: stack.enter_context(locked_catalog(config, code))
                for code in config.languages}
        for catalog in held.values():
            # compare with the current Dutch, not an old catalog
            update_catalog(config, catalog, segments, ui, template)
        report, catalogs = import_reviewed(config, items, held)
        for catalog in catalogs:
            save(catalog, build_time())
    click.echo(_("{reviewed} entries reviewed, {updated} updated (still to approve), {stale} "
                 "refused (Dutch changed since export), {unknown} unknown").format(
                     reviewed=report.reviewed, updated=report.updated,
                     stale=len(report.stale), unknown=len(report.unknown))
               + (_(", {n} refused (markup)").format(n=len(report.invalid))
                  if report.invalid else ""))
    for it, failed in report.failed_checks:
        click.echo("  " + _("not approved [{lang}] {entry}: {findings} (kept as 'needs "
                            "review')").format(lang=it.lang, entry=it.context or it.source[:40],
                                               findings='; '.join(failed)), err=True)
    for it in report.invalid:
        click.echo("  " + _("refused [{lang}] {entry}: {problem}").format(
            lang=it.lang, entry=it.context or it.source[:40], problem=it.problem), err=True)
    rejected = report.stale + report.unknown + report.invalid
    if rejected:
        side = write_rejected(file, rejected)
        for it in report.stale:
            click.echo("  " + _("refused [{lang}] {entry}: the Dutch text changed since the "
                                "export").format(lang=it.lang, entry=it.context or it.source[:40]),
                       err=True)
        click.echo(_("Refused entries kept in {path}").format(path=side), err=True)
        raise click.exceptions.Exit(1)


@cli.command()
@project_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(project: Path, as_json: bool) -> None:
    """Per language: reviewed, machine, needs-review and untranslated entries, and which
    messages can be published."""
    import json

    from .config import load_config
    from .interface import withheld_said
    from .review import status_rows

    config = load_config(project)
    messages, catalogs = _sync_all(config, ())
    rows = status_rows(config, [c for c, _ in catalogs], messages)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    head = (_("lang"), _("reviewed"), _("machine"), _("needs review"), _("untranslated"))
    click.echo(f"{head[0]:6} {head[1]:>8} {head[2]:>8} {head[3]:>12} {head[4]:>12}  "
               + _("publishable messages"))
    for r in rows:
        shown = f"{len(r['publishable'])}/{len(messages)}"
        click.echo(f"{r['lang']:6} {r['reviewed']:>8} {r['machine draft']:>8} "
                   f"{r['needs review']:>12} {r['untranslated']:>12}  {shown}")
        face = r["interface"]
        parts = [f"{face['toolkit']} from the toolkit", f"{face['site']} from "
                 f"{config.translations_dir.name}/{r['lang']}.po"]
        if face["missing"]:
            parts.append(f"{face['missing']} not translated (pages stay in Dutch)")
        click.echo(f"{'':8}interface: {', '.join(parts)}")
        for msgid, why in face["withheld"].items():
            line = face["withheld_line"].get(msgid)
            path = f"{config.translations_dir.name}/{r['lang']}.po" + (f":{line}" if line else "")
            click.echo(f"{'':8}" + withheld_said(path, r["lang"], msgid, why,
                                                 face["withheld_instead"][msgid]))
        for slug in r["waiting"]:
            click.echo(f"{'':8}" + _("not published: {slug}: {reason}").format(
                slug=slug, reason=r['reasons'][slug]))
    for line in _withheld_recordings(config, messages, [c for c, _state in catalogs]):
        click.echo(line)


def _withheld_recordings(config, messages, catalogs) -> list[str]:
    """Recordings that are not used (they read an older text, say), for status and build."""
    from .recordings import find

    if not find(config.root):
        return []
    from .extract import template_strings
    from .pictograms import load_library
    from .render.html import SiteRenderer
    from .render.media import withheld_recordings

    renderer = SiteRenderer(config, load_library(config.pictograms_dir), list(messages),
                            {c.lang: c for c in catalogs},
                            [u.msgid for u in template_strings(config)])
    found = withheld_recordings(config.root, renderer.scripts())
    return [_("Recordings withheld (the synthetic voice reads these parts):"),
            *(f"  {line}" for line in found)] if found else []


@cli.command("new")
@project_option
@click.argument("slug")
@click.option("--title", help="The message's title (default: made from SLUG).")
def new(project: Path, slug: str, title: str | None) -> None:
    """Start a message: write content/SLUG.md, a skeleton to fill in.

    SLUG becomes the page address: lower-case words joined by '-', like hitte-op-werk.
    The message starts as a draft (shown in the preview only); an existing file is never
    overwritten.
    """
    from .config import load_config
    from .pictograms import load_library
    from .scaffold import new_message

    config = load_config(project)
    path = new_message(config, load_library(config.pictograms_dir), slug, title)
    shown = path.relative_to(config.root)
    click.echo(f"{shown}: written. Fill it in, check it with `python build.py check {shown}`, "
               "and see it in the preview with `python build.py serve`.")


@cli.command()
@project_option
@click.argument("search", required=False)
@click.option("-o", "--sheet", type=click.Path(dir_okay=False, path_type=Path),
              default=None,
              help="Where to write the contact sheet (PNG with every pictogram)  "
                   "[default: .klaar/pictograms.png in the project]")
def pictograms(project: Path, search: str | None, sheet: Path | None) -> None:
    """List the pictograms (optionally those matching SEARCH) and write a contact sheet.

    Use the id in a message's steps: `- pictogram: wash-hands`.
    """
    from .config import load_config
    from .pictograms import load_library
    from .render.png import contact_sheet, png_bytes

    config = load_config(project)
    library = load_library(config.pictograms_dir)
    shown = [p for p in library.pictograms.values() if not search or any(
        search.lower() in text for text in (p.id, p.label.lower(), *p.keywords))]
    for p in shown:
        click.echo(f"{p.id:18} {p.label}  [{p.licence}]")
    if not shown:
        click.echo(_("no pictogram matches {search}; ").format(search=repr(search))
                   + (library.suggest(search) if search else ""))
        raise click.exceptions.Exit(1)
    image = contact_sheet([(p.id, p.label, p.svg(library.root)) for p in shown])
    if sheet is None:  # the toolkit's own folder, never the project root
        from .workdirs import PICTOGRAM_SHEET

        sheet = project / PICTOGRAM_SHEET
        sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_bytes(png_bytes(image))
    click.echo(ngettext("{n} pictogram; contact sheet: {path}",
                        "{n} pictograms; contact sheet: {path}", len(shown)).format(
                            n=len(shown), path=sheet))


@cli.command("serve")
@project_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback gets a loud warning.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--debug", is_flag=True,
              help="Log every request, and the traceback of any unexpected error.")
def serve_command(project: Path, host: str, port: int, debug: bool) -> None:
    """Preview the site with live reload, and review translations at /review/.

    Builds with machine drafts (under their banner) and the readability report on every
    message page, rebuilds when content/, templates/, pictograms/, translations/ or
    site.toml change, and reloads open pages. A build error shows in the browser.
    """
    from .serve import serve

    if debug:
        log.setLevel(logging.DEBUG)
    serve(project, host, port)


@cli.group()
def models() -> None:
    """Machine-translation models (Argos Translate packages)."""


@models.command("list")
def models_list() -> None:
    """List the installed models and the language pairs they make possible."""
    from .translate.engine import ArgosEngine

    engine = ArgosEngine()
    have = engine.models()
    if not have:
        click.echo(_("No models installed. Install with `klaar models install --file "
                     "PATH.argosmodel` (or --from-index LANGS with internet)."))
        return
    for (a, b), m in sorted(have.items()):
        click.echo(_("{source}→{target}  version {version}  {path}").format(
            source=a, target=b, version=m.version, path=m.path))


@models.command("install")
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="A downloaded .argosmodel file.")
@click.option("--from-index", "langs", help="Comma-separated target languages, e.g. ar,tr "
              "(downloads nl→en and en→each; needs internet).")
def models_install(file: Path | None, langs: str | None) -> None:
    """Install models from a file, or from the Argos package index."""
    from .translate.engine import install_file, install_from_index

    if bool(file) == bool(langs):
        raise click.UsageError(_("give either --file PATH or --from-index LANGS"))
    if file:
        m = install_file(file)
        click.echo(_("installed {source}→{target} version {version}").format(
            source=m.from_code, target=m.to_code, version=m.version))
        return
    for m in install_from_index([x.strip() for x in (langs or "").split(",") if x.strip()]):
        click.echo(_("installed {source}→{target} version {version}").format(
            source=m.from_code, target=m.to_code, version=m.version))


def _select(messages: list, paths: tuple[Path, ...], root: Path) -> list:
    """The messages in the given files or folders (relative to here or to the project)."""
    from .errors import BuildErrors, Problem

    content = (root / "content").resolve()
    chosen, problems = [], []
    for p in paths:
        existing = [c.resolve() for c in (Path.cwd() / p, root / p) if c.exists()]
        inside = [c for c in existing if c == content or content in c.parents]
        if not existing:
            problems.append(Problem(str(p), _("no such file or folder")))
        elif not inside:
            problems.append(Problem(str(p), _("not in the project's content/ folder")))
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
        raise click.BadParameter(_("{lang} is not a known language").format(lang=repr(lang)),
                                 param_hint="--lang")
    options: dict[str, Any] = {}
    if (project / "site.toml").is_file():
        config = load_config(project)
        options = dict(budget=budget_for(level, config.readability.budgets),
                       known_abbreviations=frozenset(config.readability.known_abbreviations),
                       jargon_file=jargon_path(config), address=config.readability.address)
    text = file.read()
    result = analyze(text, lang=lang, level=level, markdown=not plain, **options)
    color = not as_json and sys.stdout.isatty()
    click.echo(result_json(result, text) if as_json else result_text(result, text, color,
                                                                       verbose))
    if not result.passed:
        raise click.exceptions.Exit(1)


def main(argv: list[str] | None = None, prog_name: str = "klaar") -> int:
    """Run the command line; return the exit code instead of exiting (for tests).
    `prog_name` is what usage lines call the command (`python build.py` from build.py)."""
    from . import staff_language

    before = staff_language.activate(None)
    try:
        return _main(argv, prog_name)
    finally:
        staff_language.activate(before)


def _main(argv: list[str] | None, prog_name: str) -> int:
    try:
        # Without standalone mode click returns the code of a click.exceptions.Exit.
        code = cli.main(args=argv, prog_name=prog_name, standalone_mode=False)
        if isinstance(code, int):
            return code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo(_("Aborted."), err=True)
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
