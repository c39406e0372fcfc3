"""Dutch sentence features that plain-language editors look for.

Each detector is a small function over one sentence's words. They follow the B1 writing
guidance of the Rijksoverheid ("Direct Duidelijk") and Stichting Lezen & Schrijven, and
the features the LiNT readability research found to matter most: word frequency, content
words per clause and sentence length. They are heuristics, not a parser: the flags say
"look here", and a writer decides.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset("""
de het een der des den 't
ik jij je u hij zij ze wij we jullie hun hen hem haar mij me mijn jouw uw zijn ons onze
zich zelf jezelf uzelf mezelf elkaar iemand niemand iets niets alles allemaal iedereen
dit dat deze die wat wie welk welke waar waarom hoe wanneer er hier daar
en of maar want dus noch ook nog al wel niet geen toch zo dan als om te tot
aan achter bij binnen boven buiten door in met na naar naast onder op over per sinds
tegen tijdens tussen uit van voor vanaf zonder rond langs via
ben bent is zijn was waren geweest word wordt worden werd werden geworden
heb hebt heeft hebben had hadden gehad kan kun kunt kunnen kon konden moet moeten
moest moesten mag mogen mocht wil wilt willen wilde zal zult zullen zou zouden ga gaat
gaan doe doet doen
heel erg zeer meer meest minder veel weinig elk elke ieder iedere alle andere ander
omdat terwijl zodat doordat indien mits tenzij hoewel nadat voordat totdat zodra
opdat aangezien wanneer waarbij waardoor waarmee waarin waarop waarvan
even eerst dan daarna nu toen straks altijd nooit soms vaak ja nee
""".split())

SUBORDINATORS = frozenset("""
omdat terwijl zodat doordat indien mits tenzij hoewel nadat voordat totdat zodra opdat
aangezien alvorens ofschoon zoals waardoor waarmee waarin waarop waarvan waarbij
""".split())
# 'als', 'dat', 'die', 'wanneer' and 'of' start a clause only in some uses; see below.
_AMBIGUOUS_AFTER_COMMA = frozenset({"die", "dat", "wat", "waar", "welke", "wie", "als",
                                    "wanneer"})
_SUBJECTS = frozenset("je u jij ik we wij ze zij hij het er iemand men jullie de een "
                      "uw jouw mijn zijn haar ons onze deze dit".split())

WORDEN = frozenset("word wordt worden werd werden geworden".split())
ZIJN = frozenset("is zijn was waren ben bent".split())
# Words that start like a participle but are not one (verbs whose stem begins with ge-/be-).
_NOT_PARTICIPLE = frozenset("""
geven gebruiken gebruikt gebruik genieten gelden geldt geloven gelooft gebeuren gebeurt
geld gevaar gezond gewoon genoeg gemeente gesprek gemiddeld gedurende geleden geboorte
gelukkig geheel gehele gevolg gevallen geval gezin gezicht geluid geweld getal gedrag
beginnen begint betalen betaalt bellen belt bestaan bestaat beter bed bent best beneden
verder vertellen vertelt verstand verhaal verkeer vervelend verschillend verschil
belangrijk bekend bereid
""".split())
# Separable particles that may stand before 'ge' in a participle: 'uitgevoerd', 'vastgesteld'.
_PARTICLES = ("aan af bij binnen door in langs los mee na neer om op over samen tegen terug "
              "thuis toe uit vast voor weg achter").split()
_PARTICIPLE = re.compile(r"^(?:(?:" + "|".join(_PARTICLES) + r")?ge\w{2,}(?:d|t|en)"
                         r"|(?:be|ver|ont|her|er)\w{2,}(?:d|t))$")

NOMINAL_SUFFIXES = ("ingen", "ing", "heden", "heid", "aties", "atie", "ities", "itie",
                    "iteiten", "iteit", "isme")
# Latinate and French-derived endings: such words are formal in Dutch unless very common.
LATINATE_SUFFIXES = ("eren", "eerd", "eerde", "atie", "aties", "itie", "ities", "iteit",
                     "iteiten", "eel", "ele", "ueel", "uele", "aal", "ale", "ief", "ieve",
                     "isch", "ische", "ant", "ante", "ent", "ente", "ise", "iek", "ieke",
                     "isme", "ica", "oir", "ies", "ator", "ering", "tie", "ties", "ier", "iers")


def is_content_word(word: str) -> bool:
    w = word.lower()
    return w not in FUNCTION_WORDS and not w[:1].isdigit()


def subordinate_clauses(words: list[str], text: str) -> list[str]:
    """Words that open a subordinate clause: conjunctions like 'omdat', relative pronouns
    after a comma (', die …'), and 'als'/'dat'/'wanneer' followed by a subject."""
    found = []
    lower = [w.lower() for w in words]
    for i, w in enumerate(lower):
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if w in SUBORDINATORS:
            found.append(words[i])
        elif i > 0 and w in ("als", "wanneer", "dat") and nxt in _SUBJECTS:
            found.append(words[i])
        elif i > 0 and w in _AMBIGUOUS_AFTER_COMMA and re.search(
                rf",\s*{re.escape(words[i])}\b", text):
            found.append(words[i])
    return found


def clauses(words: list[str], text: str) -> int:
    """Main clause + subordinate clauses + clauses joined by ', en/maar/want/dus' or ';'."""
    joined = len(re.findall(r"[,;]\s*(?:en|maar|want|dus|of)\s", text)) + text.count(";")
    return 1 + len(subordinate_clauses(words, text)) + joined


def is_participle(word: str) -> bool:
    """Past participle by its shape: 'gegeven', 'gemaakt', 'verhuurd', 'uitgevoerd'.

    A be-/ver-/ont- word ending in -t is a participle only after a voiceless consonant
    ('t kofschip: 'besproken', 'verkocht'); 'verhuurt' and 'betaalt' are present tense.
    """
    from .lexicon import dutch_base_forms, frequency_lexicon

    w = word.lower()
    if w in _NOT_PARTICIPLE or not _PARTICIPLE.match(w):
        return False
    if w.endswith("t") and "ge" not in w[:-3] and not w.endswith(("tt", "kt", "ft", "st", "cht", "pt")):
        return False
    if re.search(r"(heden|ingen|([bdfgklmnprst])\2en)$", w):  # plural nouns
        return False
    # The verb must exist: 'gesprekken' and 'bewonersbijeenkomst' have no infinitive.
    lex = frequency_lexicon("nl")
    return any(lex.get(base, 0) >= 2.5 for base in dutch_base_forms(w) if base.endswith("en"))


# Verbs that form their perfect with 'zijn' ('is gegaan'): with these, zijn + participle
# is an active sentence, not a passive one.
_ZIJN_VERBS = frozenset("""
gegaan gekomen gebleven geweest geworden gebeurd vertrokken gestorven overleden geboren
begonnen gestopt verlopen veranderd gegroeid gestegen gedaald gevallen verdwenen ontstaan
vergeten geslaagd gelukt mislukt opgehouden teruggekomen aangekomen meegegaan weggegaan
thuisgekomen uitgegaan ingegaan verhuisd getrouwd gescheiden gezakt gerend gelopen
gefietst gereden gevlogen gezwommen geschrokken geëindigd afgelopen opgestaan
""".split())


def passive(words: list[str]) -> str | None:
    """The auxiliary + participle of a passive ('wordt … gegeven'), or None.

    A form of 'worden' with a past participle is passive; so is a form of 'zijn' with the
    participle of a verb that takes 'hebben' ('is gemeten'), but not 'is gegaan'.
    """
    lower = [w.lower() for w in words]
    parts = [w for w in lower if is_participle(w) and w not in WORDEN]
    aux = next((w for w in lower if w in WORDEN), None)
    if aux and parts:
        return f"{aux} … {parts[0]}"
    aux = next((w for w in lower if w in ZIJN), None)
    part = next((p for p in parts if p not in _ZIJN_VERBS and not p.endswith(
        tuple(_ZIJN_VERBS))), None)
    if aux and part and "hebben" not in lower and "heeft" not in lower:
        return f"{aux} … {part}"
    return None


def is_nominalisation(word: str, frequency: float) -> bool:
    """Abstract nouns made from verbs or adjectives ('verstrekking', 'beschikbaarheid')."""
    w = word.lower()
    return len(w) >= 9 and frequency < 4.5 and w.endswith(NOMINAL_SUFFIXES)


def is_latinate(word: str, parts: tuple[str, ...] = ()) -> bool:
    """Formal words of Latin or French origin by their ending ('structureel',
    'faciliteren'); not a Dutch compound that happens to end alike ('noordkant')."""
    w = word.lower()
    return len(w) >= 6 and w.endswith(LATINATE_SUFFIXES) and not parts


ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z](?:-\d+)?s?(?![\w-])")


def explained_acronyms(text: str) -> set[str]:
    """Acronyms explained in the text itself: 'Centraal Planbureau (CPB)' or 'CPB (…)'."""
    out = set()
    for m in re.finditer(r"\(([A-Z][A-Z0-9]+)\)", text):
        out.add(m.group(1))
    for m in re.finditer(r"\b([A-Z][A-Z0-9]+)\s*\((?:[^)]{6,})\)", text):
        out.add(m.group(1))
    return out


SLASH = re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])")


def slashes(text: str) -> list[re.Match]:
    """'woont/verblijft', 'en/of': a slash between words leaves the reader to choose."""
    return list(SLASH.finditer(text))
