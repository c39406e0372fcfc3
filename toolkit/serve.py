"""Local preview with live reload, and the review screen, on 127.0.0.1.

The preview builds with machine drafts (under their banner) and with the readability
report on each message page, into .klaar/preview/ (never the public site). It watches
content/, templates/, pictograms/, translations/ and site.toml, rebuilds on every change
(images and leaflets come from the cache unless their inputs changed, so a rebuild takes
about a second) and tells open pages to reload through server-sent events. A failed build keeps serving the
last good pages, with the errors (file, line, message) shown on every page; the page of
a message with an error shows the error instead of stale advice. Any error, even one
the toolkit did not foresee, is shown that way, and the watcher keeps watching.

Safety (see README, "Safety"): binds to loopback unless told otherwise (and then warns
loudly); answers only requests whose Host is this server's own address (no DNS
rebinding); review forms carry a token and must come from this server's own origin;
request bodies are limited and every malformed request is answered 400, never a dropped
connection; every response carries a strict Content-Security-Policy and may not be
framed; only the project's own catalogs are written, under their lock, atomically.
"""

from __future__ import annotations

import hmac
import html
import logging
import mimetypes
import re
import secrets
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .config import load_config
from .errors import BuildErrors, KlaarError, Problem
from .serve_http import (
    LOOPBACK,
    MAX_BODY,
    PAGE_CSP,
    SVG_CSP,
    WILDCARD,
    Addresses,
    BadRequest,
    checked_target,
    parse_form,
)
from .staff_language import _, active, ngettext
from .unexpected import unexpected_problem
from .workdirs import PREVIEW

log = logging.getLogger("klaar")

SLOW_OUTPUTS = frozenset({"infographic", "leaflet", "media", "share"})  # made after the pages in the preview
WATCHED = ("content", "templates", "pictograms", "translations", "site.toml")
STATIC = Path(__file__).parent / "static"
ASSETS = {  # the server's own files, under a prefix no site page can have
    "/__klaar/reload.js": ("reload.js", "text/javascript; charset=utf-8"),
    "/__klaar/panel.css": ("panel.css", "text/css; charset=utf-8"),
    "/__klaar/review.css": ("review.css", "text/css; charset=utf-8"),
}
FONT_ASSETS = "/__klaar/fonts/"  # + a name in WEB_FONTS
RELOAD_SCRIPT = '<script src="/__klaar/reload.js"></script>'
PANEL_STYLE = '<link rel="stylesheet" href="/__klaar/panel.css">'
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


class Preview:
    """Builds the preview, watches the sources and tells pages when to reload."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        # Its own folder, never the public site; kept, so the next preview starts fast.
        self.out = self.root / PREVIEW
        self.problems: list[Problem] = []
        self.generation = 0
        self.changed = threading.Condition()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.watching = threading.Event()  # set once changes are being seen
        self.token = secrets.token_urlsafe(32)

    def build(self, changed: tuple[Path, ...] = (), progress=None) -> None:
        """Rebuild; any failure, foreseen or not, becomes problems shown in the pages.
        `changed`: the files changed since the last build, to help name a culprit.
        `progress`: a progress.Progress to show the stages on (the first build).

        Pages first: a changed message's page is back in the browser before its images
        and leaflets are made, in a second pass with every core."""
        from .tasks import default_jobs

        with self.lock:
            site = self._run(changed, defer=SLOW_OUTPUTS, progress=progress)
        self._published(_("rebuilt"))
        deferred = site.counts.deferred if site is not None and site.counts else 0
        if deferred and not self.stop.is_set():
            with self.lock:
                self._run(changed, jobs=default_jobs(), progress=progress)
            self._published(_("images and leaflets made ({n})").format(n=deferred))

    def _run(self, changed: tuple[Path, ...], **options):
        """One build into the preview folder; the site, or None with self.problems set."""
        from .pipeline import run

        try:
            site = run(self.root, drafts=True, preview=True, output=self.out, **options)
            self.problems = []
            return site
        except BuildErrors as exc:
            self.problems = exc.problems
        except KlaarError as exc:
            self.problems = [Problem("build", exc.format_message())]
        except Exception as exc:  # a bug or an input nobody foresaw: keep serving
            log.debug("preview build failed unexpectedly", exc_info=True)
            self.problems = [unexpected_problem(exc, self.root, changed)]
        return None

    def _published(self, what: str) -> None:
        """Tell open pages to reload."""
        with self.changed:
            self.generation += 1
            self.changed.notify_all()
        state = _("ok") if not self.problems else ngettext(
            "{n} problem", "{n} problems", len(self.problems)).format(n=len(self.problems))
        log.info(_("preview {what} ({state})").format(what=what, state=state))

    def watch(self) -> None:
        """Rebuild after every change until closed; nothing that goes wrong stops it."""
        import watchfiles

        class Sources(watchfiles.DefaultFilter):
            # Hidden files are locks, the temporary files of atomic saves, editors' swap
            # files: none is a source, and the save that follows is seen anyway.
            def __call__(self, change, path: str) -> bool:
                return not Path(path).name.startswith(".") and super().__call__(change, path)

        while not self.stop.is_set():
            paths = [self.root / p for p in WATCHED if (self.root / p).exists()]
            try:
                for changes in watchfiles.watch(*paths, watch_filter=Sources(),
                                                stop_event=self.stop, debounce=200, step=50,
                                                rust_timeout=500, yield_on_timeout=True):
                    self.watching.set()  # an (empty) answer: the watch is in place
                    if changes:
                        self.build(tuple(sorted({Path(p) for _, p in changes})))
            except Exception:  # e.g. a watched folder was removed: watch again
                log.debug("file watcher restarted", exc_info=True)
                self.stop.wait(0.5)
                self.build()

    def close(self) -> None:
        self.stop.set()
        with self.changed:
            self.changed.notify_all()
        # Let a build in progress finish (the second pass sees `stop` and does not start).
        with self.lock:
            pass


def _error_panel(problems: list[Problem]) -> str:
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    return (f'<div role="alert" lang="{active()}" dir="ltr" class="klaar-build-failed">'
            f"<strong>{html.escape(_('The build failed.'))}</strong> "
            + html.escape(_("Fix these and save; the page reloads by itself."))
            + f"<ul>{items}</ul></div>")


def _failed_page(problems: list[Problem]) -> str:
    return (f"<!DOCTYPE html><html lang={active()}><head><meta charset=utf-8><title>"
            f"{html.escape(_('Build failed'))}</title>{PANEL_STYLE}</head><body><main>"
            f"{_error_panel(problems)}</main>"
            f"{RELOAD_SCRIPT}</body></html>")


def make_handler(preview: Preview, config_root: Path, addresses: Addresses):
    class Handler(BaseHTTPRequestHandler):
        server_version = "KlaarPreview"
        timeout = 30  # a client that stops sending mid-request does not hold a thread
        csp = PAGE_CSP
        headers_done = False

        def log_message(self, fmt, *args):  # quiet; the CLI says what matters
            log.debug(fmt, *args)

        # -- helpers -----------------------------------------------------------------

        def end_headers(self) -> None:
            """Every response, error pages of the standard library included, is locked
            down: no framing, no sniffing, only this server's own resources."""
            self.send_header("Content-Security-Policy", self.csp)
            self.send_header("X-Frame-Options", "DENY")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "same-origin")
            self.send_header("Cross-Origin-Resource-Policy", "same-origin")
            self.headers_done = True
            super().end_headers()

        def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
                 csp: str = PAGE_CSP) -> None:
            self.csp = csp
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def page(self, status: int, text: str) -> None:
            if not text.lstrip().startswith("<!DOCTYPE"):
                text = (f"<!DOCTYPE html><html lang={active()}><head><meta charset=utf-8><title>"
                        f"{status}</title></head><body><p>{html.escape(text)}</p></body></html>")
            self.send(status, text.encode("utf-8"))

        def config(self):
            return load_config(config_root)

        def answer(self, method) -> None:
            """Check the request, run `method`, and turn any failure into an answer."""
            try:
                self.route = self.checked_path()
                method()
            except BadRequest as exc:
                self.close_connection = True
                if not self.headers_done:
                    self.page(exc.status, exc.text)
            except (BrokenPipeError, ConnectionResetError, TimeoutError):
                self.close_connection = True
            except KlaarError as exc:  # e.g. site.toml broken while serving
                self.close_connection = True
                if not self.headers_done:
                    self.page(500, _failed_page([Problem("site.toml", exc.format_message())]))
            except Exception:
                log.debug("request %s %r failed", self.command, self.path, exc_info=True)
                self.close_connection = True
                if not self.headers_done:
                    self.page(500, _("Internal error in the preview server (the details are "
                                     "in its log with --debug)."))

        def checked_path(self) -> str:
            """The decoded path, after refusing other hosts and malformed targets."""
            hosts = self.headers.get_all("Host") or []
            if len(hosts) != 1:
                raise BadRequest(400, _("Refused: the request needs exactly one Host header."))
            if not addresses.host_ok(hosts[0]):
                raise BadRequest(421, _("Refused: this preview server only answers to its own "
                                        "address (for example http://127.0.0.1:PORT/)."))
            return checked_target(self.path)

        # -- GET ---------------------------------------------------------------------

        def do_HEAD(self) -> None:
            self.answer(self.get)

        def do_GET(self) -> None:
            self.answer(self.get)

        def get(self) -> None:
            path = self.route
            if path == "/__klaar/events":
                return self.events()
            if path in ASSETS:
                name, ctype = ASSETS[path]
                return self.send(200, (STATIC / name).read_bytes(), ctype)
            if path.startswith(FONT_ASSETS):
                # the review screen's script fonts (review.css), from the toolkit itself
                from .pipeline import WEB_FONTS
                from .render.textlayout import FONT_DIR

                name = path[len(FONT_ASSETS):]
                if name in WEB_FONTS:
                    return self.send(200, (FONT_DIR / name).read_bytes(), "font/ttf")
            if path in ("/review", "/review/"):
                from .review_screen import overview

                return self.page(200, overview(self.config(), preview.token))
            if path.startswith("/review/"):
                lang = path[len("/review/"):].strip("/")
                if lang not in self.config().languages:
                    return self.page(404, _("No such language in site.toml."))
                from urllib.parse import parse_qs, urlsplit

                from .review_screen import language_page

                query = parse_qs(urlsplit(self.path).query)
                return self.page(200, language_page(
                    self.config(), lang, preview.token,
                    state_filter=query.get("state", ["all"])[0][:40],
                    query=query.get("q", [""])[0][:200]))
            return self.static(path)

        def events(self) -> None:
            """Server-sent events: the build generation, sent whenever it changes."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            deadline = time.monotonic() + 3600
            while not preview.stop.is_set() and time.monotonic() < deadline:
                with preview.changed:
                    if preview.generation == seen:
                        preview.changed.wait(timeout=15)
                    current = preview.generation
                if current != seen:
                    self.wfile.write(f"data: {current}\n\n".encode())
                    seen = current
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()

        def static(self, path: str) -> None:
            base = preview.out.resolve()
            target = (base / path.lstrip("/")).resolve()
            if target != base and base not in target.parents:
                return self.page(404, _("Not found."))
            if target.is_dir():
                target = target / "index.html"
            problems = preview.problems
            if not target.is_file():
                if problems:
                    return self.page(500, _failed_page(problems))
                return self.not_found(base, path)
            data = target.read_bytes()
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix == ".html":
                text = data.decode("utf-8", errors="replace")
                affected = [p for p in problems if self.affects(p, target, base)]
                if affected:  # never show the old advice of a message that now has errors
                    text = _failed_page(affected)
                else:
                    if problems:
                        text = _HEAD_END.sub(lambda m: PANEL_STYLE + m.group(0), text, 1)
                        text = _BODY_TAG.sub(lambda m: m.group(0) + _error_panel(problems),
                                             text, 1)
                    text = _BODY_END.sub(lambda m: RELOAD_SCRIPT + m.group(0), text, 1)
                return self.send(200, text.encode("utf-8"), "text/html; charset=utf-8")
            if target.suffix == ".svg":
                return self.send(200, data, "image/svg+xml", SVG_CSP)
            self.send(200, data, ctype)

        def not_found(self, base: Path, path: str) -> None:
            """A missing address gets the site's 404 page, as a host would serve it:
            the language's own, else the root one."""
            first = path.lstrip("/").split("/", 1)[0]
            for page in (base / first / "404.html", base / "404.html"):
                if page.is_file() and base in page.resolve().parents:
                    return self.send(404, page.read_bytes())
            return self.page(404, _("Not found."))

        @staticmethod
        def affects(problem: Problem, target: Path, base: Path) -> bool:
            slug = Path(problem.path).stem if problem.path.startswith("content/") else None
            rel = target.relative_to(base).parts
            return slug is not None and len(rel) == 3 and rel[1] == slug

        # -- POST --------------------------------------------------------------------

        def do_POST(self) -> None:
            self.answer(self.post)

        def body(self) -> bytes:
            """The request body, after checking its declared length."""
            if self.headers.get("Transfer-Encoding"):
                raise BadRequest(411, _("Refused: send the form with a Content-Length."))
            lengths = self.headers.get_all("Content-Length") or []
            if not lengths:
                raise BadRequest(411, _("Refused: the request has no Content-Length."))
            if len(set(lengths)) != 1 or not re.fullmatch(r"[0-9]{1,12}", lengths[0].strip()):
                raise BadRequest(400, _("Refused: the Content-Length is not a number."))
            length = int(lengths[0])
            if length > MAX_BODY:
                raise BadRequest(413, _("Refused: the request is too large."))
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype != "application/x-www-form-urlencoded":
                raise BadRequest(415, _("Refused: expected a form (urlencoded)."))
            data = self.rfile.read(length)
            if len(data) != length:
                raise BadRequest(400, _("Refused: the request ended early."))
            return data

        def post(self) -> None:
            parts = self.route.strip("/").split("/")
            if len(parts) != 3 or parts[0] != "review" or parts[2] != "save":
                return self.page(404, _("Not found."))
            sent_origin = self.headers.get("Origin")
            referer = self.headers.get("Referer") or ""
            if sent_origin is not None:
                trusted = addresses.origin_ok(sent_origin)
            else:  # some browsers omit Origin on same-origin posts; the Referer then says
                scheme_host = "/".join(referer.split("/", 3)[:3])
                trusted = (addresses.origin_ok(scheme_host)
                           and referer.startswith(scheme_host + "/review/"))
            if not trusted:
                return self.page(403, _("Refused: this form did not come from the review "
                                        "screen."))
            form = parse_form(self.body())
            token = form.get("token", "").encode("utf-8")
            if not hmac.compare_digest(token, preview.token.encode("ascii")):
                return self.page(403, _("Refused: the form's token is missing or wrong. Reload "
                                        "the review screen."))
            lang = parts[1]
            config = self.config()
            if lang not in config.languages:
                return self.page(404, _("No such language in site.toml."))
            from .review_screen import apply, language_page

            notice = apply(config, lang, form)
            status = {"saved": 200, "conflict": 409, "busy": 503}.get(notice.kind, 400)
            self.page(status, language_page(config, lang, preview.token, notice))

    return Handler


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a page loads many images at once; 5 refused connections

    def handle_error(self, request, client_address) -> None:
        # A client that vanished or sent garbage is not worth a traceback on the console.
        log.debug("connection from %s failed", client_address, exc_info=True)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


def _listen(host: str, port: int) -> _HTTPServer:
    """The bound server socket (requests wait until it serves), or the toolkit's error:
    a busy port is named with the option that picks another."""
    import errno

    server_class = _HTTPServer6 if ":" in host else _HTTPServer
    try:
        return server_class((host, port), BaseHTTPRequestHandler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            other = port + 1 if port < 65535 else 8001
            raise KlaarError(_("port {port} on {host} is already in use (by another program, "
                               "or a preview that is still running): choose another with "
                               "--port {other}").format(port=port, host=host, other=other)
                             ) from None
        raise KlaarError(_("cannot listen on {host} port {port}: {reason} (try another "
                           "address with --host, or another --port)").format(
            host=host, port=port, reason=exc.strerror or exc)) from None


class PreviewServer:
    """The preview, its watcher and its HTTP server, started by `start()`."""

    def __init__(self, root: Path, host: str, port: int):
        config = load_config(root)
        from . import staff_language  # the panel and review screen speak the site's choice

        self.staff_before = staff_language.activate(staff_language.choose(config.staff_language))
        if host not in LOOPBACK:
            log.warning("!" * 70)
            log.warning(_("serving on {host}: anyone on this network can read the preview "
                          "and use the review screen. Use 127.0.0.1 unless you mean it.").format(
                              host=host))
            log.warning("!" * 70)
        # The port first: a busy port is said at once, not after a build of a minute.
        try:
            self.httpd = _listen(host, port)
        except KlaarError:
            staff_language.activate(self.staff_before)
            raise
        self.preview = Preview(config.root)
        # Watch first, then build: an edit made while the first build runs is not missed.
        self.watcher = threading.Thread(target=self.preview.watch, daemon=True)
        self.watcher.start()
        self.preview.watching.wait(timeout=10)
        try:
            from .progress import Progress

            with Progress() as progress:  # a cold first build can take minutes
                self.preview.build(progress=progress)
        except BaseException:
            self.preview.close()
            self.httpd.server_close()
            raise
        shown = f"[{host}]" if ":" in host else host
        bound = self.httpd.server_address[1]
        self.origin = f"http://{shown if host not in WILDCARD else '127.0.0.1'}:{bound}"
        self.addresses = Addresses(host, bound)
        self.httpd.RequestHandlerClass = make_handler(self.preview, config.root,
                                                      self.addresses)

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        from . import staff_language

        self.preview.close()
        self.httpd.shutdown()
        self.httpd.server_close()
        staff_language.activate(self.staff_before)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, watch and serve until Ctrl+C."""
    server = PreviewServer(root, host, port)
    log.info(_("preview on {origin}/  ·  review screen {origin}/review/  (Ctrl+C stops)")
             .format(origin=server.origin))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
