"""The listen and watch players in a real browser (Debian's Chromium, headless): the audio
and the video a build makes load and play, and the subtitles parse."""

import re
import subprocess
import time

import pytest

from toolkit.render import audio

from .test_preview import CHROMIUM, DRIVER, SHOTS, wait

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian chromium and chromium-driver not installed")


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-sync", "--allow-file-access-from-files",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--window-size=900,1400"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def site(project, run):
    """The example site with one message (to keep the test short)."""
    for md in (project / "content").glob("*.md"):
        if md.stem != "handen-wassen":
            md.unlink()
    result = run(project, "build")
    assert result.code == 0, result.err
    return project / "_site"


def file_seconds(path) -> float:
    err = subprocess.run([audio.ffmpeg(), "-hide_banner", "-i", str(path)],
                         capture_output=True, text=True).stderr
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", err).groups()
    return int(h) * 3600 + int(m) * 60 + float(s)


MEDIA_STATE = """
return [...document.querySelectorAll('audio, video')].map(e => ({
  src: e.getAttribute('src'), ready: e.readyState, duration: e.duration,
  error: e.error && e.error.code,
  label: e.getAttribute('aria-labelledby') &&
         document.getElementById(e.getAttribute('aria-labelledby')).textContent.trim()}));
"""


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_audio_and_video_load_and_play(site, browser, lang):
    page = site / lang / "handen-wassen" / "index.html"
    browser.get(page.as_uri())
    # preload="none" on the steps: ask every player to load, as a press on play would
    browser.execute_script("document.querySelectorAll('audio, video').forEach(e => e.load())")
    wait(browser, lambda d: all(m["ready"] == 4 or m["error"]
                                for m in d.execute_script(MEDIA_STATE)))
    players = browser.execute_script(MEDIA_STATE)
    srcs = [p["src"] for p in players]
    assert srcs == ["listen.mp3", "step-1.mp3", "step-2.mp3", "step-3.mp3", "step-4.mp3",
                    "step-5.mp3", "video.mp4"]
    for p in players:
        assert p["error"] is None and p["ready"] == 4, p
        assert p["label"], p  # every player has a visible name
        assert abs(p["duration"] - file_seconds(page.parent / p["src"])) < 0.1, p
    # the video plays, and its subtitles are parsed into one cue per card
    browser.execute_script("document.querySelector('video').play()")
    wait(browser, lambda d: d.execute_script("return document.querySelector('video').currentTime")
         > 0.5)
    cues = browser.execute_script(
        "const t = document.querySelector('video').textTracks[0]; t.mode = 'showing';"
        "return t.cues ? t.cues.length : -1")
    wait(browser, lambda d: d.execute_script(
        "return document.querySelector('video').textTracks[0].cues.length") == 2 + 5)
    assert cues in (-1, 0, 7)
    # the share block: the text is selectable as one block, the link opens WhatsApp
    text = browser.find_element(By.CSS_SELECTOR, ".share-text").text
    assert "088 123 4567" in text and f"/{lang}/handen-wassen/" in text
    link = browser.find_element(By.CSS_SELECTOR, ".share a.button").get_attribute("href")
    assert link.startswith("https://wa.me/?text=")
    if SHOTS:
        browser.execute_script("document.querySelector('video').pause();"
                               "document.querySelector('video').currentTime = 0;"
                               "document.querySelector('.listen').scrollIntoView()")
        time.sleep(0.5)
        browser.save_screenshot(f"{SHOTS}/{lang}-listen.png")
