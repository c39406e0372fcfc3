"""Fill untranslated entries with machine drafts that a person still has to review.

For each language: every untranslated entry is protected, looked up in the translation
memory, sent in one batch to the engine (through English when there is no direct model),
restored, checked, and stored as a machine draft (fuzzy, with the engine and models named)
or, when a safety check fails, as needs review with the reason. When a model back to Dutch
is installed, each draft also gets a back-translation for reviewers who cannot read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..catalog import Catalog, State, set_back_translation, set_machine_draft, state
from ..interface import left_to_toolkit
from ..safety import Context, critical, run_checks
from .memory import Key, Memory
from .protect import Protected, pieces, protect, worth_translating


@dataclass
class LanguageReport:
    lang: str
    route: list[tuple[str, str]] | None = None
    drafted: int = 0
    needs_review: int = 0
    back_translated: int = 0
    sent: int = 0  # texts sent to the engine (after the memory)
    from_memory: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def needs_human(self) -> bool:
        """No machine translation possible: a human translator is needed."""
        return self.route is None


class Translator:
    """Engine + memory: translate texts along a route, sending each text once."""

    def __init__(self, engine, memory: Memory, keep: tuple[str, ...] = ()):
        self.engine = engine
        self.memory = memory
        self.keep = keep  # do-not-translate terms, protected like numbers
        self.sent = 0

    def _hop(self, texts: list[str], source: str, target: str) -> list[str]:
        key = Key(self.engine.name, self.engine.model_version(source, target), source, target)
        known = self.memory.get(key, texts)
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            fresh = dict(zip(todo, self.engine.translate(todo, source, target)))
            self.sent += len(todo)
            self.memory.put(key, fresh)
            known.update(fresh)
        return [known[t] for t in texts]

    def along(self, texts: list[str], route: list[tuple[str, str]]) -> list[str]:
        for source, target in route:
            texts = self._hop(texts, source, target)
        return texts

    def translate(self, texts: list[str], route: list[tuple[str, str]]) -> list[str]:
        """Protected translation: tokens first; texts whose tokens got lost are translated
        again piece by piece around the protected spans."""
        guarded = [protect(t, self.keep) for t in texts]
        out: list[str | None] = [g.restore(r) if g.spans else r
                                 for g, r in zip(guarded, self.along([g.text for g in guarded],
                                                                     route))]
        retry = [i for i, r in enumerate(out) if r is None]
        if retry:
            parts = [pieces(texts[i], self.keep) for i in retry]
            wanted = [p for ps in parts for ok, p in ps if ok and worth_translating(p)]
            done = dict(zip(wanted, self.along(wanted, route)))
            for i, ps in zip(retry, parts):
                out[i] = "".join(_spaced(p, done.get(p, p)) if ok else p for ok, p in ps)
        return [o or "" for o in out]


def _spaced(original: str, translated: str) -> str:
    """Keep the spaces around a piece, which engines strip."""
    lead = original[: len(original) - len(original.lstrip())]
    trail = original[len(original.rstrip()):]
    return lead + translated.strip() + trail


def translate_catalog(catalog: Catalog, translator: Translator, ctx: Context, source: str,
                      when: dt.datetime) -> LanguageReport:
    """Machine drafts for every untranslated entry of one language."""
    report = LanguageReport(catalog.lang)
    engine = translator.engine
    report.route = engine.route(source, catalog.lang)
    # Not the interface texts the toolkit translates itself (toolkit/interface.py).
    todo = [e for e in catalog.po if not e.obsolete and state(e) is State.UNTRANSLATED
            and not left_to_toolkit(catalog.lang, e)]
    if report.route is None or not todo:
        return report
    sent_before, hits_before = translator.sent, translator.memory.hits
    drafts = translator.translate([e.msgid for e in todo], report.route)
    models = ", ".join(engine.model_version(a, b) for a, b in report.route)
    path = "→".join([report.route[0][0]] + [b for _, b in report.route])
    note = f"{engine.name} {path} ({models}) {when:%Y-%m-%d}"
    for entry, text in zip(todo, drafts):
        problems = [f.english for f in critical(run_checks(entry.msgid, text, ctx))]
        if set_machine_draft(entry, text, note, problems) is State.MACHINE:
            report.drafted += 1
        else:
            report.needs_review += 1
    back = engine.route(catalog.lang, source)
    if back is not None:
        drafted = [e for e in todo if e.msgstr]
        for entry, text in zip(drafted, translator.translate([e.msgstr for e in drafted],
                                                             back)):
            set_back_translation(entry, text)
            report.back_translated += 1
    report.sent = translator.sent - sent_before
    report.from_memory = translator.memory.hits - hits_before
    catalog.reindex()
    return report


__all__ = ["LanguageReport", "Protected", "Translator", "translate_catalog"]
