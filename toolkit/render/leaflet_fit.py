"""A leaflet's body text size, chosen so that no page is left nearly empty.

A leaflet that runs a few lines over a page ends on a near-empty page (and splits a list
across the fold). Typst reports where the content ends (a marker after the last block,
read with `typst.query`). A leaflet that fits on one page at the paper's preferred size
keeps it; a longer one takes the fewest pages any legible size allows, at the largest
size that still allows them, so its last page is as full as it can be; larger sizes, up
to a maximum, fill the last page of a leaflet that would otherwise end nearly empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

GOOD_FILL = 0.4  # the last page well used (a third is the least a page may hold)
STEP = 0.5  # pt between the sizes tried
CM = 72 / 2.54


@dataclass(frozen=True)
class Extent:
    """Where a leaflet's content ends: on which page, and how much of that page's type
    area (inside the margins) it uses."""

    pages: int
    fill: float

    def good(self) -> bool:
        return self.pages == 1 or self.fill >= GOOD_FILL


def extent(compiler: Any, paper_height: float, margin_cm: float, end_label: str,
           bottom_pad: float = 0.0) -> Extent:
    """Lay out the compiler's Typst file (a `typst.Compiler`) and read where its end
    marker is."""
    found = json.loads(compiler.query(end_label))
    position = found[-1]["value"]
    margin = margin_cm * CM
    y = float(str(position["y"]).removesuffix("pt")) + bottom_pad
    return Extent(int(position["page"]), max(0.0, (y - margin) / (paper_height - 2 * margin)))


def choose_size(preferred: float, smallest: float, largest: float,
                measure: Callable[[float], Extent]) -> float:
    """The body size for a leaflet: the preferred one when everything fits on one page;
    otherwise the fewest pages any legible size gives, at the largest size that still
    gives them, when its last page is well used; else one page more at the largest size
    that gives that many; else whichever size fills its last page best."""
    sizes = [smallest + STEP * i for i in range(int((largest - smallest) / STEP) + 1)]
    if preferred not in sizes:
        sizes = sorted({*sizes, preferred})
    seen: dict[float, Extent] = {}

    def at(size: float) -> Extent:
        if size not in seen:
            seen[size] = measure(size)
        return seen[size]

    if at(preferred).pages == 1:
        return preferred
    fewest = at(sizes[0]).pages
    for pages in (fewest, fewest + 1):
        # the largest size with at most `pages` pages (pages grow with the size)
        lo, hi = 0, len(sizes) - 1
        if at(sizes[lo]).pages > pages:
            continue
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if at(sizes[mid]).pages <= pages:
                lo = mid
            else:
                hi = mid - 1
        if at(sizes[lo]).good():
            return sizes[lo]
    return max(seen, key=lambda s: (seen[s].good(), seen[s].fill, s))
