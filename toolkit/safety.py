"""Safety checks on translations of health advice: each a small pure function.

A check takes the Dutch source, the translation and the context (language, glossary) and
returns findings. Its severity says what a failure means:

* critical — the translation may say something else than the Dutch (a dose, time, date,
  phone number, link or required term differs, a limit is turned round, a negation is
  lost, or a sentence is missing; see
  toolkit/facts). Machine drafts that fail go to "needs review"; a reviewed translation
  that fails is not published until it is fixed.
* warning — worth a translator's look (sentence count, length, a negation the Dutch does
  not have); never blocks.

The first line of each check's docstring is what users read about it.

A finding is said in the staff language when shown (`str(finding)`), and in English where
it is stored (`finding.english`: a PO file's notes, the findings cache), so what a file
holds, and what is matched against it, never depends on who ran the command.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from . import sentences
from .facts import compare
from .facts.direction import reversed_comparisons
from .facts.tables import separators_for
from .negation import added_negations, lost_negations
from .staff_language import N_, Said, _, said

CRITICAL, WARNING = "critical", "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str  # a Said from the checks: English as a string, said in words when shown

    def __str__(self) -> str:
        """The finding in the staff language, for people to read."""
        return f"{self.code}: {self.message}"

    @property
    def english(self) -> str:
        """The finding as stored (PO notes): the same whoever ran the command."""
        return f"{self.code}: {str.__str__(self.message)}"


@dataclass(frozen=True)
class Context:
    lang: str
    do_not_translate: tuple[str, ...] = ()
    required: dict[str, str] = field(default_factory=dict)  # Dutch term → required term


Check = Callable[[str, str, Context], list[Said]]
CHECKS: list[tuple[str, str, Check]] = []


def check(code: str, severity: str):
    """Register a check: `code` names it in PO comments and reports."""
    def register(fn: Check) -> Check:
        CHECKS.append((code, severity, fn))
        return fn
    return register


def _facts(source: str, target: str, ctx: Context, check: str) -> list[Said]:
    return [d.message if isinstance(d.message, Said) else Said("{text}", (("text", d.message),))
            for d in compare(source, target, ctx.lang) if d.check == check]


@check("numbers", CRITICAL)
def numbers_identical(source: str, target: str, ctx: Context) -> list[Said]:
    """Doses, amounts, times, dates and temperatures must mean the same in the translation."""
    return _facts(source, target, ctx, "numbers")


@check("phone", CRITICAL)
def phone_numbers_identical(source: str, target: str, ctx: Context) -> list[Said]:
    """Phone numbers and emergency numbers (112, 0800-…, 088-…) must be identical."""
    return _facts(source, target, ctx, "phone")


@check("links", CRITICAL)
def urls_identical(source: str, target: str, ctx: Context) -> list[Said]:
    """Web addresses and e-mail addresses must be copied exactly."""
    return _facts(source, target, ctx, "links")


@check("comparison", CRITICAL)
def comparisons_kept(source: str, target: str, ctx: Context) -> list[Said]:
    """A limit must keep its direction: above 38 degrees is not below, before is not after."""
    return list(reversed_comparisons(source, target, ctx.lang))


@check("negation", CRITICAL)
def negations_kept(source: str, target: str, ctx: Context) -> list[Said]:
    """What the Dutch forbids or denies (niet, geen, nooit) must stay forbidden or denied."""
    return list(lost_negations(source, target, ctx.lang))


@check("negation-added", WARNING)
def no_negation_added(source: str, target: str, ctx: Context) -> list[Said]:
    """A negation the Dutch does not have is worth a look (it may forbid what is advised)."""
    return list(added_negations(source, target, ctx.lang))


_MD_LINK = re.compile(r"\[[^\]]*\]\(([^)]*)\)")
_PLACEHOLDER = re.compile(r"\{[\w.]+\}|%\(\w+\)[sd]|%[sd]")


@check("markup", CRITICAL)
def markup_preserved(source: str, target: str, ctx: Context) -> list[Said]:
    """Markdown links, bold and italic marks, inline code and placeholders must survive."""
    out = []
    if sorted(_MD_LINK.findall(source)) != sorted(_MD_LINK.findall(target)):
        out.append(said(N_("Markdown links differ")))
    for mark, name in (("**", N_("bold")), ("`", N_("code"))):
        if source.count(mark) != target.count(mark):
            out.append(said(N_("{name} marks ({mark}) differ"), name=Said(name), mark=mark))
    if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(target)):
        out.append(said(N_("placeholders differ: {placeholders}"), placeholders=", ".join(
            sorted(_PLACEHOLDER.findall(source)))) if _PLACEHOLDER.findall(source)
            else said(N_("placeholders added")))
    return out


# Explicit embeddings and overrides (LRE, RLE, PDF, LRO, RLO) make a reader see the
# letters in another order than every check reads them (Trojan source): an override turns
# '12.00' into '00.21'. Nobody types them for a translation (isolates and marks do all
# they did), so none is published.
_EMBEDDINGS = re.compile("[\u202a-\u202e]")
_NUMBER_SPAN = re.compile(r"\d+(?:[.,:\u066b\u066c]\d+)*")


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'format character')}"


@check("invisible", CRITICAL)
def nothing_hidden(source: str, target: str, ctx: Context) -> list[str]:
    """Invisible characters must not change what a reader sees: no bidi embedding or
    override, and no mark, isolate or zero-width character inside a number."""
    out = []
    found = sorted(set(_EMBEDDINGS.findall(target)))
    if found:
        out.append(f"{', '.join(map(_name, found))}: shows the text in another order than "
                   "it was checked; remove it")
    # A format character (category Cf) inside a number splits it in two for the reader's
    # screen (a right-to-left mark in '1‏2.00' shows '2.001') while the checks, which leave
    # such marks out, read the whole number.
    visible = "".join(ch for ch in target if unicodedata.category(ch) != "Cf")
    if _NUMBER_SPAN.findall(visible) != _NUMBER_SPAN.findall(target):
        hidden = sorted({ch for ch in target if unicodedata.category(ch) == "Cf"} -
                        set(found))
        number = next((n for n in _NUMBER_SPAN.findall(visible)
                       if n not in _NUMBER_SPAN.findall(target)), "")
        out.append(f"an invisible character ({', '.join(map(_name, hidden))}) inside the "
                   f"number '{number}' can change how it is shown; remove it")
    return out


@check("glossary", CRITICAL)
def do_not_translate(source: str, target: str, ctx: Context) -> list[Said]:
    """Names on the do-not-translate list (GGD, RIVM, DigiD …) must stay as they are."""
    if not ctx.do_not_translate:
        return []
    src, tgt = _without_addresses(source), _without_addresses(target)
    out = []
    for term in ctx.do_not_translate:
        written = {m.group(0) for m in _term(term, re.IGNORECASE).finditer(src)}
        # The name as listed, or exactly as the Dutch wrote it, must be in the translation;
        # a web or e-mail address that contains it (info@ggd.nl) is checked as an address.
        if written and not any(_term(w).search(tgt) for w in written | {term}):
            out.append(said(N_("'{term}' must stay '{term}'"), term=term))
    return out


def _term(term: str, flags: int = 0) -> re.Pattern:
    # Not inside a longer word of the same script; a Turkish suffix (GGD'yi) or an Arabic
    # letter right before a Latin name (بـGGD) does not hide it.
    return re.compile(rf"(?<![A-Za-z0-9À-ɏ]){re.escape(term)}(?![A-Za-z0-9À-ɏ])", flags)


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
                      re.IGNORECASE)


def _without_addresses(text: str) -> str:
    return _ADDRESS.sub(" ", text)


@check("terms", CRITICAL)
def required_terms(source: str, target: str, ctx: Context) -> list[Said]:
    """The termbase's required translation of a Dutch term must be used."""
    out = []
    for nl, required in ctx.required.items():
        if re.search(rf"(?<!\w){re.escape(nl)}", source, re.IGNORECASE) and \
                required.lower() not in target.lower():
            out.append(said(N_("'{term}' must be translated as '{required}'"), term=nl,
                            required=required))
    return out


@check("untranslated", CRITICAL)
def not_left_in_dutch(source: str, target: str, ctx: Context) -> list[Said]:
    """A translation must not be empty or the Dutch text itself."""
    if not target.strip():
        return [said(N_("the translation is empty"))]
    words = re.findall(r"[^\W\d_]{2,}", source)
    if len(words) >= 3 and target.strip() == source.strip():
        return [said(N_("the translation is the Dutch text"))]
    return []


# A dropped sentence is told from two sentences joined into one by length: joining keeps
# (nearly) all the words, dropping loses that sentence's share. The translation is
# measured against the Dutch times the language's usual length ratio (letters and digits,
# data/facts/languages.tsv); ordinary translations vary by about ±15 % around it, short
# ones more. With fewer sentences than the Dutch, the translation must be short by at
# least 15 % and by half the shortest possible loss, or, when it has new joints (a comma,
# "and", و …) where sentences could have been joined, by 30 % and by 85 % of that loss.
MAX_SHORTFALL = 0.85
LOSS_SHARE = 0.5
LOSS_SHARE_JOINED = 0.85
MAX_SHORTFALL_JOINED = 0.7
# With two or more sentences left, their lengths tell more: if the translation's sentences
# pair up with the Dutch ones much better when one Dutch sentence is left out than when two
# are joined (squared log length ratios, 0.1 ≈ one sentence 37 % off), and nothing joins
# clauses, a short sentence was dropped even though the whole is only a little shorter.
MAX_SHORTFALL_ALIGNED = 0.95
DROP_FITS_BETTER = 0.1
TRUNCATED = 0.45  # shorter than this (relative) and the text was cut off, whatever the count
MIN_LETTERS_TRUNCATED = 40


@check("dropped", CRITICAL)
def nothing_dropped(source: str, target: str, ctx: Context) -> list[Said]:
    """The translation must say everything the Dutch says: no sentence or step left out."""
    if not target.strip():
        return []  # reported as untranslated
    out: list[Said] = []
    src_steps, tgt_steps = sentences.steps(source), sentences.steps(target)
    if src_steps >= 2 and tgt_steps < src_steps:
        out.append(said(N_("{n} steps where the Dutch has {dutch}: a step is missing"),
                        n=tgt_steps, dutch=src_steps))
    src, tgt = sentences.split(source, "nl"), sentences.split(target, ctx.lang)
    total = sentences.size(source)
    if not total:
        return out
    ratio = sentences.size(target) / (total * separators_for(ctx.lang).length)
    if len(tgt) < len(src):
        lost = sorted(sentences.size(s) for s in src)[:len(src) - len(tgt)]
        loss = sum(lost) / total
        joined = sentences.joints(target, ctx.lang) > sentences.joints(source, "nl")
        share = LOSS_SHARE_JOINED if joined else LOSS_SHARE
        cap = MAX_SHORTFALL_JOINED if joined else MAX_SHORTFALL
        scale = separators_for(ctx.lang).length
        fits, which = sentences.dropped_fits_better(
            [sentences.size(s) * scale for s in src], [sentences.size(s) for s in tgt])
        if ratio < min(cap, 1 - share * loss) or (
                not joined and ratio < MAX_SHORTFALL_ALIGNED and fits > DROP_FITS_BETTER):
            hint = (said(N_(" (probably: '{sentence}')"), sentence=src[which])
                    if fits > DROP_FITS_BETTER and which is not None else Said(""))
            out.append(said(N_("{n} sentences where the Dutch has {dutch}, and the translation "
                               "is {percent} % shorter than usual: a sentence is "
                               "missing{probably}"), n=len(tgt), dutch=len(src),
                            percent=round(100 * (1 - ratio)), probably=hint))
    elif ratio < TRUNCATED and total >= MIN_LETTERS_TRUNCATED:
        out.append(said(N_("the translation is {percent} % shorter than usual: part of the "
                           "text is missing"), percent=round(100 * (1 - ratio))))
    return out


# Same limits as the readability comparison (readability/other.py), computed without it:
# this check runs for every segment of every build.
MAX_WORD_RATIO = 1.6
MAX_SENTENCE_WORDS_RATIO = 1.5
MIN_WORDS = 6
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
_NO_SPACES = ("zh", "ja", "th", "lo", "km", "my")


@check("shape", WARNING)
def same_shape(source: str, target: str, ctx: Context) -> list[Said]:
    """Sentence count and length should stay close to the Dutch (no sentences joined,
    no short sentence turned long); see the readability notes for other languages."""
    src, tgt = sentences.split(source, "nl"), sentences.split(target, ctx.lang)
    out: list[Said] = []
    if len(tgt) < len(src):
        out.append(said(N_("{n} sentences where the Dutch has {dutch}: sentences were joined"),
                        n=len(tgt), dutch=len(src)))
    if ctx.lang.split("-")[0] in _NO_SPACES:
        return out
    src_words = [len(_WORD.findall(s)) for s in src]
    tgt_words = [len(_WORD.findall(s)) for s in tgt]
    if sum(src_words) >= MIN_WORDS and sum(tgt_words) > MAX_WORD_RATIO * sum(src_words):
        out.append(said(N_("{n} words where the Dutch has {dutch}"), n=sum(tgt_words),
                        dutch=sum(src_words)))
    longest = max(src_words, default=0)
    if longest >= MIN_WORDS:
        for n in tgt_words:
            if n > MAX_SENTENCE_WORDS_RATIO * longest:
                out.append(said(N_("a sentence of {n} words; the longest Dutch sentence has "
                                   "{dutch}"), n=n, dutch=longest))
    return out


def run_checks(source: str, target: str, ctx: Context) -> list[Finding]:
    """Every check on one translation, critical ones first."""
    findings = []
    for code, severity, fn in CHECKS:
        findings += [Finding(code, severity, msg) for msg in fn(source, target, ctx)]
    return sorted(findings, key=lambda f: (f.severity != CRITICAL, f.code))


def critical(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == CRITICAL]


# Review reasons the toolkit itself writes into PO notes (in English, as stored).
FAILS_CHECK_NOTE = "fails check "
DISCUSSION_NOTE = "needs discussion: "
NOTES = (N_("the Dutch text changed"), N_("edited by a reviewer, not yet approved"),
         N_("saved as a draft in the review screen, not yet approved"), N_("no note"))


def said_reasons(reasons: list[str], found: list[Finding]) -> list[str]:
    """Review reasons as stored in a PO file (English, so they match whoever wrote them)
    in the staff language, for reading: a stored finding that the checks still find on
    the entry's text (`found`) is said anew; the toolkit's own notes are translated; a
    translator's own words, or a finding that no longer holds, are shown as written."""
    live: dict[str, str] = {}
    for f in found:
        live[f.english] = str(f)
        live[FAILS_CHECK_NOTE + f.english] = _("fails check {finding}").format(finding=str(f))
    out = []
    for r in reasons:
        if r in live:
            out.append(live[r])
        elif r.startswith(DISCUSSION_NOTE):
            note = r[len(DISCUSSION_NOTE):]
            out.append(_("needs discussion: {note}").format(
                note=_(note) if note in NOTES else note))
        else:
            out.append(_(r) if r in NOTES else r)
    return out


def context_for(config, lang: str) -> Context:
    """The check context of one language from site.toml's [glossary]."""
    return Context(lang=lang, do_not_translate=config.glossary.do_not_translate,
                   required=config.glossary.required.get(lang, {}))
