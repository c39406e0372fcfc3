"""Hand-written translation sets: for each Dutch A2 sentence a faithful plain translation
and one a translator made harder (longer, more formal, rarer words), per language, in
tests/readability/data/translations/<lang>.txt. The checker must flag most of the hard
ones and almost none of the plain ones; add blocks to the files to widen the test."""

from pathlib import Path

import pytest

from toolkit.readability.translation import harder_than_source

SETS = Path(__file__).parent / "data" / "translations"
MIN_HARD_FLAGGED = 0.72  # per language (Persian formal light verbs are common words)
MAX_PLAIN_FLAGGED = 0.12  # per language: at most about one plain translation in eight
MIN_HARD_FLAGGED_ALL = 0.82
MAX_PLAIN_FLAGGED_ALL = 0.04


def read_set(path: Path) -> list[dict[str, str]]:
    """Blocks of 'nl:', 'plain:' and 'hard:' lines, separated by blank or # lines."""
    items: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            if current:
                items.append(current)
            current = {}
            continue
        key, sep, value = line.partition(":")
        assert sep and key in ("nl", "plain", "hard"), f"{path.name}:{number}: {line!r}"
        current[key] = value.strip()
    if current:
        items.append(current)
    for item in items:
        assert set(item) == {"nl", "plain", "hard"}, f"{path.name}: incomplete block {item}"
    return items


LANGS = sorted(p.stem for p in SETS.glob("*.txt"))


def _flagged(lang: str, kind: str) -> list[bool]:
    return [bool(harder_than_source(i["nl"], i[kind], lang))
            for i in read_set(SETS / f"{lang}.txt")]


def test_the_sets_cover_the_supported_languages_with_word_lists():
    assert {"ar", "en", "pl", "tr", "uk"} <= set(LANGS)
    assert all(len(read_set(SETS / f"{lang}.txt")) >= 20 for lang in LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_most_harder_translations_are_flagged(lang):
    flagged = _flagged(lang, "hard")
    assert sum(flagged) / len(flagged) >= MIN_HARD_FLAGGED, (lang, flagged)


@pytest.mark.parametrize("lang", LANGS)
def test_plain_translations_are_rarely_flagged(lang):
    flagged = _flagged(lang, "plain")
    assert sum(flagged) / len(flagged) <= MAX_PLAIN_FLAGGED, (lang, flagged)


def test_over_all_languages():
    hard = [f for lang in LANGS for f in _flagged(lang, "hard")]
    plain = [f for lang in LANGS for f in _flagged(lang, "plain")]
    assert sum(hard) / len(hard) >= MIN_HARD_FLAGGED_ALL
    assert sum(plain) / len(plain) <= MAX_PLAIN_FLAGGED_ALL


def test_the_warning_names_the_sentence_and_the_words():
    """A translator must see which sentence and why, not just 'harder'."""
    [found] = harder_than_source(
        "Heb je koorts? Blijf dan thuis.",
        "Do you have a fever? In that case, you are requested to remain at your residence "
        "until your symptoms have subsided.", "en")
    assert found.sentence == 1 and found.message.startswith(
        "sentence 2 (“In that case, you are requested …”) has 16 words")
    assert "× as long as the Dutch asks for" in found.message
    [rarer] = harder_than_source("Eet elke dag groente en fruit.",
                                 "Consume a varied assortment of vegetables and fruit.", "en")
    assert rarer.kind == "rarer" and rarer.message.startswith("sentence 1 (“Consume a")
    assert "Consume" in rarer.message and "assortment" in rarer.message


def test_chinese_is_cut_into_words_before_counting():
    from toolkit.readability.translation import tokens

    assert tokens("每天吃蔬菜和水果。", "zh") == ["每天", "吃", "蔬菜", "和", "水果"]


def test_persian_words_stay_whole_across_the_zero_width_non_joiner():
    from toolkit.readability.translation import tokens

    assert tokens("دست‌هایتان را بشویید", "fa") == ["دست‌هایتان", "را", "بشویید"]
