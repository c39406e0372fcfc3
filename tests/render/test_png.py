"""Infographics: text stays in its box in every script, RTL is mirrored, nothing clips."""

import hashlib

import pytest
from PIL import features

from conftest import REPO
from toolkit.render import png, textlayout
from toolkit.render.png import FORMATS, FitError, Infographic, compose, render
from toolkit.render.textlayout import LRI, NBSP, PDI, Style, break_units, isolate_ltr

ICONS = ["healthicons/running-water.svg", "klaar/soap.svg", "klaar/clock.svg",
         "healthicons/wash-hands.svg", "klaar/towel.svg"]
SAMPLES = {
    "nl": (False, "Was je handen", ["Maak je handen nat onder de kraan.", "Doe zeep op je handen.",
           "Wrijf je handen 20 seconden over elkaar.", "Spoel de zeep eraf met water.",
           "Droog je handen goed af."]),
    "uk": (False, "Мийте руки", ["Намочіть руки під краном.", "Нанесіть мило на руки.",
           "Тріть руки одна об одну 20 секунд.", "Змийте мило водою.", "Добре витріть руки."]),
    "ar": (True, "اغسل يديك", ["بلّل يديك تحت الحنفية.", "ضع الصابون على يديك.",
           "افرك يديك ببعضهما 20 ثانية.", "اشطف الصابون بالماء.", "جفّف يديك جيداً."]),
    "zh-Hans": (False, "洗手", ["在水龙头下把手弄湿。", "在手上抹肥皂。", "双手互相搓洗20秒。",
                "用水冲掉肥皂。", "把手擦干。"]),
    "ti": (False, "ኢድካ ተሓጸብ", ["ኢድካ ብማይ ኣርጥብ።", "ሳሙና ኣብ ኢድካ ግበር።", "ን20 ካልኢት ኢድካ ኣሻሕሽሕ።",
           "ሳሙና ብማይ ኣልግስ።", "ኢድካ ጽቡቕ ገይርካ ኣንጽፍ።"]),
}


def info(lang, steps=None, title=None):
    rtl, default_title, texts = SAMPLES[lang]
    texts = steps or texts
    return Infographic(
        slug="handen-wassen", path="content/handen-wassen.md", lang=lang, rtl=rtl,
        title=title or default_title,
        steps=tuple(((REPO / "pictograms" / icon).read_text(encoding="utf-8"), t)
                    for icon, t in zip(ICONS, texts)),
        source="Bron: RIVM, 1 september 2025", contact="GGD Voorbeeldregio · 088 123 4567",
        language_name={"nl": "Nederlands", "uk": "Українська", "ar": "العربية",
                       "zh-Hans": "中文", "ti": "ትግርኛ"}[lang],
        contact_name="GGD Voorbeeldregio", phone="088 123 4567",
        url=f"https://gezond.example.nl/{lang}/handen-wassen/")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_no_text_leaves_its_area(lang, fmt):
    rendered = compose(info(lang), FORMATS[fmt])
    assert rendered.image.size == FORMATS[fmt].size
    assert len(rendered.text_boxes) >= 1 + 5 + 2
    for (x, y, w, h), (left, top, right, bottom) in rendered.text_boxes:
        assert left >= x - 1 and right <= x + w + 1, (lang, fmt, (x, w), (left, right))
        assert top >= y - 1 and bottom <= y + h + 1, (lang, fmt, (y, h), (top, bottom))


def test_right_to_left_is_mirrored():
    ltr = compose(info("nl"), FORMATS["preview"]).step_x
    rtl = compose(info("ar"), FORMATS["preview"]).step_x
    assert ltr == sorted(ltr)  # step 1 on the left
    assert rtl == sorted(rtl, reverse=True)  # step 1 on the right
    assert rtl == list(reversed(ltr))


def test_too_long_step_fails_naming_message_language_and_step():
    long = "Was je handen " * 60
    steps = list(SAMPLES["nl"][2])
    steps[2] = long
    with pytest.raises(FitError) as err:
        compose(info("nl", steps), FORMATS["card"])
    assert "content/handen-wassen.md: [nl] step 3 does not fit on the card (1080×1080)" \
        in str(err.value)


def test_without_raqm_arabic_is_shaped_by_the_fallback(monkeypatch):
    """Unshaped Arabic must be impossible: without raqm the pip-only shaper takes over."""
    monkeypatch.setattr(features, "check", lambda name: False if name == "raqm" else True)
    style = Style.for_lang("ar", rtl=True)
    assert style.raqm is False
    drawn = style.visual("اغسل يديك")
    assert all(0xFE70 <= ord(c) <= 0xFEFF or c == " " for c in drawn)  # joined forms
    assert compose(info("ar"), FORMATS["card"]).image.size == (1080, 1080)


def test_without_raqm_or_fallback_the_build_stops(monkeypatch):
    import builtins

    monkeypatch.setattr(features, "check", lambda name: False)
    real_import = builtins.__import__

    def no_reshaper(name, *args, **kwargs):
        if name in ("arabic_reshaper", "bidi"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_reshaper)
    with pytest.raises(textlayout.ShapingError) as err:
        Style.for_lang("ar", rtl=True)
    assert "libfribidi" in str(err.value)


def test_raqm_is_used_when_available():
    if not features.check("raqm"):
        pytest.skip("Pillow without raqm here")
    assert Style.for_lang("ar", rtl=True).raqm


def test_chinese_breaks_between_characters_and_keeps_punctuation():
    units = break_units("在水龙头下把手弄湿。")
    assert units[:3] == ["在", "水", "龙"] and units[-1] == "湿。"


def test_phone_numbers_stay_whole_and_in_order_in_arabic():
    line = textlayout.keep_together("اتصل بالرقم 088 123 4567.")
    assert "088" + NBSP + "123" + NBSP + "4567" in line
    assert len(break_units(line)) == 3
    assert isolate_ltr(line).count(LRI) == 1 and PDI in isolate_ltr(line)


def test_same_input_same_bytes_and_the_cache_follows_the_input(tmp_path):
    a = render(info("ar"), "card")
    b = render(info("ar"), "card")
    assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest()
    cached = render(info("ar"), "card", tmp_path)
    assert cached == a and len(list(tmp_path.glob("*.png"))) == 1
    render(info("ar", title="اغسل يديك جيداً"), "card", tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == 2  # a changed title is a new image
    key = png.cache_key(info("ar"), FORMATS["card"])
    assert key != png.cache_key(info("nl"), FORMATS["card"])
    assert key != png.cache_key(info("ar"), FORMATS["poster"])


def test_contrast_meets_wcag_aa():
    def luminance(rgb):
        def channel(c):
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def ratio(a, b):
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    assert ratio(png.WHITE, png.ACCENT) >= 4.5  # title on the band
    assert ratio(png.INK, png.TILE) >= 4.5  # step text
    assert ratio(png.MUTED, png.WHITE) >= 4.5  # footer


def test_card_text_is_legible_on_a_phone():
    """A 1080 px card is shown about 360 px wide: 30 px is 10 px on the phone."""
    assert FORMATS["card"].step[1] >= 30 and FORMATS["card"].small[1] >= 24


def test_two_builds_storing_the_same_image_at_once_do_not_collide(tmp_path):
    """The preview rebuilds in a thread while another build may run: same cache key."""
    import threading

    from toolkit.render.cache import store

    data = b"x" * 100_000
    errors = []

    def worker():
        try:
            for _ in range(50):
                store(tmp_path / "same.png", data)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (tmp_path / "same.png").read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["same.png"]
