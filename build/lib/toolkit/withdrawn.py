"""What the last build published and this one no longer does, and why.

A page disappears from a language when one of its texts loses its reviewed translation:
the Dutch was edited (beyond punctuation), a text was added, a check failed, the
interface is incomplete, or the message was removed. The build lists each such page with
its reason, so an editor sees what an edit cost; the list of published pages of the last
real build is kept in `.klaar/published.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, State, review_reasons, state
from .model import Message

STATE_FILE = Path(".klaar") / "published.json"


@dataclass(frozen=True)
class Withdrawn:
    slug: str
    lang: str
    reason: str


def _part(context: str) -> str:
    kind, _, n = context.partition(":")[2].partition("-")
    return {"title": "the title", "summary": "the summary", "step": f"step {n}",
            "body": f"text block {n}"}.get(kind, context)


def why_not(message: Message | None, lang: str, catalog: Catalog | None,
            ui_missing: list[str], withheld: list[tuple]) -> str:
    """The first reason `message` is not published in `lang`, in words for an editor."""
    if message is None:
        return "the Dutch message was removed"
    if ui_missing:
        return f"{len(ui_missing)} interface texts are not translated"
    failed = [w for w in withheld if w[0] == message.path and w[1] == lang]
    if failed:
        return f"{_part(failed[0][2])}: {failed[0][3]}"
    for seg in message.segments:
        entry = catalog.entry(seg.context, seg.text) if catalog else None
        if entry is None or state(entry) is State.UNTRANSLATED:
            return f"{_part(seg.context)} is new and not translated yet"
        if state(entry) is State.REVIEWED:
            continue
        if entry.previous_msgid:
            return (f"the Dutch of {_part(seg.context)} changed "
                    f"({entry.previous_msgid!r} → {seg.text!r}): needs review")
        reasons = review_reasons(entry)
        detail = f": {reasons[0]}" if reasons else ""
        return f"{_part(seg.context)} is a {state(entry).value}{detail}"
    return "not published"


def load_previous(root: Path) -> dict[str, list[str]] | None:
    """lang → slugs published by the last real build, or None before the first one."""
    path = root / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def save_published(root: Path, published: dict[str, list[str]]) -> None:
    path = root / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(published, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def withdrawn_since(previous: dict[str, list[str]] | None, published: dict[str, list[str]],
                    messages: list[Message], catalogs: dict[str, Catalog],
                    ui_missing: dict[str, list[str]], withheld: list[tuple],
                    renamed: dict[str, str] | None = None) -> list[Withdrawn]:
    """Pages the last build published that this one does not, each with its reason.
    `renamed` maps an old slug to the new one its translations were carried to."""
    if not previous:
        return []
    by_slug = {m.slug: m for m in messages}
    renamed = renamed or {}
    out = []
    for lang, slugs in sorted(previous.items()):
        now = set(published.get(lang, []))
        for slug in sorted(set(slugs) - now):
            if slug not in by_slug and slug in renamed:
                new = renamed[slug]
                where = "published there" if new in now else \
                    "not published there: " + why_not(by_slug.get(new), lang,
                                                       catalogs.get(lang),
                                                       ui_missing.get(lang, []), withheld)
                out.append(Withdrawn(slug, lang, f"renamed to {new}, translations carried "
                                                 f"({where})"))
                continue
            out.append(Withdrawn(slug, lang, why_not(by_slug.get(slug), lang,
                                                     catalogs.get(lang),
                                                     ui_missing.get(lang, []), withheld)))
    return out
