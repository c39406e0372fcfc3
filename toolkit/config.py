"""site.toml → one typed, immutable `Config`, validated in a single pass.

Every key is declared once below with its type, default and a one-line description
(`FIELDS`); the README's configuration table is that list. All problems are reported
together; unknown keys are warned about, since a typo there would otherwise go unnoticed.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .brand import DEFAULT_COLOR, BrandConfig, color_problems, parse_color, read_logo, to_hex
from .errors import BuildErrors, Problem, did_you_mean
from .languages import Language, is_known, language
from .staff_language import N_, _

log = logging.getLogger("klaar")

LEVELS = ("A2", "B1")
MISSING_POLICIES = ("notice", "omit")


@dataclass(frozen=True)
class PublishPolicy:
    """What the build does with a message that has no reviewed translation in a language."""

    missing_translation: str = "notice"  # "notice": page says so and links to Dutch; "omit": no page
    max_age_days: int = 365  # a message reviewed longer ago is due: a warning (0: never)
    refuse_after_days: int = 0  # a message reviewed longer ago is not published (0: never)


@dataclass(frozen=True)
class ReadabilityConfig:
    """[readability] in site.toml: budget overrides per level and word lists."""

    known_abbreviations: tuple[str, ...] = ()  # abbreviations your readers know (GGD)
    jargon_file: str | None = None  # extra 'term<TAB>plain alternative' list
    address: str = "je"  # how the site speaks to readers in advice: "je" or "u"
    budgets: dict[str, dict[str, float]] = field(default_factory=dict)  # level → overrides


@dataclass(frozen=True)
class GlossaryConfig:
    """[glossary] in site.toml: names that stay as they are, and required translations."""

    do_not_translate: tuple[str, ...] = ()  # e.g. GGD, RIVM, DigiD, huisartsenpost
    required: dict[str, dict[str, str]] = field(default_factory=dict)  # lang → nl → term


@dataclass(frozen=True)
class ReviewConfig:
    """[review] in site.toml: what happens after machine translation."""

    hook: str = ""  # command run after `translate`, with {queue} replaced by the queue file


@dataclass(frozen=True)
class MTConfig:
    """[mt] in site.toml: which machine-translation engine makes the drafts."""

    engine: str = "argos"  # "argos": local packages; "libretranslate": a shared server
    url: str = ""  # the LibreTranslate server, e.g. http://mt.ggd.local:5000
    api_key_env: str = ""  # name of the environment variable holding the server's API key
    timeout: float = 120.0  # seconds to wait for one batch


@dataclass(frozen=True)
class Config:
    """Everything site.toml says, checked. Stages read it; none changes it."""

    root: Path
    title: str
    base_url: str
    source_language: str
    languages: tuple[str, ...]
    level: str
    contact: str
    output_dir: str = "_site"
    max_message_kb: int = 1024  # message files larger than this are refused at load
    output_outside_project: bool = False
    output_dir_line: int | None = field(default=None, compare=False)  # for messages
    publish: PublishPolicy = field(default_factory=PublishPolicy)
    readability: ReadabilityConfig = field(default_factory=ReadabilityConfig)
    glossary: GlossaryConfig = field(default_factory=GlossaryConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)
    mt: MTConfig = field(default_factory=MTConfig)
    staff_language: str = ""  # language of the toolkit's own texts; "" = from the locale
    brand: BrandConfig = field(default_factory=BrandConfig)

    @property
    def all_languages(self) -> tuple[str, ...]:
        """Source language first, then the target languages in site.toml order."""
        return (self.source_language, *self.languages)

    def lang(self, code: str) -> Language:
        return language(code)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def pictograms_dir(self) -> Path:
        return self.root / "pictograms"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir


@dataclass(frozen=True)
class Field:
    """One key of site.toml: its type, its default (None = required) and what it means."""

    name: str
    type: type | tuple[type, ...]
    default: Any
    doc: str
    check: Callable[[Any, str], list[str]] | None = None  # returns messages, empty when fine


def _check_lang(value: str, key: str) -> list[str]:
    return [] if is_known(value) else [_("{key}: {value} is not a known language").format(
        key=key, value=repr(value))]


def _check_languages(value: list, key: str) -> list[str]:
    problems = []
    seen: set[str] = set()
    for i, code in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(code, str):
            problems.append(_("{key}: expected a language code in quotes, got {value}").format(
                key=where, value=repr(code)))
            continue
        problems += _check_lang(code, where)
        if code in seen:
            problems.append(_("{key}: {value} is listed twice").format(key=where,
                                                                    value=repr(code)))
        seen.add(code)
    return problems


def _check_level(value: str, key: str) -> list[str]:
    return [] if value in LEVELS else [_("{key}: {value} must be one of {choices}").format(
        key=key, value=repr(value), choices=", ".join(LEVELS))]


def _check_url(value: str, key: str) -> list[str]:
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
        return [_("{key}: {value} is not an http(s) URL").format(key=key, value=repr(value))]
    return []


def _check_missing(value: str, key: str) -> list[str]:
    if value in MISSING_POLICIES:
        return []
    return [_("{key}: {value} must be one of {choices}").format(
        key=key, value=repr(value), choices=", ".join(MISSING_POLICIES))]


def _check_days(value: int, key: str) -> list[str]:
    return [] if value >= 0 else [_("{key}: expected a number of days (0 for never), got "
                                    "{value}").format(key=key, value=repr(value))]


def _check_positive(value: int, key: str) -> list[str]:
    return [] if value > 0 else [_("{key}: expected a number above 0, got {value}").format(
        key=key, value=repr(value))]


# Folders the toolkit reads (or keeps its own data in): a build replaces its output folder
# as a whole, so the output may be none of these, contain one, or lie inside one.
SOURCE_DIRS = ("content", "templates", "pictograms", "translations", ".klaar")
OUTPUT_HINT = N_("use a folder of its own that only builds write to, such as output_dir = "
                 "\"_site\"")


def output_dir_problems(root: Path, target: Path, inputs: list[Path],
                        allow_outside: bool) -> list[str]:
    """Why a build may not write its site to `target` (which it replaces as a whole):
    the project itself, a source folder, a folder holding or inside one, a hidden folder,
    or (unless allowed) a folder outside the project. Empty when it is fine."""
    project = root.resolve()
    out = target.resolve()
    if out == project:
        return [_("is the project folder itself")]
    if out in project.parents:
        return [_("contains the project folder")]
    for source in inputs:
        src = source.resolve()
        name = source.relative_to(root).as_posix() if source.is_relative_to(root) else str(
            source)
        if out == src:
            return [_("is the source folder {name}/").format(name=name)]
        if out in src.parents:
            return [(_("contains the source folder {name}") if source.suffix == "" else
                     _("contains the source file {name}")).format(name=name)]
        if src in out.parents:
            return [_("is inside the source folder {name}/").format(name=name)]
    if project in out.parents:
        if any(part.startswith(".") for part in out.relative_to(project).parts):
            return [_("is a hidden folder (.git, .klaar and the like hold other tools' data)")]
    elif not allow_outside:
        return [_("is outside the project; set output_outside_project = true to allow it")]
    return []


def _check_staff_language(value: str, key: str) -> list[str]:
    from .staff_language import shipped

    if value and value not in shipped():
        return [_("{key}: {value} is not a staff language; choose one of {choices}, or "
                  "leave it out to follow the locale").format(
                      key=key, value=repr(value), choices=", ".join(shipped()))]
    return []


def _check_output_dir(value: str, key: str) -> list[str]:
    if not value.strip():
        return [_("{key}: must name a folder").format(key=key)]
    return []


FIELDS: tuple[Field, ...] = (
    # The required keys' docs are said when one is missing, so they are staff texts (N_).
    Field("title", str, None, N_("Site title in the source language (translated like "
                                 "content).")),
    Field("base_url", str, None, N_("Public address of the site, used for hreflang links."),
          _check_url),
    Field("source_language", str, "nl", "Language the messages are written in.", _check_lang),
    Field("languages", list, None, N_("Target languages as BCP 47 codes, in menu order."),
          _check_languages),
    Field("level", str, "B1", "Default readability level of a message: A2 or B1.", _check_level),
    Field("contact", str, None, N_("Contact line shown on every page (translated like "
                                   "content).")),
    Field("output_dir", str, "_site", "Folder the site is written to (replaced as a whole "
          "on every build): a new folder or one a build made; not a source folder.",
          _check_output_dir),
    Field("output_outside_project", bool, False, "Allow output_dir outside the project "
          "(an absolute path or ../…), e.g. a web server's folder."),
    Field("max_message_kb", int, 1024, "Largest message file in KB; larger ones are refused "
          "(a message is read by people: 1 MB is already a book).", _check_positive),
    Field("staff_language", str, "", "Language of the toolkit's messages to staff (CLI, "
          "readability advice, preview panel, review screen): \"nl\" or \"en\"; empty: "
          "from the locale. KLAAR_LANGUAGE overrides it.", _check_staff_language),
)
PUBLISH_FIELDS: tuple[Field, ...] = (
    Field("missing_translation", str, "notice",
          "notice: say 'not yet available' and link to Dutch; omit: leave the page out.",
          _check_missing),
    Field("max_age_days", int, 365,
          "Days after `reviewed:` that a message is due for review: the build warns and the "
          "preview shows a banner (a message's own `review_by:` comes first); 0: never.",
          _check_days),
    Field("refuse_after_days", int, 0,
          "Days after `reviewed:` that a message is no longer published at all; 0: never.",
          _check_days),
)
def _check_abbreviations(value: list, key: str) -> list[str]:
    return [_("{key}: expected text, got {value}").format(key=f"{key}[{i}]", value=repr(v))
            for i, v in enumerate(value)
            if not isinstance(v, str) or not v.strip()]


def _check_jargon_file(value: str, key: str) -> list[str]:
    p = Path(value)
    if p.is_absolute() or ".." in p.parts:
        return [_("{key}: {value} must be a file inside the project").format(
            key=key, value=repr(value))]
    return []


def _check_address(value: str, key: str) -> list[str]:
    return [] if value in ("je", "u") else [_("{key}: {value} must be \"je\" or \"u\"").format(
        key=key, value=repr(value))]


READABILITY_FIELDS: tuple[Field, ...] = (
    Field("known_abbreviations", list, [], "Abbreviations your readers know, e.g. [\"GGD\"].",
          _check_abbreviations),
    Field("jargon_file", str, "", "Extra word list (term<TAB>plain alternative), added to the "
          "bundled one.", _check_jargon_file),
    Field("address", str, "je", "How the site addresses readers, \"je\" or \"u\"; advice on "
          "hard sentences uses the same form.", _check_address),
)
GLOSSARY_FIELDS: tuple[Field, ...] = (
    Field("do_not_translate", list, [], "Names and terms every translation must keep as they "
          "are, e.g. [\"GGD\", \"RIVM\", \"DigiD\"].", _check_abbreviations),
)
REVIEW_FIELDS: tuple[Field, ...] = (
    Field("hook", str, "", "Command run after `translate`; {queue} becomes the path of the "
          "review queue file (CSV)."),
)
ENGINES = ("argos", "libretranslate")


def _check_engine(value: str, key: str) -> list[str]:
    return [] if value in ENGINES else [_("{key}: {value} is not one of {choices}").format(
        key=key, value=repr(value), choices=", ".join(ENGINES))]


def _check_mt_url(value: str, key: str) -> list[str]:
    if value and not re.match(r"^https?://[^\s/]+", value):
        return [_("{key}: {value} is not an http(s) address").format(key=key,
                                                                      value=repr(value))]
    return []


def _check_env_name(value: str, key: str) -> list[str]:
    if value and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        return [_("{key}: {value} is not the name of an environment variable (the key "
                  "itself never goes in site.toml)").format(key=key, value=repr(value))]
    return []


def _check_timeout(value, key: str) -> list[str]:
    return [] if value > 0 else [_("{key}: must be more than 0 seconds").format(key=key)]


MT_FIELDS: tuple[Field, ...] = (
    Field("engine", str, "argos", "argos (local models) or libretranslate (a shared server).",
          _check_engine),
    Field("url", str, "", "Address of the LibreTranslate server.", _check_mt_url),
    Field("api_key_env", str, "", "Environment variable with the server's API key.",
          _check_env_name),
    Field("timeout", (int, float), 120.0, "Seconds to wait for the server.", _check_timeout),
)
def _check_name(value: str, key: str) -> list[str]:
    return [_("{key}: must be one line").format(key=key)] if "\n" in value else []


BRAND_FIELDS: tuple[Field, ...] = (
    Field("name", str, "", "The organisation that publishes the site, e.g. \"GGD "
          "Voorbeeldregio\": in the page header, on cards, posters and leaflets, and under "
          "the share text.", _check_name),
    Field("logo", str, "", "The logo: an SVG file in the project, e.g. \"brand/logo.svg\" "
          "(made safe like pictograms)."),
    Field("color", str, DEFAULT_COLOR, "Main colour, \"#rrggbb\": links, buttons, title bands "
          "and headings. Must reach 4.5:1 against white (WCAG AA).", color_problems),
)
SECTIONS: dict[str, tuple[Field, ...]] = {"publish": PUBLISH_FIELDS,
                                          "readability": READABILITY_FIELDS,
                                          "glossary": GLOSSARY_FIELDS,
                                          "review": REVIEW_FIELDS,
                                          "mt": MT_FIELDS,
                                          "brand": BRAND_FIELDS}


# TOML puts every key after a [table] line into that table.
_MISPLACED = N_("a top-level setting: move it above the first [section]")


def _read_required(raw: dict, languages: list, text: str, path: str,
                   problems: list[Problem]) -> dict[str, dict[str, str]]:
    """[glossary.required.ar]: "huisarts" = "طبيب العائلة" — each a term a translation of
    a segment with the Dutch term must use."""
    out: dict[str, dict[str, str]] = {}
    for lang, table in raw.items():
        section = f"glossary.required.{lang}"
        line = _key_line(text, section, None)
        if lang not in languages:
            problems.append(Problem(path, _("{key}: {value} is not one of languages").format(
                key=section, value=repr(lang)), line=line))
            continue
        if not isinstance(table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in table.items()):
            problems.append(Problem(path, _("{key}: expected \"Dutch term\" = \"required "
                                            "translation\" lines").format(key=section),
                                    line=line))
            continue
        out[lang] = dict(table)
        # A top-level setting added at the end of site.toml lands in this table.
        for term in sorted(set(table) & {f.name for f in FIELDS}):
            del out[lang][term]
            line = _key_line(text, term, section)
            log.warning("%s", _("{where}: {key} is not a Dutch term but a setting ({hint})")
                        .format(where=f"{path}:{line}" if line else path,
                                key=repr(f"{section}.{term}"), hint=_(_MISPLACED)))
    return out


def _read_budgets(raw: dict, text: str, path: str, problems: list[Problem]) -> dict:
    """[readability.A2] / [readability.B1]: each key a Budget limit with a number."""
    from .readability.budget import FIELDS as BUDGET_FIELDS

    budgets: dict[str, dict[str, float]] = {}
    for level in LEVELS:
        table = raw.get(level, {})
        section = f"readability.{level}"
        if not isinstance(table, dict):
            problems.append(Problem(path, _("{key}: expected a [{key}] table").format(
                key=section)))
            continue
        for key, value in table.items():
            line = _key_line(text, key, section)
            if key not in BUDGET_FIELDS:
                hint = did_you_mean(key, set(BUDGET_FIELDS))
                problems.append(Problem(path, _("{key}: not a budget limit").format(
                    key=f"{section}.{key}"), line=line,
                    hint=hint or _("see README, 'Readability budgets'")))
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                problems.append(Problem(path, _("{key}: expected a number of 0 or more, got "
                                                "{value}").format(key=f"{section}.{key}",
                                                                  value=repr(value)),
                                        line=line))
            else:
                budgets.setdefault(level, {})[key] = value
    return budgets


GLOSSARY_FILE = "translations/glossary.csv"


def _read_glossary_file(root: Path, languages: list, problems: list[Problem]
                        ) -> tuple[list[str], dict[str, dict[str, str]]]:
    """translations/glossary.csv, the glossary translators edit (in a spreadsheet, Poedit's
    neighbour or Weblate's glossary export): columns term, language, translation, note.
    A row without language and translation is a do-not-translate term; a row with both is
    the required rendering of the Dutch term in that language."""
    import csv
    import io

    path = root / GLOSSARY_FILE
    if not path.is_file():
        return [], {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(GLOSSARY_FILE, _("cannot read it ({error}); save it as "
                                                 "UTF-8").format(error=exc)))
        return [], {}
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0][:3]] != ["term", "language",
                                                                  "translation"]:
        problems.append(Problem(GLOSSARY_FILE, _("the first line must be the header "
                                                 "term,language,translation,note"), line=1))
        return [], {}
    keep: list[str] = []
    required: dict[str, dict[str, str]] = {}
    for n, row in enumerate(rows[1:], 2):
        term, lang, translation = [(row[i].strip() if i < len(row) else "") for i in range(3)]
        if not any((term, lang, translation)):
            continue
        if not term:
            problems.append(Problem(GLOSSARY_FILE, _("a row without a term"), line=n))
        elif not lang and not translation:
            keep.append(term)
        elif not lang or not translation:
            problems.append(Problem(GLOSSARY_FILE, _(
                "{term}: give both a language and a translation (or neither, for a term that "
                "stays as it is)").format(term=repr(term)), line=n))
        elif lang not in languages:
            problems.append(Problem(GLOSSARY_FILE, _(
                "{term}: {lang} is not one of site.toml's languages").format(
                    term=repr(term), lang=repr(lang)), line=n))
        else:
            required.setdefault(lang, {})[term] = translation
    return keep, required


def _key_line(text: str, key: str, section: str | None) -> int | None:
    """Line of `key = …` in the TOML text (inside [section] when given), for messages."""
    current: str | None = None
    for n, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
            if section is None and key == current:
                return n
            continue
        if current == section and re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return n
    return None


def _read_fields(data: dict, fields: tuple[Field, ...], prefix: str, section: str | None,
                 text: str, path: str, problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in fields:
        key = prefix + f.name
        line = _key_line(text, f.name, section)
        if f.name not in data:
            if f.default is None:
                problems.append(Problem(path, _("{key}: required key is missing ({doc})").format(
                    key=key, doc=_(f.doc))))
            values[f.name] = f.default
            continue
        value = data[f.name]
        if not isinstance(value, f.type) or isinstance(value, bool) and f.type is not bool:
            kind = f.type.__name__ if isinstance(f.type, type) else "/".join(
                t.__name__ for t in f.type)
            problems.append(Problem(path, _("{key}: expected {kind}, got {value}").format(
                key=key, kind=kind, value=repr(value)), line=line))
            values[f.name] = f.default
            continue
        for msg in f.check(value, key) if f.check else []:
            problems.append(Problem(path, msg, line=line))
        values[f.name] = value
    known = {f.name for f in fields} | (set(SECTIONS) if section is None else set())
    if section == "readability":
        known |= set(LEVELS)
    if section == "glossary":
        known.add("required")
    for name in sorted(set(data) - known):
        hint = did_you_mean(name, known)
        if section is not None and name in {f.name for f in FIELDS}:
            hint = _(_MISPLACED)
        line = _key_line(text, name, section)
        where = f"{path}:{line}" if line else path
        log.warning("%s", _("{where}: unknown key {key} is ignored").format(
            where=where, key=repr(prefix + name)) + (f" ({hint})" if hint else ""))
    return values


def load_config(root: Path, filename: str = "site.toml") -> Config:
    """Read and validate `root/site.toml`; raise BuildErrors listing every problem."""
    path = root / filename
    shown = filename
    if not path.is_file():
        raise BuildErrors([Problem(shown, _("not found; a Klaar project needs a site.toml "
                                            "at its root (see README, 'Configuration')"))])
    from .textfile import read_text

    text = read_text(path, shown, N_("site.toml"))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        raise BuildErrors([Problem(shown, _("not valid TOML: {error}").format(error=exc),
                                   line=int(m.group(1)) if m else None)]) from None
    problems: list[Problem] = []
    top = _read_fields(data, FIELDS, "", None, text, shown, problems)
    sections = {}
    for name, fields in SECTIONS.items():
        raw = data.get(name, {})
        if not isinstance(raw, dict):
            problems.append(Problem(shown, _("{key}: expected a [{key}] table").format(key=name),
                                    line=_key_line(text, name, None)))
            raw = {}
        sections[name] = _read_fields(raw, fields, f"{name}.", name, text, shown, problems)
    raw_readability = data.get("readability", {})
    budgets = _read_budgets(raw_readability if isinstance(raw_readability, dict) else {},
                            text, shown, problems)
    raw_glossary = data.get("glossary", {})
    required = _read_required(
        raw_glossary.get("required", {}) if isinstance(raw_glossary, dict) else {},
        top["languages"] if isinstance(top["languages"], list) else [], text, shown, problems)
    if isinstance(top["languages"], list) and top["source_language"] in top["languages"]:
        problems.append(Problem(shown, _("languages: {lang} is the source language; list "
                                         "only the target languages").format(
                                             lang=repr(top["source_language"])),
                                line=_key_line(text, "languages", None)))
    output_line = _key_line(text, "output_dir", None)
    if isinstance(top["output_dir"], str) and top["output_dir"].strip():
        jargon = sections["readability"]["jargon_file"]
        inputs = [root / d for d in SOURCE_DIRS] + ([root / jargon] if jargon else [])
        for msg in output_dir_problems(root, root / top["output_dir"], inputs,
                                       bool(top["output_outside_project"])):
            problems.append(Problem(shown, f"{top['output_dir']!r} {msg}", line=output_line,
                                    key="output_dir", hint=_(OUTPUT_HINT)))
    file_keep, file_required = _read_glossary_file(
        root, top["languages"] if isinstance(top["languages"], list) else [], problems)
    for lang, terms in file_required.items():
        for term, rendering in terms.items():
            other = required.get(lang, {}).get(term)
            if other is not None and other != rendering:
                problems.append(Problem(GLOSSARY_FILE, _(
                    "{term} in {lang}: {here} here, but {other} in site.toml; keep one").format(
                        term=repr(term), lang=lang, here=repr(rendering), other=repr(other))))
            required.setdefault(lang, {}).setdefault(term, rendering)
    mt = sections["mt"]
    if mt["engine"] == "libretranslate" and not mt["url"]:
        problems.append(Problem(shown, _("mt.url: engine = \"libretranslate\" needs the "
                                         "server's address, e.g. url = "
                                         "\"http://mt.local:5000\""),
                                line=_key_line(text, "engine", "mt")))
    brand = sections["brand"]
    logo_svg = ""
    if brand["logo"]:
        logo_svg, found = read_logo(root, brand["logo"], shown,
                                    _key_line(text, "logo", "brand"))
        problems += found
    if problems:
        raise BuildErrors(problems)
    return Config(
        root=root,
        title=top["title"],
        base_url=top["base_url"].rstrip("/") + "/",
        source_language=top["source_language"],
        languages=tuple(top["languages"]),
        level=top["level"],
        contact=top["contact"],
        output_dir=top["output_dir"],
        max_message_kb=top["max_message_kb"],
        output_outside_project=top["output_outside_project"],
        output_dir_line=output_line,
        publish=PublishPolicy(**sections["publish"]),
        readability=ReadabilityConfig(
            known_abbreviations=tuple(sections["readability"]["known_abbreviations"]),
            jargon_file=sections["readability"]["jargon_file"] or None,
            address=sections["readability"]["address"],
            budgets=budgets),
        glossary=GlossaryConfig(do_not_translate=tuple(dict.fromkeys(
            [*sections["glossary"]["do_not_translate"], *file_keep])), required=required),
        review=ReviewConfig(hook=sections["review"]["hook"]),
        mt=MTConfig(engine=mt["engine"], url=mt["url"].rstrip("/"),
                    api_key_env=mt["api_key_env"], timeout=float(mt["timeout"])),
        staff_language=top["staff_language"],
        brand=BrandConfig(name=" ".join(brand["name"].split()), logo=brand["logo"],
                          logo_svg=logo_svg, color=to_hex(parse_color(brand["color"]))),
    )
