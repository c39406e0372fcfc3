"""Local preview with live reload, and the review screen, on 127.0.0.1.

The preview builds with machine drafts (under their banner) and with the readability
report on each message page, into a temporary folder. It watches content/, templates/,
pictograms/, translations/ and site.toml, rebuilds on every change (images and leaflets
come from the cache unless their inputs changed, so a rebuild takes about a second) and
tells open pages to reload through server-sent events. A failed build keeps serving the
last good pages, with the errors (file, line, message) shown on every page; the page of
a message with an error shows the error instead of stale advice.

Safety: binds to loopback unless told otherwise (and then warns loudly); review forms
carry a token and must come from this server's own origin; request bodies are limited;
only the project's own catalogs are written, atomically.
"""

from __future__ import annotations

import hmac
import html
import logging
import mimetypes
import secrets
import shutil
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .config import load_config
from .errors import BuildErrors, KlaarError, Problem

log = logging.getLogger("klaar")

MAX_BODY = 64 * 1024
WATCHED = ("content", "templates", "pictograms", "translations", "site.toml")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
RELOAD_SCRIPT = """<script>
(function () {
  var source = new EventSource("/__klaar/events");
  var seen = null;
  source.onmessage = function (event) {
    if (seen !== null && event.data !== seen) { location.reload(); }
    seen = event.data;
  };
})();
</script>"""


class Preview:
    """Builds the preview, watches the sources and tells pages when to reload."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.out = Path(tempfile.mkdtemp(prefix="klaar-preview-")) / "site"
        self.problems: list[Problem] = []
        self.generation = 0
        self.changed = threading.Condition()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.token = secrets.token_urlsafe(32)

    def build(self) -> None:
        from .pipeline import run

        with self.lock:
            try:
                run(self.root, drafts=True, preview=True, output=self.out)
                self.problems = []
            except BuildErrors as exc:
                self.problems = exc.problems
            except KlaarError as exc:
                self.problems = [Problem("build", exc.format_message())]
        with self.changed:
            self.generation += 1
            self.changed.notify_all()
        state = "ok" if not self.problems else f"{len(self.problems)} problems"
        log.info("preview rebuilt (%s)", state)

    def watch(self) -> None:
        import watchfiles

        paths = [self.root / p for p in WATCHED if (self.root / p).exists()]
        for _changes in watchfiles.watch(*paths, stop_event=self.stop, debounce=200,
                                         step=50, rust_timeout=500):
            self.build()

    def close(self) -> None:
        self.stop.set()
        with self.changed:
            self.changed.notify_all()
        shutil.rmtree(self.out.parent, ignore_errors=True)


def _error_panel(problems: list[Problem]) -> str:
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    return ('<div role="alert" lang="en" dir="ltr" style="background:#fde2e1;border:3px '
            'solid #a4001d;padding:1rem;margin:0;font:1rem/1.4 system-ui,sans-serif;'
            f'color:#111"><strong>The build failed.</strong> Fix these and save; '
            f"the page reloads by itself.<ul>{items}</ul></div>")


def make_handler(preview: Preview, config_root: Path, origin: str):
    class Handler(BaseHTTPRequestHandler):
        server_version = "KlaarPreview"

        def log_message(self, fmt, *args):  # quiet; the CLI says what matters
            log.debug(fmt, *args)

        # -- helpers -----------------------------------------------------------------

        def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
                 extra: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "same-origin")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def page(self, status: int, text: str) -> None:
            self.send(status, text.encode("utf-8"))

        def config(self):
            return load_config(config_root)

        # -- GET ---------------------------------------------------------------------

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == "/__klaar/events":
                return self.events()
            if path in ("/review", "/review/"):
                from .review_screen import overview

                return self.page(200, overview(self.config(), preview.token))
            if path.startswith("/review/"):
                lang = path[len("/review/"):].strip("/")
                if lang not in self.config().languages:
                    return self.page(404, "No such language in site.toml.")
                from .review_screen import language_page

                return self.page(200, language_page(self.config(), lang, preview.token))
            return self.static(path)

        def events(self) -> None:
            """Server-sent events: the build generation, sent whenever it changes."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            deadline = time.monotonic() + 3600
            try:
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
            except (BrokenPipeError, ConnectionResetError):
                return

        def static(self, path: str) -> None:
            base = preview.out.resolve()
            target = (base / path.lstrip("/")).resolve()
            if target != base and base not in target.parents:
                return self.page(404, "Not found.")
            if target.is_dir():
                target = target / "index.html"
            problems = preview.problems
            if not target.is_file():
                if problems:
                    return self.page(500, "<!DOCTYPE html><html lang=en><title>Build failed"
                                     "</title><main>" + _error_panel(problems) + RELOAD_SCRIPT
                                     + "</main></html>")
                return self.page(404, "Not found.")
            data = target.read_bytes()
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix == ".html":
                text = data.decode("utf-8")
                affected = [p for p in problems if self.affects(p, target, base)]
                if affected:  # never show the old advice of a message that now has errors
                    text = ("<!DOCTYPE html><html lang=en><title>Build failed</title><main>"
                            + _error_panel(affected) + "</main></html>")
                elif problems:
                    text = text.replace("<body>", "<body>" + _error_panel(problems), 1)
                text = text.replace("</body>", RELOAD_SCRIPT + "</body>", 1)
                return self.send(200, text.encode("utf-8"), "text/html; charset=utf-8")
            self.send(200, data, ctype)

        @staticmethod
        def affects(problem: Problem, target: Path, base: Path) -> bool:
            slug = Path(problem.path).stem if problem.path.startswith("content/") else None
            rel = target.relative_to(base).parts
            return slug is not None and len(rel) == 3 and rel[1] == slug

        # -- POST --------------------------------------------------------------------

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            parts = path.strip("/").split("/")
            if len(parts) != 3 or parts[0] != "review" or parts[2] != "save":
                return self.page(404, "Not found.")
            sent_origin = self.headers.get("Origin") or ""
            referer = self.headers.get("Referer") or ""
            if sent_origin != origin and not (not sent_origin and referer.startswith(origin + "/")):
                return self.page(403, "Refused: this form did not come from the review screen.")
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self.page(413, "Refused: the request is too large.")
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8"),
                                                    keep_blank_values=True).items()}
            if not hmac.compare_digest(form.get("token", ""), preview.token):
                return self.page(403, "Refused: the form's token is missing or wrong. Reload "
                                      "the review screen.")
            lang = parts[1]
            config = self.config()
            if lang not in config.languages:
                return self.page(404, "No such language in site.toml.")
            from .review_screen import apply, language_page

            notice = apply(config, lang, form)
            status = {"saved": 200, "conflict": 409}.get(notice.kind, 400)
            self.page(status, language_page(config, lang, preview.token, notice))

    return Handler


class PreviewServer:
    """The preview, its watcher and its HTTP server, started by `start()`."""

    def __init__(self, root: Path, host: str, port: int):
        config = load_config(root)
        if host not in LOOPBACK:
            log.warning("!" * 70)
            log.warning("serving on %s: anyone on this network can read the preview and "
                        "use the review screen. Use 127.0.0.1 unless you mean it.", host)
            log.warning("!" * 70)
        self.preview = Preview(config.root)
        self.preview.build()
        self.httpd = ThreadingHTTPServer((host, port), BaseHTTPRequestHandler)
        shown = f"[{host}]" if ":" in host else host
        self.origin = f"http://{shown}:{self.httpd.server_address[1]}"
        self.httpd.RequestHandlerClass = make_handler(self.preview, config.root, self.origin)
        self.httpd.daemon_threads = True
        self.watcher = threading.Thread(target=self.preview.watch, daemon=True)
        self.watcher.start()

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.preview.close()
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, watch and serve until Ctrl+C."""
    server = PreviewServer(root, host, port)
    log.info("preview on %s/  ·  review screen %s/review/  (Ctrl+C stops)", server.origin,
             server.origin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
