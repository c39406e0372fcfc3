"""The check stage: every message against the readability budget of its level.

The Dutch source must be within budget, or carry a `readability_waiver` with a reason.
Reviewed translations are measured against their Dutch source (sentence count and
length); those findings are advice for the translator, shown by `check`, and do not stop
the build.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import staff_language
from .catalog import Catalog, reviewed_texts
from .config import Config
from .errors import BuildErrors, Problem
from .memo import Store
from .memo import key as memo_key
from .model import Message, Segment
from .readability import Result, analyze, budget_for, compare
from .readability.analyze import RULE_FLAGS, BudgetProblem
from .staff_language import _


@dataclass(frozen=True)
class MessageCheck:
    """The readability verdict on one message, with sentence → source line."""

    message: Message
    result: Result
    lines: tuple[int, ...]  # source line of each sentence in result.sentences
    translations: dict[str, Result] = field(default_factory=dict)  # reviewed languages only

    @property
    def over_budget(self) -> bool:
        return not self.result.passed

    @property
    def blocked(self) -> bool:
        """Over budget without a written waiver: the build refuses to publish it."""
        return self.over_budget and not self.message.waiver


def compose(segments: tuple[Segment, ...]) -> tuple[str, list[tuple[int, Segment]]]:
    """One Markdown text of all segments, each its own block, and where each starts."""
    parts: list[str] = []
    starts: list[tuple[int, Segment]] = []
    pos = 0
    for seg in segments:
        starts.append((pos, seg))
        parts.append(seg.text)
        pos += len(seg.text) + 2
    return "\n\n".join(parts), starts


def _line_of(offset: int, starts: list[tuple[int, Segment]], text: str,
             offsets: list[int] | None = None) -> int:
    # bisect, not a scan of every segment: a long message has thousands of sentences, and
    # a scan per sentence made checking it quadratic (10 MB ran for minutes).
    offsets = offsets if offsets is not None else [s for s, _ in starts]
    start, seg = starts[max(0, bisect.bisect_right(offsets, offset) - 1)]
    return seg.line + text.count("\n", start, offset)


def jargon_path(config: Config) -> Path | None:
    if not config.readability.jargon_file:
        return None
    path = config.root / config.readability.jargon_file
    if not path.is_file():
        raise BuildErrors([Problem("site.toml", _("readability.jargon_file: {path} not found")
                                   .format(path=repr(config.readability.jargon_file)),
                                   hint=_("give a path inside the project, or remove the key"))])
    from .readability.jargon import JargonFileError, jargon_list

    try:
        jargon_list(path)
    except JargonFileError as exc:
        raise BuildErrors([Problem(config.readability.jargon_file, exc.message, line=exc.line,
                                   hint=_("each line: term<TAB>plain alternative"
                                          "[<TAB>kind<TAB>why]; # starts a comment"))]) from None
    return path


def check_message(message: Message, config: Config,
                  catalogs: dict[str, Catalog] | None = None) -> MessageCheck:
    """Analyse one message's Dutch text, and its reviewed translations against it."""
    text, starts = compose(message.segments)
    budget = budget_for(message.level, config.readability.budgets)
    known = frozenset(config.readability.known_abbreviations)
    jargon = jargon_path(config)
    address = config.readability.address
    store = Store(config.root, "readability")
    k = memo_key("readability", message.segments, message.level, budget, sorted(known),
                 jargon.read_bytes() if jargon else None, address, staff_language.active())
    cached = store.get(k)
    if cached is not None:
        result, lines = cached
    else:
        result = analyze(text, lang="nl", level=message.level, budget=budget,
                         known_abbreviations=known, jargon_file=jargon, address=address)
        offsets = [s for s, _ in starts]
        lines = tuple(_line_of(s.start, starts, text, offsets) for s in result.sentences)
        store.put(k, (result, lines))
    translations = {}
    for lang, catalog in sorted((catalogs or {}).items()):
        texts = reviewed_texts(message, lang, config.source_language, catalog)
        if texts is None:
            continue
        target = "\n\n".join(texts[s.id] for s in message.segments)
        translations[lang] = compare(text, target, lang, markdown=True, difficulty=True)
    return MessageCheck(message, result, lines, translations)


def check_messages(config: Config, messages: list[Message],
                   catalogs: dict[str, Catalog] | None = None,
                   tick: Callable[[], None] | None = None) -> list[MessageCheck]:
    """Each message against its budget; `tick` is called after each (progress)."""
    out = []
    for m in messages:
        out.append(check_message(m, config, catalogs))
        if tick:
            tick()
    return out


def budget_errors(checks: list[MessageCheck]) -> list[Problem]:
    """One problem per broken rule of each blocked message, at the line of the sentence."""
    problems = []
    for c in checks:
        if not c.blocked:
            continue
        m, r = c.message, c.result
        for p in r.problems:
            where = p.sentences[0] if p.sentences else None
            line = c.lines[where] if where is not None else m.title.line
            sentence = _(" in '{sentence}'").format(sentence=_short(r.sentences[where].text)) \
                if where is not None else ""
            problems.append(Problem(m.path, _("over the {level} budget: {problem}").format(
                level=m.level, problem=p.message) + sentence, line=line, hint=_hint(r, p)))
    return problems


def _hint(result: Result, problem: BudgetProblem) -> str:
    """The first flag behind the broken rule, with what to do about it."""
    codes = RULE_FLAGS.get(problem.rule, ())
    for i in problem.sentences:
        for f in result.sentences[i].flags:
            if f.code in codes:
                return f"{f.message}: {f.suggestion}"
    return _("rewrite it, or add readability_waiver: \"reason\" to the front matter")


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
