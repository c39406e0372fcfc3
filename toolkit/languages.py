"""Language facts (own name, script direction, plural rule) from CLDR via Babel.

Names and direction come from Babel's copy of the Unicode CLDR, so a language added to
site.toml gets its native name and direction without code changes. The gettext
Plural-Forms header is the one exception: Babel's formulas differ from the ones gettext,
Poedit and Weblate write (Arabic forms 4 and 5 swapped, Turkish with one form, Tigrinya
`n != 1`), and a header that differs from the translation platform's is rewritten on
every round trip. PLURAL_FORMS below holds the formulas as those tools write them, each
derived from CLDR's integer plural rules (a test checks every formula against CLDR and
`msgfmt`); other languages fall back to Babel's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


# Plural-Forms by language family, written from CLDR's integer rules in the ordering and
# notation gettext and Weblate use (categories in CLDR order: zero, one, two, few, many,
# other; the `other` of fractions is not a separate gettext form).
_ONE_OTHER = "nplurals=2; plural=n != 1;"  # one: n = 1
_ZERO_ONE_OTHER = "nplurals=2; plural=n > 1;"  # one: i = 0,1
_NONE = "nplurals=1; plural=0;"  # no plural distinction
_SLAVIC_EAST = ("nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                "(n%100<10 || n%100>=20) ? 1 : 2;")
PLURAL_FORMS = {
    **dict.fromkeys(["en", "nl", "de", "da", "sv", "nb", "nn", "no", "fi", "et", "es", "it",
                     "el", "hu", "bg", "tr", "az", "so", "sq", "ur", "ps", "ku", "eo", "fy",
                     "ca", "gl", "eu", "sw", "pap", "tk", "uz", "ka", "mn", "ne", "ta", "te",
                     "ml", "kk", "ky"], _ONE_OTHER),
    **dict.fromkeys(["fr", "pt", "ti", "am", "fa", "hi", "bn", "ln", "wa", "hy", "pa", "gu",
                     "kn", "si", "zu"], _ZERO_ONE_OTHER),
    **dict.fromkeys(["zh", "ja", "ko", "vi", "th", "id", "ms", "lo", "my", "km", "yo", "ig",
                     "jv"], _NONE),
    **dict.fromkeys(["uk", "ru", "be", "sr", "hr", "bs"], _SLAVIC_EAST),
    "ar": ("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
           ": n%100>=11 ? 4 : 5;"),
    "pl": ("nplurals=3; plural=n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
           "? 1 : 2;"),
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": ("nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || "
           "n%100>=20) ? 1 : 2;"),
    "lv": "nplurals=3; plural=n%10==0 || (n%100>=11 && n%100<=19) ? 0 : n%10==1 && "
          "n%100!=11 ? 1 : 2;",
    "sl": "nplurals=4; plural=n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3;",
    "he": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ga": "nplurals=5; plural=n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 :(n>6 && n<11) ? 3 : 4;",
}


def plural_forms(code: str) -> str:
    """The gettext Plural-Forms header for `code` as gettext and Weblate write it."""
    base = code.replace("_", "-").split("-")[0].lower()
    if base in PLURAL_FORMS:
        return PLURAL_FORMS[base]
    return get_plural(_locale(code)).plural_forms


@cache
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
    return Language(
        code=code,
        native_name=native,
        direction=loc.text_direction,
        plural_forms=plural_forms(code),
    )
