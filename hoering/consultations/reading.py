"""Reading a long draft a part at a time: a law of 1,300 units is one page of 900 KB on a phone.

A short draft is read on one page. A longer one is cut into *reading pages*: runs of units in
document order, each beginning at a heading, each small enough to load quickly
(``PAGE_BUDGET``). The cut follows the headings from the top: a top-level section that fits is one
page; one that does not is cut at its subsections, and so on down. Text before a section's first
subheading (and the draft's introduction) is read with the first subsection, so that no page is
only a heading.

The first page is the consultation's own page (``/hoeringer/<slug>``); the others are addressed by
the anchor of their first unit. The cut is worked out from a light outline of the draft (numbers,
anchors, headings' text and each unit's length), never from the units' HTML, so a page loads only
its own units.
"""
from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

import sqlalchemy as sa
from flask import current_app

from hoering.consultations.citations import Citable
from hoering.consultations.drafting import HEADING
from hoering.consultations.models import DRAFT, Consultation, Unit
from hoering.extensions import db

# What one page may hold: characters of text plus a unit's share of markup (its box, number, links).
# 80,000 keeps a page's HTML well under 300 KB, and a municipal plan of 80 units on one page.
PAGE_BUDGET = 80_000
CACHED_READINGS = 64  # published versions whose reading a process keeps
_CACHE = "hoering.readings"
UNIT_OVERHEAD = 400


@dataclass(frozen=True)
class OutlineRow(Citable):
    """A unit as the outline knows it: a heading's text, a paragraph's length only."""

    position: int
    number: str
    kind: str
    anchor: str
    text: str  # a heading's; empty for a paragraph
    label: str
    marker: str
    size: int


@dataclass(frozen=True)
class ReadingPage:
    index: int
    first: int  # the positions of its first and last unit
    last: int
    anchor: str  # its first unit's
    title: str  # its first heading's headline ("Kapittel 12 Reguleringsplan"), or ""


@dataclass(frozen=True)
class Reading:
    """How a draft is read: its pages (one for a short draft), and its outline."""

    pages: list[ReadingPage]
    outline: list[OutlineRow]

    @property
    def paged(self) -> bool:
        return len(self.pages) > 1

    def page_at(self, position: int) -> ReadingPage:
        """The page a unit at ``position`` is on."""
        return self.pages[max(0, bisect_right(self._starts, position) - 1)]

    def page_of(self, anchor: str) -> ReadingPage | None:
        """The page a unit is on, by its anchor; None for an anchor not in the draft."""
        position = self._positions.get(anchor)
        return self.page_at(position) if position is not None else None

    @cached_property
    def _starts(self) -> list[int]:
        return [page.first for page in self.pages]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {row.anchor: row.position for row in self.outline}

    def page_named(self, anchor: str) -> ReadingPage | None:
        """The page that begins with ``anchor``, or None."""
        return next((page for page in self.pages if page.anchor == anchor), None)


def reading_of(consultation: Consultation) -> Reading:
    """The outline of the consultation's current draft and the pages it is read in.

    A published version never changes (a revision adds a version), so its reading is worked out once
    per process: reading the outline of a draft of thousands of units costs tens of milliseconds on
    every page. An unpublished draft's version may be replaced, and is read afresh."""
    if consultation.phase == DRAFT:
        return _read(consultation.current_version_id)
    return version_reading(consultation.current_version_id)


def version_reading(version_id: int) -> Reading:
    """The outline and reading pages of a published version (the current one or an earlier one), kept
    per process: a published version never changes. Not for an unpublished draft's version, which
    may be replaced (``reading_of`` reads that afresh)."""
    cache = current_app.extensions.setdefault(_CACHE, _ReadingCache())
    return cache.get(version_id)


class _ReadingCache:
    """The readings of the published versions read last, by version id."""

    def __init__(self, size: int = CACHED_READINGS) -> None:
        self._size = size
        self._readings: OrderedDict[int, Reading] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version_id: int) -> Reading:
        with self._lock:
            reading = self._readings.get(version_id)
            if reading is not None:
                self._readings.move_to_end(version_id)
                return reading
        reading = _read(version_id)
        with self._lock:
            self._readings[version_id] = reading
            while len(self._readings) > self._size:
                self._readings.popitem(last=False)
        return reading


def _read(version_id: int | None) -> Reading:
    outline = [OutlineRow(*row) for row in db.session.execute(
        sa.select(
            Unit.position, Unit.number, Unit.kind, Unit.anchor,
            sa.case((Unit.kind == HEADING, Unit.text), else_=""), Unit.label, Unit.marker,
            sa.func.length(Unit.text),
        )
        .where(Unit.version_id == version_id)
        .order_by(Unit.position)
    )]
    return Reading(split_pages(outline), outline)


def page_units(consultation: Consultation, page: ReadingPage) -> list[Unit]:
    """The units of one reading page of the consultation's current draft, in document order."""
    return version_page_units(consultation.current_version_id, page)


def version_page_units(version_id: int | None, page: ReadingPage) -> list[Unit]:
    """The units of one reading page of a version, in document order."""
    return list(db.session.scalars(
        sa.select(Unit)
        .where(Unit.version_id == version_id, Unit.position.between(page.first, page.last))
        .order_by(Unit.position)
    ))


def split_pages(outline: list[OutlineRow], budget: int = PAGE_BUDGET) -> list[ReadingPage]:
    """The reading pages of a draft with this outline (one page when it fits the budget)."""
    if not outline:
        return []
    sizes = [row.size + UNIT_OVERHEAD for row in outline]
    totals = [0]
    for size in sizes:
        totals.append(totals[-1] + size)
    spans = _cut(outline, totals, 0, len(outline), 1, budget)
    return [
        ReadingPage(index, outline[start].position, outline[end - 1].position, outline[start].anchor,
                    _title(outline[start:end]))
        for index, (start, end) in enumerate(spans)
    ]


def _cut(outline, totals, start: int, end: int, depth: int, budget: int) -> list[tuple[int, int]]:
    """Spans of ``outline[start:end]`` that fit the budget, cut at headings ``depth`` deep and below."""
    if totals[end] - totals[start] <= budget:
        return [(start, end)]
    cuts = [i for i in range(start, end) if outline[i].kind == HEADING and _depth(outline[i]) == depth]
    if not cuts:
        deeper = any(outline[i].kind == HEADING and _depth(outline[i]) > depth for i in range(start, end))
        return _cut(outline, totals, start, end, depth + 1, budget) if deeper else [(start, end)]
    bounds = [start, *cuts[1:], end] if cuts[0] > start else [*cuts, end]
    spans = []
    for first, last in _joined_headings(outline, list(zip(bounds, bounds[1:]))):
        spans.extend(_cut(outline, totals, first, last, depth + 1, budget))
    return spans


def _joined_headings(outline, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, a span of headings only ("Del 1" right before "Kapittel 1") read with the next."""
    joined, carried = [], None
    for index, (first, last) in enumerate(spans):
        first = first if carried is None else carried
        if index < len(spans) - 1 and all(outline[i].kind == HEADING for i in range(first, last)):
            carried = first
            continue
        joined.append((first, last))
        carried = None
    return joined


def _depth(row: OutlineRow) -> int:
    return row.number.count(".") + 1


def _title(rows: list[OutlineRow]) -> str:
    heading = next((row for row in rows if row.kind == HEADING and row.text), None)
    return heading.headline if heading is not None else ""
