"""Pictogram SVGs made safe to publish: drawing only, nothing that runs or fetches.

A pictogram is opened on the site's own address (pictograms/<id>.svg), so a script in it
would run with the site's rights. The file is parsed with defusedxml (no entity tricks:
XXE and "billion laughs" are refused) and written out again from an allow-list of
drawing elements and attributes; everything else is dropped and reported. What the site,
the infographics and the leaflets use is this rewritten text, never the original file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import escape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .staff_language import _

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Editors' own data (Inkscape, Sodipodi, Illustrator, RDF licence blocks): dropped quietly.
EDITOR_NAMESPACES = ("inkscape", "sodipodi", "adobe.com", "purl.org/dc", "creativecommons",
                     "w3.org/1999/02/22-rdf-syntax-ns")

DRAWING = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
    "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "filter", "switch",
    "view", "image", "style",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood",
    "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge",
    "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
    "feSpotLight", "feTile", "feTurbulence",
}
QUIET = {"metadata"}  # harmless, but not needed on the site
EMBEDDED_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
URL_REF = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
# Code, or a fetch that url(…) does not catch. A backslash is a CSS escape, which could
# hide any of these (`@\69mport`); drawings have no use for one.
ACTIVE = re.compile(r"javascript:|vbscript:|expression\s*\(|@import|behavior\s*:|-moz-binding"
                    r"|image-set\s*\(|\bsrc\s*\(|\\", re.I)


class UnsafeSVG(ValueError):
    """The file cannot be published as a pictogram (not SVG, not XML, or a DTD with
    entities). `line` is where the parser stopped, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Cleaned:
    text: str  # the SVG as published
    removed: tuple[tuple[int, str], ...]  # (line, what was dropped and why)


class _Parser(DefusedXMLParser):
    """defusedxml with line numbers, and a DOCTYPE allowed only without an internal
    subset: the standard SVG 1.1 declaration is harmless, declarations inside [...] are
    how entity attacks start."""

    def __init__(self) -> None:
        self.lines: dict[int, int] = {}
        builder = _Builder(self)
        super().__init__(target=builder, forbid_dtd=False, forbid_entities=True,
                         forbid_external=True)
        self.parser.StartDoctypeDeclHandler = self._check_doctype

    def _check_doctype(self, name, sysid, pubid, has_internal_subset):
        if has_internal_subset:
            raise UnsafeSVG(_("has a DTD with declarations (<!DOCTYPE … [ … ]>): entities "
                              "are refused; remove the DOCTYPE"), self.parser.CurrentLineNumber)


class _Builder(ET.TreeBuilder):
    def __init__(self, parser: _Parser):
        super().__init__()
        self._parser = parser

    def start(self, tag, attrs):
        elem = super().start(tag, attrs)
        self._parser.lines[id(elem)] = self._parser.parser.CurrentLineNumber
        return elem


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        ns, local = name[1:].split("}", 1)
        return ns, local
    return "", name


def _external(value: str) -> bool:
    return not value.strip().startswith("#")


def clean_svg(data: bytes) -> Cleaned:
    """Parse `data` safely and rewrite it with drawing content only.

    Raises UnsafeSVG when it is not a parseable SVG or uses entities."""
    parser = _Parser()
    try:
        parser.feed(data)
        root = parser.close()
    except UnsafeSVG:
        raise
    except DefusedXmlException as exc:
        raise UnsafeSVG(_("uses XML entities or external references ({error}); remove the "
                          "DOCTYPE and its declarations").format(error=type(exc).__name__),
                        parser.parser.CurrentLineNumber) from None
    except ET.ParseError as exc:
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise UnsafeSVG(_("is not an SVG image: the XML parser stops with {reason}").format(
                        reason=repr(reason)),
                        exc.position[0]) from None
    ns, local = _split(root.tag)
    if (ns, local) != (SVG, "svg"):
        what = _("an svg element without xmlns=\"http://www.w3.org/2000/svg\"") \
            if local == "svg" else f"<{local}>"
        raise UnsafeSVG(_("is not an SVG image: the document is {what}").format(what=what),
                        parser.lines.get(id(root)))
    removed: list[tuple[int, str]] = []
    out: list[str] = []
    uses_xlink = [False]

    def note(elem: ET.Element, what: str) -> None:
        removed.append((parser.lines.get(id(elem), 0), what))

    def attributes(elem: ET.Element, local: str, shown: str) -> list[str] | None:
        """Kept attributes as text; None when the whole element must go."""
        kept = []
        for name, value in elem.attrib.items():
            ans, aname = _split(name)
            if ans in (XLINK, "") and aname == "href":
                embedded = local in ("image", "feImage") and EMBEDDED_IMAGE.match(value.strip())
                if _external(value) and not embedded:
                    if local in ("image", "feImage", "use"):
                        note(elem, _("<{element}> pointing outside the file ({value})").format(
                            element=local, value=repr(value[:60])))
                        return None
                    note(elem, _("link {value} on <{element}>").format(value=repr(value[:60]),
                                                                       element=shown))
                    continue
                if ans == XLINK:
                    uses_xlink[0] = True
                    kept.append(f'xlink:href="{_attr(value)}"')
                else:
                    kept.append(f'href="{_attr(value)}"')
                continue
            if ans == XML and aname in ("space", "lang"):
                kept.append(f'xml:{aname}="{_attr(value)}"')
                continue
            if ans:
                continue  # editors' attributes (inkscape:label …); xml:base and the like
            if aname.lower().startswith("on"):
                note(elem, _("event attribute {name} on <{element}>").format(name=aname,
                                                                             element=local))
                continue
            if ACTIVE.search(value) or any(_external(ref) for _, ref in URL_REF.findall(value)):
                note(elem, _("attribute {name} on <{element}>: it refers outside the file or "
                             "runs code").format(name=aname, element=local))
                continue
            kept.append(f'{aname}="{_attr(value)}"')
        return kept

    def walk(elem: ET.Element, top: bool = False) -> None:
        ns, local = _split(elem.tag)
        if ns != SVG or local not in DRAWING:
            if ns == SVG and local == "a":  # keep the drawing inside a link, not the link
                local = "g"
            else:
                if not (local in QUIET and ns == SVG) and not any(
                        e in ns for e in EDITOR_NAMESPACES):
                    kind = _("not drawing") if ns == SVG else ns or _("no namespace")
                    note(elem, f"<{local}> ({kind})")
                out.append(escape(elem.tail or ""))
                return
        if local == "style":
            css = "".join(elem.itertext())
            if ACTIVE.search(css) or any(_external(r) for _, r in URL_REF.findall(css)):
                note(elem, _("<style> that imports or refers outside the file"))
                out.append(escape(elem.tail or ""))
                return
        kept = attributes(elem, local, _split(elem.tag)[1])
        if kept is None:
            out.append(escape(elem.tail or ""))
            return
        if top:
            kept.insert(0, f'xmlns="{SVG}"')
            start = len(out)
        out.append(f"<{local}{''.join(' ' + a for a in kept)}>")
        out.append(escape(elem.text or ""))
        for child in elem:
            walk(child)
        out.append(f"</{local}>")
        if top and uses_xlink[0]:
            out[start] = out[start].replace(f'xmlns="{SVG}"',
                                            f'xmlns="{SVG}" xmlns:xlink="{XLINK}"', 1)
        if not top:
            out.append(escape(elem.tail or ""))

    walk(root, top=True)
    return Cleaned("".join(out) + "\n",
                   tuple(removed))


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
