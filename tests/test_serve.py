"""The preview server against hostile and malformed requests, over raw sockets.

A live server on 127.0.0.1 (no browser): every answer must be a whole HTTP response with
the right status, never a dropped connection, and must carry the security headers.
"""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import polib
import pytest

from conftest import assert_clean_po, copy_project
from toolkit.catalog import State, set_machine_draft, state

ARABIC = "أغلق الستائر خلال النهار."


def make_draft(project: Path, ctxt: str = "hitte:step-2") -> None:
    path = project / "translations/ar.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == ctxt)
    set_machine_draft(entry, entry.msgstr, "argos nl→en→ar (test) 2026-11-23")
    po.save(str(path))


class Live:
    """A running PreviewServer and small ways of talking to it."""

    def __init__(self, project: Path):
        from toolkit.serve import PreviewServer

        self.project = project
        self.srv = PreviewServer(project, "127.0.0.1", 0)
        self.port = self.srv.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def raw(self, data: bytes) -> tuple[int, dict[str, str], bytes]:
        """Send bytes as they are; parse the answer (fails if the connection is dropped)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            out = b""
            while chunk := s.recv(65536):
                out += chunk
        head, sep, body = out.partition(b"\r\n\r\n")
        assert sep, f"no complete HTTP answer to {data[:80]!r}: {out[:200]!r}"
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
        return status, headers, body

    def get(self, path: str, host: str | None = None, extra: str = "") -> tuple[int, dict, bytes]:
        host = host if host is not None else f"127.0.0.1:{self.port}"
        return self.raw(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}"
                        "Connection: close\r\n\r\n".encode("latin-1"))

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.read().decode("utf-8", errors="replace")
        finally:
            conn.close()

    def form(self, key: str, lang: str = "ar") -> dict[str, str]:
        """Token and version of one entry, as the review screen shows them now."""
        _, _, body = self.get(f"/review/{lang}/")
        html = body.decode("utf-8")
        token = re.search(r'name="token" value="([^"]+)"', html).group(1)
        block = html[html.index(f'name="key" value="{key}"'):]
        version = re.search(r'name="version" value="([^"]+)"', block).group(1)
        return {"token": token, "key": key, "version": version}

    def save(self, fields: dict[str, str], lang: str = "ar", origin: str | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", f"/review/{lang}/save", body, {
            "Origin": origin or self.origin,
            "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})

    def close(self):
        self.srv.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """One server for the tests that only read, or refuse to write."""
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    make_draft(project)
    server = Live(project)
    yield server
    server.close()


@pytest.fixture
def fresh(project):
    """A server on a project of its own, for tests that save."""
    make_draft(project)
    server = Live(project)
    yield server
    server.close()


def po_entry(project: Path, ctxt: str, lang: str = "ar") -> polib.POEntry:
    return next(e for e in polib.pofile(str(project / f"translations/{lang}.po"))
                if e.msgctxt == ctxt)


# -- Host and Origin ---------------------------------------------------------------------

def test_another_host_gets_no_page_and_no_token(live):
    """DNS rebinding: evil.example pointed at 127.0.0.1 must not read the review screen."""
    for host in ("evil.example", f"evil.example:{live.port}", "127.0.0.1", "127.0.0.1:1",
                 f"localhost.evil.example:{live.port}", f"127.0.0.2:{live.port}"):
        status, headers, body = live.get("/review/ar/", host=host)
        assert status in (400, 421), host
        assert live.srv.preview.token.encode() not in body
        assert "default-src" in headers["content-security-policy"]
    status, _, _ = live.raw(b"GET /review/ar/ HTTP/1.0\r\n\r\n")  # no Host at all
    assert status == 400
    status, _, _ = live.raw(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
                            f"Host: evil.example\r\n\r\n".encode())
    assert status == 400


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_every_loopback_name_is_this_server(live, name):
    status, _, body = live.get("/review/ar/", host=f"{name}:{live.port}")
    assert status == 200 and b"hitte:step-2" in body


def test_save_from_localhost_origin_is_accepted(fresh):
    fields = {**fresh.form("hitte:step-2"), "translation": ARABIC, "action": "approve"}
    status, html = fresh.save(fields, origin=f"http://localhost:{fresh.port}",
                              headers={"Host": f"localhost:{fresh.port}"})
    assert status == 200 and "Saved." in html
    entry = po_entry(fresh.project, "hitte:step-2")
    assert state(entry) is State.REVIEWED and entry.msgstr == ARABIC


def test_saves_from_other_origins_are_refused(live):
    before = (live.project / "translations/ar.po").read_bytes()
    fields = {**live.form("hitte:step-2"), "translation": "x", "action": "approve"}
    for origin in ("http://evil.example", f"http://evil.example:{live.port}", "null",
                   f"http://localhost:{live.port + 1}", f"https://127.0.0.1:{live.port}",
                   f"http://127.0.0.1:{live.port}/review/"):
        assert live.save(fields, origin=origin)[0] == 403, origin
    # no Origin: the Referer must be the review screen of this server
    body = urllib.parse.urlencode(fields)
    ctype = {"Content-Type": "application/x-www-form-urlencoded"}
    assert live.request("POST", "/review/ar/save", body, {
        **ctype, "Referer": f"http://evil.example:{live.port}/review/ar/"})[0] == 403
    assert live.request("POST", "/review/ar/save", body, ctype)[0] == 403
    assert (live.project / "translations/ar.po").read_bytes() == before


# -- request bodies ----------------------------------------------------------------------

def post_raw(live: Live, length_header: str | None, body: bytes = b"",
             ctype: str = "application/x-www-form-urlencoded") -> int:
    head = (f"POST /review/ar/save HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
            f"Origin: {live.origin}\r\nContent-Type: {ctype}\r\n")
    if length_header is not None:
        head += f"Content-Length: {length_header}\r\n"
    return live.raw(head.encode() + b"\r\n" + body)[0]


def test_content_length_is_checked_before_anything_is_read(live):
    before = (live.project / "translations/ar.po").read_bytes()
    assert post_raw(live, None, b"token=x") == 411
    assert post_raw(live, "-1", b"token=x") == 400
    assert post_raw(live, "abc", b"token=x") == 400
    assert post_raw(live, "1e3", b"token=x") == 400
    assert post_raw(live, "99999999999999999999", b"token=x") == 400
    assert post_raw(live, str(64 * 1024 + 1)) == 413  # refused without waiting for a body
    assert post_raw(live, "7", b"token=x", ctype="text/plain") == 415
    chunked = (f"POST /review/ar/save HTTP/1.1\r\nHost: 127.0.0.1:{live.port}\r\n"
               f"Origin: {live.origin}\r\nTransfer-Encoding: chunked\r\n\r\n"
               "7\r\ntoken=x\r\n0\r\n\r\n").encode()
    assert live.raw(chunked)[0] == 411
    assert (live.project / "translations/ar.po").read_bytes() == before


def test_malformed_forms_are_answered_400(live):
    fields = {**live.form("hitte:step-2"), "action": "approve"}
    good = urllib.parse.urlencode({**fields, "translation": "ok"}).encode()
    bad_bodies = [
        good + b"&translation=%FF%FE",  # not UTF-8 once decoded
        good.replace(b"translation=ok", b"translation=\xff\xfe"),  # raw non-UTF-8
        good.replace(b"translation=ok", b"translation=%zz"),  # bad percent-encoding
        good.replace(b"translation=ok", b"translation=a%00b"),  # NUL in the text
        good.replace(b"translation=ok", b"translation=a%07b"),  # another control character
        good + b"&translation=twice",  # a field sent twice
    ]
    before = (live.project / "translations/ar.po").read_bytes()
    for body in bad_bodies:
        assert post_raw(live, str(len(body)), body) == 400, body[-40:]
    assert (live.project / "translations/ar.po").read_bytes() == before


def test_a_request_that_stops_early_is_refused(live):
    assert post_raw(live, "100", b"token=x") == 400  # 7 of 100 bytes, then the end


@pytest.mark.parametrize("target", ["/%00", "/nl/%00/", "/%zz", "/%ff", "/%e2%82",
                                    "/nl/hitte/?q=%ff", "/?q=%zz", "/nl/hitte%0a/",
                                    "*", "/review/%00/"])
def test_malformed_addresses_are_answered_400(live, target):
    status, headers, _ = live.get(target)
    assert status == 400
    assert headers["x-frame-options"] == "DENY"


def test_paths_outside_the_site_are_not_served(live):
    for target in ("/../site.toml", "/%2e%2e/%2e%2e/site.toml", "/nl/../../site.toml"):
        status, _, body = live.get(target)
        assert status in (400, 404)
        assert (live.project / "site.toml").read_bytes()[:40] not in body


def test_the_server_keeps_answering_after_garbage(live):
    for junk in (b"\x00\x01\x02\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                 b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nbad header line\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", live.port), timeout=10) as s:
            s.sendall(junk)
            s.shutdown(socket.SHUT_WR)
            s.recv(65536)
    assert live.get("/nl/hitte/")[0] == 200


# -- Content-Security-Policy and framing -------------------------------------------------

def csp(headers: dict[str, str]) -> dict[str, str]:
    return {d.split()[0]: d.strip() for d in headers["content-security-policy"].split(";")}


def test_pages_run_only_the_servers_own_script(live):
    status, headers, body = live.get("/nl/hitte/")
    assert status == 200
    policy = csp(headers)
    assert policy["script-src"] == "script-src 'self'"
    assert policy["default-src"] == "default-src 'self'"
    assert "unsafe-inline" not in headers["content-security-policy"]
    html = body.decode("utf-8")
    assert '<script src="/__klaar/reload.js"></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "an inline script would be blocked"
    assert not re.search(r"\sstyle=|<style", html), "an inline style would be blocked"
    status, headers, script = live.get("/__klaar/reload.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert b"/__klaar/events" in script


def test_svg_files_get_a_policy_without_script(live):
    svg = next((live.project / "pictograms").rglob("*.svg"))
    status, headers, _ = live.get("/pictograms/" + svg.name)
    assert status == 200, svg
    assert headers["content-type"] == "image/svg+xml"
    assert csp(headers)["default-src"] == "default-src 'none'"
    assert "script-src" not in headers["content-security-policy"]


def test_review_screen_cannot_be_framed(live):
    for path in ("/review/", "/review/ar/"):
        status, headers, body = live.get(path)
        assert status == 200
        assert headers["x-frame-options"] == "DENY"
        assert csp(headers)["frame-ancestors"] == "frame-ancestors 'none'"
        assert b"<style" not in body and b' style="' not in body
    assert live.get("/__klaar/review.css")[1]["content-type"].startswith("text/css")


# -- saves under concurrency -------------------------------------------------------------

def at_once(jobs):
    """Run the callables in threads released together; their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        results[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # 24+ texts that differ without digits


def test_same_entry_approved_24_times_at_once_exactly_one_wins(fresh):
    fields = {**fresh.form("hitte:step-2"), "action": "approve"}
    texts = [f"أغلق الستائر يا {LETTERS[i]}." for i in range(24)]
    results = at_once([lambda t=t: fresh.save({**fields, "translation": t}) for t in texts])
    statuses = [s for s, _ in results]
    assert statuses.count(200) == 1 and statuses.count(409) == 23, statuses
    winner = texts[statuses.index(200)]
    entry = po_entry(fresh.project, "hitte:step-2")
    assert entry.msgstr == winner and state(entry) is State.REVIEWED
    for text, (status, html) in zip(texts, results):
        if status == 409:  # both versions shown: the saved one, and the refused one
            assert f'class="theirs">{winner}</span>' in html
            assert f'class="yours">{text}</span>' in html
    assert_clean_po(fresh.project / "translations/ar.po")


def test_different_entries_approved_at_once_are_all_saved(fresh):
    path = fresh.project / "translations/ar.po"
    po = polib.pofile(str(path))
    drafts = {}  # every translated entry becomes a machine draft, to approve as it is
    for e in po:
        if not e.obsolete and e.msgctxt and e.msgstr:
            set_machine_draft(e, e.msgstr, "argos nl→en→ar (test) 2026-11-23")
            drafts[e.msgctxt] = e.msgstr
    po.save(str(path))
    keys = sorted(drafts)
    assert len(keys) >= 20
    forms = {k: fresh.form(k) for k in keys}
    results = at_once([lambda k=k: fresh.save({**forms[k], "translation": drafts[k],
                                               "action": "approve"}) for k in keys])
    assert [s for s, _ in results] == [200] * len(keys)
    assert all("Saved." in html for _, html in results)
    for k in keys:
        entry = po_entry(fresh.project, k)
        assert entry.msgstr == drafts[k] and state(entry) is State.REVIEWED, k
    assert_clean_po(path)


# -- the watcher survives any error --------------------------------------------------------

def wait_for(condition, timeout=90.0):  # generous: CI machines can be slow
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_unexpected_build_error_is_shown_and_the_preview_recovers(fresh, monkeypatch):
    """A failure no check foresaw (here: the pipeline itself raising) is shown in the
    page with its file, and the next successful build clears it."""
    import toolkit.pipeline

    real_run = toolkit.pipeline.run
    broken = fresh.project / "content/hitte.md"

    def crashing_run(root, **kwargs):
        path = broken  # the file being worked on when it failed  # noqa: F841
        raise RuntimeError("something nobody expected")

    generation = fresh.srv.preview.generation
    monkeypatch.setattr(toolkit.pipeline, "run", crashing_run)
    fresh.srv.preview.build()
    assert fresh.srv.preview.generation == generation + 1
    _, _, body = fresh.get("/nl/hitte/")
    html = body.decode("utf-8")
    assert "The build failed" in html
    assert "content/hitte.md: unexpected error (RuntimeError): something nobody expected" in html
    assert "Van hitte kun je ziek worden" not in html  # no stale advice
    monkeypatch.setattr(toolkit.pipeline, "run", real_run)
    fresh.srv.preview.build()
    assert "The build failed" not in fresh.get("/nl/hitte/")[2].decode("utf-8")


def test_watcher_keeps_watching_after_a_control_character_in_a_message(fresh):
    path = fresh.project / "content/hitte.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("title: Het is heel warm", "title: Het is heel\x07 warm"),
                    encoding="utf-8")

    def page():
        return fresh.get("/nl/hitte/")[2].decode("utf-8")

    assert wait_for(lambda: "The build failed" in page()), page()[:500]
    assert "content/hitte.md" in page()
    path.write_text(good.replace("title: Het is heel warm", "title: Het is erg warm"),
                    encoding="utf-8")
    assert wait_for(lambda: "Het is erg warm" in page() and "The build failed" not in page())


def test_watcher_keeps_watching_after_a_broken_pictogram(fresh):
    svg = fresh.project / "pictograms/klaar/glass-of-water.svg"  # a step of content/hitte.md
    good = svg.read_bytes()
    svg.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>")

    def page():
        return fresh.get("/nl/hitte/")[2].decode("utf-8")

    assert wait_for(lambda: "The build failed" in page()), page()[:500]
    assert "<code>pictograms/klaar/glass-of-water.svg:" in page()  # the file is named
    svg.write_bytes(good)
    assert wait_for(lambda: "The build failed" not in page())
    path = fresh.project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Het is heel warm", "title: Het is erg warm"), encoding="utf-8")
    assert wait_for(lambda: "Het is erg warm" in page())


def caught(function, *args) -> Exception:
    try:
        function(*args)
    except Exception as exc:
        return exc
    raise AssertionError("no exception")


def fails_on(path):
    raise ValueError("bad bytes")


def fails():
    raise RuntimeError("drawing failed")


def test_an_unforeseen_error_is_blamed_on_the_right_file(project):
    from toolkit.unexpected import unexpected_problem

    # a frame was working on the file
    exc = caught(fails_on, project / "content/hitte.md")
    assert unexpected_problem(exc, project).path == "content/hitte.md"
    # the exception names a file, but not one of the project's: none is blamed
    exc = caught(open, project / "translations/missing.po")
    assert unexpected_problem(exc, project).path == "build"
    # nothing in the traceback: the one file changed just before is blamed
    exc = caught(fails)
    problem = unexpected_problem(exc, project, (project / "pictograms/klaar/sun.svg",))
    assert problem.path == "pictograms/klaar/sun.svg"
    assert problem.message == "unexpected error (RuntimeError): drawing failed"
    assert unexpected_problem(exc, project).path == "build"


def test_a_missing_address_gets_the_sites_404_page(live):
    status, _, body = live.get("/ar/no-such-message/")
    assert status == 404
    assert "هذه الصفحة غير موجودة." in body.decode("utf-8")
    status, _, body = live.get("/no-such-page.html")
    assert status == 404 and b"Deze pagina bestaat niet." in body
    # Preview addresses start at the server: the page's links work there.
    assert b'href="/static/style.css"' in body
