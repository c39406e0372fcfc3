"""Reading the facts of one text: quantities with units, times, dates, phone numbers,
addresses. See the package docstring for what counts as the same fact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .tables import base, lexicon, resolve, resolve_unit, separators_for, units

# Every decimal digit Unicode knows in the scripts of the target languages → 0-9, one
# character for one, so offsets stay valid: Arabic-Indic, Persian, Devanagari, Bengali,
# Gurmukhi, Gujarati, Tamil, Telugu, Kannada, Malayalam, Thai, Lao, Tibetan, Myanmar,
# Khmer, Mongolian, full-width.
_ZEROS = (0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xBE6, 0xC66, 0xCE6, 0xD66,
          0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10)
DIGITS = str.maketrans({chr(z + i): str(i) for z in _ZEROS for i in range(10)})
MASK = "\ue000"  # replaces a span already read as a fact; neither a digit, letter nor space
# Arabic short vowels, tanwin and tatweel are left out before reading words: قرصاً = قرصا.
# Bidirectional controls (LRM, RLM, isolates) are left out too: they split phone numbers.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u200e\u200f\u202a-\u202e"
                    "\u2066-\u2069\u061c]")

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?؟،。]"
                  r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                  # a bare domain: thuisarts.nl, rivm.nl/hitte
                  r"|(?<![\w.@/-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
                  r"\.(?:nl|be|eu|com|org|net|info|gov|int|de|uk|pl|tr|ua)(?![\w@-])"
                  r"(?:/[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?؟،。])?",
                  re.I)
_SP = r"[ \u00a0\u202f]"
_ISO = re.compile(r"(?<![\d.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_DMY = re.compile(r"(?<![\d.,/:-])(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.,]\d)")
_ZH_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_TIME = re.compile(r"(?<![\d.,:/])([01]?\d|2[0-4])([:.h])([0-5]\d)(?![\d]|[.,:]\d)"
                   r"(?:" + _SP + r"?(?:uur|u\b|uhr|h\b|hrs\b|hours\b))?", re.I)
_AMPM = re.compile(r"(?<![\d.,:])(1[0-2]|0?\d)(?:[:.]([0-5]\d))?" + _SP +
                   r"?([ap])\.?\s?m\.?(?![^\W\d_])", re.I)
_FRENCH_H = re.compile(r"(?<![\d.,:])([01]?\d|2[0-4])h(?![^\W\d_])")
# Digit groups joined by spaces, hyphens or slashes, maybe with +, 00 or (0); not glued to
# Latin letters (A4, COVID-19) but maybe to Chinese or Arabic text (请拨打0800-1351).
_PHONE = re.compile(r"(?:\+|(?<![A-Za-z0-9À-ɏ.,:/+-]))(?:\+|00)?\(?\d[\d()]*"
                    r"(?:(?: ?[/-] ?|[ \u00a0\u202f]|\s?\(0\)\s?)\(?\d+\)?)*")
_NUMBER = re.compile(r"(?<![\d.,٫٬])\d{1,3}(?:" + _SP + r"\d{3})+(?![\d]|[.,٫]\d)"
                     r"|(?<![\d.,٫٬])\d+(?:[.,٫٬]\d+)*")
_ORDINAL = re.compile(r"(?:-?(?:e|de|ste|st|nd|rd|th|er|ème|ci|nci|ncı|üncü|inci|uncu|й|го|"
                      r"а|ий|ого|ти|ий|ой)(?![^\W\d_])|\.(?=\s+[^\W\d_]+)(?!\s+[A-ZА-Я]))", re.I)
_SENT_END = re.compile(r"[.!?؟。！？።]")

MONTH_FIRST_LANGS = ("en", "zh")  # 3/1/2025 may be March 1st
NUMBER_AFTER_NOUN = ("ar",)  # قرص واحد: one and two follow the noun


@dataclass(frozen=True)
class Fact:
    """One fact as a text states it.

    kind: quantity | number | time | date | phone | url | email | period (per day …).
    value: quantity/number: possible values (one, or two when 1.000 may be 1 or 1000);
        time: minutes after midnight; date: (year or 0, month, day); phone: digits;
        url: (scheme, host in lower case + path); email: the address in lower case.
    unit: canonical unit id (mg, ml, tablet, hour …) or None.
    soft: written as the word 'one' or 'a' (or an ordinal): matched, never missed."""

    kind: str
    value: Any
    unit: str | None
    text: str
    start: int
    sentence: int = 0
    soft: bool = False

    @property
    def dimension(self) -> str | None:
        return units()[self.unit].dimension if self.unit in units() else None

    def base_values(self) -> tuple[float, ...]:
        factor = units()[self.unit].factor if self.unit in units() else 1.0
        return tuple(v * factor for v in self.value)


# ---------------------------------------------------------------------- numbers


def parse_number(token: str, lang: str) -> tuple[float, ...]:
    """The value(s) a written number can mean in `lang`: '2,5' → (2.5,) in Dutch and
    Polish; '1.000' → (1000.0,) in Dutch, (1.0,) in English, both where unclear."""
    seps = separators_for(lang)
    token = re.sub(_SP, " ", token)
    if " " in token:
        return (float(token.replace(" ", "")),)
    token = token.replace("٫", "D").replace("٬", "G")
    if "D" in token or "G" in token:
        token = token.replace("G", "").replace(",", "").replace(".", "").replace("D", ".")
        return (float(token),) if token.count(".") <= 1 else (float(token.replace(".", "")),)
    marks = [c for c in token if c in ".,"]
    if not marks:
        return (float(token),)
    if len(set(marks)) == 2:  # 1.234,5 or 1,234.5: the last mark is the decimal one
        dec = marks[-1]
        grp = "," if dec == "." else "."
        if marks.count(dec) > 1:
            return (float(re.sub(r"[.,]", "", token)),)
        return (float(token.replace(grp, "").replace(dec, ".")),)
    mark = marks[0]
    groups = re.split(r"[.,]", token)
    if len(groups) > 2:  # 1.000.000
        return (float("".join(groups)),)
    head, tail = groups
    decimal = float(f"{head}.{tail}")
    if len(tail) != 3 or head in ("0", ""):
        return (decimal,)
    grouped = float(head + tail)
    if mark == seps.decimal:
        return (decimal,)
    if mark == seps.group:
        return (grouped,)
    return (decimal, grouped)


def _norm(v: float) -> float:
    return round(v, 9)


# ---------------------------------------------------------------------- extraction


def _sentence_starts(text: str) -> list[int]:
    """Where sentences begin, roughly: enough to tell which facts share a sentence."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        end = m.end()
        rest = text[end:].lstrip()
        if m.group(0) in ".!?" and (end < len(text) and not text[end].isspace()
                                    or rest[:1].islower()):
            continue
        starts.append(end)
    return starts


def _mask(work: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        work[i] = MASK


def _free(work: list[str], start: int, end: int) -> bool:
    return MASK not in work[start:end]


def _phone_digits(raw: str) -> str | None:
    """Normalised digits of a phone number, or None when `raw` is not one: 112, 113,
    0800/0900 (8 or 11 digits), other Dutch numbers (10 digits), +31 and 0031 as 0,
    other countries (+ and 8 to 15 digits)."""
    raw = raw.replace("(0)", "")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+") or digits.startswith("00"):
        digits = digits[2:] if digits.startswith("00") else digits
        if digits.startswith("31"):
            digits = "0" + digits[2:]
        else:
            return "+" + digits if 8 <= len(digits) <= 15 else None
    if digits in ("112", "113", "911", "999") or re.fullmatch(r"116\d{3}", digits):
        return digits
    if not digits.startswith("0"):
        return None
    if digits[:4] in ("0800", "0900", "0906", "0909"):
        return digits if len(digits) in (8, 11) else None
    return digits if len(digits) == 10 else None


def _phones(work: list[str], add) -> None:
    for m in _PHONE.finditer("".join(work)):
        raw = m.group(0).rstrip(" -/(")
        # Take the longest run of groups that is a phone number: "0800 1351 2 keer".
        cuts = [g.end() for g in re.finditer(r"\d+\)?", raw)]
        for cut in reversed(cuts):
            digits = _phone_digits(raw[:cut])
            if digits:
                s, e = m.start(), m.start() + cut
                add("phone", digits, None, s, e)
                _mask(work, s, e)
                break


def _unit_after(lex, work: str, end: int, skip: bool = True
                ) -> tuple[str, int | None, int] | None:
    """The unit word right after a number, or after one word more (2 paracetamol
    tablets), as (unit id, count the word carries, end offset)."""
    m = lex.after.match(work, end)
    if m and m.end() > end:
        found = resolve_unit(lex, m.group(0), "after")
        if found:
            return found[0], found[1], m.end()
    word = _ONE_WORD.match(work, end) if skip else None
    if word:
        m = lex.after.match(work, word.end())
        if m and len(m.group(0).strip()) > 2:
            found = resolve_unit(lex, m.group(0), "after")
            if found and found[0] != "oclock":
                return found[0], found[1], m.end()
    return None


_ONE_WORD = re.compile(r"[ \u00a0]+[^\W\d_]{3,}(?=[ \u00a0])")


def _unit_before(lex, work: str, start: int) -> str | None:
    head = work[max(0, start - 24):start]
    m = lex.before.search(head)
    if m:
        found = resolve_unit(lex, m.group(0), "before")
        if found:
            return found[0]
    return None


def _time(h: int, mi: int) -> int:
    return (h * 60 + mi) % 1440


@lru_cache(maxsize=4096)
def extract(text: str, lang: str) -> tuple[Fact, ...]:
    """The facts `text` states, in order of appearance."""
    lang = base(lang)
    lex = lexicon(lang)
    text = _MARKS.sub("", text)
    plain = text.translate(DIGITS)
    work = list(plain)
    found: list[Fact] = []

    def add(kind, value, unit, s, e, soft=False):
        found.append(Fact(kind, value, unit, text[s:e].strip(), s, soft=soft))

    for m in _URL.finditer(plain):
        addr = m.group(0)
        if "@" in addr and "://" not in addr:
            add("email", addr.lower(), None, m.start(), m.end())
        else:
            add("url", _url_key(addr), None, m.start(), m.end())
        _mask(work, m.start(), m.end())
    _dates(work, lex, lang, add)
    _times(work, lex, add)
    _phones(work, add)
    _fractions(work, add)
    _numbers(work, lex, lang, add)
    _periods(work, lex, add)
    _number_words(work, lex, lang, add)
    starts = _sentence_starts(plain)
    out = []
    for f in sorted(found, key=lambda f: f.start):
        sentence = sum(1 for s in starts if s <= f.start) - 1
        out.append(Fact(f.kind, f.value, f.unit, f.text, f.start, sentence, f.soft))
    # "per dag" next to a dose (2 tabletten per dag) is part of the dose: leaving it out
    # changes the advice. Elsewhere (drink elke dag water) it may be rephrased freely.
    dosed = {f.sentence for f in out if f.kind == "quantity" and not f.soft
             and f.unit in units() and units()[f.unit].role in ("dose", "frequency")}
    return tuple(Fact(f.kind, f.value, f.unit, f.text, f.start, f.sentence,
                      f.soft and not (f.kind == "period" and f.sentence in dosed))
                 for f in out)


def _url_key(addr: str) -> tuple[str, str]:
    """(scheme or '', host in lower case + path as written, without a final /)."""
    m = re.match(r"(https?)://", addr, flags=re.I)
    scheme = m.group(1).lower() if m else ""
    host, _, path = addr[m.end() if m else 0:].partition("/")
    return scheme, host.lower() + ("/" + path if path else "").rstrip("/")


@lru_cache(maxsize=64)
def _month_dates(lang: str) -> tuple:
    """Patterns for '1 maart 2025' and 'March 1, 2025' with the language's month names,
    with the groups holding day, month and year."""
    months = lexicon(lang).months
    if months is None:
        return ()
    mon = months.pattern
    day_first = re.compile(r"(?<![\d.,])(\d{1,2})\.?" + _SP + r"*(?:de\s+|of\s+)?(" + mon +
                           r")(?![^\W\d_])(?:,?" + _SP + r"+(\d{4})(?!\d))?", re.I)
    month_first = re.compile(r"(?<![^\W\d_])(" + mon + r")\.?" + _SP + r"+(\d{1,2})"
                             r"(?:st|nd|rd|th)?(?![\d]|[.,:]\d)(?:,?" + _SP
                             + r"+(\d{4})(?!\d))?", re.I)
    return (day_first, 1, 2, 3), (month_first, 2, 1, 3)


def _dates(work: list[str], lex, lang: str, add) -> None:
    text = "".join(work)
    for m in _ISO.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add("date", frozenset({(y, mo, d)}), None, m.start(), m.end())
            _mask(work, m.start(), m.end())
    text = "".join(work)
    for m in _DMY.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        y = y + 2000 if y < 100 else y
        options = set()
        if 1 <= b <= 12 and 1 <= a <= 31:
            options.add((y, b, a))
        if lang in MONTH_FIRST_LANGS and m.group(2) == "/" and 1 <= a <= 12 and 1 <= b <= 31:
            options.add((y, a, b))
        if options:
            add("date", frozenset(options), None, m.start(), m.end())
            _mask(work, m.start(), m.end())
    text = "".join(work)
    for m in _ZH_DATE.finditer(text):
        y = int(m.group(1)) if m.group(1) else 0
        add("date", frozenset({(y, int(m.group(2)), int(m.group(3)))}), None,
            m.start(), m.end())
        _mask(work, m.start(), m.end())
    if lex.months is None:
        return
    for pattern, day_group, month_group, year_group in _month_dates(lang):
        text = "".join(work)
        for m in pattern.finditer(text):
            month = resolve(lex.month_lookup, m.group(month_group))
            day = int(m.group(day_group))
            if month is None or not 1 <= day <= 31 or not _free(work, m.start(), m.end()):
                continue
            y = int(m.group(year_group)) if m.group(year_group) else 0
            add("date", frozenset({(y, month, day)}), None, m.start(), m.end())
            _mask(work, m.start(), m.end())


def _times(work: list[str], lex, add) -> None:
    text = "".join(work)
    for m in _AMPM.finditer(text):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        h = h % 12 + (12 if m.group(3).lower() == "p" else 0)
        add("time", _time(h, mi), None, m.start(), m.end())
        _mask(work, m.start(), m.end())
    text = "".join(work)
    for m in _TIME.finditer(text):
        h, sep, mi = int(m.group(1)), m.group(2), int(m.group(3))
        unit = _unit_after(lex, text, m.end(3), skip=False)
        if sep == "." and ((unit and unit[0] not in ("hour", "oclock")) or
                           re.search(r"[€$£]" + _SP + r"?\Z", text[:m.start()])):
            continue  # 2.50 ml, € 12.50: an amount, not a time
        if h == 24 and mi:
            continue
        add("time", _time(h, mi), None, m.start(), m.end())
        _mask(work, m.start(), m.end())
    text = "".join(work)
    for m in _FRENCH_H.finditer(text):
        add("time", _time(int(m.group(1)), 0), None, m.start(), m.end())
        _mask(work, m.start(), m.end())


def _numbers(work: list[str], lex, lang: str, add) -> None:
    text = "".join(work)
    for m in _NUMBER.finditer(text):
        values = tuple(_norm(v) for v in parse_number(m.group(0), lang))
        s, e = m.start(), m.end()
        before = _unit_before(lex, text, s)
        after = _unit_after(lex, text, e)
        if before == "oclock" and not after and len(values) == 1 and values[0] <= 24 \
                and values[0] == int(values[0]):
            add("time", _time(int(values[0]), 0), None, s, e)
            continue
        if after and after[0] == "oclock" and values[0] <= 24:
            add("time", _time(int(values[0]), 0), None, s, after[2])
            continue
        unit = after[0] if after else before
        end = after[2] if after else e
        ordinal = not after and _ORDINAL.match(text, e) and not text[e:e + 1].isspace()
        # A 1 is often written as a word or left out (a tablet, таблетку, one in ten):
        # never missed on its own, but a change of unit or value is still reported.
        add("quantity" if unit else "number", values, unit, s, end,
            soft=bool(ordinal) or values == (1.0,))
        _mask(work, s, end)


def _periods(work: list[str], lex, add) -> None:
    """How often, without a number: per dag, daily, щодня, يومياً. Only a change of period
    between two such phrases is reported (per dag → a week); a missing one is not."""
    if lex.period is None:
        return
    for m in lex.period.finditer("".join(work)):
        found = resolve_unit(lex, m.group(0), "period")
        if found:
            add("period", found[0], found[0], m.start(), m.end(), soft=True)
            _mask(work, m.start(), m.end())


_FRACTION = re.compile(r"(?<![\d.,])(\d*)[ \u00a0]?([½¼¾⅓⅔])")
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


def _fractions(work: list[str], add) -> None:
    """1½, ½: the vulgar fractions a dose may be written with."""
    text = "".join(work)
    for m in _FRACTION.finditer(text):
        value = _norm(int(m.group(1) or 0) + _FRACTIONS[m.group(2)])
        add("number", (value,), None, m.start(), m.end())
        _mask(work, m.start(), m.end())


_NOUN_NUMBER = re.compile(r"(?<![^\W\d_])([^\W\d_]+)(?=([ \u00a0]+)([^\W\d_]+))")


def _number_words(work: list[str], lex, lang: str, add) -> None:
    if lex.numbers is None:
        return
    text = "".join(work)
    for m in lex.numbers.finditer(text):
        value = resolve(lex.number_lookup, m.group(0))
        after = _unit_after(lex, text, m.end())
        if value is None or not after or after[0] == "oclock" or \
                not (m.end() < len(text) and text[m.end()].isspace()):
            continue
        add("quantity", (float(value),), after[0], m.start(), after[2], soft=value == 1)
        _mask(work, m.start(), after[2])
    # A number after its noun, as Arabic writes one and two: قرصاً واحداً (one tablet).
    pairs = _NOUN_NUMBER.finditer("".join(work)) if lang in NUMBER_AFTER_NOUN else ()
    for m in pairs:
        if not lex.after.fullmatch(m.group(1)):
            continue
        found = resolve_unit(lex, m.group(1), "after")
        value = resolve(lex.number_lookup, m.group(3))
        if found and value and found[1] is None:
            end = m.end() + len(m.group(2)) + len(m.group(3))
            add("quantity", (float(value),), found[0], m.start(), end, soft=value == 1)
            _mask(work, m.start(), end)
    text = "".join(work)
    # A unit word that carries its own count: Arabic dual (قرصين, two tablets), "twice".
    counted = lex.counted.finditer("".join(work)) if lex.counted else ()
    for m in counted:
        found = resolve_unit(lex, m.group(0), "after")
        if found and found[1] is not None:
            prev = text[max(0, m.start() - 6):m.start()]
            if re.search(r"\d\s*\Z", prev):
                continue
            add("quantity", (float(found[1]),), found[0], m.start(), m.end(),
                soft=found[1] == 1)


def phone_spans(text: str, lang: str) -> Iterator[tuple[int, int, Fact]]:
    """Where each phone number stands in `text`, in order, as (start, end, fact). Facts
    are read without bidi and vowel marks, so each is found again in the text as written;
    one that is not is skipped."""
    pos = 0
    for fact in extract(text, lang):
        if fact.kind != "phone":
            continue
        start = text.find(fact.text, pos)
        if start < 0:
            continue
        pos = start + len(fact.text)
        yield start, pos, fact
