"""The fact check: planted wrong translations are all caught, local ways of writing the same
facts are (almost) never refused. The cases live in tests/fixtures/facts/planted.tsv; add
lines there. Run `pytest tests/test_facts.py -s` to see the per-kind figures."""

from collections import Counter
from pathlib import Path

import pytest

from toolkit.facts import compare, extract
from toolkit.safety import Context, critical, run_checks

PLANTED = Path(__file__).parent / "fixtures" / "facts" / "planted.tsv"
GLOSSARY = ("GGD", "RIVM", "DigiD")
TARGET_LANGS = {"ar", "uk", "pl", "tr", "en"}


def load() -> list[dict]:
    rows = []
    for number, line in enumerate(PLANTED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        expect, kind, lang, source, target = line.split("\t")
        assert expect in ("wrong", "same"), f"planted.tsv:{number}: expect is wrong or same"
        rows.append({"line": number, "expect": expect, "kind": kind, "lang": lang,
                     "source": source.replace("\\n", "\n"),
                     "target": target.replace("\\n", "\n")})
    return rows


CASES = load()


def refused(case) -> list[str]:
    ctx = Context(case["lang"], GLOSSARY)
    return [str(f) for f in critical(run_checks(case["source"], case["target"], ctx))]


def test_planted_set_is_big_and_varied_enough():
    wrong = [c for c in CASES if c["expect"] == "wrong" and c["lang"] in TARGET_LANGS]
    same = [c for c in CASES if c["expect"] == "same"]
    assert len(wrong) >= 70 and len(same) >= 70
    assert {c["lang"] for c in wrong} >= TARGET_LANGS
    assert {c["kind"] for c in wrong} >= {"swap", "decimal", "unit", "dose", "time", "date",
                                         "phone", "url", "email", "dropped"}


def test_no_wrong_translation_passes_and_few_harmless_ones_are_refused():
    passed, flagged = [], []
    per_kind: dict[str, Counter] = {}
    for case in CASES:
        findings = refused(case)
        tally = per_kind.setdefault(f"{case['expect']:5} {case['kind']}", Counter())
        tally["cases"] += 1
        if case["expect"] == "wrong" and not findings:
            passed.append(case)
            tally["passed"] += 1
        if case["expect"] == "same" and findings:
            flagged.append((case, findings))
            tally["refused"] += 1
    print("\nkind              cases  wrong passed  harmless refused")
    for kind, tally in sorted(per_kind.items()):
        print(f"{kind:18}{tally['cases']:5}  {tally['passed']:12}  {tally['refused']:16}")
    langs = sorted({c["lang"] for c in CASES})
    print("per language: " + ", ".join(
        f"{lang} {sum(c['lang'] == lang for c in CASES if c['expect'] == 'wrong')} wrong/"
        f"{sum(c['lang'] == lang for c in CASES if c['expect'] == 'same')} harmless"
        for lang in langs))
    same = sum(1 for c in CASES if c["expect"] == "same")
    wrong = len(CASES) - same
    print(f"wrong passed: {len(passed)} of {wrong}; harmless refused: {len(flagged)} of {same}")
    assert passed == [], [f"line {c['line']}: {c['target']}" for c in passed]
    assert len(flagged) <= 0.05 * same, [f"line {c['line']}: {f}" for c, f in flagged]


@pytest.mark.parametrize("source,target,lang,message", [
    ("Neem 2 tabletten om de 6 uur.", "Take 6 tablets every 2 hours.", "en",
     "dose changed: 2 tabletten → 6 tablets"),
    ("Neem 500 mg.", "Take 500 g.", "en", "unit changed: 500 mg → 500 g"),
    ("Kom om 12.00 uur.", "Come at 00:12.", "en", "time changed: 12.00 uur → 00:12"),
    ("Geef 2,5 ml.", "Дайте 5,2 мл.", "uk", "dose changed: 2,5 ml → 5,2 мл"),
    ("Bel 0800-1351.", "Zadzwoń pod 0800-1531.", "pl", "phone number changed: 0800-1351 → "
     "0800-1531"),
    ("Zie www.ggd.nl/griep.", "See www.ggd.nl/flu.", "en",
     "web address changed: www.ggd.nl/griep → www.ggd.nl/flu"),
    ("Bel 112.", "Ambulans çağırın.", "tr", "missing in the translation: 112"),
])
def test_findings_say_in_plain_words_what_differs(source, target, lang, message):
    assert message in [d.message for d in compare(source, target, lang)]


@pytest.mark.parametrize("text,lang,kind,value,unit", [
    ("Neem 2,5 ml.", "nl", "quantity", (2.5,), "ml"),
    ("Take 2.5 ml.", "en", "quantity", (2.5,), "ml"),
    ("خذ ٢٫٥ مل", "ar", "quantity", (2.5,), "ml"),
    ("1.000 mensen", "nl", "number", (1000.0,), None),
    ("1,000 people", "en", "number", (1000.0,), None),
    ("1 000 osób", "pl", "number", (1000.0,), None),
    ("1.000 людей", "uk", "number", (1.0, 1000.0), None),  # not Ukrainian: read both ways
    ("Приймайте 5 таблеток", "uk", "quantity", (5.0,), "tablet"),
    ("Weź dwie tabletki", "pl", "quantity", (2.0,), "tablet"),
    ("خذ قرصين", "ar", "quantity", (2.0,), "tablet"),
    ("６ saatte bir", "tr", "quantity", (6.0,), "hour"),
    ("Aşı insanların %90'ını korur", "tr", "quantity", (90.0,), "percent"),
    ("om 12.00 uur", "nl", "time", 720, None),
    ("at 5 p.m.", "en", "time", 1020, None),
    ("الساعة ١٢", "ar", "time", 720, None),
    ("Bel 0800 13 51", "nl", "phone", "08001351", None),
    ("Call +31 88 123 4567", "en", "phone", "0881234567", None),
    ("op 1 maart 2025", "nl", "date", frozenset({(2025, 3, 1)}), None),
    ("1 березня 2025 року", "uk", "date", frozenset({(2025, 3, 1)}), None),
])
def test_facts_are_read_with_their_unit_in_each_language(text, lang, kind, value, unit):
    [fact] = extract(text, lang)
    assert (fact.kind, fact.value, fact.unit) == (kind, value, unit)


def test_a_unit_the_tables_do_not_know_is_compared_by_value_and_order():
    # Tigrinya words for tablets and hours may be missing from the tables: the numbers
    # still have to be there, in the Dutch order when the Dutch gives them different units.
    source = "Neem 2 tabletten om de 6 uur."
    assert compare(source, "2 xyz 6 qqq.", "so") == ()
    assert compare(source, "6 xyz 2 qqq.", "so") != ()
    assert compare(source, "3 xyz 6 qqq.", "so") != ()


@pytest.mark.parametrize("source,target", [
    ("Kijk op https://www.rivm.nl/hitte of mail info@ggd.nl.",
     "See https://www.rivm.nl/hitte or email info@ggd.nl."),
    ("Mail info@ggd.nl.", "Email info@ggd.nl."),
    ("Bel de GGD.", "Call the GGD."),
])
def test_a_name_kept_inside_an_address_is_not_a_glossary_error(source, target):
    findings = run_checks(source, target, Context("en", GLOSSARY))
    assert [f for f in findings if f.code == "glossary"] == []


def test_a_name_translated_away_is_still_a_glossary_error():
    findings = run_checks("Bel de GGD of mail info@ggd.nl.",
                          "Call the health service or email info@ggd.nl.",
                          Context("en", GLOSSARY))
    assert [f.code for f in critical(findings)] == ["glossary"]


def test_a_dropped_sentence_is_named_and_a_joined_one_is_not_refused():
    source = "Griep is gevaarlijk voor ouderen. De prik helpt. Maak een afspraak bij je huisarts."
    dropped = run_checks(source, "Flu is dangerous for older people. Make an appointment "
                                 "with your GP.", Context("en"))
    assert [f.code for f in critical(dropped)] == ["dropped"]
    assert "De prik helpt." in critical(dropped)[0].message
    joined = run_checks(source, "Flu is dangerous for older people, but the jab helps. Make "
                                "an appointment with your GP.", Context("en"))
    assert critical(joined) == []
    assert {f.code for f in joined} == {"shape"}  # still worth a translator's look
