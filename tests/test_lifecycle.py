"""A message's editorial life: a draft never reaches the public site but shows in the
preview; a message past its review date is warned about (file:line) and bannered in the
preview; past the hard limit it is not published anywhere. The clock is the build's:
SOURCE_DATE_EPOCH (the tests pin it to 2026-01-01)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from toolkit.config import load_config
from toolkit.lifecycle import today
from toolkit.load import load_messages
from toolkit.pictograms import load_library
from toolkit.pipeline import run as run_pipeline
from toolkit.publish import Why, decide_all

PAGES = ("build", "--outputs", "pages", "-j", "1")


def _front(project: Path, slug: str, extra: str, reviewed: str | None = None) -> Path:
    """Add front-matter lines to a message (and change its review date)."""
    path = project / "content" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    if reviewed:
        text = re.sub(r"^reviewed: .*$", f"reviewed: {reviewed}", text, count=1, flags=re.M)
    text = text.replace("\n---\n", f"\n{extra}\n---\n", 1) if extra else text
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1)
                if line.startswith(start))


def _set_publish(project: Path, lines: str) -> None:
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace("[publish]\n", f"[publish]\n{lines}\n"))


def _all_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(site.rglob("*")) if p.is_file()
                     and p.suffix in (".html", ".txt", ".xml", ".json", ".atom"))


def test_clock_is_source_date_epoch(monkeypatch):
    assert str(today()) == "2026-01-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1767225600 + 400 * 86400))
    assert str(today()) == "2027-02-05"


def test_draft_is_never_on_the_public_site(project, run):
    _front(project, "hitte", "draft: true")
    r = run(project, *PAGES)
    assert r.code == 0, r.err
    site = project / "_site"
    assert not any((site / lang / "hitte").exists() for lang in ("nl", "en", "ar", "ti"))
    assert (site / "nl" / "griepprik" / "index.html").is_file()
    everything = _all_text(site)
    assert "hitte/" not in everything and "Het is heel warm" not in everything
    assert "not on the site: hitte: draft" in r.out
    assert "3 messages" in r.out
    # status agrees with the build (one decision in publish.py)
    r = run(project, "status", "--json")
    rows = json.loads(r.out)
    for row in rows:
        assert "hitte" not in row["publishable"]
        assert row["reasons"]["hitte"].startswith("draft")


def test_draft_shows_in_the_preview_under_a_banner(project, tmp_path):
    _front(project, "hitte", "draft: true")
    out = tmp_path / "preview"
    run_pipeline(project, drafts=True, preview=True, output=out,
                 kinds=frozenset({"pages"}))
    page = (out / "nl" / "hitte" / "index.html").read_text(encoding="utf-8")
    assert 'class="lifecycle-banner"' in page and "Concept" in page
    index = (out / "nl" / "index.html").read_text(encoding="utf-8")
    assert "Het is heel warm" in index and "Concept: niet op de publieke site" in index
    # a current message carries no banner
    other = (out / "nl" / "griepprik" / "index.html").read_text(encoding="utf-8")
    assert "lifecycle-banner" not in other


def test_draft_over_its_budget_does_not_stop_the_build(project, run):
    path = _front(project, "hitte", "draft: true")
    text = path.read_text()
    long = ("Wanneer de temperatuur gedurende meerdere opeenvolgende dagen boven de dertig "
            "graden uitkomt, ontstaat er voor kwetsbare groepen zoals ouderen en chronisch "
            "zieken een verhoogd risico op oververhitting en uitdroging.")
    path.write_text(text + "\n" + " ".join([long] * 4) + "\n")
    r = run(project, *PAGES)
    assert r.code == 0, r.err
    assert "a draft: fix it before you publish it" in r.err
    # without draft: true the same text stops the build
    path.write_text(path.read_text().replace("draft: true\n", ""))
    assert run(project, *PAGES).code == 1


def test_draft_must_be_true_or_false(project, run):
    path = _front(project, "hitte", "draft: ja")
    r = run(project, "check")
    assert r.code == 1
    assert f"content/hitte.md:{_line_of(path, 'draft:')}: draft: expected true or false" in r.err


def test_review_by_passed_warns_with_file_and_line(project, run, tmp_path):
    path = _front(project, "griepprik", "review_by: 2025-12-01", reviewed="2025-06-01")
    r = run(project, *PAGES)
    assert r.code == 0, r.err
    line = _line_of(path, "review_by:")
    assert f"content/griepprik.md:{line}: review_by: 2025-12-01 has passed (31 days ago)" \
        in r.err
    assert "set `reviewed:`" in r.err
    # still published: a warning, not a refusal
    assert (project / "_site" / "nl" / "griepprik" / "index.html").is_file()
    # and the preview says so above the message
    out = tmp_path / "preview"
    run_pipeline(project, drafts=True, preview=True, output=out, kinds=frozenset({"pages"}))
    page = (out / "nl" / "griepprik" / "index.html").read_text(encoding="utf-8")
    assert "Controle nodig sinds 2025-12-01" in page


def test_review_by_in_the_future_is_quiet(project, run):
    _front(project, "griepprik", "review_by: 2026-06-01", reviewed="2020-01-01")
    r = run(project, *PAGES)
    assert "griepprik" not in r.err  # its own date comes before the site-wide age


def test_site_wide_age_limit_counts_from_reviewed(project, run, monkeypatch):
    path = _front(project, "wie-bel-je", "", reviewed="2025-01-01")
    _set_publish(project, "max_age_days = 200")
    r = run(project, *PAGES)
    line = _line_of(path, "reviewed:")
    assert f"content/wie-bel-je.md:{line}: reviewed: 2025-01-01 is more than the site's " \
           "max_age_days ago: due since 2025-07-20" in r.err
    assert "griepprik" not in r.err  # reviewed after the pinned clock: not due
    # the clock is SOURCE_DATE_EPOCH: a year earlier nothing is due
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1767225600 - 365 * 86400))
    r = run(project, *PAGES)
    assert "max_age_days" not in r.err


def test_hard_limit_refuses_to_publish(project, run, tmp_path):
    _front(project, "hitte", "", reviewed="2023-06-01")
    _set_publish(project, "refuse_after_days = 730")
    r = run(project, *PAGES)
    assert r.code == 0, r.err
    site = project / "_site"
    assert not (site / "nl" / "hitte").exists() and not (site / "en" / "hitte").exists()
    assert "not on the site: hitte: past its review limit" in r.out
    assert "refuse_after_days" in r.out
    config = load_config(project)
    messages = load_messages(config, load_library(config.pictograms_dir))
    decisions = decide_all(config, messages, {}, [])
    assert [b.why for b in decisions[("hitte", "nl")].blockers] == [Why.EXPIRED]
    assert decisions[("griepprik", "nl")].published
    # the preview shows it, saying why it is not on the site
    out = tmp_path / "preview"
    run_pipeline(project, drafts=True, preview=True, output=out, kinds=frozenset({"pages"}))
    page = (out / "nl" / "hitte" / "index.html").read_text(encoding="utf-8")
    assert "Verlopen" in page and "refuse_after_days" in page
    # updating reviewed: publishes it again
    _front(project, "hitte", "", reviewed="2025-12-15")
    assert run(project, *PAGES).code == 0
    assert (site / "nl" / "hitte" / "index.html").is_file()


def test_bad_age_limit_is_a_site_toml_error(project, run):
    _set_publish(project, "refuse_after_days = -3")
    r = run(project, "check")
    assert r.code == 1
    assert re.search(r"site\.toml:\d+: publish\.refuse_after_days: expected a number of days",
                     r.err)


def test_check_warns_about_review_dates_as_the_build_does(project, run, monkeypatch):
    late = _front(project, "griepprik", "review_by: 2025-12-01", reviewed="2025-06-01")
    old = _front(project, "wie-bel-je", "", reviewed="2025-01-01")
    _set_publish(project, "max_age_days = 200")
    r = run(project, "check")
    assert r.code == 0, r.err  # a warning, not a failure
    warnings = [line for line in r.err.splitlines() if line.startswith("warning: ")]
    assert f"warning: content/griepprik.md:{_line_of(late, 'review_by:')}: review_by: " \
           "2025-12-01 has passed (31 days ago) (check the advice against the source" in r.err
    assert f"warning: content/wie-bel-je.md:{_line_of(old, 'reviewed:')}: reviewed: " \
           "2025-01-01 is more than the site's max_age_days ago: due since 2025-07-20" in r.err
    assert len(warnings) == 2 and "hitte" not in r.err
    # only the messages asked for; and said in the staff language
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    one = run(project, "check", "content/griepprik.md")
    assert one.code == 0
    assert f"content/griepprik.md:{_line_of(late, 'review_by:')}: review_by: 2025-12-01 is " \
           "voorbij (31 dagen geleden)" in one.err
    assert "wie-bel-je" not in one.err
    # --json keeps stdout machine-readable: the warnings go to stderr
    as_json = run(project, "check", "--json")
    json.loads(as_json.out)
    assert "review_by: 2025-12-01" in as_json.err
