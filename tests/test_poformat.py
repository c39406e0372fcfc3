"""PO files as gettext writes them: Poedit, Weblate and msgcat/msgmerge leave them alone."""

import random
import shutil
import subprocess

import polib
import pytest

from conftest import FIXTURE_SITE
from toolkit.poformat import render

needs_gettext = pytest.mark.skipif(shutil.which("msgcat") is None,
                                   reason="GNU gettext (msgcat, msgfmt, msgmerge) is missing")

# Words from every script the site uses, numbers, links, Markdown and the characters that
# decide line breaks: spaces, hyphens, slashes, full stops, escapes and newlines.
WORDS = ["de", "huisartsenpost", "out-of-hours", "https://www.rivm.nl/hitte/lang/pad",
         "088 123 4567", "1,5", "12.00", "(huisartsenpost)", "«quoted»", '"q"', "back\\slash",
         "tab\there", "中文测试文本很长", "。", "مرحبا", "لا تذهب", "اتصل دائماً", "ትግርኛ",
         "Українська", "aşısı", "x" * 30, "y" * 85, "/", "e-mail", "—", "…", "%s", "{name}",
         "\n", "[link](https://x.nl)", "**bold**", "a.b.c", "1/2", "end.", "ü", "-"]


def _text(rnd: random.Random) -> str:
    words = [rnd.choice(WORDS) + rnd.choice([" ", " ", " ", "", "  ", "\n"])
             for _ in range(rnd.choice([0, 1, 3, 8, 12, 20, 30]))]
    text = "".join(words)
    return text.strip(" ") if rnd.random() < 0.5 else text


def _random_catalog(seed: int) -> polib.POFile:
    rnd = random.Random(seed)
    po = polib.POFile()
    po.header = "Test catalog"
    po.metadata = {"Project-Id-Version": "Test " + _text(rnd).replace("\n", " ").strip(),
                   "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
                                   "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"}
    seen = set()
    for i in range(80):
        e = polib.POEntry(msgctxt=rnd.choice([None, f"slug-{i}:step-{i}",
                                              "x" * rnd.randint(50, 90) + str(i)]),
                          msgid=_text(rnd) or f"id{i}", msgstr=_text(rnd))
        if (e.msgctxt, e.msgid) in seen:
            continue  # a duplicate is an error (tested in test_catalog)
        seen.add((e.msgctxt, e.msgid))
        if rnd.random() < 0.3:
            e.flags = ["fuzzy"]
        if rnd.random() < 0.3:
            e.previous_msgid = _text(rnd) or "p"
        if rnd.random() < 0.5:
            e.tcomment = ("needs review: " + _text(rnd).replace("\n", " ")).strip()
        if rnd.random() < 0.5:
            e.comment = ("step 1\nback-translation: " + _text(rnd).replace("\n", " ")).strip()
        e.occurrences = [(f"content/f-{rnd.randint(1, 10 ** rnd.randint(1, 8))}.md",
                          str(rnd.randint(1, 999))) for _ in range(rnd.choice([0, 1, 2, 6]))]
        if rnd.random() < 0.15:
            # polib does not read `#~|` back, so Klaar writes no previous text there
            e.obsolete, e.occurrences, e.previous_msgid = True, [], None
        elif rnd.random() < 0.1:
            e.msgid_plural, e.msgstr = _text(rnd) or "pl", ""
            e.msgstr_plural = {0: _text(rnd), 1: _text(rnd), 2: ""}
        po.append(e)
    return po


@needs_gettext
@pytest.mark.parametrize("seed", range(6))
def test_writer_matches_msgcat_byte_for_byte(seed, tmp_path):
    """Long and short strings in Latin, Arabic, Cyrillic, Ge'ez and Chinese, with links,
    escapes and newlines: msgcat rewrites nothing Klaar wrote."""
    path = tmp_path / "a.po"
    text = render(_random_catalog(seed))
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(["msgcat", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == text


@needs_gettext
def test_reading_and_writing_a_msgcat_file_changes_nothing(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(render(_random_catalog(99)), encoding="utf-8")
    reference = subprocess.run(["msgcat", str(path)], capture_output=True, text=True).stdout
    assert render(polib.pofile(reference)) == reference


def test_long_lines_break_after_spaces_within_79_columns():
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Bel altijd eerst. " * 8, msgstr="Always call first. " * 8))
    lines = render(po).splitlines()
    assert 'msgid ""' in lines and 'msgstr ""' in lines
    assert all(len(line) <= 79 for line in lines)
    assert all(line.endswith(' "') for line in lines if line.startswith('"Bel') and
               line != lines[-1])


def test_a_translation_with_wide_characters_counts_two_columns_each():
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="x", msgstr="中" * 40))  # 80 columns: needs two lines
    body = render(po).split("\n\n")[1].splitlines()
    assert body[1:] == ['msgstr ""', '"' + "中" * 38 + '"', '"' + "中" * 2 + '"']


def test_translate_toolkit_rewrites_nothing(tmp_path):
    """Weblate stores PO files through translate-toolkit: re-quoting every unit gives the
    same bytes (for the scripts where translate-toolkit counts columns as gettext does)."""
    pypo = pytest.importorskip("translate.storage.pypo")
    repo = FIXTURE_SITE / "translations"
    for path in sorted(repo.glob("*.po")) + [repo / "messages.pot"]:
        if path.stem == "ar":
            continue  # translate-toolkit counts the lam-alef ligature as one column
        text = path.read_text(encoding="utf-8")
        store = pypo.pofile.parsestring(text.encode("utf-8"))
        for unit in store.units:
            if not unit.isheader():
                unit.source, unit.target = unit.source, unit.target
        assert bytes(store).decode("utf-8") == text, path.name
