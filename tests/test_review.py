"""Review hooks: queue export and import in csv, po and xliff; stale sources; status."""

import csv
import shutil

import polib
import pytest

from conftest import assert_clean_po
from toolkit.catalog import State, set_machine_draft, state
from toolkit.config import load_config
from toolkit.review import run_hook

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="no msgfmt")


def prepare(project, lang="tr"):
    """A Turkish catalog with one untranslated entry, one machine draft, one changed."""
    path = project / f"translations/{lang}.po"
    po = polib.pofile(str(path))
    by = {e.msgctxt: e for e in po}
    by["hitte:step-2"].msgstr = ""
    set_machine_draft(by["hitte:step-3"], "Saat 12.00 ile 15.00 arasında güneşe çıkmayın.",
                      "argos nl→en→tr (test) 2026-01-01")
    po.save(str(path))
    content = project / "content/hitte.md"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "Bel of bezoek oudere mensen in je buurt.", "Bel of bezoek ouderen in je buurt."),
        encoding="utf-8")
    return path


def rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_queue_holds_exactly_what_needs_a_person(project, run, tmp_path):
    prepare(project)
    out = tmp_path / "q.csv"
    result = run(project, "review-queue", "--lang", "tr", "-o", str(out))
    assert result.code == 0 and "3 entries need a person" in result.out
    queue = {r["context"]: r for r in rows(out)}
    assert set(queue) == {"hitte:step-2", "hitte:step-3", "hitte:step-4"}
    assert queue["hitte:step-2"]["state"] == "untranslated"
    assert queue["hitte:step-3"]["state"] == "machine draft"
    changed = queue["hitte:step-4"]
    assert changed["state"] == "needs review"
    assert changed["previous_source"] == "Bel of bezoek oudere mensen in je buurt."
    assert changed["source"] == "Bel of bezoek ouderen in je buurt."
    assert "the Dutch text changed" in changed["reasons"]
    assert changed["location"] == "content/hitte.md:13"


def test_csv_round_trip_loses_nothing(project, run, tmp_path):
    path = prepare(project)
    out = tmp_path / "q.csv"
    run(project, "review-queue", "--lang", "tr", "-o", str(out))
    before = {e.msgctxt or e.msgid: e.msgstr for e in polib.pofile(str(path))}
    data = rows(out)
    for r in data:
        if r["context"] == "hitte:step-2":
            r["translation"], r["approved"] = "Gündüz perdeleri kapatın.", "yes"
        if r["context"] == "hitte:step-4":
            r["translation"], r["approved"] = "Mahallenizdeki yaşlıları arayın.", "no"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    result = run(project, "review-import", str(out))
    assert result.code == 0, result.err
    assert "1 entries reviewed, 1 updated" in result.out
    after = {e.msgctxt or e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}
    assert state(after["hitte:step-2"]) is State.REVIEWED
    assert after["hitte:step-4"].msgstr == "Mahallenizdeki yaşlıları arayın."
    assert state(after["hitte:step-4"]) is State.NEEDS_REVIEW
    assert state(after["hitte:step-3"]) is State.MACHINE  # untouched: not approved
    for key, text in before.items():  # every other translation is still there
        if key not in ("hitte:step-2", "hitte:step-4") and key in after:
            assert after[key].msgstr == text, key


def test_import_refuses_entries_whose_dutch_changed_and_keeps_them(project, run, tmp_path):
    prepare(project)
    out = tmp_path / "q.csv"
    run(project, "review-queue", "--lang", "tr", "-o", str(out))
    data = rows(out)
    for r in data:
        r["translation"], r["approved"] = "ONAYLI " + r["source"], "yes"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    content = project / "content/hitte.md"  # the Dutch changes again after the export
    content.write_text(content.read_text(encoding="utf-8").replace(
        "Doe overdag de gordijnen dicht.", "Doe overdag de gordijnen en ramen dicht."),
        encoding="utf-8")
    result = run(project, "review-import", str(out))
    assert result.code == 1
    assert "1 refused (Dutch changed since export)" in result.out
    assert "refused [tr] hitte:step-2" in result.err
    kept = rows(tmp_path / "q.rejected.csv")
    assert [r["context"] for r in kept] == ["hitte:step-2"]
    assert kept[0]["translation"].startswith("ONAYLI")
    po = {e.msgctxt: e for e in polib.pofile(str(project / "translations/tr.po"))}
    assert state(po["hitte:step-3"]) is State.REVIEWED  # the others were applied


@pytest.mark.parametrize("fmt,suffix", [("po", "po"), ("xliff", "xlf")])
def test_po_and_xliff_round_trip(project, run, tmp_path, fmt, suffix):
    prepare(project)
    out = tmp_path / f"q.{suffix}"
    assert run(project, "review-queue", "--lang", "tr", "--format", fmt, "-o",
               str(out)).code == 0
    if fmt == "po":
        po = polib.pofile(str(out))
        for e in po:
            if e.msgctxt == "hitte:step-3":
                e.flags.remove("fuzzy")  # a translator approves in Poedit
        po.save()
    else:
        text = out.read_text(encoding="utf-8")
        start = text.index('resname="hitte:step-3"')
        i = text.index('state="needs-review-translation"', start)
        text = text[:i] + 'state="translated"' + text[i + len('state="needs-review-translation"'):]
        out.write_text(text, encoding="utf-8")
    result = run(project, "review-import", str(out))
    assert "1 entries reviewed" in result.out
    po = {e.msgctxt: e for e in polib.pofile(str(project / "translations/tr.po"))}
    assert state(po["hitte:step-3"]) is State.REVIEWED


@needs_msgfmt
def test_written_catalogs_pass_msgfmt_and_round_trip(project, run, tmp_path):
    path = prepare(project)
    out = tmp_path / "q.csv"
    run(project, "review-queue", "--lang", "tr", "-o", str(out))
    run(project, "review-import", str(out))
    assert_clean_po(path)


def test_status_reports_states_and_publishable_messages(project, run):
    prepare(project)
    result = run(project, "status")
    line = next(x for x in result.out.splitlines() if x.startswith("tr "))
    total = sum(1 for e in polib.pofile(str(project / "translations/tr.po")) if not e.obsolete)
    # reviewed, machine draft, needs review, untranslated
    assert line.split()[:5] == ["tr", str(total - 3), "1", "1", "1"]
    assert line.split()[5] == "3/4"
    reason = next(x for x in result.out.splitlines()[result.out.splitlines().index(line):]
                  if "not published: hitte:" in x)
    assert reason.split("not published: hitte: ")[1].split("; ") == [
        "hitte:step-2: untranslated", "hitte:step-4: Dutch text changed",
        "hitte:step-3: machine draft"]
    assert run(project, "status", "--json").code == 0


def test_review_hook_gets_the_queue_path(project, tmp_path):
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8")
                    + '\n[review]\nhook = "cp {queue} hooked.csv"\n', encoding="utf-8")
    queue = tmp_path / "queue file.csv"
    queue.write_text("language,context\n", encoding="utf-8")
    run_hook(load_config(project), queue)
    assert (project / "hooked.csv").read_text() == "language,context\n"
