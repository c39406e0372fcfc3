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

from .catalog import Catalog
from .publish import Decision, Why
from .staff_language import _

STATE_FILE = Path(".klaar") / "published.json"


@dataclass(frozen=True)
class Withdrawn:
    slug: str
    lang: str
    reason: str


def _part(context: str) -> str:
    kind, _sep, n = context.partition(":")[2].partition("-")
    return {"title": _("the title"), "summary": _("the summary"),
            "step": _("step {n}").format(n=n),
            "body": _("text block {n}").format(n=n)}.get(kind, context)


def why_not(decision: Decision | None, catalog: Catalog | None) -> str:
    """Why a page is not published, from the publish decision (publish.py), with the old
    and new Dutch when an edit of the Dutch withdrew it."""
    if decision is None:
        return _("the Dutch message was removed")
    if decision.published:
        return _("published")
    first = decision.blockers[0] if decision.blockers else None
    if first is not None and first.why is Why.SOURCE_CHANGED and first.context and catalog:
        entry = next((e for e in catalog.po if e.msgctxt == first.context and not e.obsolete),
                     None)
        if entry is not None and entry.previous_msgid:
            return _("the Dutch of {part} changed ({old} → {new}): needs review").format(
                part=_part(first.context), old=repr(entry.previous_msgid), new=repr(entry.msgid))
    return decision.reason or _("not published")


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
                    decisions: dict, catalogs: dict[str, Catalog],
                    renamed: dict[str, str] | None = None) -> list[Withdrawn]:
    """Pages the last build published that this one does not, each with its reason.
    `decisions` is publish.py's (slug, lang) → Decision; `renamed` maps an old slug to the
    new one its translations were carried to."""
    if not previous:
        return []
    renamed = renamed or {}
    out = []
    for lang, slugs in sorted(previous.items()):
        now = set(published.get(lang, []))
        for slug in sorted(set(slugs) - now):
            if (slug, lang) not in decisions and slug in renamed:
                new = renamed[slug]
                where = _("published there") if new in now else \
                    _("not published there: {reason}").format(reason=why_not(
                        decisions.get((new, lang)), catalogs.get(lang)))
                out.append(Withdrawn(slug, lang, _("renamed to {new}, translations carried "
                                                   "({where})").format(new=new, where=where)))
                continue
            out.append(Withdrawn(slug, lang, why_not(decisions.get((slug, lang)),
                                                     catalogs.get(lang))))
    return out
