"""What the public reads of a revised draft: every version of it, what changed in each and why, and
where a unit (and the comments written on it) went. Read-only.

The lineage (revisions.models.UnitMatch) is read a version at a time: following a unit back or forward
costs a query per version passed, never one per unit or comment.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import defer

from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import Consultation, DraftVersion, Unit
from hoering.extensions import db
from hoering.rejections import Missing
from hoering.revisions.alignment import EDITED, MERGED, MOVED, NEW, REMOVED, SPLIT, UNCHANGED, Block, align, word_diff
from hoering.revisions.models import ChangeExplanation, UnitMatch

# The status a unit is shown with when its lineage rows differ (a corrected merge beside an edit):
# the most telling first.
_SHOWN_FIRST = (NEW, MERGED, SPLIT, MOVED, EDITED)


class VersionNotFound(Missing):
    """No version of the consultation (or no unit of it, or no changes page) answers to that."""


@dataclass(frozen=True)
class Explanation:
    """The municipality's explanation of a change, with the published comments it names."""

    text: str
    comments: list[Comment]


@dataclass(frozen=True)
class Change:
    """One unit of a version against the version before: ``unit`` is the new one (None when it was
    removed), ``old_units`` what it came from, in document order."""

    status: str
    unit: Unit | None
    old_units: list[Unit]
    explanation: Explanation | None
    comments_left: list[Comment]  # a removed unit's published comments, which stayed on it

    @cached_property
    def diff(self) -> list[tuple[str, str]]:
        """alignment.word_diff of the old texts joined → the new text; worked out when shown, since a
        page shows 200 of a version's changes."""
        return word_diff(_text_of(self.old_units), self.unit.text if self.unit is not None else "")

    @property
    def anchor(self) -> str:
        """The anchor the change is known by: the unit's, or the removed unit's."""
        return self.unit.anchor if self.unit is not None else self.old_units[0].anchor

    @property
    def text_changed(self) -> bool:
        return self.unit is None or _text_of(self.old_units) != self.unit.text


@dataclass(frozen=True)
class Changes:
    """What changed in ``version`` against ``previous``."""

    version: DraftVersion
    previous: DraftVersion
    changes: list[Change]

    def counts(self) -> dict[str, int]:
        """How many changes of each status, in the order of ``STATUS_ORDER``."""
        counted = {status: 0 for status in STATUS_ORDER}
        for change in self.changes:
            counted[change.status] += 1
        return {status: n for status, n in counted.items() if n}


STATUS_ORDER = (EDITED, MOVED, SPLIT, MERGED, NEW, REMOVED)
CHANGES_PER_PAGE = 200  # a revision of a tenth of a law's 6,800 units is 1.8 MB on one page
_IDS_PER_QUERY = 500  # ids in one IN (...) list, well below every database's limit


@dataclass(frozen=True)
class ChangesPage:
    """Page ``page`` of ``pages`` of a version's changes: ``shown`` of ``changes.changes``, whose
    counts are the whole version's."""

    changes: Changes
    shown: list[Change]
    page: int
    pages: int
    per_page: int

    def page_with(self, anchor: str) -> int | None:
        """The number of the page that lists the change known by ``anchor``; None when none is."""
        index = next((i for i, change in enumerate(self.changes.changes) if change.anchor == anchor), None)
        return None if index is None else index // self.per_page + 1


@dataclass(frozen=True)
class UnitChange:
    """The last version that changed a unit's text (or made it), and how."""

    version: DraftVersion
    change: Change


@dataclass(frozen=True)
class Origin:
    """The version a comment was written on, and the unit's text as the citizen read it then."""

    version_number: int
    unit: Unit


@dataclass(frozen=True)
class Fate:
    """Where a unit went: ``current`` is the unit of the current version its comments sit on (itself,
    for a unit of the current version), or ``removed_in`` the version that removed it."""

    current: Unit | None
    removed_in: DraftVersion | None


@dataclass(frozen=True)
class AnchorPlace:
    """The last version with a unit by an anchor the current version has no unit by, and its fate."""

    version: DraftVersion
    unit: Unit
    fate: Fate


# Versions and their units.

def versions(consultation: Consultation) -> list[DraftVersion]:
    """Every version, oldest first, without their sources (a draft's source can be megabytes; it is
    read when asked for)."""
    return list(db.session.scalars(
        sa.select(DraftVersion).where(DraftVersion.consultation_id == consultation.id)
        .options(defer(DraftVersion.source)).order_by(DraftVersion.number)))


def current_version(consultation: Consultation) -> DraftVersion | None:
    return consultation.current_version


def version_numbered(consultation: Consultation, number: int) -> DraftVersion:
    version = db.session.scalar(sa.select(DraftVersion).where(
        DraftVersion.consultation_id == consultation.id, DraftVersion.number == number))
    if version is None:
        raise VersionNotFound(number)
    return version


def units_of(version: DraftVersion) -> list[Unit]:
    return list(db.session.scalars(sa.select(Unit).where(Unit.version_id == version.id).order_by(Unit.position)))


def unit_of(version: DraftVersion, anchor: str) -> Unit:
    unit = db.session.scalar(sa.select(Unit).where(Unit.version_id == version.id, Unit.anchor == anchor))
    if unit is None:
        raise VersionNotFound(anchor)
    return unit


def latest_revision_number(consultation: Consultation) -> int:
    """The number of the current version, when it is a revision (2 or more)."""
    version = current_version(consultation)
    if version is None or version.number < 2:
        raise VersionNotFound(consultation.slug)
    return version.number


# What changed in a version.

def changes_in(consultation: Consultation, number: int) -> Changes:
    """Every changed, moved, split, merged, new and removed unit of version ``number`` (2 or more)
    against the version before, in reading order: a removed unit where it stood, after the
    successor of the unit before it.

    Only the units that changed are read whole; the rest of both versions is read as positions (a
    revision of a long draft leaves most of its thousands of units as they were)."""
    if number < 2:
        raise VersionNotFound(number)
    version = version_numbered(consultation, number)
    previous = version_numbered(consultation, number - 1)
    lines = _lineage_of(version)
    if lines:
        new_positions, old_positions = _positions(version), _positions(previous)
        units = _units_by_id(_ids_shown(lines))
    else:
        new_units, old_units = units_of(version), units_of(previous)
        lines = _aligned_now(old_units, new_units)
        new_positions, old_positions = ({u.id: u.position for u in us} for us in (new_units, old_units))
        units = {u.id: u for u in new_units + old_units}
    explanations = _explanations(version)
    placed = (_changed(new_positions, units, lines, explanations)
              + _removed(consultation, new_positions, old_positions, units, lines, explanations))
    return Changes(version, previous, [change for _, change in sorted(placed, key=lambda item: item[0])])


def _positions(version: DraftVersion) -> dict[int, int]:
    return dict(db.session.execute(sa.select(Unit.id, Unit.position).where(Unit.version_id == version.id)).all())


def _ids_shown(lines: list[_Line]) -> set[int]:
    """The units a changes page shows: the new units that are not as they were, what they came from,
    and the removed ones."""
    by_unit: dict[int, list[_Line]] = {}
    for line in lines:
        if line.unit_id is not None:
            by_unit.setdefault(line.unit_id, []).append(line)
    shown = {line.previous_unit_id for line in lines if line.unit_id is None}
    for unit_id, lineage in by_unit.items():
        if _status(lineage) != UNCHANGED:
            shown.add(unit_id)
            shown.update(line.previous_unit_id for line in lineage if line.previous_unit_id is not None)
    return shown


def _units_by_id(ids: set[int]) -> dict[int, Unit]:
    found: dict[int, Unit] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), _IDS_PER_QUERY):
        found.update((u.id, u) for u in db.session.scalars(
            sa.select(Unit).where(Unit.id.in_(ordered[start:start + _IDS_PER_QUERY]))))
    return found


def changes_page(consultation: Consultation, number: int, page: int,
                 per_page: int = CHANGES_PER_PAGE) -> ChangesPage:
    """``changes_in`` a page of ``per_page`` changes at a time; a page out of range is the nearest one."""
    changes = changes_in(consultation, number)
    pages = max(1, math.ceil(len(changes.changes) / per_page))
    page = min(max(page, 1), pages)
    start = (page - 1) * per_page
    return ChangesPage(changes, changes.changes[start:start + per_page], page, pages, per_page)


_Placed = tuple[tuple[int, int, int], Change]  # (where it is listed, the change)


def _changed(new_positions: dict[int, int], units: dict[int, Unit], lines: list[_Line],
             explanations: dict[tuple[str, int], Explanation]) -> list[_Placed]:
    """The units of the new version that are not as they were, each where it stands."""
    lines_of: dict[int, list[_Line]] = {}
    for line in lines:
        if line.unit_id is not None:
            lines_of.setdefault(line.unit_id, []).append(line)
    placed = []
    for unit_id, lineage in lines_of.items():
        status = _status(lineage)
        if status == UNCHANGED or unit_id not in new_positions:
            continue
        unit = units[unit_id]
        olds = sorted((units[line.previous_unit_id] for line in lineage if line.previous_unit_id in units),
                      key=lambda old: old.position)
        placed.append(((unit.position, 0, 0), _change(status, unit, olds, explanations.get(("unit", unit.id)))))
    return placed


def _removed(consultation: Consultation, new_positions: dict[int, int], old_positions: dict[int, int],
             units: dict[int, Unit], lines: list[_Line],
             explanations: dict[tuple[str, int], Explanation]) -> list[_Placed]:
    """The removed units of the version before, each with the comments that stayed on it, listed after
    the new unit that took the comments of the nearest old unit before it that lives on."""
    removed_ids = {line.previous_unit_id for line in lines if line.unit_id is None}
    removed = sorted((units[i] for i in removed_ids if i in units), key=lambda unit: unit.position)
    left = _comments_on_anchors(consultation, [unit.anchor for unit in removed])
    successor = {line.previous_unit_id: new_positions[line.unit_id] for line in lines
                 if line.unit_id in new_positions and line.previous_unit_id is not None and line.carries_comments}
    placed, after = [], -1
    for old_id in sorted(old_positions, key=old_positions.get):
        if old_id in removed_ids and old_id in units:
            unit = units[old_id]
            change = Change(REMOVED, None, [unit], explanations.get(("previous", unit.id)),
                            left.get(unit.anchor, []))
            placed.append(((after, 1, unit.position), change))
        elif old_id in successor:
            after = successor[old_id]
    return placed


@dataclass(frozen=True)
class _Line:
    """A line of a version's lineage, as stored (UnitMatch) or worked out on the spot."""

    unit_id: int | None
    previous_unit_id: int | None
    status: str
    carries_comments: bool = True


def _lineage_of(version: DraftVersion) -> list[_Line]:
    return [_Line(*row) for row in db.session.execute(
        sa.select(UnitMatch.unit_id, UnitMatch.previous_unit_id, UnitMatch.status, UnitMatch.carries_comments)
        .where(UnitMatch.version_id == version.id).order_by(UnitMatch.id))]


def _aligned_now(old_units: list[Unit], new_units: list[Unit]) -> list[_Line]:
    """The lineage of a version made without one (a planner's edit of the draft before revisions kept
    lineage): the alignment's, worked out now, so that its changes page still tells what changed."""
    alignment = align([Block(u.anchor, u.text, u.kind) for u in old_units],
                      [Block(u.anchor, u.text, u.kind) for u in new_units])
    lines = []
    for match in alignment.matches:
        if match.new is None:
            lines.append(_Line(None, old_units[match.old[0]].id, REMOVED))
        elif not match.old:
            lines.append(_Line(new_units[match.new].id, None, NEW))
        else:
            lines += [_Line(new_units[match.new].id, old_units[i].id, match.status, alignment.successor(i) == match.new)
                      for i in match.old]
    return lines


def _status(rows: list[_Line] | list[UnitMatch]) -> str:
    statuses = {row.status for row in rows}
    return next((status for status in _SHOWN_FIRST if status in statuses), UNCHANGED)


def _change(status: str, unit: Unit, olds: list[Unit], explanation: Explanation | None) -> Change:
    return Change(status, unit, olds, explanation, [])


def _text_of(units: list[Unit]) -> str:
    return " ".join(unit.text for unit in units)


def _explanations(version: DraftVersion, unit_id: int | None = None) -> dict[tuple[str, int], Explanation]:
    """The explanations of a version's changes, by ("unit", id) or, for a removed unit, ("previous",
    id); the latest when a unit has more than one. An empty one counts as none."""
    query = sa.select(ChangeExplanation).where(ChangeExplanation.version_id == version.id)
    if unit_id is not None:
        query = query.where(ChangeExplanation.unit_id == unit_id)
    rows = [row for row in db.session.scalars(query.order_by(ChangeExplanation.id)) if row.text.strip()]
    named = _published_comments({int(i) for row in rows for i in row.comment_ids or [] if str(i).isdigit()})
    explained = {}
    for row in rows:
        key = ("unit", row.unit_id) if row.unit_id is not None else ("previous", row.previous_unit_id)
        comments = [named[int(i)] for i in row.comment_ids or [] if str(i).isdigit() and int(i) in named]
        explained[key] = Explanation(row.text.strip(), comments)
    return explained


def _published_comments(ids: set[int]) -> dict[int, Comment]:
    if not ids:
        return {}
    return {c.id: c for c in db.session.scalars(
        sa.select(Comment).where(Comment.id.in_(ids), Comment.status == PUBLISHED))}


def _comments_on_anchors(consultation: Consultation, anchors: list[str]) -> dict[str, list[Comment]]:
    """The published comments that sit on these anchors now, oldest first."""
    if not anchors:
        return {}
    found: dict[str, list[Comment]] = {}
    for comment in db.session.scalars(sa.select(Comment).where(
            Comment.consultation_id == consultation.id, Comment.anchor.in_(anchors), Comment.status == PUBLISHED)
            .order_by(Comment.id)):
        found.setdefault(comment.anchor, []).append(comment)
    return found


# One unit through the versions.

def last_change(unit: Unit) -> UnitChange | None:
    """The last version that changed ``unit``'s text, or made it, following its lineage back through
    the versions that left it as it was (or only moved it); None when its text is the first
    version's."""
    here = unit.id
    while True:
        rows = db.session.execute(
            sa.select(UnitMatch, DraftVersion).join(DraftVersion, DraftVersion.id == UnitMatch.version_id)
            .where(UnitMatch.unit_id == here).order_by(UnitMatch.id)).all()
        if not rows:
            return None
        lineage, version = [match for match, _ in rows], rows[0][1]
        status = _status(lineage)
        if status != UNCHANGED:
            olds = sorted(db.session.scalars(sa.select(Unit).where(
                Unit.id.in_([r.previous_unit_id for r in lineage if r.previous_unit_id is not None]))),
                key=lambda old: old.position)
            shown = unit if here == unit.id else db.session.get(Unit, here)
            if status != MOVED or _text_of(olds) != shown.text:
                explanation = _explanations(version, shown.id).get(("unit", shown.id))
                return UnitChange(version, _change(status, shown, olds, explanation))
        here = next((r.previous_unit_id for r in lineage if r.carries_comments and r.previous_unit_id), None)
        if here is None:
            return None


@dataclass(frozen=True)
class LastChanged:
    """``last_change`` in brief: the number of the version that last changed a unit's text (or made
    it; 1 when the text is the first version's), and the municipality's explanation of that change."""

    number: int
    explanation: str | None


def last_changes(version: DraftVersion, units: list[Unit]) -> dict[int, LastChanged]:
    """``last_change`` for every one of ``units`` (units of ``version``) by unit id, in three queries
    at most however many units and versions there are: the lineage up to ``version``, the texts of
    units that were only moved (moving a unit does not change it), and the explanations."""
    rows_of: dict[int, list[_Line]] = {}
    version_of: dict[int, tuple[int, int]] = {}  # unit id → (its version's id, number)
    for unit_id, previous_unit_id, status, carries, version_id, number in db.session.execute(
            sa.select(UnitMatch.unit_id, UnitMatch.previous_unit_id, UnitMatch.status, UnitMatch.carries_comments,
                      DraftVersion.id, DraftVersion.number)
            .join(DraftVersion, DraftVersion.id == UnitMatch.version_id)
            .where(DraftVersion.consultation_id == version.consultation_id, DraftVersion.number <= version.number,
                   UnitMatch.unit_id.is_not(None))
            .order_by(UnitMatch.id)):
        rows_of.setdefault(unit_id, []).append(_Line(unit_id, previous_unit_id, status, carries))
        version_of[unit_id] = (version_id, number)
    status_of = {unit_id: _status(lineage) for unit_id, lineage in rows_of.items()}
    texts = _texts_of_moved(rows_of, status_of)
    changed_by = {unit.id: _last_changed_unit(unit.id, rows_of, status_of, texts) for unit in units}
    explained = _explanation_texts({(changed, version_of[changed][0])
                                    for changed in changed_by.values() if changed is not None})
    first = LastChanged(1, None)
    return {unit_id: first if changed is None else LastChanged(version_of[changed][1], explained.get(changed))
            for unit_id, changed in changed_by.items()}


def _texts_of_moved(rows_of: dict[int, list[_Line]], status_of: dict[int, str]) -> dict[int, tuple[int, str]]:
    """The positions and texts of the units shown as moved and of the units they came from, by unit id."""
    moved = {unit_id for unit_id, status in status_of.items() if status == MOVED}
    wanted = moved | {line.previous_unit_id for unit_id in moved for line in rows_of[unit_id]
                      if line.previous_unit_id is not None}
    if not wanted:
        return {}
    return {unit_id: (position, text) for unit_id, position, text in db.session.execute(
        sa.select(Unit.id, Unit.position, Unit.text).where(Unit.id.in_(wanted)))}


def _last_changed_unit(unit_id: int, rows_of: dict[int, list[_Line]], status_of: dict[int, str],
                       texts: dict[int, tuple[int, str]]) -> int | None:
    """As ``last_change`` follows a unit back, on lineage already read: the id of the unit whose
    version last changed the text, or None when the text is the first version's."""
    here = unit_id
    while here in rows_of:
        lineage, status = rows_of[here], status_of[here]
        if status != UNCHANGED:
            if status != MOVED or _moved_text(lineage, texts) != texts[here][1]:
                return here
        here = next((line.previous_unit_id for line in lineage if line.carries_comments and line.previous_unit_id),
                    None)
    return None


def _moved_text(lineage: list[_Line], texts: dict[int, tuple[int, str]]) -> str:
    """The text a moved unit had before, its predecessors' in document order (as ``_text_of``)."""
    olds = sorted(texts[line.previous_unit_id] for line in lineage if line.previous_unit_id is not None)
    return " ".join(text for _, text in olds)


def _explanation_texts(units: set[tuple[int, int]]) -> dict[int, str]:
    """The explanation of each (unit id, version id)'s change, by unit id: the latest, when there are
    more than one; an empty one counts as none."""
    if not units:
        return {}
    version_of = dict(units)
    texts = {}
    for unit_id, version_id, text in db.session.execute(
            sa.select(ChangeExplanation.unit_id, ChangeExplanation.version_id, ChangeExplanation.text)
            .where(ChangeExplanation.unit_id.in_(version_of)).order_by(ChangeExplanation.id)):
        if version_of[unit_id] == version_id and text.strip():
            texts[unit_id] = text.strip()
    return texts


def fate(consultation: Consultation, unit: Unit) -> Fate:
    """Where ``unit`` lives on in the current version, or which version removed it."""
    here = unit
    while here.version_id != consultation.current_version_id:
        row = db.session.execute(
            sa.select(UnitMatch, Unit).outerjoin(Unit, Unit.id == UnitMatch.unit_id)
            .where(UnitMatch.previous_unit_id == here.id, UnitMatch.carries_comments).order_by(UnitMatch.id)).first()
        if row is None:
            return Fate(None, None)
        match, successor = row
        if successor is None:
            return Fate(None, db.session.get(DraftVersion, match.version_id))
        here = successor
    return Fate(here, None)


def where_anchor_went(consultation: Consultation, anchor: str) -> AnchorPlace | None:
    """For an anchor only earlier versions have: the last version with a unit by it, and where that
    unit lives on now (its successor took another anchor: merged, or re-matched by the planner) or
    that it was removed. None when no version of the consultation had it."""
    row = db.session.execute(
        sa.select(Unit, DraftVersion).join(DraftVersion, DraftVersion.id == Unit.version_id)
        .where(DraftVersion.consultation_id == consultation.id, Unit.anchor == anchor)
        .order_by(DraftVersion.number.desc()).limit(1)).first()
    if row is None:
        return None
    unit, version = row
    return AnchorPlace(version, unit, fate(consultation, unit))


# Comments and the versions they were written on.

def comments_on(unit: Unit) -> list[Comment]:
    """The published comments that sat on ``unit`` while its version was current: those written on it
    and on the units of earlier versions whose comments came to it. A thread's replies follow it."""
    written_on = _lineage_back(unit.id)
    comments = db.session.scalars(sa.select(Comment).where(
        Comment.unit_id.in_(written_on), Comment.status == PUBLISHED).order_by(Comment.id))
    return sorted(comments, key=lambda c: (c.root_id or c.id, c.id))


def comment_counts(version: DraftVersion) -> dict[int, int]:
    """Per unit of ``version``: how many published comments sat on it (as ``comments_on`` counts), in
    two queries: the lineage up to ``version``, and the comments per unit they were written on."""
    in_consultation = ((DraftVersion.consultation_id == version.consultation_id)
                       & (DraftVersion.number <= version.number))
    successor = {previous: (unit_id, number) for previous, unit_id, number in db.session.execute(
        sa.select(UnitMatch.previous_unit_id, UnitMatch.unit_id, DraftVersion.number)
        .join(DraftVersion, DraftVersion.id == UnitMatch.version_id)
        .where(in_consultation, UnitMatch.carries_comments, UnitMatch.previous_unit_id.is_not(None),
               UnitMatch.unit_id.is_not(None)))}
    written = db.session.execute(
        sa.select(Comment.unit_id, DraftVersion.number, sa.func.count())
        .join(Unit, Unit.id == Comment.unit_id).join(DraftVersion, DraftVersion.id == Unit.version_id)
        .where(in_consultation, Comment.status == PUBLISHED).group_by(Comment.unit_id, DraftVersion.number))
    counts: dict[int, int] = {}
    for unit_id, number, n in written:
        while number < version.number and unit_id in successor:
            unit_id, number = successor[unit_id]
        if number == version.number:
            counts[unit_id] = counts.get(unit_id, 0) + n
    return counts


def written_before(comments: Iterable[Comment], unit: Unit) -> dict[int, Origin]:
    """For the comments written on an earlier version than ``unit``'s: the version and the text they
    were written on, by comment id. No query when every comment was written on ``unit`` itself."""
    earlier = {c.id: c.unit_id for c in comments if c.unit_id is not None and c.unit_id != unit.id}
    if not earlier:
        return {}
    units = {u.id: (u, number) for u, number in db.session.execute(
        sa.select(Unit, DraftVersion.number).join(DraftVersion, DraftVersion.id == Unit.version_id)
        .where(Unit.id.in_(set(earlier.values()))))}
    return {comment_id: Origin(units[unit_id][1], units[unit_id][0]) for comment_id, unit_id in earlier.items()
            if unit_id in units and units[unit_id][0].version_id != unit.version_id}


def _lineage_back(unit_id: int) -> set[int]:
    """``unit_id`` and every unit of an earlier version whose comments came to it, through any number
    of versions: a query per version."""
    found, frontier = {unit_id}, {unit_id}
    while frontier:
        frontier = set(db.session.scalars(sa.select(UnitMatch.previous_unit_id).where(
            UnitMatch.unit_id.in_(frontier), UnitMatch.carries_comments,
            UnitMatch.previous_unit_id.is_not(None)))) - found
        found |= frontier
    return found
