"""Safety checks: every planted error is caught, no clean translation is flagged."""

import json
from pathlib import Path

import polib
import pytest

from toolkit.facts import extract
from toolkit.safety import CRITICAL, Context, critical, run_checks

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
GLOSSARY = ("GGD", "RIVM", "DigiD", "huisartsenpost")
REQUIRED = {"tr": {"huisarts": "aile hekimi"},
            "pl": {"huisartsenpost": "lekarzy rodzinnych"}}  # substring: any case form
PLANTED = json.loads((FIXTURES / "planted_errors.json").read_text(encoding="utf-8"))


def ctx(lang):
    return Context(lang, GLOSSARY, REQUIRED.get(lang, {}))


@pytest.mark.parametrize("case", PLANTED, ids=lambda c: f"{c['lang']}-{c['expect']}")
def test_every_planted_error_is_caught(case):
    findings = run_checks(case["source"], case["target"], ctx(case["lang"]))
    assert case["expect"] in {f.code for f in findings}, findings


def test_planted_fixture_is_big_enough():
    assert len(PLANTED) >= 30
    assert len({c["lang"] for c in PLANTED}) >= 5


@pytest.mark.parametrize("lang", ["en", "ar", "tr", "pl", "uk"])
def test_no_clean_translation_is_flagged(lang):
    """The reviewed example translations are clean: no critical finding on any of them."""
    po = polib.pofile(str(REPO / "translations" / f"{lang}.po"))
    flagged = {e.msgctxt or e.msgid: [str(f) for f in critical(run_checks(e.msgid, e.msgstr,
                                                                          ctx(lang)))]
               for e in po if e.msgstr and not e.obsolete}
    assert {k: v for k, v in flagged.items() if v} == {}


@pytest.mark.parametrize("text,lang,expected", [
    ("1,5 liter", "nl", ("quantity", (1.5,), "l")),
    ("1.5 litres", "en", ("quantity", (1.5,), "l")),
    ("١٫٥ لتر", "ar", ("quantity", (1.5,), "l")),
    ("۱۲ ساعت", "fa", ("quantity", (12.0,), "hour")),
    ("om 12.00 uur", "nl", ("time", 720, None)),
    ("at 12:00", "en", ("time", 720, None)),
    ("38 °C", "nl", ("quantity", (38.0,), "celsius")),
])
def test_numbers_are_read_as_facts_across_locales(text, lang, expected):
    """(Replaces a test of the old digit bag, which read '1,5' as the digits 1 and 5.)"""
    [fact] = extract(text, lang)
    assert (fact.kind, fact.value, fact.unit) == expected


@pytest.mark.parametrize("source,target", [
    ("Drink 1,5 liter.", "Drink 1.5 litres."),
    ("Drink 1,5 liter.", "اشرب ١٫٥ لتر."),
    ("Kom om 12.00 uur.", "Come at 12:00."),
    ("Bel 088 123 4567.", "Call 088-123-4567."),
    ("Bel 112.", "اتصل بالرقم ١١٢."),
])
def test_locale_formats_of_the_same_number_pass(source, target):
    assert critical(run_checks(source, target, ctx("en"))) == []


def test_findings_have_code_severity_and_message():
    [finding] = [f for f in run_checks("Bel 112.", "Call 911.", ctx("en")) if f.code == "phone"]
    assert finding.severity == CRITICAL
    assert "112" in finding.message


@pytest.mark.parametrize("lang,source,target", [
    # An override shows '12.00' as '00.21' while every check reads 12.00.
    ("en", "Blijf tussen 12.00 en 15.00 uur uit de zon.",
     "Stay out of the sun between \u202e12.00\u202c and 15.00."),
    # A right-to-left mark inside a number on an Arabic page shows '12.00' as '2.001'.
    ("ar", "Blijf tussen 12.00 en 15.00 uur uit de zon.",
     "ابتعد عن الشمس بين الساعة 1\u200f2.00 والساعة 15.00."),
    # A left-to-right embedding and a zero-width joiner hide in a dose and a phone number.
    ("en", "Neem 2 tabletten.", "Take \u202a2\u202c tablets."),
    ("en", "Bel 088 123 4567.", "Call 088 1\u200d23 4567."),
])
def test_invisible_characters_that_change_how_a_number_is_shown_are_refused(lang, source,
                                                                            target):
    """Trojan-source style: what a reader sees must be what the checks compared."""
    codes = {f.code for f in critical(run_checks(source, target, ctx(lang)))}
    assert "invisible" in codes


@pytest.mark.parametrize("lang,source,target", [
    # Marks and isolates around a whole number or a Latin name are ordinary Arabic typing.
    ("ar", "Bel de GGD: 088 123 4567.", "اتصل بـ\u200eGGD\u200f: \u2066088 123 4567\u2069."),
    ("ar", "Drink 1,5 liter.", "اشرب \u200e1,5\u200e لتر."),
    # A zero-width non-joiner inside a Persian word, a soft hyphen in a long Dutch word.
    ("fa", "Drink 2 glazen water.", "۲ لیوان آب بنوشید. می\u200cخواهید"),
    ("en", "De ziektekosten\u00adverzekering betaalt 100 euro.", "The insurance pays 100 euros."),
])
def test_invisible_characters_outside_numbers_are_not_refused(lang, source, target):
    codes = {f.code for f in critical(run_checks(source, target, ctx(lang)))}
    assert "invisible" not in codes
