"""What a deployed site needs: sitemap, robots.txt, feeds, 404 pages, icon, canonical and
Open Graph tags, all at base_url (also under a sub-path), and none of it in a preview."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import polib
import pytest
from defusedxml import ElementTree as SafeET
from PIL import Image

from conftest import copy_project
from toolkit import pipeline
from toolkit.errors import KlaarError
from toolkit.render.siteinfo import og_locale

BASE = "https://gezond.example.nl/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = frozenset({"pages"})
LL_CC = re.compile(r"^[a-z]{2,3}_[A-Z]{2}$")


class Head(HTMLParser):
    """The <head> links and meta tags, and every link and source in the page."""

    def __init__(self, text: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.refs: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a["content"])
        if tag == "link":
            self.links.append(a)
        for key in ("href", "src"):
            if key in a:
                self.refs.append(a[key])

    def link(self, rel: str) -> list[dict]:
        return [a for a in self.links if a.get("rel") == rel]

    @property
    def canonical(self) -> str:
        (found,) = self.link("canonical")
        return found["href"]

    @property
    def noindex(self) -> bool:
        return "noindex" in self.meta.get("robots", [])


def build(project: Path, **kw) -> pipeline.Site:
    return pipeline.run(project, kinds=kw.pop("kinds", PAGES), **kw)


def set_base_url(project: Path, url: str) -> None:
    toml = project / "site.toml"
    toml.write_text(re.sub(r'(?m)^base_url = .*$', f'base_url = "{url}"',
                           toml.read_text(encoding="utf-8")), encoding="utf-8")


def withdraw(project: Path, lang: str, context: str) -> None:
    """A translator marks one reviewed translation as needing work again."""
    path = project / "translations" / f"{lang}.po"
    po = polib.pofile(str(path))
    next(e for e in po if e.msgctxt == context).flags.append("fuzzy")
    po.save(str(path))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, pipeline.Site]:
    """The example project built once with pages and images (the cards are og:image)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        project = copy_project(tmp_path_factory.mktemp("deploy") / "project")
        built = build(project, kinds=frozenset({"pages", "infographics"}))
    return project / "_site", built


def _published(built: pipeline.Site) -> tuple[list[str], dict[str, list[str]]]:
    langs = [lang for lang, slugs in built.published.items()
             if slugs or lang == built.config.source_language]
    return langs, built.published


def _sitemap(out: Path) -> dict[str, dict[str, str]]:
    """loc → {hreflang: href}; checks the protocol's structure on the way."""
    root = SafeET.fromstring((out / "sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset"
    found: dict[str, dict[str, str]] = {}
    for url in root:
        assert url.tag == f"{SM}url"
        (loc,) = url.findall(f"{SM}loc")
        assert loc.text not in found, f"{loc.text} listed twice"
        assert len(loc.text) < 2048
        for lastmod in url.findall(f"{SM}lastmod"):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", lastmod.text)
        alts = {}
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            alts[link.get("hreflang")] = link.get("href")
        found[loc.text] = alts
    return found


def _page_file(out: Path, url: str, base: str = BASE) -> Path:
    assert url.startswith(base), url
    return out / url[len(base):] / "index.html"


def test_sitemap_lists_every_published_page_and_only_those(site):
    out, built = site
    langs, published = _published(built)
    expected = {BASE} | {f"{BASE}{lang}/" for lang in langs} | {
        f"{BASE}{lang}/{slug}/" for lang in langs for slug in published[lang]}
    urls = _sitemap(out)
    assert set(urls) == expected
    assert "ti" not in langs and not any("/ti/" in u for u in urls)
    # Seen from the built site: every indexable page is listed, every listed page exists.
    for path in out.rglob("*.html"):
        head = Head(path.read_text(encoding="utf-8"))
        rel = path.relative_to(out).as_posix()
        url = BASE + rel.removesuffix("index.html")
        assert (url in urls) == (not head.noindex), rel
    for url in urls:
        assert _page_file(out, url).is_file()


def test_sitemap_alternates_are_the_pages_own_language_versions(site):
    out, built = site
    urls = _sitemap(out)
    for loc, listed in urls.items():
        alts = dict(listed)
        assert alts.pop("x-default") == BASE
        assert loc in alts.values() or loc == BASE  # the chooser is the x-default
        for lang, href in alts.items():
            # Every alternate is a listed page, says the same about its siblings, and
            # is the page the HTML names as that language's version.
            assert urls[href] == {**alts, "x-default": BASE}
            assert href.startswith(f"{BASE}{lang}/")
        head = Head(_page_file(out, loc).read_text(encoding="utf-8"))
        in_page = {a["hreflang"]: a["href"] for a in head.link("alternate") if "hreflang" in a}
        assert in_page == {**alts, "x-default": BASE}, loc


SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def _sitemap_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))


def _atom_schema():
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


def _valid(schema, data: bytes) -> bool:
    from lxml import etree

    return schema.validate(etree.fromstring(data))


def test_sitemap_and_feeds_validate_against_their_schemas(site):
    out, built = site
    sitemap_schema, atom_schema = _sitemap_schema(), _atom_schema()
    data = (out / "sitemap.xml").read_bytes()
    assert _valid(sitemap_schema, data), sitemap_schema.error_log
    feeds = sorted(out.glob("*/feed.xml"))
    assert len(feeds) == len(_published(built)[0])
    for path in feeds:
        assert _valid(atom_schema, path.read_bytes()), (path, atom_schema.error_log)
    # The schemas do catch what a search engine or feed reader would refuse.
    assert not _valid(sitemap_schema, data.replace(b"<lastmod>2026-", b"<lastmod>26-", 1))
    assert not _valid(sitemap_schema, data.replace(b'hreflang="ar"', b'hreflang="Arabic"', 1))
    feed = feeds[0].read_bytes()
    assert not _valid(atom_schema, re.sub(rb"<id>[^<]*</id>", b"", feed, count=1))
    assert not _valid(atom_schema, feed.replace(b"T00:00:00Z</updated>", b"</updated>", 1))


def test_robots_txt_names_the_sitemap(site):
    out, _ = site
    text = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in text.splitlines()
    assert "Disallow: /" not in text


def test_one_atom_feed_per_published_language_with_one_entry_per_message(site):
    out, built = site
    langs, published = _published(built)
    assert not (out / "ti/feed.xml").exists()
    for lang in langs:
        root = SafeET.fromstring((out / lang / "feed.xml").read_bytes())
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{required}").text.strip(), required
        assert root.find(f"{ATOM}author/{ATOM}name").text.strip()
        self_link = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_link[0].get("href") == f"{BASE}{lang}/feed.xml"
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == len(published[lang])
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert sorted(ids) == sorted(f"{BASE}{lang}/{slug}/" for slug in published[lang])
        updated = []
        for e in entries:
            (link,) = e.findall(f"{ATOM}link")
            assert link.get("href") == e.find(f"{ATOM}id").text
            assert e.find(f"{ATOM}title").text.strip()
            updated.append(e.find(f"{ATOM}updated").text)
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", updated[-1])
        assert updated == sorted(updated, reverse=True)  # newest first
        assert root.find(f"{ATOM}updated").text == updated[0]
        head = Head((out / lang / "index.html").read_text(encoding="utf-8"))
        feeds = [a for a in head.links if a.get("type") == "application/atom+xml"]
        assert [a["href"] for a in feeds] == [f"{BASE}{lang}/feed.xml"]


def test_feed_entries_follow_the_messages_reviewed_date(project):
    msg = project / "content/hitte.md"
    text = msg.read_text(encoding="utf-8")
    msg.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2026-11-01", text), encoding="utf-8")
    build(project)
    root = SafeET.fromstring((project / "_site/nl/feed.xml").read_bytes())
    first = root.findall(f"{ATOM}entry")[0]
    assert first.find(f"{ATOM}id").text == f"{BASE}nl/hitte/"
    assert first.find(f"{ATOM}updated").text == "2026-11-01T00:00:00Z"
    assert root.find(f"{ATOM}updated").text == "2026-11-01T00:00:00Z"


def test_every_page_has_canonical_and_open_graph_tags(site):
    out, _ = site
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        rel = path.relative_to(out).as_posix()
        head = Head(path.read_text(encoding="utf-8"))
        own = BASE + rel.removesuffix("index.html")
        assert head.canonical == own, rel
        assert head.meta["og:url"] == [own], rel
        for tag in ("og:title", "og:description", "og:image", "og:site_name", "og:type"):
            assert len(head.meta.get(tag, [])) == 1 and head.meta[tag][0].strip(), (rel, tag)
        assert head.meta["description"] == head.meta["og:description"], rel
        (locale,) = head.meta["og:locale"]
        assert LL_CC.match(locale), (rel, locale)
        assert all(LL_CC.match(x) and x != locale
                   for x in head.meta.get("og:locale:alternate", [])), rel
        assert head.meta["og:image"][0].startswith(BASE)
        icons = {a["href"].rsplit("/", 1)[-1] for a in head.links
                 if a.get("rel") in ("icon", "apple-touch-icon")}
        assert icons == {"favicon.ico", "favicon.svg", "apple-touch-icon.png"}, rel


def test_open_graph_of_home_and_message_pages(site):
    out, _ = site
    home = Head((out / "index.html").read_text(encoding="utf-8"))
    assert home.meta["og:locale"] == ["nl_NL"]
    assert set(home.meta["og:locale:alternate"]) == {"en_US", "ar_EG", "tr_TR", "pl_PL",
                                                     "uk_UA"}
    assert "English" in home.meta["description"][0]
    ar = Head((out / "ar/index.html").read_text(encoding="utf-8"))
    assert ar.meta["og:locale"] == ["ar_EG"]
    assert "الجو حار جداً" in ar.meta["description"][0]  # the titles it lists
    page = Head((out / "ar/hitte/index.html").read_text(encoding="utf-8"))
    assert page.meta["og:type"] == ["article"]
    assert page.meta["og:title"] == ["الجو حار جداً"]
    assert page.meta["og:image"] == [f"{BASE}ar/hitte/preview.png"]  # its card
    assert (out / "ar/hitte/preview.png").is_file()
    notice = Head((out / "ti/hitte/index.html").read_text(encoding="utf-8"))
    assert notice.noindex and "ti_ET" not in notice.meta.get("og:locale:alternate", [])


def test_chooser_names_each_published_language_and_is_the_x_default(site):
    out, built = site
    langs, _ = _published(built)
    head = Head((out / "index.html").read_text(encoding="utf-8"))
    alts = {a["hreflang"]: a["href"] for a in head.link("alternate") if "hreflang" in a}
    assert alts == {**{lang: f"{BASE}{lang}/" for lang in langs}, "x-default": BASE}


def test_a_404_page_per_published_language_and_at_the_root(site):
    out, built = site
    langs, _ = _published(built)
    assert not (out / "ti/404.html").exists()
    root = (out / "404.html").read_text(encoding="utf-8")
    for lang in langs:
        page = out / lang / "404.html"
        head = Head(page.read_text(encoding="utf-8"))
        assert head.noindex
        # Served at any depth: its links start at the site's folder, never "../".
        local = [r for r in head.refs if not r.startswith(("http", "#", "tel:", "mailto:"))]
        assert local and all(r.startswith("/") for r in local), local
        assert (out / f"{lang}/index.html").is_file()
        assert f'href="/{lang}/index.html"' in root
    assert 'lang="ar" dir="rtl">هذه الصفحة غير موجودة.' in root
    assert "Deze pagina bestaat niet." in (out / "nl/404.html").read_text(encoding="utf-8")


def test_favicon_files(site):
    out, _ = site
    assert (out / "favicon.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    ico = Image.open(out / "favicon.ico")
    assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    assert Image.open(out / "apple-touch-icon.png").size == (180, 180)
    assert Image.open(out / "icon-512.png").size == (512, 512)


def test_a_site_icon_of_its_own_is_cleaned(project):
    (project / "templates/favicon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<script>alert(1)</script><circle cx="5" cy="5" r="5" fill="#c00"/></svg>',
        encoding="utf-8")
    build(project)
    svg = (project / "_site/favicon.svg").read_text(encoding="utf-8")
    assert "circle" in svg and "script" not in svg
    red = Image.open(project / "_site/icon-512.png").convert("RGB").getpixel((256, 256))
    assert red == (204, 0, 0)


def test_a_broken_site_icon_is_named(project):
    (project / "templates/favicon.svg").write_text("not a drawing", encoding="utf-8")
    with pytest.raises(KlaarError) as err:
        build(project)
    assert "templates/favicon.svg" in str(err.value)


def test_under_a_sub_path_every_address_starts_with_base_url(project):
    base = "https://example.org/gezond/"
    set_base_url(project, base)
    build(project)
    out = project / "_site"
    for path in out.rglob("*"):
        if path.suffix in (".xml", ".txt"):
            text = path.read_text(encoding="utf-8")
            ours = [u for u in re.findall(r"https?://[^\s\"'<>]+", text)
                    if urlsplit(u).hostname not in ("www.w3.org", "www.sitemaps.org")]
        elif path.suffix == ".html":  # the page's own addresses (its text may cite others)
            head = Head(path.read_text(encoding="utf-8"))
            ours = [a["href"] for a in head.links] + [
                v for k in ("og:url", "og:image") for v in head.meta.get(k, [])]
            ours = [u for u in ours if re.match(r"https?://", u)]
            assert ours, path
        else:
            continue
        assert all(u.startswith(base) for u in ours), (path, ours)
    assert "Sitemap: https://example.org/gezond/sitemap.xml" in \
        (out / "robots.txt").read_text(encoding="utf-8")
    assert set(_sitemap(out)) >= {base, f"{base}nl/", f"{base}nl/hitte/"}
    # Relative links inside pages still work from the sub-path; 404 pages start at it.
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        here = base + rel
        for ref in Head(path.read_text(encoding="utf-8")).refs:
            url = urljoin(here, ref)
            if not url.startswith(base):
                continue
            target = out / urlsplit(url).path[len("/gezond/"):]
            if url.endswith("/"):
                target = target / "index.html"
            assert target.exists(), (rel, ref)


def test_unpublished_languages_are_no_alternates_and_have_no_feed(project):
    # Every Polish message withdrawn: Polish is no longer a published language.
    po = polib.pofile(str(project / "translations/pl.po"))
    for e in po:
        if e.msgctxt and e.msgctxt.endswith(":title"):
            e.flags.append("fuzzy")
    po.save(str(project / "translations/pl.po"))
    build(project)
    out = project / "_site"
    assert not (out / "pl/feed.xml").exists() and not (out / "pl/404.html").exists()
    urls = _sitemap(out)
    assert not any("/pl/" in u for u in urls)
    assert all("pl" not in alts for alts in urls.values())
    for page in ("index.html", "nl/index.html", "nl/hitte/index.html"):
        head = Head((out / page).read_text(encoding="utf-8"))
        assert not any(a.get("hreflang") == "pl" for a in head.link("alternate"))
        assert "pl_PL" not in head.meta.get("og:locale:alternate", [])


def test_a_preview_advertises_no_public_addresses(project, tmp_path):
    withdraw(project, "ar", "hitte:title")
    preview = tmp_path / "preview"
    build(project, drafts=True, preview=True, output=preview)
    assert not (preview / "sitemap.xml").exists()
    assert not list(preview.rglob("feed.xml"))
    assert "Disallow: /" in (preview / "robots.txt").read_text(encoding="utf-8")
    for path in preview.rglob("*.html"):
        head = Head(path.read_text(encoding="utf-8"))
        assert head.noindex, path
        addresses = [a["href"] for a in head.links] + head.meta.get("og:url", []) \
            + head.meta.get("og:image", [])
        assert not any(BASE in a for a in addresses), (path, addresses)
    # The machine-drafted page is shown in the preview, never named in public files.
    assert (preview / "ar/hitte/index.html").is_file()


@pytest.mark.parametrize("code, expected", [
    ("nl", "nl_NL"), ("en", "en_US"), ("ar", "ar_EG"), ("uk", "uk_UA"), ("ti", "ti_ET"),
    ("fa", "fa_IR"), ("zh", "zh_CN"), ("zh-Hant", "zh_TW"), ("pt-BR", "pt_BR"),
    ("so", "so_SO"), ("bg", "bg_BG"), ("ro", "ro_RO"), ("tr", "tr_TR"), ("pl", "pl_PL"),
])
def test_og_locale_is_language_and_territory(code, expected):
    assert og_locale(code) == expected


# -- incremental builds ---------------------------------------------------------------------

SITE_FILES = {"sitemap.xml", "robots.txt", "404.html", "favicon.svg", "favicon.ico",
              "apple-touch-icon.png", "icon-512.png"}


def _made(project: Path, **kw) -> set[str]:
    built = build(project, **kw)
    assert built.counts is not None
    return built.counts.made


def _deploy_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and (p.name in ("feed.xml", "404.html")
                                or p.relative_to(out).as_posix() in SITE_FILES)}


def test_unchanged_site_files_are_reused(project):
    build(project)
    made = _made(project)
    assert made == set()


def test_a_withdrawn_translation_remakes_the_sitemap_and_that_feed(project):
    build(project)
    withdraw(project, "ar", "hitte:title")
    made = _made(project)
    assert {"sitemap.xml", "ar/feed.xml"} <= made
    assert not made & {"nl/feed.xml", "en/feed.xml", "robots.txt", "favicon.ico", "404.html"}
    urls = _sitemap(project / "_site")
    assert f"{BASE}ar/hitte/" not in urls and "ar" not in urls[f"{BASE}nl/hitte/"]
    # Incremental equals clean, byte for byte.
    incremental = _deploy_files(project / "_site")
    build(project, clean=True)
    assert _deploy_files(project / "_site") == incremental


def test_a_new_reviewed_date_remakes_sitemap_and_feeds(project):
    build(project)
    msg = project / "content/hitte.md"
    msg.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2026-11-01",
                          msg.read_text(encoding="utf-8")), encoding="utf-8")
    made = _made(project)
    assert {"sitemap.xml", "nl/feed.xml"} <= made
    assert "<lastmod>2026-11-01</lastmod>" in (project / "_site/sitemap.xml").read_text(
        encoding="utf-8")


def test_a_new_base_url_remakes_every_address(project):
    build(project)
    set_base_url(project, "https://example.org/gezond/")
    made = _made(project)
    assert {"sitemap.xml", "robots.txt", "nl/feed.xml", "404.html", "nl/404.html",
            "index.html", "nl/hitte/index.html"} <= made
    assert "/gezond/static/style.css" in (project / "_site/404.html").read_text(
        encoding="utf-8")


def test_a_new_site_icon_remakes_the_icon_files(project):
    build(project)
    (project / "templates/favicon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect width="10" height="10" fill="#060"/></svg>', encoding="utf-8")
    made = _made(project)
    # (Pages are remade too: their key has the whole template folder, icon included.)
    assert {"favicon.svg", "favicon.ico", "apple-touch-icon.png", "icon-512.png"} <= made
    assert not made & {"sitemap.xml", "nl/feed.xml", "robots.txt"}
    assert Image.open(project / "_site/icon-512.png").convert("RGB").getpixel((5, 5)) == \
        (0, 102, 0)


def test_a_404_template_edit_remakes_the_404_pages(project):
    build(project)
    tpl = project / "templates/404.html"
    tpl.write_text(tpl.read_text(encoding="utf-8").replace(
        '<article class="not-found">', '<article class="not-found" data-x="1">'),
        encoding="utf-8")
    made = _made(project)
    assert {"404.html", "nl/404.html", "ar/404.html"} <= made
    assert 'data-x="1"' in (project / "_site/ar/404.html").read_text(encoding="utf-8")
    assert not made & {"sitemap.xml", "nl/feed.xml"}


def test_feed_text_is_escaped_and_kept_well_formed():
    import datetime as dt

    from toolkit.render import feed

    hostile = 'Bel <script>alert("x")</script> & kom]]> langs\x0b\x01'
    data = feed.render(feed.Feed(
        lang="nl", url=f"{BASE}nl/feed.xml", page=f"{BASE}nl/", title=hostile,
        title_lang="nl", author="GGD", entries=(feed.Entry(
            url=f"{BASE}nl/a/", title=hostile, summary=hostile, content_html="<p>x</p>",
            updated=dt.date(2026, 1, 2), author="GGD & co"),)))
    root = SafeET.fromstring(data)
    assert root.find(f"{ATOM}title").text == 'Bel <script>alert("x")</script> & kom]]> langs'
    assert root.find(f"{ATOM}entry/{ATOM}content").text == "<p>x</p>"
    assert _valid(_atom_schema(), data)
