"""Officialese gets flagged with the right reason and advice about that very word; plain
sentences get no flag at all. The sentences live in tests/readability/data/*.txt, so a
reader can add the ones they meet."""

from pathlib import Path

import pytest

from toolkit.readability import analyze

DATA = Path(__file__).with_name("data")


def rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


OFFICIALESE = rows("officialese.txt")
PLAIN = [r[0] for r in rows("plain.txt")]


def all_flags(sentence: str, **kw):
    return [f for s in analyze(sentence, markdown=False, **kw).sentences for f in s.flags]


def test_the_files_hold_enough_sentences():
    assert len({r[0] for r in OFFICIALESE}) >= 30
    assert len(PLAIN) >= 30


@pytest.mark.parametrize("sentence,code,advice", OFFICIALESE)
def test_officialese_is_flagged_with_advice_about_it(sentence, code, advice):
    flags = [f for f in all_flags(sentence) if f.code == code]
    assert flags, (sentence, code, [(f.code, f.message) for f in all_flags(sentence)])
    assert any(advice in f.suggestion for f in flags), [f.suggestion for f in flags]


@pytest.mark.parametrize("sentence", PLAIN)
def test_plain_sentences_get_no_flag(sentence):
    flags = all_flags(sentence)
    assert not flags, [(f.code, f.message) for f in flags]


def test_no_suggestion_is_a_canned_example_unrelated_to_the_text():
    """Every suggestion names something from its own sentence or the plain word for it;
    the vaccination example used to be offered for 'bijwerkingen' and 'uitnodiging'."""
    for sentence, _, _ in OFFICIALESE:
        for f in all_flags(sentence):
            assert "verstrekken" not in f.suggestion or "verstrek" in sentence.lower()
            assert "gevaccineerd" not in f.suggestion or "vaccin" in sentence.lower()


@pytest.mark.parametrize("address", ["je", "u"])
def test_advice_uses_the_sites_form_of_address(address):
    [flag] = [f for f in all_flags("U wordt morgen door de arts behandeld.", address=address)
              if f.code == "passive"]
    assert "behandelen" in flag.suggestion
    assert f"'de arts behandelt {address} morgen'" in flag.suggestion  # the agent acts
    jargon = [f for f in all_flags("Wij ondertekenen het formulier.", address=address)
              if f.code == "jargon"]
    assert f"zet {'uw' if address == 'u' else 'jouw'} handtekening" in jargon[0].suggestion


def test_passive_advice_names_the_reader_only_when_the_reader_is_the_subject():
    [flag] = [f for f in all_flags("Wij vragen u het formulier te sturen, zodat uw aanvraag "
                                   "kan worden behandeld.") if f.code == "passive"]
    assert "'wij kunnen jouw aanvraag behandelen'" in flag.suggestion  # je-site: jouw


def test_a_conjunction_shaped_like_a_participle_is_not_a_passive():
    flags = all_flags("Wij sluiten om vijf uur, aangezien het personeel naar huis wordt "
                      "gestuurd.")
    assert any(f.code == "passive" and "gestuurd" in f.message for f in flags)
    assert not any(f.code == "passive" for f in all_flags(
        "We worden er blij van, aangezien het goed gaat."))
    assert not any(f.code == "passive" for f in all_flags("De winkel is gesloten."))


def test_a_present_participle_is_not_a_passive():
    """'verwarrend' is the infinitive + d: an adjective, not a past participle."""
    for sentence in ("Dit kan verwarrend zijn.", "De regels zijn soms verwarrend.",
                     "Dat is heel overtuigend."):
        assert not any(f.code == "passive" for f in all_flags(sentence)), sentence


def test_a_prefixed_strong_participle_is_a_passive():
    """Strong verbs with be-/ver-/ont- have no ge-: 'besproken', 'verzonden'."""
    for sentence, part in (("De brief wordt morgen verzonden.", "verzonden"),
                           ("Uw aanvraag is gisteren besproken.", "besproken")):
        [flag] = [f for f in all_flags(sentence) if f.code == "passive"]
        assert part in flag.message


def test_a_verb_phrase_is_found_in_every_word_order():
    for sentence in ("De aanvraag wordt in behandeling genomen.",
                     "Wij nemen de aanvraag in behandeling.",
                     "Zodra wij de aanvraag in behandeling nemen, hoort u het."):
        assert any("in behandeling nemen" in f.message or "in behandeling" in f.message
                   for f in all_flags(sentence) if f.code == "jargon"), sentence
    # 'een plaats' is a noun: not the particle verb 'plaatsvinden'
    assert not any(f.code == "jargon" for f in all_flags("Ik vind een plaats in de bus."))


def test_an_acronym_every_reader_knows_needs_no_explanation():
    """GGD and RIVM are known by their acronym (data/nl_known_acronyms.tsv); a
    specialist's acronym still has to be written out."""
    for sentence in ("De GGD belt je morgen.", "Het RIVM telt de zieken."):
        assert not any(f.code == "abbreviation" for f in all_flags(sentence)), sentence
    assert any(f.code == "abbreviation" and "CIZ" in f.message
               for f in all_flags("Het CIZ belt je morgen."))


def test_the_checker_never_calls_its_own_advice_uncommon():
    """Every plain alternative in the bundled list ('inenten' for 'vaccineren') passes
    without an uncommon-word flag: advice the checker itself objects to is no advice."""
    from toolkit.readability.jargon import jargon_list

    bad = []
    for e in jargon_list():
        advice = e.advice("je").replace("…", "")
        flagged = [f.message for f in all_flags(advice) if f.code == "uncommon-word"]
        if flagged:
            bad.append((e.term, advice, flagged))
    assert not bad


def test_passive_advice_keeps_a_separable_verb_apart():
    [flag] = [f for f in all_flags("Uw aanvraag is gisteren afgewezen.") if f.code == "passive"]
    assert "'wij wijzen jouw aanvraag gisteren af'" in flag.suggestion


def test_a_particle_verb_is_found_split_and_joined():
    """'delen … mede' is 'mededelen'; 'kennisgenomen' is 'kennisnemen'."""
    assert any("laten weten" in f.suggestion for f in all_flags(
        "Wij delen u mede dat de afspraak vervalt.") if f.code == "jargon")
    assert any(f.code == "jargon" and "kennisgenomen" in f.message
               for f in all_flags("Wij hebben kennisgenomen van uw brief."))


def test_a_phone_number_is_one_word_to_read():
    """'020 555 5555' is not three words: an A2 sentence with it stays short."""
    [s] = analyze("Bel de GGD op 020 555 5555 als je vragen hebt.", markdown=False,
                  level="A2").sentences
    assert s.words == 9 and not s.flags, [(f.code, f.message) for f in s.flags]


def test_a_number_word_is_not_a_listed_verb():
    """'acht' is 'eight' before a noun, and a form of 'achten' before 'dit' or 'het'."""
    for sentence in ("Je krijgt acht prikken.", "Om acht uur gaan we open."):
        assert not all_flags(sentence), sentence
    assert any(f.code == "jargon" and "vinden" in f.suggestion
               for f in all_flags("De gemeente acht dit niet nodig."))


def test_a_verb_of_change_with_zijn_is_not_a_passive():
    for sentence in ("De termijn is verstreken.", "Uw recht is vervallen."):
        assert not any(f.code == "passive" for f in all_flags(sentence)), sentence


def test_a_participle_that_is_an_adjective_with_zijn_is_a_verb_with_worden():
    assert not any(f.code == "passive" for f in all_flags("De winkel is gesloten."))
    assert any(f.code == "passive" for f in all_flags("De winkel wordt om zes uur gesloten."))
    assert any(f.code == "passive" for f in all_flags("Er wordt van u verwacht dat u helpt."))
    assert not any(f.code == "passive" for f in all_flags("Je wordt verkouden van de kou."))
