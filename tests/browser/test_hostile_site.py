"""The hostile project's site in Chromium: every page and every SVG opened, nothing runs.

Every payload in tests/hostile.py sets window.__pwned, sets the title to PWNED or opens
an alert. The site is served from 127.0.0.1 (so an SVG opened on its own has the site's
origin, as it would when published) and each file is opened as a reader would.
"""

import functools
import http.server
import threading

import pytest
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException  # noqa: E402

from hostile import make_hostile
from toolkit import pipeline

from .test_preview import (
    new_browser,  # noqa: F401 (skips without Chromium)
    pytestmark,  # noqa: F401
)


@pytest.fixture
def hostile_server(project):
    make_hostile(project, refused=False)
    site = pipeline.run(project)
    assert "hostile" in site.published["en"]
    root = project / "_site"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def ran(driver) -> str | None:
    """What a payload did on the open page, or None."""
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        return f"alert {text!r}"
    except NoAlertPresentException:
        pass
    try:
        pwned = driver.execute_script("return window.__pwned === undefined ? null : "
                                      "String(window.__pwned)")
        title = driver.title
    except UnexpectedAlertPresentException as exc:
        return f"alert {exc.alert_text!r}"
    if pwned is not None:
        return f"window.__pwned = {pwned}"
    if title == "PWNED":  # the payload sets exactly this; the text may contain it
        return f"title {title!r}"
    return None


def test_no_script_runs_on_any_page_or_svg(hostile_server):
    root, origin = hostile_server
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                   if p.suffix in (".html", ".svg"))
    assert "en/hostile/index.html" in files and "pictograms/hostile.svg" in files
    driver = new_browser()
    try:
        # the SVG tag is what a reader could open; the page is where the payload sat
        found = {}
        for rel in files:
            try:
                driver.get(origin + rel)
                result = ran(driver)
            except UnexpectedAlertPresentException as exc:
                result = f"alert {exc.alert_text!r}"
            if result:
                found[rel] = result
        # a control: the same browser does notice a payload that does run
        driver.get(origin + "en/hostile/index.html")
        driver.execute_script("window.__pwned = true")
        assert ran(driver) == "window.__pwned = true"
    finally:
        driver.quit()
    assert found == {}
