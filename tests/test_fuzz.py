"""Fuzzing the readers of everything a person writes: message files, PO catalogs and
site.toml. Whatever the bytes, the toolkit answers with its own error (file, line, what to
do) or with a result; never a traceback.

A short run is part of the suite. The long run (10,000 examples each) is:

    KLAAR_FUZZ_EXAMPLES=10000 pytest tests/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_SITE, copy_project
from toolkit.catalog import load_catalog
from toolkit.config import load_config
from toolkit.errors import KlaarError
from toolkit.load import load_message
from toolkit.pictograms import load_library

EXAMPLES = int(os.environ.get("KLAAR_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="KLAAR_FUZZ_SEED" not in
                os.environ, suppress_health_check=list(HealthCheck))

MESSAGE = (FIXTURE_SITE / "content" / "hitte.md").read_bytes()
PO = (FIXTURE_SITE / "translations" / "ar.po").read_bytes()
SITE = (FIXTURE_SITE / "site.toml").read_bytes()

# Characters that have broken readers before: controls, BOM, surrogates' neighbours,
# bidi controls, line and paragraph separators, NUL, and YAML/TOML/PO syntax.
NASTY = st.sampled_from([
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufeff", "\u2028",
    "\u2029", "\u202e", "\u200f", "\ufffe", "\r", "\r\n", "\t", "---", "...", ":", "- ",
    "{", "}", "[", "]", "&a", "*a", "!!python/object:os.system", "%YAML 1.1", '"', "\\",
    "msgid", "msgstr", "msgctxt", "#~", "#|", "=", "'''", '"""', "\U0001F600", "é"])
CHUNK = st.one_of(NASTY, st.text(max_size=12), st.binary(max_size=8).map(
    lambda b: b.decode("latin-1")))


@st.composite
def mutated(draw, original: bytes):
    """The original file with a few random edits: insertions, deletions, byte flips, a
    re-encoding."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "flip", "insert-bytes"]))
        if kind == "insert":
            data[pos:pos] = draw(CHUNK).encode("utf-8", "surrogatepass")
        elif kind == "insert-bytes":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=6))
        elif kind == "delete":
            del data[pos:pos + draw(st.integers(1, 40))]
        elif data:
            i = min(pos, len(data) - 1)
            data[i] = draw(st.integers(0, 255))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16",
                                     "latin-1"]))
    if encoding != "utf-8":
        text = bytes(data).decode("utf-8", "replace")
        return text.encode(encoding, "replace")
    return bytes(data)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    copy_project(root)
    config = load_config(root)
    return root, config, load_library(config.pictograms_dir)


@FUZZ
@given(data=mutated(MESSAGE))
def test_any_message_file_gives_a_message_or_problems(scratch, data):
    root, config, library = scratch
    path = root / "content" / "fuzzed.md"
    path.write_bytes(data)
    try:
        message, problems = load_message(path, config, library)
    except KlaarError:
        return
    assert message is not None or problems
    for p in problems:
        assert p.path == "content/fuzzed.md" and str(p)


@FUZZ
@given(body=st.text(max_size=300))
def test_any_body_text_loads(scratch, body):
    """Whatever the author types below the front matter, including control characters."""
    root, config, library = scratch
    head = MESSAGE.split(b"\n---\n", 1)[0] + b"\n---\n"
    path = root / "content" / "fuzzed-body.md"
    path.write_bytes(head + body.encode("utf-8", "surrogatepass"))
    try:
        message, problems = load_message(path, config, library)
    except KlaarError:
        return
    assert message is not None or problems


@FUZZ
@given(data=mutated(PO))
def test_any_po_file_loads_or_names_the_line(scratch, data):
    root, config, _ = scratch
    (root / "translations" / "ar.po").write_bytes(data)
    try:
        catalog = load_catalog(config, "ar")
    except KlaarError as exc:
        assert "translations/ar.po" in exc.format_message()
        return
    assert catalog.lang == "ar"


@FUZZ
@given(data=mutated(SITE))
def test_any_site_toml_loads_or_names_the_line(scratch, data):
    root, _, _ = scratch
    folder = root / "toml"
    folder.mkdir(exist_ok=True)
    (folder / "site.toml").write_bytes(data)
    try:
        load_config(folder)
    except KlaarError as exc:
        assert "site.toml" in exc.format_message()
