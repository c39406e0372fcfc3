"""The organisation's brand: its name, logo and colour, checked for legibility.

The colour is used as text on white (links, headings, step numbers in leaflets) and as a
background under white text (the title band of cards and posters, buttons, step
numbers), so it must contrast with white at least as much as WCAG 2 asks of normal text
(4.5:1, success criterion 1.4.3). An illegible choice is refused with the ratio measured
and a darker shade of the same hue that passes. The logo is an SVG made safe the way
pictograms are (toolkit/svgsafe.py): drawing only, nothing that runs or fetches.
"""

from __future__ import annotations

import colorsys
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .staff_language import _
from .svgsafe import UnsafeSVG, clean_svg

log = logging.getLogger("klaar")

DEFAULT_COLOR = "#0b4f8a"  # 8.6:1 against white
DEFAULT_TINT = "#eef4fa"  # the light background of steps, made for the default colour
MIN_CONTRAST = 4.5  # WCAG 2.x AA, normal text
WHITE = (255, 255, 255)
MAX_LOGO_KB = 512
HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


@dataclass(frozen=True)
class BrandConfig:
    """[brand] in site.toml: who publishes the site, their logo and colour."""

    name: str = ""  # the organisation, e.g. "GGD Voorbeeldregio" (header, cards, leaflets)
    logo: str = ""  # the logo file as given in site.toml ("" for none)
    logo_svg: str = ""  # its cleaned SVG text: what every output uses (and what keys hash)
    color: str = DEFAULT_COLOR  # "#rrggbb", lower case

    @property
    def rgb(self) -> tuple[int, int, int]:
        return parse_color(self.color)

    @property
    def tint(self) -> str:
        """A very light shade of the colour, for the background of steps."""
        if self.color == DEFAULT_COLOR:
            return DEFAULT_TINT
        return to_hex(mix(self.rgb, WHITE, 0.93))

    @property
    def soft(self) -> str:
        """Secondary text on the colour (the language's name in a card's title band): a
        light tint when it stays legible on it, else white."""
        light = (200, 220, 240) if self.color == DEFAULT_COLOR else mix(self.rgb, WHITE, 0.8)
        return to_hex(light if contrast(light, self.rgb) >= MIN_CONTRAST else WHITE)


def parse_color(text: str) -> tuple[int, int, int]:
    """'#0b4f8a' or '#fa0' → (r, g, b); ValueError otherwise."""
    m = HEX.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def mix(a: tuple[int, int, int], b: tuple[int, int, int], share_b: float
        ) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * share_b) for x, y in zip(a, b))  # type: ignore[return-value]


def luminance(rgb: tuple[int, int, int]) -> float:
    """Relative luminance as WCAG 2 defines it (sRGB, linearised)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darker_shade(rgb: tuple[int, int, int], target: float = MIN_CONTRAST) -> tuple[int, int, int]:
    """The lightest shade of the same hue and saturation that reaches `target` against
    white (lightness lowered step by step)."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    while lightness > 0:
        lightness = max(0.0, lightness - 0.005)
        shade = tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, lightness, s))
        if contrast(shade, WHITE) >= target:  # type: ignore[arg-type]
            return shade  # type: ignore[return-value]
    return (0, 0, 0)


def color_problems(value: str, key: str) -> list[str]:
    """Why `value` cannot be the brand colour (site.toml check); empty when fine."""
    try:
        rgb = parse_color(value)
    except ValueError:
        return [_("{key}: {value} is not a colour; write it as \"#rrggbb\", like "
                  "\"{example}\"").format(key=key, value=repr(value), example=DEFAULT_COLOR)]
    ratio = contrast(rgb, WHITE)
    if ratio >= MIN_CONTRAST:
        return []
    better = to_hex(darker_shade(rgb))
    return [_("{key}: {value} is too light to read: white text on it, and it as text on "
              "white, have a contrast ratio of {ratio}:1, and text needs at least {minimum}:1 "
              "(WCAG AA); a darker shade of the same colour that reaches it: \"{better}\" "
              "({better_ratio}:1)").format(
                  key=key, value=repr(value), ratio=f"{ratio:.1f}", minimum=MIN_CONTRAST,
                  better=better, better_ratio=f"{contrast(darker_shade(rgb), WHITE):.1f}")]


def read_logo(root: Path, value: str, shown: str, line: int | None) -> tuple[str, list[Problem]]:
    """The cleaned SVG text of the logo file `value` (relative to the project), and the
    problems: not inside the project, missing, not SVG, unsafe XML. Parts of the drawing
    that are not allowed (scripts, links) are removed with a warning."""
    where: dict[str, Any] = dict(path=shown, line=line, key="brand.logo")
    p = Path(value)
    if p.is_absolute() or ".." in p.parts:
        return "", [Problem(message=_("{value} must be a file inside the project").format(
                                value=repr(value)),
                            hint=_("put the logo in the project, e.g. logo = "
                                   "\"brand/logo.svg\""),
                            **where)]
    path = root / p
    if p.suffix.lower() != ".svg":
        return "", [Problem(message=_("{value} is not an SVG file").format(value=repr(value)),
                            hint=_("the logo must be a drawing in SVG, so it stays sharp on "
                                   "posters; export it as SVG from your design program"),
                            **where)]
    if not path.is_file():
        return "", [Problem(message=_("{value} not found").format(value=repr(value)), **where,
                            hint=_("give the path from the project folder (where site.toml "
                                   "is)"))]
    if path.stat().st_size > MAX_LOGO_KB * 1024:
        return "", [Problem(message=_("{value} is larger than {limit} KB").format(
                                value=repr(value), limit=MAX_LOGO_KB),
                            hint=_("simplify the drawing, or save it as plain SVG"), **where)]
    try:
        cleaned = clean_svg(path.read_bytes())
    except UnsafeSVG as exc:
        return "", [Problem(p.as_posix(), _("cannot use this logo: {error}").format(error=exc),
                            line=exc.line, hint=_("the logo must be a plain SVG drawing"))]
    for removed_line, what in cleaned.removed:
        log.warning("%s", _("{where}: removed {what} (a logo only draws)").format(
            where=f"{p.as_posix()}:{removed_line}", what=what))
    return cleaned.text, []
