"""A build killed at any moment leaves a complete site: `python build.py` on a copy of the
example project, killed with SIGKILL 20 times at seeded random moments.

Half of the kills fall anywhere in the build; the other half fall while it writes and
swaps (after its `._site.new-*` folder appears), the window that matters. After every
kill the site must be byte for byte the complete site of the first build (the inputs do
not change, and SOURCE_DATE_EPOCH pins every timestamp). Images and leaflets come from
the shared test cache, so one build takes about a second.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from toolkit.write import MARKER, spare_path

KILLS = 20
SEED = 20261125
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    """What a build is writing or a killed build left (the spare is neither: the last
    replaced site, without its marker, that the next build is made in)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith("._site.")
                  and p != spare_path(project / "_site"))


def start(project: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # --clean: every build writes a whole new site (nothing changed, so a plain build would
    # answer "nothing changed" without writing anything, and no kill could hit a write)
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--clean", "-C",
                             str(project)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(proc: subprocess.Popen, project: Path, present: bool,
             timeout: float = 60) -> float:
    """Poll until the build's new folder exists (present) or is gone again; returns when
    (monotonic), or the time the process ended first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if bool(leftovers(project)) == present:
            return time.monotonic()
        if proc.poll() is not None:
            break
        time.sleep(0.002)
    return time.monotonic()


@pytest.mark.timeout(900)  # 22 builds; a busy machine can make each several seconds
def test_builds_killed_at_random_moments_always_leave_a_complete_site(project):
    first = start(project)
    assert first.wait(120) == 0, first.stderr.read().decode()  # warms the image cache
    # a second, timed build: the durations the random kills are spread over
    began = time.monotonic()
    timed = start(project)
    writing = wait_for(timed, project, present=True)
    written = wait_for(timed, project, present=False)  # swapped in, old copy removed
    assert timed.wait(120) == 0, timed.stderr.read().decode()
    whole, write_phase = time.monotonic() - began, max(written - writing, 0.05)
    reference = tree(project / "_site")
    langs = ["nl", "en", "ar", "tr", "pl", "uk", "ti"]
    assert MARKER in reference and all(f"{lang}/index.html" in reference for lang in langs)

    rng = random.Random(SEED)
    hits = {"finished": 0, "left a new folder": 0, "before or after writing": 0}
    for i in range(KILLS):
        proc = start(project)
        if i % 2:
            wait_for(proc, project, present=True)
            time.sleep(rng.uniform(0, write_phase))
        else:
            time.sleep(rng.uniform(0, whole))
        proc.send_signal(signal.SIGKILL)
        code = proc.wait(30)
        proc.stderr.close()
        if code == 0:
            hits["finished"] += 1
        elif leftovers(project):
            hits["left a new folder"] += 1
        else:
            hits["before or after writing"] += 1
        site = project / "_site"
        assert site.is_dir(), f"kill {i}: no site at all"
        assert tree(site) == reference, f"kill {i}: the site is not the complete site"
    # the kills did land inside the write stage, not only before or after it (the
    # targeted half aims at it; timing on a busy machine may move a few out)
    assert hits["left a new folder"] >= 3, hits
    print(f"build {whole:.2f} s, writing {write_phase:.2f} s; kills: {hits}")

    final = start(project)
    assert final.wait(120) == 0, final.stderr.read().decode()
    assert leftovers(project) == []
    assert tree(project / "_site") == reference


KILLED_IN_SWAP = """
import os, sys
from toolkit import write
from toolkit.cli import main

write._exchange = lambda a, b: False  # a system without the atomic exchange
write._after_first_rename = lambda: os._exit(9)  # killed between the two renames
sys.exit(main(["build", "--clean", "-C", sys.argv[1]]))
"""


def test_a_build_killed_in_the_fallback_swap_window_is_repaired_by_the_next(project, run):
    assert run(project).code == 0
    reference = tree(project / "_site")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", KILLED_IN_SWAP, str(project)], env=env,
                          capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    assert not (project / "_site").exists()  # the window was hit: no site at all
    assert len(leftovers(project)) == 2  # the old site and the finished new one
    # the next build puts the site back at its start, even one that then stops on an error
    message = project / "content/hitte.md"
    text = message.read_text(encoding="utf-8")
    message.write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    result = run(project)
    assert result.code == 1 and "content/hitte.md" in result.err
    assert tree(project / "_site") == reference
    assert leftovers(project) == []
    message.write_text(text, encoding="utf-8")
    result = run(project)
    assert result.code == 0, result.err
    assert tree(project / "_site") == reference
    assert leftovers(project) == []
