"""Reading the text files people write (messages, site.toml, PO catalogs) safely.

Every such file must be UTF-8. A byte-order mark (which Windows editors add) is accepted
and dropped. Anything else that is not UTF-8, and invisible control characters that
parsers choke on, are reported with the file, the line and the column, so the writer can
find them; nothing reaches a parser that would answer with a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import BuildErrors, Problem
from .staff_language import N_, _

BOM = "\ufeff"
# C0 controls except tab, line feed and carriage return; DEL; C1 controls; the
# non-characters U+FFFE/U+FFFF; and a BOM anywhere but at the start. Line and paragraph
# separators (U+2028/9) and NEL (U+0085) would silently split lines in YAML and TOML.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO) show letters in another order
# than the file holds them (Trojan source: the checks read 12, a reader sees 21). Dutch
# text and site.toml never need them; in a PO file the `invisible` safety check withholds
# the one entry instead (toolkit/safety.py).
REORDERING = re.compile("[\u202a-\u202e]")
MAX_BYTES = 2 * 1024 * 1024  # a message or catalog larger than this is refused, not parsed


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def decode(data: bytes, shown: str, what: str = N_("file"), reordering: bool = False) -> str:
    """UTF-8 bytes → text without a BOM; BuildErrors naming the line otherwise.
    `what` names the kind of file, an English text marked with N_ (said translated). Bidi
    embeddings and overrides are refused too unless `reordering` allows them."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BuildErrors([Problem(shown, _("this {what} is saved as UTF-16").format(
            what=_(what)), line=1, hint=_("save it as UTF-8 (in most editors: 'Save as…', "
                                          "encoding UTF-8)"))])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8", "replace")
        line, col = _line_col(good, len(good))
        raise BuildErrors([Problem(shown, _("not UTF-8 text: byte {byte} at column {column} "
                                            "({reason})").format(
                                                byte=f"0x{data[exc.start]:02x}", column=col,
                                                reason=exc.reason), line=line,
                                   hint=_("save the file as UTF-8"))]) from None
    problems = []
    seen_lines: set[int] = set()
    found = list(CONTROL.finditer(text))
    if not reordering:
        found = sorted([*found, *REORDERING.finditer(text)], key=lambda m: m.start())
    for m in found:
        line, col = _line_col(text, m.start())
        if line in seen_lines:
            continue
        seen_lines.add(line)
        problems.append(Problem(shown, _("invisible control character {char} at column "
                                         "{column}").format(char=f"U+{ord(m.group()):04X}",
                                                            column=col), line=line,
                                hint=_("delete it; it often comes from copying text out of a "
                                       "PDF or a word processor")))
        if len(problems) >= 20:
            break
    if problems:
        raise BuildErrors(problems)
    return text


def read_text(path: Path, shown: str, what: str = N_("file"), limit: int = MAX_BYTES,
              reordering: bool = False) -> str:
    """Read a file people write, with the checks of `decode` and a size limit."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise BuildErrors([Problem(shown, _("this {what} is {size} MB; the limit is "
                                                "{limit} MB").format(
                                                    what=_(what), size=f"{size / 1024 / 1024:.1f}",
                                                    limit=limit // 1024 // 1024),
                                       hint=_("split it into smaller files"))])
        data = path.read_bytes()
    except OSError as exc:
        raise BuildErrors([Problem(shown, _("cannot read this {what}: {error}").format(
            what=_(what), error=exc.strerror))]) from None
    return decode(data, shown, what, reordering)
