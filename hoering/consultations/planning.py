"""The planner's side of a consultation: creating and editing it, and taking it through its life.

A consultation is a draft until it is published; then its status follows the clock (upcoming, open,
closed at the deadline) with no scheduler, until a planner marks it processed. Only drafts can be
deleted. Every change is written to the audit log in the same transaction, with snapshots of the
metadata before and after (the draft itself as a short hash and a unit count, not its whole text).

Who may manage what: admins every consultation, planners the ones they own and the ones that have
no owner (made on the command line or by the demo loader, or whose owner's account was removed),
so that none is left where only an admin can reach it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, time

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from slugify import slugify
from sqlalchemy.exc import IntegrityError

from hoering import markup
from hoering.accounts.models import ADMIN
from hoering.audit import services as audit
from hoering.clock import utcnow
from hoering.comments.models import Comment
from hoering.consultations import deadlines
from hoering.consultations.deadline_messages import deadline_message
from hoering.consultations.citations import Citable
from hoering.consultations.draft_language import BOKMAAL, DRAFT_LANGUAGES
from hoering.consultations.drafting import LABEL_ANCHORS, split_markdown
from hoering.consultations.models import (
    DRAFT,
    MODERATION_MODES,
    MODERATION_POST,
    PROCESSED,
    PUBLISHED,
    STATUS_CLOSED,
    Consultation,
    DraftVersion,
    Unit,
)
from hoering.consultations.services import ConsultationNotFound, add_draft_version, as_utc, rendered_units
from hoering.database import begin_write
from hoering.extensions import db
from hoering.presentation import local_date
from hoering.rejections import Rejected

MAX_TITLE_LENGTH = 300
MAX_ORGANISATION_LENGTH = 200
MAX_CONTACT_LENGTH = 300
MAX_SUMMARY_LENGTH = 10_000
MAX_SLUG_LENGTH = 80
MAX_REASON_LENGTH = 2_000
# When a consultation opens and closes on a day given without a time: at the start and the end of it.
OPENS_AT_DEFAULT_TIME = time(0, 0)
CLOSES_AT_DEFAULT_TIME = time(23, 59)
MAX_DRAFT_LENGTH = 1_000_000  # characters; a long municipal plan is a tenth of this

# Words a slug never takes: they are, or may become, paths beside /<slug> under /hoeringer/,
# /admin/hoeringer/ and /api/v1/consultations/ ("ny" is the planner's page for a new consultation).
RESERVED_SLUGS = frozenset(
    {"ny", "admin", "api", "static", "hoeringer", "logg-inn", "logg-ut", "rediger", "publiser", "slett", "eksport",
     "bilder"}  # /hoeringer/bilder/<sha256>: the pictures of drafts
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ConsultationRejected(Rejected):
    """Input or a step a consultation cannot take."""


@dataclass(frozen=True)
class ConsultationInput:
    """What a planner fills in. Moments may be aware (converted to UTC) or naive UTC."""

    title: str
    organisation: str
    opens_at: datetime | None
    closes_at: datetime | None
    draft: str
    slug: str = ""
    summary: str = ""
    contact: str = ""
    moderation_mode: str = MODERATION_POST
    language: str = BOKMAAL
    kind: str = deadlines.OTHER
    short_deadline_reason: str = ""
    late_responses: str = deadlines.ACCEPT_LATE


def may_manage(user, consultation: Consultation) -> bool:
    """Whether ``user`` may see and change this consultation on the staff pages."""
    if user.has_any_role([ADMIN]):
        return True
    return consultation.owner_id is None or consultation.owner_id == user.id


def consultations_for(user) -> list[Consultation]:
    """The consultations ``user`` manages, latest deadline first (admins: all of them)."""
    query = sa.select(Consultation).order_by(Consultation.closes_at.desc(), Consultation.id.desc())
    if not user.has_any_role([ADMIN]):
        query = query.where(sa.or_(Consultation.owner_id == user.id, Consultation.owner_id.is_(None)))
    return list(db.session.scalars(query))


def get_staff_consultation(slug: str) -> Consultation:
    """The consultation with this slug in any phase, drafts included, or ConsultationNotFound."""
    consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == slug))
    if consultation is None:
        raise ConsultationNotFound(slug)
    return consultation


def slug_for(title: str, taken_by: int | None = None) -> str:
    """A URL-safe, unused slug made from ``title`` (æ ø å as ae o a), with -2, -3 … for repeats.

    ``taken_by`` is the id of the consultation the slug is for: its own slug does not count as taken.
    """
    base = slugify(title, max_length=MAX_SLUG_LENGTH - 4, word_boundary=True) or "horing"
    slug, suffix = base, 1
    while slug in RESERVED_SLUGS or _slug_taken(slug, taken_by):
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def _slug_taken(slug: str, taken_by: int | None) -> bool:
    query = sa.select(Consultation.id).where(Consultation.slug == slug)
    if taken_by is not None:
        query = query.where(Consultation.id != taken_by)
    return db.session.scalar(query) is not None


@dataclass(frozen=True)
class PreviewUnit(Citable):
    """A unit as the preview shows it: as citizens will see it, its HTML rendered."""

    number: str
    kind: str
    text: str
    html: str
    label: str
    marker: str


def preview_units(markdown: str, language: str = BOKMAAL) -> list[PreviewUnit]:
    """How ``markdown`` would be split into labelled units and shown, without saving anything."""
    return [
        PreviewUnit(row["number"], row["kind"], row["text"], row["html"], row["label"], row["marker"])
        for row in _rendered(_check_draft(markdown), language, LABEL_ANCHORS)
    ]


def save_consultation(consultation: Consultation | None, entry: ConsultationInput, actor) -> Consultation:
    """Create (as a draft owned by ``actor``) or update a consultation, and log it; commits.

    Everything is checked before anything is written, so a rejection (ConsultationRejected) leaves
    the database as it was. A changed draft replaces the units while the consultation is an
    unpublished draft; once published it is refused: a new version is made as a revision.
    """
    values = _checked_values(consultation, entry)
    draft = _check_draft(entry.draft)
    # Labels are worded in the draft's language ("andre ledd", "andre avsnitt"), so they follow it.
    changed = consultation is None or draft != _current_source(consultation) or values["language"] != consultation.language
    if consultation is not None and consultation.phase == PROCESSED and changed:
        raise ConsultationRejected(
            "draft", _("Høringsdokumentet kan ikke endres etter at høringen er ferdig behandlet.")
        )
    if consultation is not None and consultation.phase != DRAFT and changed:
        # A published draft changes through a revision (hoering.revisions), which shows where every
        # comment will go before anything is published.
        raise ConsultationRejected("draft", _(
            "Høringen er publisert. Last opp en ny versjon under «Ny versjon av utkastet»: der ser du hvor "
            "innspillene havner før den publiseres."))
    anchor_rule = consultation.anchor_rule if consultation is not None else LABEL_ANCHORS
    units = _rendered(draft, values["language"], anchor_rule) if changed else None
    begin_write()  # the slow part is done: now wait for the write lock (the views are ``writes_later``)
    before = snapshot(consultation) if consultation is not None else None
    try:
        if consultation is None:
            consultation = Consultation(phase=DRAFT, owner_id=getattr(actor, "id", None), anchor_rule=anchor_rule, **values)
            db.session.add(consultation)
            db.session.flush()
            add_draft_version(consultation, draft, units)
        else:
            for name, value in values.items():
                setattr(consultation, name, value)
            if changed:
                _replace_draft(consultation, draft, units)
        db.session.flush()
    except IntegrityError as error:  # another request took the slug between our check and the insert
        db.session.rollback()
        raise ConsultationRejected("slug", _("Adressen er allerede i bruk. Velg en annen.")) from error
    _log(actor, "consultation.create" if before is None else "consultation.update", consultation, before)
    db.session.commit()
    return consultation


def _checked_values(consultation: Consultation | None, entry: ConsultationInput) -> dict:
    """The metadata columns from ``entry``, or ConsultationRejected naming the first bad field."""
    title, organisation = entry.title.strip(), entry.organisation.strip()
    contact, summary = entry.contact.strip(), entry.summary.strip()
    _require(title, "title", _("Skriv en tittel."))
    _require(len(title) <= MAX_TITLE_LENGTH, "title", _("Tittelen kan være høyst %(n)d tegn.", n=MAX_TITLE_LENGTH))
    _require(organisation, "organisation", _("Skriv hvilken enhet som har ansvaret."))
    _require(len(organisation) <= MAX_ORGANISATION_LENGTH, "organisation",
             _("Enheten kan være høyst %(n)d tegn.", n=MAX_ORGANISATION_LENGTH))
    _require(len(contact) <= MAX_CONTACT_LENGTH, "contact",
             _("Kontaktfeltet kan være høyst %(n)d tegn.", n=MAX_CONTACT_LENGTH))
    _require(len(summary) <= MAX_SUMMARY_LENGTH, "summary",
             _("Sammendraget kan være høyst %(n)d tegn.", n=MAX_SUMMARY_LENGTH))
    _require(entry.opens_at is not None, "opens_at", _("Velg når høringen åpner."))
    _require(entry.closes_at is not None, "closes_at", _("Velg høringsfristen."))
    opens_at, closes_at = as_utc(entry.opens_at), as_utc(entry.closes_at)
    _require(closes_at > opens_at, "closes_at", _("Høringsfristen må være etter at høringen åpner."))
    _require(entry.moderation_mode in MODERATION_MODES, "moderation_mode", _("Velg en måte å moderere på."))
    _require(entry.language in DRAFT_LANGUAGES, "language", _("Velg hvilket språk høringsdokumentet er skrevet på."))
    _require(entry.kind in deadlines.KINDS, "kind", _("Velg hva slags høring dette er."))
    _require(entry.late_responses in deadlines.LATE_RESPONSES, "late_responses",
             _("Velg hva som skjer med svar som kommer etter fristen."))
    reason = entry.short_deadline_reason.strip()
    _require(len(reason) <= MAX_REASON_LENGTH, "short_deadline_reason",
             _("Begrunnelsen kan være høyst %(n)d tegn.", n=MAX_REASON_LENGTH))
    published = consultation is not None and consultation.phase != DRAFT
    return {
        "title": title,
        "organisation": organisation,
        "contact": contact,
        "summary": summary,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "moderation_mode": entry.moderation_mode,
        "language": entry.language,
        "slug": _checked_slug(consultation, entry.slug.strip().lower(), title),
        "kind": entry.kind,
        "short_deadline_reason": _checked_deadline(entry.kind, opens_at, closes_at, reason, published),
        "late_responses": entry.late_responses,
    }


def _checked_deadline(kind: str, opens_at: datetime, closes_at: datetime, reason: str, published: bool) -> str:
    """The reason to store for a short deadline, or ConsultationRejected when the kind's rules refuse
    the period (deadlines.check).

    A draft keeps the reason a state consultation is given, since publishing it now may shorten its
    period; a published consultation keeps it only while it is needed, so that the public page
    shows it just when the deadline is shorter than three months.
    """
    found = deadlines.check(kind, local_date(opens_at), local_date(closes_at), reason)
    if found.errors:
        first = found.errors[0]
        raise ConsultationRejected(_DEADLINE_FIELDS[first.code], deadline_message(kind, first))
    if kind != deadlines.STATE or (published and not found.reason_needed):
        return ""
    return reason


# Which field of the form a deadline error is shown at.
_DEADLINE_FIELDS = {deadlines.TOO_SHORT: "closes_at", deadlines.SHORT_WITHOUT_REASON: "short_deadline_reason"}




def _checked_slug(consultation: Consultation | None, slug: str, title: str) -> str:
    own_id = consultation.id if consultation is not None else None
    if consultation is not None and consultation.phase != DRAFT:
        # Published addresses are cited in letters and memos: they never change.
        _require(slug in ("", consultation.slug), "slug",
                 _("Adressen kan ikke endres etter at høringen er publisert."))
        return consultation.slug
    if not slug:
        return consultation.slug if consultation is not None else slug_for(title)
    _require(len(slug) <= MAX_SLUG_LENGTH, "slug", _("Adressen kan være høyst %(n)d tegn.", n=MAX_SLUG_LENGTH))
    _require(_SLUG.match(slug), "slug",
             _("Adressen kan bare ha små bokstaver a–z, tall og bindestrek mellom ordene, "
               "for eksempel «ny-skolestruktur»."))
    _require(slug not in RESERVED_SLUGS, "slug", _("Adressen «%(slug)s» er reservert. Velg en annen.", slug=slug))
    _require(not _slug_taken(slug, own_id), "slug", _("Adressen er allerede i bruk. Velg en annen."))
    return slug


def _check_draft(markdown: str) -> str:
    """The draft with its line endings made plain, or ConsultationRejected."""
    draft = (markdown or "").replace("\r\n", "\n").replace("\r", "\n")
    _require(len(draft) <= MAX_DRAFT_LENGTH, "draft",
             _("Høringsdokumentet er for langt (høyst %(n)d tegn). Del det opp, eller kort det ned.",
               n=MAX_DRAFT_LENGTH))
    _require(draft.strip() and split_markdown(draft), "draft",
             _("Skriv eller lim inn høringsdokumentet, eller last opp et Word-dokument."))
    try:
        markup.check_structure(draft)  # rendering the units would refuse it, after the first writes
    except markup.MarkupRejected as rejection:
        raise ConsultationRejected("draft", rejection.reason) from rejection
    return draft


def _require(condition, field: str, reason) -> None:
    if not condition:
        raise ConsultationRejected(field, reason)


def _current_source(consultation: Consultation) -> str | None:
    return db.session.scalar(sa.select(DraftVersion.source).where(DraftVersion.id == consultation.current_version_id))


def _rendered(draft: str, language: str, anchor_rule: int) -> list[dict]:
    try:
        return rendered_units(draft, language, anchor_rule)
    except markup.MarkupRejected as rejection:
        raise ConsultationRejected("draft", rejection.reason) from rejection


def _replace_draft(consultation: Consultation, draft: str, units: list[dict]) -> None:
    """Before anyone has seen or commented on it, a new text simply replaces version 1."""
    if consultation.phase != DRAFT or _has_comments(consultation):
        add_draft_version(consultation, draft, units)
        return
    _delete_versions(consultation)
    add_draft_version(consultation, draft, units)


def _delete_versions(consultation: Consultation) -> None:
    """Delete every draft version of the consultation with its units (and forget them in the session)."""
    consultation.current_version_id = None
    db.session.flush()
    versions = sa.select(DraftVersion.id).where(DraftVersion.consultation_id == consultation.id).scalar_subquery()
    # "fetch" takes the deleted rows out of the session too: SQLite may hand their ids out again.
    fetch = {"synchronize_session": "fetch"}
    db.session.execute(sa.delete(Unit).where(Unit.version_id.in_(versions)), execution_options=fetch)
    db.session.execute(sa.delete(DraftVersion).where(DraftVersion.consultation_id == consultation.id),
                       execution_options=fetch)
    db.session.expire(consultation, ["current_version"])


def _has_comments(consultation: Consultation) -> bool:
    first = db.session.scalar(sa.select(Comment.id).where(Comment.consultation_id == consultation.id).limit(1))
    return first is not None


def publish_refusal(consultation: Consultation) -> ConsultationRejected | None:
    """Why the consultation cannot be published now, or None: the confirmation page asks first."""
    if consultation.phase != DRAFT:
        return ConsultationRejected(None, _("Høringen er allerede publisert."))
    if consultation.closes_at <= utcnow():
        return ConsultationRejected("closes_at", _("Høringsfristen har allerede gått ut. Sett en ny frist før du "
                                                   "publiserer."))
    return None


def processed_refusal(consultation: Consultation) -> ConsultationRejected | None:
    if consultation.status != STATUS_CLOSED:
        return ConsultationRejected(None, _("Bare en høring som er avsluttet (fristen har gått ut), kan merkes som "
                                            "ferdig behandlet."))
    return None


def deletion_refusal(consultation: Consultation) -> ConsultationRejected | None:
    if consultation.phase != DRAFT:
        return ConsultationRejected(None, _("Bare utkast kan slettes. En publisert høring er en del av den "
                                            "offentlige saken."))
    return None


def _refuse(refusal: ConsultationRejected | None) -> None:
    if refusal is not None:
        raise refusal


def publish(consultation: Consultation, actor, open_now: bool) -> None:
    """Make a draft public: open now (the opening moment becomes now), or at its opening date; commits.

    The deadline rules of its kind are checked again for the period it is published with: opened
    now, a draft may have less time than it was saved with.
    """
    _refuse(publish_refusal(consultation))
    opens_at = utcnow() if open_now else consultation.opens_at
    reason = _checked_deadline(consultation.kind, opens_at, consultation.closes_at,
                               consultation.short_deadline_reason, published=True)
    before = snapshot(consultation)
    consultation.phase = PUBLISHED
    consultation.opens_at = opens_at
    consultation.short_deadline_reason = reason
    _log(actor, "consultation.publish", consultation, before)
    db.session.commit()


def mark_processed(consultation: Consultation, actor) -> None:
    """Mark a closed consultation as processed (its comments have been dealt with); commits."""
    _refuse(processed_refusal(consultation))
    before = snapshot(consultation)
    consultation.phase = PROCESSED
    _log(actor, "consultation.process", consultation, before)
    db.session.commit()


def delete_draft(consultation: Consultation, actor) -> None:
    """Delete a consultation that was never published, with its draft; commits."""
    _refuse(deletion_refusal(consultation))
    audit.record(actor, "consultation.delete", "consultation", consultation.id, before=snapshot(consultation))
    _delete_versions(consultation)
    db.session.delete(consultation)
    db.session.commit()


def _log(actor, action: str, consultation: Consultation, before: dict | None) -> None:
    audit.record(actor, action, "consultation", consultation.id, before=before, after=snapshot(consultation))


def snapshot(consultation: Consultation) -> dict:
    """The metadata as the audit log keeps it; the draft as version, unit count and a short hash."""
    version = db.session.get(DraftVersion, consultation.current_version_id) if consultation.current_version_id else None
    units = db.session.scalar(sa.select(sa.func.count()).where(Unit.version_id == version.id)) if version else 0
    return {
        "slug": consultation.slug,
        "title": consultation.title,
        "summary": consultation.summary,
        "organisation": consultation.organisation,
        "contact": consultation.contact,
        "opens_at": _iso(consultation.opens_at),
        "closes_at": _iso(consultation.closes_at),
        "phase": consultation.phase,
        "moderation_mode": consultation.moderation_mode,
        "language": consultation.language,
        "kind": consultation.kind,
        "short_deadline_reason": consultation.short_deadline_reason,
        "late_responses": consultation.late_responses,
        "owner_id": consultation.owner_id,
        "draft": {
            "version": version.number if version else None,
            "units": units,
            "sha256": hashlib.sha256(version.source.encode()).hexdigest()[:12] if version else None,
        },
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") + "Z" if moment else None
