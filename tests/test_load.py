import pytest

from conftest import MESSAGE, write
from toolkit.config import load_config
from toolkit.errors import BuildErrors
from toolkit.load import load_message, load_messages
from toolkit.pictograms import load_library


@pytest.fixture
def env(project):
    for f in (project / "content").glob("*.md"):
        f.unlink()
    config = load_config(project)
    return config, load_library(config.pictograms_dir)


def load(env, text, name="test.md"):
    config, library = env
    path = write(config.content_dir / name, text)
    return load_message(path, config, library)


def problem_texts(env, text, name="test.md"):
    message, problems = load(env, text, name)
    assert message is None
    return [str(p) for p in problems]


def test_valid_message_becomes_segments_with_lines(env):
    message, problems = load(env, MESSAGE)
    assert problems == []
    assert [s.id for s in message.segments] == ["title", "summary", "step-1", "body-1"]
    assert [s.line for s in message.segments] == [2, 3, 7, 17]
    assert message.title.context == "test:title"
    assert message.steps[0].pictogram == "soap"
    assert str(message.source.date) == "2025-01-01"


def test_level_defaults_to_the_site_level(env):
    message, _ = load(env, MESSAGE.replace("level: A2\n", ""))
    assert message.level == env[0].level


def test_front_matter_typo_names_line_and_suggests_the_key(env):
    found = problem_texts(env, MESSAGE.replace("summary:", "sumary:"))
    assert "content/test.md:3: unknown key 'sumary' (did you mean `summary`?)" in found
    assert any(p.startswith("content/test.md:1: required key 'summary' is missing") for p in found)


def test_unknown_pictogram_gets_a_suggestion_on_its_line(env):
    found = problem_texts(env, MESSAGE.replace("pictogram: soap", "pictogram: wash-hand"))
    assert found == ["content/test.md:6: steps[1].pictogram: unknown pictogram 'wash-hand' "
                     "(did you mean `wash-hands` or `clean-hands`?)"]


def test_unknown_pictogram_matched_by_dutch_keyword(env):
    found = problem_texts(env, MESSAGE.replace("pictogram: soap", "pictogram: zeep"))
    assert "did you mean" in found[0] and "`soap`" in found[0]


def test_malformed_yaml_names_the_line(env):
    broken = MESSAGE.replace("summary: Dit is een korte test.", "summary: [Dit is kapot")
    [problem] = problem_texts(env, broken)
    assert problem.startswith("content/test.md:")
    assert "front matter is not valid YAML" in problem
    assert int(problem.split(":")[1]) in (3, 4, 5)


def test_missing_front_matter(env):
    [problem] = problem_texts(env, "# Alleen tekst\n")
    assert problem.startswith("content/test.md:1: no front matter")


@pytest.mark.parametrize("old,new,expected", [
    ("reviewed: 2025-06-01", "reviewed: gisteren",
     "content/test.md:11: reviewed: expected a date like 2026-10-01, got 'gisteren'"),
    ("level: A2", "level: C1", "content/test.md:4: level: 'C1' is not a level (use A2 (preferred) or B1)"),
    ("    text: Doe zeep op je handen.\n", "",
     "content/test.md:6: steps[1]: missing text (each step needs `pictogram:` and `text:`)"),
    ("  name: RIVM\n", "", "content/test.md:9: source: missing 'name'"),
    ("title: Test bericht", "title:", "content/test.md:2: title: expected text, got nothing"),
    ("  phone: 088 123 4567", "  fone: 088 123 4567",
     "content/test.md:14: contact: unknown key 'fone' (did you mean `phone`?)"),
])
def test_field_errors_point_at_the_line(env, old, new, expected):
    assert old in MESSAGE
    assert expected in problem_texts(env, MESSAGE.replace(old, new))


def test_file_name_must_be_a_slug(env):
    found = problem_texts(env, MESSAGE, name="Handen Wassen.md")
    assert any("must be lower-case words" in p for p in found)


def test_raw_html_in_body_is_text_not_markup(env):
    message, _ = load(env, MESSAGE + "\n<script>alert(1)</script>\n")
    assert message.body[-1].text == "<script>alert(1)</script>"


def test_all_broken_files_are_reported_together(env):
    config, library = env
    write(config.content_dir / "a.md", MESSAGE.replace("summary:", "sumary:"))
    write(config.content_dir / "b.md", MESSAGE.replace("pictogram: soap", "pictogram: sope"))
    write(config.content_dir / "c.md", MESSAGE)
    with pytest.raises(BuildErrors) as info:
        load_messages(config, library)
    files = {p.path for p in info.value.problems}
    assert files == {"content/a.md", "content/b.md"}
    assert "2 files" in str(info.value)


def test_a_message_over_the_size_limit_is_refused_naming_file_and_limit(env):
    """A 10 MB file is not checked for minutes: it is refused at once with a clear reason."""
    body = "Was je handen met water en zeep.\n\n" * 40_000  # about 1.3 MB
    problems = problem_texts(env, MESSAGE + body, "groot.md")
    assert any("groot.md" in p and "limit of 1,024 KB" in p for p in problems), problems


def test_the_size_limit_is_configurable(env, project):
    (project / "site.toml").write_text((project / "site.toml").read_text(encoding="utf-8")
                                       .replace("title =", "max_message_kb = 2048\ntitle =", 1),
                                       encoding="utf-8")
    config = load_config(project)
    assert config.max_message_kb == 2048
    body = "Was je handen met water en zeep.\n\n" * 40_000
    message, problems = load((config, env[1]), MESSAGE + body, "groot.md")
    assert message is not None, problems


def test_an_editors_lock_file_in_content_is_not_a_message(env):
    """Emacs keeps `.#name.md`, a link to nowhere, while a file is open; macOS writes
    `._name.md` on some drives. Neither is a message, and neither stops the build."""
    config, library = env
    write(config.content_dir / "hitte.md", MESSAGE)
    (config.content_dir / ".#hitte.md").symlink_to("officer@laptop.4242:1700000000")
    (config.content_dir / "._hitte.md").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00")
    assert [m.slug for m in load_messages(config, library)] == ["hitte"]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("kind", ["dangling link", "fifo", "device"])
def test_a_message_that_is_not_a_regular_file_is_named_not_read(env, kind):
    """A link to nowhere is an error with the file's name, not a traceback; a pipe or a
    device (a link to /dev/zero) is refused before it is read, so the build never hangs."""
    import os
    config, library = env
    write(config.content_dir / "hitte.md", MESSAGE)
    path = config.content_dir / "kapot.md"
    if kind == "dangling link":
        path.symlink_to(config.content_dir / "weg.md")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(BuildErrors) as info:
        load_messages(config, library)
    [problem] = info.value.problems
    assert problem.path == "content/kapot.md"
    assert "not a file" in problem.message or "does not exist" in problem.message
