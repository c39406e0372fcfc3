"""What a reader gets on the pages: the fallback page of a message not yet translated, the
language's index, screen-reader text that is said once, phone numbers as links that never
break across lines."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from toolkit import pipeline
from toolkit.interface import toolkit_catalog
from toolkit.render.glue import NBSP, linked_phones, nobreak

PAGES = frozenset({"pages"})


class Page(HTMLParser):
    """The parts of a page the tests look at: visible text of <main>, images, links."""

    def __init__(self, text: str):
        super().__init__()
        self.html_lang = None
        self.imgs: list[dict] = []
        self.links: list[dict] = []
        self.main_text: list[str] = []
        self._in_main = 0
        self._link: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "main":
            self._in_main += 1
        if tag == "img":
            self.imgs.append(a)
        if tag == "a":
            self._link = dict(a, text="")
            self.links.append(self._link)

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main -= 1
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._in_main:
            self.main_text.append(data)
        if self._link is not None:
            self._link["text"] += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.main_text).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("reader") / "project")
    site = pipeline.run(project, kinds=PAGES)
    return project, site


def _ti(msgid: str) -> str:
    text = toolkit_catalog("ti").gettext(msgid)
    assert text
    return text


def test_the_tigrinya_fallback_page_is_in_tigrinya_with_pictograms_phone_and_dutch_link(built):
    project, site = built
    assert not site.decisions[("hitte", "ti")].published  # the example has no ti content
    raw = (project / "_site/ti/hitte/index.html").read_text(encoding="utf-8")
    page = Page(raw)
    assert page.html_lang == "ti"
    notice = _ti("Dit bericht is nog niet in jouw taal beschikbaar.")
    assert page.text.count(notice) == 1
    assert _ti("We laten de vertaling eerst goed controleren.") in page.text
    # no Dutch interface text on the page
    assert "Dit bericht is nog niet" not in raw and "Alle berichten" not in raw
    # the pictogram of every step, in order
    message = next(m for m in site.messages if m.slug == "hitte")
    shown = [i["src"].rsplit("/", 1)[1][:-4] for i in page.imgs if "pictograms/" in i["src"]]
    assert shown == [s.pictogram for s in message.steps]
    # the big phone number, as a tel: link, and the Dutch page
    phone = message.contact.phone
    digits = re.sub(r"[^\d+]", "", phone)
    calls = [a for a in page.links if a.get("href") == f"tel:{digits}" and
             "phone" in a.get("class", "")]
    assert calls and calls[0]["text"].replace(NBSP, " ") == phone
    dutch = [a for a in page.links if a.get("href") == "../../nl/hitte/index.html"
             and a.get("lang") == "nl"]
    assert message.title.text in [a["text"] for a in dutch]


def test_the_tigrinya_index_says_the_notice_once(built):
    project, site = built
    raw = (project / "_site/ti/index.html").read_text(encoding="utf-8")
    page = Page(raw)
    assert page.html_lang == "ti"
    notice = _ti("Deze berichten zijn nog niet in jouw taal. Je kunt ze in het Nederlands lezen.")
    assert page.text.count(notice) == 1
    assert _ti("Dit bericht is nog niet in jouw taal beschikbaar.") not in page.text
    assert _ti("Informatie over je gezondheid") in page.text
    # every message listed, its Dutch title marked as Dutch, leading to its fallback page
    for m in site.messages:
        title = re.escape(html.escape(m.title.text, quote=False))
        assert re.search(rf'<a href="{m.slug}/index.html" lang="nl">{title}</a>', raw), m.slug


def test_a_partly_translated_index_lists_the_waiting_messages_under_one_notice(project):
    import polib

    path = project / "translations/en.po"
    po = polib.pofile(str(path))
    for e in po:
        if e.msgctxt and e.msgctxt.startswith("hitte:"):
            e.msgstr = ""
    po.save(str(path))
    pipeline.run(project, kinds=PAGES)
    raw = (project / "_site/en/index.html").read_text(encoding="utf-8")
    page = Page(raw)
    single = "This message is not yet available in your language."
    assert page.text.count(single) == 1
    # published ones come first, in English; the waiting one after the notice, in Dutch
    assert raw.index("Het is heel warm") > raw.index(single) > raw.index("Wash your hands")


def test_screen_readers_hear_each_step_once(built):
    project, site = built
    raw = (project / "_site/en/hitte/index.html").read_text(encoding="utf-8")
    page = Page(raw)
    steps = [i for i in page.imgs if "pictograms/" in i["src"]]
    assert steps and all(i["alt"] == "" for i in steps)  # the text is right beside them
    renderer = site.renderer
    message = next(m for m in site.messages if m.slug == "hitte")
    card = renderer._message(renderer.env("en"), message, "en", images={"card": 1, "poster": 1})
    alt = Page(card).imgs
    card_alt = next(i["alt"] for i in alt if i["src"] == "card.png")
    texts = renderer.texts[("hitte", "en")]
    assert card_alt == texts["title"]
    assert not any(texts[s.segment.id].rstrip(".") in card_alt for s in message.steps)
    # link previews (Open Graph) still describe the steps: there is no text beside them
    assert texts[message.steps[0].segment.id].rstrip(".") in \
        re.search(r'og:image:alt" content="([^"]*)"', card).group(1)


def test_the_footer_phone_number_is_a_tel_link_that_does_not_break(built):
    project, _ = built
    for rel in ("nl/index.html", "ar/hitte/index.html", "ti/hitte/index.html"):
        raw = (project / f"_site/{rel}").read_text(encoding="utf-8")
        footer = raw[raw.index("<footer"):]
        m = re.search(r'<a class="tel" href="tel:(\d+)" dir="ltr">([^<]*)</a>', footer)
        assert m, rel
        assert m.group(1) == "0881234567"
        assert " " not in m.group(2) and m.group(2).replace(NBSP, " ") == "088 123 4567"
    css = (project / "_site/static/style.css").read_text(encoding="utf-8")
    assert re.search(r"\.tel\b[^{]*\{[^}]*white-space:\s*nowrap", css)


def test_names_and_dates_do_not_break(built):
    project, _ = built
    raw = (project / "_site/uk/hitte/index.html").read_text(encoding="utf-8")
    # "20 травня 2025 р.": the year and its mark stay together
    for m in re.finditer(r"2025(\s)р\.", raw):
        assert m.group(1) in (NBSP, "\u202f")
    assert re.search(r"2025[\u00a0\u202f]р\.", raw)
    # "GGD Voorbeeldregio" (the message's contact name) stays on one line
    assert f"GGD{NBSP}Voorbeeldregio" in raw and "GGD Voorbeeldregio" not in raw


@pytest.mark.parametrize("text, expected", [
    ("GGD Voorbeeldregio", f"GGD{NBSP}Voorbeeldregio"),
    ("088 123 4567", f"088{NBSP}123{NBSP}4567"),
    ("20 травня 2025 р.", f"20 травня 2025{NBSP}р."),
    ("Gezond en veilig: informatie in gewone taal", "Gezond en veilig: informatie in gewone taal"),
    ("Drink 1,5 tot 2 liter water", "Drink 1,5 tot 2 liter water"),
    ("93 kB", f"93{NBSP}kB"),
])
def test_nobreak(text, expected):
    assert nobreak(text) == expected


def test_linked_phones_escapes_and_links_every_number():
    out = str(linked_phones("Bel 112 of <b>088 123 4567</b>.", "nl"))
    assert '<a class="tel" href="tel:112" dir="ltr">112</a>' in out
    assert f'href="tel:0881234567" dir="ltr">088{NBSP}123{NBSP}4567</a>' in out
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert str(linked_phones("Geen nummer, wel 2025.", "nl")) == "Geen nummer, wel 2025."
