"""Incremental builds: after each kind of change exactly the affected outputs are made
again, nothing stale is ever served, and a parallel build equals a serial one."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from toolkit import pipeline
from toolkit.tasks import MANIFEST

# Leaflets and infographics are slow to make: most tests here change pages only, or
# look at which tasks would run.
PAGES = frozenset({"pages"})


def build(project: Path, **kw) -> tuple[set[str], set[str]]:
    """Build; return (made, reused) output paths."""
    site = pipeline.run(project, **kw)
    assert site.counts is not None
    after = set(_manifest(project))
    made = site.counts.made
    assert made <= after
    return made, after - made


def _manifest(project: Path) -> dict:
    path = project / "_site" / MANIFEST
    if not path.is_file():
        return {}
    return {k: tuple(v) for k, v in json.loads(path.read_text())["files"].items()}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.fixture
def built(project):
    pipeline.run(project, kinds=PAGES)
    return project


def test_nothing_changed_makes_nothing(built):
    made, reused = build(built, kinds=PAGES)
    assert made == set()
    assert "nl/hitte/index.html" in reused


def test_editing_one_message_remakes_its_pages_and_the_lists(built):
    path = built / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Drink elke dag", "Drink iedere dag"), encoding="utf-8")
    made, _ = build(built, kinds=PAGES)
    # Its Dutch page changes; its translations are withdrawn (the Dutch changed), so each
    # language's page becomes the notice. The language lists show the message too.
    langs = ("nl", "en", "ar", "tr", "pl", "uk", "ti")
    assert {f"{lang}/hitte/index.html" for lang in langs if lang != "ti"} <= made
    assert not any(p.startswith(f"{lang}/{slug}/") for p in made for lang in langs
                   for slug in ("griepprik", "handen-wassen", "wie-bel-je"))


def test_a_body_edit_in_dutch_keeps_other_messages_untouched(built):
    path = built / "content/griepprik.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nNog een zin.\n", encoding="utf-8")
    made, _ = build(built, kinds=PAGES)
    assert "nl/griepprik/index.html" in made
    assert not any("/hitte/" in p or "/wie-bel-je/" in p for p in made)


def test_a_template_edit_remakes_pages_only(project):
    pipeline.run(project)
    tpl = project / "templates/message.html"
    tpl.write_text(tpl.read_text(encoding="utf-8").replace("<article class=\"message\">",
                                                           "<article class=\"message\" "
                                                           "data-x=\"1\">"), encoding="utf-8")
    made, _ = build(project)
    assert made and all(p.endswith(".html") for p in made)
    assert "nl/hitte/index.html" in made
    assert 'data-x="1"' in (project / "_site/nl/hitte/index.html").read_text(encoding="utf-8")


def test_a_translation_edit_remakes_that_language_only(built):
    path = built / "translations/pl.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == "hitte:summary")
    entry.msgstr = entry.msgstr.rstrip(".") + "!"
    po.save(str(path))
    made, _ = build(built, kinds=PAGES)
    assert "pl/hitte/index.html" in made
    assert not any(p.startswith(("en/", "ar/", "tr/", "uk/", "nl/hitte")) for p in made)
    assert entry.msgstr in (built / "_site/pl/hitte/index.html").read_text(encoding="utf-8")


def test_an_interface_text_edit_remakes_that_languages_pages(built):
    path = built / "translations/tr.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt is None and e.msgid == "Alle berichten")
    entry.msgstr = "Tüm mesajlar (yeni)"
    po.save(str(path))
    made, _ = build(built, kinds=PAGES)
    assert "tr/index.html" in made and "tr/hitte/index.html" in made
    assert not any(p.startswith(("en/", "pl/", "nl/")) for p in made)


def test_a_config_edit_remakes_everything_it_shows_up_in(built):
    site = built / "site.toml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "https://gezond.example.nl/", "https://gezond.example.org/"), encoding="utf-8")
    made, _ = build(built, kinds=PAGES)
    assert "nl/hitte/index.html" in made and "index.html" in made
    assert "gezond.example.org" in (built / "_site/nl/hitte/index.html").read_text(
        encoding="utf-8")


def test_a_pictogram_edit_remakes_its_images_and_file(project):
    pipeline.run(project)
    from toolkit.config import load_config
    from toolkit.pictograms import load_library

    library = load_library(load_config(project).pictograms_dir)
    svg = project / "pictograms" / library["glass-of-water"].file
    svg.write_text(svg.read_text(encoding="utf-8").replace("<svg", "<svg data-edit=\"1\"", 1),
                   encoding="utf-8")
    made, _ = build(project)
    assert "pictograms/glass-of-water.svg" in made
    images = {p for p in made if p.endswith(".png")}
    assert images and all("/hitte/" in p for p in images), images
    assert not any(p.endswith(".pdf") and "/hitte/" not in p for p in made)


def test_clean_remakes_everything(built):
    made, _ = build(built, kinds=PAGES, clean=True)
    assert "nl/hitte/index.html" in made and "index.html" in made


def test_a_deleted_output_file_is_made_again(built):
    (built / "_site/en/hitte/index.html").unlink()
    made, _ = build(built, kinds=PAGES)
    assert made == {"en/hitte/index.html"}


def test_parallel_build_equals_serial_build(project, tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    pipeline.run(project, output=serial, jobs=1, clean=True)
    pipeline.run(project, output=parallel, jobs=2, clean=True)
    a, b = _files(serial), _files(parallel)
    assert a.keys() == b.keys() and len(a) > 100
    assert [p for p in a if a[p] != b[p]] == []


def test_incremental_build_equals_clean_build(project, tmp_path):
    """Edit, build incrementally; the result is byte for byte what a clean build makes."""
    pipeline.run(project)
    path = project / "content/wie-bel-je.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nBel ons.\n", encoding="utf-8")
    pipeline.run(project)
    pipeline.run(project, output=tmp_path / "clean", clean=True)
    a, b = _files(project / "_site"), _files(tmp_path / "clean")
    assert a.keys() == b.keys()
    assert [p for p in a if a[p] != b[p] and p != MANIFEST] == []
