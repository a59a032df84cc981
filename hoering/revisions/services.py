"""A revised draft: proposed (the new text split into units and lined up with the current version) and
published (version N+1 becomes current, each successor keeps its predecessor's anchor, and the comments
sit where the alignment says).

Comment.unit_id is the unit a comment was written on, forever; Comment.anchor is where it sits now, the
anchor of its unit's successor in the current version. Publishing moves the anchor of the comments whose
unit took another unit's anchor (merged into it, or re-matched by the planner); comments of a removed
unit keep an anchor no later unit may take, so they are never pinned to a neighbour.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from hoering.audit import services as audit
from hoering.comments.models import Comment
from hoering.consultations.drafting import RESERVED_ANCHORS, AnchorRegistry
from hoering.consultations.models import Consultation, DraftVersion, Unit
from hoering.consultations.services import add_draft_version, rendered_units
from hoering.extensions import db
from hoering.rejections import Rejected
from hoering.revisions.alignment import EDITED, MERGED, NEW, REMOVED, SPLIT, Alignment, Block, align
from hoering.revisions.models import UnitMatch


STALE = _l("Høringsdokumentet har fått en ny versjon siden denne filen ble lastet opp. "
           "Last opp det reviderte utkastet på nytt.")


class RevisionRejected(Rejected):
    """A revision that cannot be proposed or published."""


@dataclass(frozen=True)
class OldUnit:
    id: int
    anchor: str
    number: str
    label: str
    kind: str
    text: str


@dataclass
class Proposal:
    """A revised draft lined up with the current version, not stored: what the planner checks before
    publishing. ``successors`` starts as the alignment's and takes the planner's corrections."""

    consultation_id: int
    version_number: int  # the current version's
    source: str
    old: list[OldUnit]
    new: list[dict]  # rows as consultations.services.rendered_units makes them
    alignment: Alignment
    comment_counts: dict[str, int]  # per anchor of the current version
    successors: dict[int, int | None] = field(default_factory=dict)
    corrected: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.successors:
            self.successors = {i: self.alignment.successor(i) for i in range(len(self.old))}

    def correct(self, old_index: int, new_index: int | None) -> None:
        """The planner's choice: the old unit's comments go to ``new_index`` (None: it was removed)."""
        if not 0 <= old_index < len(self.old) or (new_index is not None and not 0 <= new_index < len(self.new)):
            raise RevisionRejected(None, _l("Punktet finnes ikke i utkastet."))
        self.successors[old_index] = new_index
        self.corrected.add(old_index)

    def match(self, old_index: int) -> tuple[int | None, str, float]:
        """(new index, status, confidence) of an old unit as it will be published: the alignment's
        proposal, or the planner's correction (certain, by definition)."""
        j = self.successors.get(old_index)
        if j is None:
            return None, REMOVED, 1.0
        if old_index in self.corrected:
            sources = [i for i, target in self.successors.items() if target == j]
            return j, MERGED if len(sources) > 1 else EDITED, 1.0
        match = self.alignment.matches[j]
        return j, match.status, match.confidence

    def orphaned_parts(self) -> list[tuple[int, int]]:
        """(old index, new index) of split parts that do not take the old unit's comments."""
        return [(i, match.new) for match in self.alignment.matches if match.status == SPLIT
                for i in match.old if i not in self.corrected and self.successors.get(i) != match.new]

    def new_units(self) -> list[int]:
        """The new units no old unit lives on in."""
        targets = set(self.successors.values()) | {j for _, j in self.orphaned_parts()}
        return [j for j in range(len(self.new)) if j not in targets]

    def comments_on_removed(self) -> int:
        return sum(self.comment_counts.get(unit.anchor, 0) for i, unit in enumerate(self.old)
                   if self.successors.get(i) is None)


def propose(consultation: Consultation, source: str) -> Proposal:
    """Split ``source`` as the consultation's drafts are split, and line it up with the current version.
    Raises markup.MarkupRejected for a text that cannot be shown."""
    current = db.session.get(DraftVersion, consultation.current_version_id) if consultation.current_version_id else None
    if current is None:
        raise RevisionRejected(None, _l("Høringen har ikke noe dokument å lage en ny versjon av."))
    current_units = list(db.session.scalars(sa.select(Unit).where(Unit.version_id == current.id).order_by(Unit.position)))
    known_html = {u.text: u.html for u in current_units if u.html}
    new = rendered_units(source, consultation.language, consultation.anchor_rule, known_html)
    old = [OldUnit(u.id, u.anchor, u.number, u.label, u.kind, u.text) for u in current_units]
    alignment = align([Block(u.anchor, u.text, u.kind) for u in old],
                      [Block(row["anchor"], row["text"], row["kind"]) for row in new])
    counts = dict(db.session.execute(
        sa.select(Comment.anchor, sa.func.count()).where(Comment.consultation_id == consultation.id,
                                                         Comment.anchor.is_not(None))
        .group_by(Comment.anchor)).all())
    return Proposal(consultation.id, current.number, source, old, new, alignment, counts)


def publish(consultation: Consultation, proposal: Proposal, actor) -> DraftVersion:
    """Make the proposal version N+1: successors keep their predecessors' anchors, other units get
    anchors no earlier version used, the lineage and the comments' places are stored, and every match
    is written to the audit log. The consultation's status and dates stay as they are. Commits."""
    if consultation.current_version_id is None or _current_number(consultation) != proposal.version_number:
        raise RevisionRejected(None, STALE)
    rows = _anchored(consultation, proposal)
    version = add_draft_version(consultation, proposal.source, rows)
    new_ids = dict(db.session.execute(sa.select(Unit.position, Unit.id).where(Unit.version_id == version.id)).all())
    db.session.add_all(_lineage(proposal, version, new_ids))
    moved = _move_comments(consultation, proposal, rows)
    audit.record(actor, "consultation.revise", "consultation", consultation.id,
                 before={"version": proposal.version_number},
                 after={"version": version.number, "comments_moved": moved, "matches": _audit_lines(proposal, rows)})
    db.session.commit()
    return version


def _current_number(consultation: Consultation) -> int | None:
    return db.session.scalar(sa.select(DraftVersion.number).where(DraftVersion.id == consultation.current_version_id))


def _anchored(consultation: Consultation, proposal: Proposal) -> list[dict]:
    """The new rows with their anchors: a successor takes the anchor of its first predecessor in
    document order, the alignment's before the planner's corrections (a unit the planner sends
    another unit's comments to keeps its own anchor, and so its address); any other unit an anchor
    no version of the consultation has used."""
    carrier: dict[int, int] = {}  # new index → old index whose anchor it takes
    for i, j in sorted(proposal.successors.items(), key=lambda item: (item[0] in proposal.corrected, item[0])):
        if j is not None and j not in carrier:
            carrier[j] = i
    taken = set(RESERVED_ANCHORS) | _anchors_ever_used(consultation) | {proposal.old[i].anchor for i in carrier.values()}
    registry = AnchorRegistry(taken)
    rows = []
    for j, row in enumerate(proposal.new):
        anchor = proposal.old[carrier[j]].anchor if j in carrier else registry.claim(row["anchor"])
        rows.append({**row, "anchor": anchor})
    return rows


def _anchors_ever_used(consultation: Consultation) -> set[str]:
    versions = sa.select(DraftVersion.id).where(DraftVersion.consultation_id == consultation.id)
    return set(db.session.scalars(sa.select(Unit.anchor).where(Unit.version_id.in_(versions)).distinct()))


def _lineage(proposal: Proposal, version: DraftVersion, new_ids: dict[int, int]) -> list[UnitMatch]:
    lines = []
    for i, unit in enumerate(proposal.old):
        j, status, confidence = proposal.match(i)
        lines.append(UnitMatch(version_id=version.id, unit_id=new_ids[j] if j is not None else None,
                               previous_unit_id=unit.id, status=status, confidence=confidence,
                               corrected=i in proposal.corrected))
    for i, j in proposal.orphaned_parts():
        lines.append(UnitMatch(version_id=version.id, unit_id=new_ids[j], previous_unit_id=proposal.old[i].id,
                               status=SPLIT, confidence=proposal.alignment.matches[j].confidence,
                               carries_comments=False))
    lines += [UnitMatch(version_id=version.id, unit_id=new_ids[j], previous_unit_id=None, status=NEW)
              for j in proposal.new_units()]
    return lines


def _move_comments(consultation: Consultation, proposal: Proposal, rows: list[dict]) -> int:
    """Comments of an old unit whose successor took another anchor (merged, or re-matched) follow it."""
    moved = 0
    for i, unit in enumerate(proposal.old):
        j = proposal.successors.get(i)
        if j is None or rows[j]["anchor"] == unit.anchor:
            continue
        result = db.session.execute(
            sa.update(Comment).where(Comment.consultation_id == consultation.id, Comment.anchor == unit.anchor)
            .values(anchor=rows[j]["anchor"]))
        moved += result.rowcount or 0
    return moved


def _audit_lines(proposal: Proposal, rows: list[dict]) -> list[list]:
    """[old anchor, new anchor (None: removed), status, confidence, corrected] per old unit, then
    [None, new anchor, "new", 1.0, False] per new unit."""
    lines = []
    for i, unit in enumerate(proposal.old):
        j, status, confidence = proposal.match(i)
        lines.append([unit.anchor, rows[j]["anchor"] if j is not None else None, status, confidence,
                      i in proposal.corrected])
    return lines + [[None, rows[j]["anchor"], NEW, 1.0, False] for j in proposal.new_units()]
