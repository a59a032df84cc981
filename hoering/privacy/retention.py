"""Retention: citizens' e-mail addresses are erased RETENTION_MONTHS after a consultation is processed,
once its archive package holds them. ``flask privacy prune`` runs it from cron (README, "Retention").

*Processed* is when a caseworker marked the consultation as processed ("Merk som ferdig behandlet",
``planning.mark_processed``): the latest ``consultation.process`` entry in the audit log. That is the
moment the privacy statement counts from ("etter at høringen er ferdig behandlet"), and a decision
people take. A signed-off summary is not it (it may be an interim one, withdrawn or replaced), nor is
the deadline (the case is still being worked on after it). A consultation marked processed without
such an entry (data older than the log, or loaded) counts from its deadline. One whose deadline is
RETENTION_MONTHS past but that was never marked is left alone and named by the command
(``Review.not_processed``), so that no address is kept past its time unnoticed.

The archive comes first (arkivlova before deletion): a consultation is due only once an archive
package *with e-mail addresses* (a ``consultation.archive`` entry whose ``email`` is true; the
command line's always is) was produced after its last change: the deadline, every comment's posting,
edit, withdrawal and moderation, every formal response's and response version's saving, every
summary's sign-off and withdrawal. An older package, or one without addresses (a planner's download),
does not count: what is erased here is safe in the archive first.

What is erased for a due consultation, in one transaction, committed per consultation:

- comments' e-mail: set to NULL, as for a comment sent without one (name and text stay: they are
  a public case document);
- subscriptions to the consultation, to one of its units and to the answers to its comments:
  deleted, as unsubscribing does;
- formal responses' contact e-mail, the current one and every version's: set to "", as for a letter
  registered without one. Private persons' and organisations' alike: it is the address the receipt
  went to, typed by whoever answered (often a person's own address at work), not the body's official
  address, which stays in the register (``Body.email``); contact names stay with the response;
- the e-mails sent to those addresses for a citizen's purpose (``CITIZEN_MAIL``: receipts, notices,
  digests, confirmations): deleted, text and all (it holds the private links). E-mails are not tied
  to a consultation, so those to an address that another row still holds (a comment on another
  consultation, a topic followed, a body, a staff account) wait until that is erased in turn.

Kept: the register of bodies and the invitations and reminders sent to them (organisations' official
addresses, not citizens'), staff accounts, and the audit log, which is only ever added to; the entry
made here holds counts, never an address. A consultation with nothing left to erase is not due, so a
second run erases nothing and records nothing.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime

import sqlalchemy as sa

from hoering.accounts.models import User
from hoering.audit import services as audit
from hoering.audit.models import AuditEntry
from hoering.clock import utcnow
from hoering.comments.models import Comment
from hoering.comments.receipts import RECEIPT as COMMENT_RECEIPT
from hoering.consultations.models import PROCESSED, PUBLISHED, Consultation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.mail.models import MailMessage
from hoering.notifications.digests import DIGEST, NOTICE
from hoering.notifications.following import CONFIRMATION_REQUEST
from hoering.notifications.models import Subscription
from hoering.notifications.services import ANSWER_NOTICE
from hoering.responses.answers import RECEIPT as RESPONSE_RECEIPT
from hoering.responses.models import Body, FormalResponse, ResponseVersion
from hoering.summaries.models import SummaryVersion

AUDIT_ACTION = "consultation.erase_addresses"
PROCESS_ACTION = "consultation.process"  # planning.mark_processed
ARCHIVE_ACTION = "consultation.archive"  # responses.archive.record_archive
# The purposes of the e-mails a citizen gets; invitations and reminders go to bodies and are kept.
CITIZEN_MAIL = (COMMENT_RECEIPT, ANSWER_NOTICE, CONFIRMATION_REQUEST, NOTICE, DIGEST, RESPONSE_RECEIPT)
# Values per IN (...). A query here holds up to six such lists: 900 parameters, under the 999 of
# SQLite before 3.32, the lowest limit of the databases hoering runs on.
CHUNK = 150


@dataclass(frozen=True)
class Erasure:
    """How many rows of each kind lose (or would lose) their address: never the addresses."""

    comments: int = 0
    subscriptions: int = 0
    responses: int = 0
    mails: int = 0

    def counts(self) -> dict[str, int]:
        return asdict(self)

    @property
    def total(self) -> int:
        return sum(self.counts().values())


@dataclass(frozen=True)
class Review:
    """The consultations that still hold citizens' addresses past the retention: ``due`` to be erased,
    or kept and why: no archive package with the addresses since the last change, or never marked as
    processed. ``cutoff``: processed before it, the retention has passed."""

    cutoff: datetime
    due: list[Consultation]
    not_archived: list[Consultation]
    not_processed: list[Consultation]


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day when it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def review(months: int, now: datetime | None = None) -> Review:
    """Which consultations' addresses are to be erased at ``now`` (default: the present) with a retention
    of ``months``, and which are kept past it and why. Reads only."""
    cutoff = months_before(now or utcnow(), months)
    processed = _processed_before(cutoff)
    unprocessed = list(db.session.scalars(sa.select(Consultation).where(
        Consultation.phase == PUBLISHED, Consultation.closes_at <= cutoff).order_by(Consultation.id)))
    holding = _holding_addresses([c.id for c in (*processed, *unprocessed)])
    processed = [c for c in processed if c.id in holding]
    archived = {c.id for c in processed if _archived_since_last_change(c)}
    return Review(cutoff=cutoff, due=[c for c in processed if c.id in archived],
                  not_archived=[c for c in processed if c.id not in archived],
                  not_processed=[c for c in unprocessed if c.id in holding])


def pending(consultation: Consultation) -> Erasure:
    """What ``erase`` would erase of ``consultation`` now, counted; changes nothing (the dry run)."""
    return _pending(consultation)[0]


def erase(consultation: Consultation, months: int) -> Erasure:
    """Erase the citizens' addresses ``consultation`` holds (see the module's docstring), log the counts
    in the audit log, and commit. For a consultation ``review`` found due: this does not ask again.
    Nothing to erase: nothing is written, not even the log entry."""
    begin_write()  # count and erase in one write transaction, so the log says what was erased
    erasure, mail_ids = _pending(consultation)
    if not erasure.total:
        db.session.commit()
        return erasure
    for chunk in _chunks(mail_ids):
        _execute(sa.delete(MailMessage).where(MailMessage.id.in_(chunk)))
    _execute(sa.delete(Subscription).where(_subscriptions_of(consultation.id)))
    _execute(sa.update(Comment).where(*_comments_with_address(consultation.id)).values(email=None))
    _execute(sa.update(FormalResponse).where(FormalResponse.consultation_id == consultation.id,
                                             _has_address(FormalResponse.contact_email)).values(contact_email=""))
    _execute(sa.update(ResponseVersion).where(*_versions_with_address(consultation.id)).values(contact_email=""))
    audit.record(None, AUDIT_ACTION, "consultation", consultation.id,
                 after={**erasure.counts(), "retention_months": months})
    db.session.commit()
    return erasure


def _processed_before(cutoff: datetime) -> list[Consultation]:
    """The processed consultations marked so before ``cutoff`` (or, with no entry, closed before it)."""
    marked = dict(db.session.execute(
        sa.select(AuditEntry.target_id, sa.func.max(AuditEntry.at))
        .where(AuditEntry.action == PROCESS_ACTION, AuditEntry.target_type == "consultation")
        .group_by(AuditEntry.target_id)).all())
    # Marking needs the deadline passed, so a consultation processed before the cutoff closed before it.
    consultations = db.session.scalars(sa.select(Consultation).where(
        Consultation.phase == PROCESSED, Consultation.closes_at <= cutoff).order_by(Consultation.id))
    return [c for c in consultations if marked.get(str(c.id), c.closes_at) <= cutoff]


def _holding_addresses(consultation_ids: list[int]) -> set[int]:
    """The ids among ``consultation_ids`` of the consultations that still hold a citizen's address."""
    holding: set[int] = set()
    for chunk in _chunks(consultation_ids):
        of_chunk = Comment.consultation_id.in_(chunk)
        responses = FormalResponse.consultation_id.in_(chunk)
        holding.update(db.session.scalars(sa.union(
            sa.select(Comment.consultation_id).where(of_chunk, _has_address(Comment.email)),
            sa.select(Subscription.consultation_id).where(Subscription.consultation_id.in_(chunk)),
            sa.select(Comment.consultation_id).join(Subscription, Subscription.comment_id == Comment.id)
            .where(of_chunk),
            sa.select(FormalResponse.consultation_id).where(responses, _has_address(FormalResponse.contact_email)),
            sa.select(FormalResponse.consultation_id)
            .join(ResponseVersion, ResponseVersion.response_id == FormalResponse.id)
            .where(responses, _has_address(ResponseVersion.contact_email)),
        )))
    return holding


def _archived_since_last_change(consultation: Consultation) -> bool:
    """Whether an archive package with e-mail addresses was produced after the consultation last changed."""
    entries = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action == ARCHIVE_ACTION, AuditEntry.target_type == "consultation",
        AuditEntry.target_id == str(consultation.id)))
    with_addresses = [entry.at for entry in entries if (entry.after or {}).get("email")]
    return bool(with_addresses) and max(with_addresses) > _last_change(consultation)


def _last_change(consultation: Consultation) -> datetime:
    """The latest moment something an archive package holds changed: the deadline, a comment, a
    response or one of its versions, a summary."""
    responses = sa.select(FormalResponse.id).where(FormalResponse.consultation_id == consultation.id)
    queries = (
        sa.select(sa.func.max(Comment.created_at), sa.func.max(Comment.edited_at), sa.func.max(Comment.withdrawn_at),
                  sa.func.max(Comment.moderated_at)).where(Comment.consultation_id == consultation.id),
        sa.select(sa.func.max(FormalResponse.submitted_at), sa.func.max(FormalResponse.updated_at))
        .where(FormalResponse.consultation_id == consultation.id),
        sa.select(sa.func.max(ResponseVersion.saved_at)).where(ResponseVersion.response_id.in_(responses)),
        sa.select(sa.func.max(SummaryVersion.signed_off_at), sa.func.max(SummaryVersion.withdrawn_at))
        .where(SummaryVersion.consultation_id == consultation.id),
    )
    moments = [consultation.closes_at, *(moment for query in queries for moment in db.session.execute(query).one())]
    return max(moment for moment in moments if moment is not None)


def _pending(consultation: Consultation) -> tuple[Erasure, list[int]]:
    """The counts of what the consultation holds, and the ids of the e-mails to delete with it."""
    mail_ids = _mail_to_delete(consultation.id, _addresses(consultation.id))
    with_versions = sa.select(ResponseVersion.response_id).where(*_versions_with_address(consultation.id))
    responses = _count(FormalResponse, FormalResponse.consultation_id == consultation.id,
                       _has_address(FormalResponse.contact_email) | FormalResponse.id.in_(with_versions))
    erasure = Erasure(
        comments=_count(Comment, *_comments_with_address(consultation.id)),
        subscriptions=_count(Subscription, _subscriptions_of(consultation.id)),
        responses=responses,
        mails=len(mail_ids),
    )
    return erasure, mail_ids


def _addresses(consultation_id: int) -> set[str]:
    """Every address the consultation holds, trimmed and in lower case (as e-mails are matched)."""
    return set(db.session.scalars(sa.union(
        sa.select(_normalised(Comment.email)).where(*_comments_with_address(consultation_id)),
        sa.select(_normalised(Subscription.email)).where(_subscriptions_of(consultation_id)),
        sa.select(_normalised(FormalResponse.contact_email)).where(
            FormalResponse.consultation_id == consultation_id, _has_address(FormalResponse.contact_email)),
        sa.select(_normalised(ResponseVersion.contact_email)).where(*_versions_with_address(consultation_id)),
    )))


def _mail_to_delete(consultation_id: int, addresses: set[str]) -> list[int]:
    """The ids of the citizens' e-mails to those of ``addresses`` that no row outside the consultation holds."""
    loose = sorted(addresses - _held_elsewhere(consultation_id, addresses))
    ids: list[int] = []
    for chunk in _chunks(loose):
        ids.extend(db.session.scalars(sa.select(MailMessage.id).where(
            _normalised(MailMessage.recipient).in_(chunk), MailMessage.purpose.in_(CITIZEN_MAIL))))
    return sorted(ids)


def _held_elsewhere(consultation_id: int, addresses: set[str]) -> set[str]:
    """Those of ``addresses`` that a row outside the consultation holds: a comment or response on
    another, a subscription not tied to it, a body in the register, a staff account."""
    comments_here = sa.select(Comment.id).where(Comment.consultation_id == consultation_id)
    responses_here = sa.select(FormalResponse.id).where(FormalResponse.consultation_id == consultation_id)
    # Written out rather than NOT _subscriptions_of(...): a topic's row has both columns NULL, and
    # NOT (NULL = 1 OR NULL IN (...)) is NULL, not true.
    subscription_elsewhere = (sa.func.coalesce(Subscription.consultation_id, 0) != consultation_id) & (
        Subscription.comment_id.is_(None) | Subscription.comment_id.not_in(comments_here))
    elsewhere = (
        (Comment.email, Comment.consultation_id != consultation_id),
        (Subscription.email, subscription_elsewhere),
        (FormalResponse.contact_email, FormalResponse.consultation_id != consultation_id),
        (ResponseVersion.contact_email, ResponseVersion.response_id.not_in(responses_here)),
        (Body.email, sa.true()),
        (User.email, sa.true()),
    )
    held: set[str] = set()
    for chunk in _chunks(sorted(addresses)):
        held.update(db.session.scalars(sa.union(*(
            sa.select(_normalised(column)).where(_normalised(column).in_(chunk), outside)
            for column, outside in elsewhere))))
    return held


def _comments_with_address(consultation_id: int) -> tuple:
    return Comment.consultation_id == consultation_id, _has_address(Comment.email)


def _subscriptions_of(consultation_id: int):
    """Following the consultation or one of its units (``consultation_id``), or the answers to one of its
    comments (``comment_id``; those carry no consultation)."""
    comments = sa.select(Comment.id).where(Comment.consultation_id == consultation_id)
    return (Subscription.consultation_id == consultation_id) | Subscription.comment_id.in_(comments)


def _versions_with_address(consultation_id: int) -> tuple:
    responses = sa.select(FormalResponse.id).where(FormalResponse.consultation_id == consultation_id)
    return ResponseVersion.response_id.in_(responses), _has_address(ResponseVersion.contact_email)


def _has_address(column):
    return column.is_not(None) & (sa.func.trim(column) != "")


def _normalised(column):
    return sa.func.lower(sa.func.trim(column))


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def _execute(statement) -> None:
    # Bulk statements, not loaded rows; nothing loaded is kept past the commit that follows.
    db.session.execute(statement.execution_options(synchronize_session=False))


def _chunks(values: Iterable) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]
