"""analyze(): flags with reasons and suggestions, budgets, waivers, other languages."""

import pytest

from toolkit.readability import analyze, budget_for, compare


def flags(text, level="B1", **kw):
    result = analyze(text, level=level, markdown=False, **kw)
    return {f.code: f for s in result.sentences for f in s.flags}, result


@pytest.mark.parametrize("sentence,code,fragment", [
    # passive voice
    ("U wordt door de huisarts gevaccineerd.", "passive", "wordt … gevaccineerd"),
    ("De brief wordt morgen verstuurd.", "passive", "wordt … verstuurd"),
    ("De meting is door de GGD uitgevoerd.", "passive", "is … uitgevoerd"),
    # long sentence
    ("Als u na het ontvangen van deze brief nog vragen heeft over de vaccinatie van uw "
     "kinderen kunt u altijd contact opnemen met de jeugdarts.", "long-sentence", "words"),
    # jargon, with the plain alternative
    ("Wij informeren u middels deze brief.", "jargon", "middels"),
    ("De vaccinatiegraad is gestegen.", "jargon", "vaccinatiegraad"),
    ("U kunt reeds een afspraak maken.", "jargon", "reeds"),
    # abbreviations
    ("Neem bijv. een paraplu mee.", "abbreviation", "bijv."),
    ("Het CIZ beslist over uw aanvraag.", "abbreviation", "CIZ"),
    # subordinate clause
    ("Blijf de komende dagen thuis en werk niet omdat je ziek bent en anderen kunt "
     "besmetten.", "subordinate-clause", "subordinate"),
    ("De arts, die u morgen ziet, geeft een prik.", "subordinate-clause", "subordinate"),
    # uncommon and formal words
    ("Wij faciliteren de implementatie.", "uncommon-word", "formal"),
    ("De beoordeling van de aanvraag gebeurt maandag.", "nominalisation", "beoordeling"),
    ("Kies ja/nee op het formulier.", "slash", "slash"),
])
def test_expected_flags(sentence, code, fragment):
    found, _ = flags(sentence)
    assert code in found, (sentence, sorted(found))
    assert fragment in found[code].message
    assert found[code].suggestion


@pytest.mark.parametrize("sentence,suggestion", [
    ("Wij informeren u middels deze brief.", "write 'met'"),
    ("De vaccinatiegraad is gestegen.", "write 'hoeveel mensen een prik hebben gehad'"),
    ("Neem bijv. een paraplu mee.", "bijvoorbeeld"),
    ("Dit geldt ten tijde van de griep.", "write 'tijdens'"),
])
def test_jargon_and_abbreviations_suggest_the_plain_word(sentence, suggestion):
    found, _ = flags(sentence)
    assert any(suggestion in f.suggestion for f in found.values())


@pytest.mark.parametrize("sentence", [
    "Was je handen met water en zeep.",
    "Bel 112 als een leven in gevaar is.",
    "Drink elke dag 1,5 tot 2 liter water.",
    "Je hebt hoofdpijn of je bent duizelig.",
    "Ben je ziek op een werkdag? Bel je huisarts.",
    "Je bent gisteren naar de dokter gegaan.",  # 'zijn' + participle of a motion verb
    "Hij betaalt de rekening.",  # present tense, not a participle
])
def test_plain_sentences_get_no_budget_flags(sentence):
    found, result = flags(sentence, level="A2")
    assert result.passed, result.problems
    assert "passive" not in found and "jargon" not in found


def test_flag_offsets_point_at_the_word():
    text = "Wij informeren u middels deze brief."
    result = analyze(text, markdown=False)
    [flag] = [f for f in result.sentences[0].flags if "middels" in f.message]
    assert text[flag.start:flag.end] == "middels"


def test_acronym_explained_in_the_text_is_not_flagged():
    found, _ = flags("Het Centraal Planbureau (CPB) rekent. Het CPB is een bureau.")
    assert "abbreviation" not in found


def test_known_abbreviations_from_config_are_not_flagged():
    found, _ = flags("Bel de GGD.", known_abbreviations=frozenset({"GGD"}))
    assert "abbreviation" not in found


OFFICIALESE = (
    "Middels deze brief informeren wij u omtrent de wijziging van de regeling, welke "
    "per 1 januari in werking treedt. Indien u reeds een aanvraag heeft ingediend, wordt "
    "deze conform de nieuwe voorwaarden behandeld. Tevens dient u er rekening mee te houden "
    "dat de verstrekking van hulpmiddelen uitsluitend plaatsvindt na een positieve "
    "beoordeling door de gemeente. Wij verzoeken u vriendelijk de benodigde documenten "
    "tijdig te retourneren.")


def test_officialese_paragraph_fails_b1_with_reasons_on_the_right_sentences():
    result = analyze(OFFICIALESE, level="B1", markdown=False)
    assert not result.passed
    assert len(result.sentences) == 4
    codes = [{f.code for f in s.flags} for s in result.sentences]
    assert {"jargon", "subordinate-clause"} <= codes[0]  # middels, omtrent; ', welke'
    assert {"passive", "jargon"} <= codes[1]  # wordt … behandeld; indien, reeds, conform
    assert {"long-sentence", "jargon"} <= codes[2]  # 25 words; verstrekking, uitsluitend
    assert "jargon" in codes[3]  # verzoeken, benodigd, retourneren
    rules = {p.rule for p in result.problems}
    assert {"max_jargon", "max_sentence_words", "max_uncommon_share"} <= rules
    jargon_problem = next(p for p in result.problems if p.rule == "max_jargon")
    assert jargon_problem.sentences == (0, 1, 2, 3)


def test_difficulty_ranks_officialese_above_plain_text():
    plain = ("We sturen je deze brief. De regels veranderen op 1 januari. Heb je al iets "
             "aangevraagd? Dan gelden de nieuwe regels.")
    assert analyze(OFFICIALESE).difficulty > 2 * analyze(plain).difficulty
    assert analyze(plain, level="B1").passed


def difficulty(sentence: str) -> float:
    return analyze(sentence, markdown=False).difficulty


def test_rarer_words_make_a_sentence_harder_even_without_a_flag():
    """Word familiarity is continuous: two sentences of the same length and shape, no
    flag on either, rank by how common their words are."""
    assert difficulty("Je mag de gehele dag water nuttigen.") > \
        difficulty("Je mag de hele dag water drinken.")
    assert difficulty("We bellen je morgen over de bevindingen.") > \
        difficulty("We bellen je morgen over de uitslag.")


def test_a_plain_edit_that_adds_everyday_words_still_scores_easier():
    """Plain-language edits often add short common words ('Betaling geschiedt' → 'Je
    betaalt'); the score does not punish that as extra length."""
    assert difficulty("Je betaalt het bedrag door het geld over te maken.") < \
        difficulty("Betaling geschiedt middels overschrijving.")
    assert difficulty("Dan moet je ook een kopie van je paspoort meenemen.") < \
        difficulty("Tevens dient een kopie van het legitimatiebewijs te worden overlegd.")


def test_budgets_differ_per_level():
    text = "Neem de brief en je paspoort mee naar de afspraak bij de huisarts in de stad."
    assert analyze(text, level="B1").passed
    a2 = analyze(text, level="A2")
    assert not a2.passed
    assert a2.problems[0].rule == "max_sentence_words"


def test_budget_overrides():
    text = "Neem de brief en je paspoort mee naar de afspraak bij de huisarts in de stad."
    relaxed = budget_for("A2", {"A2": {"max_sentence_words": 20,
                                       "max_content_words_per_clause": 8}})
    assert relaxed.max_sentence_words == 20
    assert analyze(text, level="A2", budget=relaxed).passed


def test_stats_are_reported():
    result = analyze("Was je handen. Gebruik zeep.", markdown=False)
    assert result.stats["sentences"] == 2
    assert result.stats["words"] == 5
    assert result.stats["words_per_sentence"] == 2.5
    assert 0 <= result.stats["uncommon_share"] <= 1
    assert result.stats["flesch_douma"] > 60


@pytest.mark.parametrize("sentence", [
    "Was je handen met water en zeep.",
    "Wij informeren u over de wijziging van de regeling.",
    "Bel de huisarts.",
])
def test_flesch_douma_agrees_with_textstat_on_one_sentence(sentence):
    """Same formula and syllables as textstat; we only count the sentences ourselves."""
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang("nl")
    result = analyze(sentence, markdown=False)
    assert result.stats["flesch_douma"] == pytest.approx(ts.flesch_reading_ease(sentence),
                                                         abs=0.1)


def test_textstat_splits_dutch_times_into_sentences():
    """Why textstat is not given whole texts: '12.00' ends a sentence for it, and it
    ignores sentences of two words or fewer (the short imperatives of A2 text)."""
    from textstat.textstat import textstatistics

    ts = textstatistics()
    ts.set_lang("nl")
    text = "Bel 112. Drink water. Blijf thuis."
    assert ts.sentence_count(text) == 1
    assert analyze(text, markdown=False).stats["sentences"] == 3
    assert ts.sentence_count("Kom om 12.00 uur naar de zaal in het dorp.") == 2


@pytest.mark.parametrize("lang", ["ti", "fy", "ar"])
def test_other_languages_are_not_scored_with_dutch_or_english_rules(lang):
    result = analyze("ሰላም። ጽቡቕ።" if lang == "ti" else "Some text here.", lang=lang)
    assert result.measured is False
    assert result.difficulty == 0.0 and result.problems == ()
    assert "not measured" in result.notes[0]


def test_translation_that_turns_a_short_sentence_into_a_long_one_is_flagged():
    source = "Was je handen met water en zeep. Droog ze daarna goed af."
    good = compare(source, "Wash your hands with water and soap. Then dry them well.", "en")
    assert good.passed
    bad = compare(source, "It is of the utmost importance that you thoroughly wash both of "
                          "your hands using an adequate quantity of soap and running water "
                          "and that you dry them.", "en")
    assert not bad.passed
    assert {p.rule for p in bad.problems} >= {"sentence_count", "length", "sentence_length"}


def test_very_short_segments_are_not_compared():
    """'Bron' → 'Джерело': ratios of one or two words are noise, not findings."""
    assert compare("Bron", "Джерело", "uk").passed
    assert compare("Vragen?", "Sorularınız mı var?", "tr").passed


def test_tigrinya_comparison_says_word_difficulty_is_not_measured():
    result = compare("Was je handen.", "ኢድካ ተሓጸብ።", "ti")
    assert any("not measured" in n for n in result.notes)


def test_word_length_table_matches_wordfreq():
    """data/word_length.tsv is generated from wordfreq; regenerate it when wordfreq moves."""
    from toolkit.readability import wordlength

    assert wordlength.ratio("tr") == pytest.approx(wordlength.compute("tr")
                                                   / wordlength.compute("nl"), abs=0.01)
    assert wordlength.ratio("ti") is None


@pytest.mark.parametrize("text", [
    "a" * 5000,  # one 'word' of 5,000 letters: no compound or syllable search on it
    "in behandeling " * 3000,  # a sentence of 6,000 words that keeps starting a phrase
    "zich tot " * 3000,
    "de man, die " * 3000,
])
def test_hostile_sentences_are_analysed_without_blowing_up(text):
    """Verb phrases are looked for within a clause-sized window and long 'words' get no
    look-ups, so time stays linear (benchmarks/readability_speed.py measures it)."""
    result = analyze(text, markdown=False)
    assert len(result.sentences) == 1


def test_commas_count_pauses_but_not_decimal_commas():
    from toolkit.readability.analyze import sentence_features

    [plain] = sentence_features("Houd 1,5 meter afstand.")
    [insertion] = sentence_features("De arts, die je morgen ziet, geeft je een recept.")
    assert plain["commas"] == 0
    assert insertion["commas"] == 2
    assert analyze("De arts, die je morgen ziet, geeft je een recept.").difficulty > \
        analyze("De arts die je morgen ziet geeft je een recept.").difficulty


def test_symbols_are_flagged_with_the_number_in_words_and_phone_plus_is_not():
    flags = [f for s in analyze("Ben je 65+? Of jonger dan 12?").sentences for f in s.flags]
    assert [(f.code, f.suggestion) for f in flags if f.code == "symbol"] == \
        [("symbol", "write '65 jaar of ouder' or '65 of meer'")]
    assert not [f for s in analyze("Bel +31 20 555 12 34.").sentences for f in s.flags
                if f.code == "symbol"]
