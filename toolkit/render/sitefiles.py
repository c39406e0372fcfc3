"""The files a deployed static site needs besides its pages, as keyed tasks: sitemap.xml,
robots.txt, an Atom feed per published language, 404 pages (one at the root, which most
hosts serve for any missing address, and one per published language) and the site icon.

Each task's key is a digest of exactly the data its file is made from (addresses, dates,
titles, the page texts of the 404 page), so an incremental build remakes the sitemap
when a translation is published or withdrawn and leaves it alone otherwise.
"""

from __future__ import annotations

from functools import partial

from ..errors import relpath
from ..languages import language
from ..tasks import Task, digest, files_digest, shared
from . import favicon, feed, sitemap
from .siteinfo import base_path, is_public, published_languages, url_base


def tasks(renderer) -> list[Task]:
    """Every site file as a task (sitemap and feeds only in a public build)."""
    out = [_robots_task(renderer), _icon_task(renderer)]
    if is_public(renderer):
        out.append(_sitemap_task(renderer))
        out += [t for t in (_feed_task(renderer, lang) for lang in published_languages(renderer))
                if t is not None]
    if (renderer.config.templates_dir / "404.html").is_file():
        out += _not_found_tasks(renderer)
    return out


# -- sitemap and robots.txt ---------------------------------------------------------------

def sitemap_urls(renderer) -> list[sitemap.Url]:
    """Every page the public site publishes, with its language versions: the chooser,
    each published language's message list, each published message page. Notice pages
    ("not available yet") and 404 pages are left out: they are not content."""
    base = renderer.config.base_url
    langs = published_languages(renderer)
    available = {(m.slug, lang): renderer.public[(m.slug, lang)].published
                 for m in renderer.messages for lang in langs}
    newest = {lang: max((m.reviewed for m in renderer.messages
                         if available[(m.slug, lang)]), default=None) for lang in langs}
    every = [d for d in newest.values() if d]
    index_alts = tuple((lang, f"{base}{lang}/") for lang in langs) + (("x-default", base),)
    urls = [sitemap.Url(base, max(every) if every else None, index_alts)]
    urls += [sitemap.Url(f"{base}{lang}/", newest[lang], index_alts) for lang in langs]
    for lang in langs:
        for m in renderer.messages:
            if not available[(m.slug, lang)]:
                continue
            alts = tuple((c, f"{base}{c}/{m.slug}/") for c in langs if available[(m.slug, c)])
            urls.append(sitemap.Url(f"{base}{lang}/{m.slug}/", m.reviewed,
                                    alts + (("x-default", base),)))
    return urls


def _sitemap_task(renderer) -> Task:
    urls = sitemap_urls(renderer)
    return Task("site file", ("sitemap.xml",), digest("sitemap", urls),
                partial(_render_sitemap, urls), local=True)


def _render_sitemap(urls: list[sitemap.Url]) -> dict[str, bytes]:
    return {"sitemap.xml": sitemap.render(urls)}


def _robots_task(renderer) -> Task:
    data = sitemap.robots(renderer.config.base_url + "sitemap.xml"
                          if is_public(renderer) else None)
    return Task("site file", ("robots.txt",), digest("robots", data),
                partial(_bytes, "robots.txt", data), local=True)


def _bytes(path: str, data: bytes) -> dict[str, bytes]:
    return {path: data}


# -- feeds --------------------------------------------------------------------------------

def feed_of(renderer, lang: str) -> feed.Feed | None:
    """The Atom feed of `lang`'s published messages (None when it has none)."""
    from .html import inline_html, plain_text

    base = renderer.config.base_url
    entries = []
    for m in renderer.messages:
        if not renderer.public[(m.slug, lang)].published:
            continue
        texts = renderer.texts[(m.slug, lang)]
        steps = "".join(f"<li>{inline_html(texts[s.segment.id])}</li>" for s in m.steps)
        html = f"<p>{inline_html(texts['summary'])}</p>" + (f"<ol>{steps}</ol>" if steps else "")
        entries.append(feed.Entry(
            url=f"{base}{lang}/{m.slug}/", title=plain_text(texts["title"]),
            summary=plain_text(texts["summary"]), content_html=html, updated=m.reviewed,
            author=m.contact.name or plain_text(str(renderer.site_text("title", lang)))))
    if not entries:
        return None
    title = renderer.site_text("title", lang)
    return feed.Feed(lang=lang, url=f"{base}{lang}/feed.xml", page=f"{base}{lang}/",
                     title=str(title), title_lang=title.lang, author=str(title),
                     entries=tuple(entries))


def _feed_task(renderer, lang: str) -> Task | None:
    data = feed_of(renderer, lang)
    if data is None:
        return None
    path = f"{lang}/feed.xml"
    return Task("site file", (path,), digest("feed", data), partial(_render_feed, path, data),
                local=True)


def _render_feed(path: str, data: feed.Feed) -> dict[str, bytes]:
    return {path: feed.render(data)}


# -- icon ---------------------------------------------------------------------------------

def _icon_task(renderer) -> Task:
    config = renderer.config
    path = favicon.source(config.templates_dir)
    shown = relpath(path, config.root) if path != favicon.DEFAULT else str(path)
    svg = favicon.cleaned(path, shown)  # refused here, at planning, with the file named
    return Task("static", favicon.FILES, digest("favicon", svg), partial(favicon.render, svg))


# -- 404 pages ----------------------------------------------------------------------------

def _not_found_tasks(renderer) -> list[Task]:
    config = renderer.config
    templates = files_digest(p for p in config.templates_dir.rglob("*") if p.is_file())
    langs = published_languages(renderer)
    common = digest("404", templates, config, renderer.drafts, renderer.checks is not None,
                    langs)
    # The root page shows every published language's texts; a language's page its own.
    out = [Task("page", ("404.html",), digest(common, [renderer._page_lang(lang)
                                                        for lang in langs]),
                partial(_not_found, None), phase=2)]
    out += [Task("page", (f"{lang}/404.html",), digest(common, renderer._page_lang(lang)),
                 partial(_not_found, lang), phase=2) for lang in langs]
    return out


def _not_found(lang: str | None) -> dict[str, bytes]:
    renderer = shared("renderer")
    path = f"{lang}/404.html" if lang else "404.html"
    return {path: not_found_page(renderer, lang).encode("utf-8")}


def not_found_page(renderer, lang: str | None) -> str:
    """The page a host shows for an address that does not exist. It is served at any
    address, so its links start at the site's folder ("/gezond/…"), never "../". The
    root one (lang None) is in the source language and says it once in every published
    language, each with a link to that language's messages."""
    own = lang or renderer.config.source_language
    root = base_path(renderer)
    ctx = renderer._common(own, 0, lambda c: f"{c}/index.html", lambda c: None,
                           path=f"{lang}/404.html" if lang else "404.html")
    ctx["root"] = root
    for item in ctx["switcher"]:
        item["href"] = root + item["href"]
    others = []
    if lang is None:
        for code in published_languages(renderer):
            text = renderer._ui_text(code)
            others.append({"lang": language(code), "text": text("Deze pagina bestaat niet."),
                           "link": text("Alle berichten"), "href": f"{root}{code}/index.html"})
    ctx.update(noindex=True, description=renderer._ui_text(own)("Deze pagina bestaat niet."),
               og_title=renderer._ui_text(own)("Deze pagina bestaat niet."))
    ctx["canonical"] = url_base(renderer) + (f"{lang}/404.html" if lang else "404.html")
    return renderer.env(own).get_template("404.html").render(ctx, others=others)
