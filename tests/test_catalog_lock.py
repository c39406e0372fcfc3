"""Catalog saves under concurrency and crashes: nothing saved is lost, no file is broken."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time

import polib
import pytest

from conftest import REPO, assert_clean_po
from toolkit.catalog import (
    CatalogBusy,
    State,
    entry_versions,
    load_catalog,
    lock_path,
    locked_catalog,
    merge_changes,
    save,
    set_machine_draft,
    set_reviewed,
    state,
)
from toolkit.config import load_config
from toolkit.pipeline import build_time


def entries(project, lang="ar"):
    return {e.msgctxt: e for e in polib.pofile(str(project / f"translations/{lang}.po"))
            if e.msgctxt and not e.obsolete}


def test_a_held_catalog_makes_other_writers_wait(project):
    config = load_config(project)
    with locked_catalog(config, "ar"):
        with pytest.raises(CatalogBusy, match="translations/ar.po is being saved"):
            with locked_catalog(config, "ar", timeout=0.2):
                pass
        with locked_catalog(config, "tr", timeout=0.2):  # other languages are free
            pass
    with locked_catalog(config, "ar", timeout=0.2):  # released
        pass


def test_lock_file_is_not_a_catalog(project, run):
    config = load_config(project)
    with locked_catalog(config, "ar") as catalog:
        save(catalog, build_time())
    lock = lock_path(config, "ar")
    assert lock.exists() and lock.name == ".ar.po.lock"
    assert not lock.name.endswith(".po")
    assert ".*.po.lock" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    result = run(project, "update-catalogs")
    assert result.code == 0, result.err
    assert ".ar.po.lock" not in result.out
    assert sorted(p.name for p in (project / "translations").glob("*.po")) == \
        sorted(f"{lang}.po" for lang in config.languages if
               (project / f"translations/{lang}.po").exists())


def test_thirty_writers_at_once_lose_nothing(project):
    """Each thread approves its own entry, as thirty translators (or a translator and
    update-catalogs) would at the same moment: every approval is in the file."""
    config = load_config(project)
    keys = sorted(entries(project))[:30]
    assert len(keys) == 30
    barrier = threading.Barrier(len(keys))
    errors = []

    def approve(i, key):
        try:
            barrier.wait()
            with locked_catalog(config, "ar") as catalog:
                entry = next(e for e in catalog.po if e.msgctxt == key)
                set_reviewed(entry, f"نص {i}")
                save(catalog, build_time())
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=approve, args=(i, k)) for i, k in enumerate(keys)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    saved = entries(project)
    assert [saved[k].msgstr for k in keys] == [f"نص {i}" for i in range(len(keys))]
    assert all(state(saved[k]) is State.REVIEWED for k in keys)
    assert_clean_po(project / "translations/ar.po")


WRITER = """
import itertools, sys
from pathlib import Path
from toolkit.catalog import locked_catalog, save, set_reviewed
from toolkit.config import load_config
from toolkit.pipeline import build_time

config = load_config(Path(sys.argv[1]))
for i in itertools.count():
    with locked_catalog(config, "ar") as catalog:
        for e in catalog.po:
            if e.msgctxt and not e.obsolete:
                set_reviewed(e, "نص " * (i % 40 + 1) + f"{sys.argv[2]}.{i}")
        save(catalog, build_time())
    print(i, flush=True)
"""


def test_killing_writers_mid_save_never_breaks_the_po_file(project):
    """SIGKILL a process that saves the catalog in a loop, at random moments, again and
    again: the file is always whole and valid, and the lock dies with its holder."""
    config = load_config(project)
    rng = random.Random(7)
    last = None
    mid_save = 0  # kills that left a half-written temporary file: the case that matters
    for round_ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(project), str(round_)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin",
                                     "SOURCE_DATE_EPOCH": "1767225600"})
        first = proc.stdout.readline()  # it is in its loop now
        assert first.strip().isdigit(), proc.stderr.read()
        time.sleep(rng.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_clean_po(project / "translations/ar.po")
        mid_save += any(p.name.startswith(".ar.po.") and p.name != ".ar.po.lock"
                        for p in (project / "translations").iterdir())
        with locked_catalog(config, "ar", timeout=2) as catalog:  # not left locked
            text = next(e.msgstr for e in catalog.po if e.msgctxt == "hitte:step-2")
        assert text != last and f"{round_}." in text  # this writer really saved
        last = text
    assert mid_save >= 2
    with locked_catalog(config, "ar") as catalog:
        save(catalog, build_time())
    leftovers = [p.name for p in (project / "translations").iterdir()
                 if p.name.startswith(".ar.po.") and p.name != ".ar.po.lock"]
    assert leftovers == []  # killed saves' temporary files are cleaned up


def test_slow_work_merges_only_entries_nobody_changed_meanwhile(project):
    """translate's pattern: work on a copy without the lock, then merge under it."""
    config = load_config(project)
    worked = load_catalog(config, "ar")
    before = entry_versions(worked)
    keys = ["hitte:title", "hitte:step-1", "hitte:step-2"]
    for e in worked.po:
        if e.msgctxt in keys:
            set_machine_draft(e, "مسودة آلية", "argos nl→en→ar (test) 2026-01-01")
    with locked_catalog(config, "ar") as catalog:  # meanwhile a translator approves one
        entry = next(e for e in catalog.po if e.msgctxt == "hitte:step-1")
        set_reviewed(entry, "ترجمة بشرية")
        save(catalog, build_time())
    with locked_catalog(config, "ar") as fresh:
        skipped = merge_changes(fresh, worked, before)
        save(fresh, build_time())
    assert skipped == ["hitte:step-1"]
    saved = entries(project)
    assert saved["hitte:step-1"].msgstr == "ترجمة بشرية"
    assert state(saved["hitte:step-1"]) is State.REVIEWED
    assert saved["hitte:title"].msgstr == "مسودة آلية"
    assert state(saved["hitte:step-2"]) is State.MACHINE


def import_file(project, tmp_path):
    """A reviewed CSV approving hitte:step-2 in Turkish."""
    import csv

    entry = entries(project, "tr")["hitte:step-2"]
    path = tmp_path / "reviewed.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(("language", "context", "source", "translation", "approved"))
        writer.writerow(("tr", "hitte:step-2", entry.msgid, "Gündüz perdeleri kapatın.", "yes"))
    return path


@pytest.mark.parametrize("command", ["update-catalogs", "review-import"])
def test_cli_writers_wait_for_a_save_in_progress(project, run, tmp_path, command):
    """While the review screen holds translations/tr.po (read-check-write of one
    approval), a CLI writer waits; afterwards both changes are in the file."""
    config = load_config(project)
    content = project / "content/hitte.md"  # update-catalogs has something to do
    content.write_text(content.read_text(encoding="utf-8").replace(
        "Bel of bezoek oudere mensen in je buurt.", "Bel of bezoek ouderen in je buurt."),
        encoding="utf-8")
    args = [command] + ([str(import_file(project, tmp_path))] if command == "review-import"
                        else ["--lang", "tr"])
    held = threading.Event()

    def review_screen_save():
        with locked_catalog(config, "tr") as catalog:
            held.set()
            time.sleep(1.5)  # the CLI command starts meanwhile
            entry = next(e for e in catalog.po if e.msgctxt == "hitte:title")
            set_reviewed(entry, "Hava çok sıcak, dikkat")
            save(catalog, build_time())

    thread = threading.Thread(target=review_screen_save)
    thread.start()
    held.wait(10)
    result = run(project, *args)
    thread.join()
    assert result.code == 0, result.err
    tr = entries(project, "tr")
    assert tr["hitte:title"].msgstr == "Hava çok sıcak, dikkat"  # the screen's save
    assert tr["hitte:step-4"].msgid == "Bel of bezoek ouderen in je buurt."  # the sync
    assert state(tr["hitte:step-4"]) is State.NEEDS_REVIEW
    if command == "review-import":
        assert tr["hitte:step-2"].msgstr == "Gündüz perdeleri kapatın."
    assert_clean_po(project / "translations/tr.po")
