"""The pages' interface texts ship with the toolkit (toolkit/data/interface/<lang>.po) and
a site's own catalog may override any of them; a language is published as soon as its
content is reviewed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import REPO
from toolkit import pipeline
from toolkit.catalog import State, state
from toolkit.config import load_config
from toolkit.extract import template_strings
from toolkit.interface import INTERFACE_DIR, interface_for, shipped_languages, toolkit_catalog
from toolkit.publish import Why
from toolkit.safety import context_for, critical, run_checks

REQUIRED = ("en", "ar", "tr", "pl", "uk", "bg", "ro", "ti", "zh", "fa", "so")
PAGES = frozenset({"pages"})
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _ui_entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path)) if e.msgctxt is None and not e.obsolete}


def _strip_interface(project: Path, lang: str) -> None:
    """The site's catalog for `lang` without any interface entry (content kept)."""
    path = project / f"translations/{lang}.po"
    po = polib.pofile(str(path))
    for e in [e for e in po if e.msgctxt is None]:
        po.remove(e)
    po.save(str(path))


def _set_ui(project: Path, lang: str, msgid: str, text: str, fuzzy: bool = False) -> None:
    path = project / f"translations/{lang}.po"
    po = polib.pofile(str(path))
    entry = next((e for e in po if e.msgctxt is None and e.msgid == msgid), None)
    if entry is None:
        entry = polib.POEntry(msgid=msgid)
        po.append(entry)
    entry.msgstr = text
    entry.flags = ["fuzzy"] if fuzzy else []
    po.save(str(path))


# -- the shipped catalogs -----------------------------------------------------------------


def test_the_toolkit_ships_every_required_language():
    assert set(REQUIRED) <= set(shipped_languages())


@pytest.mark.parametrize("lang", REQUIRED)
def test_a_shipped_catalog_translates_every_template_text_safely(project, lang):
    """Every `_("…")` of the toolkit's templates has a reviewed translation that keeps
    its placeholders and passes the critical safety checks (so a template text added
    without a translation fails here, not silently on a reader's page)."""
    config = load_config(project)
    catalog = toolkit_catalog(lang)
    assert catalog is not None
    entries = _ui_entries(catalog.path)
    ctx = context_for(config, lang)
    for ui in template_strings(config):
        entry = entries.get(ui.msgid)
        assert entry is not None, f"{lang}: no translation of {ui.msgid!r}"
        assert state(entry) is State.REVIEWED, (lang, ui.msgid)
        assert entry.msgstr != ui.msgid or lang == "en", (lang, ui.msgid)
        assert sorted(PLACEHOLDER.findall(entry.msgstr)) == \
            sorted(PLACEHOLDER.findall(ui.msgid)), (lang, ui.msgid)
        assert not critical(run_checks(ui.msgid, entry.msgstr, ctx)), (lang, ui.msgid)
    assert catalog.po.metadata["Language"] == lang


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt not installed")
def test_shipped_catalogs_pass_msgfmt_check():
    for path in sorted(INTERFACE_DIR.glob("*.po")):
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                              capture_output=True, text=True)
        assert done.returncode == 0, (path.name, done.stderr)


def test_the_catalogs_say_who_wrote_them_and_that_a_site_may_override():
    text = (INTERFACE_DIR / "ti.po").read_text(encoding="utf-8")
    assert "Written for the toolkit" in text and "translations/ti.po" in text
    third = (REPO / "THIRD_PARTY.md").read_text(encoding="utf-8")
    assert "toolkit/data/interface" in third


# -- the decision: published with the toolkit's interface --------------------------------


def test_a_language_without_interface_entries_is_published_with_the_toolkits(project):
    _strip_interface(project, "en")
    site = pipeline.run(project, kinds=PAGES)
    assert site.ui_missing["en"] == []
    assert all(site.decisions[(m.slug, "en")].published for m in site.messages)
    page = (project / "_site/en/hitte/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page
    assert "What should you do?" in page and "Wat moet je doen?" not in page
    assert 'class="message unavailable"' not in page


def test_a_site_override_wins_over_the_toolkit(project):
    _set_ui(project, "en", "Alle berichten", "Every message on this site")
    pipeline.run(project, kinds=PAGES)
    page = (project / "_site/en/hitte/index.html").read_text(encoding="utf-8")
    assert "Every message on this site" in page and "All messages" not in page


def test_an_unsafe_or_unreviewed_override_is_not_shown(project, run):
    # A reviewed override that adds a placeholder (the page would break or show it) and
    # one that changes a number: both withheld, with the toolkit's text in their place.
    _set_ui(project, "en", "Alle berichten", "All %(count)s messages")
    _set_ui(project, "en", "Kleine folder (A5)", "Small leaflet (A4)")
    _set_ui(project, "en", "Bron", "Where it's from", fuzzy=True)  # a draft, not reviewed
    result = run(project, "build", "--outputs", "pages")
    assert result.code == 0, result.err
    page = (project / "_site/en/hitte/index.html").read_text(encoding="utf-8")
    assert "All messages" in page and "%(count)s" not in page
    assert "Source" in page and "Where it's from" not in page
    from toolkit.catalog import load_catalog

    config = load_config(project)
    face = interface_for(config, "en", load_catalog(config, "en"), ["Kleine folder (A5)"])
    assert face.gettext("Kleine folder (A5)") == "Small leaflet (A5)"  # the toolkit's
    # The warning names the PO file and line, the text and the failing check, and says
    # what happens: the toolkit's own text is shown, the language stays published.
    lines = (project / "translations/en.po").read_text(encoding="utf-8").splitlines()
    for msgid, check in (("Alle berichten", r"placeholders: they differ from the Dutch"),
                         ("Kleine folder \\(A5\\)", r"numbers: ")):
        m = re.search(rf"warning: translations/en\.po:(\d+): \[en\] interface text '{msgid}': "
                      rf"the site's reviewed translation fails a check \({check}.*\), so pages "
                      r"in this language show the toolkit's own translation of this text "
                      r"instead \(they are still published\)", result.err)
        assert m, result.err
        start = int(m.group(1)) - 1  # the line the entry starts on (its comments)
        assert f'msgid "{msgid}"'.replace("\\", "") in lines[start:start + 6]
    assert "not published in this language" not in result.err
    status = run(project, "status").out
    assert re.search(r"translations/en\.po:\d+: \[en\] interface text 'Alle berichten': .*"
                     r"toolkit's own translation", status)
    rows = {r["lang"]: r for r in json.loads(run(project, "status", "--json").out)}
    assert set(rows["en"]["interface"]["withheld"]) == {"Alle berichten",
                                                       "Kleine folder (A5)"}


def test_a_text_neither_the_toolkit_nor_the_site_translates_keeps_the_interface_dutch(project):
    own = "Gemaakt door de GGD van jouw regio."
    index = project / "templates/index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "{% endblock %}", f'<p>{{{{ _("{own}") }}}}</p>\n{{% endblock %}}'), encoding="utf-8")
    site = pipeline.run(project, kinds=PAGES)
    assert site.ui_missing["en"] == [own]
    d = site.decisions[("hitte", "en")]
    assert not d.published and {b.why for b in d.blockers} == {Why.INTERFACE}
    page = (project / "_site/en/index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in page and own in page
    # Translated by the site: published again.
    _set_ui(project, "en", own, "Made by the GGD of your region.")
    site = pipeline.run(project, kinds=PAGES)
    assert site.decisions[("hitte", "en")].published


def test_interface_for_prefers_a_reviewed_site_text_then_the_toolkit_then_a_draft(project):
    config = load_config(project)
    _set_ui(project, "ti", "Bron", "ምንጪ ሓበሬታ")
    _set_ui(project, "ti", "Vragen?", "ሕቶ?", fuzzy=True)
    from toolkit.catalog import load_catalog

    catalog = load_catalog(config, "ti")
    face = interface_for(config, "ti", catalog, ["Bron", "Vragen?", "Alleen hier"],
                         drafts=True)
    assert face.texts["Bron"] == "ምንጪ ሓበሬታ" and face.origin["Bron"] == "site"
    assert face.texts["Vragen?"] == toolkit_catalog("ti").gettext("Vragen?")  # not the draft
    assert face.missing == ["Alleen hier"]
    assert interface_for(config, "nl", None, ["Bron"]).texts == {"Bron": "Bron"}


# -- update-catalogs and the review workflow ----------------------------------------------


def test_nobody_is_asked_to_translate_the_toolkits_texts(project, run):
    """update-catalogs keeps the catalog the template's (msgmerge and Weblate change
    nothing), but the toolkit's texts are no one's work: not in the review queue, not on
    the review screen, not counted as untranslated, not machine translated."""
    from toolkit.catalog import load_catalog
    from toolkit.review import queue_items
    from toolkit.review_screen import language_page

    own = "Gemaakt door de GGD van jouw regio."
    index = project / "templates/index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "{% endblock %}", f'<p>{{{{ _("{own}") }}}}</p>\n{{% endblock %}}'), encoding="utf-8")
    _set_ui(project, "ti", "Bron", "ምንጪ ሓበሬታ")  # the site's own override
    assert run(project, "update-catalogs").code == 0
    config = load_config(project)
    entries = _ui_entries(project / "translations/ti.po")
    assert own in entries and "Alle berichten" in entries  # as in messages.pot
    assert entries["Bron"].msgstr == "ምንጪ ሓበሬታ"  # kept
    # the queue: of the interface texts only the site's own, untranslated one
    queued = [it.source for it in queue_items([load_catalog(config, "ti")], config)
              if it.context is None]
    assert queued == [own]
    page = language_page(config, "ti", "token")
    assert own in page and "Alle berichten" not in page
    rows = {r["lang"]: r for r in json.loads(run(project, "status", "--json").out)}
    content = sum(1 for e in polib.pofile(str(project / "translations/ti.po"))
                  if e.msgctxt and not e.obsolete)
    assert rows["ti"]["untranslated"] == content + 1  # the content and the site's text
    # machine translation drafts the site's text, never the toolkit's
    from toolkit.safety import Context
    from toolkit.translate.workflow import translate_catalog

    class Echo:
        name = "echo"

        def route(self, source, target):
            return [(source, target)]

        def model_version(self, a, b):
            return "test"

    class Translator:
        engine = Echo()
        sent = 0

        class memory:
            hits = 0

        def translate(self, texts, route):
            self.asked = getattr(self, "asked", []) + list(texts)
            return [f"[ti] {t}" for t in texts]

    import datetime as dt

    translator = Translator()
    catalog = load_catalog(config, "ti")
    translate_catalog(catalog, translator, Context("ti"), "nl", dt.datetime(2026, 1, 1))
    assert own in translator.asked
    assert not set(translator.asked) & {"Alle berichten", "Vragen?", "Andere talen"}


def test_status_says_where_the_interface_comes_from(project, run):
    _strip_interface(project, "pl")
    result = run(project, "status")
    assert re.search(r"interface: \d+ from the toolkit, 0 from translations/pl\.po", result.out)
    rows = {r["lang"]: r for r in json.loads(run(project, "status", "--json").out)}
    assert rows["pl"]["interface"]["missing"] == 0
    assert rows["en"]["interface"]["site"] > 0


def test_a_withheld_override_without_a_toolkit_text_says_the_language_waits(project, run,
                                                                          monkeypatch):
    own = "Bel bij nood 112."
    index = project / "templates/index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "{% endblock %}", f'<p>{{{{ _("{own}") }}}}</p>\n{{% endblock %}}'), encoding="utf-8")
    assert run(project, "update-catalogs", "--lang", "en").code == 0
    _set_ui(project, "en", own, "In an emergency call 911.")
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    result = run(project, "build", "--outputs", "pages")
    assert result.code == 0, result.err
    lines = (project / "translations/en.po").read_text(encoding="utf-8").splitlines()
    m = re.search(r"translations/en\.po:(\d+): \[en\] interfacetekst 'Bel bij nood 112\.': de "
                  r"gecontroleerde vertaling van de site zakt voor een controle \(phone: "
                  r".*\), en de toolkit heeft geen vertaling van deze tekst, dus berichten "
                  r"worden niet in deze taal gepubliceerd", result.err)
    assert m, result.err
    start = int(m.group(1)) - 1
    assert f'msgid "{own}"' in lines[start:start + 6]
    assert not (project / "_site/en/hitte/index.html").read_text(
        encoding="utf-8").count("911")
