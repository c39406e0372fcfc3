"""Synthetic speech with eSpeak NG: text in one language → 16-bit mono PCM.

eSpeak NG comes with the pip package espeakng-loader (the library and its voice data), and
is called through ctypes: no system packages. It reads numbers the way the voice's language
reads them ("20" is "twintig" in Dutch, "dwadzieścia" in Polish, "ʕišrūn" in Arabic). Phone
numbers are the exception: a voice reads "088 123 4567" as one large number, so they are
spelled out digit by digit first, in groups, as people say them.

Which voice reads which language is data (data/voices.tsv). A language without a voice
there gets `None` from `voice_for`: no audio, rather than a voice of another language
mispronouncing it.

eSpeak keeps internal state between utterances (the same sentence twice in one process
gives slightly different samples), so each batch is spoken in a fresh child process: the
same texts in the same order always give the same bytes.
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from ..errors import KlaarError
from ..facts.extract import phone_spans  # the phone numbers the safety checks see

SAMPLE_RATE = 22050  # what eSpeak NG produces; recordings are resampled to it
WORDS_PER_MINUTE = 140  # eSpeak's default is 175: slower for listeners learning the language
VOICES_FILE = Path(__file__).with_name("data") / "voices.tsv"


class SpeechError(KlaarError):
    """eSpeak NG could not be loaded or failed to speak."""


@lru_cache(maxsize=1)
def voices() -> dict[str, str]:
    """Language tag → eSpeak NG voice name, from data/voices.tsv."""
    table = {}
    for line in VOICES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, voice = line.split("\t")[:2]
            table[lang] = voice
    return table


def voice_for(lang: str) -> str | None:
    """The eSpeak voice for `lang` ('zh-Hans' → 'cmn'), or None when eSpeak has none."""
    table = voices()
    return table.get(lang) or table.get(lang.split("-")[0])


def spoken(text: str, lang: str) -> str:
    """The text as a voice should read it: phone numbers digit by digit, in their groups
    ('088 123 4567' → '0 8 8, 1 2 3, 4 5 6 7'); everything else as written (with its
    vowel marks, which help the voice)."""
    out, pos = [], 0
    for at, end, fact in phone_spans(text, lang):
        groups = [g for g in re.split(r"[\s()/-]+", fact.text) if g]
        out += [text[pos:at], ", ".join(" ".join(g) for g in groups)]
        pos = end
    out.append(text[pos:])
    return "".join(out)


# The child process: loads eSpeak NG, speaks each text, writes length-prefixed PCM.
_CHILD = r"""
import ctypes, json, struct, sys
import espeakng_loader
job = json.load(sys.stdin)
lib = ctypes.CDLL(espeakng_loader.get_library_path())
rate = lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0x8000)
if rate <= 0:
    sys.exit("espeak_Initialize failed")
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                            ctypes.c_void_p)
chunks = []
def collect(wav, n, events):
    if wav and n > 0:
        chunks.append(ctypes.string_at(wav, n * 2))
    return 0
callback = CALLBACK(collect)
lib.espeak_SetSynthCallback(callback)
if lib.espeak_SetVoiceByName(job["voice"].encode()) != 0:
    sys.exit("no eSpeak voice " + job["voice"])
lib.espeak_SetParameter(1, job["rate"], 0)  # espeakRATE, words per minute
out = sys.stdout.buffer
out.write(struct.pack("<I", rate))
for text in job["texts"]:
    chunks.clear()
    data = text.encode("utf-8")
    # espeakCHARS_UTF8; synchronous output mode calls `collect` before returning
    lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, 1, None, None)
    lib.espeak_Synchronize()
    pcm = b"".join(chunks)
    out.write(struct.pack("<I", len(pcm)))
    out.write(pcm)
out.flush()
"""


def synthesize(voice: str, texts: list[str]) -> list[bytes]:
    """Speak each text with `voice` (as it is: see spoken()); returns 16-bit mono PCM at
    SAMPLE_RATE per text."""
    job = json.dumps({"voice": voice, "rate": WORDS_PER_MINUTE, "texts": list(texts)})
    proc = subprocess.run([sys.executable, "-c", _CHILD], input=job.encode(),
                          capture_output=True, check=False)
    if proc.returncode != 0:
        raise SpeechError(f"eSpeak NG could not speak with voice {voice!r}: "
                          f"{proc.stderr.decode(errors='replace').strip()[-300:]} "
                          "(is the pip package espeakng-loader installed?)")
    data = proc.stdout
    rate, = struct.unpack_from("<I", data, 0)
    if rate != SAMPLE_RATE:
        raise SpeechError(f"eSpeak NG speaks at {rate} Hz, expected {SAMPLE_RATE}")
    out, pos = [], 4
    for _ in texts:
        n, = struct.unpack_from("<I", data, pos)
        out.append(data[pos + 4:pos + 4 + n])
        pos += 4 + n
    return out


def version() -> str:
    """The espeakng-loader version, part of every audio cache key."""
    from importlib.metadata import version as dist_version

    return dist_version("espeakng-loader")
