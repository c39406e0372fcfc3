"""Recorded voices: a native speaker reading a message, or one part of it, aloud.

A recording is used instead of the synthetic voice, but only while it reads the text that
is published now. Next to every recording lies a text file with the exact words it reads;
when the published text changes, that file no longer matches and the recording is
withheld (like a translation of an older Dutch text) until it is recorded again:

    recordings/<lang>/<slug>/message.mp3   the whole message, as in listen.txt on the page
    recordings/<lang>/<slug>/message.txt
    recordings/<lang>/<slug>/step-2.m4a    one part: the segment id (title, summary,
    recordings/<lang>/<slug>/step-2.txt    step-N, body-N), as in the PO file's msgctxt

Audio may be MP3, M4A/AAC, WAV, Ogg/Opus or FLAC. Text is compared with runs of white
space made one space and Markdown marks left out, so a line break in the .txt is fine.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

AUDIO_EXTENSIONS = (".mp3", ".m4a", ".aac", ".wav", ".ogg", ".opus", ".flac")
WHOLE = "message"  # the file stem of a whole-message recording


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class Recording:
    audio: Path
    text_file: Path
    lang: str
    slug: str
    part: str  # "message" or a segment id


@dataclass(frozen=True)
class Verdict:
    """A recording checked against the text published now."""

    recording: Recording
    current: bool
    reason: str | None  # why it is withheld


def folder(root: Path) -> Path:
    return root / "recordings"


def find(root: Path) -> list[Recording]:
    """Every recording in the project, sorted; audio without a .txt is found too."""
    base = folder(root)
    if not base.is_dir():
        return []
    out = []
    for audio in sorted(base.glob("*/*/*")):
        if audio.suffix.lower() in AUDIO_EXTENSIONS and audio.is_file():
            lang, slug = audio.parent.parent.name, audio.parent.name
            out.append(Recording(audio, audio.with_suffix(".txt"), lang, slug, audio.stem))
    return out


def check(rec: Recording, expected: str | None) -> Verdict:
    """Is `rec` a reading of `expected` (the published text of its part)?"""
    if expected is None:
        return Verdict(rec, False, f"'{rec.slug}' has no part '{rec.part}' published in "
                                   f"{rec.lang} (renamed, removed, or not reviewed yet)")
    if not rec.text_file.is_file():
        return Verdict(rec, False, f"no {rec.text_file.name} beside it with the text it reads")
    said = normalise(rec.text_file.read_text(encoding="utf-8"))
    if said != normalise(expected):
        return Verdict(rec, False, "it reads an older or different text than the one "
                                   f"published now; record it again and update "
                                   f"{rec.text_file.name} (now: \"{normalise(expected)[:80]}\")")
    return Verdict(rec, True, None)


def current(root: Path, lang: str, slug: str, parts: dict[str, str]) -> dict[str, Path]:
    """The recordings of message `slug` in `lang` that read what `parts` (part → text as
    it is read) says now: part → audio file. Stale ones are left out."""
    out = {}
    for rec in find(root):
        if rec.lang == lang and rec.slug == slug and check(rec, parts.get(rec.part)).current:
            out[rec.part] = rec.audio
    return out
