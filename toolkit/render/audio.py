"""Read-aloud audio of one message in one language: MP3 files for the page and WhatsApp.

A message is read as a list of parts (title, summary, each step, body paragraphs), each
spoken by a recorded voice when a current recording of it exists (toolkit/recordings.py),
else by eSpeak NG (speech.py). A language with neither gets no audio.

MP3 (LAME, through the ffmpeg binary of the pip package imageio-ffmpeg) plays in every
current browser, in WhatsApp and on old phones. Mono 22.05 kHz at 48 kbit/s: speech stays
clear and a one-minute message is about 360 kB. Encoding is bit-exact (no encoder
version or date in the file), so the same speech gives the same bytes.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..errors import KlaarError
from . import speech
from .cache import load_set, store_set

RATE = speech.SAMPLE_RATE
PAUSE = 0.6  # seconds of silence between parts
BITRATE = "48k"


class AudioError(KlaarError):
    """A recording could not be read, or encoding failed."""


class NotCached(Exception):
    """Asked for a cached result only, and it is not in the cache."""


@dataclass(frozen=True)
class Part:
    """One piece of a message as it is read aloud."""

    id: str  # "title", "summary", "step-2", "body-1", "contact": a recording's file stem
    text: str  # the published text of this part (what a recording's .txt must hold)
    say: str  # what the synthetic voice says (with the step number, say)


@lru_cache(maxsize=1)
def ffmpeg() -> str:
    """The ffmpeg binary shipped by imageio-ffmpeg (never a system ffmpeg)."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


BITEXACT = ["-fflags", "+bitexact", "-flags:a", "+bitexact", "-flags:v", "+bitexact",
            "-map_metadata", "-1"]


def run_ffmpeg(args: list[str], data: bytes | None = None, what: str = "encode") -> bytes:
    proc = subprocess.run([ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin",
                           "-threads", "1", *args], input=data, capture_output=True, check=False)
    if proc.returncode != 0:
        raise AudioError(f"ffmpeg could not {what}: "
                         f"{proc.stderr.decode(errors='replace').strip()[-400:]}")
    return proc.stdout


def decode(path: Path) -> bytes:
    """A recording as 16-bit mono PCM at RATE."""
    return run_ffmpeg(["-i", str(path), "-ac", "1", "-ar", str(RATE), "-f", "s16le",
                       "-acodec", "pcm_s16le", "-"], what=f"read the recording {path}")


def decode_bytes(data: bytes) -> bytes:
    """Encoded audio (MP3, say) as 16-bit mono PCM at RATE."""
    return run_ffmpeg(["-i", "-", "-ac", "1", "-ar", str(RATE), "-f", "s16le",
                       "-acodec", "pcm_s16le", "-"], data, what="read audio")


def silence(seconds: float) -> bytes:
    return b"\0\0" * round(seconds * RATE)


def duration(pcm: bytes) -> float:
    return len(pcm) / 2 / RATE


def encode_mp3(pcm: bytes) -> bytes:
    """PCM → MP3 (constant bit rate, with a Xing/LAME header so players know the length)."""
    return run_ffmpeg(["-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "-",
                       "-c:a", "libmp3lame", "-b:a", BITRATE, *BITEXACT, "-id3v2_version", "0",
                       "-f", "mp3", "-"], pcm)


def voiced(parts: list[Part], lang: str, recordings: dict[str, Path]) -> dict[str, bytes] | None:
    """PCM for every part: its recording, else the synthetic voice. None when a part has
    neither (a language without a voice and not everything recorded)."""
    voice = speech.voice_for(lang)
    missing = [p for p in parts if p.id not in recordings]
    if missing and voice is None:
        return None
    spoken = dict(zip([p.id for p in missing],
                      speech.synthesize(voice, [speech.spoken(p.say, lang) for p in missing])
                      if missing and voice is not None else []))
    return {p.id: decode(recordings[p.id]) if p.id in recordings else spoken[p.id]
            for p in parts}


def joined(pcm: list[bytes]) -> bytes:
    """Parts one after another with a pause between them."""
    gap = silence(PAUSE)
    return gap.join(pcm) + silence(0.3)


@cache
def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recording_hashes(recordings: dict[str, Path]) -> list[str]:
    return [f"{k}={hashlib.sha256(v.read_bytes()).hexdigest()}"
            for k, v in sorted(recordings.items())]


def media_key(kind: str, parts: list[Part], lang: str, recordings: dict[str, Path],
              *extra: str) -> str:
    """Everything a piece of audio or video is made of: texts, voice, recordings, code."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    code = [file_hash(p) for p in (here / "audio.py", here / "speech.py",
                                   here.parent / "facts" / "extract.py")]
    for item in (kind, lang, str(speech.voice_for(lang)), speech.version(), ffmpeg(),
                 repr(parts), *recording_hashes(recordings), *code, *extra):
        h.update(item.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def render(parts: list[Part], lang: str, recordings: dict[str, Path], whole: Path | None,
           steps: list[str], cache: Path | None = None,
           cached_only: bool = False) -> dict[str, bytes]:
    """listen.mp3 (the whole message) and step-N.mp3 for each step id in `steps`.
    `whole` is a current recording of the whole message, used for listen.mp3. Empty when
    the language has no voice and the message is not fully recorded. `cached_only`: raise
    NotCached instead of making what the cache lacks."""
    key = media_key("audio", parts, lang, recordings,
                    *(recording_hashes({"message": whole}) if whole else []), *steps)
    folder = cache / key if cache else None
    found = load_set(folder)
    if found is not None:
        return found
    if cached_only:
        raise NotCached(key)
    pcm = voiced(parts, lang, recordings)
    out: dict[str, bytes] = {}
    if pcm is not None or whole is not None:
        out["listen.mp3"] = encode_mp3(decode(whole) if whole else
                                       joined([pcm[p.id] for p in parts]))  # type: ignore[index]
    if pcm is not None:
        for s in steps:
            out[f"{s}.mp3"] = encode_mp3(pcm[s] + silence(0.3))
    store_set(folder, out)
    return out
