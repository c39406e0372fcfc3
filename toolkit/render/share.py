"""A WhatsApp share kit of one message in one language: text to paste, a share link, and
one zip with everything (card, poster, leaflets, audio, video, text).

The text is what travels in chat groups, so it stands on its own: the title, the numbered
steps, who to call and the page's address. In a right-to-left language every line starts
with a right-to-left mark, so a line that begins with a digit ("1. …") or a Latin name is
still laid out right to left in WhatsApp.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from urllib.parse import quote

RLM = "\u200f"
LRI, PDI = "\u2066", "\u2069"
# already compressed: stored as they are (deflating them again only costs time)
_STORED = (".png", ".pdf", ".mp3", ".mp4", ".m4a", ".zip")


def share_text(title: str, steps: list[str], question: str, phone: str | None, url: str,
               rtl: bool, sender: str = "") -> str:
    """The message as plain text for WhatsApp (*bold* title, numbered steps); `sender`
    (the organisation, [brand] name) signs it above the address."""
    lines = [f"*{title}*", ""]
    lines += [f"{i}. {text}" for i, text in enumerate(steps, 1)]
    if steps:
        lines.append("")
    if phone:
        # isolated left to right: in a right-to-left line the digit groups keep their order
        lines.append(f"{question} {LRI}{phone}{PDI}" if rtl else f"{question} {phone}")
    if sender:
        lines.append(f"— {sender}")
    lines.append(url)
    if rtl:
        lines = [RLM + line if line and line != url else line for line in lines]
    return "\n".join(lines) + "\n"


def whatsapp_link(text: str) -> str:
    """A link that opens WhatsApp (app or web) with the text ready to send."""
    return "https://wa.me/?text=" + quote(text, safe="")


def kit_zip(files: dict[str, bytes], date: dt.date) -> bytes:
    """One zip of `files` (name → bytes), in name order, every entry dated `date`: the
    same files give the same bytes."""
    buf = io.BytesIO()
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = (zipfile.ZIP_STORED if name.lower().endswith(_STORED)
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            zf.writestr(info, files[name], compresslevel=9)
    return buf.getvalue()
