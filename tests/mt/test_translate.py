"""Machine translation through the real Argos Translate path, with tiny test-built models."""

import re

import polib
import pytest

pytest.importorskip("ctranslate2", reason="machine translation extra [mt] not installed")
pytest.importorskip("minisbd", reason="machine translation extra [mt] not installed")
pytest.importorskip("onnx", reason="onnx is needed to build the test models")

from conftest import MESSAGE, assert_clean_po, write  # noqa: E402
from toolkit.catalog import State, back_translation, machine_info, review_reasons, state  # noqa: E402
from toolkit.translate.protect import pieces, protect  # noqa: E402

from .tinymodel import build_package  # noqa: E402

PAIRS = [("nl", "en"), ("en", "ar"), ("ar", "en"), ("en", "nl"), ("nl", "uk")]


@pytest.fixture(scope="session")
def models(tmp_path_factory):
    """Install the tiny models once: nl→en→ar (pivot), ar→en→nl (back), nl→uk (direct)."""
    from toolkit.translate import argos_package

    folder = tmp_path_factory.mktemp("argosmodels")
    for a, b in PAIRS:
        if (a, b) not in {(p.from_code, p.to_code) for p in argos_package.installed()}:
            argos_package.install(build_package(folder, a, b))
    return folder


def entries(project, lang):
    return {e.msgctxt or e.msgid: e for e in polib.pofile(str(project / f"translations/{lang}.po"))
            if not e.obsolete}


def clear_translations(project, lang):
    """Make every entry of a language untranslated, as a new language would be."""
    path = project / f"translations/{lang}.po"
    po = polib.pofile(str(path))
    for e in po:
        e.msgstr = ""
        e.flags = [f for f in e.flags if f != "fuzzy"]
        e.tcomment = None
    po.save(str(path))


def test_translate_fills_untranslated_entries_with_machine_drafts(project, run, models):
    clear_translations(project, "ar")
    result = run(project, "translate", "--lang", "ar", "--lang", "uk", "--lang", "ti")
    assert result.code == 0, result.err
    ar = entries(project, "ar")
    content = [e for e in ar.values() if e.msgctxt is not None]
    assert all(state(e) in (State.MACHINE, State.NEEDS_REVIEW) for e in content)
    assert sum(state(e) is State.MACHINE for e in content) > 0
    # the interface texts the toolkit translates itself get no machine draft: its own
    # reviewed text is shown (toolkit/interface.py)
    interface = [e for e in ar.values() if e.msgctxt is None]
    assert interface and all(state(e) is State.UNTRANSLATED for e in interface)
    draft = ar["hitte:title"]
    assert draft.fuzzy and draft.msgstr
    # engine, pivot route, model versions and date are named on every draft
    assert re.fullmatch(r"argos nl→en→ar \(nl_en-0\.1-test, en_ar-0\.1-test\) 2026-01-01",
                        machine_info(draft))
    assert ("translations/ti.po: no machine-translation model installed for nl→ti (direct, "
            "or through English: en→ti missing); install with `python build.py models "
            "install --from-index ti`") in result.out
    assert "No machine translation for: ti" in result.out
    # uk was fully reviewed: nothing to draft, nothing changed
    assert all(state(e) is State.REVIEWED for e in entries(project, "uk").values())


def test_back_translation_is_stored_for_reviewers(project, run, models):
    clear_translations(project, "ar")
    assert run(project, "translate", "--lang", "ar").code == 0
    ar = entries(project, "ar")
    backs = [back_translation(e) for e in ar.values() if e.msgstr]
    assert sum(b is not None for b in backs) > len(backs) // 2
    assert "back-translated" in run(project, "translate", "--lang", "ar").out


def test_second_run_sends_nothing_to_the_engine(project, run, models):
    clear_translations(project, "ar")
    first = run(project, "translate", "--lang", "ar")
    sent = int(re.search(r"(\d+) sent to the engine", first.out).group(1))
    assert sent > 0
    clear_translations(project, "ar")  # the same Dutch again: all from memory
    second = run(project, "translate", "--lang", "ar")
    assert re.search(r"\b0 sent to the engine, (\d+) from memory", second.out)
    assert entries(project, "ar")["hitte:title"].msgstr == \
        entries(project, "ar")["hitte:title"].msgstr


def test_direct_model_is_used_without_pivot(project, run, models):
    clear_translations(project, "uk")
    assert run(project, "translate", "--lang", "uk").code == 0
    info = machine_info(entries(project, "uk")["hitte:title"])
    assert info.startswith("argos nl→uk (nl_uk-0.1-test)")


def test_numbers_urls_and_placeholders_survive_the_engine(project, run, models):
    text = ("Bel {naam} op 088 123 4567 of kijk op https://gezond.example.nl/a_b_c om 12.00 "
            "uur. Lees [de brief](https://x.nl/brief) en neem **1,5** liter.")
    write(project / "content/nummers.md", MESSAGE.replace("Een zin in de tekst.", text))
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "[readability]", "[readability]") + "\n[readability.A2]\nmax_sentence_words = 40\n"
        "max_content_words_per_clause = 30\nmax_uncommon_share = 1\n", encoding="utf-8")
    assert run(project, "translate", "--lang", "ar").code == 0
    draft = entries(project, "ar")["nummers:body-1"].msgstr
    for span in ("{naam}", "088 123 4567", "https://gezond.example.nl/a_b_c", "12.00",
                 "](https://x.nl/brief)", "**1,5**"):
        assert span in draft, (span, draft)


@pytest.mark.parametrize("text", [
    "Bel {naam} op 088 123 4567.",
    "Kijk op https://x.nl/a_b of mail info@ggd.nl.",
    "Neem **1,5** liter en lees [dit](https://x.nl).",
])
def test_protection_round_trip(text):
    guarded = protect(text)
    assert not re.search(r"\d|https?:|\{|\*\*", guarded.text)
    assert guarded.restore(guarded.text) == text
    assert guarded.restore(guarded.text.replace("ZQA", "")) is None  # a lost token is seen
    assert "".join(p for _, p in pieces(text)) == text


def test_changed_dutch_step_withdraws_the_advice_in_every_language(project, run, models):
    path = project / "content/hitte.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Drink elke dag 1,5 tot 2 liter water.", "Drink elke dag 2 tot 3 liter water."),
        encoding="utf-8")
    assert run(project, "translate").code == 0
    for lang in ("en", "ar", "tr", "pl", "uk"):
        entry = entries(project, lang)["hitte:step-1"]
        assert state(entry) is State.NEEDS_REVIEW, lang
        assert entry.previous_msgid == "Drink elke dag 1,5 tot 2 liter water."
        assert entry.msgstr  # the old translation is kept for the translator
        assert "the Dutch text changed" in review_reasons(entry)
    status = run(project, "status")
    assert re.search(r"^ar\s+\d+\s+0\s+1\s+0\s+3/4$", status.out, re.M)
    assert re.search(r"not published: hitte: hitte:step-1: Dutch text changed", status.out)
    build = run(project)
    assert re.search(r"ar\s+3/4 published", build.out)
    for lang in ("en", "ar", "tr", "pl", "uk"):
        html = (project / f"_site/{lang}/hitte/index.html").read_text(encoding="utf-8")
        assert "1,5" not in html and "1.5" not in html, lang


def test_drafts_build_shows_machine_drafts_under_a_banner(project, run, models):
    # The tiny model answers a paragraph of three sentences with one word: the dropped-
    # sentence check rightly refuses that draft. Make one message all one-sentence
    # segments, so that its (nonsense, but complete-looking) drafts pass the checks.
    path = project / "content/handen-wassen.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Was ook de handen van je kinderen. Doe het samen. Dan leren ze het goed.",
        "Was ook samen met je kinderen de handen."), encoding="utf-8")
    clear_translations(project, "ar")
    po = polib.pofile(str(project / "translations/ar.po"))
    for e in po:  # keep the interface reviewed; only the messages are machine drafts
        if e.msgctxt is None:
            e.msgstr = {x.msgid: x.msgstr for x in polib.pofile(
                str(project.parent / "project/translations/ar.po"))}.get(e.msgid, "")
    po.save()
    from conftest import REPO
    reviewed_ui = {e.msgid: e.msgstr for e in polib.pofile(str(REPO / "translations/ar.po"))
                   if e.msgctxt is None}
    po = polib.pofile(str(project / "translations/ar.po"))
    for e in po:
        if e.msgctxt is None or e.msgctxt.startswith("site:"):
            e.msgstr = reviewed_ui.get(e.msgid) or e.msgstr
    po.save()
    assert run(project, "translate", "--lang", "ar").code == 0
    normal = run(project)
    assert re.search(r"ar\s+0/4 published", normal.out)
    public = {p: p.read_bytes() for p in (project / "_site").rglob("*") if p.is_file()}
    drafts = run(project, "build", "--drafts")
    assert "Do not publish this build" in drafts.out
    # the public site is left exactly as the normal build made it
    assert {p: p.read_bytes() for p in (project / "_site").rglob("*") if p.is_file()} == public
    shown = [p for p in (project / ".klaar/drafts/ar").glob("*/index.html")
             if "هذه الترجمة من صنع الحاسوب" in p.read_text(encoding="utf-8")]
    machine_ok = {e.msgctxt.split(":")[0] for e in polib.pofile(
        str(project / "translations/ar.po")) if e.msgctxt and state(e) is State.MACHINE}
    assert shown  # at least one message passed the checks as a draft and shows the banner
    assert {p.parent.name for p in shown} <= machine_ok


def cli(capsys, *args):
    from toolkit.cli import main
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_models_list_and_install_from_file(models, tmp_path, capsys):
    code, out, _ = cli(capsys, "models", "list")
    assert code == 0 and "nl→en" in out and "en→ar" in out
    path = build_package(tmp_path, "nl", "tr")
    code, out, _ = cli(capsys, "models", "install", "--file", str(path))
    assert code == 0 and "installed nl→tr" in out
    bad = tmp_path / "broken.argosmodel"
    bad.write_text("not a zip")
    code, _, err = cli(capsys, "models", "install", "--file", str(bad))
    assert code == 1 and "not an .argosmodel file" in err
    assert cli(capsys, "models", "install")[0] == 2  # neither --file nor --from-index


def test_install_from_index_without_network_names_the_alternative(models, monkeypatch,
                                                                   capsys):
    from toolkit.translate import argos_package

    # Nothing listens on the discard port: a real connection failure, as offline.
    monkeypatch.setattr(argos_package, "INDEX", "http://127.0.0.1:9/index.json")
    code, out, err = cli(capsys, "models", "install", "--from-index", "ar,tr")
    assert code == 1
    assert "--file PATH.argosmodel" in err
    assert "nl→en" in err and "en→tr" in err
    assert len((out + err).strip().splitlines()) == 1  # one line, no traceback


@pytest.mark.parametrize("drop", ["model/model.bin", "sentencepiece.model", "metadata.json"])
def test_incomplete_package_is_refused_at_install(models, tmp_path, capsys, drop):
    import zipfile

    whole = build_package(tmp_path, "nl", "pl")
    broken = tmp_path / "broken.argosmodel"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            if not item.filename.endswith(drop):
                dst.writestr(item, src.read(item))
    code, _, err = cli(capsys, "models", "install", "--file", str(broken))
    assert code == 1
    assert f"incomplete Argos package, missing {drop}; download it again" in err
    code, out, _ = cli(capsys, "models", "list")
    assert "nl→pl" not in out  # nothing half-installed


def test_packages_are_shared_with_argostranslate(models):
    """The lean engine and argostranslate's package tools see the same models."""
    package = pytest.importorskip("argostranslate.package")
    pairs = {(p.from_code, p.to_code) for p in package.get_installed_packages()}
    assert set(PAIRS) <= pairs


def test_translated_catalog_passes_msgfmt_round_trips_and_runs_the_hook(project, run, models):
    clear_translations(project, "ar")
    site = project / "site.toml"
    site.write_text(site.read_text(encoding="utf-8")
                    + '\n[review]\nhook = "cp {queue} for-translators.csv"\n', encoding="utf-8")
    assert run(project, "translate", "--lang", "ar").code == 0
    assert_clean_po(project / "translations/ar.po")
    queue = (project / "for-translators.csv").read_text(encoding="utf-8")
    assert queue.startswith("language,context,source")
    assert "machine draft" in queue
