"""Language facts (own name, script direction, plural rule) from CLDR via Babel.

No hand-written tables: Babel ships the Unicode CLDR data, so a language added to
site.toml gets its native name and direction without code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural


@dataclass(frozen=True)
class Language:
    """What the renderer needs to know about one language."""

    code: str  # BCP 47 as written in site.toml, e.g. "zh-Hans"
    native_name: str  # the language's own name, e.g. "العربية"
    direction: str  # "ltr" or "rtl"
    plural_forms: str  # gettext Plural-Forms header value

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def _locale(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def is_known(code: str) -> bool:
    """True when CLDR knows the language tag."""
    try:
        _locale(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    """Facts about `code`; raises ValueError for a tag CLDR does not know."""
    try:
        loc = _locale(code)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"{code!r} is not a known language") from exc
    native = loc.get_display_name(loc) or code
    # CLDR writes most names lower-case ("polski"); in a language menu they start with a
    # capital, as CLDR's own uiListOrMenu context transform asks for most languages.
    native = native[:1].upper() + native[1:]
    plural = get_plural(loc)
    return Language(
        code=code,
        native_name=native,
        direction=loc.text_direction,
        plural_forms=plural.plural_forms,
    )
