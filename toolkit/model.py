"""The shared model every stage speaks: a Message and its translatable Segments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    """One translatable unit: its identity, its Dutch text and where it came from.

    `context` (slug + segment id) is the msgctxt in the catalogs and the Dutch text is the
    msgid, so a translation only ever attaches to the exact Dutch text it was made for.
    """

    slug: str
    id: str  # "title", "summary", "step-2", "body-3", …
    text: str  # inline Markdown in the source language
    line: int  # 1-based line in the source file

    @property
    def context(self) -> str:
        return f"{self.slug}:{self.id}"


@dataclass(frozen=True)
class Step:
    pictogram: str
    segment: Segment


@dataclass(frozen=True)
class Source:
    """Who says so, and when they said it."""

    name: str
    date: dt.date
    url: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None = None
    url: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Message:
    """One health message: one Markdown file in content/."""

    slug: str
    path: str  # as shown to users, relative to the project root
    level: str
    title: Segment
    summary: Segment
    steps: tuple[Step, ...]
    body: tuple[Segment, ...]  # paragraphs, headings and list items, in order
    source: Source
    reviewed: dt.date
    contact: Contact
    waiver: str | None = None  # why this message may be over its readability budget
    body_markdown: str = field(repr=False, default="")
    draft: bool = False  # `draft: true`: shown in the preview only, never published
    review_by: dt.date | None = None  # when the health content must be checked again
    reviewed_line: int = 1  # lines of `reviewed:` and `review_by:`, for warnings
    review_by_line: int = 1

    @property
    def segments(self) -> tuple[Segment, ...]:
        """Every translatable segment, in reading order."""
        return (self.title, self.summary, *(s.segment for s in self.steps), *self.body)
