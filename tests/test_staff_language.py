"""The toolkit speaks one language to staff: Dutch or English, chosen by KLAAR_LANGUAGE,
site.toml's staff_language or the locale, in the CLI, readability advice, the preview
panel and the review screen alike."""

from __future__ import annotations

import re
import tomllib
from fnmatch import fnmatch
from functools import lru_cache

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from conftest import MESSAGE, REPO, write
from toolkit import staff_language
from toolkit.config import load_config
from toolkit.errors import BuildErrors, KlaarError, Problem
from toolkit.pipeline import run as build_site
from toolkit.readability import analyze

HARD = ("Wij verzoeken u vriendelijk om de aanvraag, die door de gemeente wordt "
        "beoordeeld, bijv. tijdig in te dienen.\n")


@lru_cache(maxsize=1)
def _extracted() -> dict[str, tuple[str, ...]]:
    """msgid → (msgid, plural) of every staff text, extracted as babel-staff.cfg says."""
    with (REPO / "babel-staff.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = {}
    for _name, _line, message, _comments, _context in extract_from_dir(
            str(REPO), method_map, options_map):
        ids = message if isinstance(message, tuple) else (message,)
        found[ids[0]] = ids
    return found


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text)) | set(re.findall(r"%\((\w+)\)", text))


def test_extraction_finds_the_staff_texts_and_not_the_sites_own():
    found = _extracted()
    assert "Readability {level}: {verdict}, difficulty {difficulty}" in found  # panel
    assert "Translations that need a person" in found  # review template
    assert "{n} words (at most {most})" in found  # a readability reason
    assert "formal written word; the everyday word says the same" in found  # word list
    assert found["{n} problem"] == ("{n} problem", "{n} problems")  # plural forms
    # render/html.py's _("…") are the public site's Dutch interface texts
    assert "Bron" not in found and "Vragen?" not in found


@pytest.mark.parametrize("lang", [code for code in staff_language.shipped()
                                  if code != staff_language.SOURCE])
def test_every_shipped_catalog_translates_every_staff_text(lang):
    """A new English text without a translation fails here: run the recipe in
    babel-staff.cfg and translate it."""
    path = staff_language.LOCALE_DIR / lang / "LC_MESSAGES" / "klaar.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog
                  if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple)
                                                  else (m.string,))}
    extracted = _extracted()
    missing = sorted(set(extracted) - set(translated))
    assert not missing, f"{path.relative_to(REPO)} lacks: {missing}"
    for msgid, entry in translated.items():
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        allowed = _placeholders(" ".join(extracted.get(msgid, (msgid,))))
        for s in strings:  # a plural form may leave the count out; never add or rename
            assert _placeholders(s) <= allowed, (msgid, s)


def test_catalogs_ship_with_the_package():
    """A pip install of a fresh clone has them: package-data covers every catalog."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["toolkit"]
    catalogs = list((REPO / "toolkit" / "locale").glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    for po in catalogs:
        rel = po.relative_to(REPO / "toolkit").as_posix()
        assert any(fnmatch(rel, p) for p in patterns), rel


@pytest.mark.parametrize("env, setting, expected", [
    ({}, None, "en"),
    ({"LC_ALL": "nl_NL.UTF-8"}, None, "nl"),
    ({"LANG": "nl_BE.UTF-8"}, None, "nl"),
    ({"LC_MESSAGES": "nl_NL", "LANG": "en_GB.UTF-8"}, None, "nl"),
    ({"LC_ALL": "C.UTF-8", "LANG": "nl_NL.UTF-8"}, None, "en"),  # LC_ALL wins, as in POSIX
    ({"LC_ALL": "de_DE.UTF-8"}, None, "en"),  # not shipped: English
    ({"LC_ALL": "C.UTF-8"}, "nl", "nl"),  # the site's setting beats the locale
    ({"LC_ALL": "nl_NL.UTF-8"}, "en", "en"),
    ({"LC_ALL": "C.UTF-8", "KLAAR_LANGUAGE": "nl"}, "en", "nl"),  # the person's choice wins
    ({"LC_ALL": "nl_NL.UTF-8", "KLAAR_LANGUAGE": "fr"}, None, "nl"),  # unknown: ignored
])
def test_choice_of_the_staff_language(env, setting, expected):
    assert staff_language.choose(setting, env) == expected


def test_check_speaks_dutch_under_a_dutch_locale_and_english_otherwise(project, run,
                                                                       monkeypatch):
    english = run(project, "check")
    assert "within budget" in english.out and "messages checked" in english.out
    assert "binnen budget" not in english.out
    monkeypatch.setenv("LC_ALL", "nl_NL.UTF-8")
    dutch = run(project, "check")  # same project: the cached verdicts are not reused
    assert "berichten gecontroleerd" in dutch.out and "binnen budget" in dutch.out
    assert "gecontroleerde vertaling: even kort en eenvoudig als het Nederlands" in dutch.out
    assert "within budget" not in dutch.out and "reviewed translation" not in dutch.out
    assert dutch.code == english.code == 0


def test_site_setting_chooses_dutch_and_the_environment_overrides_it(project, run,
                                                                     monkeypatch):
    toml = project / "site.toml"
    toml.write_text('staff_language = "nl"\n' + toml.read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert load_config(project).staff_language == "nl"
    write(project / "content" / "lastig.md", MESSAGE.replace("Een zin in de tekst.", HARD))
    dutch = run(project, "check", "content/lastig.md")
    assert dutch.code == 1
    assert "BOVEN BUDGET" in dutch.out and "lijdende vorm" in dutch.out
    assert "regel" in dutch.out and "afkorting 'bijv.'" in dutch.out
    build = run(project, "build")
    assert build.code == 1
    assert "boven het A2-budget" in build.err and re.search(r"\d+ problemen? in 1 bestand",
                                                            build.err)
    monkeypatch.setenv("KLAAR_LANGUAGE", "en")
    english = run(project, "check", "content/lastig.md")
    assert "OVER BUDGET" in english.out and "passive voice" in english.out


def test_unknown_staff_language_in_site_toml_is_refused(project):
    toml = project / "site.toml"
    toml.write_text('staff_language = "fr"\n' + toml.read_text(encoding="utf-8"),
                    encoding="utf-8")
    with pytest.raises(BuildErrors) as info:
        load_config(project)
    assert "staff_language: 'fr' is not a staff language" in info.value.format_message()


def test_readability_reasons_follow_the_staff_language(monkeypatch):
    def reasons() -> str:
        r = analyze(HARD, level="A2")
        return " | ".join(f"{f.message} → {f.suggestion}" for s in r.sentences
                          for f in s.flags) + " | " + " | ".join(p.message for p in r.problems)

    english = reasons()
    assert "passive voice ('wordt … beoordeeld')" in english
    assert "abbreviation 'bijv.' → write it out: 'bijvoorbeeld'" in english
    assert "'verzoeken' is officialese: formal written word" in english
    monkeypatch.setenv("LC_ALL", "nl_NL.UTF-8")
    dutch = reasons()
    assert "lijdende vorm ('wordt … beoordeeld')" in dutch
    assert "zeg wie het doet, met het bedrijvende werkwoord 'beoordelen'" in dutch
    assert "afkorting 'bijv.' → schrijf het voluit: 'bijvoorbeeld'" in dutch
    assert "'verzoeken' is ambtelijke taal: deftig schrijftaalwoord" in dutch
    assert "een zin heeft 18 woorden (hoogstens 12)" in dutch
    for word in ("passive", "abbreviation", "officialese", "words", "at most"):
        assert word not in dutch


def test_errors_are_counted_in_the_language_shown(monkeypatch):
    one = BuildErrors([Problem("content/a.md", "x", line=1)])
    two = BuildErrors([Problem("content/a.md", "x", line=1), Problem("content/b.md", "y")])
    assert one.format_message().endswith("1 problem in 1 file")
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    assert one.format_message().endswith("1 probleem in 1 bestand")
    assert two.format_message().endswith("2 problemen in 2 bestanden")
    assert isinstance(one, KlaarError)


def _panel(page: str) -> str:
    m = re.search(r'<details class="report" lang="(\w+)".*?</details>', page, re.S)
    assert m, "no readability panel"
    return m.group(0)


def test_preview_panel_speaks_the_staff_language(project, tmp_path, monkeypatch):
    out = tmp_path / "preview"
    build_site(project, drafts=True, preview=True, output=out, kinds=frozenset({"pages"}))
    english = _panel((out / "nl" / "hitte" / "index.html").read_text(encoding="utf-8"))
    assert english.startswith('<details class="report" lang="en"')
    assert "Readability A2:" in english and "Publication per language" in english
    assert "To the review screen" in english and "Leesbaarheid" not in english
    # The same preview folder, rebuilt in Dutch with worker processes: the language is in
    # the pages' keys, and workers speak it too.
    monkeypatch.setenv("LC_ALL", "nl_NL.UTF-8")
    build_site(project, drafts=True, preview=True, output=out, kinds=frozenset({"pages"}),
               jobs=2)
    page = (out / "nl" / "hitte" / "index.html").read_text(encoding="utf-8")
    dutch = _panel(page)
    assert dutch.startswith('<details class="report" lang="nl"')
    assert "Leesbaarheid A2: binnen het budget" in dutch
    assert "Publicatie per taal" in dutch and "Naar het vertaalscherm" in dutch
    assert re.search(r'data-lang="ti" data-published="no">ti: niet gepubliceerd: ', dutch)
    assert "Readability" not in dutch and "not published" not in dutch


def test_review_screen_speaks_the_staff_language(project, monkeypatch):
    from toolkit.review_screen import apply, language_page, overview

    config = load_config(project)
    english = overview(config, "token")
    assert '<html lang="en"' in english and "Translations that need a person" in english
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    dutch = overview(config, "token")
    assert '<html lang="nl"' in dutch
    assert "Vertalingen die een mens nodig hebben" in dutch and "Onvertaald" in dutch
    assert "Translations that need a person" not in dutch
    page = language_page(config, "ti", "token")
    assert "Goedkeuren" in page and "Concept opslaan" in page
    assert re.search(r"\d+ teksten? (heeft|hebben) een mens nodig", page)
    assert '<option value="untranslated">onvertaald</option>' in page  # value stays English
    notice = apply(config, "ti", {"action": "approve", "key": "x", "translation": ""})
    assert notice.text == "Een lege vertaling kun je niet goedkeuren."


def test_cli_language_does_not_leak_into_the_next_command(project, run, monkeypatch):
    toml = project / "site.toml"
    toml.write_text('staff_language = "nl"\n' + toml.read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert "binnen budget" in run(project, "check").out
    assert staff_language.active() == "en"  # the command's choice ended with it
    assert analyze(HARD, level="A2").problems[0].message.startswith("a sentence has")


def test_staff_language_has_no_say_on_public_pages(project, tmp_path, monkeypatch):
    """Residents never see the staff language: the public site is the same in both."""
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    a = tmp_path / "a"
    build_site(project, output=a, kinds=frozenset({"pages"}))
    monkeypatch.setenv("KLAAR_LANGUAGE", "en")
    b = tmp_path / "b"
    build_site(project, output=b, kinds=frozenset({"pages"}))
    pages = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    assert pages
    for rel in pages:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel

