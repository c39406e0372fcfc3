"""Edits of the Dutch as a translation team expects them: a punctuation-only edit keeps
the review, a renamed file keeps its translations, a word edit withdraws them and the
build says which pages went and why."""

import polib
import pytest

from toolkit.catalog import KEPT_NOTE, State, load_catalog, minor_edit_key, state
from toolkit.config import load_config
from toolkit.pipeline import run as build_site

TRANSLATED = ["en", "ar", "tr", "pl", "uk"]


@pytest.mark.parametrize("a,b", [
    ("Doe overdag de gordijnen dicht.", "Doe overdag de gordijnen dicht!"),
    ("Bel je huisarts.", "Bel  je huisarts"),
    ("Zo'n prik is gratis.", "Zo’n prik is gratis."),
    ('Lees "Hitte" goed.', "Lees «Hitte» goed."),
    ("Drink water, ook als je geen dorst hebt.", "Drink water — ook als je geen dorst hebt."),
    ("Kijk op https://www.rivm.nl/hitte.", "Kijk op https://www.rivm.nl/hitte"),
    ("Bel **112** bij gevaar.", "Bel 112 bij gevaar."),
])
def test_punctuation_spacing_and_quotes_are_minor(a, b):
    assert minor_edit_key(a) == minor_edit_key(b)


@pytest.mark.parametrize("a,b", [
    ("Drink 1,5 liter water.", "Drink 15 liter water."),
    ("Het is 12.00 uur.", "Het is 1200 uur."),
    ("Bij -5 graden blijf je binnen.", "Bij 5 graden blijf je binnen."),
    ("Kijk op https://www.rivm.nl/hitte.", "Kijk op https://www.rivm.nl/hitter."),
    ("Doe de gordijnen dicht.", "Doe de gordijnen open."),
    ("Neem geen paracetamol.", "Neem paracetamol."),
    ("Mail naar info@ggd.nl.", "Mail naar info@ggd.nu."),
    ("Bel 088-123.", "Bel 088 123."),
])
def test_words_numbers_and_links_are_not_minor(a, b):
    assert minor_edit_key(a) != minor_edit_key(b)


def _edit(project, old, new, name="hitte.md"):
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _published(out: str, lang: str) -> str:
    line = next(line for line in out.splitlines() if line.strip().startswith(lang + " "))
    return line.split()[1]


def test_punctuation_only_edit_keeps_every_review_and_says_so(project, run):
    assert run(project, "build").code == 0
    _edit(project, "Doe overdag de gordijnen dicht.", "Doe overdag de gordijnen dicht!")
    result = run(project, "build")
    assert result.code == 0, result.err
    assert "Withdrawn since the last build" not in result.out
    assert "review kept [ar, en, pl, tr, uk] hitte:step-2" in result.out
    for lang in TRANSLATED:
        assert _published(result.out, lang) == "4/4"
    assert run(project, "update-catalogs").code == 0
    config = load_config(project)
    for lang in TRANSLATED:
        entry = load_catalog(config, lang).entry("hitte:step-2", "Doe overdag de gordijnen dicht!")
        assert state(entry) is State.REVIEWED
        assert f"{KEPT_NOTE} Doe overdag de gordijnen dicht." in entry.tcomment


def test_word_edit_withdraws_and_the_build_lists_it_with_the_reason(project, run):
    assert run(project, "build").code == 0
    _edit(project, "Doe overdag de gordijnen dicht.", "Doe overdag de gordijnen open.")
    result = run(project, "build")
    assert result.code == 0, result.err
    assert "Withdrawn since the last build (5 pages):" in result.out
    assert ("hitte [ar, en, pl, tr, uk]: the Dutch of step 2 changed ('Doe overdag de "
            "gordijnen dicht.' → 'Doe overdag de gordijnen open.'): needs review") in result.out
    again = run(project, "build")  # reported once: the next build compares with this one
    assert "Withdrawn" not in again.out


def test_preview_warns_how_many_reviewed_translations_an_edit_withdraws(project, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")  # the panel speaks the staff language
    _edit(project, "Doe overdag de gordijnen dicht.", "Doe overdag de gordijnen open.")
    out = tmp_path / "preview"
    build_site(project, drafts=True, preview=True, output=out)
    page = (out / "nl" / "hitte" / "index.html").read_text(encoding="utf-8")
    assert "deze wijziging trekt 5 gecontroleerde vertalingen in (ar, en, pl, tr, uk)" in page
    other = (out / "nl" / "griepprik" / "index.html").read_text(encoding="utf-8")
    assert "withdraw-warning" not in other


def test_renamed_message_keeps_its_published_translations(project, run):
    assert run(project, "build").code == 0
    (project / "content" / "hitte.md").rename(project / "content" / "warmte.md")
    result = run(project, "build")
    assert result.code == 0, result.err
    for lang in TRANSLATED:
        assert (project / "_site" / lang / "warmte" / "index.html").exists()
        assert _published(result.out, lang) == "4/4"
    assert "translations carried [ar, en, pl, tr, uk]: hitte → warmte (renamed)" in result.out
    assert "hitte [ar, en, nl, pl, tr, uk]: renamed to warmte, translations carried " \
           "(published there)" in result.out

    result = run(project, "update-catalogs")
    assert "12 carried to a renamed message (hitte → warmte)" in result.out
    config = load_config(project)
    for lang in TRANSLATED:
        po = load_catalog(config, lang).po
        moved = [e for e in po if (e.msgctxt or "").startswith("warmte:")]
        assert len(moved) == 12 and all(state(e) is State.REVIEWED for e in moved)
        assert not [e for e in po if (e.msgctxt or "").startswith("hitte:")]


def test_renamed_and_edited_step_carries_its_translation_for_review(project, run):
    (project / "content" / "hitte.md").rename(project / "content" / "warmte.md")
    _edit(project, "Doe overdag de gordijnen dicht.", "Doe overdag de gordijnen open.",
          name="warmte.md")
    assert run(project, "update-catalogs").code == 0
    po = polib.pofile(str(project / "translations" / "pl.po"))
    entry = next(e for e in po if e.msgctxt == "warmte:step-2")
    assert entry.previous_msgid == "Doe overdag de gordijnen dicht."
    assert "fuzzy" in entry.flags and entry.msgstr  # kept, not published, not lost


def test_a_copy_does_not_take_the_translations_of_a_message_that_still_exists(project, run):
    source = (project / "content" / "hitte.md").read_text(encoding="utf-8")
    (project / "content" / "warmte.md").write_text(source, encoding="utf-8")
    assert run(project, "update-catalogs").code == 0
    po = load_catalog(load_config(project), "pl").po
    assert all(state(e) is State.REVIEWED for e in po if (e.msgctxt or "").startswith("hitte:"))
    assert all(state(e) is State.UNTRANSLATED
               for e in po if (e.msgctxt or "").startswith("warmte:"))
