"""translate runs for minutes: a translator saving meanwhile must not be overwritten."""

import pytest

pytest.importorskip("ctranslate2", reason="machine translation extra [mt] not installed")
pytest.importorskip("minisbd", reason="machine translation extra [mt] not installed")
pytest.importorskip("onnx", reason="onnx is needed to build the test models")

from conftest import assert_clean_po  # noqa: E402
from toolkit.catalog import State, locked_catalog, save, set_reviewed, state  # noqa: E402
from toolkit.config import load_config  # noqa: E402
from toolkit.pipeline import build_time  # noqa: E402

from .test_translate import clear_translations, entries, models  # noqa: E402,F401


def test_an_approval_during_translation_is_kept(project, run, models, monkeypatch):  # noqa: F811
    from toolkit.translate.engine import ArgosEngine

    clear_translations(project, "ar")
    real = ArgosEngine.translate
    approved = []

    def translate_while_someone_approves(self, texts, source, target):
        if not approved:  # the review screen saves while the engine is busy
            with locked_catalog(load_config(project), "ar", timeout=5) as catalog:
                entry = next(e for e in catalog.po if e.msgctxt == "hitte:title")
                set_reviewed(entry, "الجو حار جداً")
                save(catalog, build_time())
            approved.append(True)
        return real(self, texts, source, target)

    monkeypatch.setattr(ArgosEngine, "translate", translate_while_someone_approves)
    result = run(project, "translate", "--lang", "ar")
    assert result.code == 0, result.err
    assert approved
    ar = entries(project, "ar")
    assert ar["hitte:title"].msgstr == "الجو حار جداً"
    assert state(ar["hitte:title"]) is State.REVIEWED
    assert "1 entry was saved by someone else during translation" in result.out
    # (interface entries are left to the toolkit's own texts: no machine drafts)
    others = [e for k, e in ar.items() if k != "hitte:title" and e.msgctxt is not None]
    assert all(state(e) in (State.MACHINE, State.NEEDS_REVIEW) for e in others)
    assert_clean_po(project / "translations/ar.po")
