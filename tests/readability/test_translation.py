"""A translation harder to read than its Dutch source is flagged (a warning, not a block):
markedly longer sentences, or rarer words, judged with the target language's own
word-frequency list."""

import polib
import pytest

from toolkit.readability import compare
from toolkit.readability.translation import harder_than_source
from toolkit.review_screen import entry_key

SOURCE = ("Was je handen met water en zeep. Droog ze daarna goed af. Heb je koorts? "
          "Blijf dan thuis en bel de huisarts.")
PLAIN = {
    "en": "Wash your hands with water and soap. Then dry them well. Do you have a fever? "
          "Then stay home and call your doctor.",
    "tr": "Ellerinizi su ve sabunla yıkayın. Sonra iyice kurulayın. Ateşiniz mi var? "
          "O zaman evde kalın ve doktorunuzu arayın.",
    "ar": "اغسل يديك بالماء والصابون. ثم جففهما جيدا. هل لديك حمى؟ ابق في المنزل واتصل "
          "بطبيبك.",
    "pl": "Umyj ręce wodą i mydłem. Potem dobrze je wytrzyj. Masz gorączkę? Zostań w domu "
          "i zadzwoń do lekarza.",
    "uk": "Помийте руки водою з милом. Потім добре їх витріть. У вас висока температура? "
          "Залишайтеся вдома і зателефонуйте лікарю.",
}
HARDER = {
    "en": "Cleanse your hands utilising an adequate quantity of detergent and lukewarm "
          "water. Then dry them well. Do you have a fever? Then stay home and call your "
          "doctor.",
    "tr": "Ellerinizi dezenfektan solüsyonlarla titizlikle arındırınız. Sonra iyice "
          "kurulayın. Ateşiniz mi var? O zaman evde kalın ve doktorunuzu arayın.",
    "pl": "Dokładnie zdezynfekuj kończyny górne preparatem antyseptycznym. Potem dobrze je "
          "wytrzyj. Masz gorączkę? Zostań w domu i zadzwoń do lekarza.",
}


@pytest.mark.parametrize("lang", sorted(PLAIN))
def test_a_plain_translation_gets_no_warning(lang):
    assert harder_than_source(SOURCE, PLAIN[lang], lang) == []


@pytest.mark.parametrize("lang", sorted(HARDER))
def test_rarer_words_are_flagged_on_the_sentence_that_has_them(lang):
    [found] = harder_than_source(SOURCE, HARDER[lang], lang)
    assert found.kind in ("rarer", "longer_rarer") and found.sentence == 0
    assert len(found.words) >= 3
    assert found.message.startswith("sentence 1") and found.words[0] in found.message


def test_a_markedly_longer_sentence_is_flagged():
    longer = ("Wash your hands with water and soap. Then dry them well. Do you have a "
              "fever? In that case it would be best for you to stay at home for the time "
              "being and to call your own family doctor as soon as you can.")
    [found] = harder_than_source(SOURCE, longer, "en")
    assert found.kind == "longer" and found.sentence == 3
    assert found.message.startswith("sentence 4 (“In that case it would be …”) has 29 words: 3.5× as long")
    assert "(8 Dutch words)" in found.message  # huisarts: huis + arts


def test_languages_without_a_word_list_are_not_judged():
    assert harder_than_source("Was je handen.", "ኢድካ ተሓጸብ ብማይን ሳሙናን ብጥንቃቐ።", "ti") == []


def test_compare_reports_it_as_a_problem_only_when_asked():
    """The review-time shape check calls compare() without difficulty: unchanged."""
    def harder(result):
        return [p for p in result.problems if p.rule.startswith("harder_than_source")]

    assert harder(compare(SOURCE, HARDER["en"], "en")) == []
    [problem] = harder(compare(SOURCE, HARDER["en"], "en", difficulty=True))
    assert problem.rule == "harder_than_source_rarer" and problem.sentences == (0,)


HARD_EN = ("Moisten your hands thoroughly beneath the faucet utilising lukewarm potable "
           "water.")
SOURCE_NL = "Maak je handen nat onder de kraan."


def _set_translation(project, text, reviewed):
    po_path = project / "translations/en.po"
    po = polib.pofile(str(po_path))
    entry = po.find(SOURCE_NL)
    entry.msgstr = text
    entry.flags = [f for f in entry.flags if f != "fuzzy"] + ([] if reviewed else ["fuzzy"])
    po.save(str(po_path))


def test_review_screen_shows_the_warning_and_still_lets_the_translator_approve(project):
    from toolkit.catalog import State, load_catalog, state
    from toolkit.config import load_config
    from toolkit.review_screen import apply, language_page, version

    _set_translation(project, HARD_EN, reviewed=False)
    config = load_config(project)
    page = language_page(config, "en", "token")
    assert "Harder to read than the Dutch (warning)" in page
    # which sentence, and why: the words the translator should replace
    assert "sentence 1 (“Moisten your hands thoroughly beneath the …”)" in page
    assert "uncommon words" in page and "faucet" in page and "utilising" in page
    entry = next(e for e in load_catalog(config, "en").po if e.msgid == SOURCE_NL)
    notice = apply(config, "en", {"key": entry_key(entry), "version": version(entry),
                                  "translation": HARD_EN, "action": "approve"})
    assert notice.kind == "saved"  # a warning, not a block
    saved = next(e for e in load_catalog(config, "en").po if e.msgid == SOURCE_NL)
    assert saved.msgstr == HARD_EN and state(saved) is State.REVIEWED


def test_review_screen_warning_speaks_dutch_to_dutch_staff(project, monkeypatch):
    from toolkit.config import load_config
    from toolkit.review_screen import language_page

    _set_translation(project, HARD_EN, reviewed=False)
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    page = language_page(load_config(project), "en", "token")
    assert "Moeilijker te lezen dan het Nederlands (waarschuwing)" in page
    assert "zin 1 (“Moisten your hands thoroughly beneath the …”)" in page
    assert "weinig gebruikte woorden" in page and "faucet" in page
    assert "uncommon words" not in page


def test_check_warns_about_a_reviewed_translation_without_failing(project, run,
                                                                   monkeypatch):
    _set_translation(project, HARD_EN, reviewed=True)
    result = run(project, "check", "content/handen-wassen.md")
    assert result.code == 0, result.out  # a warning, not a block
    assert "[en] reviewed translation: warning: " in result.out, result.out
    assert "sentence 3 (“Moisten your hands thoroughly beneath the …”)" in result.out
    assert "faucet" in result.out
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    dutch = run(project, "check", "content/handen-wassen.md")
    assert dutch.code == 0
    assert "[en] gecontroleerde vertaling: waarschuwing: zin 3 (“Moisten" in dutch.out
    assert "weinig gebruikte woorden" in dutch.out


def test_a_harder_reviewed_translation_is_still_published(project, run):
    _set_translation(project, HARD_EN, reviewed=True)
    assert run(project, "build").code == 0
    page = (project / "_site/en/handen-wassen/index.html").read_text(encoding="utf-8")
    assert "beneath the faucet" in page
