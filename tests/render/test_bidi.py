"""Mixed-direction strings keep their order: isolates in cards (both shaping paths), pages
and the share text."""

import re

import pytest
from PIL import features

from toolkit import pipeline
from toolkit.extract import template_strings
from toolkit.render import bidi, share
from toolkit.render.bidi import FSI, LRI, PDI, RLI
from toolkit.render.html import SiteRenderer
from toolkit.render.textlayout import Style, fit

SOURCE_AR = f"المصدر: {FSI}RIVM, Nationaal Hitteplan{PDI}\u060c {FSI}20\u00a0مايو\u00a02025{PDI}"


def balanced(line: str) -> bool:
    depth = 0
    for ch in line:
        if ch in bidi.OPENERS:
            depth += 1
        elif ch == PDI:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def test_isolate_and_join():
    assert bidi.isolate("RIVM") == FSI + "RIVM" + PDI
    assert bidi.isolate("088", rtl=False) == LRI + "088" + PDI
    assert bidi.isolate("مرحبا", rtl=True) == RLI + "مرحبا" + PDI
    assert bidi.isolate("") == ""
    assert bidi.joined(("RIVM, Hitteplan", "20 mei"), "nl") == \
        f"{FSI}RIVM, Hitteplan{PDI}, {FSI}20 mei{PDI}"
    assert "\u060c" in bidi.joined(("RIVM", "20"), "ar")  # the Arabic comma
    assert bidi.strip_controls(SOURCE_AR) == \
        "المصدر: RIVM, Nationaal Hitteplan\u060c 20\u00a0مايو\u00a02025"


def test_an_isolate_broken_across_lines_is_closed_and_reopened():
    lines = bidi.balance([f"a {FSI}b c", "d e", f"f{PDI} g"])
    assert lines == [f"a {FSI}b c{PDI}", f"{FSI}d e{PDI}", f"{FSI}f{PDI} g"]


def test_wrapped_lines_of_a_card_each_keep_their_isolates():
    style = Style.for_lang("ar", rtl=True)
    fitted = fit(SOURCE_AR, style, 220, 1000, 30, 30)
    assert fitted is not None and len(fitted.lines) >= 2
    assert all(balanced(line) for line in fitted.lines), fitted.lines
    # the date is joined with no-break spaces: it never breaks across lines
    assert any("20\u00a0مايو\u00a02025" in line for line in fitted.lines), fitted.lines


def test_without_raqm_the_source_line_keeps_its_order_and_draws_no_controls(monkeypatch):
    """The pip-only shaping path (python-bidi) honours the isolates: the Latin name stays
    whole, the Arabic comma follows it (to its left), and no control is drawn as a box."""
    monkeypatch.setattr(features, "check", lambda name: False if name == "raqm" else True)
    style = Style.for_lang("ar", rtl=True)
    visual = style.visual(SOURCE_AR)
    assert not set(visual) & bidi.CONTROLS
    assert "RIVM, Nationaal Hitteplan" in visual
    assert visual.index("\u060c") < visual.index("RIVM")  # after the name, reading RTL
    assert visual.index("2025") < visual.index("\u060c")  # the date comes last
    ltr = Style.for_lang("nl", rtl=False)
    assert ltr.visual(f"Bron: {FSI}RIVM{PDI}") == "Bron: RIVM"


def test_a_phone_number_in_an_arabic_step_keeps_its_digit_order(monkeypatch):
    monkeypatch.setattr(features, "check", lambda name: False if name == "raqm" else True)
    style = Style.for_lang("ar", rtl=True)
    fitted = fit("اتصل بطبيب العائلة 088 123 4567.", style, 2000, 200, 30, 30)
    visual = style.visual(fitted.lines[0])
    assert re.search(r"088\s123\s4567", visual), visual


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("bidi") / "project")
    site = pipeline.run(project, pipeline.STAGES[:2])
    return SiteRenderer(site.config, site.library, list(site.messages), site.catalogs,
                        [u.msgid for u in template_strings(site.config)])


def test_arabic_page_isolates_sizes_and_the_source(renderer):
    m = next(m for m in renderer.messages if m.slug == "hitte")
    html = renderer._message(renderer.env("ar"), m, "ar", {"poster": 95_000, "card": 60_000},
                             {"leaflet-a4.pdf": 40_000, "leaflet-a5.pdf": 39_000})
    # "(93 kB)", never "(kB 93)": every size is a left-to-right isolate
    assert re.search(r'<bdi class="size" dir="ltr">\(93\xa0kB\)</bdi>', html), html
    assert re.search(r'<bdi class="size" dir="ltr">\(PDF, 39\xa0kB\)</bdi>', html)
    assert '<span class="size">' not in html
    # the Dutch source name isolated, then the Arabic comma, then the date isolated
    assert re.search(r'<bdi lang="nl"><a href="[^"]+">RIVM, Nationaal Hitteplan</a></bdi>'
                     r"\u060c <bdi>[^<]*2025</bdi>", html), html


def test_card_source_line_is_isolated(renderer):
    m = next(m for m in renderer.messages if m.slug == "hitte")
    info = renderer._infographic(m, "ar")
    assert f"{FSI}RIVM, Nationaal Hitteplan{PDI}\u060c {FSI}" in info.source
    assert balanced(info.source) and balanced(info.contact)
    nl = renderer._infographic(m, "nl")
    assert f"{FSI}RIVM, Nationaal Hitteplan{PDI}, {FSI}20\u00a0mei\u00a02025{PDI}" in nl.source


def test_share_text_isolates_the_phone_number_right_to_left():
    text = share.share_text("عنوان", ["خطوة"], "أسئلة؟", "088 123 4567", "https://x/", True)
    assert f"{LRI}088 123 4567{PDI}" in text
    plain = share.share_text("Titel", ["Stap"], "Vragen?", "088 123 4567", "https://x/", False)
    assert LRI not in plain


def test_page_text_keeps_phone_numbers_whole_and_in_order():
    from toolkit.render.html import inline_html

    html = str(inline_html("اتصل بالرقم **088 123 4567** أو 112."))
    assert "088\u00a0123\u00a04567" in html and "088 123" not in html
