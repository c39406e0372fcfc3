"""The language the toolkit speaks to staff: CLI messages, readability reasons, the
preview panel and the review screen. One language per installation, through gettext.

Chosen, first match wins:

1. the environment variable KLAAR_LANGUAGE (`nl` or `en`), for one person or machine;
2. `staff_language = "nl"` in the project's site.toml, for everyone working on a site;
3. the locale (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them): `nl_*` → Dutch,
   anything else → English.

The English texts in the code are the msgids; each shipped language has a catalog
`toolkit/locale/<lang>/LC_MESSAGES/klaar.po`, read at run time (no compile step, so a
plain `pip install` of a clone has them). `babel-staff.cfg` extracts the msgids.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
import tomllib
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

ENV = "KLAAR_LANGUAGE"
DOMAIN = "klaar"
SOURCE = "en"  # the language of the msgids
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SETTING = "staff_language"  # top-level key in site.toml

_active: str | None = None  # set by activate(); None: chosen from the environment


@lru_cache(maxsize=1)
def shipped() -> tuple[str, ...]:
    """The staff languages this toolkit has: English plus every catalog under locale/."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted({SOURCE, *found}))


def _from_code(value: str | None) -> str | None:
    """'nl', 'nl_NL.UTF-8', 'nl-BE' → 'nl' when that language is shipped, else None."""
    if not value:
        return None
    base = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in shipped() else None


def from_locale(environ: Mapping[str, str] | None = None) -> str:
    """The staff language the locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that
    is set decides (as POSIX does); a language not shipped gives English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return _from_code(value) or SOURCE
    return SOURCE


def project_setting(root: Path | None) -> str | None:
    """`staff_language` of ROOT/site.toml, or None (no file, no key, or a broken file: the
    configuration check reports those; choosing a language never fails)."""
    if root is None:
        return None
    try:
        data = tomllib.loads((root / "site.toml").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    value = data.get(SETTING)
    return value if isinstance(value, str) else None


def choose(setting: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The staff language: KLAAR_LANGUAGE, else SETTING (site.toml), else the locale."""
    env = os.environ if environ is None else environ
    return _from_code(env.get(ENV)) or _from_code(setting) or from_locale(env)


def activate(lang: str | None) -> str | None:
    """Speak LANG from now on in this process (None: follow the environment again).
    Returns the language active before, to restore it."""
    global _active
    before = _active
    _active = _from_code(lang) if lang else None
    return before


def active() -> str:
    """The staff language in force now."""
    return _active or choose()


@cache
def translation(lang: str) -> _gettext.NullTranslations:
    """The gettext translations for LANG (English: the msgids themselves)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == SOURCE or not po.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation yet
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def gettext(message: str) -> str:
    """MESSAGE in the staff language."""
    return translation(active()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for N, in the staff language."""
    return translation(active()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "mark only")
    """Mark MESSAGE for extraction; it is translated where it is shown."""
    return message


_ = gettext


class Said(str):
    """A staff text said later: an English msgid (marked with N_) and its values.

    As a string it IS the English text: that is what is compared, cached and stored in
    files people share (a PO file's notes), so stored text never depends on who ran the
    command. `str()` and formatting (f-strings, .format) say it in the staff language in
    force at that moment. A value may be a Said itself (a word said in the same language).
    """

    msgid: str
    values: tuple[tuple[str, object], ...]

    def __new__(cls, msgid: str, values: tuple[tuple[str, object], ...] = ()) -> Said:
        self = super().__new__(cls, cls._render(msgid, values, False))
        self.msgid, self.values = msgid, values
        return self

    def __reduce__(self) -> tuple[type[Said], tuple[str, tuple[tuple[str, object], ...]]]:
        return Said, (self.msgid, self.values)  # pickled (the findings cache) as made

    @staticmethod
    def _render(msgid: str, values: tuple[tuple[str, object], ...], translated: bool) -> str:
        if not msgid:
            return ""  # gettext("") is the catalog's header
        shown = {k: (v.said() if translated else v.english()) if isinstance(v, Said) else v
                 for k, v in values}
        return (gettext(msgid) if translated else msgid).format(**shown)

    def english(self) -> str:
        """The English text, as a plain str."""
        return str.__str__(self)

    def said(self) -> str:
        """The text in the staff language in force now."""
        return self._render(self.msgid, self.values, True)

    __str__ = said

    def __format__(self, spec: str) -> str:
        return format(self.said(), spec)


def said(msgid: str, **values: object) -> Said:
    """Said(msgid, values): mark the msgid with N_ where it is written."""
    return Said(msgid, tuple(sorted(values.items())))


__all__ = ["ENV", "N_", "SETTING", "Said", "activate", "active", "choose", "from_locale",
           "gettext", "ngettext", "project_setting", "said", "shipped", "translation"]


def extract_word_list(fileobj, keywords, comment_tags, options):
    """Babel extractor for the bundled word list (readability/data/nl_jargon.tsv): its
    'kind' and 'why' columns are shown to staff, so they are msgids too."""
    seen: set[str] = set()
    for lineno, raw in enumerate(fileobj, start=1):
        line = raw.decode("utf-8").rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for text in line.split("\t")[2:4]:
            if text.strip() and text not in seen:
                seen.add(text)
                yield lineno, "_", text, []
