"""Progress of a long build: bars with counts on a terminal, quiet plain lines in a log,
never a silent minute."""

from __future__ import annotations

import io
import re
import time
from types import SimpleNamespace

import pytest

from toolkit import progress as progress_module
from toolkit.progress import Progress, choose_mode


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _no_mode_from_the_environment(monkeypatch):
    for name in ("KLAAR_PROGRESS", "CI", "TERM"):
        monkeypatch.delenv(name, raising=False)


def test_mode_follows_the_stream_and_the_environment(monkeypatch):
    assert choose_mode(Terminal()) == "bar"
    assert choose_mode(io.StringIO()) == "plain"
    monkeypatch.setenv("CI", "true")
    assert choose_mode(Terminal()) == "plain"
    monkeypatch.setenv("KLAAR_PROGRESS", "off")
    assert choose_mode(Terminal()) == "off"
    monkeypatch.setenv("KLAAR_PROGRESS", "bar")
    assert choose_mode(io.StringIO()) == "bar"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_one_line_per_slow_stage_and_none_for_quick_ones():
    out, clock = io.StringIO(), Clock()
    with Progress(out, "plain", clock) as p:
        with p.stage("loading", 3, "messages") as c:
            for _ in range(3):
                c.tick()  # instant: no line
        with p.stage("checking", 2, "messages") as c:
            clock.now += 2.5
            c.tick()
            c.tick()
    assert out.getvalue() == "checking: 2 messages (2.5 s)\n"


def test_outputs_are_counted_per_kind_as_made_or_unchanged():
    out, clock = io.StringIO(), Clock()
    tasks = [SimpleNamespace(kind=k) for k in ["page"] * 3 + ["leaflet"] * 2]
    with Progress(out, "plain", clock) as p:
        done = p.tasks(tasks)
        done(tasks[3], True)
        clock.now += 5
        done(tasks[4], False)
        for t in tasks[:3]:
            clock.now += 1
            done(t, False)
    lines = out.getvalue().splitlines()
    assert lines == ["leaflets: 1 made, 1 unchanged (5.0 s)",
                     "pages: 3 made, 0 unchanged (2.0 s)"]


def test_a_log_is_told_how_far_a_long_stage_is(monkeypatch):
    monkeypatch.setattr(progress_module, "PLAIN_EVERY", 0.05)
    out = io.StringIO()
    with Progress(out, "plain") as p:
        with p.stage("loading", 4, "messages") as c:
            c.tick()
            time.sleep(0.3)  # a slow message: the log still hears from the build
            c.tick()
            c.tick()
            c.tick()
    text = out.getvalue()
    assert "… loading 1/4" in text
    assert text.splitlines()[-1].startswith("loading: 4 messages (")
    assert "\r" not in text and "\x1b" not in text


def test_a_terminal_gets_bars_with_counts():
    out = Terminal()
    with Progress(out, "bar") as p:
        with p.stage("checking", 5, "messages") as c:
            for _ in range(5):
                c.tick()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    assert "checking" in text and "5/5" in text and "messages" in text


def test_off_says_nothing():
    out = io.StringIO()
    with Progress(out, "off") as p:
        with p.stage("loading", 2, "messages") as c:
            c.tick()
            c.tick()
    assert out.getvalue() == ""


def test_a_failed_stage_is_not_summed_up():
    out, clock = io.StringIO(), Clock()
    with pytest.raises(RuntimeError):
        with Progress(out, "plain", clock) as p:
            with p.stage("loading", 3, "messages") as c:
                clock.now += 5
                c.tick()
                raise RuntimeError("broken")
    assert out.getvalue() == ""


def test_a_build_in_a_log_reports_its_stages_without_carriage_returns(project, run,
                                                                      monkeypatch):
    monkeypatch.setattr(progress_module, "PLAIN_MIN", 0.0)  # every stage gets its line
    result = run(project, "build", "--outputs", "pages")
    assert result.code == 0, result.err
    assert "loading: 4 messages" in result.err and "checking: 4 messages" in result.err
    assert re.search(r"^pages: \d+ made, 0 unchanged \(", result.err, re.MULTILINE)
    assert "\r" not in result.err
    assert "loading" not in result.out  # standard output stays the build's answer


def test_a_warning_while_bars_are_drawn_gets_a_line_of_its_own():
    from toolkit.progress import echo_err

    out = Terminal()
    with Progress(out, "bar") as p:
        with p.stage("loading", 2, "messages") as c:
            c.tick()
            echo_err("warning: content/x.md:3: something odd")
            c.tick()
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    assert "warning: content/x.md:3: something odd" in re.split(r"[\r\n]", text)

