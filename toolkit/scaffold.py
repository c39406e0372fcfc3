"""`klaar new SLUG`: start a message from a skeleton a writer fills in.

The skeleton is a real message: it loads, passes the readability check as written, and
says in plain Dutch what goes where. It starts as a draft (`draft: true`), so the
placeholder text can never reach the public site; the writer removes that line when the
message is ready and checked.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from .config import Config
from .errors import BuildErrors, Problem, relpath
from .lifecycle import today
from .load import SLUG
from .pictograms import Library
from .staff_language import _

# Pictograms that fit the placeholder steps ("what to do first", "who to call"); the
# first ones the project's library has are used.
FIRST_STEP = ("info", "tick", "yes", "question")
LAST_STEP = ("phone", "call-centre", "doctor", "talk")


def suggest_slug(text: str) -> str:
    """A page name made of `text`: lower case, accents dropped, words joined by '-'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def _pick(library: Library, wanted: tuple[str, ...], avoid: str = "") -> str | None:
    ids = [p for p in wanted if p in library and p != avoid]
    ids += [p for p in sorted(library.pictograms) if p != avoid]
    return ids[0] if ids else None


def _yaml_text(text: str) -> str:
    """`text` as a YAML value on one line: plain when that is safe, else double-quoted
    (JSON's string syntax is YAML's double-quoted style)."""
    if re.fullmatch(r"[^\W\d_][\w .,!?()'’/-]*", text) and text.lower() not in (
            "null", "true", "false", "yes", "no", "on", "off", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def skeleton(title: str, pictograms: tuple[str | None, str | None], contact: str,
             date: str) -> str:
    """The text of a new message (A2 Dutch placeholders that pass the check)."""
    first, last = pictograms
    steps = ""
    if first and last:
        steps = (
            "# Elke stap: een plaatje en één korte zin. Kies plaatjes met:\n"
            "#   python build.py pictograms WOORD\n"
            "steps:\n"
            f"  - pictogram: {first}\n"
            "    text: Schrijf hier wat de lezer eerst moet doen.\n"
            f"  - pictogram: {last}\n"
            "    text: Schrijf hier wie de lezer kan bellen.\n")
    return (
        "---\n"
        "# Een nieuw bericht. Schrijf in gewone taal: korte zinnen en gewone woorden.\n"
        "# Het is nog een concept (draft: true): je ziet het alleen in de preview\n"
        "# (python build.py serve). Haal die regel weg als het bericht klaar is.\n"
        f"title: {_yaml_text(title)}\n"
        "summary: Schrijf hier kort waar het bericht over gaat.\n"
        "level: A2\n"
        "draft: true\n"
        f"{steps}"
        "# Waar komt het advies vandaan? Zet de datum van de bron erbij.\n"
        "source:\n"
        "  name: Naam van de bron\n"
        f"  date: {date}\n"
        "  # url: https://www.rivm.nl/...\n"
        "# De dag dat iemand het advies heeft gecontroleerd. Pas het aan na elke controle.\n"
        f"reviewed: {date}\n"
        "contact:\n"
        f"  name: {_yaml_text(contact)}\n"
        "  # phone: 088 123 4567\n"
        "---\n"
        "\n"
        "Schrijf hier meer uitleg. Gebruik korte zinnen.\n"
        "\n"
        "## Wanneer bel je de huisarts?\n"
        "\n"
        "- Schrijf hier een klacht.\n"
        "- Schrijf hier nog een klacht.\n")


def new_message(config: Config, library: Library, slug: str, title: str | None = None,
                contact: str | None = None) -> Path:
    """Write content/SLUG.md from the skeleton; refuse a bad name or an existing file."""
    slug = slug.removesuffix(".md")
    target = config.content_dir / f"{slug}.md"
    shown = relpath(target, config.root) if SLUG.fullmatch(slug) else f"content/{slug}.md"
    if not SLUG.fullmatch(slug):
        better = suggest_slug(slug.removesuffix(".md"))
        raise BuildErrors([Problem(shown, _("{name} cannot be a message name: use lower-case "
                                            "letters and digits, words joined by '-' (the name "
                                            "becomes the page address)").format(
                                                name=repr(slug)),
                                   hint=_("for example `{name}`").format(name=better)
                                   if better else None)])
    try:
        exists = target.exists()
    except OSError as exc:  # a name longer than the file system allows (ENAMETOOLONG)
        raise BuildErrors([Problem(shown, _("cannot write this file: {error}").format(
            error=exc.strerror), hint=_("choose a shorter name"))]) from None
    if exists:
        raise BuildErrors([Problem(shown, _("already exists; nothing was written"),
                                   hint=_("choose another name, or open the file to edit it"))])
    if title is not None and (not title.strip() or "\n" in title):
        raise BuildErrors([Problem(shown, _("--title must be one line of text"))])
    title = " ".join((title or slug.replace("-", " ").capitalize()).split())
    first = _pick(library, FIRST_STEP)
    last = _pick(library, LAST_STEP, avoid=first or "")
    text = skeleton(title, (first, last), contact or config.brand.name or "GGD",
                    today().isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as f:  # "x": never over a file made meanwhile
        f.write(text)
    return target
