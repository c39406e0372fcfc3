"""What is wrong in a file people wrote (site.toml, a message, a pictogram, a logo) is said
in the staff language, with the same file, line and fix as in English."""

from __future__ import annotations

import re

import pytest

from conftest import MESSAGE, write
from toolkit.config import load_config
from toolkit.errors import BuildErrors
from toolkit.svgsafe import UnsafeSVG, clean_svg
from toolkit.textfile import decode

# Words of the English texts that no Dutch text of the toolkit uses.
ENGLISH = re.compile(r"\b(must|expected|missing|is not|unknown|required|allowed|the|"
                     r"front matter is|save it|delete|give|write|too light)\b")


def _where(lines: list[str]) -> list[str]:
    """'content/x.md:3:' of each problem line, in order."""
    return [m.group(0) for line in lines if (m := re.match(r"[\w./-]+:\d*:?", line))]


def _problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if re.match(r"[\w./-]+\.(md|toml)[:\d]*:", line)]


def _both(run, project, monkeypatch, *args):
    english = run(project, *args)
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    dutch = run(project, *args)
    monkeypatch.delenv("KLAAR_LANGUAGE")
    return english, dutch


def test_site_toml_problems_are_dutch_with_the_same_file_and_line(project, run, monkeypatch):
    toml = project / "site.toml"
    text = toml.read_text(encoding="utf-8").replace('level = "A2"', 'level = "C1"')
    text += '\n[brand]\ncolor = "#ffee00"\n[mt]\nengine = "libretranslate"\n'
    toml.write_text(text, encoding="utf-8")
    english, dutch = _both(run, project, monkeypatch, "check")
    assert english.code == dutch.code == 1
    en, nl = _problem_lines(english.err), _problem_lines(dutch.err)
    assert len(en) == len(nl) == 3, (english.err, dutch.err)
    assert _where(en) == _where(nl)
    level_line = next(n for n, line in enumerate(text.splitlines(), 1)
                      if line.startswith("level"))
    assert f"site.toml:{level_line}: level: 'C1' must be one of A2, B1" in english.err
    assert f"site.toml:{level_line}: level: 'C1' moet een van deze zijn: A2, B1" in dutch.err
    assert "te licht om te lezen" in dutch.err and "WCAG AA" in dutch.err
    assert "heeft het adres van de server nodig" in dutch.err
    assert "3 problemen in 1 bestand" in dutch.err
    for line in nl:
        assert not ENGLISH.search(line.split(": ", 1)[1]), line


def test_the_site_setting_alone_makes_site_toml_problems_dutch(project, run):
    toml = project / "site.toml"
    toml.write_text('staff_language = "nl"\n' + toml.read_text(encoding="utf-8")
                    .replace('title = "', 'titel = "'), encoding="utf-8")
    r = run(project, "check")
    assert r.code == 1
    assert "site.toml: title: verplichte sleutel ontbreekt (De titel van de site" in r.err
    assert "onbekende sleutel 'titel' wordt genegeerd (bedoel je `title`?)" in r.err


BROKEN = {
    # file name → (text, what the Dutch says)
    "datums.md": (MESSAGE.replace("reviewed: 2025-06-01", "reviewed: 1 juni")
                  .replace("level: A2", "level: C1\nkleur: rood"),
                  ["verwacht een datum zoals 2026-10-01, maar er staat '1 juni'",
                   "'C1' is geen niveau", "onbekende sleutel 'kleur'"]),
    "zonder-bron.md": (re.sub(r"source:\n(  .*\n)+", "", MESSAGE)
                       .replace("Een zin in de tekst.", "Zie [hier](javascript:alert(1))."),
                       ["verplichte sleutel 'source' ontbreekt",
                        "link: javascript:-links zijn niet toegestaan"]),
    "Hoofdletters.md": (MESSAGE, ["moet bestaan uit woorden in kleine letters"]),
    "lege-regel.md": ("\n\n" + MESSAGE, ["haal de 2 lege regels weg vóór de '---' op regel 3"]),
    "stuurteken.md": (MESSAGE.replace("Doe zeep", "Doe\x07 zeep"),
                      ["onzichtbaar stuurteken U+0007 in kolom"]),
    "stappen.md": (MESSAGE.replace("pictogram: soap", "pictogram: zeepje"),
                   ["onbekend pictogram 'zeepje'"]),
}


def test_message_problems_are_dutch_with_the_same_file_and_line(project, run, monkeypatch):
    for name, (text, _said) in BROKEN.items():
        (project / "content" / name).write_text(text, encoding="utf-8")
    english, dutch = _both(run, project, monkeypatch, "check")
    assert english.code == dutch.code == 1
    en, nl = _problem_lines(english.err), _problem_lines(dutch.err)
    assert len(en) == len(nl) >= 8
    assert _where(en) == _where(nl)  # the same file:line, in the same order
    for name, (_text, said) in BROKEN.items():
        shown = [line for line in nl if line.startswith(f"content/{name}:")]
        for words in said:
            assert any(words in line for line in shown), (name, words, shown)
    for line in nl:
        message = line.split(": ", 1)[1]
        assert not ENGLISH.search(message), line


def test_a_utf16_file_and_an_unsafe_svg_are_explained_in_dutch(monkeypatch):
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    with pytest.raises(BuildErrors) as info:
        decode("tekst".encode("utf-16"), "content/a.md", "message")
    problem = info.value.problems[0]
    assert problem.message == "dit bericht is opgeslagen als UTF-16" and problem.line == 1
    assert "sla het op als UTF-8" in (problem.hint or "")
    with pytest.raises(UnsafeSVG) as bad:
        clean_svg(b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "b">]>\n<svg/>')
    assert "entiteiten worden geweigerd" in str(bad.value) and bad.value.line == 2
    cleaned = clean_svg(b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>x()</script>\n'
                        b'<rect onclick="x()" width="1" height="1"/></svg>')
    removed = " | ".join(what for _line, what in cleaned.removed)
    assert "event-attribuut onclick op <rect>" in removed and "geen tekening" in removed


def test_a_glossary_file_problem_names_the_row_in_dutch(project, monkeypatch):
    write(project / "translations" / "glossary.csv", """\
        term,language,translation,note
        huisarts,tr,,
        """)
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    with pytest.raises(BuildErrors) as info:
        load_config(project)
    text = info.value.format_message()
    assert "translations/glossary.csv:2: 'huisarts': geef zowel een taal als een vertaling" in text


def test_a_broken_catalog_and_a_bad_message_name_are_explained_in_dutch(project, run,
                                                                         monkeypatch):
    po = project / "translations" / "tr.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("msgstr ") and i > 20)
    lines[n] = "msgstrr " + lines[n][len("msgstr "):]
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    r = run(project, "check")
    assert r.code == 1
    assert re.search(rf"translations/tr\.po:{n + 1}: onbekend sleutelwoord in 'msgstrr ", r.err)
    assert "verbeter het in een teksteditor of Poedit" in r.err
    new = run(project, "new", "Griep Prik")
    assert new.code == 1
    assert "'Griep Prik' kan geen naam van een bericht zijn" in new.err
    assert "bijvoorbeeld `griep-prik`" in new.err
