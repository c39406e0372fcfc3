"""Dutch sentence splitting: the cases that break naive splitters."""

import pytest

from toolkit.readability.text import split, words


def texts(text, markdown=False):
    return [s.text for s in split(text, markdown)]


@pytest.mark.parametrize("text,expected", [
    ("Bel bijv. de huisarts. Of ga naar de apotheek.",
     ["Bel bijv. de huisarts.", "Of ga naar de apotheek."]),
    ("Dit geldt o.a. voor ouderen. En voor kinderen.",
     ["Dit geldt o.a. voor ouderen.", "En voor kinderen."]),
    ("Dat is een virus, d.w.z. een ziekteverwekker. Was je handen.",
     ["Dat is een virus, d.w.z. een ziekteverwekker.", "Was je handen."]),
    ("Er komen ca. 40 mensen. Kom op tijd.", ["Er komen ca. 40 mensen.", "Kom op tijd."]),
    ("Kom om 12.00 uur. De deur is open tot 17.30 uur.",
     ["Kom om 12.00 uur.", "De deur is open tot 17.30 uur."]),
    ("Bel 0800-1351. Dat is gratis.", ["Bel 0800-1351.", "Dat is gratis."]),
    ("De prik kost € 4,50. Betaal met je pas.", ["De prik kost € 4,50.", "Betaal met je pas."]),
    ("Ben je ziek? Blijf thuis! Bel de huisarts.",
     ["Ben je ziek?", "Blijf thuis!", "Bel de huisarts."]),
    ("'s Avonds is de post open. 's Nachts ook.",
     ["'s Avonds is de post open.", "'s Nachts ook."]),
    ("Zie www.ggd.nl voor meer. Of bel ons.", ["Zie www.ggd.nl voor meer.", "Of bel ons."]),
    ("Lees het nu.\n- Was je handen\n- Hoest in je elleboog",
     ["Lees het nu.", "Was je handen", "Hoest in je elleboog"]),
])
def test_dutch_sentence_splitting(text, expected):
    assert texts(text) == expected


def test_markdown_blocks_are_sentences_and_markup_is_not_counted():
    md = "## Wat moet je doen?\n\n- Was je **handen**\n- Bel [de huisarts](https://x.nl/a_b)\n"
    found = split(md)
    assert [s.text.split() for s in found] == [  # markup blanked, so not counted as words
        ["Wat", "moet", "je", "doen?"], ["Was", "je", "handen"], ["Bel", "de", "huisarts"]]
    # offsets point into the original Markdown
    assert md[found[2].start:found[2].end] == "Bel [de huisarts](https://x.nl/a_b)"


def test_paragraph_over_two_lines_is_one_block():
    found = split("Dit is een zin\ndie doorloopt.\n\nEn nog een.")
    assert [s.text for s in found] == ["Dit is een zin die doorloopt.", "En nog een."]


@pytest.mark.parametrize("text,expected", [
    ("Bel 0800-1351 om 12.00 uur", ["Bel", "0800-1351", "om", "12.00", "uur"]),
    ("Het kost € 4,50", ["Het", "kost", "4,50"]),
    ("zo'n ID-kaart", ["zo'n", "ID-kaart"]),
])
def test_words_keep_numbers_whole(text, expected):
    assert [m.group(0) for m in words(text)] == expected


@pytest.mark.parametrize("text,n", [
    ("Мийте руки. Це важливо! Так.", 3),
    ("اغسل يديك. هذا مهم؟ نعم.", 3),
    ("洗手。很重要！好。", 3),
    ("ሰላም። ከመይ ኣለኹም፧ ጽቡቕ።", 3),
])
def test_other_scripts_split_too(text, n):
    assert len(texts(text)) == n
