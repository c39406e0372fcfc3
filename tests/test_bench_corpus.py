"""The benchmark corpus (benchmarks/corpus.py) is what the benchmark claims it is: plain
Dutch within budget, every page published in every language, the same every time, and
the same texts in the Hugo site. Speed itself is measured in benchmarks/, never here."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402

from toolkit.pipeline import run  # noqa: E402
from toolkit.safety import Context, critical, run_checks  # noqa: E402


@pytest.mark.parametrize("lang", ["en", "ar", "uk", "zh-Hans", "pl"])
@pytest.mark.parametrize("text", [
    "Bel de GGD op 088 123 4567.",
    "Blijf tussen 12.00 en 15.00 uur uit de zon.",
    "Meer lezen? Kijk op [onze website](https://gezond.example.nl/bericht-0001/).",
    "Folder in het Nederlands en %(language)s",
    "Poster om te printen (A4)",
])
def test_pseudo_translation_keeps_every_fact_and_changes_the_words(text, lang):
    translated = corpus.pseudo(text, lang)
    ctx = Context(lang=lang, do_not_translate=("GGD", "RIVM"))
    assert critical(run_checks(text, translated, ctx)) == []
    assert translated != text
    assert corpus.pseudo(text, lang) == translated  # the same word, the same made-up word


def test_pseudo_words_are_in_the_languages_script():
    assert all("\u0600" <= c <= "\u06ff" for c in corpus.pseudo_word("water", "ar"))
    assert all("\u0400" <= c <= "\u04ff" for c in corpus.pseudo_word("water", "uk"))
    assert all("\u4e00" <= c <= "\u9fff" for c in corpus.pseudo_word("water", "zh-Hans"))


def test_message_i_does_not_depend_on_the_corpus_size():
    assert corpus.message(7, 3) == corpus.message(7, 3)
    assert corpus.message(7, 3) != corpus.message(8, 3)


def test_corpus_passes_check_and_publishes_every_page(tmp_path):
    project = tmp_path / "k"
    corpus.write_klaar(project, 3, corpus.languages(4), seed=5)  # verifies with check/status
    site = run(project, output=tmp_path / "site")
    assert site.withheld == ()
    for lang in ("nl", "en", "ar", "tr"):
        assert len(site.published[lang]) == 3, lang
    assert (tmp_path / "site" / "ar" / "bericht-0002" / "poster.png").is_file()


def test_corpus_is_the_same_every_time(tmp_path):
    langs = corpus.languages(3)
    for name in ("a", "b"):
        corpus.write_klaar(tmp_path / name, 2, langs, seed=9, verify=False)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*")
                   if p.suffix in (".md", ".po") and p.parts[-2] in ("content", "translations"))
    assert len(files) == 2 + 2
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_hugo_site_has_the_same_texts(tmp_path):
    langs = corpus.languages(3)
    corpus.write_hugo(tmp_path / "h", 2, langs, seed=4)
    t = corpus.message(4, 2)
    dutch = (tmp_path / "h/content/nl/bericht-0002.md").read_text(encoding="utf-8")
    arabic = (tmp_path / "h/content/ar/bericht-0002.md").read_text(encoding="utf-8")
    assert t.steps[0][1] in dutch
    assert corpus.pseudo(t.steps[0][1], "ar") in arabic
    assert "[languages.ar]" in (tmp_path / "h/hugo.toml").read_text(encoding="utf-8")
