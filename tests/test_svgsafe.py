"""Pictogram SVGs: parsed safely, rewritten with drawing only, refused when not SVG."""

from __future__ import annotations

import pytest

from conftest import REPO, write
from toolkit.errors import BuildErrors
from toolkit.pictograms import load_library
from toolkit.svgsafe import UnsafeSVG, clean_svg

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


def test_every_bundled_pictogram_passes_with_nothing_removed_and_looks_the_same():
    resvg_py = pytest.importorskip("resvg_py")
    library = load_library(REPO / "pictograms")
    for p in library.pictograms.values():
        original = (REPO / "pictograms" / p.file).read_bytes()
        cleaned = clean_svg(original)
        assert cleaned.removed == (), p.file
        pixels = [bytes(resvg_py.svg_to_bytes(svg_string=text, width=64, height=64))
                  for text in (original.decode("utf-8"), cleaned.text)]
        assert pixels[0] == pixels[1], p.file


def test_drawing_survives_the_rewrite():
    body = ('<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>'
            '<clipPath id="c"><rect width="5" height="5"/></clipPath></defs>'
            '<style>.a &gt; path { fill: url(#g) }</style>'
            '<g class="a" clip-path="url(#c)"><path d="M0 0h10" fill="url(\'#g\')"/></g>'
            '<use href="#c"/><text x="1" y="9" xml:space="preserve">a &amp; b</text>'
            '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>')
    cleaned = clean_svg(SVG.format(body).encode())
    assert cleaned.removed == ()
    for kept in ('fill="url(\'#g\')"', 'clip-path="url(#c)"', '<use href="#c">',
                 "a &amp; b", "url(#g)", 'xml:space="preserve"', "data:image/png"):
        assert kept in cleaned.text, kept


def test_the_standard_svg_doctype_is_accepted():
    data = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
            '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + SVG.format("<g/>"))
    assert "<g></g>" in clean_svg(data.encode()).text


@pytest.mark.parametrize("data, reason", [
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + SVG.format("&x;"),
     "entities"),
    ('<!DOCTYPE svg [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]>' + SVG.format("&b;"),
     "entities"),
    ('<!DOCTYPE svg [<!ELEMENT svg ANY>]>' + SVG.format(""), "DTD with declarations"),
    (SVG.format("&undefined;"), "not an SVG image"),
    ("<html><body/></html>", "not an SVG image: the document is <html>"),
    ("<svg><g/></svg>", "without xmlns"),
    ("\x89PNG\r\n", "not an SVG image"),
    ("", "not an SVG image"),
])
def test_what_cannot_be_published_is_refused(data, reason):
    with pytest.raises(UnsafeSVG, match=reason):
        clean_svg(data.encode("latin-1"))


def test_a_bad_pictogram_file_is_an_error_naming_the_file(tmp_path):
    root = tmp_path / "pictograms"
    write(root / "bad.svg", """
        <svg xmlns="http://www.w3.org/2000/svg">
          <g>
        </svg>
        """)
    write(root / "pictograms.toml", """
        [[pictogram]]
        id = "bad"
        file = "bad.svg"
        label = "x"
        keywords = ["x"]
        licence = "CC0-1.0"
        author = "me"
        source = "here"

        [[pictogram]]
        id = "escape"
        file = "../../etc/passwd"
        label = "x"
        keywords = ["x"]
        licence = "CC0-1.0"
        author = "me"
        source = "here"

        [[pictogram]]
        id = "typed"
        file = 5
        label = "x"
        keywords = "x"
        licence = "CC0-1.0"
        author = "me"
        source = "here"
        """)
    with pytest.raises(BuildErrors) as info:
        load_library(root)
    found = [str(p) for p in info.value.problems]
    assert any(p.startswith("pictograms/bad.svg:3: is not an SVG image: the XML parser stops "
                            "with 'mismatched tag'") for p in found), found
    assert any("pictogram[1]: file '../../etc/passwd' is outside the pictograms folder" in p
               for p in found), found
    assert any("pictogram[2]: file, keywords: expected text" in p for p in found), found


@pytest.mark.parametrize("style", [
    "@import url(http://x/a.css);", "@\\69mport 'http://x/a.css';",
    "rect { fill: u\\72l(http://x/p.svg#a) }",
    "rect { background: image-set('http://x/i.png' 1x) }",
    "@font-face { font-family: x; src: url(http://x/f.woff) }",
])
def test_style_that_fetches_or_hides_behind_escapes_is_dropped(style):
    cleaned = clean_svg(SVG.format(f"<style>{style}</style><rect/>").encode())
    assert "<style" not in cleaned.text and "<rect" in cleaned.text
    assert [what for _, what in cleaned.removed] == [
        "<style> that imports or refers outside the file"]


def test_cleaning_is_stable_and_its_output_is_clean():
    """What the cleaner writes parses again, and cleaning it again changes nothing: no
    payload hides in the way the output is written."""
    from hostile import HOSTILE_SVG

    samples = [HOSTILE_SVG.encode()] + [p.read_bytes() for p in
                                         sorted((REPO / "pictograms").rglob("*.svg"))[:10]]
    for data in samples:
        once = clean_svg(data)
        twice = clean_svg(once.text.encode())
        assert twice.text == once.text and twice.removed == ()
