"""Rebuild the bundled fonts from the Noto TTFs (SIL OFL 1.1).

The fonts come from the npm packages @expo-google-fonts/noto-sans, -noto-sans-arabic,
-noto-sans-sc and -noto-sans-ethiopic (400Regular and 700Bold). To rebuild:

    cd /tmp && for p in noto-sans noto-sans-arabic noto-sans-sc noto-sans-ethiopic; do
        npm pack @expo-google-fonts/$p && mkdir -p $p && tar xzf expo-google-fonts-$p-[0-9]*.tgz -C $p
    done
    python toolkit/render/fonts/subset.py /tmp

Noto Sans keeps Latin, Latin Extended, Greek, Cyrillic and common symbols; Noto Sans SC
keeps the 3,755 characters of GB 2312 level 1 (the most common Chinese characters) plus
punctuation; Arabic and Ethiopic keep every glyph. All keep their OpenType layout tables:
Arabic shaping needs them. Hinting is dropped (the output is rendered at large sizes).

Arabic and Ethiopic text contains Latin too (numbers, "(huisartsenpost)", GGD), and
Pillow does not fall back between fonts; so NotoSansArabic and NotoSansEthiopic are
merged with the Latin subset of Noto Sans into one font each (fontTools.merge), and the
shaper sees every character in one font.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import merge, subset

HERE = Path(__file__).parent
LATIN = [*range(0x20, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00),
         *range(0x2000, 0x2070), *range(0x20A0, 0x20C0), 0x2116, 0x2122, 0x2190, 0x2192,
         0x2212, 0x25CF, 0xFEFF]
PUNCTUATION = [*range(0x20, 0x7F), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0),
               0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7, 0x00B0]


def gb2312_level1() -> list[int]:
    """The 3,755 most common Chinese characters: GB 2312 rows 16-55 (0xB0A1-0xD7F9)."""
    chars = []
    for row in range(0xB0, 0xD8):
        for col in range(0xA1, 0xFF):
            if row == 0xD7 and col > 0xF9:
                break
            chars.append(ord(bytes([row, col]).decode("gb2312")))
    assert len(chars) == 3755, len(chars)
    return chars


FONTS = {  # output name: (npm package folder, file stem, code points or None for all)
    "NotoSans": ("noto-sans", "NotoSans", LATIN),
    "NotoSansArabic": ("noto-sans-arabic", "NotoSansArabic", None),
    "NotoSansEthiopic": ("noto-sans-ethiopic", "NotoSansEthiopic", None),
    "NotoSansSC": ("noto-sans-sc", "NotoSansSC", None),  # filled in main()
}


def main(src: Path) -> None:
    FONTS["NotoSansSC"] = ("noto-sans-sc", "NotoSansSC", gb2312_level1() + PUNCTUATION)
    for name, (folder, stem, codepoints) in FONTS.items():
        for weight, style in (("400Regular", "Regular"), ("700Bold", "Bold")):
            path = next((src / folder).rglob(f"{stem}_{weight}.ttf"))
            options = subset.Options()
            options.layout_features = ["*"]
            options.hinting = False
            options.name_IDs = ["*"]
            options.notdef_outline = True
            font = subset.load_font(str(path), options)
            subsetter = subset.Subsetter(options)
            if codepoints is None:
                codepoints = sorted(font.getBestCmap())
            subsetter.populate(unicodes=codepoints)
            subsetter.subset(font)
            out = HERE / f"{name}-{style}.ttf"
            subset.save_font(font, str(out), options)
    for name in ("NotoSansArabic", "NotoSansEthiopic"):
        for style in ("Regular", "Bold"):
            out = HERE / f"{name}-{style}.ttf"
            merger = merge.Merger(options=merge.Options(drop_tables=["vhea", "vmtx"]))
            merged = merger.merge([str(out), str(HERE / f"NotoSans-{style}.ttf")])
            merged.save(str(out))
    for out in sorted(HERE.glob("*.ttf")):
        print(f"{out.name}: {out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
