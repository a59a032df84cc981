"""What the municipality changed in a unit of a published revision, and why (endringsbegrunnelse): one
explanation per changed, new or removed unit of a version, written by a planner, citing the comments
that led to the change by their ids. Every change of an explanation is written to the audit log.

What changed is history.changes_in's, the changes the public pages show; this module adds what only
the planner's form needs. A unit is keyed on the planner's page by ``u<unit id>`` (a unit of the
version: changed, moved, split, merged or new) or ``p<unit id>`` (a unit of the version before that
the revision removed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from hoering import markup
from hoering.audit import services as audit
from hoering.clock import utcnow
from hoering.comments.models import PENDING, Comment
from hoering.consultations.models import Consultation, DraftVersion, Unit
from hoering.database import begin_write
from hoering.extensions import db
from hoering.revisions import history
from hoering.revisions.models import ChangeExplanation

MAX_EXPLANATION_LENGTH = 5_000
MAX_CITED_COMMENTS = 100
SHOWN_COMMENTS = 30  # of the comments on a unit, offered as a hint
TEXT = "text"
COMMENTS = "comments"

_ID_SEPARATORS = re.compile(r"[\s,;]+")


class ExplanationsRejected(ValueError):
    """Explanations that cannot be saved: ``errors`` {unit key: {TEXT or COMMENTS: reason}}. Nothing
    was saved."""

    def __init__(self, errors: dict[str, dict[str, object]]) -> None:
        super().__init__(f"{len(errors)} explanations refused")
        self.errors = errors


@dataclass(frozen=True)
class Entry:
    """What the planner typed for one unit: the explanation, and the comment ids as typed ("12, 48")."""

    text: str
    comment_ids: str = ""


@dataclass(frozen=True)
class ChangedUnit:
    """A change of history.changes_in as the planner's form shows it, with the explanation as stored
    (every id the planner cited, not only the comments the public sees now) and ``comments``: the ids
    of comments written on or sitting on its units, a hint of which to cite."""

    change: history.Change
    explanation: ChangeExplanation | None
    comments: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        return _key_of(self.change)

    @property
    def status(self) -> str:
        return self.change.status

    @property
    def unit(self) -> Unit | None:
        """The unit in the version; None for a removed unit."""
        return self.change.unit

    @property
    def previous(self) -> tuple[Unit, ...]:
        """The units of the version before it came from, in document order."""
        return tuple(self.change.old_units)

    @property
    def diff(self) -> tuple[tuple[str, str], ...]:
        """The word diff from the previous text; empty when there is nothing to compare (a new or
        removed unit) or the text is as it was (a moved unit), so the form shows the plain text."""
        if self.unit is None or not self.previous or not self.change.text_changed:
            return ()
        return tuple(self.change.diff)

    @property
    def citation(self) -> str:
        shown = self.unit or self.previous[0]
        return shown.label or shown.number


@dataclass(frozen=True)
class VersionChanges:
    version: DraftVersion
    units: list[ChangedUnit]

    @property
    def previous_number(self) -> int:
        return self.version.number - 1

    @property
    def explained(self) -> int:
        return sum(1 for unit in self.units if unit.explanation is not None)


def version_changes(consultation: Consultation, number: int) -> VersionChanges:
    """The changed, new and removed units of version ``number`` (in document order, the removed ones
    last) with their explanations; none for a version that revised nothing (the first). Raises
    history.VersionNotFound when the consultation has no such version."""
    if number < 2:
        return VersionChanges(history.version_numbered(consultation, number), [])
    changes = history.changes_in(consultation, number)
    stored = _stored_explanations(changes.version)
    hints = _comment_hints(consultation, changes.changes)
    units = [ChangedUnit(change, stored.get(_key_of(change)), hint) for change, hint in zip(changes.changes, hints)]
    return VersionChanges(changes.version, sorted(units, key=_listed))


def parse_comment_ids(typed: str) -> list[int]:
    """The comment ids in what the planner typed ("12, 48", "#12 #48"), in order, each once; or
    ValueError with the reason, in the planner's words, as its argument."""
    ids: list[int] = []
    for word in _ID_SEPARATORS.split(typed or ""):
        word = word.removeprefix("#")
        if not word:
            continue
        if not word.isdigit() or len(word) > 12:
            raise ValueError(_l("«%(word)s» er ikke et innspillnummer. Skriv numrene skilt med komma, "
                                "for eksempel 12, 48.", word=word[:20]))
        if int(word) not in ids:
            ids.append(int(word))
    if len(ids) > MAX_CITED_COMMENTS:
        raise ValueError(_l("Vis til høyst %(n)d innspill per punkt.", n=MAX_CITED_COMMENTS))
    return ids


def explain(consultation: Consultation, number: int, entries: dict[str, Entry], actor) -> int:
    """Write, replace or (both fields empty) delete the explanations of the units ``entries`` names;
    all or none: ExplanationsRejected says what is wrong with each. Commits; returns how many
    explanations changed."""
    changes = version_changes(consultation, number)
    by_key = {unit.key: unit for unit in changes.units}
    errors: dict[str, dict[str, object]] = {}
    checked: dict[str, tuple[str, list[int]]] = {}
    for key, entry in entries.items():
        if key not in by_key:
            errors[key] = {TEXT: _l("Punktet er ikke endret i versjon %(n)d.", n=number)}
            continue
        problems, text, ids = _checked(entry)
        if problems:
            errors[key] = problems
        else:
            checked[key] = (text, ids)
    _check_cited(consultation, checked, errors)
    if errors:
        raise ExplanationsRejected(errors)
    version_id = changes.version.id
    begin_write()
    saved = sum(_save(version_id, by_key[key], text, ids, actor) for key, (text, ids) in checked.items())
    db.session.commit()
    return saved


def _checked(entry: Entry) -> tuple[dict[str, object], str, list[int]]:
    problems: dict[str, object] = {}
    text = markup.clean_text(entry.text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_EXPLANATION_LENGTH:
        problems[TEXT] = _l("Begrunnelsen kan være høyst %(n)d tegn.", n=MAX_EXPLANATION_LENGTH)
    try:
        ids = parse_comment_ids(entry.comment_ids)
    except ValueError as error:
        problems[COMMENTS] = error.args[0]
        ids = []
    if ids and not text and TEXT not in problems:
        problems[TEXT] = _l("Skriv hva dere endret og hvorfor, ikke bare hvilke innspill som førte til det.")
    return problems, text, ids


def _check_cited(consultation: Consultation, checked: dict[str, tuple[str, list[int]]],
                 errors: dict[str, dict[str, object]]) -> None:
    """Cited ids must be comments of this consultation that the public can see (not held back)."""
    cited = {i for _, ids in checked.values() for i in ids}
    if not cited:
        return
    status_of = dict(db.session.execute(sa.select(Comment.id, Comment.status).where(
        Comment.consultation_id == consultation.id, Comment.id.in_(cited))).all())
    for key, (_, ids) in list(checked.items()):
        unknown = [str(i) for i in ids if i not in status_of]
        held = [str(i) for i in ids if status_of.get(i) == PENDING]
        if unknown:
            errors[key] = {COMMENTS: _l("Høringen har ikke noe innspill med nummer %(ids)s.", ids=", ".join(unknown))}
        elif held:
            errors[key] = {COMMENTS: _l("Innspill %(ids)s venter på moderering og kan ikke vises til ennå.",
                                        ids=", ".join(held))}
        if key in errors:
            del checked[key]


def _save(version_id: int, unit: ChangedUnit, text: str, ids: list[int], actor) -> bool:
    current = db.session.get(ChangeExplanation, unit.explanation.id) if unit.explanation is not None else None
    before = {"text": current.text, "comment_ids": current.comment_ids} if current else None
    if current is not None and current.text == text and list(current.comment_ids or []) == ids:
        return False
    if not text and not ids:
        if current is None:
            return False
        db.session.delete(current)
        after = None
    else:
        if current is None:
            current = ChangeExplanation(version_id=version_id,
                                        unit_id=unit.unit.id if unit.unit is not None else None,
                                        previous_unit_id=None if unit.unit is not None else unit.previous[0].id)
            db.session.add(current)
        current.text, current.comment_ids, current.written_by_id = text, ids, getattr(actor, "id", None)
        current.written_at = utcnow()
        after = {"text": text, "comment_ids": ids}
    audit.record(actor, "revision.explain", "draft_version", version_id,
                 before={"unit": unit.key, "explanation": before}, after={"unit": unit.key, "explanation": after})
    return True


def _key(unit_id: int | None, previous_unit_id: int | None) -> str:
    return f"u{unit_id}" if unit_id is not None else f"p{previous_unit_id}"


def _key_of(change: history.Change) -> str:
    return _key(change.unit.id, None) if change.unit is not None else _key(None, change.old_units[0].id)


def _stored_explanations(version: DraftVersion) -> dict[str, ChangeExplanation]:
    """The version's explanations by unit key; the latest when a unit has more than one."""
    return {_key(row.unit_id, row.previous_unit_id): row for row in db.session.scalars(
        sa.select(ChangeExplanation).where(ChangeExplanation.version_id == version.id).order_by(ChangeExplanation.id))}


def _listed(unit: ChangedUnit) -> tuple[bool, int]:
    """Where the form lists a unit: the version's in document order, then the removed ones in theirs."""
    return unit.unit is None, (unit.unit or unit.previous[0]).position


def _comment_hints(consultation: Consultation, changes: list[history.Change]) -> list[tuple[int, ...]]:
    """Per change, the comments (not held back) written on its units or sitting on their anchors, at
    most SHOWN_COMMENTS of them."""
    owners = [[u for u in (change.unit, *change.old_units) if u is not None] for change in changes]
    unit_ids = {u.id for own in owners for u in own}
    anchors = {u.anchor for own in owners for u in own}
    rows = db.session.execute(sa.select(Comment.id, Comment.unit_id, Comment.anchor).where(
        Comment.consultation_id == consultation.id, Comment.status != PENDING,
        sa.or_(Comment.unit_id.in_(unit_ids), Comment.anchor.in_(anchors))).order_by(Comment.id)).all()
    return [_comments_of(rows, own) for own in owners]


def _comments_of(rows, own: list[Unit]) -> tuple[int, ...]:
    ids, own_anchors = {u.id for u in own}, {u.anchor for u in own}
    return tuple(row.id for row in rows if row.unit_id in ids or row.anchor in own_anchors)[:SHOWN_COMMENTS]
