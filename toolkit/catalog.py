"""Translations as gettext PO files: translations/<lang>.po, read and written with polib.

Content segments are entries with msgctxt = "<slug>:<segment id>" and the Dutch text as
msgid; template strings are entries without msgctxt. The PO file is the only place a
review state lives, so Poedit, Weblate and msgfmt see the same truth as the build:

* reviewed     — msgstr filled in and the entry is not fuzzy: the only state published;
* needs review — fuzzy (the Dutch text changed, `#| msgid` keeps the old one);
* untranslated — empty msgstr.

The toolkit never deletes a translation: when a segment disappears its entry becomes
obsolete (`#~`), and when its Dutch text changes the old translation stays, marked fuzzy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import filelock
import polib

from . import __version__, poblocks
from .config import Config
from .errors import BuildErrors, Problem, relpath
from .languages import language
from .model import Message, Segment
from .poformat import render
from .staff_language import N_, _
from .textfile import read_text

WRAP = 77  # polib's width for files written with polib (queues); catalogs use poformat
GENERATOR = f"Klaar {__version__}"
TEMPLATE = "messages.pot"  # the template Weblate and msgmerge start from


class State(enum.Enum):
    REVIEWED = "reviewed"
    MACHINE = "machine draft"
    NEEDS_REVIEW = "needs review"
    UNTRANSLATED = "untranslated"


# Translator comments ("# …" lines) the toolkit writes, so that Poedit and Weblate show them.
MACHINE_NOTE = "machine translation:"  # engine, models and date of a machine draft
REVIEW_NOTE = "needs review:"  # why a fuzzy entry needs a person: source changed, check failed
BACK_NOTE = "back-translation:"  # automatic comment: the draft translated back to Dutch
# An edit of the Dutch that changed only punctuation or spacing: the review stands, and
# the note keeps the Dutch text the translator reviewed.
KEPT_NOTE = "review kept after a punctuation-only edit; reviewed for:"


_PREFIXES = (MACHINE_NOTE, REVIEW_NOTE, KEPT_NOTE)


def _note_lines(text: str | None) -> list[str]:
    """Comment lines joined back where the PO writer wrapped a long note."""
    lines: list[str] = []
    for line in (text or "").splitlines():
        if lines and not line.startswith(_PREFIXES + (BACK_NOTE,)) and \
                lines[-1].startswith(_PREFIXES + (BACK_NOTE,)):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return lines


def _notes(entry: polib.POEntry, prefix: str) -> list[str]:
    return [line[len(prefix):].strip() for line in _note_lines(entry.tcomment)
            if line.startswith(prefix)]


def review_reasons(entry: polib.POEntry) -> list[str]:
    """Why the entry needs review, as written in its translator comment."""
    reasons = _notes(entry, REVIEW_NOTE)
    if entry.previous_msgid and not any("Dutch text changed" in r for r in reasons):
        reasons.insert(0, "the Dutch text changed")
    return reasons


def machine_info(entry: polib.POEntry) -> str | None:
    found = _notes(entry, MACHINE_NOTE)
    return found[-1] if found else None


def state(entry: polib.POEntry) -> State:
    """The review state of one entry, as stored in the PO file.

    Only a filled-in entry without the fuzzy flag is reviewed. A fuzzy entry with a
    machine-translation note and no reason for review is a machine draft; any other fuzzy
    entry (the Dutch changed, a check failed, or a translator marked it) needs review.
    """
    if entry.msgid_plural:
        forms = entry.msgstr_plural.values()
        if not forms or not all(f.strip() for f in forms):
            return State.UNTRANSLATED
    elif not entry.msgstr.strip():
        return State.UNTRANSLATED
    if "fuzzy" not in entry.flags:
        return State.REVIEWED
    if machine_info(entry) and not review_reasons(entry):
        return State.MACHINE
    return State.NEEDS_REVIEW


def _set_notes(entry: polib.POEntry, prefix: str, values: list[str]) -> None:
    kept = [line for line in _note_lines(entry.tcomment) if not line.startswith(prefix)]
    # No trailing spaces: PO readers (polib among them) strip them, which would change
    # the file on the next write.
    entry.tcomment = "\n".join(kept + [f"{prefix} {v}".rstrip() for v in values]) or None


def _fuzzy(entry: polib.POEntry, on: bool) -> None:
    if on and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    if not on and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")


def set_machine_draft(entry: polib.POEntry, text: str, note: str,
                      problems: Sequence[str] = ()) -> State:
    """Store a machine draft: fuzzy, with the engine note; failed checks become reasons."""
    entry.msgstr = text
    _fuzzy(entry, True)
    entry.previous_msgid = None
    _set_notes(entry, MACHINE_NOTE, [note])
    _set_notes(entry, REVIEW_NOTE, list(problems))
    return state(entry)


def set_needs_review(entry: polib.POEntry, reasons: list[str]) -> None:
    """Mark fuzzy with the reasons, keeping the translation (nothing reviewed is lost)."""
    _fuzzy(entry, True)
    _set_notes(entry, REVIEW_NOTE, sorted(set(review_reasons(entry)) | set(reasons)))


def set_reviewed(entry: polib.POEntry, text: str) -> None:
    """A person approved `text`: not fuzzy, no pending reasons, no previous source."""
    entry.msgstr = text
    _fuzzy(entry, False)
    entry.previous_msgid = None
    _set_notes(entry, REVIEW_NOTE, [])
    _set_notes(entry, KEPT_NOTE, [])


def set_back_translation(entry: polib.POEntry, text: str | None) -> None:
    """Keep the back-translation in the automatic comment, after the segment description."""
    lines = [line for line in _note_lines(entry.comment) if not line.startswith(BACK_NOTE)]
    if text:
        lines.append(f"{BACK_NOTE} {text}".rstrip())
    entry.comment = "\n".join(lines) or None


def back_translation(entry: polib.POEntry) -> str | None:
    found = [line[len(BACK_NOTE):].strip() for line in _note_lines(entry.comment)
             if line.startswith(BACK_NOTE)]
    return found[-1] if found else None


@dataclass(frozen=True)
class UIString:
    """A template string (`{{ _("…") }}`) and where it appears."""

    msgid: str
    occurrences: tuple[tuple[str, str], ...]
    plural: str | None = None  # msgid_plural of an `ngettext` string


_SHOWN = {False: {State.REVIEWED}, True: {State.REVIEWED, State.MACHINE}}


@dataclass
class Catalog:
    """One language's PO file, with lookups that only ever return reviewed text."""

    lang: str
    path: Path
    po: polib.POFile
    _index: dict[tuple[str | None, str], polib.POEntry] = field(default_factory=dict,
                                                                 repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self._index = {(e.msgctxt, e.msgid): e for e in self.po if not e.obsolete}

    def entry(self, context: str | None, msgid: str) -> polib.POEntry | None:
        return self._index.get((context, msgid))

    def reviewed(self, segment: Segment, drafts: bool = False) -> str | None:
        """The reviewed translation of exactly this Dutch text, or None. With `drafts`,
        a machine draft counts too (for the preview, which says so on every page)."""
        e = self.entry(segment.context, segment.text)
        return e.msgstr if e is not None and state(e) in _SHOWN[drafts] else None

    def gettext(self, msgid: str, drafts: bool = False) -> str | None:
        """Reviewed translation of a template string (or machine draft with `drafts`).
        For a plural string, its first form (all forms are reviewed together)."""
        e = self.entry(None, msgid)
        if e is None or state(e) not in _SHOWN[drafts]:
            return None
        return e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr

    def ngettext(self, singular: str, n: int, drafts: bool = False) -> str | None:
        """The reviewed plural form for `n`, chosen by the file's Plural-Forms formula."""
        e = self.entry(None, singular)
        if e is None or not e.msgid_plural or state(e) not in _SHOWN[drafts]:
            return None
        form = plural_index(self.po, n)
        return e.msgstr_plural.get(form) if form is not None else None


def reviewed_texts(message: Message, lang: str, source_lang: str,
                   catalog: Catalog | None, drafts: bool = False) -> dict[str, str] | None:
    """Segment id → text in `lang`, or None unless every segment has a reviewed translation
    of its current source text. All or nothing: a message is never half translated.
    With `drafts`, machine drafts count as well (preview only)."""
    if lang == source_lang:
        return {s.id: s.text for s in message.segments}
    if catalog is None:
        return None
    texts = {}
    for seg in message.segments:
        found = catalog.reviewed(seg, drafts)
        if found is None:
            return None
        texts[seg.id] = found
    return texts


def catalog_path(config: Config, lang: str) -> Path:
    return config.translations_dir / f"{lang}.po"


def lock_path(config: Config, lang: str) -> Path:
    """translations/.<lang>.po.lock: hidden, and not ending in .po, so never a catalog."""
    return config.translations_dir / f".{lang}.po.lock"


class CatalogBusy(Exception):
    """Someone else held the catalog's lock for longer than we were willing to wait."""


@contextlib.contextmanager
def locked_catalog(config: Config, lang: str, timeout: float = -1) -> Iterator[Catalog]:
    """Hold translations/<lang>.po for a read-check-write, and yield it freshly read.

    Every writer (the review screen, review-import, update-catalogs, translate) changes a
    catalog only inside this block and saves before leaving it, so two writers never
    both read the same old file and the later save silently drops the earlier one. The
    lock is an OS lock (flock) on a sibling file: it is released when the process dies,
    even by SIGKILL, so a crash never leaves a catalog locked. `timeout` in seconds (a
    negative number waits as long as it takes); raises CatalogBusy when it runs out.
    """
    path = lock_path(config, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise CatalogBusy(f"{relpath(catalog_path(config, lang), config.root)} is being "
                          "saved by someone else; try again in a moment") from None
    try:
        _remove_leftovers(config, lang)
        yield load_catalog(config, lang)
    finally:
        lock.release()


def _remove_leftovers(config: Config, lang: str) -> None:
    """Temporary files of saves that were killed half-way (see `save`). Only a writer
    holding the lock saves, so with the lock held no other save can be in progress."""
    path = catalog_path(config, lang)
    for leftover in path.parent.glob(f".{path.name}.*"):
        if leftover.name != lock_path(config, lang).name:
            leftover.unlink(missing_ok=True)


def entry_version(entry: polib.POEntry) -> str:
    """A short fingerprint of everything a translator or the toolkit could have changed;
    a save that started from another version of the entry must not overwrite it."""
    data = repr((entry.msgctxt, entry.msgid, entry.msgstr, sorted(entry.flags),
                 entry.tcomment, entry.previous_msgid, entry.obsolete))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def entry_versions(catalog: Catalog) -> dict[tuple[str | None, str], str]:
    """(msgctxt, msgid) → version of every live entry, to compare with after slow work."""
    return {(e.msgctxt, e.msgid): entry_version(e) for e in catalog.po if not e.obsolete}


def merge_changes(fresh: Catalog, worked: Catalog,
                  before: dict[tuple[str | None, str], str]) -> list[str]:
    """Copy into `fresh` (just re-read under the lock) the entries that `worked` changed
    since `before`, but only those that nobody changed in the file meanwhile.

    Returns the keys (msgctxt, or the msgid of an interface text) left alone because the
    file's entry changed while we worked: someone's review wins over a machine draft.
    """
    skipped = []
    for e in worked.po:
        key = (e.msgctxt, e.msgid)
        if e.obsolete or key not in before or entry_version(e) == before[key]:
            continue
        target = fresh.entry(*key)
        if target is None or entry_version(target) != before[key]:
            skipped.append(e.msgctxt or e.msgid)
            continue
        target.msgstr = e.msgstr
        target.flags = list(e.flags)
        target.tcomment = e.tcomment
        target.comment = e.comment
        target.previous_msgid = e.previous_msgid
    fresh.reindex()
    return skipped


# Header fields in the order gettext's msginit and Weblate write them.
HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms",
                "X-Generator")


def _header_defaults(config: Config, lang: str) -> dict[str, str]:
    return {
        "Project-Id-Version": config.title,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "",
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": language(lang).native_name,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": language(lang).plural_forms,
        "X-Generator": GENERATOR,
    }


def _new_po(config: Config, lang: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP)
    po.header = (f"Translations of {config.title} into {lang}.\n"
                 "Written by Klaar (python build.py update-catalogs); translate with Poedit, "
                 "Weblate or Klaar's review screen.")
    po.metadata = _header_defaults(config, lang)
    return po


def _babel_plural_forms(lang: str) -> str | None:
    """The Plural-Forms older Klaar versions wrote (Babel's), to be replaced."""
    from babel import Locale
    from babel.messages.plurals import get_plural
    try:
        return get_plural(Locale.parse(lang.replace("-", "_"))).plural_forms
    except (ValueError, TypeError, LookupError):
        return None


def complete_header(config: Config, catalog: Catalog) -> None:
    """Add the header fields gettext and Weblate expect, in their order, and replace a
    Plural-Forms written from Babel's table by the one gettext and Weblate use. A header
    that already has every field keeps its order (Poedit's and Weblate's extra fields
    included), so a file from those tools is left as it is."""
    meta = catalog.po.metadata
    wanted = _header_defaults(config, catalog.lang)
    if meta.get("Plural-Forms") in (None, "", _babel_plural_forms(catalog.lang)):
        meta["Plural-Forms"] = wanted["Plural-Forms"]
    missing = [k for k in HEADER_ORDER if k not in meta]
    if not missing:
        return
    ordered = {k: meta.get(k, wanted[k]) for k in HEADER_ORDER}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    catalog.po.metadata = ordered


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+(.*))?$')
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"$')
# The escapes gettext's PO reader knows; msgfmt refuses any other ('invalid control
# sequence'), and polib would keep the backslash and write it back doubled.
_BAD_ESCAPE = re.compile(r'\\(?![ntbrfva\\"0-7]|x[0-9A-Fa-f])(.?)')


def syntax_problems(text: str) -> list[tuple[int, str]]:
    """Line-level PO syntax check. polib skips a broken string without a word, which
    would silently drop a translator's work; this names the line instead."""
    problems = []
    expect_msgstr = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        previous = line.startswith("#|")  # `#| msgid` (old source text) has no msgstr
        for prefix in ("#~", "#|"):  # obsolete and previous entries have the same syntax
            if line.startswith(prefix):
                line = line[2:].strip()
        if not line or line.startswith("#"):
            continue
        m = _KEYWORD.match(line)
        if m is None and not line.startswith('"'):
            problems.append((n, _("unknown keyword in {line}").format(line=repr(line[:30]))))
            expect_msgstr = False  # one mistake, one message
            continue
        if m and not previous:
            keyword = m.group(1)
            if keyword in ("msgctxt", "msgid") and expect_msgstr:
                problems.append((n, _("the msgid before this line has no msgstr")))
                expect_msgstr = False
            if keyword == "msgid":
                expect_msgstr = True
            elif keyword.startswith("msgstr"):
                expect_msgstr = False
        string = (m.group(2) or "").strip() if m else line
        if not _STRING.match(string):
            problems.append((n, _("text must be in double quotes, with \\\" for a quote "
                                  "inside")))
        elif bad := _BAD_ESCAPE.search(string.replace("\\\\", "  ")):
            problems.append((n, _("invalid escape '{escape}' (write \\\\ for a backslash, "
                                  "\\n for a line break)").format(escape="\\" + bad.group(1))))
    if expect_msgstr:
        problems.append((len(text.splitlines()), _("the last msgid has no msgstr")))
    return problems


def _plural_rule(po: polib.POFile) -> tuple[int | None, str | None]:
    """(nplurals, problem) from the Plural-Forms header; (None, None) without one."""
    import gettext
    value = po.metadata.get("Plural-Forms")
    if not value:
        return None, None
    m = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", value)
    if m is None:
        return None, _("Plural-Forms {value} is not 'nplurals=N; plural=EXPRESSION;'").format(
            value=repr(value))
    try:
        gettext.c2py(m.group(2))
    except (ValueError, SyntaxError, RecursionError):
        return None, _("Plural-Forms has an invalid plural expression: {expression}").format(
            expression=repr(m.group(2)))
    return int(m.group(1)), None


def plural_index(po: polib.POFile, n: int) -> int | None:
    """Which msgstr[i] the Plural-Forms header picks for `n` (None when it has none)."""
    import gettext
    value = po.metadata.get("Plural-Forms", "")
    m = re.search(r"plural\s*=\s*(.+?);?\s*$", value)
    if m is None:
        return None
    try:
        return int(gettext.c2py(m.group(1))(n))
    except (ValueError, SyntaxError, RecursionError):
        return None


def consistency_problems(po: polib.POFile) -> list[tuple[int, str]]:
    """What `msgfmt --check` refuses beyond syntax: a second entry with the same context
    and Dutch text (msgfmt: duplicate message definition), a translation that does not
    begin or end with a newline where the Dutch does, and plural forms that do not match
    the Plural-Forms header. polib would silently keep the last duplicate."""
    problems: list[tuple[int, str]] = []
    first: dict[tuple[str | None, str], int] = {}
    for e in po:
        if e.obsolete:
            continue
        key = (e.msgctxt, e.msgid)
        if key in first:
            where = f"msgctxt {e.msgctxt!r}" if e.msgctxt is not None else f"msgid {e.msgid!r}"
            problems.append((e.linenum, _("duplicate entry for {what} (first at line {line}); "
                                          "keep one of them").format(what=where,
                                                                     line=first[key])))
        else:
            first[key] = e.linenum
    nplurals, header_problem = _plural_rule(po)
    if header_problem:
        problems.append((1, header_problem))
    for e in po:
        if e.obsolete or "fuzzy" in e.flags:
            continue
        forms = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)] if e.msgid_plural \
            else [e.msgstr]
        if e.msgid_plural:
            if nplurals is None and not header_problem:
                problems.append((e.linenum, _("a plural entry needs a Plural-Forms header")))
            elif nplurals is not None and any(forms) and len(forms) != nplurals:
                problems.append((e.linenum, _("{n} plural forms, but the Plural-Forms header "
                                              "says {header}").format(n=len(forms),
                                                                      header=nplurals)))
        for text in forms:
            if not text:
                continue
            for end, said in ((0, N_("the Dutch and the translation do not both begin with a "
                                     "line break (\\n)")),
                              (-1, N_("the Dutch and the translation do not both end with a "
                                      "line break (\\n)"))):
                if (e.msgid[end:][:1] == "\n") != (text[end:][:1] == "\n"):
                    problems.append((e.linenum, _(said)))
    return problems


def load_catalog(config: Config, lang: str) -> Catalog:
    """Read translations/<lang>.po; a missing file is an empty catalog, not an error."""
    path = catalog_path(config, lang)
    shown = relpath(path, config.root)
    if not path.exists():
        return Catalog(lang, path, _new_po(config, lang))
    hint = _("fix it in a text editor or Poedit; `msgfmt --check` shows the same")
    text = read_text(path, shown, N_("PO file"), limit=64 * 1024 * 1024,
                     reordering=True)
    from .memo import Store, key

    store, k = Store(config.root, "catalogs"), key("catalog", lang, text)
    cached = store.get(k)
    if isinstance(cached, polib.POFile):  # parsed before from exactly these bytes
        cached.fpath = str(path)
        return Catalog(lang, path, cached)
    # After a small edit only the changed entries are parsed (toolkit/poblocks.py).
    # The blocks of the last whole reading, and those parsed since (a small file, so an
    # edit does not rewrite them all).
    blocks_key, new_key = key("catalog-blocks", lang), key("catalog-blocks-new", lang)
    known = store.get(blocks_key)
    read, since = None, None
    if isinstance(known, dict):
        since = store.get(new_key)
        if not isinstance(since, dict):
            since = None
        known.update(since or {})
        try:
            read = poblocks.parse(text, WRAP, known, syntax_problems)
        except (OSError, ValueError):
            read = None  # read whole below, which names the problem
    blocks: poblocks.Blocks | None
    if read is not None:
        po, blocks = read
    else:
        problems = syntax_problems(text)
        if problems:
            raise BuildErrors([Problem(shown, msg, line=n, hint=hint) for n, msg in problems])
        try:
            po = polib.pofile(text, wrapwidth=WRAP)
        except (OSError, ValueError) as exc:
            raise BuildErrors([Problem(shown, _("cannot read PO file: {error}").format(
                error=exc), lang=lang, hint=hint)]) from None
        blocks = poblocks.blocks_of(text, po, syntax_problems)
    problems = consistency_problems(po)
    if problems:
        raise BuildErrors([Problem(shown, msg, line=n, hint=hint) for n, msg in problems])
    po.fpath = str(path)
    if blocks is not None:  # this catalog's blocks, for its next reading
        added = {h: v for h, v in blocks.items() if h not in (known or {})} if read \
            else blocks
        if read is None or len(added) + len(since or {}) > max(64, len(blocks) // 8):
            store.put(blocks_key, blocks)
            store.put(new_key, {})
        elif added:
            store.put(new_key, {**(since or {}), **added})
    else:
        store.put(k, po)
    return Catalog(lang, path, po)


def load_catalogs(config: Config, tick: Callable[[], None] | None = None
                  ) -> dict[str, Catalog]:
    """Every target language's catalog; reports all unreadable files together.
    `tick` is called after each language (progress)."""
    problems: list[Problem] = []
    catalogs = {}
    for lang in config.languages:
        try:
            catalogs[lang] = load_catalog(config, lang)
        except BuildErrors as exc:
            problems += exc.problems
        if tick:
            tick()
    if problems:
        raise BuildErrors(problems)
    return catalogs


@dataclass
class SyncReport:
    added: int = 0
    changed: int = 0  # Dutch text changed: translation kept, marked fuzzy
    obsoleted: int = 0
    revived: int = 0
    # (context, previous Dutch): a punctuation/spacing-only edit, the review kept
    kept: list[tuple[str, str]] = field(default_factory=list)
    # (old context, new context): a renamed message file, translation carried over
    moved: list[tuple[str, str]] = field(default_factory=list)
    # contexts whose reviewed translation was withdrawn because the Dutch words changed
    withdrawn: list[str] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.obsoleted or self.revived
                    or self.kept or self.moved)

    def __str__(self) -> str:
        from .staff_language import _

        text = _("{added} new, {changed} changed (now needs review), {obsoleted} no longer "
                 "used (kept as obsolete), {revived} back in use").format(
                     added=self.added, changed=self.changed, obsoleted=self.obsoleted,
                     revived=self.revived)
        if self.kept:
            text += _(", {n} punctuation-only edits (review kept)").format(n=len(self.kept))
        if self.moved:
            renames = sorted({(a.partition(":")[0], b.partition(":")[0]) for a, b in self.moved})
            text += _(", {n} carried to a renamed message ({renames})").format(
                n=len(self.moved), renames=", ".join(f"{a} → {b}" for a, b in renames))
        return text


def _describe(segment: Segment) -> str:
    kind, _sep, n = segment.id.partition("-")
    return {"title": "title", "summary": "summary", "step": f"step {n}",
            "body": f"text block {n}", "contact": "contact line"}.get(kind, segment.id)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"',
                         "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
                         "‹": "'", "›": "'", "\u00a0": " ", "\u202f": " "})
# Punctuation that may change without changing what a sentence says: sentence marks,
# quotes, brackets, emphasis and dashes between words. Kept when it sits inside a word
# or number (`1,5`, `12.00`, `e-mail`) or before a digit (`-5`, `.5`), where it is meaning.
_SOFT = set(".,;:!?…'\"()[]*_¡¿—–-")
_LINK = re.compile(r"(?:https?://|www\.|mailto:)\S+?(?=[.,;:!?)\]]*(?:\s|$))"
                   r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def minor_edit_key(text: str) -> str:
    """The text without what a punctuation-only edit may change: spacing, typographic
    quotes, sentence punctuation. Two texts with the same key say the same words, numbers
    and links; `1,5` and `15`, `-5` and `5`, or two different URLs never share a key."""
    text = text.translate(_QUOTES)
    out: list[str] = []
    pos = 0
    for m in list(_LINK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        for i, c in enumerate(chunk):
            before = chunk[i - 1] if i else (out[-1][-1:] if out else "")
            after = chunk[i + 1] if i + 1 < len(chunk) else (text[end:end + 1] if m else "")
            if c.isspace():
                out.append(" ")
            elif c in _SOFT and not ((before.isalnum() and after.isalnum())
                                     or (after.isdigit() and c in "-.,")):
                out.append(" ")
            else:
                out.append(c)
        if m:
            out.append(f" {m.group(0)} ")
            pos = m.end()
    return " ".join("".join(out).split())


def sync(catalog: Catalog, segments: list[tuple[Segment, str]],
         ui: list[UIString]) -> SyncReport:
    """Bring the catalog in line with the current Dutch sources, losing no translation.

    `segments` pairs each segment with the file it comes from (for the `#:` reference).
    An edit that changes only spacing, punctuation or quotes keeps the review (noted in
    the entry's comment); any other change keeps the translation as fuzzy (needs review),
    with the old Dutch as `#| msgid`. A renamed message file (the same Dutch under a new
    name) carries its translations along.
    """
    report = SyncReport()
    po = catalog.po
    by_context = {e.msgctxt: e for e in po if e.msgctxt is not None and not e.obsolete}
    obsolete = {(e.msgctxt, e.msgid): e for e in po if e.obsolete}
    wanted: set[tuple[str | None, str]] = set()
    live_slugs = {seg.slug for seg, _entry in segments}
    # Entries of message files that no longer exist: a renamed file's translations.
    orphans: dict[str, list[polib.POEntry]] = {}
    for e in po:
        if not e.obsolete and e.msgctxt and e.msgctxt.partition(":")[0] not in live_slugs \
                and e.msgstr.strip():
            orphans.setdefault(minor_edit_key(e.msgid), []).append(e)
    current_contexts = {seg.context for seg, _entry in segments}

    def revive_or_add(ctxt: str | None, msgid: str) -> polib.POEntry:
        old = obsolete.pop((ctxt, msgid), None)
        if old is not None:
            old.obsolete = False
            report.revived += 1
            return old
        e = polib.POEntry(msgctxt=ctxt, msgid=msgid, msgstr="")
        po.append(e)
        report.added += 1
        return e

    def take(e: polib.POEntry, seg: Segment) -> polib.POEntry:
        report.moved.append((e.msgctxt, seg.context))
        by_context.pop(e.msgctxt, None)
        e.msgctxt = seg.context
        return e

    # A renamed file: its segments find the old file's entries by their Dutch text.
    adopted: dict[str, polib.POEntry] = {}
    renamed: dict[str, str] = {}  # new slug → old slug
    for seg, _entry in segments:
        if seg.context in by_context or (seg.context, seg.text) in obsolete:
            continue
        found = [e for e in orphans.get(minor_edit_key(seg.text), [])
                 if e.msgctxt not in current_contexts]
        if found:
            e = next((e for e in found if e.msgctxt.partition(":")[2] == seg.id), found[0])
            orphans[minor_edit_key(seg.text)].remove(e)
            renamed.setdefault(seg.slug, e.msgctxt.partition(":")[0])
            adopted[seg.context] = take(e, seg)

    for seg, path in segments:
        wanted.add((seg.context, seg.text))
        e = by_context.get(seg.context)
        if e is None:
            e = adopted.get(seg.context)
        old_context = f"{renamed.get(seg.slug)}:{seg.id}"
        if e is None and seg.slug in renamed and old_context in by_context \
                and old_context not in current_contexts:
            e = take(by_context[old_context], seg)  # renamed and edited: needs review
        if e is None:
            e = revive_or_add(seg.context, seg.text)
        if e.msgid != seg.text:
            if e.msgstr.strip() and minor_edit_key(e.msgid) == minor_edit_key(seg.text):
                if not _notes(e, KEPT_NOTE) and state(e) is State.REVIEWED:
                    _set_notes(e, KEPT_NOTE, [e.msgid])
                report.kept.append((seg.context, e.msgid))
            elif e.msgstr.strip():
                if state(e) is State.REVIEWED:
                    report.withdrawn.append(seg.context)
                e.previous_msgid = e.previous_msgid or e.msgid
                set_needs_review(e, ["the Dutch text changed"])
                set_back_translation(e, None)  # it belonged to the old text
                _set_notes(e, KEPT_NOTE, [])
                report.changed += 1
            e.msgid = seg.text
        e.occurrences = [(path, str(seg.line))]
        back = back_translation(e)
        e.comment = _describe(seg)
        set_back_translation(e, back)
    nplurals = _plural_rule(po)[0] or 2
    for ui_string in ui:
        wanted.add((None, ui_string.msgid))
        e = catalog.entry(None, ui_string.msgid) or revive_or_add(None, ui_string.msgid)
        if ui_string.plural and e.msgid_plural != ui_string.plural:
            e.msgid_plural = ui_string.plural
            e.msgstr_plural = {i: e.msgstr_plural.get(i, e.msgstr if i == 0 else "")
                               for i in range(nplurals)}
            e.msgstr = ""
        e.occurrences = list(ui_string.occurrences)
        e.comment = "interface text"
    for e in list(po):
        if not e.obsolete and (e.msgctxt, e.msgid) not in wanted:
            if not e.msgstr.strip() and not any(v.strip() for v in e.msgstr_plural.values()):
                po.remove(e)  # nothing translated to keep (gettext drops it too)
                continue
            e.obsolete = True
            e.occurrences = []
            e.previous_msgid = None  # polib cannot read `#~|` back: keep files stable
            report.obsoleted += 1
    # Stable order: live entries by reference, obsolete ones last (as msgmerge does).
    po.sort(key=lambda e: (e.obsolete, e.msgctxt is None,
                           [(p, int(n) if n.isdigit() else 0) for p, n in e.occurrences],
                           e.msgctxt or "", e.msgid))
    catalog.reindex()
    return report


def po_date(when: dt.datetime) -> str:
    """A date as gettext writes it in PO headers."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")


_REVISION = re.compile(r'^"PO-Revision-Date: [^"\n]*\\n"$', re.MULTILINE)


def changed_text(catalog: Catalog, when: dt.datetime) -> str | None:
    """The file's new text, or None when nothing but the revision date would change.
    The revision date moves only when the content does, so running update-catalogs
    again changes no byte."""
    old = catalog.path.read_text(encoding="utf-8") if catalog.path.exists() else None
    text = render(catalog.po)
    if old is not None and _REVISION.sub("", old) == _REVISION.sub("", text):
        return None
    catalog.po.metadata["PO-Revision-Date"] = po_date(when)
    return render(catalog.po)


def save(catalog: Catalog, when: dt.datetime) -> bool:
    """Write the PO file atomically (temp file + rename): a crash never leaves half a file.
    Written exactly as gettext's msgcat would write it; returns False (and writes
    nothing) when the content is unchanged."""
    catalog.path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary file exists from before the text is made until the rename: a save
    # killed at any point leaves either the old file or the new one, plus at most this
    # temporary file, which the next writer under the lock removes.
    fd, tmp = tempfile.mkstemp(prefix=f".{catalog.path.name}.", dir=catalog.path.parent)
    os.close(fd)
    try:
        text = changed_text(catalog, when)
        if text is None:
            Path(tmp).unlink(missing_ok=True)
            return False
        Path(tmp).write_text(text, encoding="utf-8")
        os.replace(tmp, catalog.path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


_POT_DATE = re.compile(r'^"POT-Creation-Date: ([^"\n]*)\\n"$', re.MULTILINE)


@dataclass
class Template:
    """translations/messages.pot: every text to translate, with no translation, as
    xgettext writes a template. Weblate adds a language from it and its msgmerge add-on
    merges it into the PO files; Klaar keeps it in sync with content/ and templates/."""

    path: Path
    po: polib.POFile
    date: str  # POT-Creation-Date: moves only when the template's content changes

    def text(self) -> str:
        return render(self.po)


def build_template(config: Config, segments: list[tuple[Segment, str]], ui: list[UIString],
                   when: dt.datetime) -> Template:
    """The template for the current sources; its date is kept when nothing changed."""
    path = config.translations_dir / TEMPLATE
    po = polib.POFile(wrapwidth=WRAP)
    po.header = (f"Dutch texts of {config.title}, to translate.\n"
                 "Written by Klaar (python build.py update-catalogs) from content/, "
                 "templates/ and site.toml; do not edit.")
    po.metadata_is_fuzzy = ["fuzzy"]
    po.metadata = {
        "Project-Id-Version": config.title,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": GENERATOR,
    }
    sync(Catalog("", path, po), segments, ui)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    previous = _POT_DATE.search(old) if old else None
    date = po_date(when)
    if previous:
        po.metadata["POT-Creation-Date"] = previous.group(1)
        if render(po) == old:
            date = previous.group(1)
    po.metadata["POT-Creation-Date"] = date
    return Template(path, po, date)


def save_template(template: Template) -> bool:
    """Write messages.pot when it changed (atomically); True when written."""
    text = template.text()
    if template.path.exists() and template.path.read_text(encoding="utf-8") == text:
        return False
    template.path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{template.path.name}.", dir=template.path.parent)
    os.close(fd)
    try:
        Path(tmp).write_text(text, encoding="utf-8")
        os.replace(tmp, template.path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def sync_catalogs(config: Config, langs: list[str], segments: list[tuple[Segment, str]],
                  ui: list[UIString], when: dt.datetime
                  ) -> tuple[Template, list[tuple[Catalog, SyncReport]]]:
    """The template and each language's catalog brought in line with the sources (in
    memory): headers completed as gettext writes them, POT-Creation-Date copied from the
    template as msgmerge does."""
    template = build_template(config, segments, ui, when)
    out = []
    for lang in langs:
        catalog = load_catalog(config, lang)
        out.append((catalog, update_catalog(config, catalog, segments, ui, template)))
    return template, out


def update_catalog(config: Config, catalog: Catalog, segments: list[tuple[Segment, str]],
                   ui: list[UIString], template: Template) -> SyncReport:
    """What update-catalogs does to one catalog (in memory; the caller saves, under the
    catalog's lock): complete the header, sync, copy the template's POT-Creation-Date."""
    complete_header(config, catalog)
    report = sync(catalog, segments, ui)
    catalog.po.metadata["POT-Creation-Date"] = template.date
    return report
