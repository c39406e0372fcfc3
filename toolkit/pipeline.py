"""The build as an ordered list of stages, each taking and returning one `Site`.

Everything is read and checked before anything is written, and writing goes to a
temporary folder that replaces the old site only when every stage succeeded.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from . import lifecycle
from .catalog import Catalog, SyncReport, load_catalogs, sync
from .check import MessageCheck, budget_errors, check_messages
from .config import OUTPUT_HINT, SOURCE_DIRS, Config, load_config, output_dir_problems
from .errors import BuildErrors, Problem
from .extract import content_segments, template_strings
from .load import load_messages
from .model import Message
from .pictograms import Library, load_library
from .progress import Counter, Progress
from .render.html import LOGO_PATH, SiteRenderer, static_files, used_pictograms
from .render.sitefiles import tasks as site_tasks
from .render.templates_check import template_problems
from .render.textlayout import FONT_DIR
from .staff_language import N_, _
from .tasks import MANIFEST, OUTPUT_KINDS, Counts, Manifest, Task, digest, execute, reset_sizes
from .workdirs import own_site
from .write import SiteWriter, folder_problem, tidy

log = logging.getLogger("klaar")
WEB_FONTS = ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf",
             "NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")


@dataclass(frozen=True)
class Site:
    """What the stages pass along. Each stage returns a new Site with its part filled in."""

    root: Path
    drafts: bool = False  # preview: machine drafts shown under a banner
    preview: bool = False  # preview server: readability report and states on each page
    output: Path | None = None  # where to write instead of config.output_path
    config: Config | None = None
    library: Library | None = None
    messages: tuple[Message, ...] = ()
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    checks: tuple[MessageCheck, ...] = ()
    kinds: frozenset[str] = OUTPUT_KINDS  # which outputs to make (pages always)
    jobs: int = 1  # worker processes for the tasks
    clean: bool = False  # ignore the previous site: run every task
    progress: Progress | None = None  # bars or log lines for the long stages (CLI build)
    tasks: tuple[Task, ...] = ()
    renderer: SiteRenderer | None = None
    inputs: str = ""  # fingerprint of everything read (toolkit/fingerprint.py)
    defer: frozenset[str] = frozenset()  # task kinds only reused, not made (preview pass 1)
    counts: Counts | None = None
    published: dict[str, list[str]] = field(default_factory=dict)  # lang → slugs shown
    ui_missing: dict[str, list[str]] = field(default_factory=dict)  # lang → texts to translate
    # (path, lang, context, finding, instead): reviewed but failing a safety check; `instead`
    # is "" for a message's segment, or what an interface text shows instead (interface.py)
    withheld: tuple = ()
    decisions: dict = field(default_factory=dict)  # (slug, lang) → publish.Decision (public)
    synced: dict[str, SyncReport] = field(default_factory=dict)  # lang → what sync carried
    withdrawn: tuple = ()  # withdrawn.Withdrawn: published by the last build, not by this
    written: int = 0


class _NoCounter:
    tick = None

    def __enter__(self) -> _NoCounter:
        return self

    def __exit__(self, *exc) -> None:
        pass


def _counter(site: Site, label: str, total: int, unit: str) -> Counter | _NoCounter:
    """A progress counter for a stage (`with … as c: work(tick=c.tick)`), or none."""
    return site.progress.stage(label, total, unit) if site.progress else _NoCounter()


def build_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, when set, pins every timestamp the build writes."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BuildErrors([Problem("SOURCE_DATE_EPOCH", _("{value} is not a whole number of "
                                                          "seconds").format(value=repr(value)))]
                          ) from None


def build_time() -> dt.datetime:
    epoch = build_epoch()
    if epoch is None:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


def stage_config(site: Site) -> Site:
    """site.toml, and whether the output folder may be replaced: refused before any work."""
    config = load_config(site.root)
    target = site.output or config.output_path
    if site.output is None:
        where: dict[str, Any] = dict(path="site.toml", line=config.output_dir_line,
                                     key="output_dir")
        messages = []
    else:  # the preview's or the drafts' own folder (workdirs), or one a caller chose
        where = dict(path=str(site.output))
        messages = [] if own_site(config.root, site.output) else output_dir_problems(
            config.root, site.output, [config.root / d for d in SOURCE_DIRS], True)
    shown = repr(config.output_dir if site.output is None else str(site.output))
    problems = [Problem(message=f"{shown} {m}", hint=_(OUTPUT_HINT), **where)
                for m in messages]
    if not problems:
        tidy(target)  # after a killed build: the site back in place before anything else
    problem = folder_problem(target)
    if problem:
        problems.append(Problem(
            message=f"{shown} {problem}", **where,
            hint=_("choose another output_dir, or move those files away; a site built by a "
                   "Klaar version without the marker: delete the folder once")))
    if problems:
        raise BuildErrors(problems)
    return replace(site, config=config)


def stage_load(site: Site) -> Site:
    """Pictograms, messages and catalogs: every broken file is reported in one go."""
    assert site.config
    problems: list[Problem] = []
    library = catalogs = None
    try:
        library = load_library(site.config.pictograms_dir)
    except BuildErrors as exc:
        problems += exc.problems
    with _counter(site, N_("translations"), len(site.config.languages), N_("languages")) as counter:
        try:
            catalogs = load_catalogs(site.config, tick=counter.tick)
        except BuildErrors as exc:
            problems += exc.problems
    messages: list[Message] = []
    if library is not None:
        content = site.config.content_dir
        with _counter(site, N_("loading"), len(list(content.glob("*.md")))
                      if content.is_dir() else 0, N_("messages")) as counter:
            try:
                messages = load_messages(site.config, library, tick=counter.tick)
            except BuildErrors as exc:
                problems += exc.problems
    problems += template_problems(site.config)
    if problems:
        raise BuildErrors(problems)
    # The catalogs as update-catalogs would leave them (in memory only): a punctuation-only
    # edit keeps its review, a renamed file keeps its translations, any other edit of the
    # Dutch withdraws the translation. So the build never disagrees with the catalogs'
    # next update, and can say what an edit withdrew.
    segments = content_segments(site.config, messages)
    ui = template_strings(site.config)
    synced = {lang: sync(c, segments, ui) for lang, c in (catalogs or {}).items()}
    return replace(site, library=library, messages=tuple(messages), catalogs=catalogs or {},
                   synced=synced)


def stage_check(site: Site) -> Site:
    """Readability: a message over its level's budget without a waiver is not published.
    A draft over its budget is only warned about (it is not published anyway), and every
    message past its review date is warned about (toolkit/lifecycle.py)."""
    assert site.config
    with _counter(site, N_("checking"), len(site.messages), N_("messages")) as counter:
        checks = check_messages(site.config, list(site.messages), tick=counter.tick)
    problems = budget_errors([c for c in checks if not c.message.draft])
    if problems:
        raise BuildErrors(problems)
    for problem in budget_errors([c for c in checks if c.message.draft]):
        log.warning("%s", _("{problem} (a draft: fix it before you publish it)").format(
            problem=problem))
    on = lifecycle.today()
    for late in lifecycle.overdue(site.config, site.messages, on):
        log.warning("%s", late.problem(on))
    return replace(site, checks=tuple(checks))


def stage_render(site: Site) -> Site:
    """Decide what is published (once) and plan every output as a keyed task."""
    assert site.config and site.library
    ui = [u.msgid for u in template_strings(site.config)]
    withdrawals: dict[str, list[str]] = {}  # slug → languages an edit withdrew
    for lang, report in site.synced.items():
        for context in report.withdrawn:
            withdrawals.setdefault(context.partition(":")[0], []).append(lang)
    # Deciding what is published runs the safety checks of every translation: a while on
    # a large site, so it shows as a stage of its own.
    planning = _counter(site, N_("planning"), 1, "")  # closed by Progress after an error
    renderer = SiteRenderer(site.config, site.library, list(site.messages), site.catalogs, ui,
                            drafts=site.drafts,
                            checks={c.message.slug: c for c in site.checks}
                            if site.preview else None, withdrawals=withdrawals)
    published = {lang: [m.slug for m in site.messages if renderer.available(m, lang)]
                 for lang in site.config.all_languages}
    renderer.defer = site.defer
    if site.defer:
        renderer.previous = Manifest.read(site.output or site.config.output_path)
    tasks = renderer.tasks(site.kinds) + static_tasks(site) + site_tasks(renderer)
    if planning.tick:
        planning.tick()
    return replace(site, tasks=tuple(tasks), renderer=renderer, published=published,
                   ui_missing=renderer.ui_missing, withheld=tuple(renderer.withheld),
                   decisions=renderer.public)


def stage_withdrawn(site: Site) -> Site:
    """Compare with the last real build: which pages were withdrawn, and why. Preview and
    draft builds neither record nor report (they publish nothing)."""
    assert site.config
    if site.drafts or site.preview or site.output is not None:
        return site
    from .withdrawn import load_previous, save_published, withdrawn_since

    renamed = {old.partition(":")[0]: new.partition(":")[0]
               for report in site.synced.values() for old, new in report.moved}
    gone = withdrawn_since(load_previous(site.root), site.published, site.decisions,
                           site.catalogs, renamed)
    save_published(site.root, site.published)
    return replace(site, withdrawn=tuple(gone))


def _file_task(relpath: str, read: Callable[[], bytes]) -> Task:
    data = read()
    return Task("static", (relpath,), digest("static", data), lambda: {relpath: data},
                local=True)


def static_tasks(site: Site) -> list[Task]:
    """Pictograms used by the messages, web fonts and templates/static/, as tasks."""
    assert site.config and site.library
    config, library = site.config, site.library
    # the cleaned drawing, never the file as it is (no scripts on the site)
    out = [_file_task(f"pictograms/{pid}.svg",
                      partial(lambda p: library[p].svg(library.root).encode("utf-8"), pid))
           for pid in used_pictograms(list(site.messages))]
    # Scripts many devices lack a font for (Ge'ez, Chinese): the bundled fonts, loaded
    # by the browser only for those characters (unicode-range in style.css).
    out += [_file_task(f"static/fonts/{font}", (FONT_DIR / font).read_bytes)
            for font in WEB_FONTS]
    if config.brand.logo_svg:  # the cleaned drawing, like the pictograms
        out.append(_file_task(LOGO_PATH, partial(str.encode, config.brand.logo_svg, "utf-8")))
    static = config.templates_dir / "static"
    out += [_file_task("static/" + path.relative_to(static).as_posix(), path.read_bytes)
            for path in static_files(config.templates_dir)]
    return out


def stage_write(site: Site) -> Site:
    """Run the tasks whose keys changed, link the rest from the previous site, swap."""
    assert site.config
    target = site.output or site.config.output_path
    old = Manifest.read(target)
    previous = target if target.is_dir() and not site.clean else None
    reset_sizes()
    with SiteWriter(target, epoch=build_epoch(), recycle=True) as out:
        done = site.progress.tasks(site.tasks) if site.progress else None
        manifest, counts = execute(list(site.tasks), out, previous, old, site.jobs,
                                   clean=site.clean, progress=done,
                                   state={"renderer": site.renderer, "site": out.tmp},
                                   defer=site.defer)
        if site.progress:
            site.progress.end_tasks()
        manifest.extra["inputs"] = site.inputs
        out.write(MANIFEST, manifest.dumps())
        out.commit()
        return replace(site, written=out.count, counts=counts)


Stage = Callable[[Site], Site]
STAGES: list[tuple[str, Stage]] = [
    ("config", stage_config),
    ("load", stage_load),
    ("check", stage_check),
    ("render", stage_render),
    ("write", stage_write),
    ("withdrawn", stage_withdrawn),
]


def run(root: Path, stages: list[tuple[str, Stage]] | None = None, drafts: bool = False,
        preview: bool = False, output: Path | None = None,
        kinds: frozenset[str] = OUTPUT_KINDS, jobs: int = 1, clean: bool = False,
        progress: Progress | None = None, inputs: str = "",
        defer: frozenset[str] = frozenset()) -> Site:
    """Run the stages in order; the first failing stage stops the build (nothing written).

    `inputs` is the fingerprint of the inputs taken before reading them; it is kept in
    the site's manifest, so the next build knows whether anything changed since."""
    from . import publish
    from .memo import Table
    from .readability import lexicon

    site = Site(root=root, drafts=drafts, preview=preview, output=output, kinds=kinds,
                jobs=jobs, clean=clean, progress=progress, inputs=inputs, defer=defer)
    table = Table(root, "checks")
    lemmas = Table(root, lexicon.lemma_table_kind())
    publish.use_store(table)
    lexicon.use_lemma_table(lemmas)
    try:
        for _name, stage in stages or STAGES:
            site = stage(site)
    finally:
        publish.use_store(None)
        lexicon.use_lemma_table(None)
        table.save()
        lemmas.save()
    return site
