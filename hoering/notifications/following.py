"""Following a consultation, one unit of its draft, or a topic or an area, with an e-mail address only:
double opt-in.

``follow`` stores an unconfirmed subscription and sends a confirmation request; the link in it opens
a page whose button POSTs to ``confirm`` (a mail scanner opens links, it never presses buttons).
Nothing else is sent to an address that has not confirmed, and an unconfirmed subscription is
deleted after UNCONFIRMED_DAYS. Whether an address already follows something is never shown: the
page after the form reads the same either way. The views rate-limit the requests per address and
per IP, so the form cannot flood someone's inbox.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import render_template, url_for
from flask_babel import force_locale, gettext as _

from hoering.accounts.services import normalise_email
from hoering.clock import utcnow
from hoering.consultations.models import Consultation, Unit
from hoering.consultations.presentation import citation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.languages import LOCALES
from hoering.mail import sending
from hoering.notifications.models import CONSULTATION, FOLLOWING, FREQUENCIES, IMMEDIATE, TOPIC, UNIT, Subscription
from hoering.notifications.services import new_token, unsubscribe_headers, unsubscribe_url
from hoering.topics.models import AREA, Topic

UNCONFIRMED_DAYS = 7
CONFIRMATION_REQUEST = "follow_confirmation"


@dataclass(frozen=True)
class Followed:
    """What an address follows: a consultation, one unit of it, or a topic or an area."""

    consultation: Consultation | None = None
    unit: Unit | None = None
    topic: Topic | None = None

    @property
    def kind(self) -> str:
        return TOPIC if self.topic else UNIT if self.unit else CONSULTATION

    def columns(self) -> dict:
        return {"kind": self.kind, "consultation_id": self.consultation.id if self.consultation else None,
                "anchor": self.unit.anchor if self.unit else None, "topic_id": self.topic.id if self.topic else None}

    def described(self) -> str:
        """How the page and the e-mails name it, in the current language: «Title», punkt 2.1 i «Title»,
        emnet «Skole», området «Bydel Nord»."""
        if self.topic:
            if self.topic.kind == AREA:
                return _("området «%(name)s»", name=self.topic.name)
            return _("emnet «%(name)s»", name=self.topic.name)
        if self.unit:
            return _("%(unit)s i «%(title)s»", unit=citation(self.unit.citation), title=self.consultation.title)
        return _("«%(title)s»", title=self.consultation.title)


def follow(followed: Followed, email: str, frequency: str, language: str) -> list[int]:
    """Ask ``email`` to confirm following ``followed``, and commit; returns the confirmation message's
    id for ``send_later`` (none when the address follows it already). A second request before
    confirming sends the first link again, with the frequency now chosen."""
    email = normalise_email(email)
    columns = followed.columns()
    existing = db.session.scalar(sa.select(Subscription).where(
        Subscription.email == email,
        *(getattr(Subscription, name).is_(None) if value is None else getattr(Subscription, name) == value
          for name, value in columns.items())))
    begin_write()
    if existing is not None and existing.confirmed_at is not None:
        db.session.commit()
        return []
    subscription = existing or Subscription(email=email, token=new_token(), **columns)
    subscription.language = language if language in LOCALES else "nb"
    subscription.frequency = frequency if frequency in FREQUENCIES else IMMEDIATE
    db.session.add(subscription)
    db.session.flush()
    message = _queue_confirmation_request(subscription, followed)
    db.session.commit()
    return [message.id]


def _queue_confirmation_request(subscription: Subscription, followed: Followed):
    with force_locale(LOCALES[subscription.language]):
        described = followed.described()
        subject = _("Bekreft at du vil følge %(followed)s", followed=described)
        text = render_template("notifications/confirmation_request.txt", followed=described,
                               topic=followed.topic, days=UNCONFIRMED_DAYS,
                               link=url_for("notifications.confirm", token=subscription.token, _external=True),
                               unsubscribe=unsubscribe_url(subscription))
    return sending.queue(subscription.email, subject, text, CONFIRMATION_REQUEST,
                         headers=unsubscribe_headers(subscription))


def confirm(subscription: Subscription) -> None:
    """The address confirmed: from now on it hears of what happens. Commits. Confirming twice changes
    nothing (the window already runs from the first time)."""
    if subscription.confirmed_at is not None:
        return
    begin_write()
    subscription.confirmed_at = subscription.covered_until = utcnow()
    db.session.commit()


def delete_unconfirmed(now=None) -> int:
    """Delete the follow requests nobody confirmed within UNCONFIRMED_DAYS, and commit; how many."""
    cutoff = (now or utcnow()) - timedelta(days=UNCONFIRMED_DAYS)
    begin_write()
    deleted = db.session.execute(sa.delete(Subscription).where(
        Subscription.kind.in_(FOLLOWING), Subscription.confirmed_at.is_(None),
        Subscription.created_at < cutoff)).rowcount
    db.session.commit()
    return deleted


def follower_count(topic: Topic) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Subscription).where(Subscription.topic_id == topic.id))


def followed_by(subscription: Subscription | None) -> Followed | None:
    """What the subscription follows, as it stands now (None for the answers to a comment). A unit the
    current draft no longer has is left out: the pages and e-mails then name the consultation."""
    if subscription is None or subscription.kind not in FOLLOWING:
        return None
    if subscription.topic_id is not None:
        return Followed(topic=db.session.get(Topic, subscription.topic_id))
    consultation = db.session.get(Consultation, subscription.consultation_id)
    unit = None
    if subscription.anchor is not None and consultation.current_version_id is not None:
        unit = db.session.scalar(sa.select(Unit).where(Unit.version_id == consultation.current_version_id,
                                                       Unit.anchor == subscription.anchor))
    return Followed(consultation=consultation, unit=unit)
