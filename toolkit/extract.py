"""Collect everything translatable: message segments, site strings and template strings."""

from __future__ import annotations

from collections import defaultdict

from babel.messages.extract import extract
from jinja2 import TemplateSyntaxError
from jinja2.ext import babel_extract

from .catalog import UIString
from .config import Config, _key_line
from .errors import BuildErrors, Problem, relpath
from .model import Message, Segment
from .staff_language import N_, _

SITE = "site"
TEMPLATE_HINT = N_("check the {{ … }} and {% … %} tags on this line")


def site_segments(config: Config) -> list[Segment]:
    """The site title and contact line: translated like content, with context site:…"""
    text = (config.root / "site.toml").read_text(encoding="utf-8")
    return [Segment(SITE, key, getattr(config, key), _key_line(text, key, None) or 1)
            for key in ("title", "contact")]


def content_segments(config: Config, messages: list[Message]) -> list[tuple[Segment, str]]:
    """Every segment with the file it comes from, site strings first."""
    out = [(s, "site.toml") for s in site_segments(config)]
    for m in messages:
        out += [(s, m.path) for s in m.segments]
    return out


_EXTRACTED: dict[tuple, list[UIString]] = {}  # (file names, contents) → strings


def template_strings(config: Config) -> list[UIString]:
    """`_("…")` and `ngettext("…", "…", n)` strings from templates/*.html via Jinja2's
    Babel extractor, sorted. Extracted again only when a template changed (a build asks
    twice, and the preview at every save)."""
    files = tuple((relpath(path, config.root), path.read_bytes())
                  for path in sorted(config.templates_dir.rglob("*.html")))
    found = _EXTRACTED.get(files)
    if found is None:
        _EXTRACTED.clear()  # only the current templates are worth keeping
        found = _EXTRACTED[files] = _template_strings(files)
    return list(found)


def _template_strings(files: tuple[tuple[str, bytes], ...]) -> list[UIString]:
    import io

    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    plurals: dict[str, str] = {}
    for shown, data in files:
        # Not silent: Babel's extractor skips a template that does not parse without a
        # word, and its texts would turn obsolete in every catalog.
        with io.BytesIO(data) as fh:
            try:
                for lineno, msgid, _comments, _ctx in extract(
                        babel_extract, fh,  # type: ignore[arg-type]  # Babel's stub is narrower
                        keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
                        options={"extensions": "jinja2.ext.i18n", "trimmed": "true",
                                 "silent": "false"}):
                    if isinstance(msgid, tuple):  # ngettext: (singular, plural)
                        plurals[msgid[0]] = msgid[1]
                        msgid = msgid[0]
                    if isinstance(msgid, str):
                        found[msgid].append((shown, str(lineno)))
            except TemplateSyntaxError as exc:
                raise BuildErrors([Problem(shown, _("template error: {error}").format(
                    error=exc.message), line=exc.lineno, hint=_(TEMPLATE_HINT))]) from None
    return [UIString(m, tuple(occ), plurals.get(m)) for m, occ in sorted(found.items())]
