"""Rules for moderators: the queue, and approving, hiding, restoring, redacting and erasing.

Nothing a citizen wrote is deleted by moderation: hiding keeps the comment (shown as a placeholder
with the public reason), and redaction keeps the original text in the audit log, for admins only.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _

from hoering import markup
from hoering.audit import services as audit
from hoering.comments.models import HIDDEN, PENDING, PUBLISHED, Comment, Flag
from hoering.consultations.models import Consultation, Unit, utcnow
from hoering.extensions import db
from hoering.moderation.personal_data import Finding, find_personal_data
from hoering.rejections import Rejected

REDACTED = "[fjernet]"
ERASED_NAME = "(slettet)"
ERASED_TEXT = "[Teksten er slettet etter ønske fra innsenderen.]"
MAX_NOTE_LENGTH = 300


class ModerationRejected(Rejected):
    """A moderation decision that cannot be taken as asked."""


@dataclass(frozen=True)
class QueueItem:
    comment: Comment
    consultation: Consultation
    unit_number: str | None
    flags: list[Flag]
    findings: list[Finding]

    @property
    def segments(self) -> list[tuple[str, str | None]]:
        return highlight_segments(self.comment.text, self.findings)


def highlight_segments(text: str, findings: list[Finding]) -> list[tuple[str, str | None]]:
    """The text cut into (part, kind) pieces, kind set where the guard found personal data."""
    pieces, at = [], 0
    for finding in findings:
        if finding.start > at:
            pieces.append((text[at:finding.start], None))
        pieces.append((text[finding.start:finding.end], finding.kind))
        at = finding.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def queue(show: str = "waiting") -> list[QueueItem]:
    """Comments waiting for a moderator and published ones readers reported, oldest first.

    ``show="hidden"`` lists hidden comments instead, so that a moderator can restore one.
    """
    flagged = sa.select(Flag.comment_id).where(Flag.handled_at.is_(None))
    if show == "hidden":
        where = Comment.status == HIDDEN
    else:
        where = (Comment.status == PENDING) | ((Comment.status == PUBLISHED) & Comment.id.in_(flagged))
    rows = db.session.execute(
        sa.select(Comment, Consultation, Unit.number)
        .join(Consultation, Consultation.id == Comment.consultation_id)
        .outerjoin(Unit, Unit.id == Comment.unit_id)
        .where(where)
        .order_by(Comment.id)
        .limit(500)
    ).all()
    flags = _open_flags([comment.id for comment, _, _ in rows])
    return [
        QueueItem(comment, consultation, number, flags.get(comment.id, []), find_personal_data(comment.text))
        for comment, consultation, number in rows
    ]


def _open_flags(comment_ids: list[int]) -> dict[int, list[Flag]]:
    found: dict[int, list[Flag]] = {}
    if comment_ids:
        for flag in db.session.scalars(
            sa.select(Flag).where(Flag.comment_id.in_(comment_ids), Flag.handled_at.is_(None)).order_by(Flag.id)
        ):
            found.setdefault(flag.comment_id, []).append(flag)
    return found


def _snapshot(comment: Comment) -> dict:
    return {"status": comment.status, "held_reason": comment.held_reason, "note": comment.moderation_note}


def _decide(comment: Comment, actor, action: str, status: str, note: str | None = None) -> None:
    before = _snapshot(comment)
    comment.status, comment.held_reason, comment.moderation_note = status, None, note
    _stamp(comment, actor)
    db.session.execute(
        sa.update(Flag).where(Flag.comment_id == comment.id, Flag.handled_at.is_(None)).values(handled_at=utcnow())
    )
    audit.record(actor, action, "comment", comment.id, before=before, after=_snapshot(comment))
    db.session.commit()


def _stamp(comment: Comment, actor) -> None:
    """Record who last changed the comment as a moderator, and when: an analysis that read the comment
    before that is stale (hoering.casework.services.is_stale)."""
    comment.moderated_at, comment.moderated_by_id = utcnow(), getattr(actor, "id", None)


def approve(comment: Comment, actor) -> None:
    """Publish a held comment (or keep a reported one published) and close its reports."""
    _decide(comment, actor, "comment.approve", PUBLISHED)


def hide(comment: Comment, actor, reason: str) -> None:
    """Hide a comment; the reason is shown publicly in its place so the thread stays readable."""
    reason = reason.strip()
    if not reason:
        raise ModerationRejected("reason", _("Skriv en begrunnelse. Den vises offentlig i stedet for innspillet."))
    if len(reason) > MAX_NOTE_LENGTH:
        raise ModerationRejected("reason", _("Begrunnelsen kan være høyst %(n)d tegn.", n=MAX_NOTE_LENGTH))
    _decide(comment, actor, "comment.hide", HIDDEN, reason)


def restore(comment: Comment, actor) -> None:
    """Publish a hidden comment again."""
    _decide(comment, actor, "comment.restore", PUBLISHED)


def redact(comment: Comment, actor, span: str) -> int:
    """Replace every occurrence of ``span`` in the comment with [fjernet]; returns how many.

    The original text is kept only in the audit log's ``before``, which only admins can read.
    """
    if not span.strip() or span not in comment.text:
        raise ModerationRejected("span", _("Teksten som skal fjernes, finnes ikke i innspillet. Kopier den nøyaktig."))
    occurrences = comment.text.count(span)
    before = {"text": comment.text}
    comment.text = comment.text.replace(span, REDACTED)
    comment.html = _render(comment.text)
    _stamp(comment, actor)
    audit.record(actor, "comment.redact", "comment", comment.id, before=before, after={"text": comment.text})
    db.session.commit()
    return occurrences


def redact_personal_data(comment: Comment, actor) -> int:
    """Redact every piece of personal data the guard finds in the comment's text."""
    spans = {finding.text for finding in find_personal_data(comment.text)}
    if not spans:
        raise ModerationRejected(None, _("Fant ingen personopplysninger å fjerne."))
    before = {"text": comment.text}
    for span in sorted(spans, key=len, reverse=True):
        comment.text = comment.text.replace(span, REDACTED)
    comment.html = _render(comment.text)
    _stamp(comment, actor)
    audit.record(actor, "comment.redact", "comment", comment.id, before=before, after={"text": comment.text})
    db.session.commit()
    return len(spans)


def _render(text: str) -> str:
    try:
        return markup.render(text)
    except markup.MarkupRejected as rejection:  # e.g. a comment stored before nesting was bounded
        raise ModerationRejected(None, rejection.reason) from rejection


def erase_personal_data(comment: Comment, actor, remove_text: bool) -> None:
    """Blank the citizen's name and e-mail (and the text, if asked): an erasure request.

    The audit entry says what was erased, never the erased values themselves.
    """
    comment.author_name, comment.email = ERASED_NAME, None
    erased = ["author_name", "email"]
    if remove_text:
        comment.text, comment.html = ERASED_TEXT, markup.render(ERASED_TEXT)
        erased.append("text")
    _stamp(comment, actor)
    audit.record(actor, "comment.erase", "comment", comment.id, after={"erased": erased})
    db.session.commit()


def get_comment(comment_id: int) -> Comment | None:
    return db.session.get(Comment, comment_id)


def consultation_of(comment: Comment) -> Consultation:
    return db.session.get(Consultation, comment.consultation_id)
