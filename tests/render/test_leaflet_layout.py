"""Leaflet layout read back from the PDF (pdfplumber): a bilingual leaflet starts each
step and heading beside its translation, mixed-direction lines keep their order, and no
A5 page is left nearly empty."""

import io
import re

import pdfplumber
import pytest

from render.test_pdf import leaflet, side
from toolkit import pipeline
from toolkit.extract import template_strings
from toolkit.render import pdf
from toolkit.render.html import SiteRenderer

UK_LABELS = {"steps": "Що потрібно робити?", "about": "Звідки ця інформація?",
             "source": "Джерело", "checked": "Перевірено", "contact": "Є питання?"}
AR_LABELS = {"steps": "ماذا يجب أن تفعل؟", "about": "من أين تأتي هذه المعلومات؟",
             "source": "المصدر", "checked": "تمت المراجعة في", "contact": "أسئلة؟"}
NL_STEPS = ("Drink elke dag 1,5 tot 2 liter water.", "Doe overdag de gordijnen dicht.",
            "Blijf tussen 12.00 en 15.00 uur uit de zon.", "Bel of bezoek oudere mensen.",
            "Laat een kind nooit alleen in de auto.", "Eet kleine porties.",
            "Draag lichte kleren.", "Bel 088 123 4567 als je je zorgen maakt.")
# Ukrainian steps several times longer than the Dutch: rows must still start together.
UK_STEPS = tuple(("Пийте щодня від 1,5 до 2 літрів води, навіть якщо не відчуваєте "
                  "спраги, і давайте воду дітям та людям похилого віку. ") * (1 + i % 3)
                 for i in range(8))
NL_BODY = ("== #\"Let op deze klachten\"", "- #\"Je hebt hoofdpijn.\"", "- #\"Je bent moe.\"",
           "#\"Heb je deze klachten? Ga naar een koele plek.\"")
UK_BODY = ("== #\"Зверніть увагу на ці симптоми\"", "- #\"У вас болить голова.\"",
           "- #\"Ви дуже втомлені.\"",
           "#\"Маєте ці симптоми? Ідіть у прохолодне місце і пийте воду.\"")


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def step_numbers(doc: pdfplumber.PDF) -> dict[int, list[tuple[int, float, float]]]:
    """Step number → where each language's "N." starts: (page, top, x)."""
    found: dict[int, list[tuple[int, float, float]]] = {}
    for page in doc.pages:
        for word in page.extract_words(extra_attrs=["fontname"]):
            m = re.fullmatch(r"(\d)\.|\.(\d)", word["text"])
            if m and "Bold" in word["fontname"]:
                n = int(m.group(1) or m.group(2))
                found.setdefault(n, []).append((page.page_number, word["top"], word["x0"]))
    return found


def first_word(doc: pdfplumber.PDF, text: str) -> tuple[int, float]:
    for page in doc.pages:
        for word in page.extract_words():
            if word["text"] == text:
                return page.page_number, word["top"]
    raise AssertionError(f"{text!r} not in the leaflet")


@pytest.mark.parametrize("count", [3, 8])
def test_each_step_starts_beside_its_translation(count):
    nl = side(steps=NL_STEPS[:count], body=NL_BODY)
    uk = side("uk", "Спека", UK_STEPS[:count], body=UK_BODY, labels=UK_LABELS,
              name="Українська")
    doc = open_pdf(pdf.compile_pdf(leaflet(nl, uk), "a4"))
    steps = step_numbers(doc)
    assert sorted(steps) == list(range(1, count + 1)), steps
    half = doc.pages[0].width / 2
    for n, places in steps.items():
        assert len(places) == 2, (n, places)
        (page_a, top_a, x_a), (page_b, top_b, x_b) = places
        assert page_a == page_b, f"step {n}: Dutch on page {page_a}, Ukrainian on {page_b}"
        assert abs(top_a - top_b) < 2, f"step {n} starts at {top_a} and {top_b}"
        assert (x_a < half) != (x_b < half)  # one in each column
    # the heading beside its translation, on the same page
    assert first_word(doc, "Let") == pytest.approx(first_word(doc, "Зверніть"), abs=2)
    if count == 8:
        assert len(doc.pages) >= 2  # the long steps do flow over pages, still paired


def test_long_steps_have_a_gap_between_rows():
    nl = side(steps=NL_STEPS[:4])
    uk = side("uk", "Спека", UK_STEPS[:4], labels=UK_LABELS, name="Українська")
    doc = open_pdf(pdf.compile_pdf(leaflet(nl, uk), "a4"))
    page = doc.pages[0]
    steps = step_numbers(doc)
    half = page.width / 2
    for n in range(1, 4):
        next_top = steps[n + 1][0][1]
        for left in (True, False):
            column = [c for c in page.chars if (c["x0"] < half) == left
                      and steps[n][0][1] - 1 <= c["top"] < next_top - 1]
            bottom = max(c["bottom"] for c in column)
            assert next_top - bottom >= 6, f"step {n} touches step {n + 1}"


def test_bilingual_labels_keep_their_punctuation_right_to_left():
    """nl–ar: 'Waar komt deze informatie vandaan?' keeps its question mark at its end,
    'Bron:' its colon; the Latin source name stays whole with the Arabic comma after it."""
    nl = side(steps=NL_STEPS[:2])
    ar = pdf.Side(lang="ar", rtl=True, title="الجو حار جداً", summary="اشرب الماء.", body=(),
                  steps=tuple((s[0], t) for s, t in zip(nl.steps, ("اشرب الماء.", "ابق في الظل."))),
                  labels=AR_LABELS, source="\u2068RIVM, Nationaal Hitteplan\u2069\u060c "
                  "\u206820\u00a0مايو\u00a02025\u2069", checked="12 أكتوبر 2026",
                  language_name="العربية")
    doc = open_pdf(pdf.compile_pdf(leaflet(nl, ar), "a4"))
    lines = doc.pages[0].extract_text().splitlines()
    text = "\n".join(lines)
    assert "Waar komt deze informatie vandaan?" in text, text
    assert "?Waar" not in text and "vandaan /" not in text
    assert "Bron:" in text and "Gecontroleerd op:" in text
    assert "RIVM, Nationaal Hitteplan" in text


def test_phone_number_keeps_its_order_in_arabic():
    ar = pdf.Side(lang="ar", rtl=True, title="اتصل", summary="اتصل.", body=(),
                  steps=((side().steps[0][0], "اتصل بالرقم 088 123 4567 الآن."),),
                  labels=AR_LABELS, source="RIVM", checked="2026",
                  language_name="العربية")
    doc = open_pdf(pdf.compile_pdf(leaflet(ar), "a4"))
    visual = re.sub(r"\s", "", doc.pages[0].extract_text())
    assert "0881234567" in visual and "4567123088" not in visual


# -- A5: every page well used ----------------------------------------------------------

def used_share(page) -> float:
    """The share of the page's type area (inside the margins, above the footer) that its
    content's bounding box covers."""
    margin = 1.5 * 72 / 2.54
    objects = [o for o in page.chars + page.images + page.rects + page.curves + page.lines
               if o["bottom"] < page.height - margin]  # not the footer line
    if not objects:
        return 0.0
    x0, x1 = min(o["x0"] for o in objects), max(o["x1"] for o in objects)
    top, bottom = min(o["top"] for o in objects), max(o["bottom"] for o in objects)
    area = (page.width - 2 * margin) * (page.height - 2 * margin)
    return (x1 - x0) * (bottom - top) / area


def assert_pages_well_used(data: bytes, what: str) -> int:
    doc = open_pdf(data)
    for page in doc.pages:
        share = used_share(page)
        assert share >= 1 / 3, f"{what}: page {page.page_number} is {share:.0%} used"
    return len(doc.pages)


def test_example_messages_fill_their_a5_pages(project):
    site = pipeline.run(project, pipeline.STAGES[:2])
    renderer = SiteRenderer(site.config, site.library, list(site.messages), site.catalogs,
                            [u.msgid for u in template_strings(site.config)])
    checked = 0
    for m in site.messages:
        for lang in ("nl", "ar", "uk"):
            if not renderer.available(m, lang):
                continue
            leaflet_, paper = renderer._leaflet_specs(m, lang)["leaflet-a5.pdf"]
            assert_pages_well_used(pdf.compile_pdf(leaflet_, paper), f"{m.slug} [{lang}]")
            checked += 1
    assert checked >= 8


LONG = ("Als het heel warm is, drink dan ook water als je geen dorst hebt, want je lichaam "
        "verliest veel vocht. ")


@pytest.mark.parametrize("count", range(1, 9))
def test_generated_messages_fill_their_a5_pages(count):
    steps = tuple(LONG * (1 + (i + count) % 3) for i in range(count))
    body = []
    for section in range(count % 4):
        body.append(f'== #"Deel {section + 1}"')
        body += [f'- #"{LONG}"'] * (1 + section) + [f'#"{LONG * 2}"']
    pages = assert_pages_well_used(
        pdf.compile_pdf(leaflet(side(steps=steps, body=tuple(body))), "a5"),
        f"{count} steps")
    assert pages <= 1 + count  # it flows on, it does not blow up


def test_a_leaflet_that_just_overflows_gets_a_smaller_size_not_a_near_empty_page():
    """Content a few lines longer than one A5 page at the preferred size: one page at a
    smaller, still legible size."""
    from toolkit.render import leaflet_fit

    sizes = {}

    def measure(size):
        # one page up to 10.5 pt; at 11 pt a few lines run over
        sizes[size] = leaflet_fit.Extent(1 if size <= 10.5 else 2, 0.05)
        return sizes[size]

    assert leaflet_fit.choose_size(11, 9.5, 12.5, measure) == 10.5
    assert leaflet_fit.choose_size(11, 9.5, 12.5,
                                   lambda s: leaflet_fit.Extent(1, 0.9)) == 11

