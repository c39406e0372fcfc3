"""One truth about what is published: per message × language, published or why not.

The build, `status`, the review queue, the review screen and the preview all ask this
module, so they can never disagree. A message is published in a language only when

* the language's interface texts all have a translation: the toolkit's own
  (toolkit/data/interface) or the site's override (toolkit/interface.py); otherwise the
  page would be Dutch,
* every segment has a reviewed translation of its *current* Dutch text, and
* every one of those translations passes the critical safety checks (facts, links,
  glossary): a reviewed translation that fails one is withheld until it is fixed.

Anything else is a `Blocker` naming the segment and the reason, in words a translator or
editor can act on. The preview may show machine drafts (under a banner): `drafts=True`
asks "may the preview show it", never "is it published".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

import polib

from .catalog import Catalog, State, review_reasons, state
from .config import Config
from .lifecycle import expired, today
from .model import Message, Segment
from .safety import Context, Finding, context_for, critical, run_checks, said_reasons
from .staff_language import N_, _, ngettext


class Why(enum.Enum):
    """Why a message is not published in a language (the order is the order shown)."""

    DRAFT = N_("draft")  # `draft: true`: the preview only (toolkit/lifecycle.py)
    EXPIRED = N_("past its review limit")  # reviewed longer ago than refuse_after_days
    INTERFACE = N_("interface not translated")
    UNTRANSLATED = N_("untranslated")
    SOURCE_CHANGED = N_("Dutch text changed")
    NEEDS_REVIEW = N_("needs review")
    MACHINE = N_("machine draft")
    FAILS_CHECK = N_("fails a safety check")

    @property
    def text(self) -> str:
        """The reason in the staff language (`value` is the stable English name)."""
        return _(self.value)


@dataclass(frozen=True)
class Blocker:
    """One reason one message is not published in one language."""

    why: Why
    context: str | None = None  # the segment (msgctxt), when it is about one segment
    detail: str = ""  # e.g. the check finding, or the translator's note

    def __str__(self) -> str:
        where = f"{self.context}: " if self.context else ""
        return f"{where}{self.why.text}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Decision:
    """Published or not, and why not. `texts` is what a page may show (segment id → text):
    the reviewed translation when published; in a drafts decision also machine drafts."""

    slug: str
    lang: str
    published: bool
    texts: dict[str, str] | None = field(default=None, compare=False)
    blockers: tuple[Blocker, ...] = ()

    @property
    def held(self) -> bool:
        """Kept off the public site in every language: a draft, or too old (see
        toolkit/lifecycle.py). Such a message has no page at all, not even a notice."""
        return any(b.why in LIFECYCLE for b in self.blockers)

    @property
    def reason(self) -> str:
        """The blockers in one short line, for status tables and build summaries:
        check failures in full, other reasons counted by segment."""
        return self.describe()

    def describe(self, skip: tuple[Why, ...] = ()) -> str:
        """Like `reason`, leaving out the kinds in `skip` (said elsewhere already)."""
        parts: list[str] = []
        for why in Why:
            if why in skip:
                continue
            found = [b for b in self.blockers if b.why is why]
            if not found:
                continue
            if why in (Why.FAILS_CHECK, Why.INTERFACE, *LIFECYCLE) or len(found) == 1:
                parts += [str(b) for b in found]
            else:
                parts.append(ngettext("{reason} ({n} segment)", "{reason} ({n} segments)",
                                      len(found)).format(reason=why.text, n=len(found)))
        return "; ".join(parts)


LIFECYCLE = (Why.DRAFT, Why.EXPIRED)  # reasons about the message itself, not a language


def lifecycle_blockers(config: Config, message: Message,
                       on: dt.date | None = None) -> list[Blocker]:
    """Draft, or reviewed too long ago: the same in every language."""
    out = []
    if message.draft:
        out.append(Blocker(Why.DRAFT, None, _("{path}: remove `draft: true` to publish "
                                              "it").format(path=message.path)))
    too_old = expired(config, message, on or today())
    if too_old:
        out.append(Blocker(Why.EXPIRED, None, too_old))
    return out


# Check results are cached by (source, translation, check context): the same pair is
# checked once per process however many builds, pages or screens ask.
_CHECKS: dict[tuple, tuple[Finding, ...]] = {}
_MAX_CACHED = 200_000


def _context_key(ctx: Context) -> tuple:
    return (ctx.lang, tuple(ctx.do_not_translate), tuple(sorted(ctx.required.items())))


_STORE: list = []  # the build's on-disk table of findings (toolkit.memo.Table), if any


def use_store(table) -> None:
    """Keep findings on disk too (the build does), so a translation is checked once."""
    _STORE[:] = [table] if table is not None else []


def findings(source: str, target: str, ctx: Context) -> tuple[Finding, ...]:
    """Every safety finding on one translation (cached in memory and, in a build, on
    disk by a key of the texts, the check context and the toolkit's code)."""
    key = (source, target, _context_key(ctx))
    found = _CHECKS.get(key)
    if found is None:
        if len(_CHECKS) >= _MAX_CACHED:
            _CHECKS.clear()
        stored = None
        if _STORE:
            from .memo import key as memo_key

            k = memo_key("checks", key)
            stored = _STORE[0].get(k)
        if stored is None:
            stored = tuple(run_checks(source, target, ctx))
            if _STORE:
                _STORE[0].put(k, stored)
        found = _CHECKS[key] = stored
    return found


def critical_findings(source: str, target: str, ctx: Context) -> list[Finding]:
    return critical(list(findings(source, target, ctx)))


def _by_context(catalog: Catalog) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in catalog.po if e.msgctxt is not None and not e.obsolete}


def segment_blockers(seg: Segment, entry: polib.POEntry | None, ctx: Context,
                     drafts: bool = False) -> tuple[str | None, list[Blocker]]:
    """The text a page may show for one segment, and what keeps it from being published.

    `entry` is the catalog entry with the segment's context (whatever its Dutch text).
    With `drafts`, a machine draft is returned as text to show, but still reported.
    """
    if entry is None or not entry.msgstr.strip():
        return None, [Blocker(Why.UNTRANSLATED, seg.context)]
    if entry.msgid != seg.text:
        # The catalog was made for other Dutch text (update-catalogs not run since).
        return None, [Blocker(Why.SOURCE_CHANGED, seg.context,
                              _("run update-catalogs, then review the translation"))]
    st = state(entry)
    blockers: list[Blocker] = []
    shown: str | None = entry.msgstr
    if st is State.MACHINE:
        blockers.append(Blocker(Why.MACHINE, seg.context))
        if not drafts:
            shown = None
    elif st is State.NEEDS_REVIEW:
        reasons = review_reasons(entry)
        changed = entry.previous_msgid is not None or any("Dutch text changed" in r
                                                          for r in reasons)
        why = Why.SOURCE_CHANGED if changed else Why.NEEDS_REVIEW
        other = [r for r in reasons if "Dutch text changed" not in r]
        if other:  # said in the staff language (stored in English, matched above)
            other = said_reasons(other, critical_findings(entry.msgid, entry.msgstr, ctx))
        blockers.append(Blocker(why, seg.context, "; ".join(other)))
        shown = None
    if shown is not None:
        failed = critical_findings(seg.text, shown, ctx)
        if failed:
            blockers += [Blocker(Why.FAILS_CHECK, seg.context, str(f)) for f in failed]
            shown = None
    return shown, blockers


def decide(config: Config, message: Message, lang: str, catalog: Catalog | None, *,
           ui_missing: Iterable[str] = (), drafts: bool = False,
           index: dict[str, polib.POEntry] | None = None,
           on: dt.date | None = None) -> Decision:
    """Is `message` published in `lang`, and if not, why not.

    `ui_missing` lists the language's interface texts without a reviewed translation.
    With `drafts` (the preview), `texts` may include machine drafts, while `published`
    still answers for the public site. `index` (context → entry) saves rebuilding it.
    A draft or expired message (toolkit/lifecycle.py, on the date `on`, default the
    build's clock) is published in no language, the Dutch included.
    """
    held = lifecycle_blockers(config, message, on)
    if lang == config.source_language:
        source = {s.id: s.text for s in message.segments}
        return Decision(message.slug, lang, not held, source if (drafts or not held) else None,
                        tuple(held))
    blockers: list[Blocker] = list(held)
    missing = list(ui_missing)
    if missing:
        blockers.append(Blocker(Why.INTERFACE, None, f"{len(missing)} interface text"
                                f"{'s' if len(missing) != 1 else ''} in translations/{lang}.po"
                                " (the toolkit has no translation of "
                                f"{'them' if len(missing) != 1 else 'it'})"))
    ctx = context_for(config, lang)
    entries = index if index is not None else (_by_context(catalog) if catalog else {})
    texts: dict[str, str] | None = {}
    for seg in message.segments:
        shown, found = segment_blockers(seg, entries.get(seg.context), ctx, drafts)
        blockers += found
        if shown is None:
            texts = None
        elif texts is not None:
            texts[seg.id] = shown
    order = list(Why)
    blockers.sort(key=lambda b: order.index(b.why))
    published = not blockers
    if missing:
        texts = None  # the page would be in Dutch: never show a translated message there
    return Decision(message.slug, lang, published, texts if (published or drafts) else None,
                    tuple(blockers))


def interface_missing(config: Config, lang: str, catalog: Catalog | None,
                      ui_strings: Iterable[str], drafts: bool = False) -> list[str]:
    """The interface texts of a language with no translation to show: neither a site's
    reviewed (and safe) one nor the toolkit's own (toolkit/interface.py)."""
    from .interface import interface_for

    return interface_for(config, lang, catalog, ui_strings, drafts).missing


def decide_all(config: Config, messages: Iterable[Message], catalogs: dict[str, Catalog],
               ui_strings: Iterable[str], drafts: bool = False) -> dict[tuple[str, str],
                                                                         Decision]:
    """Every message × every language (the source language included)."""
    ui = list(ui_strings)
    messages = list(messages)
    on = today()
    out: dict[tuple[str, str], Decision] = {}
    for lang in config.all_languages:
        catalog = catalogs.get(lang)
        missing = [] if lang == config.source_language else \
            interface_missing(config, lang, catalog, ui, drafts)
        index = _by_context(catalog) if catalog else {}
        for m in messages:
            out[(m.slug, lang)] = decide(config, m, lang, catalog, ui_missing=missing,
                                         drafts=drafts, index=index, on=on)
    return out


def entry_findings(config: Config, lang: str, entry: polib.POEntry) -> list[Finding]:
    """Critical findings on a catalog entry's current translation (none when empty)."""
    if not entry.msgstr.strip():
        return []
    return critical_findings(entry.msgid, entry.msgstr, context_for(config, lang))
