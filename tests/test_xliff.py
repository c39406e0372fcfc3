"""XLIFF both ways with inline markup: kept, turned back into Markdown, or refused with
the reason; never cut short."""

import pytest

from toolkit.catalog import State, load_catalog, state
from toolkit.config import load_config
from toolkit.xliff import pieces

MARKED = "Doe overdag **altijd** de [gordijnen](https://x.nl/g) dicht, {naam}."


def _marked_entry(project, run):
    """hitte:step-2 with Markdown codes in the Dutch; its Polish needs review."""
    path = project / "content" / "hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Doe overdag de gordijnen dicht.", MARKED), encoding="utf-8")
    assert run(project, "update-catalogs").code == 0


def _export(project, run, tmp_path, fmt="xliff"):
    out = tmp_path / "q.xlf"
    assert run(project, "review-queue", "--lang", "pl", "--format", fmt, "-o",
               str(out)).code == 0
    return out


def _set_target(path, target_xml, state_attr='state="translated"'):
    text = path.read_text(encoding="utf-8")
    start = text.index("<target")
    end = text.index("</target>") + len("</target>")
    path.write_text(text[:start] + f"<target {state_attr}>{target_xml}</target>" + text[end:],
                    encoding="utf-8")


def _entry(project):
    return load_catalog(load_config(project), "pl").entry("hitte:step-2", MARKED)


def test_pieces_pair_markdown_codes_and_keep_unpaired_ones_standalone():
    kinds = [(p.kind, p.text, p.id) for p in pieces(MARKED) if p.kind != "text"]
    assert kinds == [("open", "**", 1), ("close", "**", 1), ("open", "[", 2),
                     ("close", "](https://x.nl/g)", 2), ("ph", "{naam}", 3)]
    assert [p.kind for p in pieces("a ** b") if p.kind != "text"] == ["ph"]
    assert "".join(p.text for p in pieces(MARKED)) == MARKED


def test_export_marks_markdown_as_inline_codes_that_translate_toolkit_reads(project, run,
                                                                               tmp_path):
    _marked_entry(project, run)
    out = _export(project, run, tmp_path)
    text = out.read_text(encoding="utf-8")
    assert '<bpt id="1" ctype="bold">**</bpt>altijd<ept id="1">**</ept>' in text
    assert '<ph id="3" ctype="x-placeholder">{naam}</ph>' in text
    xliff = pytest.importorskip("translate.storage.xliff")
    store = xliff.xlifffile.parsefile(str(out))
    assert [u.source for u in store.units] == [MARKED]


@pytest.mark.parametrize("target,expected", [
    # a CAT tool's own tags, resolved through the source's codes
    ('W dzień <g id="1">zawsze</g> zasłaniaj <g id="2">zasłony</g>, <x id="3"/>.',
     "W dzień **zawsze** zasłaniaj [zasłony](https://x.nl/g), {naam}."),
    # the exported native codes moved around by the translator
    ('W dzień <bpt id="1">**</bpt>zawsze<ept id="1">**</ept> zasłaniaj '
     '<bpt id="2">[</bpt>zasłony<ept id="2">](https://x.nl/g)</ept>, <ph id="3">{naam}</ph>.',
     "W dzień **zawsze** zasłaniaj [zasłony](https://x.nl/g), {naam}."),
    # begin/end placeholders
    ('W dzień <bx id="1"/>zawsze<ex id="1"/> zasłaniaj <bx id="2"/>zasłony<ex id="2"/>, '
     '<x id="3"/>.', "W dzień **zawsze** zasłaniaj [zasłony](https://x.nl/g), {naam}."),
    # segmented, with a term marked inside
    ('<mrk mtype="seg" mid="1">W dzień <g id="1">zawsze</g> zasłaniaj '
     '<g id="2"><mrk mtype="term">zasłony</mrk></g>,</mrk> '
     '<mrk mtype="seg" mid="2"><x id="3"/>.</mrk>',
     "W dzień **zawsze** zasłaniaj [zasłony](https://x.nl/g), {naam}."),
])
def test_inline_markup_in_an_xliff_12_target_comes_back_as_markdown(project, run, tmp_path,
                                                                    target, expected):
    _marked_entry(project, run)
    out = _export(project, run, tmp_path)
    _set_target(out, target)
    result = run(project, "review-import", str(out))
    assert "1 entries reviewed" in result.out, result.out + result.err
    entry = _entry(project)
    assert entry.msgstr == expected
    assert state(entry) is State.REVIEWED


def test_unknown_inline_markup_is_refused_not_truncated(project, run, tmp_path):
    _marked_entry(project, run)
    before = _entry(project).msgstr
    out = _export(project, run, tmp_path)
    _set_target(out, 'W dzień <g id="7">zawsze</g> zasłaniaj zasłony.')
    result = run(project, "review-import", str(out))
    assert result.code == 1
    assert "1 refused (markup)" in result.out
    assert "refused [pl] hitte:step-2: <g id=\"7\"> has no matching code" in result.err
    assert _entry(project).msgstr == before  # nothing half-imported
    assert "hitte:step-2" in (tmp_path / "q.rejected.csv").read_text(encoding="utf-8")


def test_segmented_target_of_an_unmarked_text_is_joined(project, run, tmp_path):
    path = project / "content" / "hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Doe overdag de gordijnen dicht.", "Doe overdag de gordijnen dicht. Ook boven."),
        encoding="utf-8")
    assert run(project, "update-catalogs").code == 0
    out = _export(project, run, tmp_path)
    _set_target(out, '<mrk mtype="seg" mid="1">W ciągu dnia zasłaniaj zasłony.</mrk> '
                     '<mrk mtype="seg" mid="2">Także na górze.</mrk>')
    result = run(project, "review-import", str(out))
    assert "1 entries reviewed" in result.out
    entry = load_catalog(load_config(project), "pl").entry(
        "hitte:step-2", "Doe overdag de gordijnen dicht. Ook boven.")
    assert entry.msgstr == "W ciągu dnia zasłaniaj zasłony. Także na górze."


def test_xliff_20_round_trip_with_inline_codes(project, run, tmp_path):
    _marked_entry(project, run)
    out = _export(project, run, tmp_path, fmt="xliff2")
    text = out.read_text(encoding="utf-8")
    assert 'version="2.0"' in text and '<pc id="1" dataRefStart="s1"' in text
    # the reviewer translates with the source's codes and marks the segment reviewed
    text = text.replace('<segment state="translated">', '<segment state="reviewed">')
    start, end = text.index("<target>"), text.index("</target>") + len("</target>")
    text = text[:start] + ('<target>W dzień <pc id="1" dataRefStart="s1" dataRefEnd="s1e">'
                           'zawsze</pc> zasłaniaj <pc id="2" dataRefStart="s2" '
                           'dataRefEnd="s2e">zasłony</pc>, <ph id="3" dataRef="s3"/>.</target>'
                           ) + text[end:]
    out.write_text(text, encoding="utf-8")
    result = run(project, "review-import", str(out))
    assert "1 entries reviewed" in result.out, result.out + result.err
    assert _entry(project).msgstr == \
        "W dzień **zawsze** zasłaniaj [zasłony](https://x.nl/g), {naam}."


def test_xliff_20_draft_left_as_translated_is_not_approved(project, run, tmp_path):
    _marked_entry(project, run)
    out = _export(project, run, tmp_path, fmt="xliff2")
    result = run(project, "review-import", str(out))
    assert "0 entries reviewed" in result.out
    assert state(_entry(project)) is State.NEEDS_REVIEW
