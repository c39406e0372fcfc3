"""Fuzz the fact check with hypothesis: it never fails on odd input, a text compared with
itself has no differences, nor with its digits written in Arabic-Indic or Persian digits.

300 examples per test by default. For a long run (the figure in the README):

    KLAAR_FUZZ_EXAMPLES=10000 pytest tests/test_facts_fuzz.py -q
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.facts import compare, extract
from toolkit.safety import CHECKS, Context

EXAMPLES = int(os.environ.get("KLAAR_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
LANGS = ["nl", "en", "ar", "tr", "pl", "uk", "fa", "zh", "ti", "xx"]
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

number = st.one_of(
    st.integers(0, 100000).map(str),
    st.tuples(st.integers(0, 99), st.integers(0, 999)).map(lambda p: f"{p[0]},{p[1]}"),
    st.tuples(st.integers(0, 99), st.integers(0, 999)).map(lambda p: f"{p[0]}.{p[1]}"),
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda p: f"{p[0]}.{p[1]:02}"),
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda p: f"{p[0]}:{p[1]:02}"),
    st.sampled_from(["112", "0800-1351", "088 123 45 67", "+31 88 123 4567", "1 000",
                     "1.000.000", "2,5", "0,5", "12 p.m.", "1-3-2025", "2025-03-01"]),
)
word = st.sampled_from([
    "mg", "ml", "l", "g", "%", "°C", "tabletten", "tablets", "таблеток", "tabletki",
    "أقراص", "قرصين", "tablet", "uur", "hours", "годин", "godzin", "ساعات", "saatte",
    "dagen", "days", "днів", "أيام", "gün", "keer", "razy", "maart", "березня", "Mart",
    "twee", "two", "dwie", "iki", "اثنان", "en", "and", "om de", "every", "كل", "Bel",
    "saat", "الساعة", "o'clock", "p.m.", ".", ",", "?", "؟", "。", "\n- ",
    "https://www.rivm.nl/hitte",
    "info@ggd.nl", "GGD", "(", ")", "-", "/", " ", "\u00a0", "\u202f",
])
message = st.lists(st.one_of(number, word), max_size=30).map(" ".join)
anything = st.text(max_size=200)


@FUZZ
@given(st.one_of(message, anything), st.sampled_from(LANGS))
def test_extraction_never_fails(text, lang):
    for fact in extract(text, lang):
        assert fact.kind in ("quantity", "number", "time", "date", "phone", "url", "email")


@FUZZ
@given(st.one_of(message, anything), st.one_of(message, anything), st.sampled_from(LANGS))
def test_every_check_runs_on_any_pair(source, target, lang):
    ctx = Context(lang, ("GGD", "RIVM"))
    for _code, _severity, check in CHECKS:
        assert all(isinstance(m, str) for m in check(source, target, ctx))


@FUZZ
@given(message, st.sampled_from(LANGS))
def test_a_text_states_the_same_facts_as_itself(text, lang):
    assert compare(text, text, lang, source_lang=lang) == ()


@FUZZ
@given(message)
def test_arabic_indic_and_persian_digits_state_the_same_facts(text):
    assert compare(text, text.translate(ARABIC), "nl") == ()
    assert compare(text, text.translate(PERSIAN), "nl") == ()
