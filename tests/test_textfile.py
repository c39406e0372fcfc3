"""Files people write: BOM accepted, other encodings and invisible characters named with
their line, oversized files refused before parsing."""

from __future__ import annotations

import pytest

from conftest import MESSAGE
from toolkit.config import load_config
from toolkit.errors import BuildErrors
from toolkit.load import load_message
from toolkit.pictograms import load_library
from toolkit.textfile import decode, read_text


def test_a_bom_from_a_windows_editor_is_accepted(project, run):
    (project / "content/bom.md").write_bytes(b"\xef\xbb\xbf" + MESSAGE.encode("utf-8"))
    site = project / "site.toml"
    site.write_bytes(b"\xef\xbb\xbf" + site.read_bytes())
    config = load_config(project)
    message, problems = load_message(project / "content/bom.md", config,
                                     load_library(config.pictograms_dir))
    assert message is not None and not problems
    assert message.title.text == "Test bericht"


def test_latin1_site_toml_names_the_line(project):
    site = project / "site.toml"
    site.write_bytes(site.read_bytes().replace(b"Gezond", "Gezónd".encode("latin-1")))
    with pytest.raises(BuildErrors) as exc:
        load_config(project)
    problem = exc.value.problems[0]
    assert problem.path == "site.toml" and problem.line == 2
    assert "not UTF-8" in problem.message and "UTF-8" in problem.hint


def test_a_control_character_in_a_message_is_named_with_line_and_column(project):
    text = MESSAGE.replace("Doe zeep op je handen.", "Doe zeep\x01 op je handen.")
    (project / "content/ctrl.md").write_text(text, encoding="utf-8")
    config = load_config(project)
    message, problems = load_message(project / "content/ctrl.md", config,
                                     load_library(config.pictograms_dir))
    assert message is None
    line = text.splitlines().index(next(x for x in text.splitlines() if "\x01" in x)) + 1
    assert [(p.line, "U+0001" in p.message) for p in problems] == [(line, True)]
    assert "column" in problems[0].message


def test_a_control_character_in_the_build_is_an_error_not_a_traceback(project, run):
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace("water", "wa\x0bter", 1),
                    encoding="utf-8")
    result = run(project)
    assert result.code == 1
    assert "content/hitte.md:" in result.err and "U+000B" in result.err
    assert "Traceback" not in result.err


def test_utf16_is_refused_with_a_hint():
    with pytest.raises(BuildErrors) as exc:
        decode("title: x".encode("utf-16"), "content/x.md")
    assert "UTF-16" in exc.value.problems[0].message


def test_an_oversized_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (3 * 1024 * 1024))
    with pytest.raises(BuildErrors) as exc:
        read_text(big, "content/big.md", "message")
    assert "limit is 2 MB" in exc.value.problems[0].message


def test_a_bidi_override_in_a_message_is_refused_with_line_and_column(project):
    """Trojan source: an override shows 'Neem 21 tabletten' where the file (and every
    check) says 12; Dutch text never needs one."""
    text = MESSAGE.replace("Een zin in de tekst.", "Neem \u202e12\u202c tabletten.")
    (project / "content/bidi.md").write_text(text, encoding="utf-8")
    config = load_config(project)
    message, problems = load_message(project / "content/bidi.md", config,
                                     load_library(config.pictograms_dir))
    assert message is None
    assert [(p.line, "U+202E" in p.message, "column 6" in p.message) for p in problems] == \
        [(text.count("\n", 0, text.index("\u202e")) + 1, True, True)]


def test_a_bidi_override_in_a_catalog_is_left_to_the_safety_check():
    """In a PO file one entry is withheld by the `invisible` check; the file still loads."""
    assert "\u202e" in decode('msgstr "\u202e12\u202c"\n'.encode(), "translations/en.po",
                              "PO file", reordering=True)
