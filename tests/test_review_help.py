"""Translator help on the review screen: memory suggestions, glossary hints, filter."""

import polib

from toolkit.catalog import set_machine_draft
from toolkit.config import load_config
from toolkit.review_screen import language_page
from toolkit.translate.memory import Key, Memory


def _draft(project, lang, context, text):
    path = project / f"translations/{lang}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == context)
    set_machine_draft(entry, text, "argos nl→en→tr (test) 2026-01-01")
    po.save(str(path))
    return entry


def test_suggestions_come_from_reviewed_entries_and_the_memory(project):
    config = load_config(project)
    # a reviewed translation of similar Dutch elsewhere in the catalog
    path = project / "translations/tr.po"
    po = polib.pofile(str(path))
    target = next(e for e in po if e.msgctxt == "hitte:step-2")
    reviewed_source = target.msgid
    po.append(polib.POEntry(msgctxt="other:step-1", msgid=reviewed_source + " Ook 's avonds.",
                            msgstr="Akşamları da perdeleri kapatın."))
    po.save(str(path))
    _draft(project, "tr", "hitte:step-2", "Perdeler.")
    memory = Memory(project / ".klaar" / "translation-memory.sqlite3")
    memory.put(Key("argos", "m", "nl", "tr"), {reviewed_source.replace(".", "!"): "BELLEK"})
    memory.close()
    page = language_page(config, "tr", "tok")
    assert "Suggestions (translation memory)" in page
    assert "Akşamları da perdeleri kapatın." in page and "reviewed" in page
    assert "BELLEK" in page and "machine memory" in page


def test_glossary_hints_name_the_terms_of_the_entry(project):
    config = load_config(project)
    po = polib.pofile(str(project / "translations/tr.po"))
    entry = next(e for e in po if "huisarts" in e.msgid and e.msgctxt)
    _draft(project, "tr", entry.msgctxt, "Taslak.")
    page = language_page(config, "tr", "tok")
    assert "“huisarts” is translated as “aile hekimi”" in page


def test_filter_by_state_and_search(project):
    config = load_config(project)
    _draft(project, "tr", "hitte:step-2", "Perdeler taslak.")
    _draft(project, "tr", "hitte:step-3", "Öğlen taslak.")
    everything = language_page(config, "tr", "tok")
    assert "2 entries need a person" in everything
    found = language_page(config, "tr", "tok", query="Öğlen")
    assert "(1 shown)" in found and "Öğlen taslak." in found and "Perdeler taslak." not in found
    none = language_page(config, "tr", "tok", state_filter="untranslated")
    assert "(0 shown)" in none


def test_saving_a_draft_keeps_the_text_unpublished(project):
    from toolkit.catalog import State, load_catalog, state
    from toolkit.review_screen import apply, version

    config = load_config(project)
    entry = _draft(project, "tr", "hitte:step-2", "Perdeler taslak.")
    notice = apply(config, "tr", {"key": "hitte:step-2", "version": version(entry),
                                  "translation": "Gündüz perdeleri kapatın (taslak).",
                                  "action": "draft"})
    assert notice.kind == "saved"
    saved = load_catalog(config, "tr").entry("hitte:step-2", entry.msgid)
    assert saved.msgstr == "Gündüz perdeleri kapatın (taslak)."
    assert state(saved) is State.NEEDS_REVIEW


def test_glossary_file_translators_edit_feeds_hints_and_checks(project):
    from toolkit.review_screen import apply, version

    (project / "translations" / "glossary.csv").write_text(
        "term,language,translation,note\n"
        "gordijnen,tr,perdeler,always this word\n"
        "Hitteplan,,,a name\n", encoding="utf-8")
    config = load_config(project)
    assert "Hitteplan" in config.glossary.do_not_translate
    entry = _draft(project, "tr", "hitte:step-2", "Taslak.")
    page = language_page(config, "tr", "tok")
    assert "“gordijnen” is translated as “perdeler”" in page
    refused = apply(config, "tr", {"key": "hitte:step-2", "version": version(entry),
                                   "translation": "Gündüz güneşliği kapatın.",
                                   "action": "approve"})
    assert refused.kind == "refused" and any("perdeler" in f for f in refused.findings)


def test_a_broken_glossary_row_is_named_by_line(project, run):
    (project / "translations" / "glossary.csv").write_text(
        "term,language,translation,note\nhuisarts,xx,doktor,\n", encoding="utf-8")
    result = run(project, "build")
    assert result.code == 1
    assert "translations/glossary.csv:2: 'huisarts': 'xx' is not one of site.toml's " \
           "languages" in result.err
