"""Each flag's suggestion is about the flagged word or construction, built from the
sentence's own words, in the site's form of address (je or u): never a canned example.
{je} and {jouw} in the expected text stand for the site's pronouns."""

import re
from pathlib import Path

import pytest

from toolkit.readability import analyze
from toolkit.readability.advice import finite, infinitive, separable, stem

DATA = Path(__file__).with_name("data")
CASES = [
    # passive: the active sentence, with the agent after 'door' as the subject
    ("De aanvraag wordt door ons in behandeling genomen.", "passive",
     "'wij nemen de aanvraag in behandeling'"),
    ("De aanvraag wordt kosteloos in behandeling genomen.", "passive",
     "'wij nemen de aanvraag kosteloos in behandeling'"),
    ("U wordt door de huisarts gevaccineerd.", "passive", "'de huisarts vaccineert {je}'"),
    ("Je wordt door de GGD gebeld.", "passive", "'de GGD belt {je}'"),
    ("De kosten worden vergoed door de zorgverzekeraar.", "passive",
     "'de zorgverzekeraar vergoedt de kosten'"),
    ("Het formulier moet worden ingevuld door een ouder.", "passive",
     "'een ouder moet het formulier invullen'"),
    ("Het formulier moet binnen twee weken worden ingevuld.", "passive",
     "'{je} moet het formulier binnen twee weken invullen'"),
    ("Uw kind wordt op school gevaccineerd.", "passive",
     "'wij vaccineren {jouw} kind op school'"),
    ("Het rapport wordt na afloop aan u toegestuurd.", "passive",
     "'wij sturen het rapport na afloop aan {je} toe'"),
    ("Het bedrag wordt binnen een week door ons overgemaakt.", "passive",
     "'wij maken het bedrag binnen een week over'"),
    # the clause's shape: inverted after a fronted part, subordinate, relative
    ("Tijdens de afspraak worden uw bloeddruk en gewicht gemeten.", "passive",
     "'tijdens de afspraak meten wij {jouw} bloeddruk en gewicht'"),
    ("Dan wordt u gebeld door de assistente.", "passive", "'dan belt de assistente {je}'"),
    ("Als de test positief is, wordt u door de GGD gebeld.", "passive",
     "'de GGD belt {je}'"),
    ("Na de prik moet u blijven zitten, zodat u in de gaten kan worden gehouden.",
     "passive", "'wij kunnen {je} in de gaten houden'"),
    ("Wij lezen de aanvraag, die door de gemeente wordt beoordeeld, graag na.", "passive",
     "'de gemeente beoordeelt de aanvraag'"),
    ("Bezoekers worden verzocht de handen te wassen.", "passive",
     "'wij verzoeken bezoekers de handen te wassen'"),
    # nominal style: the verb, with the noun's object and agent
    ("De beoordeling van uw aanvraag duurt vier weken.", "nominalisation",
     "'wij beoordelen {jouw} aanvraag'"),
    ("Wij zorgen voor de verwerking van uw gegevens.", "nominalisation",
     "'wij verwerken {jouw} gegevens'"),
    ("Na de ondertekening door de arts is het klaar.", "nominalisation",
     "'de arts ondertekent …'"),
    ("De vaststelling van de hoogte van de bijdrage gebeurt jaarlijks.", "nominalisation",
     "'wij stellen de hoogte vast'"),
    ("Voor de beschikbaarheid van de medicijnen bellen wij u.", "nominalisation",
     "'de medicijnen zijn beschikbaar'"),
    # long compounds: split as the word is written
    ("U kunt de ziektekostenverzekering bellen.", "long-compound",
     "'verzekering voor ziektekosten'"),
    # abbreviations, slashes
    ("Stuur de brief a.u.b. op tijd terug.", "abbreviation", "ADDRESS_PLEASE"),
    ("Neem bijv. een paraplu mee.", "abbreviation", "'bijvoorbeeld'"),
    ("Het CIZ beslist over uw aanvraag.", "abbreviation", "'(CIZ)'"),
    ("De patiënt/cliënt krijgt een brief.", "slash", "'patiënt of cliënt'"),
    ("Kies ja/nee op het formulier.", "slash", "'ja of nee'"),
]


def _flags(sentence, address):
    return [f for s in analyze(sentence, markdown=False, address=address).sentences
            for f in s.flags]


def _expected(text, address):
    if text == "ADDRESS_PLEASE":
        return "'alstublieft'" if address == "u" else "'alsjeblieft'"
    je, jouw = ("u", "uw") if address == "u" else ("je", "jouw")
    return text.replace("{je}", je).replace("{jouw}", jouw)


@pytest.mark.parametrize("address", ["je", "u"])
@pytest.mark.parametrize("sentence,code,advice", CASES)
def test_the_suggestion_rewrites_the_sentences_own_words(sentence, code, advice, address):
    flags = [f for f in _flags(sentence, address) if f.code == code]
    assert flags, (sentence, [(f.code, f.message) for f in _flags(sentence, address)])
    want = _expected(advice, address)
    assert any(want in f.suggestion for f in flags), [f.suggestion for f in flags]


_OTHER_FORM = {"je": re.compile(r"(?<![\w'])(u|uw|uzelf)(?![\w'])"),
               "u": re.compile(r"(?<![\w'])(je|jij|jou|jouw|jezelf)(?![\w'])")}


@pytest.mark.parametrize("address", ["je", "u"])
def test_suggestions_never_use_the_other_form_of_address(address):
    """A je-site gets no 'u' in its advice and a u-site no 'je', also where the
    sentence itself mixed them."""
    officialese = [line.split("\t")[0] for line in (DATA / "officialese.txt").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    for sentence in [c[0] for c in CASES] + officialese:
        for f in _flags(sentence, address):
            assert not _OTHER_FORM[address].search(f.suggestion), (sentence, f.suggestion)


@pytest.mark.parametrize("sentence,code,_advice", CASES)
def test_word_flags_name_their_word_or_its_base_form(sentence, code, _advice):
    """A flag on a word or construction says which one, and its advice works with it:
    the verb of the participle, the verb or adjective of the abstract noun, the last
    part of the compound, the uncommon word itself."""
    for f in _flags(sentence, "je"):
        quoted = re.findall(r"'([^']+)'", f.message)
        if f.code == "passive":
            participle = quoted[0].split()[-1]
            assert f"active verb '{infinitive(participle)}'" in f.suggestion, f.suggestion
        elif f.code == "nominalisation":
            assert sentence[f.start:f.end] == quoted[0]
            base = quoted[1]
            assert base in f.suggestion or stem(base) in f.suggestion, f.suggestion
        elif f.code == "long-compound":
            word = sentence[f.start:f.end]
            assert word == quoted[0] and word.lower().endswith(
                re.search(r"e\.g\. '(\w+)", f.suggestion).group(1))
        elif f.code == "uncommon-word":
            assert sentence[f.start:f.end] in f.suggestion


@pytest.mark.parametrize("address", ["je", "u"])
def test_passive_rewrites_use_only_the_sentences_words(address):
    """No canned example: every word of the active version comes from the sentence, is
    the verb named (conjugated, its particle split off), or is a pronoun."""
    pronouns = {"wij", "je", "u", "jouw", "uw", "…", "ons"}
    for sentence, code, _advice in CASES:
        if code != "passive":
            continue
        own = {w.lower() for w in re.findall(r"\w+", sentence)}
        [flag] = [f for f in _flags(sentence, address) if f.code == "passive"]
        verb = re.search(r"active verb '(\w+)'", flag.suggestion).group(1)
        core = separable(verb)[1] if separable(verb)[0] else verb
        for rewrite in re.findall(r"'([^']+)'", flag.suggestion)[1:]:
            for w in rewrite.split():
                w = w.lower()
                assert w in own or w in pronouns or w in verb or \
                    w.startswith(stem(core)[:3]) or w in ("moet", "kunnen", "moeten",
                                                          "kan", "kunt"), (sentence, w)


@pytest.mark.parametrize("verb,subject,form", [
    ("nemen", "wij", "nemen"), ("nemen", "de arts", "neemt"), ("nemen", "u", "neemt"),
    ("verstrekken", "de gemeente", "verstrekt"), ("beoordelen", "de arts", "beoordeelt"),
    ("behandelen", "de huisarts", "behandelt"), ("geven", "de apotheek", "geeft"),
    ("lezen", "je", "leest"), ("zetten", "de arts", "zet"), ("moeten", "je", "moet"),
    ("kunnen", "u", "kunt"), ("kunnen", "de arts", "kan"), ("gaan", "ik", "ga"),
])
def test_verbs_are_conjugated_for_their_subject(verb, subject, form):
    assert finite(verb, subject) == form, (verb, stem(verb))


@pytest.mark.parametrize("verb,parts", [
    ("vaststellen", ("vast", "stellen")), ("invullen", ("in", "vullen")),
    ("opnemen", ("op", "nemen")), ("doorverwijzen", ("door", "verwijzen")),
    ("overleggen", ("", "overleggen")), ("beoordelen", ("", "beoordelen")),
    ("ondertekenen", ("", "ondertekenen")),
])
def test_separable_verbs_are_told_apart_by_their_participle(verb, parts):
    assert separable(verb) == parts
