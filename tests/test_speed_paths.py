"""The shortcuts that make a small edit fast give exactly what the long way gives:
workers only for work worth them, compiled templates reused only for the same source,
base forms from disk equal to simplemma's, and a site made in the spare folder (the
last replaced site) is exactly the site made anew, without ever writing into the live
site's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit import tasks
from toolkit.memo import Table
from toolkit.readability import lexicon
from toolkit.write import MARKER, SiteWriter, leftovers, spare_path


def test_a_few_pages_are_made_without_starting_workers():
    one_message = ["page"] * 16
    assert not tasks.worth_a_pool(one_message, jobs=2)
    assert not tasks.worth_a_pool(["infographic"] * 500, jobs=1)
    assert tasks.worth_a_pool(["infographic"] * 60, jobs=2)
    assert tasks.worth_a_pool(["media"] * 4, jobs=4)


def test_a_template_edited_while_the_preview_runs_is_compiled_again(tmp_path, monkeypatch):
    from jinja2 import Environment, FileSystemLoader

    from toolkit.render import templatecache

    monkeypatch.setenv("KLAAR_CACHE", str(tmp_path / "cache"))
    (tmp_path / "t").mkdir()
    page = tmp_path / "t" / "page.html"

    def render() -> str:
        env = Environment(loader=FileSystemLoader(tmp_path / "t"),
                          bytecode_cache=templatecache.PageTemplates(tmp_path))
        return env.get_template("page.html").render(x=1)

    page.write_text("one {{ x }}", encoding="utf-8")
    assert render() == "one 1"
    page.write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"
    templatecache._MEMORY.clear()  # a new process: from disk
    assert render() == "two 1"
    assert any((tmp_path / "cache" / "templates").rglob("*"))


def test_base_forms_from_the_table_equal_simplemmas(tmp_path, monkeypatch):
    words = ["genomen", "uitnodigingen", "verschoond", "woorden", "xyzzyq", "loopt"]
    lexicon.lemma.cache_clear()
    plain = [lexicon.lemma(w) for w in words]
    table = Table(tmp_path, "lemmas")
    lexicon.use_lemma_table(table)
    try:
        lexicon.lemma.cache_clear()
        assert [lexicon.lemma(w) for w in words] == plain
        table.save()
        # The next build: known words need no dictionary at all.
        import simplemma

        def no_dictionary(*args, **kwargs):
            raise AssertionError("simplemma was asked for a known word")

        monkeypatch.setattr(simplemma, "lemmatize", no_dictionary)
        lexicon.use_lemma_table(Table(tmp_path, "lemmas"))
        lexicon.lemma.cache_clear()
        assert [lexicon.lemma(w) for w in words] == plain
    finally:
        lexicon.use_lemma_table(None)
        lexicon.lemma.cache_clear()


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _build(target: Path, write: dict[str, str], link: tuple[str, ...] = (),
           exchange: bool = True, recycle: bool = True) -> None:
    with SiteWriter(target, exchange=exchange, recycle=recycle) as out:
        for name in link:
            out.link(name, target / name)
        for name, text in write.items():
            out.write(name, text)
        out.commit()


@pytest.mark.parametrize("exchange", [True, False])
def test_a_site_made_in_the_spare_is_exactly_the_site_made_anew(tmp_path, exchange):
    """Files kept, changed, added and removed, a folder where a file was and the other
    way round: the spare's leftovers never reach the site."""
    builds = [
        ({"index.html": "1", "a/index.html": "a1", "b/index.html": "b1", "c": "c1"}, ()),
        ({"a/index.html": "a2", "c/index.html": "c-now-a-folder"}, ("index.html",)),
        ({"b": "b-now-a-file", "d/e/index.html": "new"}, ("index.html", "a/index.html")),
        ({"index.html": "4"}, ("b", "d/e/index.html")),
        ({"a/index.html": "a5"}, ("index.html", "b")),
    ]
    target, fresh = tmp_path / "one" / "_site", tmp_path / "two" / "_site"
    for write, link in builds:
        _build(target, write, link, exchange)
        expected = dict(_tree(fresh)) if fresh.exists() else {}
        _build(fresh, {**write, **{n: expected[n] for n in link}}, (), exchange,
               recycle=False)
        assert _tree(target) == _tree(fresh)
        assert leftovers(target) == ([], [])
        spare = spare_path(target)
        assert not (spare / MARKER).exists()  # never mistaken for a complete site


def test_a_file_of_the_live_site_is_never_written_into(tmp_path):
    target = tmp_path / "_site"
    _build(target, {"a.html": "one"})
    _build(target, {}, ("a.html",))  # the spare (first site) now shares a.html's file
    assert os.path.samefile(spare_path(target) / "a.html", target / "a.html")
    with SiteWriter(target, recycle=True) as out:
        out.write("a.html", "three")
        assert (target / "a.html").read_text() == "one"  # the site as it was until commit
        out.commit()
    assert (target / "a.html").read_text() == "three"
    assert (spare_path(target) / "a.html").read_text() == "one"


def test_a_failed_build_in_the_spare_keeps_the_site_and_leaves_no_spare_half_made(tmp_path):
    target = tmp_path / "_site"
    _build(target, {"a.html": "one"})
    _build(target, {"a.html": "two"})
    with pytest.raises(RuntimeError), SiteWriter(target, recycle=True) as out:
        out.write("a.html", "half")
        raise RuntimeError("render crashed")
    assert _tree(target) == {MARKER: _tree(target)[MARKER], "a.html": "two"}
    assert not spare_path(target).exists() and leftovers(target) == ([], [])
