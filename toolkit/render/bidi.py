"""Mixed-direction text that keeps its order: Unicode isolates for every string that is put
together from parts of different directions.

"Bron: RIVM, 20 mei 2025" in an Arabic line, "Waar komt deze informatie vandaan? / من
أين تأتي هذه المعلومات؟" in a bilingual box, "93 kB" on an Arabic page: each part gets its
own direction inside an isolate (LRI, RLI or FSI … PDI, Unicode 6.3), so the bidi
algorithm never moves a question mark, colon or comma of one part to the other's side.
Typst, browsers and raqm (FriBiDi) honour isolates; for Pillow without raqm the controls
are taken out after python-bidi has put the line in visual order (they have no glyph).
"""

from __future__ import annotations

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
OPENERS = (LRI, RLI, FSI)
# Explicit bidi controls and marks: invisible, and without a glyph in most fonts.
CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# The comma that separates parts of a line ("RIVM, 20 mei 2025"), by script: an Arabic
# line takes the Arabic comma, so it is not read as part of a Latin name beside it.
_COMMA = {"Arab": "\u060c ", "Hans": "\uff0c", "Hant": "\uff0c", "Ethi": "\u1363 "}


def isolate(text: str, rtl: bool | None = None) -> str:
    """`text` as one unit of its own direction: right to left (RLI), left to right (LRI),
    or, when None, the direction of its first strong letter (FSI)."""
    if not text:
        return text
    opener = FSI if rtl is None else RLI if rtl else LRI
    return opener + text + PDI


def strip_controls(text: str) -> str:
    """The text without bidi controls (for drawing without a bidi-aware layout engine, and
    for comparing what a reader sees)."""
    return "".join(ch for ch in text if ch not in CONTROLS)


def comma(lang: str) -> str:
    """The separator between parts of a line in `lang`'s script."""
    from .textlayout import script

    return _COMMA.get(script(lang), ", ")


def joined(parts: list[str] | tuple[str, ...], lang: str) -> str:
    """Parts of a line (a name, a date) joined with the script's comma, each part isolated,
    so a Latin name keeps its own punctuation in a right-to-left line."""
    return comma(lang).join(isolate(p) for p in parts if p)


def balance(lines: list[str]) -> list[str]:
    """Lines of one wrapped paragraph, each drawn on its own: an isolate opened on one line
    and closed on a later one is closed at the end of each line and opened again at the
    start of the next, so every line keeps the direction of its parts."""
    out: list[str] = []
    open_: list[str] = []
    for line in lines:
        prefix = "".join(open_)
        for ch in line:
            if ch in OPENERS:
                open_.append(ch)
            elif ch == PDI and open_:
                open_.pop()
        out.append(prefix + line + PDI * len(open_))
    return out
