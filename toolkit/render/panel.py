"""The preview's panel for staff on each message page, in the staff language: the
readability report with flagged words marked (reason on hover and focus), a warning when
an edit withdraws reviewed translations, and whether the public build publishes the
message per language (the decision of toolkit/publish.py)."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..staff_language import _, active, ngettext


def report(m, check, lost: list[str] | None, publications: list[Markup]) -> Markup:
    """The <details> panel for message M; CHECK is its readability check (check.py)."""
    staff = active()
    parts = [Markup('<details class="report" lang="{}" dir="ltr"><summary>').format(staff)]
    if lost:  # said before anything is published, where the editor looks
        parts.insert(0, Markup(
            '<p class="withdraw-warning" role="alert" lang="{}" dir="ltr"><strong>{}'
            '</strong> {}</p>').format(staff, _("Note:"), ngettext(
                "this change withdraws {n} reviewed translation ({languages}). Changing only "
                "punctuation or spaces keeps the translations.",
                "this change withdraws {n} reviewed translations ({languages}). Changing only "
                "punctuation or spaces keeps the translations.", len(lost)).format(
                    n=len(lost), languages=", ".join(sorted(set(lost))))))
    r = check.result
    verdict = _("within the budget") if r.passed else (
        _("over the budget (waived)") if m.waiver else _("OVER THE BUDGET"))
    parts.append(escape(_("Readability {level}: {verdict}, difficulty {difficulty}").format(
        level=m.level, verdict=verdict, difficulty=f"{r.difficulty:.1f}")))
    parts.append(Markup("</summary><ol>"))
    for s, line in zip(r.sentences, check.lines):
        text = s.text
        marked = []
        pos = 0
        for f in sorted((f for f in s.flags if f.start is not None), key=lambda f: f.start):
            a, b = f.start - s.start, f.end - s.start
            if a < pos or b > len(text):
                continue
            marked.append(escape(text[pos:a]))
            reason = f"{f.message} → {f.suggestion}"
            marked.append(Markup('<mark tabindex="0" title="{0}" aria-label="{1}: {0}">'
                                 '{1}</mark>').format(reason, text[a:b]))
            pos = b
        marked.append(escape(text[pos:]))
        whole = [f"{f.message} → {f.suggestion}" for f in s.flags if f.start is None]
        note = Markup(" <small>({})</small>").format("; ".join(whole)) if whole else ""
        # The sentence itself is Dutch, whatever language the panel speaks.
        parts.append(Markup('<li value="{}"><span lang="nl">{}</span>{}</li>').format(
            line, Markup("").join(marked), note))
    parts.append(Markup("</ol><p>{}</p><ul>").format(
        _("Publication per language (as the build decides):")))
    parts += publications
    parts.append(Markup('</ul><p><a href="/review/">{}</a></p></details>').format(
        _("To the review screen")))
    return Markup("").join(parts)


def publication(lang: str, decision) -> Markup:
    """Whether the public build publishes the message in LANG, and why not."""
    verdict = _("published") if decision.published else _("not published: {reason}").format(
        reason=decision.reason)
    return Markup('<li class="publication" data-lang="{}" data-published="{}">{}: {}'
                  '</li>').format(lang, "yes" if decision.published else "no", lang, verdict)
