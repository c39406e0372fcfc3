"""A hostile project: what must be refused is refused with file and line; the rest builds
into a site with no script, no event attribute and no javascript: link anywhere."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hostile import (
    JS,
    JS_TRANSLATIONS,
    TRANSLATIONS,
    drop_refused_pictograms,
    line_of,
    make_hostile,
    translate,
)
from toolkit import pipeline
from toolkit.errors import BuildErrors


def build_problems(project: Path) -> list[str]:
    with pytest.raises(BuildErrors) as info:
        pipeline.run(project)
    return [str(p) for p in info.value.problems]


def test_hostile_site_toml_is_refused_with_its_lines(project):
    make_hostile(project)
    found = build_problems(project)
    toml = project / "site.toml"
    assert f"site.toml:{line_of(toml, 'base_url')}: base_url: 'javascript:alert(1)//' is not " \
           "an http(s) URL" in found
    assert any(p.startswith(f"site.toml:{line_of(toml, 'output_dir')}: output_dir: "
                            "'translations' is the source folder translations/") for p in found)


def test_hostile_content_and_pictograms_are_refused_with_file_and_line(project):
    make_hostile(project)
    toml = project / "site.toml"  # a valid site.toml, so loading goes on to content
    toml.write_text(re.sub(r"(?m)^(base_url|output_dir) = .*$", "", toml.read_text())
                    + 'base_url = "https://gezond.example.nl/"\n', encoding="utf-8")
    text = "\n".join(build_problems(project))
    assert re.search(r"pictograms/klaar/xxe.svg:[234]: (uses XML entities|has a DTD)", text)
    assert re.search(r"pictograms/klaar/laughs.svg:[23]: (uses XML entities|has a DTD)", text)
    assert "pictograms/klaar/not-svg.svg:1: is not an SVG image" in text
    assert "hostile.svg" not in text  # cleaned, not refused
    drop_refused_pictograms(project)
    text = "\n".join(build_problems(project))
    md = project / "content/hostile.md"
    for key, pattern in [("source.url", r"^  url: \"javascript"),
                         ("contact.url", r"^  url: \" JaVa"),
                         ("contact.email", r"^  email:")]:
        assert re.search(rf"content/hostile.md:{line_of(md, pattern)}: {key}: ", text), key
    step = line_of(md, r"text: .Was je handen")
    assert f"content/hostile.md:{step}: step-1: link: javascript: " \
           "links are not allowed" in text
    # body: the paragraph with [dit](JaVaScRiPt:…), and the autolink and data: link after it
    para = line_of(md, r"^Lees \[meer\]")
    assert f"content/hostile.md:{para}: body-3: link: javascript: links are not allowed" in text
    assert f"content/hostile.md:{para}: body-3: link: data: links are not allowed" in text
    assert "Traceback" not in text


class Active(HTMLParser):
    """Collects everything in a page that could run: script elements, event attributes,
    and links or sources with a scheme other than http(s), mailto or tel."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "foreignobject"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value}")
            if name in ("href", "src", "xlink:href", "action", "formaction") and value:
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
                if scheme and scheme.group(1).lower() not in ("http", "https", "mailto", "tel"):
                    self.found.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag


def active_content(site: Path) -> dict[str, list[str]]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".svg"):
            parser = Active()
            parser.feed(path.read_text(encoding="utf-8"))
            if parser.found:
                out[path.relative_to(site).as_posix()] = parser.found
    return out


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def hostile_site(project):
    make_hostile(project, refused=False)
    from toolkit.pictograms import _read_svg

    _read_svg.cache_clear()  # warnings come once per file version and process
    collect = Collect()
    log = logging.getLogger("klaar")
    log.addHandler(collect)
    try:
        site = pipeline.run(project)
    finally:
        log.removeHandler(collect)
    return project, site, collect.lines


def test_what_is_left_builds_into_a_site_with_nothing_that_runs(hostile_site):
    project, site, warnings = hostile_site
    out = project / "_site"
    assert (out / "nl/hostile/index.html").is_file()
    assert active_content(out) == {}
    svg = (out / "pictograms/hostile.svg").read_text(encoding="utf-8")
    assert svg != (project / "pictograms/klaar/hostile.svg").read_text(encoding="utf-8")
    assert "<rect" in svg and "<circle" in svg  # the drawing itself is kept
    for gone in ("script", "onload", "foreignObject", "127.0.0.1", "@import", "<set",
                 "<animate", "data:image/svg", "other.svg", "<handler", "javascript"):
        assert gone not in svg, gone
    warned = "\n".join(warnings)
    assert re.search(r"hostile.svg:\d+: removed <script>", warned)
    assert re.search(r"hostile.svg:\d+: removed event attribute onload on <svg>", warned)
    # what authors and translators typed as HTML is shown as text
    nl = (out / "nl/hostile/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=true" in nl
    assert "&lt;img src=" in nl


def test_translations_with_html_are_published_as_text(hostile_site):
    project, site, _ = hostile_site
    assert "hostile" in site.published["en"], site.withheld
    html = (project / "_site/en/hostile/index.html").read_text(encoding="utf-8")
    assert "Careful &lt;script&gt;alert()&lt;/script&gt;" in html
    assert "Soap &lt;img src=" in html


def test_a_translators_javascript_link_never_becomes_a_link(hostile_site):
    project, _, _ = hostile_site
    translate(project, {**TRANSLATIONS, **JS_TRANSLATIONS})
    site = pipeline.run(project)
    html = (project / "_site/en/hostile/index.html").read_text(encoding="utf-8")
    assert active_content(project / "_site") == {}
    assert "javascript" not in " ".join(re.findall(r'href="([^"]*)"', html)).lower()
    # held back by the last check before publishing: the links differ from the Dutch
    assert "hostile" not in site.published["en"]
    assert {w[3] for w in site.withheld if w[0] == "content/hostile.md" and w[1] == "en"}


def test_translated_body_with_javascript_links_renders_them_as_text(hostile_site):
    """Even without the checks, a translation's javascript: link stays text."""
    from toolkit.render.html import body_html

    project, site, _ = hostile_site
    message = next(m for m in site.messages if m.slug == "hostile")
    texts = {s.id: s.text for s in message.body}
    texts.update({k.split(":")[1]: v for k, v in JS_TRANSLATIONS.items()})
    html = str(body_html(message, texts))
    parser = Active()
    parser.feed(html)
    assert parser.found == [] and "Read [more](javascript:" in html, html


@pytest.mark.parametrize("text", [
    f"[x]({JS})", "[x](JAVASCRIPT:alert(1))", "[x](java\tscript:alert(1))",
    "[x](javascript&#58;alert(1))", f"<{JS}>", "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>',
])
def test_markdown_rendering_never_makes_a_live_link_or_tag(text):
    from toolkit.render.html import inline_html

    html = str(inline_html(text))
    parser = Active()
    parser.feed(html)
    assert parser.found == [], html
    assert "<script" not in html and "<a href=\"javascript" not in html.lower()
