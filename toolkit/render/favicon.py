"""The site's icon in the forms browsers and phones ask for, made from one SVG drawing:
favicon.svg (modern browsers), favicon.ico (16, 32 and 48 pixels, for the rest and for
the `/favicon.ico` address browsers try by themselves), apple-touch-icon.png (180 px,
home screens) and icon-512.png (the link-preview image of pages without a card).

The drawing is `templates/favicon.svg` when the site has one, else the toolkit's own.
It is cleaned like a pictogram (toolkit/svgsafe.py): no scripts or outside references.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from ..errors import BuildErrors, Problem
from ..staff_language import _
from ..svgsafe import UnsafeSVG, clean_svg

DEFAULT = Path(__file__).resolve().parent.parent / "static" / "favicon.svg"
ICO_SIZES = (16, 32, 48)
FILES = ("favicon.svg", "favicon.ico", "apple-touch-icon.png", "icon-512.png")


def source(templates: Path) -> Path:
    """The drawing the icons are made from."""
    own = templates / "favicon.svg"
    return own if own.is_file() else DEFAULT


def cleaned(path: Path, shown: str) -> str:
    """The drawing as published; a file that is not a safe SVG is the site's error."""
    try:
        return clean_svg(path.read_bytes()).text
    except UnsafeSVG as exc:
        raise BuildErrors([Problem(shown, _("the site icon {error}").format(error=exc),
                                   line=exc.line,
                                   hint=_("save a plain SVG drawing as templates/favicon.svg, "
                                          "or remove it to use Klaar's icon"))]) from None


def _png(svg: str, size: int) -> Image.Image:
    import resvg_py

    data = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size,
                                 skip_system_fonts=True)
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def render(svg: str) -> dict[str, bytes]:
    """Every icon file, from the cleaned drawing."""
    out = {"favicon.svg": svg.encode("utf-8")}
    ico = io.BytesIO()
    # Each size drawn from the vector (not scaled down from a big bitmap): sharper.
    images = [_png(svg, s) for s in ICO_SIZES]
    images[-1].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    out["favicon.ico"] = ico.getvalue()
    for name, size in (("apple-touch-icon.png", 180), ("icon-512.png", 512)):
        buf = io.BytesIO()
        image = _png(svg, size)
        if name.startswith("apple"):  # iOS shows transparency as black
            flat = Image.new("RGBA", image.size, (255, 255, 255, 255))
            flat.alpha_composite(image)
            image = flat.convert("RGB")
        image.save(buf, format="PNG", optimize=True)
        out[name] = buf.getvalue()
    return out
