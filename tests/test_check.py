"""Readability as a gate: the check command, the readability command and the build."""

import json

import pytest

from conftest import MESSAGE, write
from toolkit.check import check_messages
from toolkit.config import load_config
from toolkit.errors import BuildErrors
from toolkit.load import load_messages
from toolkit.pictograms import load_library

LONG = ("Indien u reeds een aanvraag heeft ingediend, wordt deze conform de nieuwe "
        "voorwaarden door de gemeente zo spoedig mogelijk in behandeling genomen en beoordeeld.")


def add_long_sentence(project, name="hitte.md"):
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + LONG + "\n", encoding="utf-8")
    return len(text.splitlines()) + 2  # the line the sentence is on


def test_example_content_passes_its_declared_level(project):
    config = load_config(project)
    messages = load_messages(config, load_library(config.pictograms_dir))
    checks = check_messages(config, messages)
    assert len(checks) == 4
    for c in checks:
        assert c.message.level == "A2"
        assert c.result.passed, (c.message.path, [p.message for p in c.result.problems])


def test_build_refuses_a_message_over_budget_naming_file_line_and_reason(project, run):
    assert run(project).code == 0
    before = (project / "_site/nl/hitte/index.html").read_bytes()
    line = add_long_sentence(project)
    result = run(project)
    assert result.code == 1
    assert f"content/hitte.md:{line}: over the A2 budget: a sentence has 24 words" in result.err
    assert "Indien u reeds een aanvraag" in result.err
    assert "split it into two sentences" in result.err
    assert "jargon" in result.err  # indien, reeds, conform each break A2's zero-jargon rule
    assert (project / "_site/nl/hitte/index.html").read_bytes() == before


def test_a_waiver_with_a_reason_lets_the_message_through(project, run):
    add_long_sentence(project)
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "level: A2\n", "level: A2\nreadability_waiver: De zin komt letterlijk uit de wet.\n"),
        encoding="utf-8")
    assert run(project).code == 0
    report = run(project, "check")
    assert report.code == 0
    assert "content/hitte.md · A2 · over budget, waived" in report.out
    assert "waiver: De zin komt letterlijk uit de wet." in report.out


def test_a_waiver_needs_a_reason(project, run):
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "level: A2\n", "level: A2\nreadability_waiver: ja\n"), encoding="utf-8")
    result = run(project)
    assert result.code == 1
    assert "content/hitte.md:5: readability_waiver: a waiver needs a reason" in result.err


def test_check_report_groups_by_message_and_marks_flagged_words(project, run):
    add_long_sentence(project)
    result = run(project, "check")
    assert result.code == 1
    assert "content/hitte.md · A2 · OVER BUDGET" in result.out
    assert "content/griepprik.md · A2 · within budget" in result.out
    assert "«Indien»" in result.out and "«reeds»" in result.out
    assert "✗ long-sentence: 24 words (at most 12) → split it into two sentences" in result.out
    assert "[ar] reviewed translation:" in result.out
    assert result.out.rstrip().endswith("4 messages checked: 3 within budget, 0 waived, "
                                        "1 over budget.")


def test_check_selected_paths_and_json(project, run):
    result = run(project, "check", "--json", str(project / "content/hitte.md"))
    assert result.code == 0
    [entry] = json.loads(result.out)
    assert entry["path"] == "content/hitte.md" and entry["level"] == "A2"
    assert entry["blocked"] is False
    sentences = entry["readability"]["sentences"]
    assert sentences[0]["text"] == "Het is heel warm" and sentences[0]["line"] == 2
    assert set(entry["translations"]) == {"en", "ar", "tr", "pl", "uk"}  # ti: none reviewed
    assert run(project, "check", str(project / "content/nope.md")).code == 1


def test_readability_command_reads_standard_input(project, run, monkeypatch):
    import io
    import sys
    monkeypatch.setattr(sys, "stdin", io.StringIO("Wij informeren u middels deze brief.\n"))
    result = run(project, "readability", "--level", "A2", "-")
    assert result.code == 1
    assert "A2: OVER the budget" in result.out
    assert "line 1" in result.out and "«middels»" in result.out and "write 'met'" in result.out


def test_readability_command_json_and_plain_text(project, run, tmp_path):
    text = write(tmp_path / "brief.txt", "Was je handen.\nGebruik zeep.\n")
    result = run(project, "readability", "--json", "--plain", str(text))
    assert result.code == 0
    data = json.loads(result.out)
    assert data["passed"] is True and data["level"] == "B1"
    assert [s["line"] for s in data["sentences"]] == [1, 2]
    assert set(data["stats"]) >= {"sentences", "words_per_sentence", "uncommon_share",
                                  "flesch_douma"}


def test_readability_command_says_not_measured_for_tigrinya(project, run, tmp_path):
    text = write(tmp_path / "ti.txt", "ኢድካ ተሓጸብ።\n")
    result = run(project, "readability", "--lang", "ti", str(text))
    assert result.code == 0
    assert "not measured" in result.out
    assert run(project, "readability", "--lang", "xx", str(text)).code == 2


def test_site_budget_overrides_and_known_abbreviations(project, run):
    add_long_sentence(project)
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8") + """
[readability]
known_abbreviations = ["GGD"]

[readability.A2]
max_sentence_words = 25
max_jargon = 5
max_uncommon_share = 0.2
max_passive_share = 0.5
max_content_words_per_clause = 12
max_subordinate_per_sentence = 2
""", encoding="utf-8")
    assert run(project).code == 0
    config = load_config(project)
    assert config.readability.budgets["A2"]["max_sentence_words"] == 25
    assert config.readability.known_abbreviations == ("GGD",)


def test_unknown_budget_key_is_an_error_with_a_suggestion(project):
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8")
                    + "\n[readability.B1]\nmax_sentence_word = 18\nmax_jargon = -1\n",
                    encoding="utf-8")
    with pytest.raises(BuildErrors) as info:
        load_config(project)
    found = [str(p) for p in info.value.problems]
    assert any("readability.B1.max_sentence_word: not a budget limit (did you mean "
               "`max_sentence_words`" in p for p in found)
    assert any("readability.B1.max_jargon: expected a number of 0 or more" in p for p in found)


def test_project_jargon_list_is_used(project, run, tmp_path):
    write(project / "jargon.tsv", "ontsmetten\tschoonmaken\thealth\n")
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8")
                    + '\n[readability]\njargon_file = "jargon.tsv"\n', encoding="utf-8")
    write(project / "content/schoon.md", MESSAGE.replace("Een zin in de tekst.",
                                                         "Veeg de tafel af."))
    assert run(project).code == 0
    for sentence in ("Ga de tafel ontsmetten.", "Ontsmet de tafel."):  # every form of it
        write(project / "content/schoon.md", MESSAGE.replace("Een zin in de tekst.",
                                                             sentence))
        result = run(project)
        assert result.code == 1
        assert "write 'schoonmaken'" in result.err


def test_a_broken_line_in_the_project_jargon_list_names_file_and_line(project, run):
    write(project / "jargon.tsv", "# eigen lijst\nontsmetten\tschoonmaken\nalleen een woord\n")
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8")
                    + '\n[readability]\njargon_file = "jargon.tsv"\n', encoding="utf-8")
    result = run(project, "check")
    assert result.code == 1
    assert "jargon.tsv:3:" in result.err and "Traceback" not in result.err
