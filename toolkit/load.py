"""content/*.md → Message objects, with every problem tied to its file and line.

A message file is YAML front matter between `---` lines, then a Markdown body. Raw HTML
is switched off: authors never write HTML, and `<script>` in a message stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from .config import LEVELS, Config
from .errors import BuildErrors, Problem, did_you_mean, relpath
from .memo import Store
from .memo import key as memo_key
from .model import Contact, Message, Segment, Source, Step
from .pictograms import Library
from .staff_language import N_, _, ngettext
from .textfile import read_text

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# A link on the site may open a web page, write an e-mail or call: nothing that runs
# (javascript:, vbscript:), embeds (data:) or reaches into the reader's computer (file:).
URL_SCHEMES = ("http", "https", "mailto", "tel")
URL_HINT = N_("use a full address like https://www.rivm.nl/…, or mailto:… or tel:…")
EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:/?#]+\.[^@\s<>\"'(),;:/?#]+")


def url_problem(value: str, relative_ok: bool = False) -> str | None:
    """Why `value` may not be a link on the site, or None. Browsers ignore tabs, newlines
    and leading control characters in a scheme, so this does too before judging it."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value.strip()):
        return _("{value} contains spaces or control characters").format(value=repr(value))
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    if scheme is None:
        if relative_ok and not squeezed.startswith("//"):
            return None
        return _("{value} is not a full address").format(value=repr(value))
    if scheme.group(1) not in URL_SCHEMES:
        return _("{scheme}: links are not allowed (only {schemes})").format(
            scheme=scheme.group(1), schemes=", ".join(URL_SCHEMES))
    rest = squeezed[len(scheme.group(0)):]
    if scheme.group(1) in ("http", "https") and not re.match(r"//[^/?#@]+", rest):
        return _("{value} has no host name").format(value=repr(value))
    if scheme.group(1) == "tel" and not re.fullmatch(r"\+?[0-9()./-]+", rest):
        return _("{value} is not a phone number").format(value=repr(value))
    if scheme.group(1) == "mailto" and not EMAIL.match(rest):
        return _("{value} is not an e-mail address").format(value=repr(value))
    return None


@lru_cache(maxsize=1)
def _permissive() -> MarkdownIt:
    """A parser that keeps every link, so the loader can see (and refuse) what the
    rendering parser would silently turn into text."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def link_targets(text: str) -> list[str]:
    """Every link and image address in a piece of inline Markdown."""
    out = []
    for tok in _permissive().parseInline(text)[0].children or []:
        if tok.type == "link_open":
            out.append(str(tok.attrGet("href") or ""))
        elif tok.type == "image":
            out.append(str(tok.attrGet("src") or ""))
    return out
# libyaml's parser when PyYAML has it (about 10× faster); the same nodes, lines and errors.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Key:
    """A front-matter key: whether it is required, what it holds, and an example for hints."""

    required: bool
    kind: str
    example: str


FRONT_MATTER: dict[str, Key] = {
    "title": Key(True, "text", "title: Was je handen"),
    "summary": Key(True, "text", "summary: Met schone handen word je minder snel ziek."),
    "level": Key(False, "A2 or B1", "level: A2"),
    "steps": Key(False, "list", "steps:\n  - pictogram: wash-hands\n    text: Was je handen."),
    "source": Key(True, "mapping", "source: {name: RIVM, date: 2026-01-15, url: https://…}"),
    "reviewed": Key(True, "date", "reviewed: 2026-10-01"),
    "contact": Key(True, "mapping", "contact: {name: GGD, phone: 0800-1234}"),
    "readability_waiver": Key(False, "text", 'readability_waiver: "Medische termen die de '
                              'lezer van de huisarts kent."'),
    "draft": Key(False, "true or false", "draft: true"),
    "review_by": Key(False, "date", "review_by: 2027-10-01"),
}
STEP_KEYS = {"pictogram", "text"}
SOURCE_KEYS = {"name": True, "date": True, "url": False}
CONTACT_KEYS = {"name": True, "phone": False, "url": False, "email": False}


def markdown() -> MarkdownIt:
    """The one Markdown parser of the toolkit: CommonMark, raw HTML off, front matter aware."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    return md.use(front_matter_plugin)


class _FileChecker:
    """Collects the problems of one file, with lines resolved from the YAML node tree."""

    def __init__(self, path: str, offset: int):
        self.path = path
        self.offset = offset  # file line of the first front-matter line, minus one
        self.problems: list[Problem] = []

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def add(self, node_or_line: yaml.Node | int, message: str, key: str | None = None,
            hint: str | None = None) -> None:
        line = node_or_line if isinstance(node_or_line, int) else self.line(node_or_line)
        self.problems.append(Problem(self.path, message, line=line, key=key, hint=hint))

    def mapping(self, node: yaml.Node, key: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Key name → (key node, value node); reports a non-mapping or duplicate keys."""
        if not isinstance(node, yaml.MappingNode):
            self.add(node, _("expected a mapping of keys, got {kind}").format(kind=_kind(node)),
                     key=key)
            return {}
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for k, v in node.value:
            name = str(k.value)
            if name in out:
                self.add(k, _("key {name} appears twice").format(name=repr(name)), key=key)
            out[name] = (k, v)
        return out

    def text(self, node: yaml.Node, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.add(node, _("expected text, got {kind}").format(kind=_kind(node)), key=key)
            return None
        value = str(node.value).strip()
        if not value:
            self.add(node, _("must not be empty"), key=key)
            return None
        if "\n" in value:
            self.add(node, _("must be one line; put longer text in the body"), key=key)
        return value

    def date(self, node: yaml.Node, key: str) -> dt.date | None:
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(node, _("expected a date like 2026-10-01, got {value}").format(
                value=repr(value)), key=key)
            return None

    def known_keys(self, items: dict, allowed: dict | set, key_prefix: str) -> None:
        for name, (knode, _value) in items.items():
            if name not in allowed:
                hint = did_you_mean(name, set(allowed)) or _("allowed: {keys}").format(
                    keys=", ".join(sorted(allowed)))
                self.add(knode, _("unknown key {name}").format(name=repr(name)),
                         key=key_prefix.rstrip("."), hint=hint)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return _("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    return repr(node.value) if node.value != "" else _("nothing")


def load_message(path: Path, config: Config, library: Library) -> tuple[Message | None,
                                                                          list[Problem]]:
    """Parse one message file; return the message (None if broken) and its problems."""
    shown = relpath(path, config.root)
    slug = path.stem
    problems: list[Problem] = []
    if not SLUG.fullmatch(slug):
        problems.append(Problem(shown, _("file name {name} must be lower-case words joined "
                                         "by '-' (it becomes the page address)").format(
                                             name=repr(path.name)), line=1))
    if not path.is_file():  # never read a pipe or a device: it would never end
        gone = path.is_symlink() and not path.exists()
        return None, problems + [Problem(
            shown, _("is a link to a file that does not exist") if gone else
            _("is not a file (a folder, pipe or device)"), line=1,
            hint=_("remove it, or put the message itself in content/"))]
    size = path.stat().st_size
    if size > config.max_message_kb * 1024:
        # Refused before reading: checking and rendering cost grows with the text, and no
        # public-health message is a megabyte long; a file this big is a mistake.
        return None, problems + [Problem(
            shown, _("{size} KB is larger than the limit of {limit} KB for one message").format(
                size=f"{size / 1024:,.0f}", limit=f"{config.max_message_kb:,}"), line=1,
            hint=_("split it into several messages, or raise max_message_kb in site.toml"))]
    try:
        text = read_text(path, shown, N_("message"), limit=config.max_message_kb * 1024 + 1)
    except BuildErrors as exc:
        return None, problems + exc.problems
    tokens = markdown().parse(text)
    fm = next((t for t in tokens if t.type == "front_matter"), None)
    if fm is None:
        return None, problems + [_front_matter_missing(text, shown)]
    check = _FileChecker(shown, offset=1)
    try:
        root = yaml.compose(fm.content, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, problems + [Problem(shown, _("front matter is not valid YAML: {error}")
                                         .format(error=what), line=line,
                                         hint=_("check indentation and that text with ':' is "
                                                "in quotes"))]
    except RecursionError:
        return None, problems + [Problem(shown, _("front matter is nested too deeply"), line=2)]
    if root is None:
        return None, problems + [Problem(shown, _("front matter is empty"), line=1)]
    items = check.mapping(root, "front matter")
    check.known_keys(items, FRONT_MATTER, "")
    for name, spec in FRONT_MATTER.items():
        if spec.required and name not in items:
            check.add(1, _("required key {name} is missing").format(name=repr(name)),
                      hint=_("add `{example}`").format(example=spec.example))

    def seg(seg_id: str, node: yaml.Node, key: str) -> Segment | None:
        value = check.text(node, key)
        return Segment(slug, seg_id, value, check.line(node)) if value else None

    title = seg("title", items["title"][1], "title") if "title" in items else None
    summary = seg("summary", items["summary"][1], "summary") if "summary" in items else None
    level = config.level
    if "level" in items:
        node = items["level"][1]
        level = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        if level not in LEVELS:
            check.add(node, _("{level} is not a level").format(level=repr(level)), key="level",
                      hint=_("use A2 (preferred) or B1"))
    steps = _steps(items, check, library, seg)
    source = _source(items, check)
    contact = _contact(items, check)
    reviewed = check.date(items["reviewed"][1], "reviewed") if "reviewed" in items else None
    waiver = None
    if "readability_waiver" in items:
        waiver = check.text(items["readability_waiver"][1], "readability_waiver")
        if waiver and len(waiver.split()) < 3:
            check.add(items["readability_waiver"][1], _("a waiver needs a reason"),
                      key="readability_waiver",
                      hint=_("say in a sentence why this message may be harder than its level"))
    draft = _flag(items["draft"][1], check, "draft") if "draft" in items else False
    review_by = check.date(items["review_by"][1], "review_by") if "review_by" in items else None
    if reviewed and review_by and review_by < reviewed:
        check.add(items["review_by"][1], _("{date} is before the review date {reviewed}").format(
            date=review_by, reviewed=reviewed), key="review_by",
            hint=_("give the date by which the content must be checked again, after "
                   "`reviewed:`"))
    if reviewed and reviewed > dt.date.today() + dt.timedelta(days=1):
        check.add(items["reviewed"][1], _("{date} is in the future").format(date=reviewed),
                  key="reviewed", hint=_("write the date the health content was last checked"))
    body = tuple(Segment(slug, f"body-{i}", t.content, (t.map[0] if t.map else 0) + 1)
                 for i, t in enumerate((t for t in tokens if t.type == "inline"), 1)
                 if t.content.strip())
    for segment in (title, summary, *(s.segment for s in steps), *body):
        if segment is None:
            continue
        for target in link_targets(segment.text):
            problem = url_problem(target, relative_ok=True)
            if problem:
                check.add(segment.line, _("link: {problem}").format(problem=problem),
                          key=segment.id, hint=_(URL_HINT))
    problems += check.problems
    if problems or not (title and summary and source and contact and reviewed):
        return None, problems
    body_start = fm.map[1] if fm.map else 0
    return Message(slug=slug, path=shown, level=level, title=title, summary=summary,
                   steps=steps, body=body, source=source, reviewed=reviewed, contact=contact,
                   waiver=waiver, body_markdown="\n".join(text.splitlines()[body_start:]),
                   draft=draft, review_by=review_by,
                   reviewed_line=check.line(items["reviewed"][1]),
                   review_by_line=check.line(items["review_by"][1]) if review_by else 1
                   ), problems


def _flag(node: yaml.Node, check: _FileChecker, key: str) -> bool:
    """A yes/no key: `true` or `false` (YAML's other spellings like `yes` are refused,
    since `draft: no` reading as text would be a surprise either way)."""
    value = str(node.value).strip().lower() if isinstance(node, yaml.ScalarNode) else None
    if value in ("true", "false"):
        return value == "true"
    check.add(node, _("expected true or false, got {kind}").format(kind=_kind(node)), key=key,
              hint=_("write `{key}: true` or remove the line").format(key=key))
    return False


def _steps(items: dict, check: _FileChecker, library: Library, seg: Any) -> tuple[Step, ...]:
    if "steps" not in items:
        return ()
    node = items["steps"][1]
    if not isinstance(node, yaml.SequenceNode):
        check.add(node, _("expected a list of steps, got {kind}").format(kind=_kind(node)),
                  key="steps",
                  hint=_("write each step as `- pictogram: …` with `text: …` below it"))
        return ()
    steps = []
    for i, item in enumerate(node.value, 1):
        key = f"steps[{i}]"
        fields = check.mapping(item, key)
        check.known_keys(fields, STEP_KEYS, key)
        missing = sorted(STEP_KEYS - set(fields))
        if missing:
            check.add(item, _("missing {keys}").format(keys=", ".join(missing)), key=key,
                      hint=_("each step needs `pictogram:` and `text:`"))
            continue
        pnode = fields["pictogram"][1]
        pid = str(pnode.value) if isinstance(pnode, yaml.ScalarNode) else ""
        if pid not in library:
            check.add(pnode, _("unknown pictogram {id}").format(id=repr(pid)),
                      key=f"{key}.pictogram",
                      hint=library.suggest(pid))
        segment = seg(f"step-{i}", fields["text"][1], f"{key}.text")
        if segment and pid in library:
            steps.append(Step(pid, segment))
    return tuple(steps)


def _record(items: dict, name: str, allowed: dict[str, bool],
            check: _FileChecker) -> dict[str, Any] | None:
    if name not in items:
        return None
    fields = check.mapping(items[name][1], name)
    if not fields:
        return None
    check.known_keys(fields, allowed, f"{name}.")
    for k, required in allowed.items():
        if required and k not in fields:
            check.add(items[name][1], _("missing {keys}").format(keys=repr(k)), key=name)
    values: dict[str, Any] = {}
    for k, (_key, vnode) in fields.items():
        if k == "date":
            values[k] = check.date(vnode, f"{name}.date")
        elif k in allowed:
            values[k] = check.text(vnode, f"{name}.{k}")
            problem = None
            if k == "url" and values[k]:
                problem = url_problem(values[k])
            elif k == "email" and values[k] and not EMAIL.fullmatch(values[k]):
                problem = _("{value} is not an e-mail address").format(value=repr(values[k]))
            if problem:
                check.add(vnode, problem, key=f"{name}.{k}",
                          hint=_("write it like info@ggd.example.nl") if k == "email"
                          else _(URL_HINT))
                values[k] = None
    return values


def _source(items: dict, check: _FileChecker) -> Source | None:
    v = _record(items, "source", SOURCE_KEYS, check)
    if not v or not v.get("name") or not v.get("date"):
        return None
    return Source(name=v["name"], date=v["date"], url=v.get("url"))


def _contact(items: dict, check: _FileChecker) -> Contact | None:
    v = _record(items, "contact", CONTACT_KEYS, check)
    if not v or not v.get("name"):
        return None
    return Contact(name=v["name"], phone=v.get("phone"), url=v.get("url"),
                   email=v.get("email"))


def _front_matter_missing(text: str, shown: str) -> Problem:
    """Why the file has no front matter: no closing '---', an opening '---' that is not
    on the first line, or no '---' at all. Each gets its own line and fix."""
    lines = text.splitlines()
    opening = next((i for i, line in enumerate(lines) if line.strip()), None)
    if opening is not None and lines[opening].rstrip() == "---":
        if opening == 0:
            return Problem(shown, _("the front matter that starts here has no closing '---' "
                                    "line"), line=1,
                           hint=_("add a line with only '---' after the last key, before the "
                                  "text of the message"))
        return Problem(shown, _("the front matter must start on the first line"), line=1,
                       hint=ngettext("delete the {n} empty line before the '---' on line {line}",
                                     "delete the {n} empty lines before the '---' on line {line}",
                                     opening).format(n=opening, line=opening + 1))
    return Problem(shown, _("no front matter: start the file with a '---' line, the keys, and "
                            "another '---' line"), line=1,
                   hint=_("see README, 'Writing a message'"))


def load_messages(config: Config, library: Library,
                  tick: Callable[[], None] | None = None) -> list[Message]:
    """Every message in content/, sorted by slug; BuildErrors lists all broken files.
    `tick` is called after each file (progress)."""
    problems: list[Problem] = []
    messages: list[Message] = []
    # Names starting with '.' are editors' and systems' files (Emacs' `.#hitte.md` lock,
    # macOS' `._hitte.md`), never messages.
    paths = sorted(p for p in config.content_dir.glob("*.md") if not p.name.startswith(".")) \
        if config.content_dir.is_dir() else []
    if not paths:
        raise BuildErrors([Problem(relpath(config.content_dir, config.root),
                                   "no messages found; add a .md file (see README)")])
    store = Store(config.root, "messages")
    ids = tuple(sorted(library.pictograms))
    today = dt.date.today()
    for path in paths:
        # A message loads the same from the same bytes, settings, pictogram ids and day
        # (a review date may not lie in the future): parsed once, kept in the cache.
        try:
            k = memo_key("message", path.read_bytes(), relpath(path, config.root),
                         config.level, ids, today) if path.is_file() else None
        except OSError:
            k = None
        message = store.get(k) if k else None
        if message is None:
            message, found = load_message(path, config, library)
            problems += found
            if message and not found and k:
                store.put(k, message)
        if message:
            messages.append(message)
        if tick:
            tick()
    if problems:
        raise BuildErrors(problems)
    return messages
