"""XLIFF 1.2 and 2.0, both ways, with inline markup kept.

Klaar's texts are inline Markdown. On export, Markdown's paired codes (`**bold**`,
`*emphasis*`, `[link](url)`) become XLIFF 1.2 `<bpt>`/`<ept>` pairs and standalone codes
(`{placeholder}`, `` `code` ``) `<ph>`, each carrying the Markdown itself, so a CAT tool
shows them as tags the translator moves but cannot break. XLIFF 2.0 uses `<pc>`/`<ph>`
with the Markdown in `<originalData>`.

On import, every inline element is turned back into Markdown: native codes (`<ph>`,
`<bpt>`, `<ept>`, `<it>`) as written; `<g>`, `<x/>`, `<bx/>`, `<ex/>` (1.2) and `<pc>`,
`<ph/>`, `<sc/>`, `<ec/>` (2.0) through the code with the same id in the unit's source or
original data; `<mrk>` (segments, terms, protected text) is transparent, so a target split
into `<mrk mtype="seg">` segments is joined. Anything that cannot be turned back into
Markdown is refused with the reason; a target is never cut short.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"


class InlineError(ValueError):
    """An inline element that cannot be turned back into Markdown."""


# ---------------------------------------------------------------- Markdown → codes

_CODE = re.compile(r"""
      (?P<bold>\*\*|__)
    | (?P<link_open>\[)(?=[^\]\n]*\]\([^)\s]*\))
    | (?P<link_close>\]\([^)\s]*\))
    | (?P<code>`[^`\n]+`)
    | (?P<placeholder>\{[\w.]+\})
    | (?<![\w*])(?P<em>\*)(?=\S)|(?<=\S)(?P<em_close>\*)(?![\w*])
""", re.VERBOSE)


@dataclass(frozen=True)
class Piece:
    """A run of text, or one Markdown code: `kind` is "text", "open", "close" or "ph"."""

    kind: str
    text: str
    id: int = 0
    ctype: str = ""


def pieces(text: str) -> list[Piece]:
    """The text as text runs and numbered codes; paired codes share their id. Codes that
    do not pair up properly become standalone placeholders, so the tags always nest."""
    out: list[Piece] = []
    stack: list[tuple[str, int]] = []  # (kind, index in out)
    pos = 0
    next_id = 1
    for m in _CODE.finditer(text):
        if m.start() > pos:
            out.append(Piece("text", text[pos:m.start()]))
        kind = m.lastgroup or ""
        literal = m.group(0)
        if kind in ("bold", "em", "em_close"):
            base = "bold" if kind == "bold" else "italic"
            if stack and stack[-1][0] == base and out[stack[-1][1]].text == literal:
                _, i = stack.pop()
                out.append(Piece("close", literal, out[i].id, base))
            else:
                stack.append((base, len(out)))
                out.append(Piece("open", literal, next_id, base))
                next_id += 1
        elif kind == "link_open":
            stack.append(("link", len(out)))
            out.append(Piece("open", literal, next_id, "link"))
            next_id += 1
        elif kind == "link_close" and stack and stack[-1][0] == "link":
            _, i = stack.pop()
            out.append(Piece("close", literal, out[i].id, "link"))
        else:
            out.append(Piece("ph", literal, next_id, kind))
            next_id += 1
        pos = m.end()
    if pos < len(text):
        out.append(Piece("text", text[pos:]))
    for _, i in stack:  # unclosed: a standalone code after all
        out[i] = Piece("ph", out[i].text, out[i].id, out[i].ctype)
    return out


# ---------------------------------------------------------------- export

def _append_text(parent: ET.Element, last: ET.Element | None, text: str) -> None:
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def fill_12(element: ET.Element, text: str) -> None:
    """Put `text` into a 1.2 <source>/<target>: codes as <bpt>/<ept> and <ph>."""
    last: ET.Element | None = None
    for p in pieces(text):
        if p.kind == "text":
            _append_text(element, last, p.text)
            continue
        tag = {"open": "bpt", "close": "ept", "ph": "ph"}[p.kind]
        attrs = {"id": str(p.id)} if p.kind != "close" else {"id": str(p.id)}
        if p.kind == "open":
            attrs["ctype"] = {"bold": "bold", "italic": "italic",
                              "link": "link"}.get(p.ctype, f"x-{p.ctype}")
        elif p.kind == "ph":
            attrs["ctype"] = f"x-{p.ctype}"
        last = ET.SubElement(element, f"{{{NS12}}}{tag}", attrs)
        last.text = p.text
    return None


def fill_20(element: ET.Element, text: str, data: dict[str, str], prefix: str) -> None:
    """Put `text` into a 2.0 <source>/<target>: paired codes as <pc>, standalone <ph/>,
    their Markdown in `data` (the unit's originalData, id → Markdown)."""
    stack = [element]
    last: list[ET.Element | None] = [None]
    for p in pieces(text):
        if p.kind == "text":
            _append_text(stack[-1], last[-1], p.text)
            continue
        ref = f"{prefix}{p.id}"
        if p.kind == "open":
            data[ref] = p.text
            pc = ET.SubElement(stack[-1], f"{{{NS20}}}pc",
                               {"id": str(p.id), "dataRefStart": ref, "dataRefEnd": ref + "e",
                                "type": "fmt"})
            last[-1] = pc
            stack.append(pc)
            last.append(None)
        elif p.kind == "close":
            data[ref + "e"] = p.text
            stack.pop()
            last.pop()
        else:
            data[ref] = p.text
            last[-1] = ET.SubElement(stack[-1], f"{{{NS20}}}ph", {"id": str(p.id),
                                                                     "dataRef": ref})


# ---------------------------------------------------------------- import

def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _native_codes_12(source: ET.Element | None) -> dict[str, tuple[str, str]]:
    """id → (opening Markdown, closing Markdown) from a 1.2 source's native codes."""
    codes: dict[str, list[str]] = {}
    if source is None:
        return {}
    for el in source.iter():
        name, i = _local(el.tag), el.get("id")
        if i is None:
            continue
        text = "".join(el.itertext())
        if name == "bpt":
            codes.setdefault(i, ["", ""])[0] = text
        elif name == "ept":
            codes.setdefault(el.get("rid") or i, ["", ""])[1] = text
        elif name in ("ph", "it"):
            codes.setdefault(i, ["", ""])[0] = text
    return {k: (a, b) for k, (a, b) in codes.items()}


def text_12(element: ET.Element | None, codes: dict[str, tuple[str, str]]) -> str:
    """The Markdown text of a 1.2 <source>/<target>, every inline element resolved."""
    if element is None:
        return ""
    out = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        ident = child.get("rid") or child.get("id") or ""
        if name in ("ph", "bpt", "ept", "it"):  # native Markdown inside
            out.append("".join(child.itertext()))
        elif name == "mrk":  # segments, terms, protected text: transparent
            out.append(text_12(child, codes))
        elif name in ("g", "x", "bx", "ex"):
            if ident not in codes:
                raise InlineError(f"<{name} id=\"{ident}\"> has no matching code in the "
                                  "source of this unit, so its Markdown is unknown; keep "
                                  "the tags the source has, or remove this one")
            opening, closing = codes[ident]
            if name == "g":
                out.append(opening + text_12(child, codes) + closing)
            elif name in ("x", "bx"):
                out.append(opening)
            else:
                out.append(closing)
        else:
            raise InlineError(f"<{name}> inside a translation is not supported (only "
                              "text, <g>, <x/>, <bx/>, <ex/>, <ph>, <bpt>, <ept>, <it> "
                              "and <mrk>)")
        out.append(child.tail or "")
    return "".join(out)


def text_20(element: ET.Element | None, data: dict[str, str]) -> str:
    """The Markdown text of a 2.0 <source>/<target>, codes taken from originalData."""
    if element is None:
        return ""
    out = [element.text or ""]
    for child in element:
        name = _local(child.tag)

        def ref(attr: str) -> str:
            key = child.get(attr)
            if key is None or key not in data:
                raise InlineError(f"<{name} id=\"{child.get('id')}\"> points to no "
                                  "original data, so its Markdown is unknown")
            return data[key]

        if name == "pc":
            out.append(ref("dataRefStart") + text_20(child, data) + ref("dataRefEnd"))
        elif name == "ph":
            out.append(ref("dataRef"))
        elif name == "sc":
            out.append(ref("dataRef"))
        elif name == "ec":
            out.append(ref("dataRef"))
        elif name == "mrk":
            out.append(text_20(child, data))
        else:
            raise InlineError(f"<{name}> inside a translation is not supported (only "
                              "text, <pc>, <ph/>, <sc/>, <ec/> and <mrk>)")
        out.append(child.tail or "")
    return "".join(out)
