"""An Atom feed (RFC 4287) of one language's published messages, newest first.

Each entry is a message page: its id is the page's address (stable while base_url and
the file name stay), its `updated` the date the health content was last checked
(`reviewed`), so a message that is checked again comes back to the top. The feed's own
`updated` is the newest entry's: the same messages give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    url: str  # the page's absolute address, also the entry's id
    title: str  # plain text
    summary: str  # plain text
    content_html: str  # the summary and steps as HTML (escaped once more in the feed)
    updated: dt.date
    author: str


@dataclass(frozen=True)
class Feed:
    lang: str
    url: str  # the feed's own address (rel="self")
    page: str  # the language's message list (rel="alternate")
    title: str
    title_lang: str  # the language the title is in (the site title may be untranslated)
    author: str
    entries: tuple[Entry, ...]


# Characters XML 1.0 does not allow at all (C0 controls but tab and line breaks, lone
# surrogates, U+FFFE/U+FFFF): a feed with one is refused whole by every reader.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an XML element: markup characters escaped, forbidden characters dropped."""
    return _escape(_NOT_XML.sub("", text))


def quoteattr(text: str) -> str:
    return _quoteattr(_NOT_XML.sub("", text))


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def render(feed: Feed) -> bytes:
    """The feed as UTF-8 XML. A feed needs at least one entry (its `updated`)."""
    if not feed.entries:
        raise ValueError("a feed needs at least one entry")
    entries = sorted(feed.entries, key=lambda e: (-e.updated.toordinal(), e.url))
    title_lang = f" xml:lang={quoteattr(feed.title_lang)}" if feed.title_lang != feed.lang \
        else ""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="{ATOM}" xml:lang={quoteattr(feed.lang)}>',
           f"<id>{escape(feed.url)}</id>",
           f"<title{title_lang}>{escape(feed.title)}</title>",
           f"<updated>{_time(entries[0].updated)}</updated>",
           f"<author><name>{escape(feed.author)}</name></author>",
           f'<link rel="self" type="application/atom+xml" href={quoteattr(feed.url)}/>',
           f'<link rel="alternate" type="text/html" href={quoteattr(feed.page)}/>',
           "<generator>Klaar</generator>"]
    for e in entries:
        out += ["<entry>",
                f"<id>{escape(e.url)}</id>",
                f"<title>{escape(e.title)}</title>",
                f'<link rel="alternate" type="text/html" hreflang={quoteattr(feed.lang)} '
                f"href={quoteattr(e.url)}/>",
                f"<updated>{_time(e.updated)}</updated>",
                f"<author><name>{escape(e.author)}</name></author>",
                f"<summary>{escape(e.summary)}</summary>",
                f'<content type="html">{escape(e.content_html)}</content>',
                "</entry>"]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")
