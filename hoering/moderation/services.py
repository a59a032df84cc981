"""Rules for moderators: the queue, and approving, hiding, restoring, redacting and erasing.

Nothing a citizen wrote is deleted by moderation: hiding keeps the comment (shown as a placeholder
with the public reason), and redaction keeps the original text in the audit log, for admins only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _

from hoering import markup
from hoering.audit import services as audit
from hoering.clock import utcnow
from hoering.comments.models import HIDDEN, PENDING, PUBLISHED, Comment, Flag
from hoering.consultations.models import Consultation, Unit
from hoering.extensions import db
from hoering.moderation.personal_data import Finding, find_personal_data
from hoering.rejections import Rejected

REDACTED = "[fjernet]"
ERASED_NAME = "(slettet)"
ERASED_TEXT = "[Teksten er slettet etter ønske fra innsenderen.]"
MAX_NOTE_LENGTH = 300


class ModerationRejected(Rejected):
    """A moderation decision that cannot be taken as asked."""


# The fields of a comment the guard reads, in the order a moderator sees them.
CHECKED_FIELDS = ("author_name", "organisation", "text")


@dataclass(frozen=True)
class Marked:
    """A piece of personal data the guard found in one field of a comment."""

    field: str
    finding: Finding

    @property
    def kind(self) -> str:
        return self.finding.kind

    @property
    def key(self) -> str:
        """Names the span in a form ("text:12:23"); a key that no longer matches means the comment changed."""
        return f"{self.field}:{self.finding.start}:{self.finding.end}"


def marked_personal_data(comment: Comment) -> list[Marked]:
    """Everything the guard finds in the comment's name, organisation and text: why it is held."""
    return [
        Marked(field, finding)
        for field in CHECKED_FIELDS
        for finding in find_personal_data(getattr(comment, field) or "")
    ]


@dataclass(frozen=True)
class QueueItem:
    comment: Comment
    consultation: Consultation
    unit_citation: str | None  # the unit's label ("§ 12-3 andre ledd") or number; None: the whole document
    flags: list[Flag]
    findings: list[Marked]

    def segments_of(self, field: str) -> list[tuple[str, str | None]]:
        """One field's value cut into pieces, with the guard's findings marked."""
        findings = [marked.finding for marked in self.findings if marked.field == field]
        return highlight_segments(getattr(self.comment, field) or "", findings)

    @property
    def segments(self) -> list[tuple[str, str | None]]:
        return self.segments_of("text")


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
        sa.select(Comment, Consultation, Unit.label, Unit.number)
        .join(Consultation, Consultation.id == Comment.consultation_id)
        .outerjoin(Unit, Unit.id == Comment.unit_id)
        .where(where)
        .order_by(Comment.id)
        .limit(500)
    ).all()
    flags = _open_flags([comment.id for comment, *_ in rows])
    return [
        QueueItem(comment, consultation, label or number, flags.get(comment.id, []), marked_personal_data(comment))
        for comment, consultation, label, number in rows
    ]


def review(comment: Comment) -> QueueItem:
    """One comment as the queue shows it, for its own staff page."""
    unit = db.session.get(Unit, comment.unit_id) if comment.unit_id else None
    return QueueItem(comment, consultation_of(comment), unit.citation if unit else None, _open_flags([comment.id]).get(comment.id, []),
                     marked_personal_data(comment))


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


def _decide(comment: Comment, actor, action: str, status: str, note: str | None = None,
            why: dict | None = None) -> None:
    before = _snapshot(comment)
    comment.status, comment.held_reason, comment.moderation_note = status, None, note
    _stamp(comment, actor)
    db.session.execute(
        sa.update(Flag).where(Flag.comment_id == comment.id, Flag.handled_at.is_(None)).values(handled_at=utcnow())
    )
    audit.record(actor, action, "comment", comment.id, before=before, after={**_snapshot(comment), **(why or {})})
    db.session.commit()


def _stamp(comment: Comment, actor) -> None:
    """Record who last changed the comment as a moderator, and when: an analysis that read the comment
    before that is stale (hoering.casework.services.is_stale)."""
    comment.moderated_at, comment.moderated_by_id = utcnow(), getattr(actor, "id", None)


def approve(comment: Comment, actor, reason: str = "", confirmed: bool = False) -> None:
    """Publish a held comment (or keep a reported one published) and close its reports.

    While the guard still finds personal data, see ``_published_as_it_stands``.
    """
    _decide(comment, actor, "comment.approve", PUBLISHED, why=_published_as_it_stands(comment, reason, confirmed))


def _published_as_it_stands(comment: Comment, reason: str, confirmed: bool) -> dict | None:
    """Publishing personal data the guard still finds takes a confirmation and a reason, which go to
    the audit log with the kinds found (not the values). None when the guard finds nothing."""
    kinds = sorted({marked.kind for marked in marked_personal_data(comment)})
    if not kinds:
        return None
    reason = reason.strip()
    if not reason:
        raise ModerationRejected("reason", _("Skriv hvorfor innspillet kan publiseres med personopplysningene."))
    if len(reason) > MAX_NOTE_LENGTH:
        raise ModerationRejected("reason", _("Begrunnelsen kan være høyst %(n)d tegn.", n=MAX_NOTE_LENGTH))
    if not confirmed:
        raise ModerationRejected("confirm", _("Kryss av for at opplysningene kan publiseres."))
    return {"published_with_personal_data": kinds, "reason": reason}


def hide(comment: Comment, actor, reason: str) -> None:
    """Hide a comment; the reason is shown publicly in its place so the thread stays readable."""
    reason = reason.strip()
    if not reason:
        raise ModerationRejected("reason", _("Skriv en begrunnelse. Den vises offentlig i stedet for innspillet."))
    if len(reason) > MAX_NOTE_LENGTH:
        raise ModerationRejected("reason", _("Begrunnelsen kan være høyst %(n)d tegn.", n=MAX_NOTE_LENGTH))
    _decide(comment, actor, "comment.hide", HIDDEN, reason)


def restore(comment: Comment, actor, reason: str = "", confirmed: bool = False) -> None:
    """Publish a hidden comment again (with a confirmation and a reason if the guard finds personal data)."""
    _decide(comment, actor, "comment.restore", PUBLISHED, why=_published_as_it_stands(comment, reason, confirmed))


def redact(comment: Comment, actor, span: str) -> int:
    """Replace every occurrence of ``span`` in the comment's text with [fjernet]; returns how many.

    Spaces and line breaks need not match exactly: text copied from a page rarely keeps them.
    The original text is kept only in the audit log's ``before``, which only admins can read.
    """
    pattern = _loose_pattern(span)
    occurrences = len(pattern.findall(comment.text)) if pattern else 0
    if not occurrences:
        raise ModerationRejected("span", _("Teksten som skal fjernes, finnes ikke i innspillet."))
    before = {"text": comment.text}
    comment.text = pattern.sub(REDACTED, comment.text)
    comment.html = _render(comment.text)
    _stamp(comment, actor)
    audit.record(actor, "comment.redact", "comment", comment.id, before=before, after={"text": comment.text})
    db.session.commit()
    return occurrences


def _loose_pattern(span: str) -> re.Pattern | None:
    """``span`` as a pattern in which any run of white space matches any other."""
    words = span.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words)) if words else None


def redact_personal_data(comment: Comment, actor, keys=None) -> int:
    """Redact the marked pieces of personal data the moderator chose (``Marked.key``), or all of them.

    Works on the name and organisation as on the text; returns how many pieces were removed.
    """
    marked = marked_personal_data(comment)
    if not marked:
        raise ModerationRejected(None, _("Fant ingen personopplysninger å fjerne."))
    chosen = marked if keys is None else _chosen(marked, set(keys))
    before = {field: getattr(comment, field) for field in CHECKED_FIELDS if any(m.field == field for m in chosen)}
    for field, value in before.items():
        for piece in sorted((m.finding for m in chosen if m.field == field), key=lambda f: f.start, reverse=True):
            value = value[:piece.start] + REDACTED + value[piece.end:]
        # "[fjernet]" may be longer than what it replaces: a name stays within its column.
        setattr(comment, field, value[:Comment.__table__.c[field].type.length])
    if "text" in before:
        comment.html = _render(comment.text)
    _stamp(comment, actor)
    after = {field: getattr(comment, field) for field in before}
    audit.record(actor, "comment.redact", "comment", comment.id, before=before, after=after)
    db.session.commit()
    return len(chosen)


def _chosen(marked: list[Marked], keys: set[str]) -> list[Marked]:
    if not keys:
        raise ModerationRejected("spans", _("Velg minst én opplysning som skal fjernes."))
    chosen = [m for m in marked if m.key in keys]
    if len(chosen) != len(keys):
        raise ModerationRejected(
            "spans", _("Innspillet er endret siden du åpnet siden. Se over opplysningene og prøv igjen.")
        )
    return chosen


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
