"""The sender's receipt by e-mail, and their private link: see what became of the comment, edit it, or
withdraw it.

A comment sent with an e-mail address gets a receipt with its words and a link holding a token of 256
random bits. Only the token's SHA-256 is stored: a copy of the database opens no comment. The link
lets its holder:

- see the comment's state (published, waiting for a moderator and why, hidden, withdrawn);
- edit it while the consultation is open, until a moderator has handled it or someone has replied
  (an edit is checked as a new comment is: personal data or pre-moderation hold it again); an
  edited comment says so in its thread;
- withdraw it while the consultation is open: it leaves "Trukket av innsenderen" in its thread, and
  the analysis, exports and open data no longer have it (they read published comments only). The
  words stay in the database for the municipality's records, as a hidden comment's do.
"""
from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from flask import render_template, url_for
from flask_babel import force_locale, gettext as _

from hoering.clock import utcnow
from hoering.comments import services
from hoering.comments.models import HELD_PERSONAL_DATA, PENDING, PUBLISHED, WITHDRAWN, Comment
from hoering.comments.services import CommentRejected
from hoering.consultations.models import Consultation
from hoering.consultations.services import unit_citations
from hoering.database import begin_write
from hoering.extensions import db
from hoering.languages import LOCALES
from hoering.mail import sending

TOKEN_BYTES = 32
RECEIPT = "comment_receipt"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def send_receipt(comment: Comment, language: str) -> list[int]:
    """Give the comment its private link and queue the receipt to its sender, and commit; returns the
    message's id for ``send_later`` (none without an address, or when the comment has its link)."""
    if not comment.email or comment.receipt_token_hash:
        return []
    consultation = db.session.get(Consultation, comment.consultation_id)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    citation = unit_citations(consultation).get(comment.anchor) if comment.anchor else None
    begin_write()
    comment.receipt_token_hash = token_hash(token)
    with force_locale(LOCALES.get(language, LOCALES["nb"])):
        subject = _("Kvittering for innspillet ditt til «%(title)s»", title=consultation.title)
        text = render_template("comments/receipt.txt", consultation=consultation, comment=comment,
                               citation=citation, link=url_for("comments.private", token=token, _external=True))
    message = sending.queue(comment.email, subject, text, RECEIPT)
    db.session.commit()
    return [message.id]


def by_token(token: str) -> Comment | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(sa.select(Comment).where(Comment.receipt_token_hash == token_hash(token)))


def consultation_of(comment: Comment) -> Consultation:
    return db.session.get(Consultation, comment.consultation_id)


def why_not_editable(comment: Comment, consultation: Consultation) -> str | None:
    """Why the sender can no longer edit the comment, in words; None while they can."""
    if comment.status == WITHDRAWN:
        return _("Du har trukket tilbake innspillet.")
    if not consultation.is_open:
        return _("Høringsfristen har gått ut, så innspillet kan ikke lenger endres.")
    if comment.moderated_by_id is not None:
        return _("En moderator har behandlet innspillet, så det kan ikke lenger endres.")
    if has_replies(comment):
        return _("Noen har svart på innspillet, så det kan ikke lenger endres. Du kan fortsatt trekke det "
                 "tilbake.")
    return None


def why_not_withdrawable(comment: Comment, consultation: Consultation) -> str | None:
    if comment.status == WITHDRAWN:
        return _("Du har trukket tilbake innspillet.")
    if not consultation.is_open:
        return _("Høringsfristen har gått ut, så innspillet kan ikke lenger trekkes tilbake.")
    return None


def has_replies(comment: Comment) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Comment).where(Comment.parent_id == comment.id)) > 0


def edit(comment: Comment, consultation: Consultation, text: str, stance: str | None) -> tuple[str, ...]:
    """Replace the comment's words (and stance), checked as a new comment's are, and commit. Returns
    the kinds of personal data found (the comment then waits for a moderator, as does any edit in a
    pre-moderated consultation). CommentRejected when it may not be edited or the input is bad."""
    refusal = why_not_editable(comment, consultation)
    if refusal:
        raise CommentRejected(None, refusal)
    text = (text or "").strip()
    services.check_text(text, stance)
    html = services.rendered(text)
    found = services.personal_data_kinds(text, comment.author_name, comment.organisation)
    begin_write()
    comment.text, comment.html, comment.stance = text, html, stance or None
    comment.held_reason = HELD_PERSONAL_DATA if found else services.held_reason_for(consultation)
    comment.status = PENDING if comment.held_reason else PUBLISHED
    comment.edited_at = utcnow()
    db.session.commit()
    return found


def withdraw(comment: Comment, consultation: Consultation) -> None:
    """Take the comment out of the consultation, leaving a placeholder in its thread; commits."""
    refusal = why_not_withdrawable(comment, consultation)
    if refusal:
        raise CommentRejected(None, refusal)
    begin_write()
    comment.status, comment.held_reason = WITHDRAWN, None
    comment.withdrawn_at = utcnow()
    db.session.commit()
