"""Reading a catalog again after a small edit: only the entries whose text changed are
parsed, the others come from the last reading of the same catalog.

A PO file is a list of blocks separated by blank lines (a string never holds a bare
line break, so a blank line always lies between entries). Each block's entries are kept
by a hash of the block's exact text, with their line numbers relative to the block; a
block whose text is unchanged yields exactly the entries polib made of it before, at
its new line numbers. Changed blocks are parsed by polib in one go, behind the file's
own first block (its header), so they are read in the same state as in the whole file.

Only files that are plainly a list of whole entries take this way: every block after
the first holds at least one entry and passes the line-level syntax check on its own.
Anything else (a comment block standing apart from its entry, a msgid and its msgstr
split by a blank line) is read whole, as before. The caller checks the assembled
catalog exactly as a whole reading (duplicates, plural forms, line breaks).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable

import polib

Blocks = dict[bytes, list[tuple[int, polib.POEntry]]]  # hash → (line in block, entry)


def split(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each block of non-blank lines."""
    out: list[tuple[int, str]] = []
    lines: list[str] = []
    start = 0
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not lines:
                start = n
            lines.append(line)
        elif lines:
            out.append((start, "\n".join(lines)))
            lines = []
    if lines:
        out.append((start, "\n".join(lines)))
    return out


def _hash(block: str) -> bytes:
    return hashlib.sha256(block.encode("utf-8", "surrogatepass")).digest()


def _assign(po: polib.POFile, spans: list[tuple[int, int]]) -> list[list[polib.POEntry]]:
    """Each entry of `po` to the block (first line, last line) its first line is in."""
    out: list[list[polib.POEntry]] = [[] for _ in spans]
    i = 0
    for e in po:  # entries come in file order
        while i < len(spans) and e.linenum > spans[i][1]:
            i += 1
        if i == len(spans) or e.linenum < spans[i][0]:
            raise ValueError("entry outside every block")
        out[i].append(e)
    return out


def blocks_of(text: str, po: polib.POFile,
              syntax: Callable[[str], list]) -> Blocks | None:
    """The blocks of a file read whole, for the next reading; None when the file is not
    plainly a list of whole entries (then it is always read whole)."""
    parts = split(text)
    spans = [(start, start + block.count("\n")) for start, block in parts]
    try:
        assigned = _assign(po, spans)
    except ValueError:
        return None
    out: Blocks = {}
    for (start, block), entries in zip(parts[1:], assigned[1:], strict=True):
        if not entries or syntax(block):
            return None
        out[_hash(block)] = [(e.linenum - start, e) for e in entries]
    return out


def parse(text: str, wrap: int, known: Blocks,
          syntax: Callable[[str], list]) -> tuple[polib.POFile, Blocks] | None:
    """Read `text`, taking unchanged blocks from `known`. None when a changed block is not
    a plain list of whole entries: the caller then reads the file whole."""
    parts = split(text)
    if not parts:
        return None
    head_start, head = parts[0]
    missing = [(start, block) for start, block in parts[1:] if _hash(block) not in known]
    for block in [head] + [block for _, block in missing]:
        if syntax(block):
            return None
    # The changed blocks behind the header, each after a blank line as in the file.
    pieces, spans, line = [head], [(1, 1 + head.count("\n"))], 1 + head.count("\n") + 2
    for _, block in missing:
        pieces.append(block)
        spans.append((line, line + block.count("\n")))
        line += block.count("\n") + 2
    po = polib.pofile("\n\n".join(pieces) + "\n", wrapwidth=wrap)
    try:
        assigned = _assign(po, spans)
    except ValueError:
        return None
    fresh: dict[bytes, list[tuple[int, polib.POEntry]]] = {}
    for (span_start, _), (_, block), entries in zip(spans[1:], missing, assigned[1:],
                                                    strict=True):
        if not entries:
            return None
        fresh[_hash(block)] = [(e.linenum - span_start, e) for e in entries]
    entries = list(assigned[0])
    for e in entries:  # the header block's own entries, at their lines in the file
        e.linenum += head_start - 1
    out: Blocks = {}
    used: set[bytes] = set()
    for start, block in parts[1:]:
        h = _hash(block)
        found = fresh.get(h) or known[h]
        # a block seen twice in the file (refused as a duplicate later) gets its own copies
        taken = copy.deepcopy(found) if h in used else found
        used.add(h)
        out[h] = found
        for offset, e in taken:
            e.linenum = start + offset
            entries.append(e)
    po[:] = entries
    return po, out
