"""A shared LibreTranslate server as the engine: a real server on 127.0.0.1, serving the
tiny test models, translated through with the same protection, memory and states."""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import polib
import pytest

from toolkit.catalog import State, machine_info, state

from .tinymodel import build_package

pytest.importorskip("onnx", reason="onnx is needed to build the test models")


def _executable() -> str | None:
    """LibreTranslate lives in its own environment (its pins clash with Klaar's):
    KLAAR_LIBRETRANSLATE names the executable, else `libretranslate` on the PATH."""
    return os.environ.get("KLAAR_LIBRETRANSLATE") or shutil.which("libretranslate")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    exe = _executable()
    if not exe:
        pytest.skip("LibreTranslate is not installed (set KLAAR_LIBRETRANSLATE; .ci/run does)")
    home = tmp_path_factory.mktemp("lt")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(home / "packages"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_CONFIG_HOME": str(home / "config"), "HOME": str(home)}
    for a, b in (("nl", "en"), ("en", "ar")):
        with zipfile.ZipFile(build_package(home, a, b)) as zf:
            zf.extractall(home / "packages")
    port = _free_port()
    log = (home / "server.log").open("w")
    proc = subprocess.Popen([exe, "--host", "127.0.0.1", "--port", str(port),
                             "--load-only", "nl,en,ar", "--disable-web-ui"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("LibreTranslate stopped: " + (home / "server.log").read_text()[-3000:])
        try:
            with urllib.request.urlopen(url + "/languages", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail("LibreTranslate did not start: " + (home / "server.log").read_text()[-3000:])
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _use_server(project: Path, url: str) -> None:
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8")
                    + f'\n[mt]\nengine = "libretranslate"\nurl = "{url}"\n', encoding="utf-8")


def _clear(project: Path, lang: str) -> None:
    path = project / f"translations/{lang}.po"
    po = polib.pofile(str(path))
    for e in po:
        e.msgstr, e.tcomment = "", None
        e.flags = [f for f in e.flags if f != "fuzzy"]
    po.save(str(path))


def test_drafts_come_from_a_real_libretranslate_server(project, run, server):
    _use_server(project, server)
    _clear(project, "ar")
    result = run(project, "translate", "--lang", "ar", "--lang", "tr")
    assert result.code == 0, result.err
    po = {e.msgctxt or e.msgid: e for e in polib.pofile(str(project / "translations/ar.po"))
          if not e.obsolete}
    content = [e for e in po.values() if e.msgctxt is not None]
    assert content and all(state(e) in (State.MACHINE, State.NEEDS_REVIEW) for e in content)
    # the interface texts the toolkit translates itself are not sent to the server
    interface = [e for e in po.values() if e.msgctxt is None]
    assert interface and all(state(e) is State.UNTRANSLATED for e in interface)
    host = server.split("//")[1]
    assert machine_info(po["hitte:title"]).startswith(f"libretranslate nl→ar (server {host})")
    # protected spans come back unchanged, whatever the nonsense model makes of the rest
    step = po["hitte:step-1"]  # "Drink elke dag 1,5 tot 2 liter water."
    assert "1,5" in step.msgstr and "2" in step.msgstr
    assert "the LibreTranslate server at" in result.out and "nl→tr" in result.out
    again = run(project, "translate", "--lang", "ar")
    assert "0 sent to the engine" in again.out  # the memory spares the server


def test_unreachable_server_is_one_line(project, run):
    _use_server(project, "http://127.0.0.1:9")
    _clear(project, "ar")
    result = run(project, "translate", "--lang", "ar")
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "cannot reach the LibreTranslate server at http://127.0.0.1:9 ([Errno 111] "
        "Connection refused); is it running, and is site.toml [mt] url right?"]


def test_libretranslate_needs_an_address(project, run):
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8") + '\n[mt]\nengine = "libretranslate"\n',
                    encoding="utf-8")
    result = run(project, "translate", "--lang", "ar")
    assert result.code == 1 and "mt.url: engine = \"libretranslate\" needs" in result.err

