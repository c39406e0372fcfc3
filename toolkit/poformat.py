"""Write PO files byte for byte as GNU gettext's `msgcat` does.

Poedit, Weblate (through translate-toolkit) and `msgcat`/`msgmerge` all write PO files in
gettext's layout: 79 columns, strings broken at Unicode line-break opportunities, a new
line after every `\\n`, comments in a fixed order, obsolete entries last. When Klaar writes
the same bytes, a round trip through any of those tools is a no-op and a translator's
diff shows only what the translator changed.

Break opportunities come from the Unicode line-breaking algorithm (UAX #14, through
unicode-segmentation-rs, the library translate-toolkit uses); lines are filled greedily as
libunistring does for gettext, with a piece's trailing spaces kept on its line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import polib
from unicode_segmentation_rs import line_breaks

WIDTH = 79  # gettext's default page width, quotes and prefixes included
LAST_COLUMN = WIDTH - 1  # the closing quote takes the last column

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}


def escape(text: str) -> str:
    """Escape a string the way gettext writes it inside double quotes."""
    return "".join(_ESCAPES.get(c, c) for c in text)


def _width(text: str) -> int:
    """Columns a piece of text takes, counted as gettext (libunistring's uc_width) does:
    combining marks and format characters none, East Asian wide characters two."""
    return sum(_char_width(c) for c in text)


@lru_cache(maxsize=4096)
def _char_width(c: str) -> int:
    if unicodedata.category(c) in ("Mn", "Me", "Cf", "Cc") and c != "\u00ad":
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def _pieces(escaped: str) -> list[str]:
    """Unbreakable pieces of an escaped portion, trailing spaces kept with their piece.

    Break opportunities are those of the Unicode line-breaking algorithm (UAX #14),
    applied to the escaped text as gettext does (so `\\"` and `\\t` never split), with
    libunistring's differences: no break after spaces at the start of a line, and a
    break after `.`, `,`, `:` or `;` before a letter (`x.` | `nl`).
    """
    data = escaped.encode("utf-8")
    cuts = []
    for end, _mandatory in line_breaks(escaped):
        head, tail = data[:end].decode("utf-8"), data[end:].decode("utf-8")
        if not head.strip(" ") or not tail or tail == "\\n":
            continue  # nothing before the break, or only the newline after it
        cuts.append(len(head))
    for m in _DOT_LETTER.finditer(escaped):
        cuts.append(m.end())
    out, start = [], 0
    for cut in sorted(set(cuts)):
        if _inside_escape(escaped, cut):
            continue
        out.append(escaped[start:cut])
        start = cut
    out.append(escaped[start:])
    return [p for p in out if p]


def _inside_escape(escaped: str, cut: int) -> bool:
    """True when `cut` falls between a backslash and the character it escapes."""
    run = len(escaped[:cut]) - len(escaped[:cut].rstrip("\\"))
    return run % 2 == 1


_DOT_LETTER = re.compile(r"[.,:;](?=[^\W\d_])")


def _wrap_portion(portion: str, first_col: int, next_col: int) -> list[str]:
    """Greedy line filling as libunistring does for gettext: a piece that would pass the
    last column goes to the next line; a piece longer than a line stays whole."""
    lines: list[str] = []
    current, col = "", first_col
    for piece in _pieces(escape(portion)):
        w = _width(piece)
        if current and col + w > LAST_COLUMN:
            lines.append(current)
            current, col = "", next_col
        current += piece
        col += w
    lines.append(current)
    return lines


def _portions(text: str) -> list[str]:
    """The text split after each newline, as gettext writes one line per portion."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1] or not out:
        out.append(parts[-1])
    return out


def string_lines(prefix: str, keyword: str, text: str, wrap: bool = True) -> list[str]:
    """`keyword "text"` as gettext writes it: on one line when it needs no break and holds
    no inner newline, otherwise `keyword ""` followed by the text broken into lines."""
    head = f"{prefix}{keyword} "
    portions = _portions(text)
    next_col = _width(prefix) + 1  # after the opening quote of a continuation line
    if not wrap:
        if len(portions) == 1:
            return [f'{head}"{escape(text)}"']
        return [f'{head}""'] + [f'{prefix}"{escape(p)}"' for p in portions]
    if len(portions) == 1:
        first = _wrap_portion(portions[0], _width(head) + 1, next_col)
        if len(first) == 1:
            return [f'{head}"{first[0]}"']
    lines = [f'{head}""']
    for portion in portions:
        lines += [f'{prefix}"{line}"' for line in _wrap_portion(portion, next_col, next_col)]
    return lines


def _references(occurrences: list[tuple[str, str]]) -> list[str]:
    """`#: file:line file:line`, a new `#:` line when the next would pass the width."""
    lines: list[str] = []
    current = "#:"
    for path, line in occurrences:
        ref = f"{path}:{line}" if line else path
        if current != "#:" and _width(current) + 1 + _width(ref) > WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines


def _comment_lines(marker: str, text: str | None) -> list[str]:
    if not text:
        return []
    return [f"{marker} {line}" if line else marker for line in text.split("\n")]


def entry_lines(entry: polib.POEntry) -> list[str]:
    """One entry (without the blank line that separates entries)."""
    lines = _comment_lines("#", entry.tcomment)
    lines += [f"#. {line}" if line else "#." for line in
              (entry.comment.split("\n") if entry.comment else [])]
    lines += _references(list(entry.occurrences))
    flags = list(dict.fromkeys(entry.flags))
    if "fuzzy" in flags:  # gettext writes fuzzy first, and only on a translated entry
        flags.remove("fuzzy")
        if _translated(entry):
            flags.insert(0, "fuzzy")
    if flags:
        lines.append("#, " + ", ".join(flags))
    wrap = "no-wrap" not in flags
    obsolete = entry.obsolete
    prev = "#~| " if obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt),
                           ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += string_lines(prev, keyword, value, wrap)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += string_lines(prefix, "msgctxt", entry.msgctxt, wrap)
    lines += string_lines(prefix, "msgid", entry.msgid, wrap)
    if entry.msgid_plural:
        lines += string_lines(prefix, "msgid_plural", entry.msgid_plural, wrap)
        for n in sorted(entry.msgstr_plural):
            lines += string_lines(prefix, f"msgstr[{n}]", entry.msgstr_plural[n], wrap)
    else:
        lines += string_lines(prefix, "msgstr", entry.msgstr, wrap)
    return lines


def _translated(entry: polib.POEntry) -> bool:
    """gettext's test: the first translation (msgstr or msgstr[0]) is not empty."""
    if entry.msgid_plural:
        return bool(entry.msgstr_plural.get(0))
    return bool(entry.msgstr)


def header_lines(po: polib.POFile) -> list[str]:
    """The header entry: its comment, flags, and the metadata in the file's own order."""
    lines = _comment_lines("#", po.header)  # polib reads a lone "#" as no comment
    if po.metadata_is_fuzzy:
        lines.append("#, fuzzy")
    value = "".join(f"{k}: {v}\n" for k, v in po.metadata.items())
    lines += string_lines("", "msgid", "")
    lines += string_lines("", "msgstr", value)
    return lines


def render(po: polib.POFile) -> str:
    """The whole file as gettext writes it: header, live entries, obsolete entries last."""
    blocks = [header_lines(po)]
    live = [e for e in po if not e.obsolete]
    # gettext drops an obsolete entry without a translation: there is nothing to keep.
    gone = [e for e in po if e.obsolete and _translated(e)]
    blocks += [entry_lines(e) for e in live + gone]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"
