"""Infographics per message and language: an A4 print poster, a square card for WhatsApp
and social media, and a link-preview image (og:image).

Each has the title, the steps (pictogram + text) and a footer with the source, the contact
and the language's own name. Right-to-left languages are mirrored: the first step is on
the right, text is right-aligned. Text wraps (between words; between characters for
Chinese), shrinks down to a legible minimum, and otherwise stops the build naming the
message, language and step: nothing is ever clipped.

The same inputs give the same bytes. An image is re-rendered only when something it is
made of changed (texts, pictograms, fonts, this layout code, language, size): see cache_key.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from ..errors import KlaarError
from .bidi import isolate
from .cache import load, store
from .textlayout import Fitted, Style, fit, font_path

ACCENT = (11, 79, 138)  # #0b4f8a: 8.6:1 against white
INK = (17, 17, 17)
TILE = (238, 244, 250)
WHITE = (255, 255, 255)
MUTED = (60, 68, 78)  # footer text: 10:1 on white


@dataclass(frozen=True)
class Format:
    name: str
    size: tuple[int, int]
    header: float  # share of the height for the title band
    footer: float
    # The grids tried for the steps, as (most columns, pictogram above the text): the one
    # whose steps fit at the largest text size is drawn (the first of equals).
    grids: tuple[tuple[int, bool], ...]
    title: tuple[int, int]  # start and minimum font size
    step: tuple[int, int]
    small: tuple[int, int]


MAX_STEPS = 8  # more steps than this make no legible image: the message says so in the build
FORMATS = {
    "poster": Format("poster", (2480, 3508), 0.14, 0.16, ((1, False), (2, False)),
                     (150, 90), (100, 64), (64, 48)),
    # The card is seen about 360 px wide on a phone (a third): the footer's smallest text
    # is 42 px here, 14 px there, and the phone number's digits are at least 42 px tall.
    "card": Format("card", (1080, 1080), 0.15, 0.28, ((1, False), (2, False)),
                   (68, 42), (46, 30), (44, 42)),
    "preview": Format("preview", (1200, 630), 0.2, 0.16,
                      ((MAX_STEPS, True), (4, True), (4, False)),
                      (56, 36), (30, 18), (22, 18)),
}
PHONE_SIZES = {"poster": (170, 120), "card": (66, 60)}  # start and smallest, bold
# Formats with the contact band: phone number, page address, QR code (the link preview is
# the link itself, so it keeps the short footer).
CONTACT_BAND = ("poster", "card")


@dataclass(frozen=True)
class Infographic:
    """What one image shows, already in its language."""

    slug: str
    path: str  # the message file, for errors
    lang: str
    rtl: bool
    title: str
    steps: tuple[tuple[str, str], ...]  # (pictogram svg text, step text)
    source: str  # "Bron: RIVM, 3 maart 2025"
    contact: str  # "GGD Voorbeeldregio · 088 123 4567"
    language_name: str
    contact_name: str = ""  # "GGD Voorbeeldregio"
    phone: str = ""  # "088 123 4567"
    url: str = ""  # the page's address: QR code and short address on card and poster
    # The brand ([brand] in site.toml): colour, its light tint for the steps, secondary
    # text on the colour, and the organisation's name and cleaned logo (card and poster).
    accent: tuple[int, int, int] = ACCENT
    tint: tuple[int, int, int] = TILE
    soft: tuple[int, int, int] = (200, 220, 240)
    org: str = ""
    logo: str = ""


class FitError(KlaarError):
    """Text that does not fit its box even at the smallest legible size."""


def _fit_or_fail(text: str, style: Style, w: float, h: float, sizes: tuple[int, int],
                 info: Infographic, fmt: Format, what: str, bold: bool = False) -> Fitted:
    fitted = fit(text, style, w, h, sizes[0], sizes[1], bold)
    if fitted is None:
        raise FitError(f"{info.path}: [{info.lang}] {what} does not fit on the {fmt.name} "
                       f"({fmt.size[0]}×{fmt.size[1]}) even at {sizes[1]} px: shorten it "
                       f"(\"{text[:60]}\")")
    return fitted


@lru_cache(maxsize=512)
def pictogram_image(svg: str, size: int, color: tuple[int, int, int]) -> Image.Image:
    """Rasterise a pictogram (resvg, no system libraries) in one colour."""
    import resvg_py

    hex_color = "#{:02x}{:02x}{:02x}".format(*color)
    png = resvg_py.svg_to_bytes(svg_string=svg.replace("currentColor", hex_color),
                                width=size, height=size, skip_system_fonts=True)
    return Image.open(io.BytesIO(bytes(png))).convert("RGBA")


def _draw_lines(draw: ImageDraw.ImageDraw, fitted: Fitted, style: Style, box, color,
                bold: bool = False, valign: str = "top", align: str | None = None) -> list:
    """Draw wrapped lines in box (x, y, w, h); returns the ink boxes, for tests."""
    x, y, w, h = box
    font = style.font(fitted.size, bold)
    top = y + (h - fitted.height) / 2 if valign == "middle" else y
    align = align or ("right" if style.rtl else "left")
    boxes = []
    slack = (fitted.line_height - fitted.ascent - fitted.descent) / 2
    for i, line in enumerate(fitted.lines):
        ly = top + i * fitted.line_height + slack + fitted.ascent  # the baseline
        if align == "right":
            anchor, lx = "rs", x + w
        elif align == "center":
            anchor, lx = "ms", x + w / 2
        else:
            anchor, lx = "ls", x
        text = style.visual(line)
        draw.text((lx, ly), text, font=font, fill=color, anchor=anchor, **style.kwargs())
        boxes.append(draw.textbbox((lx, ly), text, font=font, anchor=anchor, **style.kwargs()))
    return boxes


@dataclass
class Rendered:
    image: Image.Image
    text_boxes: list  # (area, ink bbox) pairs: the layout tests check ink stays in its area
    step_x: list[float]  # left edge of each step's cell, in reading order
    cells: list = field(default_factory=list)  # each step's cell (x, y, w, h), in reading order
    grid_box: tuple = ()  # the band the steps fill (x, y, w, h)


def compose(info: Infographic, fmt: Format) -> Rendered:
    """Lay out and draw one infographic."""
    W, H = fmt.size
    style = Style.for_lang(info.lang, info.rtl)
    img = Image.new("RGB", fmt.size, WHITE)
    draw = ImageDraw.Draw(img)
    pad = round(W * 0.045)
    checks: list = []

    # Title band
    header_h = round(H * fmt.header)
    draw.rectangle((0, 0, W, header_h), fill=info.accent)
    area = (pad, pad * 0.6, W - 2 * pad, header_h - 1.2 * pad)
    if info.url and fmt.name in CONTACT_BAND:
        # the language's own name moves to the title band: the footer holds the contact
        name_h = fmt.small[1] * 1.3
        name_area = (pad, pad * 0.35, W - 2 * pad, name_h)
        name = _fit_or_fail(info.language_name, style, W - 2 * pad, name_h,
                            (fmt.small[1], fmt.small[1]), info, fmt, "the language name", True)
        name_boxes = _draw_lines(draw, name, style, name_area, info.soft, True, "middle",
                                 align="left" if info.rtl else "right")
        checks += [(name_area, b) for b in name_boxes]
        if info.org or info.logo:
            checks += _brand_row(img, draw, info, fmt, style, name_area, name_boxes)
        area = (pad, pad * 0.35 + name_h, W - 2 * pad, header_h - name_h - 0.7 * pad)
    title = _fit_or_fail(info.title, style, area[2], area[3], fmt.title, info, fmt, "the title",
                         bold=True)
    checks += [(area, b) for b in _draw_lines(draw, title, style, area, WHITE, True, "middle")]

    band = info.url and fmt.name in CONTACT_BAND
    layout = _contact_layout(info, fmt, style, pad) if band else None
    footer_h = layout[0] if layout else round(H * fmt.footer)
    fy = H - footer_h
    draw.line((pad, fy, W - pad, fy), fill=info.accent, width=max(2, W // 400))
    if layout:
        checks += _contact_band(img, draw, info, fmt, style, pad, fy, layout)
    else:
        checks += _short_footer(draw, info, fmt, style, pad, fy, footer_h)

    # Steps grid: the layout at which all steps read largest
    top, bottom = header_h + pad * 0.6, fy - pad * 0.6
    plan = _best_grid(info, fmt, style, pad, (pad, top, W - 2 * pad, bottom - top))
    step_x = []
    for i, ((cx, cy, cell_w, cell_h), (ix, iy, icon), (text_area, align)) in enumerate(
            plan.cells):
        step_x.append(cx)
        radius = round(min(cell_w, cell_h) * 0.06)
        draw.rounded_rectangle((cx, cy, cx + cell_w, cy + cell_h), radius=radius,
                               fill=info.tint)
        pict = pictogram_image(info.steps[i][0], icon, info.accent)
        img.paste(pict, (round(ix), round(iy)), pict)
        badge = max(round(icon * 0.3), round(W * 0.034))  # its number stays legible
        bx = ix + icon - badge if info.rtl else ix
        draw.ellipse((bx, iy, bx + badge, iy + badge), fill=info.accent)
        num_font = style.font(round(badge * 0.62), True)
        draw.text((bx + badge / 2, iy + badge / 2), str(i + 1), font=num_font, fill=WHITE,
                  anchor="mm")
        checks += [(text_area, b) for b in _draw_lines(draw, plan.texts[i], style, text_area,
                                                        INK, valign="middle", align=align)]
    return Rendered(img, checks, step_x, [c[0] for c in plan.cells],
                    (pad, top, W - 2 * pad, bottom - top))


def row_counts(n: int, columns: int) -> tuple[int, ...]:
    """How many steps each row holds: at most `columns`, spread evenly, fuller rows first
    (7 in 2 columns: 2, 2, 2, 1). A row with fewer steps gives each one more width: no
    empty cells."""
    if n <= 0:
        return ()
    rows = -(-n // max(1, columns))
    base, extra = divmod(n, rows)
    return tuple(base + 1 if r < extra else base for r in range(rows))


@dataclass
class GridPlan:
    size: int  # the steps' common text size
    cells: list  # per step: (cell box, (icon x, y, side), (text area, align))
    texts: list[Fitted]
    score: float = 0.0


def _grid_cells(info: Infographic, fmt: Format, pad: int, box: tuple, columns: int,
                stacked: bool) -> list:
    x0, top, width, height = box
    counts = row_counts(len(info.steps), columns)
    gap = pad * 0.35
    cell_h = (height - (len(counts) - 1) * gap) / len(counts)
    cells = []
    for r, count in enumerate(counts):
        cell_w = (width - (count - 1) * gap) / count
        cy = top + r * (cell_h + gap)
        for c in range(count):
            if info.rtl:
                c = count - 1 - c  # mirrored: reading order starts on the right
            cx = x0 + c * (cell_w + gap)
            inner = min(pad * (0.25 if stacked else 0.4), cell_h * 0.1)
            text: tuple[tuple[float, float, float, float], str | None]
            if stacked:
                icon = round(min(cell_w - 2 * inner, cell_h * 0.42))
                ix, iy = cx + (cell_w - icon) / 2, cy + inner
                text = ((cx + inner, iy + icon + inner * 0.6, cell_w - 2 * inner,
                         cell_h - icon - inner * 2.2), "center")
            else:
                icon = round(min(cell_h - 2 * inner, cell_w * 0.34))
                iy = cy + (cell_h - icon) / 2
                ix = cx + cell_w - inner - icon if info.rtl else cx + inner
                tx = cx + inner if info.rtl else ix + icon + inner
                text = ((tx, cy + inner, cell_w - icon - 3 * inner, cell_h - 2 * inner), None)
            cells.append(((cx, cy, cell_w, cell_h), (ix, iy, icon), text))
    return cells


def _best_grid(info: Infographic, fmt: Format, style: Style, pad: int,
               box: tuple) -> GridPlan:
    """Try the format's grids; keep the one whose steps fit at the largest common size.
    One text size for all steps (the smallest every step fits at), so the steps read as a
    series. When no grid fits a step, the build stops naming it (from the first grid)."""
    best: GridPlan | None = None
    seen = set()
    for columns, stacked in fmt.grids:
        key = (row_counts(len(info.steps), columns), stacked)
        if key in seen:
            continue
        seen.add(key)
        cells = _grid_cells(info, fmt, pad, box, columns, stacked)
        sizes = []
        for (_, text), (_, _, (area, _)) in zip(info.steps, cells):
            fitted = None if min(area[2], area[3]) <= 0 else fit(
                text, style, area[2], area[3], fmt.step[0], fmt.step[1])
            if fitted is None:
                break
            sizes.append(fitted.size)
        else:
            size = min(sizes, default=fmt.step[0])
            # Text and pictograms both have to read: a pictogram counts up to about two
            # lines of text tall (larger adds nothing), so eight steps in one column with
            # thumbnail pictograms lose to two columns.
            icon = min((c[1][2] for c in cells), default=0)
            score = size * min(icon, fmt.step[0] * 2.2)
            if best is None or score > best.score:
                # every step fitted at `size` or larger above, so it fits at `size`
                texts = [_fit_or_fail(text, style, area[2], area[3], (size, size), info, fmt,
                                      f"step {i + 1}")
                         for i, ((_, text), (_, _, (area, _))) in enumerate(zip(info.steps,
                                                                                 cells))]
                best = GridPlan(size, cells, texts, score)
    if best is None:
        columns, stacked = fmt.grids[0]
        cells = _grid_cells(info, fmt, pad, box, columns, stacked)
        for i, ((_, text), (_, _, (area, _))) in enumerate(zip(info.steps, cells)):
            _fit_or_fail(text, style, area[2], area[3], fmt.step, info, fmt, f"step {i + 1}")
        raise FitError(f"{info.path}: [{info.lang}] the steps do not fit on the {fmt.name}: "
                       "shorten them")
    return best


def _brand_row(img: Image.Image, draw, info: Infographic, fmt: Format, style: Style,
               area: tuple, taken: list) -> list:
    """The logo (on a white chip, whatever its colours) and the organisation's name at
    the start of the title band's top row, beside the language's name at its end."""
    x, y, w, h = area
    checks = []
    gap = h * 0.3
    used = 0.0
    if info.logo:
        chip = logo_image(info.logo, round(h * 0.8), round(w * 0.3))
        cw, ch = chip.width + round(h * 0.2), round(h)
        cx = x + w - cw if info.rtl else x
        draw.rounded_rectangle((cx, y, cx + cw, y + ch), radius=round(h * 0.15), fill=WHITE)
        img.paste(chip, (round(cx + (cw - chip.width) / 2), round(y + (ch - chip.height) / 2)),
                  chip)
        used = cw + gap
    if info.org:
        # what the language's name leaves free of the row
        if info.rtl:
            edge = max((b[2] for b in taken), default=x)
            box = (edge + gap, y, x + w - used - edge - gap, h)
        else:
            edge = min((b[0] for b in taken), default=x + w)
            box = (x + used, y, edge - gap - x - used, h)
        fitted = _fit_or_fail(info.org, style, box[2], h, (fmt.small[1], fmt.small[1]), info,
                              fmt, "the organisation's name ([brand] name in site.toml)", True)
        checks += [(box, b) for b in _draw_lines(draw, fitted, style, box, WHITE, True,
                                                  "middle")]
    return checks


@lru_cache(maxsize=16)
def logo_image(svg: str, height: int, max_width: int) -> Image.Image:
    """The logo rasterised at `height` px (or narrower to fit `max_width`), in its own
    colours; text in it is set with the bundled fonts."""
    import resvg_py

    from .textlayout import FONT_DIR

    def draw(**size) -> Image.Image:
        png = resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True,
                                    font_dirs=[str(FONT_DIR)], **size)
        return Image.open(io.BytesIO(bytes(png))).convert("RGBA")

    image = draw(height=height)
    return image if image.width <= max_width else draw(width=max_width)


def _short_footer(draw, info: Infographic, fmt: Format, style: Style, pad: int, fy: int,
                  footer_h: int) -> list:
    """Source and contact at the start side, the language's own name at the end (the
    link preview, and images without a page address)."""
    W = fmt.size[0]
    checks = []
    small = (fmt.small[0], min(fmt.small[1], 24))
    fh = footer_h - pad * 0.6
    name_w = (W - 2 * pad) * 0.24
    main_w = W - 2 * pad - name_w - pad * 0.5
    main_x = pad + name_w + pad * 0.5 if info.rtl else pad
    name_x = pad if info.rtl else W - pad - name_w
    foot_area = (main_x, fy + pad * 0.35, main_w, fh)
    foot = _fit_or_fail(f"{info.source} · {info.contact}", style, foot_area[2], foot_area[3],
                        small, info, fmt, "the footer (source and contact)")
    checks += [(foot_area, b) for b in _draw_lines(draw, foot, style, foot_area, MUTED,
                                                    valign="middle")]
    name_area = (name_x, fy + pad * 0.35, name_w, fh)
    name = _fit_or_fail(info.language_name, style, name_w, fh, small, info, fmt,
                        "the language name", bold=True)
    checks += [(name_area, b) for b in _draw_lines(
        draw, name, style, name_area, info.accent, True, "middle",
        align="left" if info.rtl else "right")]
    return checks


def fit_address(text: str, style: Style, w: float, h: float,
                sizes: tuple[int, int], bold: bool = False) -> Fitted | None:
    """An address on one line if it fits, else broken after '/' (then also after '-'),
    the break marks staying at the line's end."""
    for breaks in ((), ("/",), ("/", "-")):
        spaced = text
        for mark in breaks:
            spaced = spaced.replace(mark, mark + " ")
        fitted = fit(spaced, style, w, h, sizes[0], sizes[1], bold)
        if fitted is not None:
            return fitted
    return None


def short_address(url: str) -> str:
    """An address as printed: without https:// and the trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


QR_SHARE = {"poster": 0.15, "card": 0.18}  # QR code side, as a share of the width


def _contact_layout(info: Infographic, fmt: Format, style: Style, pad: int) -> tuple:
    """The contact band's rows, fitted: (footer height, QR side, rows), where a row is
    (x, y offset, width, Fitted, Style, colour, bold). The band is as tall as its text
    needs: the steps get what is left."""
    W = fmt.size[0]
    side = round(W * QR_SHARE[fmt.name])
    tw = W - 2 * pad - side - pad * 0.6
    tx = pad + side + pad * 0.6 if info.rtl else pad
    ltr = Style(info.lang, False, style.raqm)  # a phone number and an address read left to right
    big = 10 ** 4  # no height limit: the band grows instead
    rows = []
    y = 0.0
    for text, st, sizes, bold, color, width in (
            (info.phone, ltr, PHONE_SIZES[fmt.name], True, info.accent, tw),
            # the card has room for the source only: the phone number says whom to call
            (" · ".join(x for x in (info.source, isolate(info.contact_name)
                                    if fmt.name == "poster" or not info.phone else "") if x),
             style,
             fmt.small, False, MUTED, tw)):
        if not text.strip():
            continue
        fitted = _fit_or_fail(text, st, width, big, sizes, info, fmt, "the footer (contact)",
                              bold)
        rows.append((tx, y, width, fitted, st, color, bold))
        y += fitted.height
    upper = max(y, side)
    if y < side:  # centre the two rows beside the QR code
        rows = [(x, yy + (side - y) / 2, w, f, st, c, b) for x, yy, w, f, st, c, b in rows]
    addr = fit_address(short_address(info.url), ltr, W - 2 * pad, big, fmt.small)
    if addr is None:
        raise FitError(f"{info.path}: [{info.lang}] the page address does not fit on the "
                       f"{fmt.name} even at {fmt.small[1]} px: a shorter file name (slug) helps")
    rows.append((pad, upper + pad * 0.2, W - 2 * pad, addr, ltr, INK, False))
    height = round(upper + pad * 0.2 + addr.height + pad * 0.9)
    return height, side, (upper - side) / 2, rows


def _contact_band(img: Image.Image, draw, info: Infographic, fmt: Format, style: Style,
                  pad: int, fy: int, layout: tuple) -> list:
    """The phone number (large) and the source at the start side, a QR code of the page's
    address beside them at the end side, the page's short address below, across."""
    W = fmt.size[0]
    _, side, qr_top, rows = layout
    top = fy + pad * 0.45
    qr = qr_image(info.url, side)
    qx = pad if info.rtl else W - pad - qr.width
    img.paste(qr, (qx, round(top + qr_top + (side - qr.height) / 2)))
    align = "right" if info.rtl else "left"
    checks = []
    for x, y, w, fitted, st, color, bold in rows:
        area = (x, top + y, w, fitted.height)
        checks += [(area, b) for b in _draw_lines(draw, fitted, st, area, color, bold,
                                                   "middle", align)]
    return checks


@lru_cache(maxsize=64)
def qr_image(url: str, size: int) -> Image.Image:
    """A QR code of `url` (error correction M, a quiet zone of 2 modules), `size` px
    square or a little less: every module is a whole number of pixels, so it scans."""
    import segno

    qr = segno.make(url, error="m")
    matrix = [list(row) for row in qr.matrix]
    n = len(matrix) + 4
    module = max(1, size // n)
    img = Image.new("RGB", (n * module, n * module), WHITE)
    draw = ImageDraw.Draw(img)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                x, y = (c + 2) * module, (r + 2) * module
                draw.rectangle((x, y, x + module - 1, y + module - 1), fill=INK)
    return img


def png_bytes(image: Image.Image) -> bytes:
    """PNG without timestamps or other varying chunks: same pixels, same bytes."""
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=False, compress_level=6)
    return buf.getvalue()


LAYOUT_SOURCES = (Path(__file__), Path(__file__).with_name("textlayout.py"))


@cache
def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cache_key(info: Infographic, fmt: Format) -> str:
    """Everything an image is made of: texts, pictograms, fonts, layout code, size."""
    h = hashlib.sha256()
    for part in (repr(info), fmt.name, repr(fmt), _file_hash(font_path(info.lang)),
                 _file_hash(font_path(info.lang, True)),
                 *(_file_hash(p) for p in LAYOUT_SOURCES)):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def render(info: Infographic, fmt_name: str, cache: Path | None = None) -> bytes:
    """The PNG of one infographic, from the cache when nothing it depends on changed."""
    fmt = FORMATS[fmt_name]
    path = cache / f"{cache_key(info, fmt)}.png" if cache else None
    data = load(path)
    if data is None:
        data = png_bytes(compose(info, fmt).image)
        store(path, data)
    return data


def contact_sheet(pictograms: list[tuple[str, str, str]], columns: int = 8,
                  cell: int = 200) -> Image.Image:
    """All pictograms in a grid with their id and Dutch label, for choosing one.
    `pictograms` holds (id, label, svg text)."""
    style = Style.for_lang("nl", False)
    rows = -(-len(pictograms) // columns)
    img = Image.new("RGB", (columns * cell, rows * cell), WHITE)
    draw = ImageDraw.Draw(img)
    id_font, label_font = style.font(17, True), style.font(14)
    for i, (pid, label, svg) in enumerate(pictograms):
        x, y = (i % columns) * cell, (i // columns) * cell
        draw.rectangle((x + 4, y + 4, x + cell - 4, y + cell - 4), fill=TILE)
        icon = pictogram_image(svg, round(cell * 0.5), ACCENT)
        img.paste(icon, (x + (cell - icon.width) // 2, y + 14), icon)
        draw.text((x + cell / 2, y + cell * 0.5 + 28), pid, font=id_font, fill=INK, anchor="ma")
        short = label if len(label) <= 26 else label[:25] + "…"
        draw.text((x + cell / 2, y + cell * 0.5 + 54), short, font=label_font, fill=MUTED,
                  anchor="ma")
    return img
