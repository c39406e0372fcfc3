"""The findings of the safety and fact checks are said in the staff language where staff
read them (build warnings, status, review screen), while what is stored in PO files stays
English, so stored findings still match whoever runs the next command."""

from __future__ import annotations

import pickle
import re

import polib

from toolkit import publish
from toolkit.config import load_config
from toolkit.facts.compare import ROLES, compare
from toolkit.facts.tables import units
from toolkit.safety import Context, critical, run_checks

WRONG = "Her gün 3 litre su için."  # the Dutch says 1,5 tot 2 liter


def _set(project, lang: str, context: str, text: str, fuzzy: bool = False) -> None:
    path = project / "translations" / f"{lang}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == context)
    entry.msgstr = text
    if fuzzy and "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    po.save(str(path))


def test_every_role_of_the_units_table_can_be_said():
    """A role added to data/facts/units.tsv must be added to ROLES (and translated)."""
    assert {u.role for u in units().values()} <= set(ROLES)


def test_a_finding_is_english_as_data_and_dutch_when_shown(monkeypatch):
    [finding] = [f for f in critical(run_checks("Neem 2 tabletten.", "Take 6 tablets.",
                                                Context("en"))) if f.code == "numbers"]
    assert finding.message == "dose changed: 2 tabletten → 6 tablets"  # as data: English
    assert finding.english == "numbers: dose changed: 2 tabletten → 6 tablets"
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    assert str(finding) == "numbers: dosis veranderd: 2 tabletten → 6 tablets"
    assert f"{finding.message}" == "dosis veranderd: 2 tabletten → 6 tablets"
    assert finding.english == "numbers: dose changed: 2 tabletten → 6 tablets"
    # A finding kept in the cache (pickled) is said in the language asked later.
    kept = pickle.loads(pickle.dumps(finding))
    assert kept == finding and str(kept) == str(finding)
    monkeypatch.setenv("KLAAR_LANGUAGE", "en")
    assert str(kept) == "numbers: dose changed: 2 tabletten → 6 tablets"
    assert [str(d.message) for d in compare("Bel 112.", "Ambulans çağırın.", "tr")] == \
        ["missing in the translation: 112"]


def test_cached_findings_follow_the_language_asked_now(monkeypatch):
    ctx = Context("tr")
    english = [str(f) for f in publish.critical_findings("Bel 112.", "Ambulans çağırın.", ctx)]
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    dutch = [str(f) for f in publish.critical_findings("Bel 112.", "Ambulans çağırın.", ctx)]
    assert english == ["phone: missing in the translation: 112"]
    assert dutch == ["phone: ontbreekt in de vertaling: 112"]


def test_build_and_status_say_a_withheld_translation_in_dutch(project, run, monkeypatch):
    _set(project, "tr", "hitte:step-1", WRONG)
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    build = run(project, "build", "--outputs", "pages", "-j", "1")
    assert build.code == 0, build.err
    warning = next(line for line in build.err.splitlines() if "hitte:step-1" in line)
    assert "[tr]" in warning and "hoeveelheid veranderd: 1,5 → 3 litre" in warning, warning
    assert "changed:" not in warning and "missing in" not in warning
    status = run(project, "status")
    assert "numbers: hoeveelheid veranderd: 1,5 → 3 litre" in status.out, status.out
    assert "changed:" not in status.out


def test_review_screen_says_stored_findings_in_dutch_and_stores_english(project, monkeypatch):
    from toolkit.review_screen import apply, language_page, version

    config = load_config(project)
    path = project / "translations" / "tr.po"
    entry = next(e for e in polib.pofile(str(path)) if e.msgctxt == "hitte:step-1")
    monkeypatch.setenv("KLAAR_LANGUAGE", "nl")
    form = {"key": entry.msgctxt, "version": version(entry), "translation": WRONG}
    refused = apply(config, "tr", dict(form, action="approve"))
    assert refused.kind == "refused"
    assert refused.findings and all(re.search(r"veranderd|ontbreekt|staat niet", f)
                                    for f in refused.findings)
    saved = apply(config, "tr", dict(form, action="draft"))
    assert saved.kind == "saved"
    stored = next(e for e in polib.pofile(str(path)) if e.msgctxt == "hitte:step-1")
    notes = stored.tcomment or ""
    assert "fails check numbers:" in notes and "saved as a draft" in notes  # English on disk
    assert "veranderd" not in notes and "concept" not in notes
    page = language_page(config, "tr", "tok")
    item = next(part for part in page.split("<section") if 'value="hitte:step-1"' in part)
    assert "zakt voor controle numbers: hoeveelheid veranderd: 1,5 → 3 litre" in item
    assert "als concept opgeslagen in het vertaalscherm" in item
    # The same save in English matches the stored notes: no finding is added twice.
    monkeypatch.setenv("KLAAR_LANGUAGE", "en")
    again = next(e for e in polib.pofile(str(path)) if e.msgctxt == "hitte:step-1")
    apply(config, "tr", {"key": again.msgctxt, "version": version(again),
                         "translation": WRONG, "action": "draft"})
    after = next(e for e in polib.pofile(str(path)) if e.msgctxt == "hitte:step-1")
    assert after.tcomment == stored.tcomment
