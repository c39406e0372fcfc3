"""From text (plain or Markdown) to sentences and words, keeping offsets into the input.

Markdown is accepted: headings, list items and paragraphs are blocks, each at least one
sentence even without a full stop. Markup (link targets, emphasis marks, list bullets) is
blanked out rather than removed, so every offset still points into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

# Abbreviations that end in a full stop but do not end a sentence. The readability flags
# use the same list (with the words they stand for) in dutch.py.
ABBREVIATIONS = frozenset("""
a.u.b. aug. bijv. blz. bv. c.q. ca. d.m.v. d.w.z. dec. dhr. di. do. dr. e.d. e.a. enz. etc.
evt. excl. feb. fr. i.c.m. i.p.v. i.s.m. i.v.m. incl. jan. jl. jr. m.b.t. m.i.v. ma. max. mevr.
min. mr. mw. nov. nr. o.a. o.b.v. o.i.d. o.l.v. okt. p. resp. sept. st. t.a.v. t.b.v. t/m.
tel. vgl. vs. wo. za. zo. z.s.m. zgn. zg.
""".split())

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:]\d+)*(?:-\d+)*", re.UNICODE)
# Sentence ends: Latin, Arabic (؟ ۔), Ethiopic (። ፧) and CJK (。！？) punctuation. CJK
# and Ethiopic put no space after it; the others need whitespace before the next sentence.
_END = re.compile(r"[.!?…؟۔]+[\"'”’»)\]]*(?=\s)|[。！？።፧]+[”’」』)]*")
_OPENERS = "\"'“‘«(["


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether a sentence can start at text[pos:], after the whitespace that follows an end
    mark: a capital, a digit, '€', "'s Avonds", or a letter of a script without case
    (Arabic, Ge'ez, Chinese), where only punctuation can tell."""
    rest = text[pos:].lstrip()
    if not rest:
        return False
    if rest.startswith(("'s ", "’s ")):
        return True
    rest = rest.lstrip(_OPENERS)
    if not rest:
        return False
    c = rest[0]
    return c.isupper() or c.isdigit() or c == "€" or (c.isalpha() and not c.islower())
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.MULTILINE)


@dataclass(frozen=True)
class Span:
    """A stretch of the input: [start, end) offsets and the visible text (markup blanked)."""

    start: int
    end: int
    text: str
    raw: str = ""  # the same stretch of the input, markup included


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def mask_inline(text: str) -> str:
    """Blank out inline Markdown (link targets, emphasis, code marks) keeping the length."""
    def link(m: re.Match) -> str:
        label = m.group(2)
        return " " * len(m.group(1)) + label + " " * (len(m.group(0)) - len(m.group(1)) - len(label))

    text = re.sub(r"(!?\[)([^\]]*)\]\([^)]*\)", link, text)
    text = re.sub(r"<(?:https?://|mailto:)[^>]*>", _blank, text)
    text = re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`", _blank, text)
    return text


_md = MarkdownIt("commonmark", {"html": False})


def blocks(text: str, markdown: bool = True) -> list[Span]:
    """Blocks of visible text: Markdown paragraphs, headings and list items, or for plain
    text the paragraphs and bullet lines. Offsets point into `text`."""
    if not markdown:
        return _plain_blocks(text)
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    out: list[Span] = []
    for tok in _md.parse(text):
        if tok.type != "inline" or not tok.map:
            continue
        first, last = tok.map
        # An inline token's content is its source lines without block markers and leading
        # indentation: find each of its lines in the source to keep offsets exact.
        pos = starts[first]
        for line in tok.content.split("\n"):
            idx = text.find(line, pos, starts[min(last, len(lines))])
            if idx < 0 or not line.strip():
                continue
            out.append(Span(idx, idx + len(line), mask_inline(line), line))
            pos = idx + len(line)
    return _merge_lines(out, text)


def _merge_lines(spans: list[Span], text: str) -> list[Span]:
    """Join consecutive lines of one Markdown paragraph into one block."""
    merged: list[Span] = []
    for span in spans:
        if merged:
            prev = merged[-1]
            between = text[prev.end:span.start]
            if between.count("\n") == 1 and between.strip() == "":
                merged[-1] = Span(prev.start, span.end, prev.text + between.replace("\n", " ")
                                  + span.text, text[prev.start:span.end])
                continue
        merged.append(span)
    return merged


def _plain_blocks(text: str) -> list[Span]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)(?!\s*(?:[-*+•]|\d+[.)])\s)[^\n]+)*", text):
        chunk = m.group(0)
        bullet = _BULLET.match(chunk)
        start = m.start() + (bullet.end() if bullet else 0)
        body = text[start:m.end()]
        if body.strip():
            out.append(Span(start, m.end(), body.replace("\n", " "), body))
    return out


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the full stop at text[end-1] closes a known abbreviation like 'bijv.'."""
    start = end - 1
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"'“‘":
        start -= 1
    return text[start:end].lower() in ABBREVIATIONS


def sentences(block: Span) -> list[Span]:
    """Split one block into sentences. A full stop ends a sentence only when whitespace and
    a capital, digit or quote follow and it does not close a known abbreviation; so times
    (12.00 uur), amounts (€ 4,50), phone numbers (0800-1351) and 'bijv.' stay inside."""
    text = block.text
    out = []
    begin = 0
    for m in _END.finditer(text):
        end = m.end()
        if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, end):
            continue
        if end >= len(text.rstrip()):
            continue
        no_space = text[m.start()] in "。！？።፧"
        if not no_space and not _starts_sentence(text, end):
            continue
        out.append((begin, end))
        begin = end
    out.append((begin, len(text)))
    spans = []
    raw = block.raw or text
    for b, e in out:
        piece = raw[b:e]  # trim real whitespace only, not blanked-out markup
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        visible = text[b + lead:e - trail]
        if visible.strip():
            spans.append(Span(block.start + b + lead, block.start + e - trail,
                              visible, piece.strip()))
    return spans


def words(text: str) -> list[re.Match]:
    """Words and numbers with their positions (12.00, 0800-1351 and 4,50 are one word each)."""
    return list(WORD.finditer(text))


def split(text: str, markdown: bool = True) -> list[Span]:
    """All sentences of `text`, in order."""
    return [s for b in blocks(text, markdown) for s in sentences(b)]
