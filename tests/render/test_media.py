"""Listen, watch, share: read-aloud audio, the narrated video, the share kit."""

import io
import math
import re
import subprocess
import wave
import zipfile
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import pytest
from PIL import Image

from conftest import REPO
from toolkit.render import audio, media, png, share, speech, video

ICONS = ["healthicons/running-water.svg", "klaar/soap.svg", "klaar/clock.svg"]
STEPS = {
    "nl": ("Was je handen", "Met schone handen word je minder snel ziek.",
           ["Maak je handen nat onder de kraan.", "Doe zeep op je handen.",
            "Wrijf je handen 20 seconden over elkaar."], "Vragen?"),
    "ar": ("اغسل يديك", "بالأيدي النظيفة تمرض أقل.",
           ["بلّل يديك تحت الحنفية.", "ضع الصابون على يديك.", "افرك يديك ببعضهما 20 ثانية."],
           "أسئلة؟"),
}


def script(lang="nl", slug="handen-wassen"):
    title, summary, steps, question = STEPS.get(lang, STEPS["nl"])
    url = f"https://gezond.example.nl/{lang}/{slug}/"
    film = video.Film(
        slug=slug, path=f"content/{slug}.md", lang=lang, rtl=lang == "ar", title=title,
        summary=summary,
        steps=tuple(((REPO / "pictograms" / i).read_text(encoding="utf-8"), t)
                    for i, t in zip(ICONS, steps)),
        question=question, contact_name="GGD Voorbeeldregio", phone="088 123 4567", url=url,
        short_url=png.short_address(url), language_name=lang)
    return media.Script(film, ("Was ook de handen van je kinderen.",),
                        ("step-1", "step-2", "step-3"))


def seconds(data: bytes, suffix: str, tmp_path: Path) -> float:
    """Duration as ffmpeg reads it from the file's own header."""
    path = tmp_path / f"probe{suffix}"
    path.write_bytes(data)
    err = subprocess.run([audio.ffmpeg(), "-hide_banner", "-i", str(path)], capture_output=True,
                         text=True).stderr
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", err).groups()
    return int(h) * 3600 + int(m) * 60 + float(s)


def frame_at(data: bytes, t: float, size: tuple[int, int], tmp_path: Path) -> Image.Image:
    path = tmp_path / "frame.mp4"
    path.write_bytes(data)
    raw = audio.run_ffmpeg(["-ss", f"{t:.3f}", "-i", str(path), "-frames:v", "1",
                            "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
    return Image.frombytes("RGB", size, raw[:size[0] * size[1] * 3])


def tone(path: Path, seconds_: float, freq: float = 440.0) -> None:
    n = round(seconds_ * 16000)
    samples = (np.sin(2 * math.pi * freq * np.arange(n) / 16000) * 12000).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(samples.tobytes())


# -- speech ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, said", [
    ("nl", "Bel 088 123 4567.", "Bel 0 8 8, 1 2 3, 4 5 6 7."),
    ("nl", "Bel 112.", "Bel 1 1 2."),
    ("nl", "Bel 0800-1351 of +31 20 555 1234.",
     "Bel 0 8 0 0, 1 3 5 1 of + 3 1, 2 0, 5 5 5, 1 2 3 4."),
    ("nl", "Wrijf 20 seconden.", "Wrijf 20 seconden."),  # a number stays a number: 'twintig'
    ("ar", "اتصل ٠٨٨ ١٢٣ ٤٥٦٧", "اتصل ٠ ٨ ٨, ١ ٢ ٣, ٤ ٥ ٦ ٧"),
    ("ar", "بلّل يديك 20 ثانية.", "بلّل يديك 20 ثانية."),  # vowel marks kept for the voice
])
def test_phone_numbers_are_read_digit_by_digit(lang, text, said):
    assert speech.spoken(text, lang) == said


def test_every_voice_in_the_table_exists_and_unknown_languages_get_none():
    import espeakng_loader

    data = Path(espeakng_loader.get_data_path()) / "lang"
    shipped = {p.name for p in data.rglob("*") if p.is_file()}
    for lang, voice in speech.voices().items():
        assert voice in shipped, (lang, voice)
    assert speech.voice_for("zh-Hans") == "cmn"
    assert speech.voice_for("nl") == "nl"
    assert speech.voice_for("so") is None  # Somali: eSpeak NG has no voice
    assert speech.voice_for("prs") is None  # Dari: not passed off as Persian


def test_the_same_text_gives_the_same_bytes():
    a = speech.synthesize("nl", ["Doe zeep op je handen.", "Bel 088 123 4567."])
    b = speech.synthesize("nl", ["Doe zeep op je handen.", "Bel 088 123 4567."])
    assert a == b and all(len(x) > 10_000 for x in a)
    assert audio.encode_mp3(a[0]) == audio.encode_mp3(b[0])


# -- audio and recordings -------------------------------------------------------------

def test_a_language_without_a_voice_gets_no_audio(tmp_path):
    s = script("so")
    assert media.render(s, tmp_path) == ({}, None)


def test_a_language_without_a_voice_speaks_when_everything_is_recorded(tmp_path):
    s = script("so")
    folder = tmp_path / "recordings" / "so" / "handen-wassen"
    folder.mkdir(parents=True)
    tone(folder / "message.wav", 2.0)
    (folder / "message.txt").write_text(s.transcript(), encoding="utf-8")
    files, kind = media.render(s, tmp_path)
    assert kind == "recorded"
    assert "listen.mp3" in files and "video.mp4" not in files  # steps are not recorded
    assert abs(seconds(files["listen.mp3"], ".mp3", tmp_path) - 2.0) < 0.1


def test_a_current_recording_is_used_and_a_stale_one_withheld(tmp_path):
    s = script("nl")
    synthetic, kind = media.render(s, tmp_path)
    assert kind == "synthetic"
    folder = tmp_path / "recordings" / "nl" / "handen-wassen"
    folder.mkdir(parents=True)
    tone(folder / "step-2.wav", 1.5)
    (folder / "step-2.txt").write_text("Doe zeep op\nje handen.\n", encoding="utf-8")
    recorded, kind = media.render(s, tmp_path)
    assert kind == "mixed"
    assert recorded["step-2.mp3"] != synthetic["step-2.mp3"]
    assert abs(seconds(recorded["step-2.mp3"], ".mp3", tmp_path) - 1.8) < 0.1  # + 0.3 s
    assert recorded["step-1.mp3"] == synthetic["step-1.mp3"]
    assert media.withheld_recordings(tmp_path, {("handen-wassen", "nl"): s}) == []

    # The step's text changes: the recording reads the old one and is withheld.
    title, summary, steps, q = STEPS["nl"]
    STEPS["nl"] = (title, summary, [steps[0], "Doe veel zeep op je handen.", steps[2]], q)
    try:
        changed = script("nl")
    finally:
        STEPS["nl"] = (title, summary, steps, q)
    files, kind = media.render(changed, tmp_path)
    assert kind == "synthetic"
    assert abs(seconds(files["step-2.mp3"], ".mp3", tmp_path) - 1.8) > 0.2
    report = media.withheld_recordings(tmp_path, {("handen-wassen", "nl"): changed})
    assert len(report) == 1 and "step-2.wav" in report[0] and "older" in report[0]


def test_a_recording_of_an_unpublished_language_is_reported(tmp_path):
    folder = tmp_path / "recordings" / "ti" / "handen-wassen"
    folder.mkdir(parents=True)
    tone(folder / "title.wav", 0.5)
    (folder / "title.txt").write_text("ኢድካ ተሓጸብ", encoding="utf-8")
    report = media.withheld_recordings(tmp_path, {("handen-wassen", "nl"): script("nl")})
    assert len(report) == 1 and "no part 'title' published in ti" in report[0]


# -- video ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def films(tmp_path_factory):
    root = tmp_path_factory.mktemp("films")
    out = {}
    for lang in ("nl", "ar"):
        s = script(lang)
        files, _ = media.render(s, root)
        out[lang] = (s, files)
    return out


def test_video_lasts_as_long_as_its_narration(films, tmp_path):
    s, files = films["nl"]
    parts = [p for p in s.parts() if not p.id.startswith("body-")] + [s.contact()]
    pcm = audio.voiced(parts, "nl", {})
    speech_seconds = sum(audio.duration(x) for x in pcm.values())
    ms = video.slots([pcm["title"] + audio.silence(audio.PAUSE) + pcm["summary"],
                      pcm["step-1"], pcm["step-2"], pcm["step-3"], pcm["contact"]])
    for name in ("video.mp4", "video-wide.mp4"):
        length = seconds(files[name], ".mp4", tmp_path)
        assert abs(length - sum(ms) / 1000) <= 0.5, name
        # narration plus a pause per card and the end card's minimum, nothing more
        assert speech_seconds < length <= speech_seconds + 5 * audio.PAUSE + video.END_MIN + 0.5
        assert len(files[name]) < 16 * 1024 * 1024  # WhatsApp's limit
    vtt = files["video.vtt"].decode("utf-8")
    assert vtt.startswith("WEBVTT\n")
    cues = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})", vtt)
    assert len(cues) == 2 + len(s.step_ids)
    def sec(h, m, s, ms):
        return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000

    times = [(sec(*c[:4]), sec(*c[4:])) for c in cues]
    assert times[0][0] == 0 and all(x[1] == y[0] for x, y in zip(times, times[1:]))
    assert abs(times[-1][1] - seconds(files["video.mp4"], ".mp4", tmp_path)) <= 0.5
    assert "2. Doe zeep op je handen." in vtt


def test_video_frames_show_each_step_at_its_time(films, tmp_path):
    s, files = films["ar"]
    vtt = files["video.vtt"].decode("utf-8")
    start = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) -->", vtt)[1]  # the cue of step 1
    t = int(start[1]) * 60 + int(start[2]) + int(start[3]) / 1000 + 0.5
    frame = np.asarray(frame_at(files["video.mp4"], t, (1080, 1080), tmp_path), dtype=float)
    card = np.asarray(video.step_card(s.film, (1080, 1080), 0), dtype=float)
    other = np.asarray(video.step_card(s.film, (1080, 1080), 1), dtype=float)
    assert np.abs(frame - card).mean() < 4  # the step 1 card, give or take compression
    assert np.abs(frame - other).mean() > np.abs(frame - card).mean() + 2


@pytest.mark.parametrize("size", list(video.SIZES.values()))
def test_arabic_video_is_mirrored_step_one_on_the_right(size):
    for lang, rightmost_first in (("ar", True), ("nl", False)):
        film = script(lang).film
        xs = video.step_centres(film, size)
        assert (xs == sorted(xs, reverse=True)) is rightmost_first
        img = video.step_card(film, size, 0)
        y = round(size[1] - 150 * min(size) / 1080 / 2)
        # the marked dot (filled with the accent colour) is step 1's: right for Arabic
        filled = [x for x in xs if img.getpixel((round(x) - 20, y))[:3] == png.ACCENT]
        assert filled == [xs[0]]
        assert (xs[0] == max(xs)) is rightmost_first


def test_video_is_the_same_bytes_every_time(films, tmp_path):
    s, files = films["nl"]
    again, _ = media.render(s, tmp_path)  # a new, empty cache: encoded again
    assert again["video.mp4"] == files["video.mp4"]
    assert again["listen.mp3"] == files["listen.mp3"]
    assert again["video.vtt"] == files["video.vtt"]


# -- share kit and card ---------------------------------------------------------------

def test_share_text_and_link():
    text = share.share_text("اغسل يديك", ["بلّل يديك.", "ضع الصابون 20 ثانية."], "أسئلة؟",
                            "088 123 4567", "https://gezond.example.nl/ar/handen-wassen/", True)
    lines = text.splitlines()
    assert lines[0] == "\u200f*اغسل يديك*"
    assert lines[2] == "\u200f1. بلّل يديك."  # starts with a digit: still right to left
    assert "088 123 4567" in text and lines[-1] == "https://gezond.example.nl/ar/handen-wassen/"
    link = share.whatsapp_link(text)
    assert link.startswith("https://wa.me/?text=") and " " not in link and "\n" not in link
    assert unquote(link[len("https://wa.me/?text="):]) == text


def test_zip_is_the_same_bytes_for_the_same_files():
    import datetime as dt

    files = {"share.txt": b"hallo", "card.png": b"\x89PNG...", "listen.mp3": b"ID3"}
    a = share.kit_zip(files, dt.date(2026, 10, 12))
    assert a == share.kit_zip(dict(reversed(list(files.items()))), dt.date(2026, 10, 12))
    with zipfile.ZipFile(io.BytesIO(a)) as zf:
        assert zf.namelist() == sorted(files)
        assert zf.read("share.txt") == b"hallo"
        assert zf.getinfo("card.png").date_time == (2026, 10, 12, 0, 0, 0)


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_card_qr_code_leads_to_the_page(lang):
    zxingcpp = pytest.importorskip("zxingcpp")
    from render.test_png import info

    img = png.compose(info(lang), png.FORMATS["card"]).image
    found = [r.text for r in zxingcpp.read_barcodes(img)]
    assert found == [f"https://gezond.example.nl/{lang}/handen-wassen/"]
    # and still when the card is seen 360 px wide on a phone
    small = img.resize((360, 360), Image.LANCZOS)
    assert [r.text for r in zxingcpp.read_barcodes(small)] == found


@pytest.mark.parametrize("lang", ["nl", "ar", "uk"])
def test_card_phone_number_is_14_px_tall_on_a_360_px_phone(lang):
    from render.test_png import info

    fmt = png.FORMATS["card"]
    img = np.asarray(png.compose(info(lang), fmt).image)
    H = fmt.size[1]
    accent = np.all(img == np.array(png.ACCENT), axis=2)
    rows = np.where(accent.any(axis=1))[0]
    rule = rows[(rows > H * 0.5)].min()  # the line above the footer
    digits = np.where(accent[rule + 6:].any(axis=1))[0]  # only the number is accent below
    assert digits.size
    ink_height = digits.max() - digits.min() + 1
    assert ink_height * 360 / fmt.size[0] >= 14, ink_height


def test_a_long_summary_is_left_off_the_title_card_but_a_step_must_fit():
    import dataclasses

    film = script("nl").film
    long = dataclasses.replace(film, summary="Dit is een lange samenvatting. " * 40)
    video.title_card(long, (1080, 1080))  # no error: it is read aloud and subtitled
    too_long = dataclasses.replace(film, steps=((film.steps[0][0], "Wrijf goed. " * 80),))
    with pytest.raises(video.VideoFitError, match=r"content/handen-wassen.md: \[nl\] step 1"):
        video.step_card(too_long, (1080, 1080), 0)


def test_an_unchanged_message_is_not_spoken_or_encoded_again(tmp_path, monkeypatch):
    import dataclasses

    root = tmp_path / "project"
    monkeypatch.setenv("KLAAR_CACHE", str(tmp_path / "cache"))
    first, _ = media.render(script("nl"), root)

    def refuse(*args, **kwargs):
        raise AssertionError("encoded again")

    monkeypatch.setattr(audio, "run_ffmpeg", refuse)
    monkeypatch.setattr(speech, "synthesize", refuse)
    again, _ = media.render(script("nl"), root)
    assert again == first
    changed = script("nl")
    changed = dataclasses.replace(changed, film=dataclasses.replace(changed.film,
                                                                    phone="088 765 4321"))
    with pytest.raises(AssertionError, match="encoded again"):
        media.render(changed, root)  # the end card and its narration changed


@pytest.mark.parametrize("voice, text, said", [
    ("nl", "Wrijf 20 seconden.", "tv#'Int@x"),  # twintig
    ("pl", "Myj ręce przez 20 sekund.", "dvadz;'ES;ts;a"),  # dwadzieścia
    ("uk", "Мийте руки 20 секунд.", "dv'atsjat"),  # двадцять
    ("ar", "افرك يديك 20 ثانية.", "AiSR'u:n"),  # عشرون
    ("nl", speech.spoken("Bel 088 123 4567.", "nl"), "n'8l _! 'Axt _! 'Axt"),  # nul acht acht
])
def test_numbers_are_read_the_way_the_language_reads_them(voice, text, said):
    """What eSpeak NG will say, as phonemes (its own notation), for the texts Klaar gives it."""
    import ctypes

    import espeakng_loader

    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0x8000)
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    assert lib.espeak_SetVoiceByName(voice.encode()) == 0
    pointer = ctypes.pointer(ctypes.c_char_p(text.encode("utf-8")))
    phonemes = []
    while pointer.contents.value:
        phonemes.append(lib.espeak_TextToPhonemes(pointer, 1, 0).decode("utf-8"))
    assert said in " ".join(phonemes)


def test_a_long_address_breaks_after_slashes_and_no_phone_leaves_no_gap():
    import dataclasses

    from render.test_png import info

    long_slug = "wat-je-kunt-doen-als-het-buiten-erg-warm-is-en-je-oud-bent"
    card = dataclasses.replace(info("nl"), phone="",
                               url=f"https://gezond.example.nl/nl/{long_slug}/")
    for fmt in ("card", "poster"):
        rendered = png.compose(card, png.FORMATS[fmt])
        for (x, y, w, h), (left, top, right, bottom) in rendered.text_boxes:
            assert x - 1 <= left and right <= x + w + 1 and y - 1 <= top and bottom <= y + h + 1
    film = dataclasses.replace(script("nl").film, phone="",
                               short_url=f"gezond.example.nl/nl/{long_slug}")
    video.end_card(film, (1080, 1080))
    assert script("nl").contact().text == "Vragen? 088 123 4567"
    s = script("nl")
    s = dataclasses.replace(s, film=dataclasses.replace(s.film, phone=""))
    assert s.contact().text == "Vragen? GGD Voorbeeldregio"


def test_made_in_parallel_the_same_bytes_as_one_by_one(films, tmp_path, monkeypatch):
    monkeypatch.setenv("KLAAR_CACHE", str(tmp_path / "cache"))  # cold: the pool does the work
    scripts = {("handen-wassen", lang): films[lang][0] for lang in ("nl", "ar")}
    made = media.render_all(scripts, tmp_path)
    for lang in ("nl", "ar"):
        files, kind = made[("handen-wassen", lang)]
        assert kind == "synthetic" and files == films[lang][1]
