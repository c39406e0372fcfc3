"""Listen and watch: the read-aloud audio and the narrated video of one message in one
language, from its published text only (the caller passes nothing else).

Files (next to the page):

    listen.mp3, listen.txt   the whole message read aloud, and what it says
    step-N.mp3               one step read aloud
    video.mp4, video-wide.mp4, video.vtt   the narrated pictogram video and its subtitles

Which parts a recording replaces, and when one is withheld: toolkit/recordings.py.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from .. import recordings
from . import audio, speech, video
from .cache import cache_dir


@dataclass(frozen=True)
class Script:
    """One message in one language, as plain text, ready to be read aloud and filmed."""

    film: video.Film
    body: tuple[str, ...]  # body paragraphs and list items (segment body-N, in order)
    step_ids: tuple[str, ...]  # segment id of each step ("step-1", …)

    def parts(self) -> list[audio.Part]:
        """What listen.mp3 reads: title, summary, the numbered steps, the body."""
        f = self.film
        out = [audio.Part("title", f.title, f.title), audio.Part("summary", f.summary, f.summary)]
        out += [audio.Part(sid, text, f"{i}. {text}")
                for i, (sid, (_, text)) in enumerate(zip(self.step_ids, f.steps), 1)]
        out += [audio.Part(f"body-{i}", text, text) for i, text in enumerate(self.body, 1)]
        return out

    def contact(self) -> audio.Part:
        f = self.film
        text = " ".join(x for x in (f.question, f.phone or f.contact_name) if x)
        return audio.Part("contact", text, text)

    def transcript(self) -> str:
        """listen.txt: what listen.mp3 says, and what a whole-message recording reads."""
        return "\n".join(p.say for p in self.parts()) + "\n"


def voice_kind(script: Script, recs: dict[str, Path]) -> str | None:
    """'recorded', 'synthetic', 'mixed', or None (no audio) for listen.mp3."""
    if recordings.WHOLE in recs:
        return "recorded"
    ids = [p.id for p in script.parts()]
    recorded = [i for i in ids if i in recs]
    if len(recorded) == len(ids):
        return "recorded"
    if speech.voice_for(script.film.lang) is None:
        return None
    return "mixed" if recorded else "synthetic"


def part_texts(script: Script) -> dict[str, str]:
    """What a recording of each part must read: part id → published text."""
    texts = {p.id: p.text for p in [*script.parts(), script.contact()]}
    texts[recordings.WHOLE] = script.transcript()
    return texts


def current_recordings(root: Path, script: Script) -> dict[str, Path]:
    """The recordings of this message and language that read its text as published now."""
    return recordings.current(root, script.film.lang, script.film.slug, part_texts(script))


def withheld_recordings(root: Path, scripts: dict[tuple[str, str], Script]) -> list[str]:
    """Every recording not used, and why: it reads an older text, lacks its .txt, or
    belongs to a message or language that is not published (`scripts`: (slug, lang) →
    Script of every published, reviewed page)."""
    out = []
    for rec in recordings.find(root):
        script = scripts.get((rec.slug, rec.lang))
        expected = part_texts(script).get(rec.part) if script else None
        verdict = recordings.check(rec, expected)
        if not verdict.current:
            out.append(f"{rec.audio.relative_to(root)}: not used: {verdict.reason}")
    return out


def render(script: Script, root: Path,
           cached_only: bool = False) -> tuple[dict[str, bytes], str | None]:
    """The audio and video files of one message in one language, and the kind of voice
    (None: this language has no voice and no recordings, so no audio and no video).
    `cached_only`: raise audio.NotCached rather than speak or encode anything."""
    recs = current_recordings(root, script)
    kind = voice_kind(script, recs)
    if kind is None:
        return {}, None
    f = script.film
    lang = f.lang
    whole = recs.pop(recordings.WHOLE, None)
    parts = script.parts()
    out = audio.render(parts, lang, recs, whole, list(script.step_ids),
                       cache_dir(root, "audio"), cached_only)
    if not out:
        return {}, None
    out["listen.txt"] = script.transcript().encode("utf-8")
    # The video narrates the title card (title and summary), each step, and the end card.
    filmed = [p for p in parts if not p.id.startswith("body-")] + [script.contact()]
    if all(p.id in recs for p in filmed) or speech.voice_for(lang) is not None:
        key = audio.media_key("video", filmed, lang, recs)

        def narration() -> list[bytes]:
            voiced = audio.voiced(filmed, lang, recs)
            assert voiced is not None
            gap = audio.silence(audio.PAUSE)
            return [voiced["title"] + gap + voiced["summary"],
                    *(voiced[s] for s in script.step_ids), voiced["contact"]]

        cues = [f"{f.title}\n{f.summary}",
                *(f"{i}. {t}" for i, (_, t) in enumerate(f.steps, 1)),
                script.contact().text]
        out.update(video.render(f, cues, narration, key, cache_dir(root, "video"), cached_only))
    return out, kind


def _job(job: tuple[Script, Path]) -> tuple[dict[str, bytes], str | None]:
    return render(*job)


def render_all(scripts: dict[tuple[str, str], Script],
               root: Path) -> dict[tuple[str, str], tuple[dict[str, bytes], str | None]]:
    """render() for many pages at once: what the cache has is read here, the rest is made
    in parallel, one process per core (speaking and encoding are independent per page).
    The result does not depend on the order in which the work finishes."""
    done: dict = {}
    todo = []
    for key in sorted(scripts):
        try:
            done[key] = render(scripts[key], root, cached_only=True)
        except audio.NotCached:
            todo.append(key)
    workers = min(len(todo), os.cpu_count() or 1)
    if workers <= 1:
        done.update((key, render(scripts[key], root)) for key in todo)
        return done
    # "spawn": a fresh interpreter per worker; forking the preview server's threads is unsafe
    try:
        with ProcessPoolExecutor(workers,
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            done.update(zip(todo, pool.map(_job, [(scripts[key], root) for key in todo])))
    except BrokenProcessPool:
        # a worker could not start (a script that runs a build on import, without an
        # `if __name__ == "__main__":` guard, say): the same work, one page at a time
        done.update((key, render(scripts[key], root)) for key in todo if key not in done)
    return done
