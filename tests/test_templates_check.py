"""A site's own templates with a mistake: the build names the file and line before it
renders anything, instead of a traceback from a worker process."""

from __future__ import annotations


def test_a_template_syntax_error_is_named_with_file_and_line(project, run):
    path = project / "templates" / "message.html"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if "{{" in line)
    lines[n] = lines[n].replace("{{", "{{ (", 1)
    path.write_text("".join(lines), encoding="utf-8")
    result = run(project, "build", "--outputs", "pages", "-j", "1")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert f"templates/message.html:{n + 1}: " in result.err


def test_a_missing_template_is_named(project, run):
    (project / "templates" / "chooser.html").unlink()
    result = run(project, "build", "--outputs", "pages", "-j", "1")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "templates/chooser.html: " in result.err and "missing" in result.err


def test_update_catalogs_with_a_broken_template_changes_no_catalog(project, run):
    """Babel's extractor skips a template it cannot parse without a word: every interface
    text of it would have turned obsolete in every catalog."""
    path = project / "templates" / "message.html"
    path.write_text(path.read_text(encoding="utf-8").replace("{{", "{{ (", 1),
                    encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (project / "translations").glob("*.po*")}
    result = run(project, "update-catalogs")
    assert result.code == 1
    assert "templates/message.html:" in result.err and "Traceback" not in result.err
    assert {p.name: p.read_bytes() for p in (project / "translations").glob("*.po*")} == before
