"""Finding one's way in a long draft: the headings above a unit, and a table of contents with the
number of comments in each section.

Units are numbered as a tree (consultations.drafting): a unit's number begins with the numbers of
the headings above it ("2.3" is under "2"), so both are read from the numbers alone.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from hoering.consultations.drafting import HEADING
from hoering.consultations.models import Unit
from hoering.extensions import db

CONTENTS_DEPTH = 2  # sections and their subsections; deeper headings make the list too long to scan
# With more entries than this (a law's §§ under its chapters), the contents list the sections only.
MAX_CONTENTS_ENTRIES = 80
MIN_CONTENTS_ENTRIES = 3  # a draft with fewer headings is short enough to read without one


@dataclass(frozen=True)
class ContentsEntry:
    unit: object  # a Unit, or a reading outline's row
    depth: int  # 0 for a top-level section
    comments: int  # on the heading and on every unit below it


def heading_path(unit: Unit) -> list[Unit]:
    """The headings above ``unit``, outermost first (its breadcrumbs)."""
    prefixes = _prefixes(unit.number)
    if not prefixes:
        return []
    return list(db.session.scalars(
        sa.select(Unit)
        .where(Unit.version_id == unit.version_id, Unit.kind == HEADING, Unit.number.in_(prefixes))
        .order_by(Unit.position)
    ))


def heading_paths(units: list[Unit]) -> dict[int, list[Unit]]:
    """The headings above every unit of a draft, by the unit's position: ``heading_path`` for all
    units at once, without a query each."""
    headings = {unit.number: unit for unit in units if unit.kind == HEADING}
    return {unit.position: [headings[p] for p in _prefixes(unit.number) if p in headings] for unit in units}


def table_of_contents(units, comment_counts: dict[str | None, int]) -> list[ContentsEntry]:
    """The draft's sections and subsections with their comment counts; empty for a short draft.

    ``units`` are the draft's units in order, stored ones or a reading outline's rows
    (consultations.reading), which have the same number, kind, anchor and heading text."""
    totals: dict[str, int] = {}
    for unit in units:
        count = comment_counts.get(unit.anchor, 0)
        if count:
            for number in (*_prefixes(unit.number), unit.number):
                totals[number] = totals.get(number, 0) + count
    headings = [unit for unit in units if unit.kind == HEADING]
    # A draft under one title heading ("# Lov om …") lists what is under the title instead.
    skip = 1 if sum("." not in unit.number for unit in headings) == 1 else 0
    entries = [
        ContentsEntry(unit, unit.number.count(".") - skip, totals.get(unit.number, 0))
        for unit in headings
        if skip <= unit.number.count(".") < skip + CONTENTS_DEPTH
    ]
    if len(entries) > MAX_CONTENTS_ENTRIES:
        entries = [entry for entry in entries if entry.depth == 0]
    return entries if len(entries) >= MIN_CONTENTS_ENTRIES else []


def _prefixes(number: str) -> list[str]:
    """"2.3.1" → ["2", "2.3"]: the numbers of the units a unit with this number lies under."""
    parts = number.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]
