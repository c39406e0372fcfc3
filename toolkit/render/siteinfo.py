"""What every page says about itself to search engines and link previews: its canonical
address, Open Graph tags (with `ll_CC` locales), a description, and the site's published
languages. One place decides these, so pages, sitemap and feeds never disagree.

A public build uses `base_url` for every absolute address. A preview or `--drafts` build
is not the public site: its addresses are rooted at the preview server ("/…"), its pages
say `noindex`, and it has no sitemap or feeds, so it never advertises a draft as the
page at the public address.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from babel.core import Locale, UnknownLocaleError, get_global

DESCRIPTION_CHARS = 200  # what link previews and search results show at most


def is_public(renderer) -> bool:
    """A build of the public site (not the preview, not a --drafts build)."""
    return not renderer.drafts and renderer.checks is None


def url_base(renderer) -> str:
    """What absolute addresses start with: base_url, or "/" in the preview."""
    return renderer.config.base_url if is_public(renderer) else "/"


def base_path(renderer) -> str:
    """The site's folder on its host ("/" or e.g. "/gezond/"), for pages that are served
    at any address (the 404 pages) and so cannot use relative links."""
    return urlsplit(url_base(renderer)).path or "/"


@lru_cache(maxsize=256)
def og_locale(code: str) -> str:
    """A BCP 47 code in Open Graph's language_TERRITORY form: the territory CLDR gives as
    the language's most likely one when the code has none (ar → ar_EG, uk → uk_UA)."""
    try:
        loc = Locale.parse(code, sep="-")
    except (ValueError, UnknownLocaleError):
        return code.replace("-", "_")
    territory = loc.territory
    if territory is None:
        likely = get_global("likely_subtags")
        key = f"{loc.language}_{loc.script}" if loc.script else loc.language
        full = likely.get(key) or likely.get(loc.language) or ""
        territory = full.split("_")[-1] if full.count("_") >= 1 else None
    return f"{loc.language}_{territory}" if territory else loc.language


def published_languages(renderer) -> tuple[str, ...]:
    """The languages the public site has pages in: the source language, and every target
    language with at least one published message (its interface is then reviewed too).
    Only these appear as alternates, in the sitemap and with a feed."""
    found = renderer.__dict__.get("_published_languages")
    if found is None:  # asked by every page: decided once per renderer
        src = renderer.config.source_language
        found = renderer.__dict__["_published_languages"] = tuple(
            lang for lang in renderer.config.all_languages
            if lang == src or any(renderer.public[(m.slug, lang)].published
                                  for m in renderer.messages))
    return found


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:·")
    return cut + "…"


def index_description(renderer, lang: str) -> str:
    """A language's message list in one line: the heading and the titles it shows in the
    page's own language."""
    from .html import plain_text

    head = renderer._ui_text(lang)("Informatie over je gezondheid")
    if renderer.ui_lang[lang] != lang:  # the page is in the source language
        titles = [m.title.text for m in renderer.messages]
    else:
        titles = [renderer.texts[(m.slug, lang)]["title"] for m in renderer.messages
                  if renderer.available(m, lang)]
    titles = [plain_text(t) for t in titles]
    return shorten(f"{head}: {' · '.join(titles)}" if titles else head)


def chooser_description(renderer) -> str:
    """The chooser's line: what it offers, and the languages by their own names."""
    from ..languages import language

    names = ", ".join(language(c).native_name for c in renderer.config.all_languages)
    return shorten(f"Kies je taal · Choose your language: {names}")


def page_meta(renderer, lang: str, path: str, alternates: list[dict], feed: bool,
              listed: bool = True) -> dict:
    """Template variables for the head of the page at `path` ("nl/hitte/") whose
    interface is in `lang`: canonical address, Open Graph locale and its alternates,
    the site icon as the image of pages without a card, the feed link, noindex."""
    base = url_base(renderer)
    public = is_public(renderer)
    shown = renderer.ui_lang.get(lang, lang)
    return {
        "canonical": base + path,
        "og_locale": og_locale(shown),
        "og_locale_alternates": [og_locale(a["lang"]) for a in alternates
                                 if a["lang"] != shown],
        "icon_image": base + "icon-512.png",
        "feed_url": base + f"{lang}/feed.xml" if feed and public
        and lang in published_languages(renderer) else None,
        "noindex": not (public and listed),
    }
