"""One truth about what is published: the build, `status`, the review queue, the review
screen and the preview agree on every message × language, whatever the problem."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import polib
import pytest

from toolkit.catalog import set_machine_draft, set_needs_review
from toolkit.config import load_config
from toolkit.pipeline import run as run_pipeline
from toolkit.publish import Why, decide_all
from toolkit.review_screen import apply, language_page, version

LANGS = ("en", "ar", "tr", "pl", "uk", "ti")


def _edit_po(project: Path, lang: str, change) -> None:
    path = project / f"translations/{lang}.po"
    po = polib.pofile(str(path))
    change({e.msgctxt or "ui:" + e.msgid: e for e in po if not e.obsolete})
    po.save(str(path))


def plant(project: Path) -> dict[tuple[str, str], Why | None]:
    """One kind of problem per message × language; returns what each should say."""
    expected: dict[tuple[str, str], Why | None] = {}

    def untranslated(by):
        by["hitte:step-2"].msgstr = ""

    def machine(by):
        set_machine_draft(by["griepprik:title"], by["griepprik:title"].msgstr,
                          "argos nl→en→tr (test) 2026-01-01")

    def needs_review(by):
        set_needs_review(by["wie-bel-je:summary"], ["needs discussion: tone"])

    def fails_check_en(by):
        # Reviewed, but a number changed: a dose or phone number must never be garbled.
        e = next(e for k, e in by.items() if k.startswith("hitte:") and re.search(r"\d", e.msgid))
        e.msgstr = re.sub(r"\d", lambda m: str((int(m.group(0)) + 3) % 10), e.msgstr, count=1)

    def toolkit_covers(by):
        # An emptied site entry for a text the toolkit translates: the toolkit's text is
        # shown (toolkit/data/interface), the language stays published.
        by["ui:Alle berichten"].msgstr = ""

    # A text of the site's own templates that the toolkit has no translation of:
    # reviewed in four languages, missing in Ukrainian and Tigrinya.
    own = "Gemaakt door de GGD van jouw regio."
    index = project / "templates/index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "{% endblock %}", f'<p>{{{{ _("{own}") }}}}</p>\n{{% endblock %}}'), encoding="utf-8")
    for lang, text in (("en", "Made by the GGD of your region."),
                       ("ar", "من إعداد GGD في منطقتك."),
                       ("tr", "Bölgenizdeki GGD tarafından hazırlandı."),
                       ("pl", "Przygotowane przez GGD w twoim regionie.")):
        path = project / f"translations/{lang}.po"
        po = polib.pofile(str(path))
        po.append(polib.POEntry(msgid=own, msgstr=text))
        po.save(str(path))

    _edit_po(project, "tr", untranslated)
    expected[("hitte", "tr")] = Why.UNTRANSLATED
    _edit_po(project, "tr", machine)
    expected[("griepprik", "tr")] = Why.MACHINE
    _edit_po(project, "pl", needs_review)
    expected[("wie-bel-je", "pl")] = Why.NEEDS_REVIEW
    _edit_po(project, "en", fails_check_en)
    expected[("hitte", "en")] = Why.FAILS_CHECK
    _edit_po(project, "uk", toolkit_covers)
    _edit_po(project, "ar", toolkit_covers)  # ar has no other problem: still published
    for slug in ("griepprik", "handen-wassen", "hitte", "wie-bel-je"):
        expected[(slug, "uk")] = Why.INTERFACE
        expected[(slug, "ti")] = Why.INTERFACE
    # The Dutch of one step changes: every language that had it reviewed withdraws it.
    msg = project / "content/handen-wassen.md"
    text = msg.read_text(encoding="utf-8")
    steps = re.findall(r"text: (.+)", text)
    msg.write_text(text.replace(steps[0], steps[0].rstrip(".") + " goed.", 1),
                   encoding="utf-8")
    for lang in ("en", "ar", "tr", "pl"):
        expected[("handen-wassen", lang)] = Why.SOURCE_CHANGED
    return expected


@pytest.fixture
def planted(project, run):
    expected = plant(project)
    assert run(project, "update-catalogs").code == 0
    return project, expected


def test_every_surface_agrees(planted, run, tmp_path):
    project, expected = planted
    config = load_config(project)

    # The one decision.
    site = run_pipeline(project)
    decisions = site.decisions
    slugs = sorted({m.slug for m in site.messages})
    for slug in slugs:
        for lang in LANGS:
            d = decisions[(slug, lang)]
            want = expected.get((slug, lang))
            assert d.published == (want is None), (slug, lang, d.reason)
            if want is not None:
                assert want in {b.why for b in d.blockers}, (slug, lang, d.reason)

    # The emptied Arabic interface entry: the toolkit's own text, not Dutch.
    page = (project / "_site/ar/hitte/index.html").read_text(encoding="utf-8")
    assert "كل الرسائل" in page and "Alle berichten" not in page

    # The public site: a message page where published, the notice where not.
    for (slug, lang), d in decisions.items():
        html = (project / f"_site/{lang}/{slug}/index.html").read_text(encoding="utf-8")
        assert ('class="message unavailable"' not in html) == d.published, (slug, lang)

    # The build summary names every message that is not published, with its reason.
    build = run(project)
    for (slug, lang), d in decisions.items():
        if not d.published and lang != "ti":
            assert re.search(rf"not published: {slug}: ", build.out), (slug, lang)
    assert "fails a safety check" in build.out

    # status --json: the same set of published messages per language, with reasons.
    rows = {r["lang"]: r for r in json.loads(run(project, "status", "--json").out)}
    for lang in LANGS:
        assert sorted(rows[lang]["publishable"]) == sorted(
            s for s in slugs if decisions[(s, lang)].published), lang
        for slug, reason in rows[lang]["reasons"].items():
            assert reason == decisions[(slug, lang)].reason

    # The review queue holds a segment of every message withheld for a segment reason,
    # and nothing of a published one (interface texts aside).
    out = tmp_path / "queue.csv"
    assert run(project, "review-queue", "-o", str(out)).code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        queued = {(r["language"], r["context"].split(":")[0]) for r in csv.DictReader(fh)
                  if r["context"]}
    for (slug, lang), d in decisions.items():
        segment_reasons = {b.why for b in d.blockers} - {Why.INTERFACE}
        if lang == "nl":
            continue
        assert ((lang, slug) in queued) == bool(segment_reasons), (slug, lang, d.reason)

    # The review screen lists the same entries as the queue.
    for lang in LANGS:
        page = language_page(config, lang, "token")
        for slug in slugs:
            shown = f"content/{slug}.md:" in page
            assert shown == ((lang, slug) in queued), (slug, lang)

    # The preview tells staff, on every message page, what the public build decides.
    preview = tmp_path / "preview"
    run_pipeline(project, drafts=True, preview=True, output=preview)
    for slug in slugs:
        html = (preview / f"nl/{slug}/index.html").read_text(encoding="utf-8")
        for lang in LANGS:
            m = re.search(rf'data-lang="{lang}" data-published="(yes|no)"', html)
            assert m and (m.group(1) == "yes") == decisions[(slug, lang)].published, (slug, lang)


def test_decisions_do_not_depend_on_who_asks(planted):
    """decide_all for the public build and the preview's drafts view give the same
    'published' answer; the drafts view only adds texts to show under a banner."""
    project, _ = planted
    site = run_pipeline(project)
    config = site.config
    from toolkit.extract import template_strings

    ui = [u.msgid for u in template_strings(config)]
    public = decide_all(config, site.messages, site.catalogs, ui)
    drafts = decide_all(config, site.messages, site.catalogs, ui, drafts=True)
    for key in public:
        assert public[key].published == site.decisions[key].published
        if public[key].published:
            assert drafts[key].texts == public[key].texts
    assert drafts[("griepprik", "tr")].texts is not None  # shown in the preview, banner on
    assert public[("griepprik", "tr")].texts is None


def test_review_screen_refuses_to_approve_a_failing_translation(planted):
    project, _ = planted
    config = load_config(project)
    po = polib.pofile(str(project / "translations/ar.po"))
    entry = next(e for e in po if e.msgctxt == "hitte:step-1")
    assert re.search(r"\d", entry.msgid)
    garbled = re.sub(r"[0-9٠-٩]", "7", entry.msgstr)
    form = {"key": entry.msgctxt, "version": version(entry), "translation": garbled,
            "action": "approve"}
    notice = apply(config, "ar", form)
    assert notice.kind == "refused" and notice.findings and notice.yours == garbled
    after = {e.msgctxt: e for e in polib.pofile(str(project / "translations/ar.po"))}
    assert after["hitte:step-1"].msgstr == entry.msgstr  # nothing saved as reviewed

    # Saved for discussion instead: kept, unpublished, with the finding attached.
    notice = apply(config, "ar", dict(form, action="discuss", note="cijfer?"))
    assert notice.kind == "saved"
    saved = {e.msgctxt: e for e in polib.pofile(str(project / "translations/ar.po"))}
    e = saved["hitte:step-1"]
    assert e.msgstr == garbled and "fuzzy" in e.flags
    assert "fails check" in (e.tcomment or "")
    site = run_pipeline(project)
    assert not site.decisions[("hitte", "ar")].published


def test_review_import_keeps_a_failing_approval_as_needs_review(planted, run, tmp_path):
    project, _ = planted
    po = polib.pofile(str(project / "translations/pl.po"))
    entry = next(e for e in po if e.msgctxt == "hitte:step-1")
    out = tmp_path / "back.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["language", "context", "source", "translation", "approved"])
        w.writerow(["pl", entry.msgctxt, entry.msgid,
                    re.sub(r"\d", "9", entry.msgstr), "yes"])
    result = run(project, "review-import", str(out))
    assert "not approved [pl] hitte:step-1" in result.err
    after = {e.msgctxt: e for e in polib.pofile(str(project / "translations/pl.po"))}
    assert "fuzzy" in after["hitte:step-1"].flags
