"""Dutch sentence features that plain-language editors look for.

Each detector is a small function over one sentence's words. They follow the B1 writing
guidance of the Rijksoverheid ("Direct Duidelijk") and Stichting Lezen & Schrijven, and
the features the LiNT readability research found to matter most: word frequency, content
words per clause and sentence length. They are heuristics, not a parser: the flags say
"look here", and a writer decides.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
# Shaped like a participle but a conjunction or preposition here ('aangezien' = because,
# 'gezien de drukte' = given), or an adjective in everyday use ('ik ben getrouwd').
_NOT_PASSIVE = frozenset("""
aangezien gedurende betreffende geboren gelegen gewend getrouwd gescheiden verbaasd
geïnteresseerd bezorgd vermoeid opgelucht verkouden verliefd verplicht verboden gesloten
geopend bekend bedoeld gericht gebaseerd betrokken toegestaan gewenst geschikt verwacht
verzekerd verslaafd verwikkeld gezegd gewoon bevoegd bereid verantwoordelijk tevreden
geschrokken
""".split())
# Of those, the ones that are a verb again with 'worden' ('de winkel wordt gesloten', 'er
# wordt van u verwacht'); the others stay adjectives there too ('je wordt verkouden').
_VERBAL_WITH_WORDEN = frozenset("""
gesloten geopend gericht gebaseerd toegestaan gewenst verwacht verplicht verboden gezegd
betrokken bedoeld verzekerd
""".split())
# Separable particles that may stand before 'ge' in a participle: 'uitgevoerd', 'vastgesteld'.
PARTICLES = ("aan af bij binnen door in langs los mee na neer om op over samen tegen terug "
             "thuis toe uit vast voor weg achter").split()
_PARTICIPLE = re.compile(r"^(?:(?:" + "|".join(PARTICLES) + r")?ge\w{2,}(?:d|t|en)"
                         r"|(?:be|ver|ont|her|er)\w{2,}(?:d|t))$")
# Strong verbs with an unstressed prefix have no ge-: 'besproken', 'verzonden', 'ontboden'.
# Shaped like a plural or an infinitive, they count only when the lemmatiser maps them to
# another infinitive ('verhalen' → 'verhaal' and 'bestellen' → itself do not).
_STRONG_PREFIXED = re.compile(r"^(?:be|ver|ont|her|er)\w{3,}en$")

NOMINAL_SUFFIXES = ("ingen", "ing", "heden", "heid", "aties", "atie", "ities", "itie",
                    "iteiten", "iteit", "isme")
# Latinate and French-derived endings: such words are formal in Dutch unless common.
# Native words share some endings ('groente', 'tante'); is_latinate also asks for three
# syllables or more, which Latin and French loans nearly always have. Old French loans in
# -ier ('formulier', 'papier', 'manier') are everyday Dutch and not listed.
LATINATE_SUFFIXES = ("eren", "eerd", "eerde", "atie", "aties", "itie", "ities", "iteit",
                     "iteiten", "eel", "ele", "ueel", "uele", "aal", "ale", "ief", "ieve",
                     "isch", "ische", "ant", "ante", "ent", "ente", "ise", "iek", "ieke",
                     "isme", "ica", "oir", "ies", "ator", "tie", "ties",
                     "ens", "entie", "enties", "antie", "anties")


def is_content_word(word: str) -> bool:
    w = word.lower()
    return w not in FUNCTION_WORDS and not w[:1].isdigit()


# A condition told by putting the verb first: 'Heb je klachten, blijf dan thuis.',
# 'Neemt u vakantie op, dan betalen we …'. It works like an als-clause, without the 'als'.
_VERB_FIRST = re.compile(r"^\W*(\w+)\s+(?:je|jij|u|hij|zij|ze|we|wij|er|men|iemand)\b"
                         r"[^?!.]*?,\s*(?:\w+\s+)?dan\b", re.IGNORECASE)
_AFTER_COMMA = re.compile(r",\s*(\w+)")
_QUESTION_WORDS = frozenset("wat wie waar waarom hoe wanneer welke welk hoeveel waarmee "
                            "waarvoor dan daar dus toen nu hier ook al en maar want zo".split())


def subordinate_clauses(words: list[str], text: str) -> list[str]:
    """Words that open a subordinate clause: conjunctions like 'omdat', relative pronouns
    after a comma (', die …'), 'als'/'dat'/'wanneer' followed by a subject, and a
    condition with the verb first ('Heb je klachten, blijf dan thuis')."""
    found = []
    lower = [w.lower() for w in words]
    after_comma = {m.group(1).lower() for m in _AFTER_COMMA.finditer(text)}
    m = _VERB_FIRST.match(text)
    if m and m.group(1).lower() not in _QUESTION_WORDS and m.group(1).lower() not in \
            FUNCTION_WORDS - {"heb", "hebt", "heeft", "ben", "bent", "is", "wil", "wilt",
                              "kun", "kunt", "moet", "wordt", "word", "ga", "gaat", "doe",
                              "doet", "mag", "zal", "zou"}:
        found.append(m.group(1))
    for i, w in enumerate(lower):
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if w in SUBORDINATORS:
            found.append(words[i])
        elif i > 0 and w in ("als", "wanneer", "dat") and nxt in _SUBJECTS:
            found.append(words[i])
        elif i > 0 and w in _AMBIGUOUS_AFTER_COMMA and w in after_comma:
            found.append(words[i])
    return found


def clauses(words: list[str], text: str) -> int:
    """Main clause + subordinate clauses + clauses joined by ', en/maar/want/dus' or ';'."""
    joined = len(re.findall(r"[,;]\s*(?:en|maar|want|dus|of)\s", text)) + text.count(";")
    return 1 + len(subordinate_clauses(words, text)) + joined


@lru_cache(maxsize=100_000)
def is_participle(word: str) -> bool:
    """Past participle by its shape: 'gegeven', 'gemaakt', 'verhuurd', 'uitgevoerd'.

    A be-/ver-/ont- word ending in -t is a participle only after a voiceless consonant
    ('t kofschip: 'besproken', 'verkocht'); 'verhuurt' and 'betaalt' are present tense.
    """
    from .lexicon import dutch_base_forms, frequency_lexicon, lemma

    w = word.lower()
    strong = not _PARTICIPLE.match(w) and _STRONG_PREFIXED.match(w)
    if w in _NOT_PARTICIPLE or not (strong or _PARTICIPLE.match(w)):
        return False
    if w.endswith("t") and "ge" not in w[:-3] and not w.endswith(("tt", "kt", "ft", "st", "cht", "pt")):
        return False
    if re.search(r"(heden|ingen|([bdfgklmnprst])\2en)$", w):  # plural nouns
        return False
    lex = frequency_lexicon("nl")
    # A present participle is the infinitive + d(e): 'verwarrend', 'vertrekkend' ('het
    # kan verwarrend zijn' is not a passive). 'erkend' is a past participle: 'erken' is
    # not the infinitive (erkennen).
    present = w[:-1] if w.endswith("end") else w[:-2] if w.endswith("ende") else ""
    if present and lex.get(present, 0) >= 2.5 and lemma(present) == present:
        return False
    # The verb must exist: 'gesprekken' and 'bewonersbijeenkomst' have no infinitive.
    base = lemma(w)
    if strong:
        return base != w and base.endswith("en") and lex.get(base, 0) >= 2.5
    if base != w and base.endswith("en") and lex.get(base, 0) >= 2.5:
        return True  # 'genomen' → 'nemen', 'gedaan' → 'doen' (simplemma knows strong verbs)
    return any(lex.get(base, 0) >= 2.5 for base in dutch_base_forms(w) if base.endswith("en"))


# Verbs that form their perfect with 'zijn' ('is gegaan'): with these, zijn + participle
# is an active sentence, not a passive one. They are verbs of motion and of change of
# state (unaccusatives: 'het aantal is toegenomen', 'er is een storing opgetreden'); a
# participle ending in one of them counts too ('uitgevallen', 'opgegroeid').
_ZIJN_VERBS = frozenset("""
gegaan gekomen gebleven geweest geworden gebeurd vertrokken gestorven overleden geboren
begonnen gestopt verlopen veranderd gegroeid gestegen gedaald gevallen verdwenen ontstaan
vergeten geslaagd gelukt mislukt opgehouden teruggekomen aangekomen meegegaan weggegaan
thuisgekomen uitgegaan ingegaan verhuisd getrouwd gescheiden gezakt gerend gelopen
gefietst gereden gevlogen gezwommen geschrokken geëindigd afgelopen opgestaan
toegenomen afgenomen gebleken verschenen opgetreden gestart geland gevlucht ontsnapt
gearriveerd geëmigreerd gereisd gestapt ingestort gekrompen teruggekeerd ingeslapen
opgegroeid verstreken vervallen
""".split())


def passive(words: list[str]) -> tuple[str, str] | None:
    """(auxiliary, participle) of a passive ('wordt … gegeven'), or None.

    A form of 'worden' with a past participle is passive; so is a form of 'zijn' with the
    participle of a verb that takes 'hebben' ('is gemeten'), but not 'is gegaan', and not
    an adjective-like participle ('de winkel is gesloten', 'je bent verplicht'). A
    conjunction shaped like a participle ('aangezien') is not one; 'gezien' before 'de',
    'het' … is a preposition ('gezien de drukte').
    """
    lower = [w.lower() for w in words]
    worden = any(w in WORDEN for w in lower)
    parts = []
    for i, w in enumerate(lower):
        if w in WORDEN or (w in _NOT_PASSIVE and not (worden and w in _VERBAL_WITH_WORDEN)) \
                or not is_participle(w):
            continue
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if w == "gezien" and nxt in ("de", "het", "deze", "dit", "dat", "uw", "je", "jouw",
                                     "hun", "haar", "zijn", "onze", "een"):
            continue
        parts.append(w)
    aux = next((w for w in lower if w in WORDEN), None)
    if aux and parts:
        return aux, parts[0]
    aux = next((w for w in lower if w in ZIJN), None)
    part = next((p for p in parts if p not in _ZIJN_VERBS and not p.endswith(
        tuple(_ZIJN_VERBS))), None)
    if aux and part and not {"hebben", "heeft", "heb", "hebt", "had", "hadden"} & set(lower):
        return aux, part
    return None


def nominalisation(word: str, frequency: float) -> str | None:
    """The verb or adjective an abstract noun is made from ('verstrekking' → 'verstrekken',
    'beschikbaarheid' → 'beschikbaar'), or None.

    Only where the noun is not more familiar than its verb: 'uitnodiging' and 'bijwerking'
    have become words of their own (more frequent than 'uitnodigen', 'bijwerken'), and no
    editor replaces them; 'verstrekking' (rarer than 'verstrekken') is a nominal style.
    """
    from .lexicon import frequency_lexicon

    w = word.lower()
    if len(w) < 9 or frequency >= 4.5 or not w.endswith(NOMINAL_SUFFIXES):
        return None
    lex = frequency_lexicon("nl")
    if w.endswith(("heid", "heden")):
        candidates = [w[: w.rindex("heid")] if w.endswith("heid") else w[:-5]]
    elif w.endswith(("ing", "ingen")):
        stem = w[: w.rindex("ing")]
        candidates = [stem + "en", stem + "n"]
    else:  # -atie, -itie, -iteit, -isme
        stem = re.sub(r"(aties?|ities?|iteiten|iteit|isme)$", "", w)
        candidates = [stem + "eren", stem + "iseren", stem + "aal", stem]
    for base in candidates:
        if len(base) >= 4 and lex.get(base, 0) >= 3.0 and frequency <= lex[base] + 0.2:
            return base
    return None


def is_latinate(word: str, parts: tuple[str, ...] = ()) -> bool:
    """Formal words of Latin or French origin by their ending and length ('structureel',
    'faciliteren', 'transparant'); not a Dutch compound that happens to end alike
    ('noordkant'), not a two-syllable native word ('groente'), and not a native verb in
    -eren ('veranderen', 'leren': a vowel or 'd' before the ending)."""
    from .lexicon import syllables

    w = word.lower()
    if len(w) < 7 or not w.endswith(LATINATE_SUFFIXES) or parts or syllables(w) < 3:
        return False
    if w.endswith(("eren", "eerd", "eerde")):
        stem = w[:-5] if w.endswith("eerde") else w[:-4]
        return len(stem) >= 4 and stem[-1] not in "aeioud"
    return True


ACRONYM = re.compile(r"(?<![\w&-])[A-Z](?:[A-Z0-9]|&(?=[A-Z]))*[A-Z](?:-\d+)?s?(?![\w&-])")


def explained_acronyms(text: str) -> set[str]:
    """Acronyms explained in the text itself: 'Centraal Planbureau (CPB)' or 'CPB (…)'."""
    out = set()
    for m in re.finditer(r"\(([A-Z][A-Z0-9]+)\)", text):
        out.add(m.group(1))
    for m in re.finditer(r"\b([A-Z][A-Z0-9]+)\s*\((?:[^()]{6,200})\)", text):
        out.add(m.group(1))
    return out


SLASH = re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])")


# Prepositions: each opens a phrase the reader has to attach somewhere; nominal style
# strings them together ('bij de beoordeling van de aanvraag van uw kind voor ...').
PREPOSITIONS = frozenset("""
aan achter bij binnen boven buiten door in met na naar naast onder op over per sinds
tegen tijdens tussen uit van voor vanaf zonder rond langs via volgens omtrent middels
betreffende inzake
""".split())
# Negations: a reader has to build the positive and then deny it ('Zonder stempas kun je
# niet stemmen' against 'Stemmen kan alleen met een stempas').
NEGATIONS = frozenset("niet geen nooit niets nergens niemand zonder".split())


# Symbols a reader has to put into words: '%', '&' between words, an age or amount with
# a plus ('65+', not '+31' in a phone number), comparison and approximation signs, '§'.
# The euro sign is left alone: '€ 25' is how prices are written everywhere.
SYMBOL = re.compile(r"%|(?<=\s)&(?=\s)|(?<=\d)\+(?!\d)|[<>≤≥±~≈=§](?=\s*\d)|§")
# What each symbol says in words.
SYMBOL_WORDS = {"%": "procent", "&": "en", "+": "of meer", "<": "minder dan",
                ">": "meer dan", "≤": "hoogstens", "≥": "minstens", "±": "ongeveer",
                "~": "ongeveer", "≈": "ongeveer", "=": "is", "§": "artikel"}


def symbols(text: str) -> list[re.Match]:
    """'40%', 'zorg & welzijn', '65+', '< 18 jaar': symbols instead of words."""
    return list(SYMBOL.finditer(text))


# A comma between two digits is a decimal comma ('1,5 meter'), not a pause.
COMMA = re.compile(r"(?<!\d),|,(?!\d)")


def slashes(text: str) -> list[re.Match]:
    """'woont/verblijft', 'en/of': a slash between words leaves the reader to choose."""
    return list(SLASH.finditer(text))
