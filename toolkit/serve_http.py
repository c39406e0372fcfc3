"""What the preview server accepts and what it sends back, decided in one place.

Which Host headers and Origins are the server's own (so a page on another site cannot
reach it through DNS rebinding or post a form to it), how a request target and a form
body are checked (a malformed one is answered 400, never an exception that drops the
connection), and the Content-Security-Policy of every response.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qs, unquote

MAX_BODY = 64 * 1024
LOOPBACK = ("127.0.0.1", "localhost", "::1")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARD = ("0.0.0.0", "::", "")
# Pages and everything else: only this server's own scripts, styles and images, nothing
# inline (the reload script and the panel's styles are files), never inside a frame.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# An SVG opened by itself is a document that could run script: it gets none.
SVG_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
           "frame-ancestors 'none'")
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF and CR are text


class BadRequest(Exception):
    """A request this server will not act on: answered with `status` and `text`."""

    def __init__(self, status: int, text: str):
        super().__init__(text)
        self.status = status
        self.text = text


class Addresses:
    """Which Host headers (and so which Origins) belong to this server.

    Bound to loopback: 127.0.0.1, localhost and [::1] with the port, however the user
    opened it. Bound to one other address: that address. Bound to all addresses: any IP
    address or loopback name, never a domain name, since a name can be re-pointed at this
    machine by whoever controls it (DNS rebinding).
    """

    def __init__(self, host: str, port: int):
        self.port = port
        self.any_ip = host in WILDCARD
        names: tuple[str, ...]
        if host in LOOPBACK or self.any_ip:
            names = LOOPBACK_NAMES
        else:
            names = (f"[{host}]" if ":" in host else host,)
        self.hosts = {f"{n}:{port}" for n in names} | (set(names) if port == 80 else set())

    def host_ok(self, value: str) -> bool:
        value = value.strip().lower()
        if value in self.hosts:
            return True
        if not self.any_ip:
            return False
        name, _, port = value.rpartition(":")
        if not name or port != str(self.port):
            return False
        try:
            ipaddress.ip_address(name[1:-1] if name.startswith("[") else name)
        except ValueError:
            return False
        return True

    def origin_ok(self, value: str) -> bool:
        scheme, sep, rest = value.partition("://")
        return scheme == "http" and bool(sep) and "/" not in rest and self.host_ok(rest)

def checked_target(target: str) -> str:
    """The decoded path of a request target; BadRequest when it is malformed."""
    raw, _, query = target.partition("?")
    raw = raw.partition("#")[0]
    if not raw.startswith("/") or raw.startswith("//"):
        raise BadRequest(400, "Refused: not a path on this server.")
    if BAD_PERCENT.search(raw) or BAD_PERCENT.search(query):
        raise BadRequest(400, "Refused: bad percent-encoding in the address.")
    try:
        path = unquote(raw, errors="strict")
        parse_qs(query, keep_blank_values=True, errors="strict", max_num_fields=50)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(400, "Refused: the address is not valid UTF-8.") from None
    if CONTROL.search(path) or "\t" in path or "\n" in path or "\r" in path:
        raise BadRequest(400, "Refused: control characters in the address.")
    return path


def parse_form(body: bytes) -> dict[str, str]:
    """A urlencoded form, strictly: UTF-8, each field once, no control characters."""
    try:
        text = body.decode("utf-8")
        if BAD_PERCENT.search(text):
            raise ValueError("bad percent-encoding")
        fields = parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(400, "Refused: the form is not valid UTF-8 form data.") from None
    if any(len(v) != 1 for v in fields.values()):
        raise BadRequest(400, "Refused: a form field was sent twice.")
    form = {k: v[0] for k, v in fields.items()}
    if any(CONTROL.search(k) or CONTROL.search(v) for k, v in form.items()):
        raise BadRequest(400, "Refused: the form contains a control character (invisible "
                         "text such as a NUL byte); remove it and save again.")
    return form
