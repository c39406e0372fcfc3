"""Advice built from the sentence itself: the active sentence for a passive, the verb for
an abstract noun, the split of a compound, in the site's form of address (je or u).

A suggestion such as 'wij … ' or 'de gemeente …' teaches a writer nothing about their own
sentence. Here the words come from it: 'De aanvraag wordt door ons in behandeling
genomen.' gets 'wij nemen de aanvraag in behandeling'; 'de beoordeling van uw aanvraag'
gets 'wij beoordelen uw aanvraag'. Without a parser this is a rough rewrite, offered as a
starting point, never applied.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import dutch
from .lexicon import dutch_base_forms, frequency_lexicon, lemma

DETERMINERS = frozenset("de het een uw je jouw jullie onze ons zijn haar hun deze dit die "
                        "dat elk elke alle geen veel".split())
# Subject pronoun → object pronoun ('hij wordt gebeld' → 'wij bellen hem').
OBJECT = {"ik": "mij", "jij": "jou", "je": "je", "u": "u", "hij": "hem", "zij": "ze",
          "ze": "ze", "het": "het", "we": "ons", "wij": "ons", "jullie": "jullie",
          "dit": "dit", "dat": "dat", "men": "iemand"}
# Agent after 'door' → subject ('door ons' → 'wij').
SUBJECT = {"ons": "wij", "mij": "ik", "me": "ik", "hem": "hij", "haar": "zij", "hen": "zij",
           "hun": "zij", "jullie": "jullie"}
READER = frozenset({"u", "je", "jij", "jou"})
MODALS = {"moet": "moeten", "moeten": "moeten", "kan": "kunnen", "kunnen": "kunnen",
          "kunt": "kunnen", "mag": "mogen", "mogen": "mogen", "zal": "zullen",
          "zullen": "zullen", "zult": "zullen", "wil": "willen", "willen": "willen",
          "hoeft": "hoeven", "hoeven": "hoeven"}
# Second and third person singular of the modals ('je kunt', 'de arts kan').
MODAL_SINGULAR = {"moeten": ("moet", "moet"), "kunnen": ("kunt", "kan"),
                  "mogen": ("mag", "mag"), "zullen": ("zult", "zal"),
                  "willen": ("wilt", "wil"), "hoeven": ("hoeft", "hoeft")}
# Short verbs whose stem is not the infinitive less '-en'.
IRREGULAR_STEMS = {"gaan": "ga", "staan": "sta", "slaan": "sla", "doen": "doe",
                   "zien": "zie", "hebben": "heb", "zijn": "ben", "komen": "kom"}
_PARTICLES = tuple(sorted(dutch.PARTICLES, key=len, reverse=True))
_UNSTRESSED = ("be", "ver", "ont", "her", "ge", "er")
_ABLAUT = {"e": ("o",), "ij": ("e",), "ie": ("o",), "i": ("o",), "ui": ("o",)}
_CLAUSE_START = frozenset("en of maar want dus omdat als dat zodat wanneer die wat waar "
                          "terwijl nadat voordat zodra tenzij hoewel".split())
_COORDINATING = frozenset("en of maar want dus".split())
# Finite verbs that close a subordinate clause before the main clause's verb.
# (A modal may belong to the passive itself: 'zodat u … kan worden geholpen'.)
_FINITE = frozenset("is zijn was waren ben bent heeft hebt heb hebben had hadden".split())
# Modals after which the reader is likely the one to act ('het formulier moet worden
# ingevuld': 'je moet het formulier invullen').
READER_MODALS = frozenset({"moeten", "mogen", "hoeven"})
_STOP = frozenset("en of maar want dus omdat als dat zodat wanneer die wat waar door van "
                  "in op aan voor met naar bij uit om te tot over na".split())


def pronouns(address: str) -> tuple[str, str]:
    """(subject/object pronoun, possessive) for the site's form of address."""
    return ("u", "uw") if address == "u" else ("je", "jouw")


def _zipf(word: str) -> float:
    return frequency_lexicon("nl").get(word, 0.0)


@lru_cache(maxsize=4096)
def stem(infinitive: str) -> str:
    """The stem of a Dutch verb ('nemen' → 'neem', 'verstrekken' → 'verstrek', 'geven' →
    'geef'): of the spellings the rules allow, the one whose -t form is most frequent."""
    if infinitive in IRREGULAR_STEMS:
        return IRREGULAR_STEMS[infinitive]
    base = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    if not base:
        return infinitive
    candidates = [base]
    if len(base) >= 2 and base[-1] == base[-2]:
        candidates.append(base[:-1])  # verstrekk → verstrek
    if len(base) >= 3 and base[-2] in "aeou" and base[-3] not in "aeiou" \
            and base[-1] not in "aeiou":
        candidates.append(base[:-1] + base[-2] + base[-1])  # nem → neem, betal → betaal
    candidates += [c[:-1] + {"v": "f", "z": "s"}[c[-1]] for c in list(candidates)
                   if c[-1] in "vz"]
    return max(candidates, key=lambda c: (_zipf(third_person(c)), _zipf(c)))


def third_person(stem_: str) -> str:
    return stem_ if stem_.endswith("t") else stem_ + "t"


def split_particle(infinitive: str, participle: str) -> tuple[str, str]:
    """('in', 'vullen') for a separable verb ('invullen', participle 'ingevuld'),
    ('', infinitive) otherwise."""
    for p in _PARTICLES:
        if participle.startswith(p + "ge") and infinitive.startswith(p) and \
                len(infinitive) > len(p) + 3:
            return p, infinitive[len(p):]
    return "", infinitive


@lru_cache(maxsize=4096)
def separable(infinitive: str) -> tuple[str, str]:
    """('vast', 'stellen') for a verb whose particle splits off ('wij stellen … vast'),
    ('', infinitive) for one that stays whole ('overleggen': 'wij overleggen'). Decided
    by the participle Dutch writes more often: 'vastgesteld' rather than 'vaststeld',
    'overlegd' rather than 'overgelegd'."""
    for p in _PARTICLES:
        rest = infinitive[len(p):]
        if not infinitive.startswith(p) or len(rest) < 4 or not rest.endswith("en"):
            continue
        if rest.startswith(_UNSTRESSED) and _zipf(rest) >= 2.5:
            return p, rest  # 'doorverwijzen', 'aanbevelen', 'voorbereiden'
        s_ = stem(rest)
        # weak participles end in -d/-t; strong ones change the vowel ('genomen',
        # 'geschreven', 'geboden', 'gevonden', 'gesloten') or keep it ('gegeven')
        shapes = [s_ + "d", s_ + "t", rest]
        m = re.search(r"ij|ie|ui|[aeiou]", rest)
        if m:
            shapes += [rest[:m.start()] + changed + rest[m.end():]
                       for changed in _ABLAUT.get(m.group(0), ())]
        apart = max(_zipf(p + "ge" + c) for c in shapes)
        whole = max(_zipf(p + c) for c in shapes[:2])
        if apart > whole and apart > 0:
            return p, rest
        return "", infinitive
    return "", infinitive


def finite(infinitive: str, subject: str) -> str:
    """The present tense of `infinitive` with `subject` ('wij nemen', 'u neemt', 'de arts
    neemt', 'ik neem')."""
    if subject in ("wij", "we", "zij", "jullie") or _plural(subject):
        return infinitive
    if infinitive in MODAL_SINGULAR:
        second, third = MODAL_SINGULAR[infinitive]
        return second if subject in ("u", "je", "jij") else third
    s = stem(infinitive)
    return s if subject == "ik" else third_person(s)


def _plural(noun_phrase: str) -> bool:
    """Whether a noun phrase like 'de artsen' or 'de gemeenten' is plural."""
    head = noun_phrase.split()[-1].lower() if noun_phrase.split() else ""
    if head in OBJECT or head in SUBJECT or len(head) < 4 or " " not in noun_phrase:
        return False
    base = lemma(head)
    return base != head and head.endswith(("en", "s"))


def infinitive(participle: str) -> str:
    """The infinitive of a past participle ('genomen' → 'nemen')."""
    base = lemma(participle)
    if base != participle and base.endswith("en"):
        return base
    found = [b for b in dutch_base_forms(participle) if b.endswith("en")]
    return max(found, key=_zipf, default=participle)


def noun_phrase_after(words: list[str], i: int, stop: int | None = None) -> str:
    """The noun phrase starting at words[i] ('uw aanvraag', 'de arts', 'medicijnen'), at
    most a determiner, one modifier and a noun; '' when there is none."""
    end = len(words) if stop is None else stop
    out: list[str] = []
    j = i
    if j < end and words[j].lower() in DETERMINERS:
        out.append(words[j].lower())
        j += 1
    while j < end and len(out) < 3:
        w = words[j]
        low = w.lower()
        if low in _STOP or low in dutch.WORDEN or low in dutch.ZIJN or low in MODALS or \
                w[0].isdigit() or dutch.is_participle(low):
            break
        out.append(w if w[0].isupper() and j > 0 and low not in DETERMINERS else low)
        j += 1
        if out[-1] not in DETERMINERS and (j >= end or words[j].lower() in _STOP or
                                           not _is_modifier(out[-1])):
            break
    return " ".join(out) if out and out[-1] not in DETERMINERS else ""


def _is_modifier(word: str) -> bool:
    """An adjective before a noun ('nieuwe', 'eigen'): ends in -e or is very common."""
    return word.endswith("e") and len(word) > 3 and lemma(word) != word


def noun_phrase_before(words: list[str], i: int) -> tuple[str, int]:
    """The noun phrase ending just before words[i], and where it starts; ('', i) when
    the word before is not a noun or pronoun ('Dan wordt …')."""
    if i == 0:
        return "", i
    prev = words[i - 1].lower()
    if prev in OBJECT:
        return prev, i - 1
    if prev in _STOP or prev in DETERMINERS or prev in dutch.FUNCTION_WORDS:
        return "", i
    start = i - 1
    while start > 0 and i - start < 3 and (words[start - 1].lower() in DETERMINERS or
                                           _is_modifier(words[start - 1].lower())):
        start -= 1
        if words[start].lower() in DETERMINERS:
            break
    if start == i - 1 and start > 0 and words[start - 1].lower() not in DETERMINERS:
        # a bare noun: only when it starts the clause ('Medicijnen worden …')
        if start != 0:
            return "", i
    return " ".join(w.lower() if k == 0 or w.lower() in DETERMINERS else w
                    for k, w in enumerate(words[start:i], start)), start


def passive_rewrite(words: list[str], aux: str, participle: str, address: str,
                    breaks: frozenset[int] = frozenset()) -> tuple[list[str], bool]:
    """Active versions of a passive sentence, from its own words: the agent after 'door'
    when there is one, else 'wij' (the organisation writing), and the reader as the one
    who acts when a modal says what the reader must do; and whether the sentence named
    the agent.

    The passive's subject (the new object) is found by the clause's shape: right after
    a conjunction in a subordinate clause ('zodat u … kan worden geholpen'), before the
    verb when the sentence starts with it ('De aanvraag wordt …'), or after the verb
    when something else comes first ('Tijdens de afspraak worden uw bloeddruk …
    gemeten', 'Dan wordt u gebeld'); what came first stays first. `breaks`: indices of
    words followed by a comma or other clause mark, which bound the clause."""
    lower = [w.lower() for w in words]
    at = lower.index(aux)
    part_at = next((k for k in range(at + 1, len(lower)) if lower[k] == participle), None)
    if part_at is None:
        return [], False
    # only the stretch between clause marks around the verbs counts
    seg_start = max([k + 1 for k in breaks if k < at] + [0])
    seg_end = min([k + 1 for k in breaks if k >= part_at] + [len(words)])
    lower = lower[:seg_end]
    verb = infinitive(participle)
    particle, core = split_particle(verb, participle)
    je, _jouw = pronouns(address)
    # the start of the clause: after the last conjunction before the verb
    clause = next((k for k in range(at - 1, seg_start - 1, -1)
                   if lower[k] in _CLAUSE_START), None)
    if clause is not None and (
            (lower[clause] in ("die", "dat", "wat") and clause == 0) or
            any(lower[k] in _FINITE for k in range(clause + 1, at))):
        # 'Dat wordt …' is a demonstrative; 'als de test positief is wordt u …' has
        # closed its subordinate clause before the verb: the main clause follows
        seg_start = next((k + 1 for k in range(at - 1, clause, -1) if lower[k] in _FINITE),
                         seg_start) if clause > 0 else seg_start
        clause = None
    start = clause + 1 if clause is not None else seg_start
    # the modal with the auxiliary ('moet worden ingevuld', 'kan worden behandeld')
    modal_at = next((k for k in range(at - 1, start - 1, -1) if lower[k] in MODALS), None)
    if modal_at is None and at + 1 < len(lower) and lower[at + 1] in MODALS:
        modal_at = at + 1
    first = min(at, modal_at) if modal_at is not None else at
    # the agent: 'door ons', 'door de arts'
    who, agent = "", set()
    for k in range(start, len(lower) - 1):
        if lower[k] == "door":
            nxt = lower[k + 1]
            if nxt in SUBJECT:
                who, agent = SUBJECT[nxt], {k, k + 1}
            elif nxt in READER:
                who, agent = je, {k, k + 1}
            else:
                np = noun_phrase_after(words, k + 1)
                if np:
                    who, agent = np, set(range(k, k + 1 + len(np.split())))
            break
    # the passive's subject, which becomes the object
    obj, used, prefix = "", set(), []
    if clause is not None:  # subordinate: 'zodat u …', 'die door de gemeente …'
        if lower[clause] in ("die", "dat") and clause > 0 and start == first - len(
                [k for k in agent if k < first]):
            obj, obj_start = noun_phrase_before(words, clause)  # the antecedent
        elif start < first and lower[start] in OBJECT:
            obj, used = lower[start], {start}
        elif start < first:
            obj = noun_phrase_after(words, start, stop=first)
            used = set(range(start, start + len(obj.split())))
    else:
        end = min([first, *[k for k in agent if k < first]])
        np, np_start = noun_phrase_before(words, end)
        if np and np_start == start:  # 'De aanvraag wordt …', 'U wordt …'
            obj, used = np, set(range(start, end))
        else:  # 'Dan wordt u …', 'Tijdens de afspraak worden uw bloeddruk …'
            prefix = [w.lower() if k == 0 else w for k, w in enumerate(words[start:first])
                      if not (k == 0 and w.lower() == "er" and first - start == 1)]
            used = set(range(start, first))
            after = first + 1
            while after < len(lower) and (after == at or after == modal_at):
                after += 1
            if after < part_at and lower[after] in OBJECT:
                obj, used = lower[after], used | {after}
            elif after < part_at:
                obj = noun_phrase_after(words, after, stop=part_at)
                used |= set(range(after, after + len(obj.split())))
    if obj in READER:
        obj = je
    elif obj in OBJECT:
        obj = OBJECT[obj]
    middle = [words[k] if words[k][0].isupper() and lower[k] not in DETERMINERS
              else lower[k]
              for k in range(start, part_at)
              if k not in used and k not in agent and k not in (at, modal_at)
              and lower[k] not in dutch.WORDEN]
    # what follows the participle in the same clause ('… verzocht de handen te wassen')
    tail = [w for w in words[part_at + 1:seg_end] if w]
    if len(tail) > 6 or (tail and tail[0].lower() in _COORDINATING) or \
            any(k in agent for k in range(part_at + 1, len(words))):
        tail = []
    obj = _address(obj, address)
    middle = _address(" ".join(middle), address).split()
    tail = _address(" ".join(tail), address).split()
    subjects = [who] if who else ["wij"]
    if not who and modal_at is not None and MODALS[lower[modal_at]] in READER_MODALS and \
            obj not in ("u", "je"):
        subjects.append(je)
    out = []
    for subject in subjects:
        o = obj or "…"
        if modal_at is not None:
            verbs = [finite(MODALS[lower[modal_at]], subject)]
            rest = [o, *middle, verb, *tail]
        else:
            verbs = [finite(core, subject)]
            rest = [o, *middle, *([particle] if particle else []), *tail]
        # the verb second: 'wij nemen …', or 'dan belt de assistente je'
        text = [*prefix, *verbs, subject, *rest] if prefix else [subject, *verbs, *rest]
        out.append(" ".join(t for t in text if t))
    return out, bool(who)


def _address(text: str, address: str) -> str:
    """The reader's pronouns in `text` in the site's form: 'naar u' → 'naar je' on a
    je-site, 'uw kind' → 'jouw kind'; 'je' before a noun is the possessive."""
    je, jouw = pronouns(address)
    ws = text.split()
    out = []
    for k, w in enumerate(ws):
        nxt = ws[k + 1] if k + 1 < len(ws) else ""
        if w in ("u", "jij", "jou") or (w == "je" and (not nxt or nxt in _STOP)):
            out.append(je)
        elif w in ("uw", "jouw") or w == "je":
            out.append(jouw)
        else:
            out.append(w)
    return " ".join(out)


def nominal_rewrite(words: list[str], i: int, base: str, address: str) -> str:
    """The sentence part around an abstract noun, said with its verb or adjective:
    'de beoordeling van uw aanvraag' → 'wij beoordelen uw aanvraag', 'de verstrekking
    door de apotheek' → 'de apotheek verstrekt …', 'de beschikbaarheid van de vaccins'
    → 'de vaccins zijn beschikbaar'."""
    lower = [w.lower() for w in words]
    prep = lower[i + 1] if i + 1 < len(lower) else ""
    obj = noun_phrase_after(words, i + 2) if prep in ("van", "door", "aan", "op", "tot",
                                                      "voor", "over", "met") else ""
    if not base.endswith("en"):  # an adjective: 'beschikbaarheid' → 'beschikbaar'
        if prep == "van" and obj:
            return f"{obj} {'zijn' if _plural(obj) else 'is'} {base}"
        return f"… is {base}"
    who = "wij"
    if prep == "door" and obj:
        who, obj = obj, ""
    else:
        after = i + 2 + len(obj.split())
        for k in range(after, min(len(lower) - 1, after + 3)):
            if lower[k] == "door":
                who = noun_phrase_after(words, k + 1) or who
                if lower[k + 1] in SUBJECT:
                    who = SUBJECT[lower[k + 1]]
                break
    if prep not in ("van", "door"):
        obj = ""  # 'de verwijzing naar de arts' does not make 'de arts' the object
    particle, core = separable(base)
    return " ".join(w for w in [who, finite(core, who), _address(obj, address) or "…",
                                particle] if w)


def compound_split(word: str, parts: tuple[str, ...]) -> str:
    """'ziektekostenverzekering' → 'verzekering voor ziektekosten': the last part, then
    what the rest of the word says, as it is written in the word."""
    lower = word.lower().replace("-", "")
    last = parts[-1]
    head = lower[:len(lower) - len(last)] if lower.endswith(last) else "".join(parts[:-1])
    if head.endswith("s") and len(parts) >= 2 and not parts[-2].endswith("s"):
        head = head[:-1]  # the linking s: 'identiteits-bewijs'
    return f"{last} voor {head}"


_BREAK = re.compile(r"[,;:()–—]")


def clause_breaks(text: str | None, words: list[str]) -> frozenset[int]:
    """Indices of the words of `text` that a comma, semicolon, colon or bracket follows;
    empty when the text is not given or its words are not `words`."""
    if not text:
        return frozenset()
    from .text import words as find_words

    found = find_words(text)
    if [m.group(0) for m in found] != words:
        return frozenset()
    return frozenset(k for k in range(len(found) - 1)
                     if _BREAK.search(text, found[k].end(), found[k + 1].start()))
