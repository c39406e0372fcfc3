"""A message's editorial life: draft, current, due for review, too old to publish.

* `draft: true` in the front matter keeps a message off the public site; the preview
  shows it under a banner.
* A message is *due* for review on its own `review_by:` date, or else `max_age_days`
  (site.toml [publish]) after its `reviewed:` date: the build warns, naming the file and
  line, and the preview shows a banner. It is still published.
* With `refuse_after_days`, a message reviewed longer ago than that is *expired*: not
  published in any language until someone checks it and updates `reviewed:`.

"Today" is the build's clock: SOURCE_DATE_EPOCH when set, so a build is reproducible.
toolkit/publish.py turns draft and expired into reasons a message is not published, so
the build, `status`, the review screen and the preview agree.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .config import Config
from .errors import BuildErrors, Problem
from .model import Message
from .staff_language import _, ngettext


def today() -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH (UTC) when set, else the real date."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BuildErrors([Problem("SOURCE_DATE_EPOCH", _("{value} is not a whole number of "
                                                          "seconds").format(value=repr(value)))]
                          ) from None


@dataclass(frozen=True)
class Due:
    """A message past its review date: when it was due and what set the date."""

    message: Message
    due: dt.date
    line: int  # the line of `review_by:`, or of `reviewed:` for the site-wide limit
    why: str  # "review_by" or "max_age_days"

    def problem(self, on: dt.date) -> Problem:
        days = (on - self.due).days
        since = _("today") if days == 0 else ngettext("{n} day ago", "{n} days ago",
                                                      days).format(n=days)
        if self.why == "review_by":
            what = _("review_by: {date} has passed ({since})").format(date=self.due, since=since)
        else:
            what = _("reviewed: {date} is more than the site's max_age_days ago: due since "
                     "{due} ({since})").format(date=self.message.reviewed, due=self.due,
                                               since=since)
        return Problem(self.message.path, what, line=self.line,
                       hint=_("check the advice against the source, then set `reviewed:` to "
                              "the date you checked it, and `review_by:` to the next date"))


def due(config: Config, message: Message, on: dt.date) -> Due | None:
    """Is `message` past its review date on `on`? Its own review_by comes first."""
    if message.review_by is not None:
        if on > message.review_by:
            return Due(message, message.review_by, message.review_by_line, "review_by")
        return None
    days = config.publish.max_age_days
    if days and on > message.reviewed + dt.timedelta(days=days):
        return Due(message, message.reviewed + dt.timedelta(days=days),
                   message.reviewed_line, "max_age_days")
    return None


def expired(config: Config, message: Message, on: dt.date) -> str | None:
    """Why `message` may no longer be published at all on `on`, or None."""
    days = config.publish.refuse_after_days
    if days and on > message.reviewed + dt.timedelta(days=days):
        age = (on - message.reviewed).days
        return _("reviewed {date}, {age} days ago; the site publishes nothing reviewed more "
                 "than {days} days ago (refuse_after_days)").format(date=message.reviewed,
                                                                     age=age, days=days)
    return None


def overdue(config: Config, messages, on: dt.date) -> list[Due]:
    """Every message past its review date (drafts too: they will be published one day)."""
    return [d for m in messages if (d := due(config, m, on)) is not None]


def lifecycle_banners(config: Config, message: Message,
                      on: dt.date | None = None) -> tuple[str, ...]:
    """What the preview says above a message about its editorial state (for GGD staff,
    in Dutch like the rest of the preview's report); empty for a current message."""
    on = on or today()
    out = []
    if message.draft:
        out.append("Concept: dit bericht staat niet op de publieke site. Haal `draft: true` "
                   "weg om het te publiceren.")
    too_old = expired(config, message, on)
    if too_old:
        out.append(f"Verlopen: gecontroleerd op {message.reviewed}, langer geleden dan "
                   f"{config.publish.refuse_after_days} dagen (refuse_after_days). Dit bericht "
                   "staat niet op de publieke site tot iemand het advies controleert en "
                   "`reviewed:` bijwerkt.")
    late = due(config, message, on)
    if late and not too_old:
        out.append(f"Controle nodig sinds {late.due}: controleer het advies met de bron en "
                   "zet `reviewed:` op de datum van de controle.")
    return tuple(out)
