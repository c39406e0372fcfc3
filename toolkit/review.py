"""Review hooks: export what needs a person, import what a person reviewed, report status.

The queue holds exactly the entries that need a human: untranslated, machine drafts and
needs review (check failures, changed Dutch). Every exported entry carries the Dutch
source it was made for; an import refuses an entry whose Dutch has changed since (it is
reported and written to a side file, so nothing a translator did is lost).
"""

from __future__ import annotations

import csv
import io
import shlex
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .catalog import (
    WRAP,
    Catalog,
    State,
    back_translation,
    load_catalog,
    machine_info,
    review_reasons,
    set_needs_review,
    set_reviewed,
    state,
)
from .config import Config
from .errors import BuildErrors, KlaarError, Problem
from .poformat import render
from .staff_language import _
from .xliff import NS20, InlineError, _local, _native_codes_12, fill_12, fill_20, text_12, text_20

FORMATS = ("po", "csv", "xliff", "xliff2")
QUEUED = (State.UNTRANSLATED, State.MACHINE, State.NEEDS_REVIEW)
CSV_FIELDS = ("language", "context", "source", "previous_source", "translation", "state",
              "reasons", "back_translation", "machine", "location", "approved")
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


@dataclass(frozen=True)
class Item:
    """One entry that needs a person."""

    lang: str
    context: str | None
    source: str
    previous: str | None
    translation: str
    state: State
    reasons: tuple[str, ...]
    back: str | None
    machine: str | None
    location: str


def queue_items(catalogs: list[Catalog], config: Config | None = None) -> list[Item]:
    """Every entry that needs a person: untranslated, machine drafts, needs review, and
    (given the config, for the checks' glossary) reviewed entries that fail a critical
    safety check, which the build withholds: the translator must learn what to fix."""
    from .interface import left_to_toolkit
    from .publish import entry_findings

    items = []
    for c in catalogs:
        for e in c.po:
            if e.obsolete:
                continue
            if left_to_toolkit(c.lang, e):
                continue  # the toolkit's own interface text is shown: nothing to do
            st = state(e)
            reasons = list(review_reasons(e))
            if st is State.REVIEWED:
                failed = entry_findings(config, c.lang, e) if config is not None else []
                if not failed:
                    continue
                reasons += [f"fails check {f.english}" for f in failed]
            elif st not in QUEUED:
                continue
            items.append(Item(c.lang, e.msgctxt, e.msgid, e.previous_msgid, e.msgstr, st,
                              tuple(reasons), back_translation(e), machine_info(e),
                              " ".join(f"{p}:{n}" for p, n in e.occurrences)))
    return items


def write_queue(config: Config, catalogs: list[Catalog], fmt: str, path: Path) -> Path:
    """Write the review queue in `fmt` (po, csv or xliff); returns the path."""
    if fmt not in FORMATS:
        raise KlaarError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    items = queue_items(catalogs, config)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_FIELDS)
        for it in items:
            writer.writerow([it.lang, it.context or "", it.source, it.previous or "",
                             it.translation, it.state.value, "; ".join(it.reasons),
                             it.back or "", it.machine or "", it.location, "no"])
        path.write_text(buf.getvalue(), encoding="utf-8")
    elif fmt == "po":
        if len({it.lang for it in items}) > 1:
            raise KlaarError("a PO review queue holds one language: add --lang")
        po = polib.POFile(wrapwidth=WRAP)
        po.metadata = dict(catalogs[0].po.metadata) if catalogs else {}
        by_key = {(e.msgctxt, e.msgid): e for c in catalogs for e in c.po if not e.obsolete}
        for it in items:
            po.append(by_key[(it.context, it.source)])
        path.write_text(render(po), encoding="utf-8")  # the layout Poedit writes back
    elif fmt == "xliff2":
        path.write_bytes(_xliff20(config, items))
    else:
        path.write_bytes(_xliff(config, items))
    return path


_XSTATE = {State.UNTRANSLATED: "new", State.MACHINE: "needs-review-translation",
           State.NEEDS_REVIEW: "needs-review-translation"}
_XSTATE20 = {State.UNTRANSLATED: "initial", State.MACHINE: "translated",
             State.NEEDS_REVIEW: "translated"}


def _notes(it: Item) -> list[tuple[str, str]]:
    return [(label, text) for label, text in (
        ("previous source", it.previous), ("reasons", "; ".join(it.reasons)),
        ("back-translation", it.back), ("machine", it.machine), ("location", it.location))
        if text]


def _xliff(config: Config, items: list[Item]) -> bytes:
    """XLIFF 1.2; Markdown codes as <bpt>/<ept>/<ph> (see toolkit/xliff.py)."""
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(f"{{{XLIFF_NS}}}xliff", version="1.2")
    files: dict[str, ET.Element] = {}
    for it in items:
        if it.lang not in files:
            f = ET.SubElement(root, f"{{{XLIFF_NS}}}file", {
                "original": f"translations/{it.lang}.po", "datatype": "plaintext",
                "source-language": config.source_language, "target-language": it.lang})
            files[it.lang] = ET.SubElement(f, f"{{{XLIFF_NS}}}body")
        unit = ET.SubElement(files[it.lang], f"{{{XLIFF_NS}}}trans-unit",
                             id=it.context or it.source, resname=it.context or "")
        fill_12(ET.SubElement(unit, f"{{{XLIFF_NS}}}source"), it.source)
        target = ET.SubElement(unit, f"{{{XLIFF_NS}}}target",
                               state=_XSTATE.get(it.state, "needs-review-translation"))
        fill_12(target, it.translation)
        for label, text in _notes(it):
            ET.SubElement(unit, f"{{{XLIFF_NS}}}note", {"from": label}).text = text
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _xliff20(config: Config, items: list[Item]) -> bytes:
    """XLIFF 2.0, one file per language; Markdown codes as <pc>/<ph/> with originalData."""
    ET.register_namespace("", NS20)
    langs = sorted({it.lang for it in items})
    if len(langs) > 1:
        raise KlaarError("an XLIFF 2.0 review queue holds one language: add --lang")
    root = ET.Element(f"{{{NS20}}}xliff", version="2.0", srcLang=config.source_language,
                      trgLang=langs[0] if langs else config.source_language)
    f = ET.SubElement(root, f"{{{NS20}}}file", id="f1",
                      original=f"translations/{langs[0] if langs else ''}.po")
    for n, it in enumerate(items, 1):
        unit = ET.SubElement(f, f"{{{NS20}}}unit", id=f"u{n}", name=it.context or it.source)
        notes = _notes(it)
        if notes:
            box = ET.SubElement(unit, f"{{{NS20}}}notes")
            for label, text in notes:
                ET.SubElement(box, f"{{{NS20}}}note", category=label).text = text
        data: dict[str, str] = {}
        original = ET.SubElement(unit, f"{{{NS20}}}originalData")
        segment = ET.SubElement(unit, f"{{{NS20}}}segment",
                                state=_XSTATE20.get(it.state, "translated"))
        fill_20(ET.SubElement(segment, f"{{{NS20}}}source"), it.source, data, "s")
        fill_20(ET.SubElement(segment, f"{{{NS20}}}target"), it.translation, data, "t")
        for key, value in data.items():
            ET.SubElement(original, f"{{{NS20}}}data", id=key).text = value
        if not data:
            unit.remove(original)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _read_xliff(path: Path) -> list[Reviewed]:
    """Units of an XLIFF 1.2 or 2.0 file, inline markup turned back into Markdown; a unit
    whose markup cannot be is returned with the problem (and refused on import)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise BuildErrors([Problem(str(path), _("not valid XML: {error}").format(error=exc),
                                   line=exc.position[0])]) from None
    out = []
    if root.tag == f"{{{NS20}}}xliff":
        lang = root.get("trgLang") or ""
        for unit in root.iter(f"{{{NS20}}}unit"):
            data = {d.get("id", ""): "".join(d.itertext())
                    for d in unit.iter(f"{{{NS20}}}data")}
            segments = unit.findall(f"{{{NS20}}}segment")
            parts = [el for el in unit if _local(el.tag) in ("segment", "ignorable")]
            source = translation = ""
            problem = None
            try:
                for part in parts:
                    source += text_20(part.find(f"{{{NS20}}}source"), data)
                    t = part.find(f"{{{NS20}}}target")
                    translation += text_20(t, data) if t is not None else \
                        (text_20(part.find(f"{{{NS20}}}source"), data)
                         if _local(part.tag) == "ignorable" else "")
            except InlineError as exc:
                problem = str(exc)
            # 2.0 has no "needs review": drafts go out as "translated", so only a
            # reviewer's "reviewed" or "final" on every segment approves.
            approved = bool(segments) and all(
                seg.get("state") in ("reviewed", "final")
                and seg.find(f"{{{NS20}}}target") is not None for seg in segments)
            name = unit.get("name")
            out.append(Reviewed(lang, name if name and ":" in name else None, source,
                                translation, approved, problem))
        return out
    ns = root.tag.partition("}")[0].lstrip("{") if root.tag.startswith("{") else XLIFF_NS
    for f in root.iter(f"{{{ns}}}file"):  # 1.2, or 1.1 as translate-toolkit writes it
        lang = f.get("target-language") or ""
        for unit in f.iter(f"{{{ns}}}trans-unit"):
            source_el = unit.find(f"{{{ns}}}seg-source")
            if source_el is None:
                source_el = unit.find(f"{{{ns}}}source")
            target = unit.find(f"{{{ns}}}target")
            codes = _native_codes_12(source_el)
            problem = None
            try:
                source = text_12(source_el, codes)
                translation = text_12(target, codes)
            except InlineError as exc:
                source = "".join(source_el.itertext()) if source_el is not None else ""
                translation, problem = "", str(exc)
            approved = unit.get("approved") == "yes" or (
                target is not None and target.get("state") in ("translated", "final",
                                                                 "signed-off"))
            out.append(Reviewed(lang, unit.get("resname") or None, source, translation,
                                approved, problem))
    return out


@dataclass(frozen=True)
class Reviewed:
    """One entry coming back from a reviewer."""

    lang: str
    context: str | None
    source: str
    translation: str
    approved: bool
    problem: str | None = None  # why this entry cannot be imported (refused, kept aside)


def read_reviewed(path: Path, default_lang: str | None = None) -> list[Reviewed]:
    """Entries from a reviewed queue file (po, csv or xliff, by its extension)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        missing = {"language", "context", "source", "translation"} - set(rows[0] if rows else {})
        if missing:
            raise BuildErrors([Problem(str(path), _("missing columns: {columns}").format(
                columns=", ".join(sorted(missing))), line=1)])
        return [Reviewed(r["language"], r["context"] or None, r["source"], r["translation"],
                         r.get("approved", "").strip().lower() in ("yes", "ja", "y", "1",
                                                                    "true"))
                for r in rows]
    if suffix == "po":
        po = polib.pofile(str(path))
        lang = po.metadata.get("Language") or default_lang
        if not lang:
            raise BuildErrors([Problem(str(path), _("no Language header; add --lang"))])
        return [Reviewed(lang, e.msgctxt, e.msgid, e.msgstr, "fuzzy" not in e.flags)
                for e in po if not e.obsolete]
    if suffix in ("xlf", "xliff"):
        return _read_xliff(path)
    raise BuildErrors([Problem(str(path), _("unknown file type: use .po, .csv or .xliff"))])


@dataclass
class ImportReport:
    reviewed: int = 0
    updated: int = 0  # new text, still to be approved
    stale: list[Reviewed] = field(default_factory=list)
    unknown: list[Reviewed] = field(default_factory=list)
    # approved, but failing a critical safety check: kept as "needs review" with the finding
    failed_checks: list[tuple[Reviewed, tuple[str, ...]]] = field(default_factory=list)
    invalid: list[Reviewed] = field(default_factory=list)  # markup that cannot come back


def import_reviewed(config: Config, items: list[Reviewed],
                    catalogs: dict[str, Catalog] | None = None) -> tuple[ImportReport,
                                                                          list[Catalog]]:
    """Merge reviewed entries into the catalogs; refuse those whose Dutch changed.

    `catalogs`: language → catalog already read (under its lock) to merge into; a
    language not in it is read here."""
    from .publish import critical_findings
    from .safety import context_for

    report = ImportReport()
    catalogs = {} if catalogs is None else catalogs
    for it in items:
        if it.problem:
            report.invalid.append(it)
            continue
        if it.lang not in config.languages:
            report.unknown.append(it)
            continue
        if it.lang not in catalogs:
            catalogs[it.lang] = load_catalog(config, it.lang)
        catalog = catalogs[it.lang]
        if it.context is not None:
            entry = next((e for e in catalog.po if e.msgctxt == it.context and not e.obsolete),
                         None)
        else:
            entry = catalog.entry(None, it.source)
        if entry is None:
            report.unknown.append(it)
        elif entry.msgid != it.source:
            report.stale.append(it)  # the Dutch changed after export
        elif not it.translation.strip():
            continue
        elif it.approved and (failed := critical_findings(
                entry.msgid, it.translation, context_for(config, it.lang))):
            # Approved, but the build would withhold it: keep the text, say why.
            entry.msgstr = it.translation
            set_needs_review(entry, [f"fails check {f.english}" for f in failed])
            report.failed_checks.append((it, tuple(str(f) for f in failed)))
        elif it.approved:
            set_reviewed(entry, it.translation)
            report.reviewed += 1
        elif it.translation != entry.msgstr:
            entry.msgstr = it.translation
            set_needs_review(entry, ["edited by a reviewer, not yet approved"])
            report.updated += 1
    for c in catalogs.values():
        c.reindex()
    return report, list(catalogs.values())


def write_rejected(path: Path, rejected: list[Reviewed]) -> Path:
    """Keep refused entries, so a translator's work is never lost."""
    out = path.with_name(path.stem + ".rejected.csv")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(("language", "context", "source", "translation", "approved", "problem"))
    for it in rejected:
        writer.writerow((it.lang, it.context or "", it.source, it.translation,
                         "yes" if it.approved else "no", it.problem or ""))
    out.write_text(buf.getvalue(), encoding="utf-8")
    return out


def run_hook(config: Config, queue: Path) -> None:
    """Run the [review] hook command with {queue} replaced by the queue file's path."""
    command = config.review.hook.replace("{queue}", shlex.quote(str(queue)))
    result = subprocess.run(command, shell=True, cwd=config.root, capture_output=True,
                            text=True, timeout=600)
    if result.returncode != 0:
        raise KlaarError(f"site.toml: review.hook failed (exit {result.returncode}): "
                         f"{(result.stderr or result.stdout).strip()[:500]}")


def status_rows(config: Config, catalogs: list[Catalog], messages) -> list[dict]:
    """Per language: entries per state, and which messages are published and why not
    (the same decision as the build's: toolkit/publish.py)."""
    from .extract import template_strings
    from .interface import (
        INSTEAD_NOTHING,
        INSTEAD_TOOLKIT,
        SITE,
        TOOLKIT,
        interface_for,
        left_to_toolkit,
    )
    from .publish import decide_all

    ui = [u.msgid for u in template_strings(config)]
    decisions = decide_all(config, messages, {c.lang: c for c in catalogs}, ui)
    rows = []
    for c in catalogs:
        counts = {s: 0 for s in State}
        for e in c.po:
            if not e.obsolete and not left_to_toolkit(c.lang, e):
                counts[state(e)] += 1
        mine = [decisions[(m.slug, c.lang)] for m in messages]
        # Where the language's interface texts come from (toolkit/interface.py).
        face = interface_for(config, c.lang, c, ui)
        interface = {"toolkit": face.count(TOOLKIT), "site": face.count(SITE),
                     "missing": len(face.missing),
                     "withheld": {msgid: why for msgid, why in face.withheld},
                     # where each withheld text is (PO line) and what is shown instead
                     "withheld_line": {m: face.withheld_at.get(m, (None, False))[0]
                                       for m, _why in face.withheld},
                     "withheld_instead": {m: INSTEAD_TOOLKIT if face.withheld_at.get(
                         m, (None, False))[1] else INSTEAD_NOTHING for m, _why in face.withheld}}
        rows.append({"lang": c.lang, **{s.value: n for s, n in counts.items()},
                     "interface": interface,
                     "publishable": [d.slug for d in mine if d.published],
                     "waiting": [d.slug for d in mine if not d.published],
                     "reasons": {d.slug: d.reason for d in mine if not d.published}})
    return rows
