"""`klaar new SLUG` writes a message skeleton that passes the check as written, starts as
a draft, and never overwrites a file or accepts a name that cannot be a page address."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from toolkit.config import load_config
from toolkit.load import load_messages
from toolkit.pictograms import load_library


def _loaded(project, slug):
    config = load_config(project)
    return next(m for m in load_messages(config, load_library(config.pictograms_dir))
                if m.slug == slug)


def test_new_message_passes_the_check_and_stays_a_draft(project, run):
    r = run(project, "new", "hitte-op-werk")
    assert r.code == 0, r.err
    path = project / "content" / "hitte-op-werk.md"
    assert path.is_file() and "content/hitte-op-werk.md" in r.out
    r = run(project, "check", "content/hitte-op-werk.md")
    assert r.code == 0, r.out + r.err
    assert "within budget" in r.out
    m = _loaded(project, "hitte-op-werk")
    assert m.draft and m.title.text == "Hitte op werk" and len(m.steps) == 2
    assert str(m.reviewed) == "2026-01-01"  # the build's clock (SOURCE_DATE_EPOCH)
    r = run(project, "build", "--outputs", "pages", "-j", "1")
    assert r.code == 0, r.err
    assert not (project / "_site" / "nl" / "hitte-op-werk").exists()


def test_new_refuses_to_overwrite(project, run):
    path = project / "content" / "hitte.md"
    before = path.read_bytes()
    r = run(project, "new", "hitte")
    assert r.code == 1
    assert "content/hitte.md: already exists; nothing was written" in r.err
    assert path.read_bytes() == before


def test_new_refuses_a_bad_name_and_suggests_one(project, run):
    r = run(project, "new", "Hitte Op Wérk!")
    assert r.code == 1
    assert "cannot be a message name" in r.err and "`hitte-op-werk`" in r.err
    assert not list((project / "content").glob("*Hitte*"))
    r = run(project, "new", "../buiten")
    assert r.code == 1 and not (project / "buiten.md").exists()


def test_new_title_with_yaml_characters(project, run):
    title = "Let op: griep # in de winter"
    r = run(project, "new", "griep-winter", "--title", title)
    assert r.code == 0, r.err
    assert _loaded(project, "griep-winter").title.text == title
    assert run(project, "check", "content/griep-winter.md").code == 0


def test_new_through_build_py(project):
    r = subprocess.run([sys.executable, str(REPO / "build.py"), "new", "zon-en-huid",
                        "-C", str(project)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (project / "content" / "zon-en-huid.md").is_file()


def test_new_message_is_signed_by_the_brand(project, run):
    toml = project / "site.toml"
    toml.write_text(toml.read_text() + '\n[brand]\nname = "GGD Rivierenland"\n')
    assert run(project, "new", "teken").code == 0
    assert _loaded(project, "teken").contact.name == "GGD Rivierenland"


def test_new_with_a_name_too_long_for_the_disk_is_an_error_not_a_traceback(project, run):
    r = run(project, "new", "-".join(["hitte"] * 60))
    assert r.code == 1
    assert "Traceback" not in r.err
    assert "cannot write" in r.err and "shorter name" in r.err
