"""A narrated pictogram video of one message in one language, for WhatsApp and the page.

A title card, then one card per step (its pictogram, number and text) shown exactly as long
as its narration lasts, then an end card with the phone number and the page's address and
QR code. Right-to-left languages are mirrored: the row of steps at the bottom starts on
the right. Square 1080×1080 (WhatsApp status and chats) and 1920×1080 (screens, YouTube).

Encoded by the ffmpeg binary of the pip package imageio-ffmpeg: H.264 (x264, single thread,
bit-exact) with AAC sound in MP4, the index at the front (faststart) so it starts playing
while it downloads. A WebVTT file with the same timing goes beside it.
"""

from __future__ import annotations

import hashlib
import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from ..errors import KlaarError
from . import audio
from .cache import load_set, store_set
from .png import (
    ACCENT,
    INK,
    MUTED,
    TILE,
    WHITE,
    _draw_lines,
    fit_address,
    pictogram_image,
    qr_image,
)
from .textlayout import Fitted, Style, fit, font_path

END_MIN = 5.0  # the end card stays at least this long, to read the number or scan the code
SIZES = {"video.mp4": (1080, 1080), "video-wide.mp4": (1920, 1080)}


class VideoFitError(KlaarError):
    """Text that does not fit a video card."""


@dataclass(frozen=True)
class Film:
    """What the video shows, already in its language."""

    slug: str
    path: str  # the message file, for errors
    lang: str
    rtl: bool
    title: str
    summary: str
    steps: tuple[tuple[str, str], ...]  # (pictogram svg, step text)
    question: str  # "Vragen?" in the language
    contact_name: str
    phone: str
    url: str  # the page's address, for the QR code
    short_url: str  # the same without https://, as printed
    language_name: str
    # The brand ([brand] color in site.toml), as on cards and posters (html.png_brand): the
    # colour of the title card, bands, badges and pictograms, its light tint behind them,
    # and secondary text on the colour. Part of repr(film), so of the video's keys.
    accent: tuple[int, int, int] = ACCENT
    tint: tuple[int, int, int] = TILE
    soft: tuple[int, int, int] = (200, 220, 240)


def _fit(film: Film, text: str, style: Style, w: float, h: float, sizes: tuple[int, int],
         what: str, bold: bool = False) -> Fitted:
    fitted = fit(text, style, w, h, sizes[0], sizes[1], bold)
    if fitted is None:
        raise VideoFitError(f"{film.path}: [{film.lang}] {what} does not fit on a video card "
                            f"even at {sizes[1]} px: shorten it (\"{text[:60]}\")")
    return fitted


def _scale(size: tuple[int, int]) -> float:
    return min(size) / 1080


def title_card(film: Film, size: tuple[int, int]) -> Image.Image:
    W, H = size
    k = _scale(size)
    style = Style.for_lang(film.lang, film.rtl)
    img = Image.new("RGB", size, film.accent)
    draw = ImageDraw.Draw(img)
    pad = round(80 * k)
    box = (pad, H * 0.18, W - 2 * pad, H * 0.36)
    t = _fit(film, film.title, style, box[2], box[3], (round(110 * k), round(56 * k)),
             "the title", True)
    _draw_lines(draw, t, style, box, WHITE, True, "middle", "center")
    box2 = (pad, H * 0.58, W - 2 * pad, H * 0.24)
    # A long summary is left off the picture (it is read aloud and in the subtitles);
    # the title must fit.
    s = fit(film.summary, style, box2[2], box2[3], round(64 * k), round(40 * k))
    if s is not None:
        _draw_lines(draw, s, style, box2, WHITE, False, "top", "center")
    name = _fit(film, film.language_name, style, W - 2 * pad, 70 * k, (round(44 * k), 24),
                "the language name", True)
    _draw_lines(draw, name, style, (pad, H - pad - 70 * k, W - 2 * pad, 70 * k), film.soft,
                True, "middle", "center")
    return img


def step_card(film: Film, size: tuple[int, int], index: int) -> Image.Image:
    """Step `index` (0-based): pictogram with its number, the text, and the row of all
    steps at the bottom with this one marked (starting on the right for right-to-left)."""
    W, H = size
    k = _scale(size)
    style = Style.for_lang(film.lang, film.rtl)
    img = Image.new("RGB", size, WHITE)
    draw = ImageDraw.Draw(img)
    pad = round(60 * k)
    strip_h = round(150 * k)
    svg, text = film.steps[index]
    wide = W > H * 1.2
    if wide:  # pictogram on the start side, text beside it
        icon = round(H * 0.52)
        ix = W - pad * 2 - icon if film.rtl else pad * 2
        iy = round(H * 0.12)
        tx = pad * 2 if film.rtl else ix + icon + pad * 2
        text_box: tuple[float, float, float, float] = (tx, iy, W - icon - pad * 6, icon)
        align = None
    else:  # pictogram above the text
        icon = round(H * 0.40)
        ix, iy = (W - icon) // 2, round(pad * 1.2)
        text_box = (pad, iy + icon + pad * 0.6, W - 2 * pad, H - strip_h - iy - icon - pad * 2)
        align = "center"
    draw.rounded_rectangle((ix - pad / 2, iy - pad / 2, ix + icon + pad / 2, iy + icon + pad / 2),
                           radius=round(pad * 0.6), fill=film.tint)
    pict = pictogram_image(svg, icon, film.accent)
    img.paste(pict, (ix, iy), pict)
    badge = round(icon * 0.3)
    bx = ix + icon - badge if film.rtl else ix
    draw.ellipse((bx - pad / 2, iy - pad / 2, bx + badge - pad / 2, iy + badge - pad / 2),
                 fill=film.accent)
    draw.text((bx + badge / 2 - pad / 2, iy + badge / 2 - pad / 2), str(index + 1),
              font=style.font(round(badge * 0.62), True), fill=WHITE, anchor="mm")
    fitted = _fit(film, text, style, text_box[2], text_box[3], (round(72 * k), round(40 * k)),
                  f"step {index + 1}")
    _draw_lines(draw, fitted, style, text_box, INK, False, "middle", align)
    _progress(draw, film, style, size, index, strip_h)
    return img


def step_centres(film: Film, size: tuple[int, int]) -> list[float]:
    """x of each step's dot in the row at the bottom, in reading order (tests use it)."""
    W, _ = size
    n = len(film.steps)
    gap = min(140 * _scale(size), (W - 200) / max(n, 1))
    xs = [W / 2 + (i - (n - 1) / 2) * gap for i in range(n)]
    return xs[::-1] if film.rtl else xs


def _progress(draw: ImageDraw.ImageDraw, film: Film, style: Style, size: tuple[int, int],
              index: int, strip_h: int) -> None:
    W, H = size
    k = _scale(size)
    y = H - strip_h / 2
    r = round(40 * k)
    draw.rectangle((0, H - strip_h, W, H), fill=film.tint)
    font = style.font(round(40 * k), True)
    for i, x in enumerate(step_centres(film, size)):
        current = i == index
        draw.ellipse((x - r, y - r, x + r, y + r), fill=film.accent if current else WHITE,
                     outline=film.accent, width=max(2, round(4 * k)))
        draw.text((x, y), str(i + 1), font=font, fill=WHITE if current else film.accent,
                  anchor="mm")


def end_card(film: Film, size: tuple[int, int]) -> Image.Image:
    W, H = size
    k = _scale(size)
    style = Style.for_lang(film.lang, film.rtl)
    img = Image.new("RGB", size, WHITE)
    draw = ImageDraw.Draw(img)
    pad = round(70 * k)
    draw.rectangle((0, 0, W, round(H * 0.14)), fill=film.accent)
    q = _fit(film, film.question, style, W - 2 * pad, H * 0.14 - 20 * k,
             (round(72 * k), round(40 * k)), "the question line", True)
    _draw_lines(draw, q, style, (pad, 10 * k, W - 2 * pad, H * 0.14 - 20 * k), WHITE, True,
                "middle", "center")
    plain = Style(film.lang, False, style.raqm)  # numbers and addresses read left to right
    if film.phone:
        phone = _fit(film, film.phone, plain, W - 2 * pad, 150 * k,
                     (round(120 * k), round(60 * k)), "the phone number", True)
        _draw_lines(draw, phone, plain, (pad, H * 0.17, W - 2 * pad, 150 * k), film.accent,
                    True, "middle", "center")
    if film.contact_name:
        name = _fit(film, film.contact_name, style, W - 2 * pad, 70 * k, (round(52 * k), 28),
                    "the contact name")
        _draw_lines(draw, name, style, (pad, H * 0.17 + 150 * k, W - 2 * pad, 70 * k), INK,
                    False, "middle", "center")
    qr_size = round(H * 0.42)
    qr = qr_image(film.url, qr_size)
    img.paste(qr, ((W - qr.width) // 2, round(H * 0.40)))
    addr = fit_address(film.short_url, plain, W - 2 * pad, 130 * k, (round(48 * k), 24))
    if addr is None:
        raise VideoFitError(f"{film.path}: [{film.lang}] the page address does not fit on the "
                            "video's end card: a shorter file name (slug) helps")
    _draw_lines(draw, addr, plain, (pad, H * 0.40 + qr.height + 10 * k, W - 2 * pad, 130 * k),
                MUTED, False, "top", "center")
    return img


def cards(film: Film, size: tuple[int, int]) -> list[Image.Image]:
    """Title card, one card per step, end card: in the order they are shown."""
    return ([title_card(film, size)] + [step_card(film, size, i) for i in range(len(film.steps))]
            + [end_card(film, size)])


def slots(pcm: list[bytes]) -> list[int]:
    """Milliseconds per card: its narration plus a pause; the end card at least END_MIN
    seconds."""
    out = [math.ceil((audio.duration(p) + audio.PAUSE) * 1000) for p in pcm]
    out[-1] = max(out[-1], round(END_MIN * 1000))
    return out


def _boundaries(ms: list[int]) -> list[int]:
    """Sample index where each card starts, and the end (rounded once, so no drift)."""
    out, t = [0], 0
    for m in ms:
        t += m
        out.append(round(t * audio.RATE / 1000))
    return out


def soundtrack(pcm: list[bytes], ms: list[int]) -> bytes:
    """Each part's narration padded with silence to exactly its card's time."""
    bounds = _boundaries(ms)
    out = []
    for p, start, end in zip(pcm, bounds, bounds[1:]):
        samples = end - start
        out.append(p[:samples * 2] + b"\0\0" * max(0, samples - len(p) // 2))
    return b"".join(out)


def _ts(ms: int) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def webvtt(texts: list[str], ms: list[int]) -> str:
    """Subtitles: one cue per card, timed like the video."""
    lines = ["WEBVTT", ""]
    t = 0
    for i, (text, n) in enumerate(zip(texts, ms), 1):
        cue = [" ".join(line.split()) for line in text.replace("-->", "->").splitlines()]
        lines += [str(i), f"{_ts(t)} --> {_ts(t + n)}", *[c for c in cue if c], ""]
        t += n
    return "\n".join(lines)


def encode(images: list[Image.Image], ms: list[int], sound: bytes) -> bytes:
    """Cards shown for their time, with the soundtrack: an H.264/AAC MP4.

    Each card is one picture shown again every two seconds (variable frame rate): a still
    picture costs almost nothing to encode, and a player that jumps into the middle of a
    card finds a frame within two seconds."""
    with tempfile.TemporaryDirectory(prefix="klaar-video-") as tmp:
        folder = Path(tmp)
        (folder / "sound.pcm").write_bytes(sound)
        listing = ["ffconcat version 1.0"]
        for i, (img, n) in enumerate(zip(images, ms)):
            img.convert("RGB").save(folder / f"card{i}.bmp")
            left = n
            while left > 0:
                step = min(left, 2000)
                listing += [f"file card{i}.bmp", f"duration {step / 1000:.3f}"]
                left -= step
        listing.append(f"file card{len(images) - 1}.bmp")  # the demuxer needs a last entry
        (folder / "cards.txt").write_text("\n".join(listing) + "\n", encoding="utf-8")
        out = folder / "video.mp4"
        audio.run_ffmpeg([
            "-f", "concat", "-safe", "0", "-i", str(folder / "cards.txt"),
            "-f", "s16le", "-ar", str(audio.RATE), "-ac", "1", "-i", str(folder / "sound.pcm"),
            "-map", "0:v", "-map", "1:a", "-fps_mode", "vfr",
            # RGB → BT.709 video range, and said so in the file, so players convert back right
            "-vf", "scale=out_color_matrix=bt709:out_range=tv",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
            "-color_range", "tv",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-crf", "24",
            "-pix_fmt", "yuv420p", "-profile:v", "high", "-level", "4.0",
            "-x264-params", "threads=1",
            "-c:a", "aac", "-b:a", "64k", "-ar", "44100",
            # wait for both streams before writing: the file never depends on thread timing
            "-max_interleave_delta", "0",
            *audio.BITEXACT, "-t", f"{sum(ms) / 1000:.3f}", "-movflags", "+faststart",
            "-f", "mp4", str(out)], what="encode the video")
        return out.read_bytes()


CODE = (Path(__file__), Path(__file__).with_name("png.py"),
        Path(__file__).with_name("textlayout.py"))


def render(film: Film, cues: list[str], narration: Callable[[], list[bytes]], key: str,
           cache: Path | None = None, cached_only: bool = False) -> dict[str, bytes]:
    """video.mp4 (square), video-wide.mp4 (16:9) and video.vtt. `narration()` gives the
    speech of each card (title card, steps, end card), asked for only when the video is
    not in the cache; `cues` the subtitle text of each card; `key` the cache key of the
    narration (audio.media_key)."""
    h = hashlib.sha256("\0".join([key, repr(film), repr(cues), repr(SIZES)]
                                 + [audio.file_hash(p) for p in CODE]
                                 + [audio.file_hash(font_path(film.lang, bold))
                                    for bold in (False, True)]).encode("utf-8"))
    folder = cache / h.hexdigest() if cache else None
    found = load_set(folder)
    if found is not None:
        return found
    if cached_only:
        raise audio.NotCached(folder)
    speech = narration()
    ms = slots(speech)
    sound = soundtrack(speech, ms)
    out = {name: encode(cards(film, size), ms, sound) for name, size in SIZES.items()}
    out["video.vtt"] = webvtt(cues, ms).encode("utf-8")
    store_set(folder, out)
    return out
