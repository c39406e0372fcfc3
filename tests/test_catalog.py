import datetime as dt
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from toolkit.catalog import State, load_catalog, save, state, sync
from toolkit.config import load_config
from toolkit.extract import content_segments, template_strings
from toolkit.load import load_messages
from toolkit.pictograms import load_library

WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                  reason="GNU gettext's msgfmt is not installed")


def segments_of(project):
    config = load_config(project)
    messages = load_messages(config, load_library(config.pictograms_dir))
    return config, content_segments(config, messages), template_strings(config)


def test_example_catalogs_are_in_sync_with_content(project):
    """The bundled PO files hold exactly the current segments: nothing to add or retire."""
    config, segments, ui = segments_of(project)
    for lang in config.languages:
        report = sync(load_catalog(config, lang), segments, ui)
        assert (report.added, report.changed, report.obsoleted) == (0, 0, 0), lang


@pytest.mark.parametrize("lang", ["en", "ar", "tr", "pl", "uk"])
def test_example_translations_are_complete_and_reviewed(project, lang):
    config = load_config(project)
    po = load_catalog(config, lang).po
    states = {state(e) for e in po if not e.obsolete}
    assert states == {State.REVIEWED}


def test_template_strings_are_extracted_with_their_place(project):
    _, _, ui = segments_of(project)
    by_id = {u.msgid: u for u in ui}
    assert "Andere talen" in by_id
    assert [path for path, _ in by_id["Andere talen"].occurrences] == ["templates/base.html"]
    assert "Dit bericht is nog niet in jouw taal beschikbaar." in by_id


def test_changed_dutch_keeps_translation_as_needs_review(project):
    config, segments, ui = segments_of(project)
    catalog = load_catalog(config, "ar")
    seg, path = next((s, p) for s, p in segments if s.context == "hitte:step-1")
    old_translation = catalog.reviewed(seg)
    assert old_translation
    changed = type(seg)(seg.slug, seg.id, "Drink elke dag 2 tot 3 liter water.", seg.line)
    segments = [(changed if s.context == seg.context else s, p) for s, p in segments]
    report = sync(catalog, segments, ui)
    assert report.changed == 1
    entry = catalog.entry("hitte:step-1", changed.text)
    assert entry.msgstr == old_translation  # nothing lost
    assert entry.previous_msgid == seg.text  # old Dutch kept, as msgmerge does
    assert state(entry) is State.NEEDS_REVIEW
    assert catalog.reviewed(changed) is None  # never published as if checked


def test_removed_segment_becomes_obsolete_and_can_come_back(project):
    config, segments, ui = segments_of(project)
    catalog = load_catalog(config, "pl")
    kept = [(s, p) for s, p in segments if s.slug != "hitte"]
    report = sync(catalog, kept, ui)
    assert report.obsoleted == sum(1 for s, _ in segments if s.slug == "hitte")
    obsolete = [e for e in catalog.po if e.obsolete]
    assert all(e.msgstr for e in obsolete)  # translations kept
    save(catalog, WHEN)
    assert "#~ msgctxt \"hitte:title\"" in catalog.path.read_text(encoding="utf-8")
    again = sync(load_catalog(config, "pl"), segments, ui)
    assert again.revived == report.obsoleted and again.added == 0


def test_fuzzy_translation_is_not_reviewed(project):
    config, segments, _ = segments_of(project)
    catalog = load_catalog(config, "tr")
    seg = segments[0][0]
    catalog.entry(seg.context, seg.text).flags.append("fuzzy")
    assert catalog.reviewed(seg) is None


def test_save_is_a_byte_identical_round_trip(project):
    config = load_config(project)
    for lang in config.languages:
        catalog = load_catalog(config, lang)
        before = catalog.path.read_bytes()
        when = dt.datetime.strptime(catalog.po.metadata["PO-Revision-Date"],
                                    "%Y-%m-%d %H:%M+0000")
        save(catalog, when)
        assert catalog.path.read_bytes() == before, lang


def test_new_catalog_has_gettext_headers(project):
    config, segments, ui = segments_of(project)
    (config.translations_dir / "ti.po").unlink()
    catalog = load_catalog(config, "ti")
    sync(catalog, segments, ui)
    save(catalog, WHEN)
    po = polib.pofile(str(catalog.path))
    assert po.metadata["Language"] == "ti"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Plural-Forms"].startswith("nplurals=2;")


@needs_msgfmt
def test_example_and_written_catalogs_pass_msgfmt_check(project):
    config, segments, ui = segments_of(project)
    catalog = load_catalog(config, "ar")
    segments = [(type(s)(s.slug, s.id, s.text + " Echt.", s.line) if s.id == "summary" else s, p)
                for s, p in segments]
    sync(catalog, segments, ui)  # fuzzy entries with previous msgids, like a real update
    save(catalog, WHEN)
    for po in sorted(config.translations_dir.glob("*.po")):
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr


def test_save_is_atomic_when_writing_fails(project, monkeypatch):
    config = load_config(project)
    catalog = load_catalog(config, "en")
    before = catalog.path.read_bytes()
    next(e for e in catalog.po if e.msgstr).msgstr = "Changed, so there is something to write"

    def broken_write(self, data, encoding=None, errors=None, newline=None):
        with open(self, "w") as fh:
            fh.write("half a fi")
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_text", broken_write)
    with pytest.raises(OSError):
        save(catalog, WHEN)
    assert catalog.path.read_bytes() == before
    assert not [p for p in config.translations_dir.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("text,expected", [
    ('msgid "a"\nmsgstr "b"\n', []),
    ('msgctxt "x:title"\nmsgid ""\n"a"\nmsgstr "b \\"c\\""\n', []),
    ('#| msgid "old"\nmsgid "a"\nmsgstr "b"\n', []),
    ('#~ msgid "gone"\n#~ msgstr "weg"\n', []),
    ('msgid "a"\nmsgstr "b\n', [(2, "text must be in double quotes")]),
    ('msgid "a"\nmsgstr b"\n', [(2, "text must be in double quotes")]),
    ('msgid "a"\nmsgid "c"\nmsgstr ""\n', [(2, "the msgid before this line has no msgstr")]),
    ('msgid "a"\nmsgstrr "b"\n', [(2, "unknown keyword")]),
    ('msgid "a"\n', [(1, "the last msgid has no msgstr")]),
    # msgfmt: 'invalid control sequence'; polib would read '\q' and write it back as '\\q'
    ('msgid "a"\nmsgstr "b \\q c"\n', [(2, "invalid escape '\\q'")]),
    ('msgid "a"\nmsgstr ""\n"b\\\\ \\" \\n \\t \\101 \\x41"\n', []),
])
def test_po_syntax_problems_name_the_line(text, expected):
    """polib silently drops a broken string; the build must name the line instead."""
    from toolkit.catalog import syntax_problems
    found = syntax_problems(text)
    assert [(n, msg[:len(m)]) for (n, msg), (_, m) in zip(found, expected)] == expected
    assert len(found) == len(expected)


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}  # not the writers' lock files


def test_update_catalogs_on_a_fresh_copy_changes_no_byte(project, run, monkeypatch):
    """The committed catalogs and template are in sync: update-catalogs writes nothing,
    and a second run after a real change writes nothing again (dates included)."""
    before = _snapshot(project / "translations")
    result = run(project, "update-catalogs")
    assert result.code == 0, result.err
    assert _snapshot(project / "translations") == before
    assert "template updated" not in result.out

    path = project / "content" / "hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Doe overdag de gordijnen dicht.", "Doe overdag de zware gordijnen dicht."),
        encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")  # a day later
    assert run(project, "update-catalogs").code == 0
    changed = _snapshot(project / "translations")
    assert changed != before
    assert b"POT-Creation-Date: 2026-01-02" in changed["messages.pot"]
    assert b"PO-Revision-Date: 2026-01-02" in changed["ar.po"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767398400")  # and another day later
    assert "unchanged" in run(project, "update-catalogs").out
    assert _snapshot(project / "translations") == changed


@needs_msgfmt
def test_gettext_tools_leave_updated_catalogs_untouched(project, run):
    """After an edit and update-catalogs: msgcat rewrites no byte, msgfmt --check passes,
    and msgmerge of each PO file with messages.pot (Weblate's add-on) is a no-op."""
    path = project / "content" / "hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Doe overdag de gordijnen dicht.", "Doe overdag de zware gordijnen dicht."),
        encoding="utf-8")
    assert run(project, "update-catalogs").code == 0
    folder = project / "translations"
    pot = folder / "messages.pot"
    for po in sorted(folder.glob("*.po")) + [pot]:
        text = po.read_text(encoding="utf-8")
        cat = subprocess.run(["msgcat", str(po)], capture_output=True, text=True)
        assert cat.stdout == text, po.name
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        if po != pot:
            merged = subprocess.run(["msgmerge", "--quiet", "--previous", "-o", "-", str(po),
                                     str(pot)], capture_output=True, text=True)
            assert merged.stdout == text, po.name


WEBLATE_PLURALS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5;",
    "tr": "nplurals=2; plural=n != 1;",
    "pl": "nplurals=3; plural=n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
          "? 1 : 2;",
    "uk": "nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 "
          "|| n%100>=20) ? 1 : 2;",
    "ti": "nplurals=2; plural=n > 1;",
}


@pytest.mark.parametrize("lang", sorted(WEBLATE_PLURALS))
def test_catalogs_carry_the_plural_forms_weblate_writes(project, lang):
    config = load_config(project)
    po = load_catalog(config, lang).po
    assert po.metadata["Plural-Forms"] == WEBLATE_PLURALS[lang]
    for field in ("POT-Creation-Date", "PO-Revision-Date", "Report-Msgid-Bugs-To",
                  "X-Generator", "Language", "Plural-Forms"):
        assert field in po.metadata


def test_old_babel_plural_forms_are_replaced_but_a_translators_choice_is_kept(project, run):
    path = project / "translations" / "tr.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nplurals=2; plural=n != 1;", "nplurals=1; plural=0;"),
                    encoding="utf-8")
    assert run(project, "update-catalogs").code == 0
    assert "nplurals=2; plural=n != 1;" in path.read_text(encoding="utf-8")
    path.write_text(text.replace("nplurals=2; plural=n != 1;", "nplurals=2; plural=(n != 1);"),
                    encoding="utf-8")
    assert run(project, "update-catalogs").code == 0
    assert "plural=(n != 1);" in path.read_text(encoding="utf-8")


DUPLICATE = '''
msgctxt "hitte:title"
msgid "Het is heel warm"
msgstr "Jest bardzo gorąco – duplikat"
'''


@pytest.mark.parametrize("name,tail,message", [
    ("duplicate", DUPLICATE, "duplicate entry for msgctxt 'hitte:title' (first at line"),
    ("newline", '\nmsgid "Een regel\\n"\nmsgstr "Jedna linia"\n',
     "the Dutch and the translation do not both end with a line break"),
    ("plural", '\nmsgid "een"\nmsgid_plural "veel"\nmsgstr[0] "a"\nmsgstr[1] "b"\n',
     "2 plural forms, but the Plural-Forms header says 3"),
    ("escape", '\nmsgid "Bel 112 \\q"\nmsgstr "Zadzwoń pod 112"\n', "invalid escape '\\q'"),
])
def test_what_msgfmt_refuses_is_refused_with_file_and_line(project, run, name, tail, message):
    path = project / "translations" / "pl.po"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + tail, encoding="utf-8")
    line = before.count("\n") + 2  # the tail's first entry
    result = run(project, "build")
    assert result.code == 1
    assert f"translations/pl.po:{line}: {message}" in result.err
    if shutil.which("msgfmt"):  # gettext refuses the same file
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                               capture_output=True, text=True)
        assert check.returncode != 0


def test_template_ngettext_uses_each_languages_plural_forms(project, run):
    """A template plural gets one form per Plural-Forms form (six in Arabic), and the page
    shows the form the language's formula picks, not Dutch's one-or-more."""
    import re

    from toolkit.catalog import plural_index

    template = project / "templates" / "message.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<ol class="steps">',
        '<p class="count">{{ ngettext("%(num)d stap", "%(num)d stappen", steps|length) }}</p>'
        '\n<ol class="steps">'), encoding="utf-8")
    assert run(project, "update-catalogs").code == 0
    config = load_config(project)
    for lang in config.languages:
        catalog = load_catalog(config, lang)
        entry = catalog.entry(None, "%(num)d stap")
        assert entry.msgid_plural == "%(num)d stappen"
        assert len(entry.msgstr_plural) == int(
            catalog.po.metadata["Plural-Forms"].split(";")[0].split("=")[1])
        for i in entry.msgstr_plural:
            entry.msgstr_plural[i] = f"[{lang} form {i}] %(num)d"
        save(catalog, WHEN)
    pot = (project / "translations" / "messages.pot").read_text(encoding="utf-8")
    assert 'msgid_plural "%(num)d stappen"\nmsgstr[0] ""\nmsgstr[1] ""' in pot
    assert run(project, "build").code == 0
    _, segments, _ = segments_of(project)
    steps = sum(1 for s, _ in segments if s.slug == "hitte" and s.id.startswith("step-"))
    for lang in ("ar", "pl", "tr", "uk", "en"):
        po = load_catalog(config, lang).po
        page = (project / "_site" / lang / "hitte" / "index.html").read_text(encoding="utf-8")
        shown = re.search(r'<p class="count">(.*?)</p>', page).group(1)
        assert shown == f"[{lang} form {plural_index(po, steps)}] {steps}", lang
