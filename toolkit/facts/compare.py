"""Comparing the facts of a Dutch text and its translation: what changed, went missing or
was added, said in plain words (dose changed: 2 tabletten → 6 tablets)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..staff_language import N_, Said, said
from .extract import Fact, extract
from .tables import units

NUMERIC = ("quantity", "number")
GROUP = {"period": "numbers", "quantity": "numbers", "number": "numbers", "time": "numbers",
         "date": "numbers", "phone": "phone", "url": "links", "email": "links"}


@dataclass(frozen=True)
class Difference:
    """One fact the translation changed, lost or added; `check` is the safety check it
    belongs to (numbers, phone, links)."""

    check: str
    message: str  # a Said: English as a string, in the staff language when shown


def _meet(a, b) -> bool:
    return any(abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)) for x in a for y in b)


def _same_date(a, b) -> bool:
    return any(x[1:] == y[1:] and (not x[0] or not y[0] or x[0] == y[0]) for x in a for y in b)


def _time_as_hours(time: Fact, n: Fact) -> bool:
    """'12 uur' / 'saat 12' / 'om de 6 uur' read as a number of hours against 12:00."""
    if n.unit not in (None, "hour", "oclock") or time.value % 60:
        return False
    h = time.value // 60
    return any(0 <= v <= 24 and v == int(v) and int(v) % 12 == h % 12 for v in n.value)


def compatible(s: Fact, t: Fact) -> bool:
    """Whether two facts can be the same fact written two ways."""
    if s.kind in NUMERIC and t.kind in NUMERIC:
        if s.unit and t.unit:
            return s.dimension == t.dimension and _meet(s.base_values(), t.base_values())
        return _meet(s.value, t.value)
    if s.kind == "time" and t.kind == "time":
        return s.value == t.value
    if s.kind == "time" and t.kind in NUMERIC:
        return _time_as_hours(s, t)
    if t.kind == "time" and s.kind in NUMERIC:
        return _time_as_hours(t, s)
    if s.kind == t.kind == "date":
        return _same_date(s.value, t.value)
    if s.kind == t.kind == "url":  # www.ggd.nl = https://www.ggd.nl, but http ≠ https
        return s.value[1] == t.value[1] and (not s.value[0] or not t.value[0]
                                             or s.value[0] == t.value[0])
    return s.kind == t.kind and s.value == t.value


def _exact(s: Fact, t: Fact) -> bool:
    return s.kind == t.kind and bool(s.unit) == bool(t.unit) and compatible(s, t)


MAX_AUGMENT = 300


def _match(src: tuple[Fact, ...], tgt: tuple[Fact, ...]) -> dict[int, int]:
    """Source index → target index: exact pairs first (same unit known on both sides),
    then a maximum matching of the rest (Kuhn's augmenting paths; texts are short)."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, s in enumerate(src):
        for j, t in enumerate(tgt):
            if j not in used and _exact(s, t):
                pairs[i] = j
                used.add(j)
                break
    owner = {j: i for i, j in pairs.items()}

    def augment(i: int, seen: set[int]) -> bool:
        for j, t in enumerate(tgt):
            if j in seen or j in used or not compatible(src[i], t):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    if len(src) <= MAX_AUGMENT:  # a path is at most as long as the text has facts
        for i in range(len(src)):
            if i not in pairs:
                augment(i, set())
    return {i: j for j, i in owner.items()}


# The roles of data/facts/units.tsv, as staff read them (tests/test_staff_findings.py
# fails when the table gains one that is not here).
ROLES = (N_("amount"), N_("dose"), N_("duration"), N_("frequency"), N_("length"),
         N_("percentage"), N_("price"), N_("temperature"), N_("time"), N_("weight"),
         N_("number"))
KINDS = {"time": N_("time"), "date": N_("date"), "phone": N_("phone number"),
         "url": N_("web address"), "email": N_("e-mail address")}


def _role(f: Fact) -> Said:
    return Said(units()[f.unit].role if f.unit in units() else "number")


def _was(what: Said, s: Fact, t: Fact) -> Said:
    return said(N_("{what} changed: {source} → {target}"), what=what, source=s.text,
                target=t.text)


def _digit_one(t: Fact) -> bool:
    """A 1 the translation writes in digits (not 'a', 'one' or '1st'): when the Dutch has
    nothing it could be, it was added."""
    return t.kind in NUMERIC and t.text[:1].isdigit() and not re.fullmatch(r"\d+[^\d\s]+",
                                                                            t.text)


def _definite(s: Fact, t: Fact) -> bool:
    """Whether a fact written as 'a'/'one' (or a 'per day' phrase) clearly changed: both
    sides say a unit, and they differ in unit or value."""
    return bool(s.unit and t.unit and s.kind == t.kind) or \
        (s.kind in NUMERIC and t.kind in NUMERIC and bool(s.unit and t.unit))


def _changed(s: Fact, t: Fact) -> Said | None:
    """How `t` differs from `s` when it looks like the same fact changed, else None."""
    if s.kind in NUMERIC and t.kind in NUMERIC:
        if s.unit and t.unit and s.unit != t.unit and _meet(s.value, t.value):
            return _was(Said(N_("unit")), s, t)
        if s.unit and t.unit and s.dimension == t.dimension:
            return _was(_role(s), s, t)
        if s.unit and t.unit:
            return None
        return _was(_role(s) if s.unit else _role(t), s, t)
    if s.kind == t.kind == "period":
        return _was(Said(N_("how often")), s, t)
    if "period" in (s.kind, t.kind):
        return None
    if s.kind == t.kind or {s.kind, t.kind} <= {"time", "quantity", "number"}:
        return _was(Said(KINDS.get(s.kind, "number")), s, t)
    return None


def _swaps(src, tgt, pairs) -> list[Difference]:
    """Numbers matched by value only (their unit unknown in the translation) that come in
    the opposite order to the Dutch, where the Dutch gives them different units."""
    loose = [(src[i], tgt[j]) for i, j in pairs.items()
             if src[i].kind in NUMERIC and src[i].unit and tgt[j].kind in NUMERIC
             and not tgt[j].unit]
    out = []
    for a, (s1, t1) in enumerate(loose):
        for s2, t2 in loose[a + 1:]:
            if (s1.sentence == s2.sentence and t1.sentence == t2.sentence
                    and s1.dimension != s2.dimension and not _meet(s1.value, s2.value)
                    and (s1.start < s2.start) != (t1.start < t2.start)):
                out.append(Difference("numbers", said(
                    N_("numbers swapped? {first} and {second} come in the other order: "
                       "{target_first} … {target_second}"), first=s1.text, second=s2.text,
                    target_first=t1.text, target_second=t2.text)))
    return out


@lru_cache(maxsize=4096)
def compare(source: str, target: str, lang: str, source_lang: str = "nl"
            ) -> tuple[Difference, ...]:
    """Every fact of the Dutch `source` that `target` (in `lang`) changed, lost or added."""
    src, tgt = extract(source, source_lang), extract(target, lang)
    pairs = _match(src, tgt)
    out = _swaps(src, tgt, pairs)
    lost = [s for i, s in enumerate(src) if i not in pairs]
    taken = set(pairs.values())
    extra = [t for j, t in enumerate(tgt) if j not in taken]
    for s in sorted(lost, key=lambda f: f.soft):
        for rule in (1, 2):
            hit = next((t for t in extra if (rule == 2 or t.sentence == s.sentence)
                        and GROUP[t.kind] == GROUP[s.kind] and _changed(s, t)
                        and (not (s.soft or t.soft) or _definite(s, t))), None)
            if hit:
                out.append(Difference(GROUP[s.kind], _changed(s, hit) or Said("")))
                extra.remove(hit)
                break
        else:
            if not s.soft:
                out.append(Difference(GROUP[s.kind], said(
                    N_("missing in the translation: {fact}"), fact=s.text)))
    out += [Difference(GROUP[t.kind], said(N_("not in the Dutch: {fact}"), fact=t.text))
            for t in extra if t.kind != "period" and (not t.soft or _digit_one(t))]
    return tuple(out)
