import logging

import pytest

from conftest import write
from toolkit.config import load_config
from toolkit.errors import BuildErrors

GOOD = """
title = "Gezond"
base_url = "https://example.nl"
languages = ["en", "ar"]
contact = "Bel 088 123 4567"
"""


def problems(root):
    with pytest.raises(BuildErrors) as info:
        load_config(root)
    return [str(p) for p in info.value.problems]


def test_valid_config_has_defaults_and_typed_values(tmp_path):
    write(tmp_path / "site.toml", GOOD)
    config = load_config(tmp_path)
    assert config.source_language == "nl"
    assert config.languages == ("en", "ar")
    assert config.all_languages == ("nl", "en", "ar")
    assert config.level == "B1"
    assert config.base_url == "https://example.nl/"
    assert config.publish.missing_translation == "notice"


def test_unknown_language_is_named_by_index(tmp_path):
    write(tmp_path / "site.toml", GOOD.replace('["en", "ar"]', '["en", "ar", "xx"]'))
    assert problems(tmp_path) == ["site.toml:3: languages[2]: 'xx' is not a known language"]


def test_every_problem_is_reported_at_once(tmp_path):
    write(tmp_path / "site.toml", """
        title = "Gezond"
        base_url = "ftp://example.nl"
        languages = ["en", "en", "qq"]
        level = "C2"
        """)
    found = problems(tmp_path)
    assert "site.toml: contact: required key is missing (Contact line shown on every page " \
           "(translated like content).)" in found
    assert "site.toml:2: base_url: 'ftp://example.nl' is not an http(s) URL" in found
    assert "site.toml:3: languages[1]: 'en' is listed twice" in found
    assert "site.toml:3: languages[2]: 'qq' is not a known language" in found
    assert "site.toml:4: level: 'C2' must be one of A2, B1" in found
    assert len(found) == 5


def test_source_language_may_not_be_a_target(tmp_path):
    write(tmp_path / "site.toml", GOOD.replace('["en", "ar"]', '["nl", "ar"]'))
    assert any("'nl' is the source language" in p for p in problems(tmp_path))


def test_wrong_type_is_reported_with_line(tmp_path):
    write(tmp_path / "site.toml", GOOD.replace('["en", "ar"]', '"en"'))
    assert problems(tmp_path) == ["site.toml:3: languages: expected list, got 'en'"]


def test_unknown_keys_are_warned_about_with_a_suggestion(tmp_path, caplog):
    write(tmp_path / "site.toml", GOOD + 'titel = "oops"\n[publish]\nmissing_translations = "omit"\n')
    with caplog.at_level(logging.WARNING, logger="klaar"):
        load_config(tmp_path)
    messages = [r.getMessage() for r in caplog.records]
    assert "site.toml:5: unknown key 'titel' is ignored (did you mean `title`?)" in messages
    assert any("unknown key 'publish.missing_translations' is ignored (did you mean "
               "`missing_translation`?)" in m for m in messages)


def test_publish_policy_is_validated(tmp_path):
    write(tmp_path / "site.toml", GOOD + '[publish]\nmissing_translation = "hide"\n')
    assert problems(tmp_path) == [
        "site.toml:6: publish.missing_translation: 'hide' must be one of notice, omit"]


def test_toml_syntax_error_names_the_line(tmp_path):
    write(tmp_path / "site.toml", GOOD + "level = \n")
    [problem] = problems(tmp_path)
    assert problem.startswith("site.toml:5: not valid TOML")


def test_missing_site_toml_says_what_to_do(tmp_path):
    [problem] = problems(tmp_path)
    assert "site.toml" in problem and "README" in problem


@pytest.mark.parametrize("value, reason", [
    ("/tmp/out", "is outside the project; set output_outside_project = true"),
    ("../out", "is outside the project"),
    (".", "is the project folder itself"),
    ("", "must name a folder"),
])
def test_output_dir_must_stay_inside_the_project(tmp_path, value, reason):
    write(tmp_path / "site.toml", GOOD + f'output_dir = "{value}"\n')
    assert any(reason in p for p in problems(tmp_path))


def test_readability_address_is_je_or_u_with_its_line(tmp_path):
    write(tmp_path / "site.toml", GOOD)
    assert load_config(tmp_path).readability.address == "je"
    write(tmp_path / "site.toml", GOOD + '\n[readability]\naddress = "u"\n')
    assert load_config(tmp_path).readability.address == "u"
    write(tmp_path / "site.toml", GOOD + '\n[readability]\naddress = "jij"\n')
    found = problems(tmp_path)
    assert any(p.startswith("site.toml:7") and "readability.address" in p and "'jij'" in p
               for p in found), found


@pytest.mark.parametrize("table,key", [
    ('[publish]\nmissing_translation = "notice"\n', "publish.output_dir"),
    ('[glossary.required.en]\nhuisarts = "GP"\n', "glossary.required.en.output_dir"),
])
def test_a_top_level_key_added_at_the_end_below_a_table_is_named(tmp_path, caplog, table, key):
    """TOML puts a key written after [table] into that table: `output_dir` added at the
    end of site.toml is not a setting there (and in [glossary.required.en] it would be read
    as a Dutch term), so the warning says where it belongs."""
    write(tmp_path / "site.toml", GOOD + table + 'output_dir = "public"\n')
    with caplog.at_level(logging.WARNING, logger="klaar"):
        config = load_config(tmp_path)
    assert config.output_dir == "_site"
    assert "output_dir" not in config.glossary.required.get("en", {})
    messages = [r.getMessage() for r in caplog.records]
    line = (GOOD + table).lstrip("\n").count("\n") + 1
    assert any(m.startswith(f"site.toml:{line}: ") and repr(key) in m and
               "move it above the first [section]" in m for m in messages), messages
