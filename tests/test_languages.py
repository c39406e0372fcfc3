import gettext
import shutil
import subprocess

import pytest

from toolkit.languages import PLURAL_FORMS, is_known, language, plural_forms


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


@pytest.mark.parametrize("code", sorted(PLURAL_FORMS))
def test_plural_forms_agree_with_cldr_for_whole_numbers(code):
    """Each gettext formula picks, for every whole number, the CLDR category in CLDR's
    order (zero, one, two, few, many, other), and has as many forms as occur."""
    from babel import Locale

    rule = Locale.parse(code).plural_form
    value = plural_forms(code)
    nplurals = int(value.split(";")[0].split("=")[1])
    formula = gettext.c2py(value.split("plural=")[1].rstrip(";"))
    order = ["zero", "one", "two", "few", "many", "other"]
    occurring = [c for c in order if any(rule(n) == c for n in range(2000))]
    assert len(occurring) == nplurals
    for n in range(2000):
        assert formula(n) == occurring.index(rule(n)), (code, n)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("code", ["ar", "tr", "pl", "uk", "ti", "zh", "fr", "sl"])
def test_msgfmt_accepts_the_plural_forms(code, tmp_path):
    nplurals = int(plural_forms(code).split(";")[0].split("=")[1])
    forms = "".join(f'msgstr[{i}] "vorm {i}"\n' for i in range(nplurals))
    path = tmp_path / "p.po"
    path.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    f'"Plural-Forms: {plural_forms(code)}\\n"\n\n'
                    f'msgid "een"\nmsgid_plural "veel"\n{forms}', encoding="utf-8")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
