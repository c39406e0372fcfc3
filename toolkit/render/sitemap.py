"""sitemap.xml (sitemaps.org protocol 0.9) with each page's language versions as
xhtml:link hreflang alternates, and robots.txt pointing to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .feed import escape, quoteattr

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000  # the protocol's limit for one file


@dataclass(frozen=True)
class Url:
    loc: str  # absolute address
    lastmod: dt.date | None
    alternates: tuple[tuple[str, str], ...]  # (hreflang or "x-default", absolute address)


def render(urls: list[Url]) -> bytes:
    """The sitemap as UTF-8 XML, in the order given."""
    if len(urls) > MAX_URLS:
        # A sitemap index would be needed; no Klaar site is near this size.
        raise ValueError(f"{len(urls)} pages: more than a sitemap holds ({MAX_URLS})")
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<urlset xmlns="{SITEMAP}" xmlns:xhtml="{XHTML}">']
    for u in urls:
        out.append(f"<url><loc>{escape(u.loc)}</loc>")
        if u.lastmod:
            out.append(f"<lastmod>{u.lastmod.isoformat()}</lastmod>")
        out += [f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>'
                for lang, href in u.alternates]
        out.append("</url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode("utf-8")


def robots(sitemap_url: str | None) -> bytes:
    """robots.txt: everything may be crawled and the sitemap is named; without a sitemap
    (a preview or drafts build) nothing may be crawled."""
    if sitemap_url is None:
        return b"# Not the public site (a preview or drafts build): keep out.\n" \
               b"User-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()
