"""Text in images that is correct in every script: fonts, shaping, wrapping, fitting.

Pillow shapes Arabic (joining, right to left) only through libraqm, which needs the
system's FriBiDi. When raqm is missing, Arabic is shaped with arabic-reshaper and put in
visual order with python-bidi before drawing; if neither works the build stops. An image
with unshaped Arabic is never written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.core import get_global
from PIL import ImageFont, features

from ..errors import KlaarError
from .bidi import balance, strip_controls

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FAMILY = {"Arab": "NotoSansArabic", "Ethi": "NotoSansEthiopic", "Hans": "NotoSansSC",
               "Hant": "NotoSansSC"}  # anything else: NotoSans (Latin, Greek, Cyrillic)


class ShapingError(KlaarError):
    """Right-to-left text cannot be shaped here."""


def script(lang: str) -> str:
    """ISO 15924 script of a language from CLDR's likely subtags ('ar' → 'Arab')."""
    likely = get_global("likely_subtags")
    tag = likely.get(lang.replace("-", "_")) or likely.get(lang.split("-")[0], "und_Latn")
    parts = tag.split("_")
    return next((p for p in parts[1:] if len(p) == 4), "Latn")


def font_path(lang: str, bold: bool = False) -> Path:
    family = FONT_FAMILY.get(script(lang), "NotoSans")
    return FONT_DIR / f"{family}-{'Bold' if bold else 'Regular'}.ttf"


def raqm_available() -> bool:
    return bool(features.check("raqm"))


@lru_cache(maxsize=256)
def _font(path: Path, size: int, raqm: bool) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if raqm else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


@dataclass(frozen=True)
class Style:
    """How a language is drawn: font, direction and shaping path."""

    lang: str
    rtl: bool
    raqm: bool

    @classmethod
    def for_lang(cls, lang: str, rtl: bool) -> Style:
        raqm = raqm_available()
        if rtl and not raqm:
            try:
                import arabic_reshaper  # noqa: F401
                import bidi  # noqa: F401
            except ImportError:
                raise ShapingError(
                    f"cannot draw {lang} text: Pillow has no raqm layout (it needs the system "
                    "library libfribidi) and arabic-reshaper/python-bidi are not installed. "
                    "Install libfribidi, or pip install arabic-reshaper python-bidi.") from None
        return cls(lang, rtl, raqm)

    def font(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        return _font(font_path(self.lang, bold), size, self.raqm)

    def visual(self, line: str) -> str:
        """The string handed to Pillow: as written with raqm (which shapes and reorders);
        without raqm, right-to-left lines are shaped and reordered here. Latin runs in a
        right-to-left line are isolated first."""
        if not self.rtl:
            return line if self.raqm else strip_controls(line)
        line = isolate_ltr(line)
        if self.raqm:
            return line
        import arabic_reshaper
        from bidi import get_display

        # python-bidi honours the isolates; the controls themselves have no glyph
        return strip_controls(get_display(arabic_reshaper.reshape(line)))

    def kwargs(self) -> dict:
        if not self.raqm:
            return {}
        return {"direction": "rtl" if self.rtl else "ltr", "language": self.lang}

    def width(self, text: str, font: ImageFont.FreeTypeFont) -> float:
        return font.getlength(self.visual(text), **self.kwargs())


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_NO_LINE_START = set("。，、；：？！）」』》〉”’.,;:?!)")


NBSP, LRI, PDI = "\u00a0", "\u2066", "\u2069"
_DIGIT_SPACE = re.compile(r"(?<=\d) (?=\d)")
_LTR_RUN = re.compile(r"\(?[A-Za-z0-9][A-Za-z0-9\u00a0 .,:/+@'’&()\-]*[A-Za-z0-9)]"
                      r"|\(?[A-Za-z0-9]\)?")


_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def collapse_spaces(text: str) -> str:
    """Runs of ordinary white space as one space; a no-break space stays (str.split()
    would break it: '1 juni 2025' must stay whole)."""
    return _SPACES.sub(" ", text).strip()


def keep_together(text: str) -> str:
    """Phone numbers and other digit groups never break across lines ('088 123 4567')."""
    return _DIGIT_SPACE.sub(NBSP, text)


def isolate_ltr(line: str) -> str:
    """In a right-to-left line, wrap each run of Latin letters and digits in a
    left-to-right isolate, so '088 123 4567' and '(huisartsenpost)' keep their order."""
    return _LTR_RUN.sub(lambda m: LRI + m.group(0) + PDI, line)


def break_units(text: str) -> list[str]:
    """Pieces a line may break between: words, and single Chinese characters (with the
    punctuation that may not start a line kept on the character before it). Only plain
    spaces break: a no-break space keeps a phone number together."""
    units: list[str] = []
    for word in re.findall(r"[^ ]+ *", text):
        if not _CJK.search(word):
            units.append(word)
            continue
        for piece in re.findall(r"[A-Za-z0-9.,:%€-]+|\s+|.", word):
            if units and (piece in _NO_LINE_START or piece.isspace()):
                units[-1] += piece
            else:
                units.append(piece)
    return units


def wrap(text: str, style: Style, font: ImageFont.FreeTypeFont, width: float) -> list[str] | None:
    """Greedy line breaking at allowed points; None when one unit is wider than the box."""
    lines: list[str] = []
    current = ""
    for unit in break_units(text):
        candidate = current + unit
        if current and style.width(candidate.rstrip(), font) > width:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current = candidate
        if style.width(current.rstrip(), font) > width:
            return None
    if current.strip():
        lines.append(current.rstrip())
    return balance(lines)  # an isolate broken across lines keeps its direction on each


@dataclass(frozen=True)
class Fitted:
    size: int
    lines: tuple[str, ...]
    line_height: int  # from the font's ascent and descent, so no glyph leaves its line
    ascent: int = 0
    descent: int = 0

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


def fit(text: str, style: Style, width: float, height: float, size: int, min_size: int,
        bold: bool = False, max_lines: int = 99) -> Fitted | None:
    """The largest size from `size` down to `min_size` at which the text fits the box."""
    text = keep_together(unicodedata.normalize("NFC", collapse_spaces(text)))
    for s in range(size, min_size - 1, -max(1, size // 40)):
        font = style.font(s, bold)
        lines = wrap(text, style, font, width)
        if lines is None or len(lines) > max_lines:
            continue
        # Line height from the ink of these very lines, not the font's nominal metrics:
        # Arabic fonts reserve room for stacked marks that most text never uses.
        boxes = [font.getbbox(style.visual(line), anchor="ls", **style.kwargs())
                 for line in lines]
        ascent = round(max(1, -min(b[1] for b in boxes), s * 0.75))
        descent = round(max(0, max(b[3] for b in boxes), s * 0.2))
        line_height = round((ascent + descent) * 1.12)
        if line_height * len(lines) <= height:
            return Fitted(s, tuple(lines), line_height, ascent, descent)
    return None
