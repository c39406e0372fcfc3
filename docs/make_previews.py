#!/usr/bin/env python3
"""Make the small previews shown in the README from a fresh build of the example site.

    python build.py && python docs/make_previews.py

(Leaflet pages are rendered with pdftoppm from poppler-utils.)

Arabic, Ukrainian and Dutch come from the example site; Chinese and Tigrinya, which the
example site does not publish yet, from the samples the layout tests use.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from render.test_png import info  # noqa: E402

from toolkit.render import png  # noqa: E402
from toolkit.render.png import png_bytes  # noqa: E402

OUT = ROOT / "docs" / "previews"


def save(image: Image.Image, name: str, width: int) -> None:
    small = image.convert("RGB").resize((width, round(image.height * width / image.width)),
                                        Image.LANCZOS)
    small = small.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    (OUT / name).write_bytes(png_bytes(small))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    site = ROOT / "_site"
    save(Image.open(site / "ar/wie-bel-je/card.png"), "ar-card.png", 360)
    save(Image.open(site / "uk/griepprik/poster.png"), "uk-poster.png", 300)
    save(Image.open(site / "nl/hitte/preview.png"), "nl-preview.png", 480)
    save(png.compose(info("zh-Hans"), png.FORMATS["card"]).image, "zh-card.png", 360)
    save(png.compose(info("ti"), png.FORMATS["card"]).image, "ti-card.png", 360)
    library = __import__("toolkit.pictograms", fromlist=["load_library"]).load_library(
        ROOT / "pictograms")
    sheet = png.contact_sheet([(p.id, p.label, p.svg(library.root))
                               for p in library.pictograms.values()])
    save(sheet, "pictograms.png", 800)
    for pdf, name in (("ar/hitte/leaflet-a4.pdf", "leaflet-ar-a4.png"),
                      ("uk/hitte/leaflet-nl-uk.pdf", "leaflet-nl-uk.png"),
                      ("pl/griepprik/leaflet-a5.pdf", "leaflet-pl-a5.png")):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1",
                            str(site / pdf), f"{tmp}/page"], check=True)
            page = Image.open(next(Path(tmp).glob("page*.png")))
            save(page, name, page.width)
    # two frames of the Arabic video: a step (mirrored: step 1 on the right) and the end card
    from toolkit.render.audio import run_ffmpeg

    vtt = (site / "ar/handen-wassen/video.vtt").read_text(encoding="utf-8")
    starts = [sum(float(x) * 60 ** i for i, x in enumerate(reversed(t.split(":"))))
              for t in __import__("re").findall(r"^([\d:.]+) -->", vtt, flags=8)]
    for t, name in ((starts[2] + 0.5, "video-ar-step.png"), (starts[-1] + 0.5, "video-ar-end.png")):
        raw = run_ffmpeg(["-ss", f"{t:.3f}", "-i", str(site / "ar/handen-wassen/video.mp4"),
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        save(Image.frombytes("RGB", (1080, 1080), raw[:1080 * 1080 * 3]), name, 360)
    for f in sorted(OUT.glob("*.png")):
        print(f"{f.relative_to(ROOT)}: {f.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
