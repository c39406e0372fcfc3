"""Safety checks on translations of health advice: each a small pure function.

A check takes the Dutch source, the translation and the context (language, glossary) and
returns findings. Its severity says what a failure means:

* critical — the translation may say something else than the Dutch (a number, phone
  number, link or required term differs). Machine drafts that fail go to "needs review";
  a reviewed translation that fails is not published until it is fixed.
* warning — worth a translator's look (sentence count, length); never blocks.

The first line of each check's docstring is what users read about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

CRITICAL, WARNING = "critical", "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True)
class Context:
    lang: str
    do_not_translate: tuple[str, ...] = ()
    required: dict[str, str] = field(default_factory=dict)  # Dutch term → required term


Check = Callable[[str, str, Context], list[str]]
CHECKS: list[tuple[str, str, Check]] = []


def check(code: str, severity: str):
    """Register a check: `code` names it in PO comments and reports."""
    def register(fn: Check) -> Check:
        CHECKS.append((code, severity, fn))
        return fn
    return register


# Arabic-Indic (٠-٩) and Extended Arabic-Indic / Persian (۰-۹) digits mean the same numbers.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"\d+(?:[.,:٫٬]\d+)*")


def numbers(text: str) -> list[str]:
    """Digit groups in order of size: '1,5' and '1.5' and '١٫٥' all give ['1', '5'];
    '12.00' and '12:00' give ['12', '00']. Separators differ by locale; digits may not."""
    found = []
    for m in _NUMBER.finditer(text.translate(_DIGITS)):
        found += re.split(r"[.,:٫٬]", m.group(0))
    return sorted(found)


@check("numbers", CRITICAL)
def numbers_identical(source: str, target: str, ctx: Context) -> list[str]:
    """Numbers, doses, times and temperatures must be the same in the translation."""
    src, tgt = numbers(source), numbers(target)
    if src == tgt:
        return []
    missing = _minus(src, tgt)
    extra = _minus(tgt, src)
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("not in the Dutch: " + ", ".join(extra))
    return ["numbers differ (" + "; ".join(parts) + ")"]


def _minus(a: list[str], b: list[str]) -> list[str]:
    rest = list(b)
    out = []
    for x in a:
        if x in rest:
            rest.remove(x)
        else:
            out.append(x)
    return out


_PHONE = re.compile(r"(?<!\d)(?:112|0\d{2,3}[- ]?\d{2,4}(?:[- ]?\d{2,4}){0,2}|\+31[- ]?\d[\d -]{7,12}\d)(?!\d)")


def phone_numbers(text: str) -> list[str]:
    """Phone and emergency numbers as digit strings: '088 123 4567' → '0881234567'."""
    return sorted(re.sub(r"\D", "", m.group(0)) for m in _PHONE.finditer(text.translate(_DIGITS)))


@check("phone", CRITICAL)
def phone_numbers_identical(source: str, target: str, ctx: Context) -> list[str]:
    """Phone numbers and emergency numbers (112, 0800-…, 088-…) must be identical."""
    src = phone_numbers(source)
    tgt_digits = re.sub(r"\D", "", target.translate(_DIGITS))
    lost = [p for p in src if p not in tgt_digits]
    return [f"phone number {p} is missing or changed" for p in lost]


_URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"']+[^\s)\]>\"'.,;:!?]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@check("links", CRITICAL)
def urls_identical(source: str, target: str, ctx: Context) -> list[str]:
    """Web addresses and e-mail addresses must be copied exactly."""
    src, tgt = sorted(_URL.findall(source)), sorted(_URL.findall(target))
    return [f"address {u} is missing or changed" for u in _minus(src, tgt)]


_MD_LINK = re.compile(r"\[[^\]]*\]\(([^)]*)\)")
_PLACEHOLDER = re.compile(r"\{[\w.]+\}|%\(\w+\)[sd]|%[sd]")


@check("markup", CRITICAL)
def markup_preserved(source: str, target: str, ctx: Context) -> list[str]:
    """Markdown links, bold and italic marks, inline code and placeholders must survive."""
    out = []
    if sorted(_MD_LINK.findall(source)) != sorted(_MD_LINK.findall(target)):
        out.append("Markdown links differ")
    for mark, name in (("**", "bold"), ("`", "code")):
        if source.count(mark) != target.count(mark):
            out.append(f"{name} marks ({mark}) differ")
    if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(target)):
        out.append("placeholders differ: " + ", ".join(sorted(_PLACEHOLDER.findall(source)))
                   if _PLACEHOLDER.findall(source) else "placeholders added")
    return out


@check("glossary", CRITICAL)
def do_not_translate(source: str, target: str, ctx: Context) -> list[str]:
    """Names on the do-not-translate list (GGD, RIVM, DigiD …) must stay as they are."""
    out = []
    for term in ctx.do_not_translate:
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
        if pattern.search(source) and not re.search(rf"(?<!\w){re.escape(term)}(?!\w)", target):
            out.append(f"'{term}' must stay '{term}'")
    return out


@check("terms", CRITICAL)
def required_terms(source: str, target: str, ctx: Context) -> list[str]:
    """The termbase's required translation of a Dutch term must be used."""
    out = []
    for nl, required in ctx.required.items():
        if re.search(rf"(?<!\w){re.escape(nl)}", source, re.IGNORECASE) and \
                required.lower() not in target.lower():
            out.append(f"'{nl}' must be translated as '{required}'")
    return out


@check("untranslated", CRITICAL)
def not_left_in_dutch(source: str, target: str, ctx: Context) -> list[str]:
    """A translation must not be empty or the Dutch text itself."""
    if not target.strip():
        return ["the translation is empty"]
    words = re.findall(r"[^\W\d_]{2,}", source)
    if len(words) >= 3 and target.strip() == source.strip():
        return ["the translation is the Dutch text"]
    return []


@check("shape", WARNING)
def same_shape(source: str, target: str, ctx: Context) -> list[str]:
    """Sentence count and length should stay close to the Dutch (no sentences joined,
    no short sentence turned long); see the readability notes for other languages."""
    from .readability import compare

    result = compare(source, target, ctx.lang, word_length=False)
    return [p.message for p in result.problems]


def run_checks(source: str, target: str, ctx: Context) -> list[Finding]:
    """Every check on one translation, critical ones first."""
    findings = []
    for code, severity, fn in CHECKS:
        findings += [Finding(code, severity, msg) for msg in fn(source, target, ctx)]
    return sorted(findings, key=lambda f: (f.severity != CRITICAL, f.code))


def critical(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == CRITICAL]


def context_for(config, lang: str) -> Context:
    """The check context of one language from site.toml's [glossary]."""
    return Context(lang=lang, do_not_translate=config.glossary.do_not_translate,
                   required=config.glossary.required.get(lang, {}))
