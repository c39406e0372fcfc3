"""Readability reports for people (text, flagged words highlighted) and tools (JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict

from .check import MessageCheck
from .readability import Result
from .staff_language import _, ngettext


def _highlight(sentence_text: str, offset: int, flags, color: bool) -> str:
    """The sentence with each flagged word marked: «word», or underlined on a terminal."""
    marks = sorted({(f.start - offset, f.end - offset) for f in flags
                    if f.start is not None and 0 <= f.start - offset < len(sentence_text)},
                   reverse=True)
    out = sentence_text
    last_start = len(out) + 1
    for start, end in marks:
        if end > last_start:  # overlapping marks: keep the first
            continue
        word = out[start:end]
        marked = f"\033[1;4;33m{word}\033[0m" if color else f"«{word}»"
        out = out[:start] + marked + out[end:]
        last_start = start
    return out


def _stats_line(r: Result) -> str:
    s = r.stats
    return _("difficulty {difficulty} · {sentences} sentences · {words} words per sentence · "
             "{uncommon} uncommon · Flesch-Douma {flesch}").format(
                 difficulty=f"{r.difficulty:.1f}", sentences=s['sentences'],
                 words=f"{s['words_per_sentence']:.1f}", uncommon=f"{s['uncommon_share']:.0%}",
                 flesch=f"{s['flesch_douma']:.0f}")


def sentence_lines(r: Result, lines: tuple[int, ...] | list[int], color: bool,
                   verbose: bool = False) -> list[str]:
    """Flagged sentences (all sentences with `verbose`), each with its reasons."""
    out = []
    for s, line in zip(r.sentences, lines):
        if not s.flags and not verbose:
            continue
        out.append("  " + _("line") + f" {line:<4} {_highlight(s.text, s.start, s.flags, color)}")
        for f in s.flags:
            mark = "✗" if f.over_budget else "·"
            out.append(f"            {mark} {f.code}: {f.message} → {f.suggestion}")
    return out


def text_report(checks: list[MessageCheck], color: bool = False, verbose: bool = False) -> str:
    """The `check` report, grouped by message."""
    out = []
    for c in checks:
        m, r = c.message, c.result
        verdict = (_("within budget") if not c.over_budget else
                   _("over budget, waived") if not c.blocked else _("OVER BUDGET"))
        out.append(f"{m.path} · {m.level} · {verdict}")
        out.append("  " + _stats_line(r))
        for p in r.problems:
            out.append(f"  ✗ {p.message}")
        if m.waiver:
            out.append("  " + _("waiver: {reason}").format(reason=m.waiver))
        out += sentence_lines(r, c.lines, color, verbose)
        for lang, t in c.translations.items():
            state = (_("as short and plain as the Dutch") if t.passed else
                     _("warning: {problems}").format(problems="; ".join(p.message
                                                                       for p in t.problems)))
            out.append(f"  [{lang}] " + _("reviewed translation: {state}").format(state=state))
        out.append("")
    blocked = sum(c.blocked for c in checks)
    waived = sum(c.over_budget and not c.blocked for c in checks)
    out.append(ngettext("{n} message checked: {within} within budget, {waived} waived, "
                        "{over} over budget.", "{n} messages checked: {within} within budget, "
                        "{waived} waived, {over} over budget.", len(checks)).format(
                            n=len(checks), within=len(checks) - blocked - waived,
                            waived=waived, over=blocked))
    return "\n".join(out)


def json_report(checks: list[MessageCheck]) -> str:
    data = []
    for c in checks:
        r = c.result.to_dict()
        for s, line in zip(r["sentences"], c.lines):
            s["line"] = line
        data.append({"path": c.message.path, "slug": c.message.slug, "level": c.message.level,
                     "over_budget": c.over_budget, "blocked": c.blocked,
                     "waiver": c.message.waiver, "readability": r,
                     "translations": {k: v.to_dict() for k, v in c.translations.items()}})
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def result_text(r: Result, text: str, color: bool = False, verbose: bool = False) -> str:
    """Report of `readability` on any text: lines counted in that text."""
    lines = [text.count("\n", 0, s.start) + 1 for s in r.sentences]
    if not r.measured:
        return "\n".join(r.notes)
    verdict = _("within the budget") if r.passed else _("OVER the budget")
    out = [f"{r.level}: {verdict}", "  " + _stats_line(r)]
    out += [f"  ✗ {p.message}" for p in r.problems]
    out += sentence_lines(r, lines, color, verbose)
    return "\n".join(out)


def result_json(r: Result, text: str) -> str:
    d = r.to_dict()
    for s, sent in zip(d["sentences"], r.sentences):
        s["line"] = text.count("\n", 0, sent.start) + 1
    d["problems"] = [asdict(p) for p in r.problems]
    return json.dumps(d, ensure_ascii=False, indent=2, default=str)
