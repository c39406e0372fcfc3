"""Pages per language with Jinja2: the language chooser, a message list, one page a message.

A message is shown in a language only when every one of its segments has a reviewed
translation of the current Dutch text. Otherwise its page says, in that language, that it
is not available yet and links to the Dutch page: Dutch text is never passed off as a
translation, and no page mixes translated and untranslated parts of one message.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import staff_language
from ..brand import DEFAULT_COLOR, parse_color
from ..catalog import Catalog
from ..config import Config
from ..extract import SITE
from ..interface import INSTEAD_NOTHING, INSTEAD_TOOLKIT, interface_for
from ..languages import Language, language
from ..lifecycle import lifecycle_banners
from ..load import markdown
from ..model import Message, Segment
from ..pictograms import Library
from ..publish import LIFECYCLE, Why, decide_all, segment_blockers
from ..safety import context_for
from ..tasks import (
    OUTPUT_KINDS,
    Manifest,
    Task,
    digest,
    files_digest,
    output_names,
    output_size,
    shared,
)
from . import bidi, media, panel, pdf, png, share, siteinfo, video
from .cache import cache_dir
from .glue import linked_phones, nobreak, tel_href
from .templatecache import PageTemplates
from .textlayout import keep_together

log = logging.getLogger("klaar")

_md = markdown()


@lru_cache(maxsize=65536)
def inline_html(text: str) -> Markup:
    """Inline Markdown → safe HTML (raw HTML is off, so tags in `text` come out escaped).
    Digit groups are joined by no-break spaces: '088 123 4567' never breaks, and keeps its
    order in right-to-left text (a no-break space between digits joins them into one
    number for the bidi algorithm; a plain space would reverse the groups)."""
    return Markup(keep_together(_md.renderInline(text)))


@lru_cache(maxsize=65536)
def plain_text(text: str) -> str:
    """Inline Markdown → the words a reader sees, for alt text and <title>."""
    out = []
    for tok in _md.parseInline(text)[0].children or []:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif tok.type == "image":
            out.append(tok.content)
    return "".join(out).strip()


@lru_cache(maxsize=4096)
def _body_tokens(body_markdown: str) -> tuple:
    """The Dutch body parsed once, shared by every language (never changed in place)."""
    return tuple(_md.parse(body_markdown))


@lru_cache(maxsize=65536)
def _inline_children(text: str) -> tuple:
    return tuple(_md.parseInline(text)[0].children or ())


def translated_tokens(message: Message, texts: dict[str, str]) -> list:
    """The body's Markdown tokens with each block's inline text replaced by its
    translation (segment body-N is the N-th inline token, as load.py numbers them).
    Only the inline tokens are copied; the rest is shared with the parsed Dutch body."""
    out = []
    n = 0
    for tok in _body_tokens(message.body_markdown):
        if tok.type == "inline":
            n += 1
            seg_id = f"body-{n}"
            if seg_id in texts:
                tok = copy.copy(tok)
                tok.content = texts[seg_id]
                tok.children = list(_inline_children(tok.content))
        out.append(tok)
    return out


def body_html(message: Message, texts: dict[str, str]) -> Markup:
    """Render the body in the language of `texts`."""
    return Markup(keep_together(_md.renderer.render(translated_tokens(message, texts),
                                                    _md.options, {})))


@dataclass(frozen=True)
class LocalText:
    """A string shown on a page, with the language it is actually in (for lang=…)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


class SiteRenderer:
    """Renders every page of the site from loaded messages and catalogs."""

    def __init__(self, config: Config, library: Library, messages: list[Message],
                 catalogs: dict[str, Catalog], ui_strings: list[str], drafts: bool = False,
                 checks: dict | None = None, withdrawals: dict[str, list[str]] | None = None):
        self.config = config
        self.library = library
        self.all_messages = messages
        self.messages = messages  # those with pages: without drafts unless previewing
        self.catalogs = catalogs
        self.drafts = drafts
        self.checks = checks  # preview only: readability per message slug
        # preview only: slug → languages whose reviewed translation an edit withdraws
        self.withdrawals = withdrawals or {}
        self.staff = staff_language.active()  # the preview panel's language, for workers too
        self.ui_strings = tuple(ui_strings)
        self.defer: frozenset[str] = frozenset()  # task kinds this build leaves out
        self.previous = Manifest()  # the previous site's manifest (what can be reused)
        self._envs: dict[str, Environment] = {}
        self.src = config.source_language
        # Each language's interface texts: the site's reviewed override, else the
        # toolkit's own translation (toolkit/interface.py). A language's pages use its own
        # interface only when none is missing; otherwise the whole interface is Dutch and
        # the page says lang="nl", so nothing pretends to be translated.
        self.interfaces = {lang: interface_for(config, lang, catalogs.get(lang), ui_strings,
                                               drafts) for lang in config.all_languages}
        self.ui_missing = {lang: list(i.missing) for lang, i in self.interfaces.items()}
        self.ui_lang = {lang: self.src if self.ui_missing[lang] else lang
                        for lang in config.all_languages}
        # One decision per message × language (toolkit/publish.py): the public one, and
        # in a preview with drafts the one that may show machine drafts under a banner.
        self.public = decide_all(config, messages, catalogs, ui_strings)
        self.shown = decide_all(config, messages, catalogs, ui_strings, drafts=True) \
            if drafts else self.public
        self.texts = {key: d.texts for key, d in self.shown.items()}
        # (path, lang, context, finding, instead): `instead` says what is shown in its
        # place, said by the CLI: "" (nothing: not published), INSTEAD_TOOLKIT or
        # INSTEAD_NOTHING for an interface text (its context is then the msgid).
        self.withheld: list[tuple[str, str, str, str, str]] = [
            (self._by_slug(slug).path, lang, b.context or "", b.detail, "")
            for (slug, lang), d in self.public.items() for b in d.blockers
            if b.why is Why.FAILS_CHECK]
        # A site's interface override that fails a check is withheld too (the toolkit's
        # text is shown instead, or the interface stays Dutch).
        for lang, i in self.interfaces.items():
            for msgid, why in i.withheld:
                line, toolkit = i.withheld_at.get(msgid, (None, False))
                path = f"{config.translations_dir.name}/{lang}.po"
                self.withheld.append((f"{path}:{line}" if line else path, lang, msgid, why,
                                      INSTEAD_TOOLKIT if toolkit else INSTEAD_NOTHING))
        # Pages that show at least one machine draft: they carry the banner.
        self.draft_pages = {key for key, d in self.shown.items()
                            if d.texts is not None and key[1] != self.src
                            and any(b.why not in LIFECYCLE for b in self.public[key].blockers)}
        # Drafts and messages past refuse_after_days: no page at all on the public site;
        # the preview shows them under a banner, without images, leaflets or sound.
        held = {slug for (slug, lang), d in self.public.items() if d.held}
        if not drafts:
            self.messages = [m for m in messages if m.slug not in held]
        self.local_only = self.draft_pages | {k for k in self.shown if k[0] in held}
        self.banners = {m.slug: lifecycle_banners(config, m)
                        for m in self.messages} if drafts else {}

    def _by_slug(self, slug: str) -> Message:
        return next(m for m in self.all_messages if m.slug == slug)

    def available(self, message: Message, lang: str) -> bool:
        """Published in `lang`: every segment and every interface text reviewed."""
        return self.texts[(message.slug, lang)] is not None

    def _env(self, lang: str) -> Environment:
        env = Environment(loader=FileSystemLoader(self.config.templates_dir), autoescape=True,
                          extensions=["jinja2.ext.i18n"], undefined=StrictUndefined,
                          keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                          bytecode_cache=PageTemplates(self.config.root))
        text = self._ui_text(lang)

        def gettext(msgid: str) -> str:
            # Jinja2's newstyle gettext marks the result safe; a translation is text, never
            # markup, so escape it here (a `<b>` typed in Poedit must not reach the page).
            return str(escape(text(msgid)))

        interface = self.interfaces[self.ui_lang[lang]]

        def ngettext(singular: str, plural: str, n: int) -> str:
            # The form the language's Plural-Forms formula picks (Arabic has six).
            found = interface.ngettext(singular, n)
            return str(escape(found if found is not None else
                              (singular if n == 1 else plural)))

        env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
            gettext, ngettext, newstyle=True)
        env.filters["nobreak"] = nobreak
        env.filters["phones"] = lambda text: linked_phones(text, getattr(text, "lang", lang))
        return env

    def _ui_text(self, lang: str) -> Callable[[str], str]:
        """Interface text in the page's interface language, as plain text (for images)."""
        interface = self.interfaces[self.ui_lang[lang]]
        return lambda msgid: interface.gettext(msgid) or msgid

    def site_text(self, key: str, lang: str) -> LocalText:
        """Site title or contact line in `lang` when reviewed, else Dutch marked as Dutch."""
        text = getattr(self.config, key)
        seg = Segment(SITE, key, text, 0)
        catalog = self.catalogs.get(lang)
        if catalog is None or lang == self.src:
            return LocalText(text, self.src)
        # The contact line holds the phone number: the same checks as message text.
        found, _ = segment_blockers(seg, catalog.entry(seg.context, seg.text),
                                    context_for(self.config, lang), self.drafts)
        return LocalText(found, lang) if found else LocalText(text, self.src)

    # -- outputs as tasks ----------------------------------------------------------------

    def tasks(self, kinds: frozenset[str] = OUTPUT_KINDS) -> list[Task]:
        """Every output of the site as a keyed task: infographics and leaflets first
        (phase 1), then the pages (phase 2), which show the sizes of the files they link.
        `kinds` chooses among pages, infographics and leaflets (pages are always made)."""
        out: list[Task] = []
        if "infographics" in kinds:
            for m in self.messages:
                if len(m.steps) > png.MAX_STEPS:
                    log.warning("%s: %d steps: no poster, card or link preview is made (at "
                                "most %d fit legibly); split the message or combine steps",
                                m.path, len(m.steps), png.MAX_STEPS)
        tdigest = files_digest(p for p in self.config.templates_dir.rglob("*") if p.is_file())
        # Digests of the parts many keys share, computed once: the same keys, cheaper.
        base = digest(tdigest, self.config, self.drafts, self.checks is not None,
                      self.staff if self.checks is not None else None)
        mdig = {m.slug: digest(m) for m in self.messages}
        # The chooser and the lists name the published languages as alternates.
        langs = siteinfo.published_languages(self)
        out.append(Task("page", ("index.html",), digest("chooser", base, self._page_lang(
            self.src), langs), partial(_page, "chooser"), phase=2))
        for lang in self.config.all_languages:
            lang_key = digest(base, self._page_lang(lang))
            out.append(Task("page", (f"{lang}/index.html",), digest(
                "index", lang_key, langs, [(mdig[m.slug], self.texts[(m.slug, lang)],
                                            self._held_label(m)) for m in self.messages]),
                partial(_page, "index", lang), phase=2))
            for m in self.messages:
                page = f"{lang}/{m.slug}/index.html"
                across = self._across(m)
                if not self.available(m, lang):
                    if self.config.publish.missing_translation == "notice":
                        out.append(Task("page", (page,), digest(
                            "unavailable", lang_key, mdig[m.slug], across),
                            partial(_page, "unavailable", lang, m.slug), phase=2))
                    continue
                made: list[Task] = []
                if "infographics" in kinds:
                    info = self._infographic(m, lang)
                    for name in (png.FORMATS if info is not None else ()):
                        assert info is not None
                        path = f"{lang}/{m.slug}/{name}.png"
                        made.append(Task("infographic", (path,),
                                         digest("png", png.cache_key(info, png.FORMATS[name])),
                                         partial(_png_file, path, info, name,
                                                 cache_dir(self.config.root, "png"))))
                if "leaflets" in kinds:
                    for name, (leaflet, paper) in self._leaflet_specs(m, lang).items():
                        path = f"{lang}/{m.slug}/{name}"
                        made.append(Task("leaflet", (path,),
                                         digest("pdf", leaflet, paper, pdf.code_hash()),
                                         partial(_pdf_file, path, leaflet, paper,
                                                 cache_dir(self.config.root, "pdf"))))
                if "media" in kinds and m.steps and (m.slug, lang) not in self.local_only:
                    # Read-aloud audio and the narrated video: never of a draft.
                    script = self._script(m, lang)
                    folder = f"{lang}/{m.slug}"
                    recs = media.current_recordings(self.config.root, script)
                    heard = sorted((part, path.read_bytes()) for part, path in recs.items())
                    made.append(Task("media", (folder,), digest("media", script, heard),
                                     partial(_media_files, folder, script, self.config.root),
                                     dynamic=True))
                    # The share kit packs what the page offers: after the files above.
                    share_key = digest("share", [t.key for t in made], script, m.reviewed,
                                       self.config.brand.name)
                    out.append(Task("share", (f"{folder}/share.txt",
                                              f"{folder}/{m.slug}-{lang}.zip"), share_key,
                                    partial(_share_files, folder, script, m.slug, lang,
                                            m.reviewed, self.config.brand.name), phase=2,
                                    local=True))
                    made.append(Task("share", (), share_key, lambda: {}))  # for the page key
                out += [t for t in made if t.paths]
                # A page shows the sizes of the files it links, so its key has theirs;
                # the preview shows no sizes, so its page is ready before its images.
                files = tuple((t.paths[0].rsplit("/", 1)[1],
                               t.key if self.checks is None else None) for t in made
                              if t.kind in ("infographic", "leaflet"))
                extra = tuple(t.key for t in made if t.kind in ("media", "share"))
                # The preview's first pass leaves out changed audio, video and share kits
                # (they follow in a second pass): its page then says so in its key.
                pending = any(self._pending(t) for t in made if t.kind in ("media", "share"))
                out.append(Task("page", (page,), digest(
                    "message", lang_key, mdig[m.slug], self.texts[(m.slug, lang)], across, files,
                    extra if self.checks is None else (bool(extra), pending),
                    (m.slug, lang) in self.draft_pages, self.banners.get(m.slug),
                    (self.checks.get(m.slug), self.withdrawals.get(m.slug))
                    if self.checks is not None else None),
                    partial(_page, "message", lang, m.slug, tuple(n for n, _ in files)),
                    phase=3))
        return out

    def _pending(self, task: Task) -> bool:
        """Will this build leave `task` out (deferred, and not reusable as it is)?"""
        if task.kind not in self.defer:
            return False
        old = self.previous
        if task.dynamic:
            group = old.extra.get("groups", {}).get(task.paths[0])
            return not group or group[0] != task.key
        key = task.key
        if not task.paths:  # the share kit's stand-in: ask about the real one
            return not any(v[0] == key for p, v in old.files.items()
                           if p.endswith(".zip"))
        return any(old.files.get(p, ("",))[0] != key for p in task.paths)

    def _page_lang(self, lang: str) -> tuple:
        """What every page of a language shows besides its content: the interface texts,
        the site's title and contact line, and which languages have an interface."""
        text = self._ui_text(lang)
        return (lang, self.ui_lang, tuple((u, text(u)) for u in self.ui_strings),
                self.site_text("title", lang), self.site_text("contact", lang))

    def _across(self, m: Message) -> tuple:
        """The message's availability in every language (the switcher links to them) and,
        in the preview, the public decision shown in the report."""
        return tuple((c, self.available(m, c), self.public[(m.slug, c)] if self.checks
                      is not None else None) for c in self.config.all_languages)

    def env(self, lang: str) -> Environment:
        env = self._envs.get(lang)
        if env is None:
            env = self._envs[lang] = self._env(lang)
        return env

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_envs"] = {}  # Jinja2 environments are made again where they are used
        return state

    def page_file(self, kind: str, lang: str | None = None, slug: str | None = None,
                  names: tuple[str, ...] = ()) -> dict[str, bytes]:
        """One page task's file."""
        if staff_language.active() != self.staff:  # a worker speaks the build's language
            staff_language.activate(self.staff)
        if kind == "chooser":
            return {"index.html": self._chooser().encode("utf-8")}
        assert lang is not None
        if kind == "index":
            return self._index_file(lang)
        m = self._by_slug(slug or "")
        if kind == "unavailable":
            return self._unavailable_file(m, lang)
        return self._message_file(m, lang, names)

    def _index_file(self, lang: str) -> dict[str, bytes]:
        return {f"{lang}/index.html": self._index(self.env(lang), lang).encode("utf-8")}

    def _unavailable_file(self, m: Message, lang: str) -> dict[str, bytes]:
        return {f"{lang}/{m.slug}/index.html":
                self._unavailable(self.env(lang), m, lang).encode("utf-8")}

    def _message_file(self, m: Message, lang: str, names: tuple[str, ...]) -> dict[str, bytes]:
        folder = f"{lang}/{m.slug}/"
        sizes = {n: None if self.checks is not None else output_size(folder + n) or 0
                 for n in names}
        images = {n[:-4]: size for n, size in sizes.items() if n.endswith(".png")}
        leaflets = {n: size for n, size in sizes.items() if n.endswith(".pdf")}
        made = [n for n in output_names(folder.rstrip("/")) if n not in sizes]
        size = (lambda n: None) if self.checks is not None else \
            (lambda n: output_size(folder + n) or 0)
        kit_names = ("share.txt", f"{m.slug}-{lang}.zip")
        sound = {n: size(n) for n in made if n not in kit_names}
        kit = {n: size(n) for n in made if n in kit_names}
        voice, text = None, None
        if sound or kit:
            script = self._script(m, lang)
            voice = media.voice_kind(script, media.current_recordings(self.config.root, script))
            text = _share_text(script, self.config.brand.name)
        return {folder + "index.html": self._message(
            self.env(lang), m, lang, images, leaflets, sound, voice, kit,
            text).encode("utf-8")}

    # -- page contexts -------------------------------------------------------------------

    def _languages(self) -> list[Language]:
        return [language(code) for code in self.config.all_languages]

    def _common(self, lang: str, depth: int, page: Callable[[str], str | None],
                absolute: Callable[[str], str | None], path: str = "",
                feed: bool = False, listed: bool = True) -> dict:
        """What every page needs: its language, links up the tree, switcher and alternates,
        and (toolkit/render/siteinfo.py) its canonical address and Open Graph locales.
        `path` is the page's own address in the site ("nl/hitte/"); a page not `listed`
        (in the sitemap) tells search engines to leave it out."""
        root = "../" * depth
        base = siteinfo.url_base(self)
        switcher = []
        alternates = []
        for other in self._languages():
            rel = page(other.code)
            switcher.append({"lang": other, "href": root + (rel or f"{other.code}/index.html"),
                             "current": other.code == lang})
            url = absolute(other.code)
            if url:
                alternates.append({"lang": other.code, "href": base + url})
        ctx = {
            "lang": language(self.ui_lang[lang]),  # the language the page is actually in
            "page_lang": lang,  # the language section the page belongs to
            "root": root,
            "site_title": self.site_text("title", lang),
            "contact": self.site_text("contact", lang),
            "switcher": switcher,
            "alternates": alternates,
            "x_default": base,
            "source_lang": self.src,
            "brand": page_brand(self.config),
        }
        ctx.update(siteinfo.page_meta(self, lang, path, alternates, feed, listed))
        return ctx

    def _chooser(self) -> str:
        env = self._env(self.src)
        langs = siteinfo.published_languages(self)
        # Each published language's list is an alternate; the chooser is the x-default.
        ctx = self._common(self.src, 0, lambda c: f"{c}/index.html",
                           lambda c: f"{c}/" if c in langs else None)
        return env.get_template("chooser.html").render(
            ctx, languages=self._languages(), og_title=ctx["site_title"],
            description=siteinfo.chooser_description(self))

    def _index(self, env: Environment, lang: str) -> str:
        langs = siteinfo.published_languages(self)
        ctx = self._common(lang, 1, lambda c: f"{c}/index.html",
                           lambda c: f"{c}/" if c in langs else None, path=f"{lang}/",
                           feed=True, listed=lang in langs)
        items = []
        for m in self.messages:
            texts = self.texts[(m.slug, lang)]
            omitted = texts is None and self.config.publish.missing_translation == "omit"
            items.append({
                "href": None if omitted else f"{m.slug}/index.html",
                "dutch_href": f"../{self.src}/{m.slug}/index.html",
                "available": texts is not None,
                "title": texts["title"] if texts else m.title.text,
                "summary": inline_html(texts["summary"]) if texts else None,
                "pictogram": m.steps[0].pictogram if m.steps else None,
                # preview only: a draft or expired message, not on the public site
                "held": self._held_label(m),
            })
        return env.get_template("index.html").render(
            ctx, messages=items, og_title=ctx["site_title"],
            description=siteinfo.index_description(self, lang))

    def _held_label(self, m: Message) -> str | None:
        """Preview only: a short Dutch label for a message kept off the public site."""
        d = self.public[(m.slug, self.src)]
        if not d.held:
            return None
        kinds = {b.why for b in d.blockers}
        return ("Concept" if Why.DRAFT in kinds else "Verlopen") + ": niet op de publieke site"

    def _message_links(self, m: Message) -> tuple[Callable, Callable]:
        def page(code: str) -> str | None:
            if self.available(m, code) or self.config.publish.missing_translation == "notice":
                return f"{code}/{m.slug}/index.html"
            return None

        def absolute(code: str) -> str | None:
            return f"{code}/{m.slug}/" if self.available(m, code) else None

        return page, absolute

    def _infographic(self, m: Message, lang: str) -> png.Infographic | None:
        """Poster, card and link preview of a message with 1 to 8 steps (more: see
        `tasks`). None for pages with machine drafts (or local-only drafts): images spread
        in chat groups, and a banner does not travel."""
        if not 1 <= len(m.steps) <= png.MAX_STEPS or (m.slug, lang) in self.local_only:
            return None
        texts = self.texts[(m.slug, lang)]
        assert texts is not None
        _ = self._ui_text(lang)
        contact = " · ".join(x for x in (bidi.isolate(m.contact.name or ""),
                                          bidi.isolate(m.contact.phone or "", rtl=False)) if x)
        return png.Infographic(
            slug=m.slug, path=m.path, lang=lang, rtl=language(lang).rtl,
            title=plain_text(texts["title"]),
            steps=tuple((self.library[s.pictogram].svg(self.library.root),
                         plain_text(texts[s.segment.id])) for s in m.steps),
            source=f"{_('Bron')}: {_source_line(m, lang)}",
            contact=contact, language_name=language(lang).native_name,
            contact_name=m.contact.name or "", phone=m.contact.phone or "",
            url=self.config.base_url + f"{lang}/{m.slug}/", **png_brand(self.config))

    def _script(self, m: Message, lang: str) -> media.Script:
        """The message in `lang` as plain text, for the voice and the video."""
        texts = self.texts[(m.slug, lang)]
        assert texts is not None
        _ = self._ui_text(lang)
        url = self.config.base_url + f"{lang}/{m.slug}/"
        body = tuple(plain_text(texts[f"body-{i}"]) for i in range(1, len(texts) + 1)
                     if f"body-{i}" in texts)
        film = video.Film(
            slug=m.slug, path=m.path, lang=lang, rtl=language(lang).rtl,
            title=plain_text(texts["title"]), summary=plain_text(texts["summary"]),
            steps=tuple((self.library[s.pictogram].svg(self.library.root),
                         plain_text(texts[s.segment.id])) for s in m.steps),
            question=_("Vragen?"), contact_name=m.contact.name or "",
            phone=m.contact.phone or "", url=url, short_url=png.short_address(url),
            language_name=language(lang).native_name, **video_brand(self.config))
        return media.Script(film, body, tuple(s.segment.id for s in m.steps))

    def scripts(self) -> dict[tuple[str, str], media.Script]:
        """Every published, reviewed page as a script to read aloud: (slug, lang) → Script."""
        return {(m.slug, lang): self._script(m, lang) for m in self.messages
                for lang in self.config.all_languages
                if self.available(m, lang) and (m.slug, lang) not in self.local_only
                and m.steps}

    def _side(self, m: Message, lang: str) -> pdf.Side:
        texts = self.texts[(m.slug, lang)]
        assert texts is not None
        _ = self._ui_text(lang)
        loc = lang.replace("-", "_")
        return pdf.Side(
            lang=lang, rtl=language(lang).rtl, title=plain_text(texts["title"]),
            summary=texts["summary"],
            steps=tuple((self.library[s.pictogram].svg(self.library.root), texts[s.segment.id])
                        for s in m.steps),
            body=pdf.blocks(translated_tokens(m, texts)),
            labels={"steps": _("Wat moet je doen?"),
                    "about": _("Waar komt deze informatie vandaan?"), "source": _("Bron"),
                    "checked": _("Gecontroleerd op"), "contact": _("Vragen?")},
            source=_source_line(m, lang),
            checked=format_date(m.reviewed, "long", locale=loc),
            language_name=language(lang).native_name)

    def _leaflet_specs(self, m: Message, lang: str) -> dict[str, tuple[pdf.Leaflet, str]]:
        """A4 and A5 leaflets, and for other languages one with Dutch beside it. Like the
        images, none for pages with machine drafts."""
        if (m.slug, lang) in self.local_only:
            return {}
        own = (self._side(m, lang),)

        def make(sides: tuple) -> pdf.Leaflet:
            return pdf.Leaflet(slug=m.slug, path=m.path,
                               url=self.config.base_url + f"{lang}/{m.slug}/",
                               contact_name=m.contact.name, phone=m.contact.phone,
                               sides=sides, date=m.reviewed, accent=self.config.brand.color,
                               org=self.config.brand.name, logo=self.config.brand.logo_svg)

        out = {"leaflet-a4.pdf": (make(own), "a4"), "leaflet-a5.pdf": (make(own), "a5")}
        if lang != self.src:
            both = (self._side(m, self.src), own[0])
            out[f"leaflet-{self.src}-{lang}.pdf"] = (make(both), "a4")
        return out

    def _message(self, env: Environment, m: Message, lang: str,
                 images: dict[str, int | None] | None = None,
                 leaflets: dict[str, int | None] | None = None,
                 sound: dict[str, int | None] | None = None, voice: str | None = None,
                 kit: dict[str, int | None] | None = None,
                 share_text: str | None = None) -> str:
        """A message page; `images`, `leaflets`, `sound` (audio, video) and `kit` (share
        text, zip) map the files it links to their sizes (None in the preview, which does
        not show sizes)."""
        texts = self.texts[(m.slug, lang)]
        assert texts is not None
        ctx = self._common(lang, 2, *self._message_links(m), path=f"{lang}/{m.slug}/",
                           feed=True)
        steps: list[dict[str, Any]] = [{"pictogram": s.pictogram, "html": inline_html(texts[s.segment.id]),
                  "alt": plain_text(texts[s.segment.id])} for s in m.steps]
        loc = lang.replace("-", "_")
        alt = " ".join([plain_text(texts["title"]) + "."]
                       + [f"{i}. {st['alt']}" for i, st in enumerate(steps, 1)])
        sizes = {name: "" if size is None else
                 format_decimal(round(size / 1024), locale=loc) + "\u00a0kB"
                 for name, size in (images or {}).items()}
        files = {name: "" if size is None else
                 format_decimal(round(size / 1024), locale=loc) + "\u00a0kB"
                 for name, size in (leaflets or {}).items()}
        bilingual = f"leaflet-{self.src}-{lang}.pdf"
        sound, kit = sound or {}, kit or {}
        media_sizes = {name: "" if size is None else
                       format_decimal(round(size / 1024), locale=loc) + "\u00a0kB"
                       for name, size in {**sound, **kit}.items()}
        for st, seg in zip(steps, m.steps):
            st["audio"] = f"{seg.segment.id}.mp3" if f"{seg.segment.id}.mp3" in sound else None
        return env.get_template("message.html").render(
            ctx, listen="listen.mp3" in sound, voice=voice, sizes=media_sizes,
            video="video.mp4" in sound, share_text=share_text, zip_name=f"{m.slug}-{lang}.zip",
            whatsapp=share.whatsapp_link(share_text) if share_text else None,
            report=self._report(m) if self.checks is not None else None,
            draft=(m.slug, lang) in self.draft_pages, images=sizes, image_alt=alt,
            lifecycle=self.banners.get(m.slug, ()),
            # The card shows the steps listed just above it: its alt names it, and does
            # not make a screen reader read every step a second time.
            card_alt=plain_text(texts["title"]),
            leaflets=files, bilingual=bilingual if bilingual in files else None,
            og_image=(siteinfo.url_base(self) + f"{lang}/{m.slug}/preview.png")
            if images else None,
            page_url=siteinfo.url_base(self) + f"{lang}/{m.slug}/",
            description=plain_text(texts["summary"]), og_title=plain_text(texts["title"]),
            message=m, title=texts["title"], summary=inline_html(texts["summary"]),
            steps=steps, body=body_html(m, texts),
            source_date=format_date(m.source.date, "long", locale=lang.replace("-", "_")),
            reviewed=format_date(m.reviewed, "long", locale=lang.replace("-", "_")),
            reviewed_iso=m.reviewed.isoformat(), phone_href=tel_href(m.contact.phone),
            comma=bidi.comma(lang))

    def _report(self, m: Message) -> Markup:
        """Preview only, for GGD staff (in the staff language): the readability report and
        the translation state per language (render/panel.py)."""
        check = self.checks.get(m.slug) if self.checks else None
        if check is None:
            return Markup("")
        return panel.report(m, check, self.withdrawals.get(m.slug),
                            [self._publication(m, lang) for lang in self.config.languages])

    def _publication(self, m: Message, lang: str) -> Markup:
        """Preview only: whether the public build publishes `m` in `lang`, and why not
        (the decision of toolkit/publish.py, the same one status and the build use)."""
        return panel.publication(lang, self.public[(m.slug, lang)])

    def _unavailable(self, env: Environment, m: Message, lang: str) -> str:
        ctx = self._common(lang, 2, *self._message_links(m), path=f"{lang}/{m.slug}/")
        _ = self._ui_text(lang)
        # The fallback page: the notice in the reader's language, the pictograms of the
        # steps, the phone number to call and the Dutch page (README: What a reader sees).
        return env.get_template("unavailable.html").render(
            ctx, message=m, dutch=language(self.src), og_title=_("Nog niet beschikbaar"),
            description=_("Dit bericht is nog niet in jouw taal beschikbaar."),
            steps=[{"pictogram": s.pictogram} for s in m.steps],
            phone=m.contact.phone, phone_href=tel_href(m.contact.phone),
            contact_name=m.contact.name,
            publication=self._publication(m, lang) if self.checks is not None else None,
            dutch_href=f"../../{self.src}/{m.slug}/index.html")


def _page(kind: str, *args) -> dict[str, bytes]:
    """A page task, run by the renderer shared with the worker (see toolkit/tasks.py)."""
    return shared("renderer").page_file(kind, *args)


def _media_files(folder: str, script: media.Script, root: Path) -> dict[str, bytes]:
    files, _kind = media.render(script, root)
    return {f"{folder}/{name}": data for name, data in files.items()}


def _share_text(script: media.Script, sender: str = "") -> str:
    """The text to paste in WhatsApp: the same on the page and in share.txt."""
    f = script.film
    return share.share_text(f.title, [t for _, t in f.steps], f.question, f.phone or None,
                            f.url, f.rtl, sender)


def _share_files(folder: str, script: media.Script, slug: str, lang: str,
                 reviewed, sender: str = "") -> dict[str, bytes]:
    """share.txt and one zip with what the page offers (read back from the new site)."""
    out = {"share.txt": _share_text(script, sender).encode("utf-8")}
    # Exactly the files this build made there (the folder may hold others until the
    # build ends: it can be the spare, toolkit/write.py).
    made = Path(shared("site")) / folder
    files = {name: (made / name).read_bytes() for name in output_names(folder)
             if (made / name).is_file()}
    kit = {name: data for name, data in {**files, **out}.items()
           if not name.startswith("step-") and name not in ("preview.png", "index.html")}
    out[f"{slug}-{lang}.zip"] = share.kit_zip(kit, reviewed)
    return {f"{folder}/{name}": data for name, data in out.items()}


def _png_file(path: str, info: png.Infographic, name: str, cache: Path) -> dict[str, bytes]:
    return {path: png.render(info, name, cache)}


def _pdf_file(path: str, leaflet: pdf.Leaflet, paper: str, cache: Path) -> dict[str, bytes]:
    return {path: pdf.compile_pdf(leaflet, paper, cache)}


def _source_line(m: Message, lang: str) -> str:
    """"RIVM, 20 mei 2025": the source's name and date, each isolated (a Latin name in a
    right-to-left line keeps its punctuation), with the script's comma; the date never
    breaks across lines."""
    date = format_date(m.source.date, "long", locale=lang.replace("-", "_"))
    return bidi.joined((m.source.name, date.replace(" ", "\u00a0")), lang)


LOGO_PATH = "static/brand-logo.svg"  # the cleaned logo, written by the build


def page_brand(config: Config) -> dict:
    """What the page templates show of the brand: the name, the logo's address, and the
    colours as CSS custom properties (none when the colour is the default, so a site
    without [brand] looks as before)."""
    b = config.brand
    custom = b.color != DEFAULT_COLOR
    return {"name": b.name, "logo": LOGO_PATH if b.logo_svg else None,
            "css": f"--accent: {b.color}; --muted-bg: {b.tint};" if custom else ""}


def png_brand(config: Config) -> dict:
    """The brand's part of an infographic (png.Infographic's brand fields)."""
    b = config.brand
    return dict(accent=b.rgb, tint=parse_color(b.tint), soft=parse_color(b.soft),
                org=b.name, logo=b.logo_svg)


def video_brand(config: Config) -> dict:
    """The brand's part of a video (video.Film's colour fields), as on cards and posters."""
    found = png_brand(config)
    return {k: found[k] for k in ("accent", "tint", "soft")}


def used_pictograms(messages: list[Message]) -> list[str]:
    return sorted({s.pictogram for m in messages for s in m.steps})


def static_files(templates: Path) -> list[Path]:
    """Files under templates/static/, copied to the site as they are."""
    folder = templates / "static"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
