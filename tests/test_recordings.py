"""Recorded voices are used only while they read the published text; drafts are never voiced."""

from pathlib import Path

import polib
from render.test_media import tone

from toolkit import pipeline
from toolkit.catalog import set_machine_draft
from toolkit.extract import template_strings
from toolkit.render.html import SiteRenderer


def make_draft(project: Path, ctxt: str) -> None:
    path = project / "translations/ar.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgctxt == ctxt)
    set_machine_draft(entry, entry.msgstr, "argos nl→en→ar (test) 2026-11-23")
    po.save(str(path))


def renderer(project: Path, drafts: bool) -> SiteRenderer:
    site = pipeline.run(project, pipeline.STAGES[:2])
    return SiteRenderer(site.config, site.library, list(site.messages), site.catalogs,
                        [u.msgid for u in template_strings(site.config)], drafts=drafts)


def test_a_machine_draft_is_never_voiced(project):
    make_draft(project, "hitte:step-2")  # Arabic step 2 of 'hitte' becomes a machine draft
    preview = renderer(project, drafts=True)
    hitte = next(m for m in preview.messages if m.slug == "hitte")
    assert preview.available(hitte, "ar")  # shown in the preview, under the banner …
    tasks = preview.tasks()
    # … but not read aloud or filmed, nor packed for WhatsApp
    assert not [t for t in tasks if t.kind in ("media", "share")
                and t.paths[0].startswith("ar/hitte/") or t.paths == ("ar/hitte",)]
    assert [t for t in tasks if t.kind == "media" and t.paths == ("ar/handen-wassen",)]
    assert ("hitte", "ar") not in preview.scripts()
    assert ("hitte", "nl") in preview.scripts() and ("handen-wassen", "ar") in preview.scripts()
    published = renderer(project, drafts=False)
    assert not published.available(hitte, "ar")
    assert ("hitte", "ar") not in published.scripts()


def test_status_says_which_recording_is_withheld(project, run):
    folder = project / "recordings" / "nl" / "handen-wassen"
    folder.mkdir(parents=True)
    tone(folder / "step-2.wav", 1.0)
    (folder / "step-2.txt").write_text("Doe zeep op je handen.\n", encoding="utf-8")
    tone(folder / "step-3.wav", 1.0)
    (folder / "step-3.txt").write_text("Wrijf je handen 30 seconden over elkaar.\n",
                                       encoding="utf-8")  # the text says 20 now
    result = run(project, "status")
    assert result.code == 0
    assert "step-3.wav: not used: it reads an older or different text" in result.out
    assert "step-2.wav" not in result.out  # current: used, nothing to report
