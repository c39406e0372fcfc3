"""Where the toolkit writes for itself: under `.klaar/` in the project, never in the
project's root and never in the public output folder.

- `.klaar/preview/`: the preview server's site (drafts under their banner, readability
  panels); kept between runs, so the next `serve` only makes what changed.
- `.klaar/drafts/`: `build --drafts`, a site with machine drafts: never published.
- `.klaar/pictograms.png`: the pictograms command's contact sheet (unless -o says where).
"""

from __future__ import annotations

from pathlib import Path

WORK = Path(".klaar")
PREVIEW = WORK / "preview"
DRAFTS = WORK / "drafts"
PICTOGRAM_SHEET = WORK / "pictograms.png"
OWN_SITES = (PREVIEW, DRAFTS)


def own_site(root: Path, target: Path) -> bool:
    """Is `target` one of the folders the toolkit builds its own (unpublished) sites in?"""
    try:
        return target.resolve() in {(root / p).resolve() for p in OWN_SITES}
    except OSError:
        return False
