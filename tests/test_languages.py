import pytest

from toolkit.languages import is_known, language


@pytest.mark.parametrize("code,native,direction", [
    ("nl", "Nederlands", "ltr"),
    ("ar", "العربية", "rtl"),
    ("tr", "Türkçe", "ltr"),
    ("pl", "Polski", "ltr"),
    ("uk", "Українська", "ltr"),
    ("ti", "ትግርኛ", "ltr"),
    ("fa", "فارسی", "rtl"),
    ("zh-Hans", "中文 (简体)", "ltr"),
])
def test_native_names_and_direction_come_from_cldr(code, native, direction):
    lang = language(code)
    assert lang.native_name == native
    assert lang.direction == direction


def test_plural_forms_header_comes_from_cldr():
    assert language("pl").plural_forms.startswith("nplurals=3;")
    assert language("ar").plural_forms.startswith("nplurals=6;")


@pytest.mark.parametrize("code", ["xx", "", "en_", "klingon"])
def test_unknown_tags_are_rejected(code):
    assert not is_known(code)
    with pytest.raises(ValueError):
        language(code)
