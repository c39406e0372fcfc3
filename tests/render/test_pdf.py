"""Leaflets: fonts embedded, text extractable, QR code right, long text flows on, Arabic
shaped, languages marked."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pypdf
import pytest

from conftest import REPO
from toolkit.render import pdf

PICT = (REPO / "pictograms/klaar/soap.svg").read_text(encoding="utf-8")
LABELS = {"steps": "Wat moet je doen?", "about": "Waar komt deze informatie vandaan?",
          "source": "Bron", "checked": "Gecontroleerd op", "contact": "Vragen?"}
URL = "https://gezond.example.nl/uk/griepprik/"


def side(lang="nl", title="Was je handen", steps=("Doe zeep op je handen.",), body="",
         rtl=False, labels=None, name="Nederlands"):
    return pdf.Side(lang=lang, rtl=rtl, title=title, summary=title, body=body,
                    steps=tuple((PICT, s) for s in steps), labels=labels or LABELS,
                    source="RIVM, 1 september 2025", checked="12 oktober 2026",
                    language_name=name)


def leaflet(*sides, url=URL):
    return pdf.Leaflet(slug="test", path="content/test.md", url=url,
                       contact_name="GGD Voorbeeldregio", phone="088 123 4567", sides=sides,
                       date=dt.date(2026, 10, 12))


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def fonts(r: pypdf.PdfReader) -> dict[str, bool]:
    """BaseFont → embedded, for every font on every page."""
    out = {}
    for page in r.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
                else font
            desc = descendant["/FontDescriptor"].get_object()
            out[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2",
                                                                   "/FontFile3"))
    return out


@pytest.mark.parametrize("lang,title,step,name", [
    ("nl", "Was je handen", "Doe zeep op je handen.", "Nederlands"),
    ("uk", "Мийте руки", "Нанесіть мило на руки.", "Українська"),
    ("zh-Hans", "洗手", "在手上抹肥皂。", "中文"),
])
def test_fonts_embedded_and_text_extractable(lang, title, step, name):
    data = pdf.compile_pdf(leaflet(side(lang, title, (step,), name=name)), "a4")
    r = reader(data)
    embedded = fonts(r)
    assert embedded and all(embedded.values()), embedded
    text = "".join(p.extract_text() for p in r.pages)
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", title) in flat
    assert re.sub(r"\s+", "", step) in flat
    assert "0881234567" in flat  # the phone number, in large type
    assert r.trailer["/Root"]["/Lang"] == lang.split("-")[0]  # the PDF's language
    assert r.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged PDF


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_qr_code_opens_the_page(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    path = tmp_path / "leaflet.pdf"
    path.write_bytes(pdf.compile_pdf(leaflet(side()), "a4"))
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    found = [b.text for b in zxingcpp.read_barcodes(image)]
    assert found == [URL]


def test_long_content_flows_onto_more_pages_at_a_legible_size(tmp_path):
    short = reader(pdf.compile_pdf(leaflet(side()), "a4"))
    body = "\n\n".join(f'#"{"Dit is een zin in een lange tekst. " * 12}"' for _ in range(30))
    long = reader(pdf.compile_pdf(leaflet(side(body=body)), "a4"))
    assert len(short.pages) == 1
    assert len(long.pages) >= 3
    # the source's pictograms and QR code go to a scratch folder, never the repository
    assert "size: 12pt" in pdf.typst_source(leaflet(side()), "a4", tmp_path)  # body, A4
    assert "size: 11pt" in pdf.typst_source(leaflet(side()), "a5", tmp_path)


def _glyphs_per_font(r: pypdf.PdfReader) -> dict[str, set[bytes]]:
    """Glyph ids drawn with each font: Identity-H fonts show two bytes a glyph."""
    from pypdf.generic import ContentStream

    out: dict[str, set[bytes]] = {}
    page = r.pages[0]
    names = {str(k): str(v.get_object()["/BaseFont"])
             for k, v in page["/Resources"]["/Font"].items()}
    font = None
    for operands, operator in ContentStream(page.get_contents(), r).operations:
        if operator == b"Tf":
            font = names.get(str(operands[0]))
        elif operator in (b"Tj", b"TJ") and font:
            strings = operands[0] if operator == b"TJ" else operands
            for item in strings:
                if isinstance(item, (bytes, str)):
                    raw = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                    out.setdefault(font, set()).update(raw[i:i + 2]
                                                       for i in range(0, len(raw), 2))
    return out


def test_arabic_is_drawn_from_shaped_glyphs():
    """One letter in four positions: shaping draws four different glyphs; unshaped
    text would draw the same glyph four times."""
    beh = "ب"
    arabic = side("ar", f"{beh * 3} {beh}", (f"{beh * 3} {beh}",), rtl=True,
                  labels={k: beh for k in LABELS}, name=beh)
    r = reader(pdf.compile_pdf(leaflet(arabic), "a4"))
    glyphs = _glyphs_per_font(r)
    # in one font (regular: the step text), initial, medial, final and isolated beh
    assert max(len(g) for f, g in glyphs.items() if "Arabic" in f) >= 4, glyphs


def test_bilingual_leaflet_has_both_languages():
    nl = side()
    uk = side("uk", "Мийте руки", ("Нанесіть мило на руки.",), name="Українська")
    text = "".join(p.extract_text() for p in reader(pdf.compile_pdf(leaflet(nl, uk),
                                                                     "a4")).pages)
    assert "Was je handen" in text and "Мийте руки" in text
    assert "Nederlands / Українська" in text


def test_text_is_data_never_markup():
    """A translation with Typst syntax is printed, not executed."""
    evil = side(title='#set page(fill: red) = "x" ] [ #panic("boom")')
    text = reader(pdf.compile_pdf(leaflet(evil), "a4")).pages[0].extract_text()
    assert '#panic("boom")' in text


def test_same_leaflet_same_bytes_and_cache(tmp_path):
    a = pdf.compile_pdf(leaflet(side()), "a4")
    assert pdf.compile_pdf(leaflet(side()), "a4") == a
    assert pdf.compile_pdf(leaflet(side()), "a4", tmp_path) == a
    assert len(list(tmp_path.glob("*.pdf"))) == 1
    pdf.compile_pdf(leaflet(side(title="Was je handen goed")), "a4", tmp_path)
    assert len(list(tmp_path.glob("*.pdf"))) == 2
