"""A hostile project: every field a stranger could write into carries a payload.

Every payload, if it ever ran, sets `window.__pwned`, sets the title to PWNED or opens an
alert, so a browser can tell. `make_hostile(project, refused=True)` also puts in the
values the toolkit must refuse (javascript: links, entity tricks, a bad output_dir);
with `refused=False` those are left out and the rest must build into a harmless site.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from toolkit.cli import main

# No digits in the payloads: the translation checks compare numbers, and the hostile
# translations must pass them to reach a published page.
JS = "javascript:window.__pwned=true"
SCRIPT = "<script>window.__pwned=true;document.title='PWNED';alert()</script>"
IMG = '<img src="x" onerror="window.__pwned=true;alert()">'
SHORT = "<script>alert()</script>"  # for titles, which must fit on a poster

HOSTILE_SVG = f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 48 48" onload="window.__pwned=1">
  {SCRIPT}
  <style>@import url("http://127.0.0.1:9/evil.css"); rect {{ fill: currentColor }}</style>
  <foreignObject width="48" height="48">
    <body xmlns="http://www.w3.org/1999/xhtml">{IMG[:-1]}/></body>
  </foreignObject>
  <image href="http://127.0.0.1:9/tracker.png" width="1" height="1"/>
  <image xlink:href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" width="1"/>
  <use xlink:href="other.svg#icon"/>
  <a xlink:href="{JS}"><rect x="4" y="4" width="40" height="40" onmouseover="alert(1)"/></a>
  <set attributeName="onload" to="alert(1)"/>
  <animate attributeName="href" to="{JS}"/>
  <circle cx="24" cy="24" r="8" fill="url(http://127.0.0.1:9/x.svg#p)"/>
  <handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler>
</svg>
"""
XXE_SVG = """<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&secret;</text></svg>
"""
LAUGHS_SVG = """<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY a "haha">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&d;</text></svg>
"""


def _message(refused: bool) -> str:
    bad = refused
    tabbed = " JaVa\\tScRiPt:alert(1)"  # YAML turns \t into a tab, which browsers skip
    quoted_img = IMG.replace('"', "'")
    return f"""\
---
title: "Let op {SHORT}"
summary: "Lees dit goed. {quoted_img}"
level: B1
steps:
  - pictogram: hostile
    text: "Was je handen.{' [Klik](' + JS + ')' if bad else ''}"
  - pictogram: soap
    text: Doe zeep op je handen.
source:
  name: RIVM
  date: 2025-01-01
  url: "{JS if bad else 'https://www.rivm.nl/'}"
reviewed: 2025-06-01
contact:
  name: GGD
  phone: 088 123 4567
  url: "{tabbed if bad else 'https://www.ggd.nl/'}"
  email: "{'info@ggd.nl?body=<script>' if bad else 'info@ggd.nl'}"
readability_waiver: "Dit bericht test wat de toolkit weigert."
---

Dit is een test. {SCRIPT}

{IMG}

Lees [meer](https://www.rivm.nl/){' of [dit](JaVaScRiPt:window.__pwned=1)' if bad else ''}.
{'Of <' + JS + '> of [data](data:text/html;base64,PHNjcmlwdD4=).' if bad else 'Of niet.'}
"""


SITE = """\
title = "Gezond {script}"
base_url = "{base}"
languages = ["en"]
contact = "Bel ons. {img}"
{output}
"""

# What a translator could type into Poedit: HTML everywhere (these pass the translation
# checks, so the English page is published with them) ...
TRANSLATIONS = {
    "hostile:title": f"Careful {SHORT}",
    "hostile:summary": f"Read this well. {IMG}",
    "hostile:step-1": f"Wash your hands. {SHORT}",
    "hostile:step-2": f"Soap {IMG}",
    "hostile:body-1": f"This is a test. {SCRIPT}",
    "hostile:body-2": f"Look {IMG}",
    "hostile:body-3": f"Read [more](https://www.rivm.nl/).\nOr not. {IMG}",
    "Naar de inhoud": f"Skip {IMG}",
}
# ... and links that run code (tests add these on top).
JS_TRANSLATIONS = {
    "hostile:body-3": f"Read [more]({JS}).\nOr not. <{JS}>",
}


def make_hostile(project: Path, refused: bool = True) -> Path:
    """Turn a copy of the example project into the hostile one (see module docstring)."""
    (project / "site.toml").write_text(SITE.format(
        script=SCRIPT.replace('"', "'"), img=IMG.replace('"', "'"),
        base="javascript:alert(1)//" if refused else "https://gezond.example.nl/",
        output='output_dir = "translations"' if refused else ""), encoding="utf-8")
    for po in (project / "translations").glob("*.po"):
        if po.stem != "en":
            po.unlink()
    pict = project / "pictograms"
    (pict / "klaar/hostile.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    entries = [("hostile", "klaar/hostile.svg")]
    if refused:
        (pict / "klaar/xxe.svg").write_text(XXE_SVG, encoding="utf-8")
        (pict / "klaar/laughs.svg").write_text(LAUGHS_SVG, encoding="utf-8")
        (pict / "klaar/not-svg.svg").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        entries += [("xxe", "klaar/xxe.svg"), ("laughs", "klaar/laughs.svg"),
                    ("not-svg", "klaar/not-svg.svg")]
    with (pict / "pictograms.toml").open("a", encoding="utf-8") as index:
        for pid, file in entries:
            index.write(f'\n[[pictogram]]\nid = "{pid}"\nfile = "{file}"\nlabel = "{pid}"\n'
                        f'keywords = ["{pid}"]\nlicence = "CC0-1.0"\nauthor = "test"\n'
                        f'source = "tests/hostile.py"\n')
    (project / "content/hostile.md").write_text(_message(refused), encoding="utf-8")
    if not refused:
        assert main(["update-catalogs", "--lang", "en", "-C", str(project)]) == 0
        translate(project, TRANSLATIONS)
    return project


def translate(project: Path, texts: dict[str, str]) -> None:
    """Store `texts` (by msgctxt, or msgid for interface texts) as reviewed English; the
    site title and contact line get script and image payloads too."""
    po = polib.pofile(str(project / "translations/en.po"))
    for entry in po:
        key = entry.msgctxt if entry.msgctxt and entry.msgctxt.startswith("hostile:") \
            else entry.msgid
        if key in texts:
            entry.msgstr = texts[key]
        elif entry.msgctxt in ("site:title", "site:contact"):
            entry.msgstr = f"{entry.msgid.split('<')[0]}{SHORT} {IMG.replace(chr(34), chr(39))}"
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


def drop_refused_pictograms(project: Path) -> None:
    """Take the refused SVGs out of the index, so loading goes on to the messages."""
    index = project / "pictograms/pictograms.toml"
    text = index.read_text(encoding="utf-8")
    for pid in ("xxe", "laughs", "not-svg"):
        text = re.sub(rf'\n\[\[pictogram\]\]\nid = "{pid}"\n(?:[^\[\n][^\n]*\n)*', "\n", text)
    index.write_text(text, encoding="utf-8")


def line_of(path: Path, pattern: str) -> int:
    """1-based line of the first line matching `pattern` (a regular expression)."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(pattern, line):
            return n
    raise AssertionError(f"{pattern!r} not in {path}")
