"""Short texts on a page that must not break across lines, and phone numbers as links.

On a phone a name like "GGD Voorbeeldregio", a phone number "088 123 4567" or a date
"20 травня 2025 р." must not be split over two lines: "088 123 / 4567" is misdialled,
"2025 / р." reads as two things. These helpers put no-break spaces where a break would
split such a unit, and make every phone number in a line of text a `tel:` link.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..facts.extract import phone_spans

NBSP = "\u00a0"

# A space (or tab) between two digits: digit groups of a phone number or an amount.
_DIGIT_SPACE = re.compile(r"(?<=\d)[ \t](?=\d)")
# A number and a short abbreviation or unit that belongs to it: "2025 р.", "2025 г.",
# "5 mg", "93 kB" (up to two letters, or up to four with a full stop).
_NUMBER_ABBREVIATION = re.compile(
    r"(?<=\d)[ \t](?=(?:[^\W\d_]{1,2}|[^\W\d_]{1,4}\.)(?!\w))")


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def nobreak(text: object) -> str:
    """`text` with no-break spaces inside phone numbers and amounts, after an acronym
    that starts a name (GGD Voorbeeldregio), and between a number and its short unit or
    abbreviation (2025 р.). Other spaces stay, so long text still wraps."""
    s = str(text)
    s = _DIGIT_SPACE.sub(NBSP, s)
    s = _NUMBER_ABBREVIATION.sub(NBSP, s)
    out = []
    words = re.split(r"([ \t])", s)
    for i, part in enumerate(words):
        if part in (" ", "\t") and 0 < i < len(words) - 1 and _is_acronym(words[i - 1]) \
                and words[i + 1][:1].isalpha():
            out.append(NBSP)
        else:
            out.append(part)
    return "".join(out)


def tel_href(phone: str | None) -> str | None:
    """`tel:` address of a phone number as written (digits and a leading +)."""
    if not phone:
        return None
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return f"tel:{digits}" if any(c.isdigit() for c in digits) else None


def linked_phones(text: object, lang: str) -> Markup:
    """A line of plain text (escaped) with every phone number in it as a `tel:` link that
    never breaks across lines, and no-break spaces as `nobreak` puts them."""
    s = str(text)
    parts: list[str] = []
    pos = 0
    for start, end, fact in phone_spans(s, lang):
        parts.append(escape(nobreak(s[pos:start])))
        parts.append(Markup('<a class="tel" href="tel:{}" dir="ltr">{}</a>').format(
            fact.value, nobreak(fact.text)))
        pos = end
    parts.append(escape(nobreak(s[pos:])))
    return Markup("").join(parts)
