"""Rules for consultations: creating them from a draft, finding them, and what the public sees."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa

from hoering import markup
from hoering.clock import utcnow
from hoering.consultations.drafting import HEADING, LABEL_ANCHORS, split_markdown
from hoering.consultations.models import (
    DRAFT,
    PUBLISHED,
    STATUS_CLOSED,
    STATUS_OPEN,
    STATUS_UPCOMING,
    Consultation,
    DraftVersion,
    Unit,
)
from hoering.extensions import db
from hoering.rejections import Missing


class ConsultationNotFound(Missing):
    """No public consultation (or unit) answers to that slug or anchor."""


def as_utc(moment: datetime) -> datetime:
    """Store every moment as naive UTC; an aware moment is converted, a naive one taken as UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def create_consultation(
    *,
    slug: str,
    title: str,
    organisation: str,
    opens_at: datetime,
    closes_at: datetime,
    draft: str,
    summary: str = "",
    contact: str = "",
    phase: str = PUBLISHED,
    language: str = "nb",
) -> Consultation:
    """Create a consultation with its first draft version split into units; flushes, does not commit."""
    consultation = Consultation(
        slug=slug,
        title=markup.clean_text(title),
        summary=markup.clean_text(summary),
        organisation=markup.clean_text(organisation),
        contact=markup.clean_text(contact),
        opens_at=as_utc(opens_at),
        closes_at=as_utc(closes_at),
        phase=phase,
        language=language,
        anchor_rule=LABEL_ANCHORS,
    )
    db.session.add(consultation)
    db.session.flush()
    add_draft_version(consultation, draft)
    return consultation


def add_draft_version(consultation: Consultation, source: str, units: list[dict] | None = None) -> DraftVersion:
    """Split ``source`` into a new draft version and make it the consultation's current one.

    ``units`` are ``rendered_units(source, …)`` when the caller has them already.
    """
    source = markup.clean_text(source)
    units = rendered_units(source, consultation.language, consultation.anchor_rule) if units is None else units
    previous = db.session.scalar(
        sa.select(sa.func.max(DraftVersion.number)).where(DraftVersion.consultation_id == consultation.id)
    )
    version = DraftVersion(consultation_id=consultation.id, number=(previous or 0) + 1, source=source)
    db.session.add(version)
    db.session.flush()
    db.session.execute(sa.insert(Unit), [{**row, "version_id": version.id} for row in units])
    consultation.current_version_id = version.id
    db.session.flush()
    return version


def rendered_units(source: str, language: str = "nb", anchor_rule: int = LABEL_ANCHORS,
                   known_html: dict[str, str] | None = None) -> list[dict]:
    """The unit rows of ``source``, labelled for a draft in ``language``, anchored by ``anchor_rule``,
    their HTML rendered; touches no database. ``known_html`` maps texts already rendered (the units
    of the version a revision replaces) to their HTML, which is reused: a unit's HTML depends on its
    text alone.

    Rendering a long draft takes seconds: a planner's save does it before it takes the write lock
    (hoering.database), so that citizens' comments do not wait for it. Raises markup.MarkupRejected.
    """
    known_html = known_html or {}
    return [_unit_row(unit, known_html) for unit in split_markdown(markup.clean_text(source), language, anchor_rule)]


def _unit_row(unit, known_html: dict[str, str]) -> dict:
    if unit.kind == HEADING:
        html = ""
    else:
        html = known_html.get(unit.text) or markup.render(unit.text, markup.DRAFT)
    return {
        "position": unit.position,
        "number": unit.number,
        "anchor": unit.anchor,
        "kind": unit.kind,
        "level": unit.level,
        "text": unit.text,
        "html": html,
        "label": unit.label,
        "marker": unit.marker,
    }


def public_consultations() -> list[Consultation]:
    """Every consultation the public may see, newest deadline first within open and then closed."""
    return list(
        db.session.scalars(
            sa.select(Consultation).where(Consultation.phase != DRAFT).order_by(Consultation.closes_at.desc())
        )
    )


@dataclass(frozen=True)
class FrontPage:
    open: list[Consultation]
    upcoming: list[Consultation]
    closed: list[Consultation]


def front_page() -> FrontPage:
    """Open consultations (soonest deadline first), upcoming ones, then closed ones (latest first)."""
    now = utcnow()
    consultations = public_consultations()
    by_status = {STATUS_OPEN: [], STATUS_UPCOMING: [], STATUS_CLOSED: []}
    for consultation in consultations:
        status = consultation.status_at(now)
        by_status.get(status, by_status[STATUS_CLOSED]).append(consultation)
    by_status[STATUS_OPEN].sort(key=lambda c: c.closes_at)
    by_status[STATUS_UPCOMING].sort(key=lambda c: c.opens_at)
    return FrontPage(by_status[STATUS_OPEN], by_status[STATUS_UPCOMING], by_status[STATUS_CLOSED])


def get_public_consultation(slug: str) -> Consultation:
    """The published consultation with this slug, or ConsultationNotFound."""
    consultation = db.session.scalar(
        sa.select(Consultation).where(Consultation.slug == slug, Consultation.phase != DRAFT)
    )
    if consultation is None:
        raise ConsultationNotFound(slug)
    return consultation


def unit_citations(consultation: Consultation) -> dict[str, str]:
    """Anchor → citation in the current draft version (a comment follows its anchor across versions)."""
    rows = db.session.execute(
        sa.select(Unit.anchor, Unit.number, Unit.label).where(Unit.version_id == consultation.current_version_id)
    )
    return {anchor: label or number for anchor, number, label in rows}


def current_units(consultation: Consultation) -> list[Unit]:
    """The units of the consultation's current draft version, in document order."""
    return list(
        db.session.scalars(
            sa.select(Unit).where(Unit.version_id == consultation.current_version_id).order_by(Unit.position)
        )
    )


@dataclass(frozen=True)
class UnitInContext:
    unit: Unit
    before: list[Unit]
    after: list[Unit]


def unit_in_context(consultation: Consultation, anchor: str, around: int = 1) -> UnitInContext:
    """A unit of the current version with up to ``around`` neighbours on each side."""
    unit = db.session.scalar(
        sa.select(Unit).where(Unit.version_id == consultation.current_version_id, Unit.anchor == anchor)
    )
    if unit is None:
        raise ConsultationNotFound(anchor)
    neighbours = list(
        db.session.scalars(
            sa.select(Unit)
            .where(
                Unit.version_id == unit.version_id,
                Unit.position.between(unit.position - around, unit.position + around),
                Unit.id != unit.id,
            )
            .order_by(Unit.position)
        )
    )
    return UnitInContext(
        unit,
        [n for n in neighbours if n.position < unit.position],
        [n for n in neighbours if n.position > unit.position],
    )
