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
from .cache import load, store
from .textlayout import FONT_DIR

ACCENT = "#0b4f8a"
FONTS = '("Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "Noto Sans SC")'


class PdfError(KlaarError):
    """Typst could not make the leaflet."""


def lit(text: str) -> str:
    """A Typst string literal: the text is data, never markup."""
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


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


def blocks(tokens) -> str:
    """markdown-it block tokens → Typst markup (headings, paragraphs, lists)."""
    out: list[str] = []
    prefix = ""
    for tok in tokens:
        t = tok.type
        if t == "heading_open":
            prefix = "=" * max(2, int(tok.tag[1])) + " "
        elif t == "bullet_list_open":
            out.append("")
        elif t == "ordered_list_open":
            out.append("")
        elif t == "list_item_open":
            prefix = "- " if tok.markup in "-*+" else "+ "
        elif t == "inline":
            out.append(prefix + inline(tok.children))
            prefix = ""
        elif t in ("paragraph_close", "heading_close", "bullet_list_close",
                   "ordered_list_close"):
            if not (t == "paragraph_close" and tok.hidden):
                out.append("")
    return "\n".join(out)


@dataclass(frozen=True)
class Side:
    """One language's side of a leaflet: its texts and labels, already translated."""

    lang: str
    rtl: bool
    title: str
    summary: str  # inline Markdown
    steps: tuple[tuple[str, str], ...]  # (pictogram svg, inline Markdown)
    body: str  # Typst markup made by blocks()
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
    accent: str = ACCENT  # [brand] color: headings, step numbers, links, the box's border
    org: str = ""  # [brand] name and cleaned logo, at the top of every page
    logo: str = ""


def _text_set(side: Side) -> str:
    return f'#set text(lang: "{side.lang.split("-")[0]}", dir: {"rtl" if side.rtl else "ltr"})'


def _svg_file(folder: Path, svg: str, name: str, color: str = ACCENT) -> str:
    (folder / name).write_text(svg.replace("currentColor", color), encoding="utf-8")
    return f"/{name}"


def _inline_md(text: str) -> str:
    from ..load import markdown

    return inline(markdown().parseInline(text)[0].children)


def _single(leaflet: Leaflet, side: Side, folder: Path) -> str:
    lines = [_text_set(side), f"= #{lit(side.title)}",
             f"#block(above: 0.8em, below: 1.2em, text(size: 1.25em)[{_inline_md(side.summary)}])"]
    if side.steps:
        lines.append(f"== #{lit(side.labels['steps'])}")
        cells = []
        for i, (svg, text) in enumerate(side.steps, 1):
            img = _svg_file(folder, svg, f"step{i}-{side.lang}.svg", leaflet.accent)
            alt = lit(_plain(text))
            cells.append(f'box(width: 2.2cm, image("{img}", width: 2cm, alt: {alt}))')
            cells.append(f"align(horizon)[#text(size: 1.15em)[#text(weight: \"bold\", "
                         f"fill: rgb(\"{leaflet.accent}\"))[{i}.] {_inline_md(text)}]]")
        lines.append("#grid(columns: (2.4cm, 1fr), row-gutter: 0.5em, column-gutter: 0.4em, "
                     + ", ".join(cells) + ")")
    lines.append(side.body)
    return "\n".join(lines)


def _plain(text: str) -> str:
    from .html import plain_text

    return plain_text(text)


def _about(leaflet: Leaflet, sides: tuple[Side, ...], folder: Path) -> str:
    """The 'where does this come from' block, with the phone number large and a QR code."""
    import segno

    qr = folder / "qr.svg"
    segno.make(leaflet.url, error="m").save(str(qr), scale=4, border=2)
    label = lambda key: " / ".join(dict.fromkeys(s.labels[key] for s in sides))  # noqa: E731
    s0 = sides[-1]
    rows = [f"== #{lit(label('about'))}",
            f"*#{lit(label('source'))}:* #{lit(s0.source)} \\",
            f"*#{lit(label('checked'))}:* #{lit(s0.checked)} \\",
            f"*#{lit(label('contact'))}* #{lit(leaflet.contact_name)}"]
    if leaflet.phone:
        rows.append(f'#block(above: 0.6em, text(size: 2em, weight: "bold", dir: ltr)'
                    f"[#{lit(leaflet.phone)}])")
    url = lit(leaflet.url)
    return (f'#block(breakable: false, width: 100%, stroke: 1.5pt + rgb("{leaflet.accent}"), '
            f"inset: 10pt, radius: 4pt, above: 1.5em)[#grid(columns: (1fr, 3cm), "
            f"column-gutter: 1em, [{chr(10).join(rows)}], "
            f'align(center + horizon)[#image("/qr.svg", width: 3cm, alt: {url})'
            f"#text(size: 0.7em, dir: ltr)[#{url}]])]")


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


def typst_source(leaflet: Leaflet, paper: str, folder: Path) -> str:
    """The Typst document for one leaflet (paper: "a4" or "a5")."""
    main = leaflet.sides[-1]
    body_size = "12pt" if paper == "a4" else "11pt"
    names = " / ".join(s.language_name for s in leaflet.sides)
    head = [
        f"#set document(title: {lit(main.title)}, author: {lit(leaflet.contact_name)}, "
        f"date: datetime(year: {leaflet.date.year}, month: {leaflet.date.month}, "
        f"day: {leaflet.date.day}))",
        f'#set page(paper: "{paper}", margin: (x: {"2cm" if paper == "a4" else "1.5cm"}, '
        f'y: {"2cm" if paper == "a4" else "1.5cm"}), footer: context text(size: 9pt)'
        f'[#{lit(names)} #h(1fr) #counter(page).display("1 / 1", both: true)]'
        f'{_brand_header(leaflet, folder)})',
        f"#set text(font: {FONTS}, size: {body_size}, fallback: false)",
        "#set par(leading: 0.8em, justify: false)",
        f'#show heading.where(level: 1): set text(size: 2em, fill: rgb("{leaflet.accent}"))',
        "#show heading.where(level: 2): set text(size: 1.3em)",
        "#show heading: set block(above: 1.2em, below: 0.7em)",
        f'#show link: set text(fill: rgb("{leaflet.accent}"))',
        _text_set(main),
    ]
    if len(leaflet.sides) == 1:
        content = _single(leaflet, main, folder)
    else:
        cells = [f"[{_single(leaflet, s, folder)}]" for s in leaflet.sides]
        content = ("#grid(columns: (1fr, 1fr), column-gutter: 8mm, " + ", ".join(cells)
                   + ")")
    return "\n".join(head + [content, _about(leaflet, leaflet.sides, folder)]) + "\n"


@lru_cache(maxsize=1)
def code_hash() -> str:
    """What a leaflet is made with besides its content: this layout code, the fonts and
    Typst's version (a leaflet's task key includes it)."""
    import typst

    h = hashlib.sha256(Path(__file__).read_bytes())
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
    unchanged. Tagged PDF/UA-1 with the language of each text."""
    import typst

    with tempfile.TemporaryDirectory(prefix="klaar-pdf-") as tmp:
        folder = Path(tmp)
        source = typst_source(leaflet, paper, folder)
        (folder / "leaflet.typ").write_text(source, encoding="utf-8")
        h = hashlib.sha256(source.encode("utf-8"))
        for f in sorted(folder.glob("*.svg")):
            h.update(f.read_bytes())
        h.update(_fonts_hash().encode() + getattr(typst, "__version__", "").encode())
        hit = cache / f"{h.hexdigest()}.pdf" if cache else None
        cached = load(hit)
        if cached is not None:
            return cached
        stamp = dt.datetime.combine(leaflet.date, dt.time(12), dt.timezone.utc).timestamp()
        try:
            data = typst.compile(str(folder / "leaflet.typ"), root=str(folder),
                                 font_paths=[str(FONT_DIR)], ignore_system_fonts=True,
                                 pdf_standards=["ua-1"], timestamp=int(stamp))
        except Exception as exc:  # noqa: BLE001 - typst reports layout problems as errors
            raise PdfError(f"{leaflet.path}: [{leaflet.sides[-1].lang}] leaflet ({paper}): "
                           f"{exc}") from None
    store(hit, data)
    return data
