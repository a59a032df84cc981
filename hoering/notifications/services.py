"""Notices by e-mail: following the answers to one's own comment, the notice when the municipality
answers, and unsubscribing.

Every notice is written in the language the person used when they asked for it, and carries a
one-click unsubscribe (RFC 8058: a ``List-Unsubscribe`` https URL that a mail program may POST to,
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``) as well as a visible link. Unsubscribing
deletes the subscription, and the address with it. Notices go through hoering.mail: stored, then sent
in the background.
"""
from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _

from hoering.accounts.models import ROLE_LABELS
from hoering.clock import utcnow
from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import Consultation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.languages import LOCALES
from hoering.mail import sending
from hoering.notifications.models import ANSWERS, Subscription

TOKEN_BYTES = 32  # 256 bits: the link is the only key to the subscription
ANSWER_NOTICE = "answer_notice"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def follow_answers(comment: Comment, email: str, language: str) -> Subscription:
    """The citizen who wrote ``comment`` asked to hear when it is answered. Confirmed at once: the
    address came with the comment, and nothing is sent until the municipality answers. Commits."""
    subscription = Subscription(email=email, language=language if language in LOCALES else "nb", kind=ANSWERS,
                                comment_id=comment.id, token=new_token(), confirmed_at=utcnow())
    begin_write()
    db.session.add(subscription)
    db.session.commit()
    return subscription


def follows_answers(comment: Comment) -> bool:
    """Whether the comment's sender asked to hear of its answers."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Subscription).where(
        Subscription.kind == ANSWERS, Subscription.comment_id == comment.id)) > 0


def answer_published(answer: Comment) -> list[int]:
    """Queue a notice of the municipality's ``answer`` to everyone following its comment, and commit;
    returns the messages' ids for ``send_later``. Nothing while the comment itself is not public."""
    parent = db.session.get(Comment, answer.parent_id) if answer.parent_id else None
    if parent is None or parent.status != PUBLISHED or not answer.official:
        return []
    subscriptions = list(db.session.scalars(sa.select(Subscription).where(
        Subscription.kind == ANSWERS, Subscription.comment_id == parent.id, Subscription.confirmed_at.is_not(None))))
    if not subscriptions:
        return []
    consultation = db.session.get(Consultation, answer.consultation_id)
    begin_write()  # ends the read above (its rows are loaded) and writes the notices
    ids = [_queue_answer_notice(subscription, consultation, parent, answer).id for subscription in subscriptions]
    db.session.commit()
    return ids


def _queue_answer_notice(subscription: Subscription, consultation: Consultation, parent: Comment, answer: Comment):
    with force_locale(LOCALES[subscription.language]):
        subject = _("Svar fra %(organisation)s på innspillet ditt", organisation=consultation.organisation)
        text = render_template(
            "notifications/answer_notice.txt", consultation=consultation, parent=parent, answer=answer,
            role=str(ROLE_LABELS.get(answer.answered_as, "")).lower(),
            link=url_for("comments.comment_link", slug=consultation.slug, comment_id=answer.id, _external=True),
            unsubscribe=unsubscribe_url(subscription))
    return sending.queue(subscription.email, subject, text, ANSWER_NOTICE, headers=unsubscribe_headers(subscription))


def unsubscribe_url(subscription: Subscription) -> str:
    return url_for("notifications.unsubscribe", token=subscription.token, _external=True)


def unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe (RFC 2369's header, with the POST a mail program may make)."""
    return {"List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def find(token: str) -> Subscription | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(sa.select(Subscription).where(Subscription.token == token))


def unsubscribe(token: str) -> bool:
    """Delete the subscription (and the address with it) and commit; False if there was none."""
    subscription = find(token)
    if subscription is None:
        return False
    begin_write()
    db.session.delete(subscription)
    db.session.commit()
    return True


def send_later(message_ids: list[int]) -> None:
    sending.send_later(current_app._get_current_object(), message_ids)
