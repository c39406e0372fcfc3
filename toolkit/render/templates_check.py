"""The site's own templates (templates/*.html), read before anything is rendered: a
missing page template or a Jinja syntax error is named with its file and line, as every
other mistake in a project is, instead of surfacing as a traceback from a worker."""

from __future__ import annotations

from jinja2 import Environment, TemplateSyntaxError

from ..config import Config
from ..errors import BuildErrors, Problem, relpath
from ..extract import TEMPLATE_HINT
from ..staff_language import N_, _
from ..textfile import read_text

# The pages the renderer asks for by name (404.html is optional: without it no 404 page).
REQUIRED = ("chooser.html", "index.html", "message.html", "unavailable.html")


def template_problems(config: Config) -> list[Problem]:
    """Every missing page template and every template that does not parse."""
    folder = config.templates_dir
    problems = [Problem(relpath(folder / name, config.root),
                        _("missing: the site needs this page template"),
                        hint=_("copy it back from Klaar's example project"))
                for name in REQUIRED if not (folder / name).is_file()]
    env = Environment(extensions=["jinja2.ext.i18n"])
    for path in sorted(folder.glob("*.html")) if folder.is_dir() else []:
        shown = relpath(path, config.root)
        try:
            env.parse(read_text(path, shown, N_("template")), path.name, shown)
        except BuildErrors as exc:
            problems += exc.problems
        except TemplateSyntaxError as exc:
            problems.append(Problem(shown, _("template error: {error}").format(
                error=exc.message), line=exc.lineno, hint=_(TEMPLATE_HINT)))
    return problems
