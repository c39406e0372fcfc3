"""Printable leaflets with Typst: A4 and A5 per language, and a bilingual one (Dutch beside
the reader's language) for language classes and social workers.

Why Typst: it shapes Arabic, breaks Chinese lines and mirrors right-to-left layout itself,
embeds subset fonts, writes tagged PDF/UA-1 with the document language, and needs only a
pip wheel (about 0.1 s a leaflet). The leaflet uses the same bundled Noto fonts as the
infographics. Texts reach Typst only as string literals, never as markup, so nothing in a
message or translation can change the layout.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import KlaarError
from .bidi import isolate
from .cache import load, store
from .textlayout import FONT_DIR, collapse_spaces, keep_together

ACCENT = "#0b4f8a"
FONTS = '("Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "Noto Sans SC")'


class PdfError(KlaarError):
    """Typst could not make the leaflet."""


def lit(text: str) -> str:
    """A Typst string literal: the text is data, never markup. Digit groups are kept
    together ('088 123 4567' never breaks, and keeps its order in right-to-left text)."""
    text = keep_together(collapse_spaces(text))
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def inline(tokens) -> str:
    """markdown-it inline tokens → Typst code (strings, strong, emph, links)."""
    out: list[str] = []
    stack: list[str] = []
    for tok in tokens or []:
        t = tok.type
        if t == "text" or t == "code_inline":
            out.append(f"#{lit(tok.content)}" if tok.content.strip() else " ")
        elif t in ("softbreak", "hardbreak"):
            out.append(" ")
        elif t == "strong_open":
            out.append("#strong[")
            stack.append("]")
        elif t == "em_open":
            out.append("#emph[")
            stack.append("]")
        elif t == "link_open":
            out.append(f"#link({lit(tok.attrGet('href') or '')})[")
            stack.append("]")
        elif t in ("strong_close", "em_close", "link_close"):
            out.append(stack.pop() if stack else "")
        elif t == "image":
            out.append(f"#{lit(tok.content)}")
    return "".join(out) + "".join(reversed(stack))


def blocks(tokens) -> tuple[str, ...]:
    """markdown-it block tokens → Typst markup, one string per block (a heading, a
    paragraph, a list item), so a bilingual leaflet can put each beside its translation."""
    out: list[str] = []
    prefix = ""
    for tok in tokens:
        t = tok.type
        if t == "heading_open":
            prefix = "=" * max(2, int(tok.tag[1])) + " "
        elif t == "list_item_open":
            prefix = "- " if tok.markup in "-*+" else f"{tok.info or ''}. " \
                if tok.info else "+ "
        elif t == "inline":
            out.append(prefix + inline(tok.children))
            prefix = ""
    return tuple(out)


def _is_heading(block: str) -> bool:
    return block.startswith("=")


def _is_item(block: str) -> bool:
    return block.startswith(("- ", "+ ")) or block.split(" ", 1)[0][:-1].isdigit()


def _flow(body: tuple[str, ...] | str) -> str:
    """Blocks as one flow: list items of one list together, blank lines between blocks."""
    if isinstance(body, str):
        return body
    out: list[str] = []
    for i, block in enumerate(body):
        if i and not (_is_item(block) and _is_item(body[i - 1])):
            out.append("")
        out.append(block)
    return "\n".join(out)


@dataclass(frozen=True)
class Side:
    """One language's side of a leaflet: its texts and labels, already translated."""

    lang: str
    rtl: bool
    title: str
    summary: str  # inline Markdown
    steps: tuple[tuple[str, str], ...]  # (pictogram svg, inline Markdown)
    body: tuple[str, ...] | str  # Typst markup blocks made by blocks()
    labels: dict[str, str]  # interface texts: steps, about, source, checked, contact
    source: str
    checked: str
    language_name: str


@dataclass(frozen=True)
class Leaflet:
    slug: str
    path: str  # message file, for errors
    url: str  # the page this leaflet belongs to (QR code)
    contact_name: str
    phone: str | None
    sides: tuple[Side, ...]  # one, or Dutch and the target language
    date: dt.date
    accent: str = ACCENT  # [brand] color: headings, step numbers, pictograms, links, the box
    org: str = ""  # [brand] name and cleaned logo, at the top of every page
    logo: str = ""


@dataclass(frozen=True)
class Paper:
    """A paper size: its margin, and the body text sizes a leaflet may use on it (the
    first is preferred; see `fit.choose_size`)."""

    name: str
    height_pt: float
    margin_cm: float
    size: float  # preferred body size, pt
    smallest: float  # still legible
    largest: float


PAPERS = {"a4": Paper("a4", 841.89, 2.0, 12, 10.5, 13.5),
          "a5": Paper("a5", 595.28, 1.5, 11, 9.5, 12.5)}


def _text_set(side: Side) -> str:
    return f'#set text(lang: "{side.lang.split("-")[0]}", dir: {"rtl" if side.rtl else "ltr"})'


def _svg_file(folder: Path, svg: str, name: str, accent: str) -> str:
    (folder / name).write_text(svg.replace("currentColor", accent), encoding="utf-8")
    return f"/{name}"


def _inline_md(text: str) -> str:
    from ..load import markdown

    return inline(markdown().parseInline(text)[0].children)


def _plain(text: str) -> str:
    from .html import plain_text

    return plain_text(text)


def _step(leaflet: Leaflet, side: Side, i: int, folder: Path, icon: str) -> list[str]:
    """A step's two grid cells: its pictogram, and its number and text."""
    svg, text = side.steps[i - 1]
    img = _svg_file(folder, svg, f"step{i}-{side.lang}.svg", leaflet.accent)
    return [f'image("{img}", width: {icon}, alt: {lit(_plain(text))})',
            f'[#text(weight: "bold", fill: accent)[{i}.] {_inline_md(text)}]']


def _single(leaflet: Leaflet, side: Side, folder: Path) -> str:
    lines = [_text_set(side), f"= #{lit(side.title)}",
             f"#block(above: 0.8em, below: 1.2em, text(size: 1.25em)[{_inline_md(side.summary)}])"]
    if side.steps:
        lines.append(f"== #{lit(side.labels['steps'])}")
        cells = []
        for i in range(1, len(side.steps) + 1):
            pict, text = _step(leaflet, side, i, folder, "4em")
            # a step is never split across pages
            cells += [f"grid.cell(breakable: false, {pict})",
                      f"grid.cell(breakable: false, align(horizon, text(size: 1.1em){text}))"]
        lines.append("#grid(columns: (4.4em, 1fr), row-gutter: 0.9em, column-gutter: 0.6em, "
                     + ", ".join(cells) + ")")
    lines += [f"#keep[\n{_flow(section)}\n]" for section in _sections(side.body)]
    return "\n".join(lines)


# A section (a heading and what follows it) moves to the next page whole rather than
# leave its heading or half its list behind; only one longer than half a page may break.
KEEP = ("#let keep(body) = layout(size => {\n"
        "  let h = measure(block(width: size.width, body)).height\n"
        "  block(breakable: h > size.height * 0.5, width: 100%, body)\n"
        "})")


def _sections(body: tuple[str, ...] | str) -> list[tuple[str, ...]]:
    """Body blocks grouped: each heading with the blocks up to the next heading."""
    blocks_ = (body,) if isinstance(body, str) else body
    out: list[list[str]] = []
    for block in blocks_:
        if not out or _is_heading(block):
            out.append([])
        out[-1].append(block)
    return [tuple(x) for x in out if any(b.strip() for b in x)]


@dataclass(frozen=True)
class Row:
    """One row of a bilingual leaflet: the same part in both languages."""

    cells: tuple[str, str]  # Typst content, one per side
    keep: bool = False  # keep with the next row (a heading with what it heads)
    whole: bool = False  # never split across pages (a step)
    item: bool = False  # a list item: close to the item before it

    def gap(self, after: Row) -> str:
        """The space between this row and the next."""
        if self.keep:
            return "0.9em"
        return "0.5em" if self.item and after.item else "1em"


def _cell(side: Side, markup: str) -> str:
    return f"[{_text_set(side)}\n{markup}\n]"


def _rows(leaflet: Leaflet, folder: Path) -> list[Row]:
    """Title with title, summary with summary, step with step, block with block."""
    a, b = leaflet.sides
    rows = [Row((f"= #{lit(a.title)}", f"= #{lit(b.title)}"), keep=True),
            Row((f"#text(size: 1.15em)[{_inline_md(a.summary)}]",
                 f"#text(size: 1.15em)[{_inline_md(b.summary)}]"))]
    if a.steps or b.steps:
        rows.append(Row((f"== #{lit(a.labels['steps'])}", f"== #{lit(b.labels['steps'])}"),
                        keep=True))
    for i in range(1, max(len(a.steps), len(b.steps)) + 1):
        cells = []
        for s in (a, b):
            if i > len(s.steps):
                cells.append("")
                continue
            pict, text = _step(leaflet, s, i, folder, "3em")
            cells.append(f"#grid(columns: (3.3em, 1fr), column-gutter: 0.5em, {pict}, {text})")
        rows.append(Row((cells[0], cells[1]), whole=True))
    body_a = (a.body,) if isinstance(a.body, str) else a.body
    body_b = (b.body,) if isinstance(b.body, str) else b.body
    for i in range(max(len(body_a), len(body_b))):
        pair = (body_a[i] if i < len(body_a) else "", body_b[i] if i < len(body_b) else "")
        rows.append(Row(pair, keep=any(_is_heading(x) for x in pair),
                        item=all(_is_item(x) for x in pair if x)))
    return rows


def _paired(leaflet: Leaflet, folder: Path) -> str:
    """A bilingual leaflet as a table of aligned rows: each part beside its translation,
    starting on the same line of the same page. A heading stays on the page of the row
    after it: a spanning cell in the middle (gutter) column, unbreakable, holds them
    together."""
    a, b = leaflet.sides
    rows = _rows(leaflet, folder)
    out: list[str] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) - 1 and rows[j].keep:
            j += 1
        span = j - i + 1  # a heading row and what it keeps with, or one row
        for k in range(i, j + 1):
            left, right = (_cell(a, rows[k].cells[0]), _cell(b, rows[k].cells[1]))
            if rows[k].whole:
                left, right = (f"grid.cell(breakable: false, {x})" for x in (left, right))
            middle = ""
            if k == i:
                middle = (f"grid.cell(rowspan: {span}, breakable: false, [])" if span > 1
                          or rows[k].whole else "[]")
            out += [left, middle, right] if middle else [left, right]
        i = j + 1
    gaps = ", ".join(r.gap(n) for r, n in zip(rows, rows[1:]))
    # headings in the table are spaced by its rows (the show rule stays inside the block)
    return ("#block[#show heading: set block(above: 0pt, below: 0pt)\n"
            f"#grid(columns: (1fr, 8mm, 1fr), row-gutter: ({gaps},), "
            + ", ".join(out) + ")]")


def _about(leaflet: Leaflet, sides: tuple[Side, ...], folder: Path) -> str:
    """The 'where does this come from' block, with the phone number large and a QR code.
    In a bilingual leaflet each label is given in both languages, each in its own
    direction (isolated), so no question mark or colon crosses to the other language."""
    import segno

    qr = folder / "qr.svg"
    segno.make(leaflet.url, error="m").save(str(qr), scale=4, border=2)

    def label(key: str, colon: str = "") -> str:
        parts = dict.fromkeys(isolate(s.labels[key] + colon, s.rtl) for s in sides)
        return " / ".join(parts)

    s0 = sides[-1]
    # In two languages: one line each, in its own direction, measured from the ascender
    # (Arabic rises above Latin capitals: the lines touched).
    edges = ('top-edge: "ascender", bottom-edge: "descender", ' if len(sides) > 1 else "")
    heading = "".join(f"#block(below: 0.5em, text(dir: {'rtl' if s.rtl else 'ltr'}, "
                      f"lang: \"{s.lang.split('-')[0]}\", {edges})"
                      f"[#set par(leading: {'0.3em' if edges else '0.8em'})\n"
                      f"== #{lit(s.labels['about'])}])"
                      for s in {s.labels["about"]: s for s in sides}.values())
    # the source line comes with its parts isolated (render/html.py _source_line)
    rows = [heading,
            f"*#{lit(label('source', ':'))}* #{lit(s0.source)} \\",
            f"*#{lit(label('checked', ':'))}* #{lit(isolate(s0.checked))} \\",
            f"*#{lit(label('contact'))}* #{lit(isolate(leaflet.contact_name))}"]
    if leaflet.phone:
        rows.append(f'#block(above: 0.6em, text(size: 2em, weight: "bold", dir: ltr)'
                    f"[#{lit(isolate(leaflet.phone, False))}])")
    url = lit(leaflet.url)
    return (f"#block(breakable: false, width: 100%, stroke: 1.5pt + accent, "
            f"inset: {ABOUT_INSET}pt, radius: 4pt, above: 1.5em)[#grid(columns: (1fr, 3cm), "
            f"column-gutter: 1em, [{chr(10).join(rows)}], "
            f'align(center + horizon)[#image("/qr.svg", width: 3cm, alt: {url})'
            f"#text(size: 0.7em, dir: ltr)[#{url}]])"
            f"#context [#metadata(here().position()) {END}]]")


ABOUT_INSET = 10  # pt
END = "<klaar-end>"  # where the leaflet's content ends (see fit.py)


def _brand_header(leaflet: Leaflet, folder: Path) -> str:
    """`, header: …` with the organisation's logo and name at the top of every page."""
    if not (leaflet.org or leaflet.logo):
        return ""
    parts = []
    if leaflet.logo:
        (folder / "brand-logo.svg").write_text(leaflet.logo, encoding="utf-8")
        alt = lit(leaflet.org or "Logo")
        parts.append(f'box(image("/brand-logo.svg", height: 0.9cm, alt: {alt}))')
    if leaflet.org:
        parts.append(f'box(height: 0.9cm, align(horizon, text(size: 10pt, weight: "bold", '
                     f'fill: rgb("{leaflet.accent}"), {lit(leaflet.org)})))')
    return (", header: align(start + horizon, stack(dir: ltr, spacing: 0.4em, "
            + ", ".join(parts) + "))")


def typst_source(leaflet: Leaflet, paper: str, folder: Path, size: float | None = None) -> str:
    """The Typst document for one leaflet (paper: "a4" or "a5") with body text of `size`
    points (by default the paper's preferred size)."""
    spec = PAPERS[paper]
    main = leaflet.sides[-1]
    size = spec.size if size is None else size
    names = " / ".join(isolate(s.language_name, s.rtl) for s in leaflet.sides)
    head = [
        f"#set document(title: {lit(main.title)}, author: {lit(leaflet.contact_name)}, "
        f"date: datetime(year: {leaflet.date.year}, month: {leaflet.date.month}, "
        f"day: {leaflet.date.day}))",
        f'#let accent = rgb("{leaflet.accent}")',
        f'#set page(paper: "{paper}", margin: {spec.margin_cm}cm, footer: context '
        f"text(size: 9pt)[#{lit(names)} #h(1fr) "
        f'#counter(page).display("1 / 1", both: true)]{_brand_header(leaflet, folder)})',
        f"#set text(font: {FONTS}, size: {size:g}pt, fallback: false)",
        "#set par(leading: 0.8em, justify: false)",
        "#show heading.where(level: 1): set text(size: 2em, fill: accent)",
        "#show heading.where(level: 2): set text(size: 1.3em)",
        "#show heading: set block(above: 1.2em, below: 0.7em)",
        "#show link: set text(fill: accent)",
        _text_set(main),
        KEEP,
    ]
    if len(leaflet.sides) == 1:
        content = _single(leaflet, main, folder)
    else:
        content = _paired(leaflet, folder)
    return "\n".join(head + [content, _about(leaflet, leaflet.sides, folder)]) + "\n"


@lru_cache(maxsize=1)
def code_hash() -> str:
    """What a leaflet is made with besides its content: this layout code, the fonts and
    Typst's version (a leaflet's task key includes it)."""
    import typst

    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(Path(__file__).with_name("leaflet_fit.py").read_bytes())
    h.update(_fonts_hash().encode() + getattr(typst, "__version__", "").encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _fonts_hash() -> str:
    h = hashlib.sha256()
    for path in sorted(FONT_DIR.glob("*.ttf")):
        h.update(path.read_bytes())
    return h.hexdigest()


def compile_pdf(leaflet: Leaflet, paper: str, cache: Path | None = None) -> bytes:
    """The PDF bytes of a leaflet; from the cache when its source, images and fonts are
    unchanged. Tagged PDF/UA-1 with the language of each text. The body text size is
    chosen so that no page is left nearly empty (leaflet_fit.py)."""
    import typst

    from . import leaflet_fit

    spec = PAPERS[paper]
    with tempfile.TemporaryDirectory(prefix="klaar-pdf-") as tmp:
        folder = Path(tmp)
        typ = folder / "leaflet.typ"
        source = typst_source(leaflet, paper, folder)
        h = hashlib.sha256(source.encode("utf-8") + Path(leaflet_fit.__file__).read_bytes())
        for f in sorted(folder.glob("*.svg")):
            h.update(f.read_bytes())
        h.update(_fonts_hash().encode() + getattr(typst, "__version__", "").encode())
        hit = cache / f"{h.hexdigest()}.pdf" if cache else None
        cached = load(hit)
        if cached is not None:
            return cached

        typ.write_text(source, encoding="utf-8")
        stamp = dt.datetime.combine(leaflet.date, dt.time(12), dt.UTC).timestamp()
        try:
            # one compiler for the sizes tried and the PDF: fonts are read once, and each
            # layout reuses what did not change
            compiler = typst.Compiler(input=str(typ), root=str(folder),
                                      font_paths=[str(FONT_DIR)], ignore_system_fonts=True)

            def measure(size: float) -> leaflet_fit.Extent:
                typ.write_text(typst_source(leaflet, paper, folder, size), encoding="utf-8")
                return leaflet_fit.extent(compiler, spec.height_pt, spec.margin_cm, END,
                                          ABOUT_INSET)

            size = leaflet_fit.choose_size(spec.size, spec.smallest, spec.largest, measure)
            typ.write_text(typst_source(leaflet, paper, folder, size), encoding="utf-8")
            data = compiler.compile(pdf_standards=["ua-1"], timestamp=int(stamp))
            assert isinstance(data, bytes)  # PDF output is one file (images: a list)
        except Exception as exc:  # noqa: BLE001 - typst reports layout problems as errors
            raise PdfError(f"{leaflet.path}: [{leaflet.sides[-1].lang}] leaflet ({paper}): "
                           f"{exc}") from None
    store(hit, data)
    return data
