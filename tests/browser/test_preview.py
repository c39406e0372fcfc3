"""The preview and the review screen in a real browser (Debian's Chromium, headless)."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import polib
import pytest

from conftest import REPO, assert_clean_po
from toolkit.catalog import State, set_machine_draft, state

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian chromium and chromium-driver not installed")
SHOTS = os.environ.get("KLAAR_SCREENSHOTS")


def make_draft(project, ctxt="hitte:step-2"):
    path = project / "translations/ar.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == ctxt)
    set_machine_draft(entry, entry.msgstr, "argos nl→en→ar (test) 2026-11-23")
    po.save(str(path))


@pytest.fixture
def server(project):
    from toolkit.serve import PreviewServer

    make_draft(project)
    srv = PreviewServer(project, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.close()


def new_browser(width=1200, height=1000):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic",
                f"--window-size={width},{height}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture
def browser():
    driver = new_browser()
    yield driver
    driver.quit()


def wait(driver, condition, timeout=30):
    # The preview reloads the page when it rebuilds: an element found just before the
    # reload is stale when it is read, so look again instead of failing.
    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(StaleElementReferenceException,)
                         ).until(lambda d: condition(d))


def post(origin, path, data, headers=None):
    body = urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(origin + path, data=body, method="POST",
                                 headers={"Origin": origin, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def form_fields(html, key):
    block = html[html.index(f'value="{key}"') - 400:]
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    version = re.search(r'name="version" value="([^"]+)"', block).group(1)
    return token, version


def test_editing_a_dutch_file_reloads_the_open_page(server, browser, project):
    browser.get(server.origin + "/nl/hitte/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Het is heel warm"
    time.sleep(1)  # let the page subscribe to the events
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Het is heel warm", "title: Het is erg warm"), encoding="utf-8")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Het is erg warm")


def test_build_error_shows_on_the_page_and_other_pages_keep_working(server, browser, project):
    browser.get(server.origin + "/nl/hitte/")
    time.sleep(1)
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace("summary:", "sumary:"),
                    encoding="utf-8")
    wait(browser, lambda d: "The build failed" in d.page_source)
    assert "content/hitte.md:3: unknown key 'sumary'" in browser.page_source
    assert "Van hitte kun je ziek worden" not in browser.page_source  # no stale advice
    browser.get(server.origin + "/nl/griepprik/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "De griepprik"


def test_approving_an_arabic_entry_saves_it_as_reviewed_and_publishes_it(server, browser,
                                                                         project):
    from toolkit.pipeline import run

    browser.get(server.origin + "/review/ar/")
    form = browser.find_element(By.XPATH, '//input[@value="hitte:step-2"]/..')
    area = form.find_element(By.TAG_NAME, "textarea")
    assert area.get_attribute("dir") == "rtl"
    area.clear()
    area.send_keys("أغلق الستائر خلال النهار.")
    form.find_element(By.CSS_SELECTOR, 'button[value="approve"]').click()
    wait(browser, lambda d: "Saved." in d.page_source)
    entry = next(e for e in polib.pofile(str(project / "translations/ar.po"))
                 if e.msgctxt == "hitte:step-2")
    assert state(entry) is State.REVIEWED and entry.msgstr == "أغلق الستائر خلال النهار."
    assert_clean_po(project / "translations/ar.po")
    run(project)
    html = (project / "_site/ar/hitte/index.html").read_text(encoding="utf-8")
    assert "أغلق الستائر خلال النهار." in html


def test_two_translators_saving_the_same_entry_the_second_is_refused(server, browser,
                                                                    project):
    browser.get(server.origin + "/review/ar/")
    token, version = form_fields(browser.page_source, "hitte:step-2")
    status, _ = post(server.origin, "/review/ar/save",
                     {"token": token, "key": "hitte:step-2", "version": version,
                      "translation": "أغلق الستائر في النهار دائماً.", "action": "approve"})
    assert status == 200  # the first translator's save
    form = browser.find_element(By.XPATH, '//input[@value="hitte:step-2"]/..')
    area = form.find_element(By.TAG_NAME, "textarea")
    area.clear()
    area.send_keys("نص آخر.")
    form.find_element(By.CSS_SELECTOR, 'button[value="approve"]').click()
    wait(browser, lambda d: "Someone else saved this entry" in d.page_source)
    assert "أغلق الستائر في النهار دائماً." in browser.find_element(
        By.CSS_SELECTOR, ".theirs").text
    entry = next(e for e in polib.pofile(str(project / "translations/ar.po"))
                 if e.msgctxt == "hitte:step-2")
    assert entry.msgstr == "أغلق الستائر في النهار دائماً."  # nothing overwritten


def test_forged_requests_are_refused(server, project):
    html = urllib.request.urlopen(server.origin + "/review/ar/", timeout=10).read().decode()
    token, version = form_fields(html, "hitte:step-2")
    data = {"token": token, "key": "hitte:step-2", "version": version,
            "translation": "x", "action": "approve"}
    assert post(server.origin, "/review/ar/save", data,
                {"Origin": "http://evil.example"})[0] == 403
    assert post(server.origin, "/review/ar/save", {**data, "token": "guess"})[0] == 403
    assert post(server.origin, "/review/ar/save", {**data, "translation": "x" * 70000})[0] \
        == 413
    assert post(server.origin, "/review/xx/save", data)[0] == 404
    before = (project / "translations/ar.po").read_bytes()
    assert (project / "translations/ar.po").read_bytes() == before
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(server.origin + "/%2e%2e/%2e%2e/site.toml", timeout=10)


PAGES = ["/", "/nl/hitte/", "/ar/hitte/", "/review/ar/"]


def test_no_serious_accessibility_violations(server, browser):
    axe = Path(__import__("axe_selenium_python").__file__).parent / \
        "node_modules/axe-core/axe.min.js"
    script = axe.read_text(encoding="utf-8")
    for page in PAGES:
        browser.get(server.origin + page)
        browser.execute_script(script)
        result = browser.execute_async_script(
            "var done = arguments[0]; axe.run().then(function (r) { done(r.violations); });")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result
               if v["impact"] in ("serious", "critical")]
        assert bad == [], (page, bad)


def test_phone_width_has_no_horizontal_scrolling_and_screenshots(server):
    driver = new_browser(360, 900)  # the window; the page's viewport is set below
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 320, "height": 800, "deviceScaleFactor": 2, "mobile": True})
        for page in PAGES:
            driver.get(server.origin + page)
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= 320, (page, width)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            for page, name in (("/nl/hitte/", "nl-message"), ("/ar/hitte/", "ar-message")):
                driver.get(server.origin + page)
                driver.save_screenshot(str(Path(SHOTS) / f"{name}-320.png"))
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": 900, "height": 1100, "deviceScaleFactor": 1, "mobile": False})
            driver.get(server.origin + "/review/ar/")
            driver.save_screenshot(str(Path(SHOTS) / "review-ar.png"))
    finally:
        driver.quit()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_killing_the_server_during_saves_never_breaks_the_po_file(project):
    make_draft(project)
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port",
                             str(port), "-C", str(project)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    origin = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(origin + "/review/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        saves = 0
        stop = time.monotonic() + 2.0
        killed = False
        while time.monotonic() < stop + 5 and not killed:
            try:
                html = urllib.request.urlopen(origin + "/review/ar/", timeout=5).read().decode()
                token, version = form_fields(html, "hitte:step-2")
                post(origin, "/review/ar/save", {
                    "token": token, "key": "hitte:step-2", "version": version,
                    "translation": f"أغلق الستائر {'في النهار' * (saves % 7 + 1)}.",
                    "action": "discuss", "note": f"save {saves}"})
                saves += 1
            except (OSError, ValueError):
                pass
            if time.monotonic() > stop and not killed:
                proc.send_signal(signal.SIGKILL)
                killed = True
        assert saves > 3
    finally:
        proc.kill()
        proc.wait()
    assert_clean_po(project / "translations/ar.po")  # whole, valid, and what polib writes


def test_review_screen_works_with_the_keyboard_alone(server, browser, project):
    from selenium.webdriver.common.keys import Keys

    browser.get(server.origin + "/review/ar/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(30):  # Tab until the first "Approve" button has the focus
        active = browser.switch_to.active_element
        if active.tag_name == "button" and active.get_attribute("value") == "approve":
            break
        active.send_keys(Keys.TAB)
    else:
        pytest.fail("the Approve button cannot be reached with Tab")
    ring = browser.execute_script(
        "var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
    assert ring == ["solid", "3px"]  # the screen's own visible focus ring
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser, lambda d: "Saved." in d.page_source)
    entry = next(e for e in polib.pofile(str(project / "translations/ar.po"))
                 if e.msgctxt == "hitte:step-2")
    assert state(entry) is State.REVIEWED
