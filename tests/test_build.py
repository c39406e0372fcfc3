"""The whole pipeline on the example project: what a resident and an officer would see."""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from conftest import MESSAGE, write
from toolkit import pipeline
from toolkit.config import load_config

TARGETS = ["en", "ar", "tr", "pl", "uk"]
SLUGS = ["griepprik", "handen-wassen", "hitte", "wie-bel-je"]


class Page(HTMLParser):
    """Just enough of an HTML page to assert on: the <html> attributes, links and text."""

    def __init__(self, path: Path):
        super().__init__()
        self.html_attrs: dict = {}
        self.alternates: dict[str, str] = {}
        self.external: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.html_attrs = a
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        # What the browser fetches by itself: src of any element, href of stylesheets
        # and icons (alternate and canonical links are addresses for search engines and
        # feed readers, not requests).
        fetched = a.get("src") or (a.get("href") if tag == "link"
                                   and a.get("rel") not in ("alternate", "canonical")
                                   else None)
        if re.match(r"^(https?:)?//", fetched or ""):
            self.external.append(fetched)

    def handle_data(self, data):
        self.text.append(data)

    @property
    def body(self) -> str:
        return " ".join(t.strip() for t in self.text if t.strip())


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(project, run):
    result = run(project)
    assert result.code == 0, result.err
    return project / "_site"


def test_build_succeeds_and_says_where_to_look(project, run):
    result = run(project)
    assert result.code == 0
    assert "index.html" in result.out and "Open" in result.out
    assert re.search(r"ar\s+4/4 published", result.out)
    assert re.search(r"ti\s+0/4 published", result.out)
    # Tigrinya's interface comes with the toolkit: only its content waits for review.
    assert "interface texts not translated yet" not in result.out
    assert re.search(r"not published: hitte: untranslated", result.out)


def test_default_command_is_build(project, run):
    from toolkit.cli import main
    assert main(["-C", str(project)]) == 0
    assert (project / "_site/index.html").is_file()


def test_every_page_exists_for_every_language(built):
    for lang in ["nl", *TARGETS, "ti"]:
        assert (built / lang / "index.html").is_file()
        for slug in SLUGS:
            assert (built / lang / slug / "index.html").is_file(), (lang, slug)


def test_arabic_pages_are_right_to_left(built):
    page = Page(built / "ar/hitte/index.html")
    assert page.html_attrs == {"lang": "ar", "dir": "rtl"}
    assert "اشرب كل يوم 1,5 إلى 2 لتر من الماء." in page.body
    assert Page(built / "uk/hitte/index.html").html_attrs == {"lang": "uk", "dir": "ltr"}


def test_every_page_has_lang_and_hreflang_to_each_available_language(built):
    for path in built.rglob("*.html"):
        page = Page(path)
        assert page.html_attrs.get("lang"), path
        if path == built / "index.html" or path.name == "404.html":
            continue  # the chooser is the x-default; a 404 page is no language version
        rel = path.relative_to(built).parts
        if len(rel) == 3 and rel[0] == "ti":  # a notice page is not an alternate of itself
            assert "ti" not in page.alternates
        expected = {"nl", *TARGETS, "x-default"}  # ti has no message in Tigrinya yet
        assert set(page.alternates) == expected, path
        assert all(href.startswith("https://gezond.example.nl/") for href in page.alternates.values())


def test_chooser_lists_every_language_by_its_cldr_name(built):
    text = (built / "index.html").read_text(encoding="utf-8")
    for code, name in [("nl", "Nederlands"), ("ar", "العربية"), ("tr", "Türkçe"),
                       ("pl", "Polski"), ("uk", "Українська"), ("en", "English"),
                       ("ti", "ትግርኛ")]:
        assert f'href="{code}/index.html" lang="{code}"' in text
        assert f">{name}</a>" in text


def test_language_without_translations_shows_notice_in_place_of_dutch(built):
    dutch_steps = ["Drink elke dag 1,5 tot 2 liter water.", "Doe overdag de gordijnen dicht."]
    page = Page(built / "ti/hitte/index.html")
    # Tigrinya's interface ships with Klaar: the notice is in Tigrinya, no Dutch advice
    assert page.html_attrs == {"lang": "ti", "dir": "ltr"}
    assert "እዚ መልእኽቲ ገና ብቋንቋኹም የለን።" in page.body
    assert "Dit bericht is nog niet in jouw taal beschikbaar." not in page.body
    for step in dutch_steps:
        assert step not in page.body
    html = (built / "ti/hitte/index.html").read_text(encoding="utf-8")
    assert 'href="../../nl/hitte/index.html" lang="nl"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_notice_is_in_the_readers_language(project, run):
    """English has its interface reviewed; a message without translation says so in English."""
    po = polib.pofile(str(project / "translations/en.po"))
    for e in po:
        if e.msgctxt and e.msgctxt.startswith("griepprik:"):
            e.msgstr = ""
    po.save()
    assert run(project).code == 0
    page = Page(project / "_site/en/griepprik/index.html")
    assert "This message is not yet available in your language." in page.body
    assert "Read the message in Dutch:" in page.body
    assert "Je krijgt een prik in je bovenarm." not in page.body


def test_changed_dutch_sentence_withdraws_old_translations_until_updated(project, run):
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Drink elke dag 1,5 tot 2 liter water.", "Drink elke dag 2 tot 3 liter water."),
        encoding="utf-8")
    result = run(project)
    assert result.code == 0
    assert re.search(r"ar\s+3/4 published", result.out)
    nl = Page(project / "_site/nl/hitte/index.html").body
    assert "Drink elke dag 2 tot 3 liter water." in nl
    for lang in TARGETS:
        page = Page(project / f"_site/{lang}/hitte/index.html")
        assert "1,5" not in page.body and "1.5" not in page.body, lang  # old advice gone
    assert "هذه الرسالة غير متوفرة بلغتك بعد." in Page(project / "_site/ar/hitte/index.html").body
    # other messages stay published
    assert "اغسل يديك" in Page(project / "_site/ar/handen-wassen/index.html").body
    # update-catalogs marks the entry for review and keeps the old Arabic
    assert run(project, "update-catalogs").code == 0
    po = polib.pofile(str(project / "translations/ar.po"))
    [entry] = [e for e in po if e.msgctxt == "hitte:step-1"]
    assert entry.fuzzy and entry.previous_msgid == "Drink elke dag 1,5 tot 2 liter water."
    assert entry.msgstr == "اشرب كل يوم 1,5 إلى 2 لتر من الماء."
    entry.msgstr = "اشرب كل يوم 2 إلى 3 لتر من الماء."
    entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    po.save()
    assert run(project).code == 0
    assert "اشرب كل يوم 2 إلى 3 لتر من الماء." in Page(project / "_site/ar/hitte/index.html").body


def test_omit_policy_leaves_untranslated_pages_out(project, run):
    site = project / "site.toml"
    site.write_text(site.read_text().replace('"notice"', '"omit"'), encoding="utf-8")
    assert run(project).code == 0
    assert not (project / "_site/ti/hitte").exists()
    assert (project / "_site/ti/index.html").is_file()
    assert (project / "_site/ar/hitte/index.html").is_file()


def test_script_in_markdown_or_translation_is_escaped(project, run):
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert('nl')</script>\n",
                    encoding="utf-8")
    po = polib.pofile(str(project / "translations/ar.po"))
    for e in po:
        if e.msgctxt == "handen-wassen:step-1":
            e.msgstr = "<script>alert('ar')</script> <img src=x onerror=alert(1)>"
        if e.msgid == "Bron":
            e.msgstr = "<b onmouseover=alert(2)>المصدر</b>"
    po.save()
    assert run(project).code == 0
    for page in (project / "_site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html, page
        assert "<img src=x" not in html and "<b onmouseover" not in html, page
    nl = (project / "_site/nl/hitte/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in nl


def test_no_external_requests_and_a_print_stylesheet(built):
    for path in built.rglob("*.html"):
        page = Page(path)
        assert page.external == [], path
        assert "script" not in page.tags, path  # works without JavaScript
    css = (built / "static/style.css").read_text(encoding="utf-8")
    assert "@media print" in css
    assert "@import" not in css
    for target in re.findall(r"url\(([^)]+)\)", css):  # only fonts served by the site
        assert not re.match(r"^(https?:)?//", target)
        assert (built / "static" / target).is_file(), target


def test_step_pictograms_are_copied_and_decorative_beside_their_step_text(built):
    html = (built / "pl/handen-wassen/index.html").read_text(encoding="utf-8")
    # alt="": the step's text is right beside it, read once by a screen reader
    assert re.search(r'<img src="../../pictograms/soap.svg" alt="" [^>]*><span>Nałóż mydło '
                     r'na ręce\.</span>', html)
    assert (built / "pictograms/soap.svg").read_text().startswith("<svg")


def test_source_checked_date_and_contact_are_shown(built):
    body = Page(built / "uk/griepprik/index.html").body
    assert "Звідки ця інформація?" in body
    assert "RIVM, Nationaal Programma Grieppreventie" in body
    assert "12 жовтня 2026" in body  # checked date in Ukrainian, from CLDR
    assert "088 123 4567" in body


def test_two_builds_are_byte_identical(project, run):
    assert run(project).code == 0
    first = tree(project / "_site")
    mtimes = {p.stat().st_mtime for p in (project / "_site").rglob("*")}
    assert run(project).code == 0
    assert tree(project / "_site") == first
    assert mtimes == {float(os.environ["SOURCE_DATE_EPOCH"])}


def test_failed_build_leaves_the_previous_site_untouched(project, run, monkeypatch):
    assert run(project).code == 0
    before = tree(project / "_site")

    def explode(site):
        raise RuntimeError("render crashed halfway")

    stages = [(n, explode if n == "render" else s) for n, s in pipeline.STAGES]
    monkeypatch.setattr(pipeline, "STAGES", stages)
    with pytest.raises(RuntimeError):
        pipeline.run(project)
    assert tree(project / "_site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith("._site")] == []


def test_failure_while_writing_keeps_the_old_site(project, run, monkeypatch):
    assert run(project).code == 0
    before = tree(project / "_site")
    from toolkit import write as write_module
    calls = []
    original = write_module.SiteWriter.write

    def failing_write(self, relpath, data):
        calls.append(relpath)
        if len(calls) == 10:
            raise OSError("disk full")
        return original(self, relpath, data)

    monkeypatch.setattr(write_module.SiteWriter, "write", failing_write)
    with pytest.raises(OSError):
        pipeline.run(project, clean=True)  # every output written again
    assert tree(project / "_site") == before

    # An incremental build links unchanged files from the old site: a failure there
    # keeps the old site too.
    linked = []
    original_link = write_module.SiteWriter.link

    def failing_link(self, relpath, previous):
        linked.append(relpath)
        if len(linked) == 10:
            raise OSError("disk full")
        return original_link(self, relpath, previous)

    monkeypatch.setattr(write_module.SiteWriter, "write", original)
    monkeypatch.setattr(write_module.SiteWriter, "link", failing_link)
    with pytest.raises(OSError):
        pipeline.run(project)
    assert len(linked) == 10
    assert tree(project / "_site") == before


def test_content_errors_exit_1_name_every_file_and_keep_the_site(project, run):
    assert run(project).code == 0
    before = tree(project / "_site")
    content = project / "content"
    (content / "hitte.md").write_text((content / "hitte.md").read_text(encoding="utf-8")
                                      .replace("summary:", "sumary:"), encoding="utf-8")
    (content / "griepprik.md").write_text((content / "griepprik.md").read_text(encoding="utf-8")
                                          .replace("pictogram: syringe", "pictogram: siringe"),
                                          encoding="utf-8")
    write(content / "kapot.md", MESSAGE.replace("summary: Dit is een korte test.",
                                                "summary: [niet afgesloten"))
    result = run(project)
    assert result.code == 1
    assert "content/hitte.md:3: unknown key 'sumary' (did you mean `summary`?)" in result.err
    assert ("content/griepprik.md:12: steps[4].pictogram: unknown pictogram 'siringe' "
            "(did you mean `syringe`?)") in result.err
    assert re.search(r"content/kapot\.md:\d+: front matter is not valid YAML", result.err)
    assert "in 3 files" in result.err
    assert "Traceback" not in result.err
    assert tree(project / "_site") == before


def test_config_error_exits_1(project, run):
    site = project / "site.toml"
    site.write_text(site.read_text().replace('"ti"]', '"ti", "xx"]'), encoding="utf-8")
    result = run(project)
    assert result.code == 1
    assert "site.toml:7: languages[6]: 'xx' is not a known language" in result.err


def test_usage_error_exits_2(project, run):
    assert run(project, "build", "--no-such-option").code == 2
    assert run(project, "no-such-command").code == 2
    result = run(project, "update-catalogs", "--lang", "xx")
    assert result.code == 2 and "xx not in site.toml languages" in result.err


def test_broken_po_file_is_reported_with_its_name(project, run):
    po = project / "translations/pl.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Myj ręce"', 'msgstr "Myj ręce'),
                  encoding="utf-8")
    (project / "translations/tr.po").write_text('msgid "a"\nmsgid "b"\nmsgstr ""\n')
    result = run(project)
    assert result.code == 1
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if text == 'msgstr "Myj ręce')
    assert f"translations/pl.po:{line}: text must be in double quotes" in result.err
    assert "translations/tr.po:2: the msgid before this line has no msgstr" in result.err


def test_every_command_has_help():
    import click

    from toolkit.cli import cli, main
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 20, name
        assert main([name, "--help"]) == 0
        if isinstance(command, click.Group):
            for sub, subcommand in command.commands.items():
                assert subcommand.help and len(subcommand.help) > 20, (name, sub)
                assert main([name, sub, "--help"]) == 0


def test_update_catalogs_adds_new_messages_for_translators(project, run):
    write(project / "content/nieuw.md", MESSAGE)
    result = run(project, "update-catalogs", "--lang", "ar")
    assert result.code == 0
    assert "translations/ar.po: 4 new" in result.out
    po = polib.pofile(str(project / "translations/ar.po"))
    entry = next(e for e in po if e.msgctxt == "nieuw:step-1")
    assert entry.msgid == "Doe zeep op je handen." and entry.msgstr == ""
    assert entry.occurrences == [("content/nieuw.md", "7")]
    # and the build shows the new message in Dutch only
    assert run(project).code == 0
    assert "Dit bericht is nog niet in jouw taal beschikbaar." not in \
        Page(project / "_site/nl/nieuw/index.html").body
    assert "هذه الرسالة غير متوفرة بلغتك بعد." in Page(project / "_site/ar/nieuw/index.html").body


def test_config_paths_follow_the_project(project):
    config = load_config(project)
    assert config.output_path == project / "_site"


def test_language_is_published_only_with_its_interface_reviewed(project, run):
    """Arabic content with a Dutch interface would be a mixed page: withhold it instead.
    (A site text Klaar does not translate, translated by nobody; a fuzzy site entry for
    a text Klaar does translate falls back to Klaar's text and blocks nothing.)"""
    po = polib.pofile(str(project / "translations/ar.po"))
    next(e for e in po if e.msgid == "Bron").flags.append("fuzzy")
    po.save()
    index = project / "templates/index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "{% endblock %}", '<p>{{ _("Gemaakt door de GGD van jouw regio.") }}</p>\n'
        "{% endblock %}"), encoding="utf-8")
    result = run(project)
    assert re.search(r"ar\s+0/4 published", result.out)
    assert "1 interface text not translated yet" in result.out
    page = Page(project / "_site/ar/hitte/index.html")
    assert page.html_attrs == {"lang": "nl", "dir": "ltr"}
    assert "اشرب" not in page.body


def test_message_pages_offer_infographics_in_every_published_language(built):
    from PIL import Image
    for lang in ["nl", *TARGETS]:
        for slug in SLUGS:
            folder = built / lang / slug
            sizes = {name: Image.open(folder / f"{name}.png").size
                     for name in ("poster", "card", "preview")}
            assert sizes == {"poster": (2480, 3508), "card": (1080, 1080),
                             "preview": (1200, 630)}
    assert not list((built / "ti").rglob("*.png"))  # nothing published in Tigrinya yet
    html = (built / "ar/hitte/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://gezond.example.nl/ar/hitte/preview.png">' \
        in html
    # the card's alt names it; its steps are on the page (the link preview lists them)
    alt = re.search(r'<img src="card.png" alt="([^"]+)"', html).group(1)
    assert alt == "الجو حار جداً"
    og = re.search(r'og:image:alt" content="([^"]+)"', html).group(1)
    assert og.startswith("الجو حار جداً. 1. اشرب كل يوم 1,5 إلى 2 لتر من الماء.")
    assert '<a href="poster.png" download>ملصق للطباعة (A4)</a>' in html
    assert re.search(r"\(\d+\xa0kB\)", html)  # a no-break space: "93 kB" stays whole


def test_pictograms_command_lists_and_draws_a_contact_sheet(project, run, tmp_path):
    from PIL import Image
    sheet = tmp_path / "sheet.png"
    result = run(project, "pictograms", "--sheet", str(sheet))
    assert result.code == 0
    assert "72 pictograms" in result.out and "wash-hands" in result.out
    assert Image.open(sheet).size[0] == 8 * 200
    found = run(project, "pictograms", "zeep", "--sheet", str(sheet))
    assert "soap" in found.out and "wash-hands" in found.out and "2 pictograms" in found.out
    assert run(project, "pictograms", "helikopter", "--sheet", str(sheet)).code == 1


def test_every_pictogram_renders(project):
    """A broken SVG would only show up when a message uses it: draw them all now."""
    from toolkit.pictograms import load_library
    from toolkit.render.png import pictogram_image
    library = load_library(project / "pictograms")
    assert len(library.pictograms) >= 60
    for p in library.pictograms.values():
        image = pictogram_image(p.svg(library.root), 64, (0, 0, 0))
        assert image.getbbox() is not None, p.id  # something was drawn


def test_every_published_message_has_leaflets_linked_from_its_page(built):
    import pypdf
    for lang in ["nl", *TARGETS]:
        folder = built / lang / "hitte"
        names = {"leaflet-a4.pdf", "leaflet-a5.pdf"} | (
            {f"leaflet-nl-{lang}.pdf"} if lang != "nl" else set())
        assert {p.name for p in folder.glob("*.pdf")} == names
        for name in names:
            reader = pypdf.PdfReader(folder / name)
            assert reader.trailer["/Root"]["/Lang"] == lang
            box = reader.pages[0].mediabox
            expected = (595, 842) if "a5" not in name else (420, 595)
            assert (round(box.width), round(box.height)) == expected
    html = (built / "tr/hitte/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="leaflet-a4.pdf" download type="application/pdf" '
                     r'hreflang="tr">Yazdırmak için broşür \(A4\)</a> '
                     r'<bdi class="size" dir="ltr">\(PDF, \d+\xa0kB\)</bdi>', html)
    assert "Felemenkçe ve Türkçe broşür" in html
    assert not list((built / "ti").rglob("*.pdf"))
