"""Cards, posters and link previews for 1 to 8 steps: every step drawn, no empty cell, no
text outside its box; more steps than fit: a warning naming the message file."""

import logging

import pytest

from conftest import write
from render.test_png import ICONS, REPO
from toolkit import pipeline
from toolkit.extract import template_strings
from toolkit.render import png
from toolkit.render.html import SiteRenderer
from toolkit.render.png import FORMATS, MAX_STEPS, compose, row_counts

STEPS = ["Maak je handen nat onder de kraan.", "Doe zeep op je handen.",
         "Wrijf je handen 20 seconden over elkaar.", "Spoel de zeep eraf met water.",
         "Droog je handen goed af.", "Blijf in de schaduw als het warm is.",
         "Bel de huisarts: 088 123 4567.", "Lees de brief van de GGD goed."]
AR = ["بلّل يديك تحت الحنفية.", "ضع الصابون على يديك.", "افرك يديك ببعضهما 20 ثانية.",
      "اشطف الصابون بالماء.", "جفّف يديك جيداً.", "ابق في الظل.",
      "اتصل بطبيب العائلة 088 123 4567.", "اقرأ رسالة GGD."]


def info(count: int, lang: str = "nl") -> png.Infographic:
    icons = (ICONS * 2)[:count]
    texts = (AR if lang == "ar" else STEPS)[:count]
    return png.Infographic(
        slug="test", path="content/test.md", lang=lang, rtl=lang == "ar",
        title="Was je handen",
        steps=tuple(((REPO / "pictograms" / i).read_text(encoding="utf-8"), t)
                    for i, t in zip(icons, texts)),
        source="Bron: RIVM, 1 september 2025", contact="GGD · 088 123 4567",
        language_name="Nederlands", contact_name="GGD", phone="088 123 4567",
        url="https://gezond.example.nl/nl/test/")


def test_rows_are_spread_evenly_fuller_rows_first():
    assert row_counts(5, 2) == (2, 2, 1)
    assert row_counts(7, 2) == (2, 2, 2, 1)
    assert row_counts(6, 4) == (3, 3)
    assert row_counts(7, 4) == (4, 3)
    assert row_counts(3, 8) == (3,)
    assert all(sum(row_counts(n, c)) == n for n in range(1, 9) for c in (1, 2, 3, 4, 8))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("count", range(1, MAX_STEPS + 1))
def test_every_step_count_fills_its_grid(count, fmt):
    rendered = compose(info(count), FORMATS[fmt])
    assert len(rendered.cells) == count
    gx, gy, gw, gh = rendered.grid_box
    rows: dict[float, list] = {}
    for cell in rendered.cells:
        rows.setdefault(round(cell[1], 3), []).append(cell)
    for y, cells in rows.items():
        cells.sort()
        # no empty cell: each row runs from the band's start to its end
        assert cells[0][0] == pytest.approx(gx, abs=1), (count, fmt, y)
        right = cells[-1][0] + cells[-1][2]
        assert right == pytest.approx(gx + gw, abs=1), (count, fmt, y, right)
    bottom = max(c[1] + c[3] for c in rendered.cells)
    assert bottom == pytest.approx(gy + gh, abs=1)  # and the rows fill the band
    for (x, y, w, h), (left, top, right, low) in rendered.text_boxes:
        assert left >= x - 1 and right <= x + w + 1 and top >= y - 1 and low <= y + h + 1


@pytest.mark.parametrize("count", [5, 7, 8])
def test_right_to_left_grids_are_mirrored(count):
    ltr = compose(info(count), FORMATS["card"])
    rtl = compose(info(count, "ar"), FORMATS["card"])
    gx, _, gw, _ = ltr.grid_box
    for a, b in zip(ltr.cells, rtl.cells):  # in reading order: step 1 at the right
        assert b[0] == pytest.approx(2 * gx + gw - a[0] - a[2], abs=1)
        assert b[1] == pytest.approx(a[1], abs=1)


def test_eight_steps_keep_legible_pictograms_on_the_card():
    """Eight steps in one column would shrink pictograms to thumbnails: two columns."""
    rendered = compose(info(8), FORMATS["card"])
    widths = {round(c[2]) for c in rendered.cells}
    assert max(widths) < FORMATS["card"].size[0] / 2


MESSAGE = """\
---
title: Veel stappen
summary: Een bericht met veel stappen.
level: A2
steps:
{steps}
source:
  name: RIVM
  date: 2025-01-01
reviewed: 2025-06-01
contact:
  name: GGD
  phone: 088 123 4567
---

Een zin.
"""
PICTOGRAMS = ["soap", "shade", "sun", "clock", "towel", "letter", "glass-of-water", "tissue",
              "night"]


def _message(project, slug: str, count: int) -> None:
    steps = "\n".join(f"  - pictogram: {PICTOGRAMS[i]}\n    text: Doe stap {i + 1} goed."
                      for i in range(count))
    write(project / "content" / f"{slug}.md", MESSAGE.format(steps=steps))


def test_seven_steps_keep_their_images_nine_are_refused_with_a_warning(project, caplog):
    _message(project, "zeven", 7)
    _message(project, "negen", 9)
    site = pipeline.run(project, pipeline.STAGES[:2])
    renderer = SiteRenderer(site.config, site.library, list(site.messages), site.catalogs,
                            [u.msgid for u in template_strings(site.config)])
    with caplog.at_level(logging.WARNING, logger="klaar"):
        paths = {p for t in renderer.tasks() for p in t.paths}
    assert {"nl/zeven/card.png", "nl/zeven/poster.png", "nl/zeven/preview.png"} <= paths
    assert not any(p.startswith("nl/negen/") and p.endswith(".png") for p in paths)
    assert "nl/negen/index.html" in paths and "nl/negen/leaflet-a4.pdf" in paths
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("content/negen.md" in w and "9 steps" in w for w in warnings), warnings
    assert not any("zeven" in w for w in warnings)
