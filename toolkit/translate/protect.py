"""Keep what must not change out of the engine's hands.

Numbers, phone numbers, URLs, e-mail addresses, placeholders ({name}) and Markdown
(link targets, bold, code) are replaced by tokens before translation and put back after.
An engine may still drop or duplicate a token; then the text is translated in pieces
between the protected spans instead, so the protected text always comes back unchanged.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

PROTECTED = re.compile(r"""
      \]\([^)]*\)                      # Markdown link target: ](https://…)
    | !?\[(?=[^\]]*\]\()               # the [ that opens a Markdown link or image
    | (?:https?://|www\.)[^\s)\]]+[^\s)\].,;:!?]
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+     # e-mail
    | \{[\w.]+\} | %\(\w+\)[sd] | %[sd]   # placeholders
    | `[^`]*` | \*\* | __               # code, bold
    | \+?\d+(?:[.,:]\d+)*(?:[- ]\d+)*  # numbers, times, amounts, phone numbers
""", re.VERBOSE)

# Tokens the engines leave alone: upper-case ASCII without digits or underscores
# (Argos turns '_' into spaces). ZQA, ZQB, … ZQZ, then ZQAA, …
_LETTERS = string.ascii_uppercase


def _token(i: int) -> str:
    return "ZQ" + (_LETTERS[i] if i < 26 else _LETTERS[i // 26 - 1] + _LETTERS[i % 26])


@dataclass(frozen=True)
class Protected:
    text: str  # with tokens in place of the protected spans
    spans: tuple[str, ...]  # the original spans, token i → spans[i]
    pads: tuple[tuple[bool, bool], ...] = ()  # a space added before/after token i

    def restore(self, translated: str) -> str | None:
        """Put the spans back; None when a token was lost or repeated by the engine."""
        out = translated
        for i, span in enumerate(self.spans):
            left, right = self.pads[i] if self.pads else (False, False)
            tok = rf"(?<![A-Za-z]){_token(i)}(?![A-Za-z])"
            pattern = (r" ?" if left else "") + tok + (r" ?" if right else "")
            if len(re.findall(pattern, out)) != 1:
                return None
            out = re.sub(pattern, lambda _m: span, out)  # called at once: no late binding
        return out


def _pattern(keep: tuple[str, ...]) -> re.Pattern:
    """PROTECTED plus the do-not-translate terms (GGD, huisartsenpost …)."""
    if not keep:
        return PROTECTED
    terms = "|".join(re.escape(t) for t in sorted(keep, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{terms})(?!\w)|" + PROTECTED.pattern,
                      re.VERBOSE | re.IGNORECASE)


def protect(text: str, keep: tuple[str, ...] = ()) -> Protected:
    """Replace the protected spans (and the terms in `keep`) by tokens; a token that
    would touch a word or another token gets a space, taken away again on restore."""
    spans: list[str] = []
    pads: list[tuple[bool, bool]] = []
    out: list[str] = []
    pos = 0
    for m in _pattern(keep).finditer(text):
        out.append(text[pos:m.start()])
        before = "".join(out)[-1:]
        after = text[m.end():m.end() + 1]
        left = bool(before) and not before.isspace()
        right = bool(after) and not after.isspace() and after not in ".,;:!?)"
        out.append((" " if left else "") + _token(len(spans)) + (" " if right else ""))
        spans.append(m.group(0))
        pads.append((left, right))
        pos = m.end()
    out.append(text[pos:])
    return Protected("".join(out), tuple(spans), tuple(pads))


def pieces(text: str, keep: tuple[str, ...] = ()) -> list[tuple[bool, str]]:
    """The text as (translate?, piece): protected spans and the text around them."""
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in _pattern(keep).finditer(text):
        if m.start() > pos:
            out.append((True, text[pos:m.start()]))
        out.append((False, m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append((True, text[pos:]))
    return out


def worth_translating(piece: str) -> bool:
    return bool(re.search(r"[^\W\d_]", piece))
