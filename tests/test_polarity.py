"""Limits turned round and negations lost: the translation says the opposite of the Dutch
with the same numbers. Planted cases are in tests/fixtures/facts/planted.tsv (kinds
comparison and negation); these tests pin what the findings say and where the checks stop."""

import pytest
from test_facts import CASES

from toolkit.safety import Context, critical, run_checks


def codes(source, target, lang):
    return [f.code for f in critical(run_checks(source, target, Context(lang)))]


def test_the_planted_set_has_both_classes_in_several_languages():
    for kind in ("comparison", "negation"):
        wrong = [c for c in CASES if c["kind"] == kind and c["expect"] == "wrong"]
        same = [c for c in CASES if c["kind"] == kind and c["expect"] == "same"]
        assert len(wrong) >= 10 and len(same) >= 8
        assert len({c["lang"] for c in wrong}) >= 6


@pytest.mark.parametrize("source,target,lang,message", [
    ("Heb je koorts boven 38 graden?", "Do you have a fever below 38 degrees?", "en",
     "comparison reversed: 'boven 38 graden' → 'below 38 degrees'"),
    ("Kinderen onder 12 jaar.", "12 yaşından büyük çocuklar.", "tr",
     "comparison reversed: 'onder 12 jaar' → '12 yaşından büyük'"),
    ("Koorts boven 38 graden.", "38 derecenin altında ateş.", "tr",
     "comparison reversed: 'boven 38 graden' → '38 derecenin altında'"),
    ("Kinderen onder 12 jaar.", "12岁以上的儿童。", "zh",
     "comparison reversed: 'onder 12 jaar' → '12岁以上'"),
    ("Laat een kind nooit alleen in de auto.", "Always leave a child alone in the car.",
     "en", "negation lost: 'nooit' has no counterpart in 'Always leave a child alone in "
     "the car.'"),
])
def test_findings_name_the_words(source, target, lang, message):
    findings = critical(run_checks(source, target, Context(lang)))
    assert message in [str(f.message) for f in findings]


def test_a_negation_next_to_a_limit_is_part_of_the_limit():
    source = "Neem niet meer dan 8 tabletten per dag."
    assert codes(source, "Do not take more than 8 tablets a day.", "en") == []
    assert codes(source, "Take at most 8 tablets a day.", "en") == []
    assert codes(source, "Take at least 8 tablets a day.", "en") == ["comparison"]


def test_sentences_are_compared_one_by_one():
    source = "Ga niet naar school. Drink veel water."
    assert codes(source, "Do not go to school. Drink plenty of water.", "en") == []
    assert codes(source, "Go to school. Do drink plenty of water, not juice.", "en") == [
        "negation"]


def test_an_added_negation_is_a_warning_not_a_refusal():
    findings = run_checks("Blijf tussen 12.00 en 15.00 uur uit de zon.",
                          "Between 12:00 and 15:00 do not go out in the sun.", Context("en"))
    assert critical(findings) == []
    assert "negation-added" in [f.code for f in findings]


def test_a_language_without_tables_is_not_checked():
    # Turkish negation is a verb suffix, Somali has no tables: never a false alarm.
    assert codes("Geef geen aspirine aan kinderen.", "Çocuklara aspirin verin.", "tr") == []
    assert codes("Heb je koorts boven 38 graden?", "Ma qabtaa qandho ka hooseysa 38?",
                 "so") == []
