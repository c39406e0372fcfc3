"""Branding from site.toml [brand]: the organisation's name, logo and colour reach pages,
cards, posters, leaflets and the share kit; an illegible colour and an unusable logo are
refused naming site.toml's line; a changed colour or logo makes the outputs again."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from toolkit import pipeline
from toolkit.brand import WHITE, contrast, darker_shade, parse_color
from toolkit.config import load_config
from toolkit.tasks import MANIFEST

LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60">
<script>alert('logo')</script>
<rect x="2" y="2" width="56" height="56" rx="10" fill="#1d6b3a" onclick="alert(1)"/>
<path d="M18 30h24M30 18v24" stroke="#fff" stroke-width="8"/>
</svg>
"""
COLOR = "#6a1b4d"


def _brand(project: Path, lines: str) -> int:
    """Append a [brand] table to site.toml; returns the line of its first key."""
    toml = project / "site.toml"
    text = toml.read_text(encoding="utf-8").rstrip("\n") + "\n\n[brand]\n"
    toml.write_text(text + lines.strip() + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def _small(project: Path) -> Path:
    """The example cut to one message in Dutch and English: fast to render fully."""
    for path in (project / "content").glob("*.md"):
        if path.stem != "hitte":
            path.unlink()
    toml = project / "site.toml"
    text = re.sub(r"^languages = .*$", 'languages = ["en"]', toml.read_text(), flags=re.M)
    toml.write_text(re.sub(r"^\[glossary\.required\.[\w-]+\]\n[^\[]*", "", text, flags=re.M))
    (project / "brand").mkdir()
    (project / "brand" / "logo.svg").write_text(LOGO, encoding="utf-8")
    return project


def _keys(project: Path) -> dict[str, str]:
    data = json.loads((project / "_site" / MANIFEST).read_text(encoding="utf-8"))
    return {k: v[0] for k, v in data["files"].items()}


@pytest.fixture
def branded(project):
    _small(project)
    _brand(project, f'name = "GGD Rivierenland"\nlogo = "brand/logo.svg"\ncolor = "{COLOR}"')
    return project


def test_contrast_refusal_names_the_line_the_ratio_and_a_darker_shade(project, run):
    line = _brand(project, 'color = "#f5a623"')
    r = run(project, "check")
    assert r.code == 1
    m = re.search(rf"site\.toml:{line}: brand\.color: '#f5a623' is too light to read: .* "
                  r"contrast ratio of 2\.0:1, and text needs at least 4\.5:1 .*"
                  r"\"(#[0-9a-f]{6})\"", r.err)
    assert m, r.err
    suggested = parse_color(m.group(1))
    assert contrast(suggested, WHITE) >= 4.5
    # the suggestion keeps the hue: still an orange, red above green above blue
    assert suggested[0] > suggested[1] > suggested[2]


@pytest.mark.parametrize("color,legible", [("#0b4f8a", True), ("#767676", True),
                                           ("#777777", False), ("#ff0000", False),
                                           ("#c00000", True), ("#ffffff", False)])
def test_contrast_threshold_is_wcag_aa(color, legible):
    ratio = contrast(parse_color(color), WHITE)
    assert (ratio >= 4.5) is legible
    if not legible:
        assert contrast(darker_shade(parse_color(color)), WHITE) >= 4.5


def test_colour_must_be_a_colour(project, run):
    line = _brand(project, 'color = "purple"')
    r = run(project, "check")
    assert r.code == 1 and f"site.toml:{line}: brand.color: 'purple' is not a colour" in r.err


def test_misspelt_key_gets_a_suggestion(project, run):
    _brand(project, 'colour = "#6a1b4d"')
    r = run(project, "check")
    assert "unknown key 'brand.colour' is ignored (did you mean `color`?)" in r.err


@pytest.mark.parametrize("value,content,expected", [
    ("brand/missing.svg", None, "'brand/missing.svg' not found"),
    ("brand/logo.png", b"\x89PNG", "'brand/logo.png' is not an SVG file"),
    ("../logo.svg", None, "'../logo.svg' must be a file inside the project"),
])
def test_unusable_logo_is_refused_at_its_line(project, run, value, content, expected):
    if content is not None:
        (project / value).parent.mkdir(parents=True, exist_ok=True)
        (project / value).write_bytes(content)
    line = _brand(project, f'logo = "{value}"')
    r = run(project, "check")
    assert r.code == 1
    assert f"site.toml:{line}: brand.logo: {expected}" in r.err


def test_hostile_logo_is_refused_with_its_own_line(project, run):
    (project / "logo.svg").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>\n', encoding="utf-8")
    _brand(project, 'logo = "logo.svg"')
    r = run(project, "check")
    assert r.code == 1
    assert re.search(r"logo\.svg(:\d+)?: cannot use this logo", r.err), r.err
    assert "root:" not in r.out + r.err


def test_defaults_keep_todays_look(project):
    pipeline.run(project, kinds=frozenset({"pages"}))
    page = (project / "_site" / "nl" / "hitte" / "index.html").read_text(encoding="utf-8")
    assert "<style>" not in page and 'class="brand"' not in page
    assert load_config(project).brand.color == "#0b4f8a"


def test_brand_reaches_pages_cards_posters_leaflets_and_share_kit(branded, run):
    import pypdf

    r = run(branded, "build", "-j", "1", "--outputs", "pages,infographics,leaflets,media")
    assert r.code == 0, r.err
    assert "removed <script>" in r.err  # the logo was cleaned, and the editor told
    site = branded / "_site"
    logo = (site / "static" / "brand-logo.svg").read_text(encoding="utf-8")
    assert "<script" not in logo and "onclick" not in logo and "<rect" in logo
    for lang in ("nl", "en"):
        page = (site / lang / "hitte" / "index.html").read_text(encoding="utf-8")
        assert f"--accent: {COLOR};" in page
        assert 'static/brand-logo.svg"' in page and "GGD Rivierenland" in page
    assert f"--accent: {COLOR};" in (site / "index.html").read_text(encoding="utf-8")
    # cards and posters: the title band in the brand colour, the logo on a white chip
    rgb = parse_color(COLOR)
    for name in ("card", "poster", "preview"):
        image = Image.open(site / "en" / "hitte" / f"{name}.png").convert("RGB")
        w, h = image.size
        assert image.getpixel((w // 2, 3)) == rgb, name
    card = Image.open(site / "nl" / "hitte" / "card.png").convert("RGB")
    band = [card.getpixel((x, y)) for x in range(40, 200) for y in range(15, 70)]
    assert (29, 107, 58) in band or any(abs(p[1] - 107) < 6 and abs(p[0] - 29) < 6
                                        for p in band)  # the logo's own green
    assert WHITE in band
    # leaflets: the name at the top, headings in the colour
    for name in ("leaflet-a4.pdf", "leaflet-a5.pdf", "leaflet-nl-en.pdf"):
        path = site / ("en" if "nl-en" in name else "nl") / "hitte" / name
        reader = pypdf.PdfReader(path)
        assert "GGD Rivierenland" in reader.pages[0].extract_text(), name
        content = b"".join(p.get_contents().get_data() for p in reader.pages)
        fills = {tuple(round(float(v) * 255) for v in m.split())
                 for m in re.findall(rb"([\d.]+ [\d.]+ [\d.]+) (?:scn?|SCN?|rg|RG)\b", content)}
        assert rgb in fills, (name, fills)
    # the share kit signs with the organisation's name
    text = (site / "nl" / "hitte" / "share.txt").read_text(encoding="utf-8")
    assert "— GGD Rivierenland" in text
    kit = zipfile.ZipFile(io.BytesIO((site / "nl" / "hitte" / "hitte-nl.zip").read_bytes()))
    assert "— GGD Rivierenland" in kit.read("share.txt").decode("utf-8")


def test_changing_colour_or_logo_makes_the_outputs_again(branded, run):
    kinds = frozenset({"pages", "infographics", "leaflets"})
    pipeline.run(branded, kinds=kinds)
    before = _keys(branded)
    toml = branded / "site.toml"
    toml.write_text(toml.read_text().replace(COLOR, "#1d4e89"))
    pipeline.run(branded, kinds=kinds)
    after = _keys(branded)
    for path in ("nl/hitte/card.png", "nl/hitte/poster.png", "en/hitte/preview.png",
                 "nl/hitte/leaflet-a4.pdf", "en/hitte/leaflet-nl-en.pdf",
                 "nl/hitte/index.html", "index.html"):
        assert before[path] != after[path], path
    assert Image.open(branded / "_site/nl/hitte/card.png").convert("RGB").getpixel(
        (540, 3)) == parse_color("#1d4e89")
    # an edited logo file (site.toml unchanged) is seen by the build's quick check too
    logo = branded / "brand" / "logo.svg"
    logo.write_text(LOGO.replace("#1d6b3a", "#123456"), encoding="utf-8")
    r = run(branded, "build", "-j", "1", "--outputs", "pages,infographics,leaflets")
    assert r.code == 0 and "Nothing changed" not in r.out
    again = _keys(branded)
    assert again["nl/hitte/card.png"] != after["nl/hitte/card.png"]
    assert again["nl/hitte/leaflet-a4.pdf"] != after["nl/hitte/leaflet-a4.pdf"]
    assert "#123456" in (branded / "_site/static/brand-logo.svg").read_text()


def _frame(video: Path, t: float = 0.5) -> Image.Image:
    """A frame of the encoded video, as ffmpeg (imageio-ffmpeg) decodes it."""
    from toolkit.render import audio

    raw = audio.run_ffmpeg(["-ss", f"{t:.3f}", "-i", str(video), "-frames:v", "1",
                            "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    return Image.frombytes("RGB", (1080, 1080), raw[:1080 * 1080 * 3])


def _near(a: tuple, b: tuple, within: int = 8) -> bool:
    return all(abs(x - y) <= within for x, y in zip(a, b))  # H.264 rounds colours a little


def test_the_video_wears_the_brand_colour_and_a_new_colour_makes_it_again(branded):
    kinds = frozenset({"pages", "media"})
    pipeline.run(branded, kinds=kinds, jobs=1)
    video = branded / "_site" / "nl" / "hitte" / "video.mp4"
    title = _frame(video)
    assert _near(title.getpixel((20, 20)), parse_color(COLOR)), title.getpixel((20, 20))
    before = _keys(branded)
    toml = branded / "site.toml"
    toml.write_text(toml.read_text().replace(COLOR, "#1d4e89"))
    pipeline.run(branded, kinds=kinds, jobs=1)
    after = _keys(branded)
    for path in ("nl/hitte/video.mp4", "en/hitte/video-wide.mp4"):
        assert before[path] != after[path], path
    assert _near(_frame(video).getpixel((20, 20)), parse_color("#1d4e89"))


def test_every_video_card_uses_the_brand_colour_not_the_default():
    import dataclasses

    from render.test_media import script

    from toolkit.brand import BrandConfig
    from toolkit.render import video

    brand = BrandConfig(color=COLOR)
    film = dataclasses.replace(script("ar").film, accent=brand.rgb,
                               tint=parse_color(brand.tint), soft=parse_color(brand.soft))
    default = parse_color("#0b4f8a")
    for size in video.SIZES.values():
        for i, card in enumerate(video.cards(film, size)):
            colours = {c for _n, c in card.getcolors(1 << 20)}
            assert brand.rgb in colours, (size, i)
            assert default not in colours, (size, i)
            if 0 < i < len(film.steps) + 1:  # a step: the row of steps on the brand's tint
                assert card.getpixel((5, size[1] - 5)) == parse_color(brand.tint)
