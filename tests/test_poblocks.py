"""A catalog read again after an edit (only changed entries parsed) is exactly the catalog
read whole: every entry, field, flag and line number, and the header."""

from __future__ import annotations

import random

import polib
import pytest

from conftest import FIXTURE_SITE, copy_project
from toolkit import poblocks
from toolkit.catalog import WRAP, Catalog, load_catalog, syntax_problems
from toolkit.config import load_config
from toolkit.errors import BuildErrors


def _fields(po: polib.POFile) -> list:
    out = [po.header, dict(po.metadata), po.metadata_is_fuzzy]
    for e in po:
        out.append((e.linenum, e.msgctxt, e.msgid, e.msgid_plural, e.msgstr,
                    dict(e.msgstr_plural), e.comment, e.tcomment, list(e.occurrences),
                    list(e.flags), e.previous_msgctxt, e.previous_msgid, e.obsolete))
    return out


def _reread(old: str, new: str):
    whole_old = polib.pofile(old, wrapwidth=WRAP)
    known = poblocks.blocks_of(old, whole_old, syntax_problems)
    assert known is not None
    return poblocks.parse(new, WRAP, known, syntax_problems)


def _catalog_text() -> str:
    return (FIXTURE_SITE / "translations" / "en.po").read_text(encoding="utf-8")


def _edits(text: str, rng: random.Random) -> str:
    """Change, remove, add and move entries, the way editors and update-catalogs do."""
    blocks = text.split("\n\n")
    head, rest = blocks[0], blocks[1:]
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(rest))
        what = rng.choice(["edit", "drop", "add", "swap", "fuzzy", "obsolete"])
        if what == "edit" and 'msgstr "' in rest[i]:
            rest[i] = rest[i].replace('msgstr "', 'msgstr "Changed: ', 1)
        elif what == "drop" and len(rest) > 2:
            rest.pop(i)
        elif what == "add":
            n = rng.randint(0, 10**6)
            rest.insert(i, f'#: content/x.md\nmsgctxt "new-{n}"\nmsgid "Nieuw {n}"\n'
                           f'msgstr "New {n}"')
        elif what == "swap":
            j = rng.randrange(len(rest))
            rest[i], rest[j] = rest[j], rest[i]
        elif what == "fuzzy":
            rest[i] = "#, fuzzy\n" + rest[i] if "#, fuzzy" not in rest[i] else rest[i]
        elif what == "obsolete" and "#~" not in rest[i]:
            rest[i] = "\n".join("#~ " + line if not line.startswith("#") else line
                                for line in rest[i].split("\n"))
    return "\n\n".join([head, *rest])


@pytest.mark.parametrize("seed", range(25))
def test_an_edited_catalog_read_by_blocks_equals_it_read_whole(seed):
    rng = random.Random(seed)
    old = _catalog_text()
    new = _edits(old, rng)
    read = _reread(old, new)
    whole = polib.pofile(new, wrapwidth=WRAP)
    if read is None:  # only for a file that is not a list of whole entries
        assert poblocks.blocks_of(new, whole, syntax_problems) is None
        return
    po, _ = read
    assert _fields(po) == _fields(whole)
    assert str(po) == str(whole)


def test_a_duplicated_block_gets_entries_of_its_own():
    old = _catalog_text()
    blocks = old.split("\n\n")
    new = "\n\n".join([*blocks, blocks[-1]])
    po, _ = _reread(old, new)
    assert po[-1] is not po[-2] and _fields(po) == _fields(polib.pofile(new, wrapwidth=WRAP))


def test_a_file_that_is_not_a_list_of_whole_entries_is_read_whole():
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            '#. a comment standing apart\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "y"\n')
    assert poblocks.blocks_of(text, polib.pofile(text), syntax_problems) is None
    split_entry = 'msgid ""\nmsgstr ""\n\nmsgctxt "a"\nmsgid "x"\n\nmsgstr "y"\n'
    known = poblocks.blocks_of(split_entry.replace('\n\nmsgstr "y"', '\nmsgstr "y"'),
                               polib.pofile(split_entry), syntax_problems)
    assert poblocks.parse(split_entry, WRAP, known or {}, syntax_problems) is None


def test_a_syntax_error_in_an_edited_catalog_is_still_reported_with_its_line(tmp_path):
    project = copy_project(tmp_path / "p")
    config = load_config(project)
    first = load_catalog(config, "en")  # remembers the blocks
    assert isinstance(first, Catalog)
    path = project / "translations" / "en.po"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 5)
    lines[n] = "msgstr unquoted text"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildErrors) as caught:
        load_catalog(config, "en")
    assert [p.line for p in caught.value.problems] == [n + 1]


def test_an_edited_catalog_loads_as_the_same_catalog_as_without_a_cache(tmp_path,
                                                                         monkeypatch):

    """Edit after edit (the blocks parsed since the last whole reading are kept apart)."""
    project = copy_project(tmp_path / "p")
    config = load_config(project)
    load_catalog(config, "en")
    path = project / "translations" / "en.po"
    rng = random.Random(7)
    for _ in range(6):
        path.write_text(_edits(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
        cached = load_catalog(config, "en").po
        monkeypatch.setenv("KLAAR_NO_CACHE", "1")
        whole = load_catalog(config, "en").po
        monkeypatch.delenv("KLAAR_NO_CACHE")
        assert _fields(cached) == _fields(whole)
