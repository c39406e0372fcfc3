"""The writer: the site path always holds a complete site, and nothing but a build's own
folders is ever replaced or removed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO
from toolkit import write
from toolkit.write import MARKER, OutputRefused, SiteWriter, clean, leftovers, recover


def build(target: Path, files: dict[str, str], **kw) -> None:
    with SiteWriter(target, **kw) as out:
        for name, text in files.items():
            out.write(name, text)
        out.commit()


def contents(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def siblings(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name != target.name)


@pytest.mark.parametrize("exchange", [True, False])
def test_commit_replaces_the_site_and_leaves_nothing_behind(tmp_path, exchange):
    target = tmp_path / "_site"
    build(target, {"index.html": "one", "a/b.html": "x"}, exchange=exchange)
    build(target, {"index.html": "two"}, exchange=exchange)
    assert contents(target) == {"index.html": "two", MARKER: write.MARKER_TEXT}
    assert siblings(target) == []
    assert oct(target.stat().st_mode & 0o777) == "0o755"


def test_the_atomic_exchange_is_used_on_linux(tmp_path, monkeypatch):
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux only")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "f").write_text("a")
    (b / "f").write_text("b")
    if not write._exchange(a, b):
        pytest.skip("this file system cannot exchange")
    assert (a / "f").read_text() == "b" and (b / "f").read_text() == "a"
    # and the writer takes that path: the fallback's hook is never reached
    target = tmp_path / "_site"
    build(target, {"index.html": "one"})
    monkeypatch.setattr(write, "_after_first_rename",
                        lambda: pytest.fail("fell back to two renames"))
    build(target, {"index.html": "two"})
    assert contents(target)["index.html"] == "two"


@pytest.mark.parametrize("make, reason", [
    (lambda p: (p.mkdir(), (p / "notes.txt").write_text("mine")), "no build made"),
    (lambda p: p.write_text("a file"), "is a file"),
    (lambda p: (p.parent.joinpath("real").mkdir(), p.symlink_to(p.parent / "real")),
     "symbolic link"),
])
def test_a_folder_no_build_made_is_never_replaced(tmp_path, make, reason):
    target = tmp_path / "out"
    make(target)
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(OutputRefused, match=reason):
        build(target, {"index.html": "x"})
    assert sorted(tmp_path.rglob("*")) == before


def test_an_empty_folder_may_become_the_site(tmp_path):
    (tmp_path / "out").mkdir()
    build(tmp_path / "out", {"index.html": "x"})
    assert (tmp_path / "out" / MARKER).is_file()


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(tmp_path):
    target = tmp_path / "_site"
    build(target, {"index.html": "one"})
    for name in ("._site.new-abc", "._site.old-123", "._site.new-def"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("partial")
    (tmp_path / "._other.new-x").mkdir()  # another output's: not ours to remove
    build(target, {"index.html": "two"})
    assert siblings(target) == ["._other.new-x"]


def test_recover_puts_the_old_site_back_and_never_an_unfinished_one(tmp_path):
    target = tmp_path / "_site"
    unfinished = tmp_path / "._site.new-1"
    unfinished.mkdir()
    (unfinished / "index.html").write_text("half")
    assert recover(target) is None and not target.exists()  # no marker: not a site
    old = tmp_path / "._site.old-1"
    old.mkdir()
    (old / "index.html").write_text("old")
    (old / MARKER).write_text("")
    assert recover(target) == old
    assert (target / "index.html").read_text() == "old"
    assert clean(target) == 1 and leftovers(target) == ([], [])


CRASH_IN_SWAP = """
import os, sys
from pathlib import Path
from toolkit import write

def killed():
    os._exit(9)  # like SIGKILL: no cleanup, no finally

write._after_first_rename = killed
with write.SiteWriter(Path(sys.argv[1]), exchange=False) as out:
    out.write("index.html", "new")
    out.commit()
"""


def test_killed_between_the_two_renames_the_next_build_restores_and_cleans(tmp_path):
    """The fallback swap's window, hit deterministically: the process dies after moving
    the old site away. The site path is missing; the next build must put a site back
    before anything else and leave no leftovers."""
    target = tmp_path / "_site"
    build(target, {"index.html": "old"})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", CRASH_IN_SWAP, str(target)], env=env)
    assert proc.returncode == 9
    assert not target.exists()  # the window really was hit
    new, old = leftovers(target)
    assert len(new) == 1 and len(old) == 1
    with SiteWriter(target) as out:  # the next build, before writing anything
        assert (target / "index.html").read_text() == "old"
        assert (target / MARKER).is_file()
        out.write("index.html", "next")
        out.commit()
    assert contents(target)["index.html"] == "next"
    assert siblings(target) == []


def test_two_builds_into_one_folder_wait_for_each_other(tmp_path):
    """A second build's clean-up must not remove the folder the first is writing."""
    target = tmp_path / "_site"
    build(target, {"index.html": "zero"})
    started, release = threading.Event(), threading.Event()
    errors = []

    def first():
        try:
            with SiteWriter(target) as out:
                out.write("index.html", "first")
                started.set()
                release.wait(10)
                out.write("late.html", "still here")
                out.commit()
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    thread = threading.Thread(target=first)
    thread.start()
    assert started.wait(10)
    second_done = threading.Event()

    def second():
        build(target, {"index.html": "second"})
        second_done.set()

    other = threading.Thread(target=second)
    other.start()
    time.sleep(0.3)
    assert not second_done.is_set()  # waiting for the first build's lock
    release.set()
    thread.join(10), other.join(10)
    assert errors == []
    assert contents(target)["index.html"] == "second"
    assert siblings(target) == []


def test_the_marker_cannot_be_overwritten_by_an_output(tmp_path):
    with pytest.raises(ValueError):
        build(tmp_path / "_site", {MARKER: "x"})
    with pytest.raises(ValueError):
        build(tmp_path / "_site", {"../escape.html": "x"})
    assert siblings(tmp_path / "_site") == []



def test_a_first_build_cleans_up_after_an_earlier_first_build_that_was_killed(tmp_path):
    target = tmp_path / "_site"
    half = tmp_path / "._site.new-killed"
    half.mkdir()
    (half / "index.html").write_text("half")  # no marker: killed while writing
    build(target, {"index.html": "one"})
    assert contents(target)["index.html"] == "one"
    assert siblings(target) == []
