"""Notices and digests to the followers of consultations and units: ``flask notifications digest``,
which cron runs every few minutes (README, "Following a consultation or one paragraph").

A follower who chose IMMEDIATE hears of news at the first run after it happened, in one e-mail however
much there is; one who chose DAILY gets a digest once a day, after DIGEST_HOUR local time, of the day
up to that hour. Nobody gets an e-mail that says nothing.

Each e-mail covers the subscription's own window ``(covered_until, end]`` and moves ``covered_until``
to ``end`` in the transaction that queues it, and only if no other run moved it first: a late,
missed or doubled run neither skips nor repeats anything. The window ends NOTIFICATION_SETTLE_SECONDS
before now, so that a comment stamped just before a run but saved just after it falls in the next.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _

from hoering.accounts.models import ROLE_LABELS
from hoering.clock import utcnow
from hoering.comments.urls import discussion_url
from hoering.consultations.models import Consultation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.languages import LOCALES
from hoering.mail import sending
from hoering.notifications.following import Followed, followed_by
from hoering.notifications.models import DAILY, FOLLOWING, IMMEDIATE, Subscription
from hoering.notifications.news import Latest, News, latest_news, news_of
from hoering.notifications.services import unsubscribe_headers, unsubscribe_url
from hoering.topics.services import last_opening, opened_in
from hoering.topics.urls import topic_url

DIGEST_HOUR = 7  # the daily digest covers the day up to 07:00 local time, and goes after it
NOTICE = "follow_notice"
DIGEST = "follow_digest"


@dataclass
class Round:
    """What one run sent: the messages' ids, for ``send_later``."""

    message_ids: list[int] = field(default_factory=list)
    notices: int = 0
    digests: int = 0


def send_due(now: datetime | None = None) -> Round:
    """Queue every notice and digest due at ``now`` (naive UTC), each committed on its own."""
    now = now or utcnow()
    ends = window_ends(now)
    run = _Run(ends)
    sent = Round()
    for due in _due(ends):
        if not run.anything_after(due):
            continue  # nothing happened since this follower's window began
        message_id = _send(due.id, ends[due.frequency], run)
        if message_id is None:
            continue
        sent.message_ids.append(message_id)
        if due.frequency == DAILY:
            sent.digests += 1
        else:
            sent.notices += 1
    return sent


class _Run:
    """What one run reads once and many followers share: each consultation, when it last had news,
    and the news of a window (followers of one thing come to share windows, as they move together)."""

    def __init__(self, ends: dict[str, datetime]) -> None:
        self.last_end = max(ends.values())
        self._consultations: dict[int, Consultation] = {}
        self._latest: dict[int, Latest] = {}
        self._last_opening: dict[int, datetime | None] = {}
        self._news: dict[tuple, News] = {}

    def consultation(self, consultation_id: int) -> Consultation:
        if consultation_id not in self._consultations:
            self._consultations[consultation_id] = db.session.get(Consultation, consultation_id)
        return self._consultations[consultation_id]

    def anything_after(self, due: sa.Row) -> bool:
        """Whether anything the follower hears of happened after their window began."""
        if due.topic_id is not None:
            if due.topic_id not in self._last_opening:
                self._last_opening[due.topic_id] = last_opening(due.topic_id, self.last_end)
            last = self._last_opening[due.topic_id]
            return last is not None and last > due.covered_until
        if due.consultation_id not in self._latest:
            self._latest[due.consultation_id] = latest_news(self.consultation(due.consultation_id), self.last_end)
        return self._latest[due.consultation_id].after(due.anchor, due.covered_until)

    def news(self, consultation_id: int, anchor: str | None, start: datetime, end: datetime) -> News:
        key = (consultation_id, anchor, start, end)
        if key not in self._news:
            self._news[key] = news_of(self.consultation(consultation_id), anchor, start, end)
        return self._news[key]


def window_ends(now: datetime) -> dict[str, datetime]:
    """Where this run's windows end, per frequency: a little before now, and for the daily digests
    at the last DIGEST_HOUR passed, so every daily window is one calendar day whenever cron runs."""
    settled = now - timedelta(seconds=current_app.config["NOTIFICATION_SETTLE_SECONDS"])
    return {IMMEDIATE: settled, DAILY: min(last_digest_moment(now), settled)}


def last_digest_moment(now: datetime) -> datetime:
    """The last DIGEST_HOUR o'clock, local time, at or before ``now``: naive UTC."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = now.replace(tzinfo=timezone.utc).astimezone(zone)
    moment = datetime.combine(local.date(), time(DIGEST_HOUR), tzinfo=zone)
    if moment > local:
        moment = datetime.combine(local.date() - timedelta(days=1), time(DIGEST_HOUR), tzinfo=zone)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _due(ends: dict[str, datetime]) -> list[sa.Row]:
    """The confirmed followers whose window reaches past its start, oldest first."""
    rows = db.session.execute(
        sa.select(Subscription.id, Subscription.frequency, Subscription.consultation_id, Subscription.anchor,
                  Subscription.topic_id, Subscription.covered_until)
        .where(Subscription.kind.in_(FOLLOWING), Subscription.confirmed_at.is_not(None),
               sa.or_(*(sa.and_(Subscription.frequency == frequency, Subscription.covered_until < end)
                        for frequency, end in ends.items())))
        .order_by(Subscription.id)).all()
    db.session.commit()  # end the read: each e-mail is its own write
    return rows


def _send(subscription_id: int, end: datetime, run: _Run) -> int | None:
    """Queue the subscription's e-mail of ``(covered_until, end]`` and move its window; None when
    nothing happened in it, or another run was first."""
    subscription = db.session.get(Subscription, subscription_id)
    if subscription is None:  # unsubscribed since
        return None
    start = subscription.covered_until
    written = _written(subscription, start, end, run)
    if written is None:
        db.session.commit()
        return None
    recipient, headers = subscription.email, unsubscribe_headers(subscription)
    begin_write()
    # The window only ever moves forward: still at (or before) its start, no other run has sent it.
    moved = db.session.execute(
        sa.update(Subscription).where(Subscription.id == subscription_id, Subscription.covered_until <= start)
        .values(covered_until=end)).rowcount
    if not moved:
        db.session.rollback()
        return None
    message = sending.queue(recipient, *written, DIGEST if subscription.frequency == DAILY else NOTICE,
                            headers=headers)
    db.session.commit()
    return message.id


def _written(subscription: Subscription, start: datetime, end: datetime, run: _Run) -> tuple[str, str] | None:
    """The subject and text of the window's e-mail, in the language the follower used on the site;
    None when nothing happened in it."""
    followed = followed_by(subscription)
    if followed.topic:
        opened = opened_in(followed.topic.id, start, end)
        news = None
    else:
        opened = []
        news = run.news(followed.consultation.id, subscription.anchor, start, end)
    if not (opened or news):
        return None
    daily = subscription.frequency == DAILY
    with force_locale(LOCALES[subscription.language]):
        described = followed.described()
        if opened:
            subject = (_("Ny høring: «%(title)s»", title=opened[0].title) if len(opened) == 1
                       else _("%(count)d nye høringer merket med %(followed)s", count=len(opened), followed=described))
        elif daily:
            subject = _("Dagens nytt fra %(followed)s", followed=described)
        else:
            subject = _("Nytt fra %(followed)s", followed=described)
        text = render_template(
            "notifications/follow_news.txt", consultation=followed.consultation, news=news, opened=opened,
            followed=described, daily=daily, start=start, end=end,
            roles={role: str(label).lower() for role, label in ROLE_LABELS.items()},
            page=_followed_page(followed, subscription.anchor), unsubscribe=unsubscribe_url(subscription))
    return subject, text


def _followed_page(followed: Followed, anchor: str | None) -> str:
    if followed.topic:
        return topic_url(followed.topic, _external=True)
    if anchor:
        return discussion_url(followed.consultation.slug, anchor, _external=True)
    return url_for("consultations.consultation", slug=followed.consultation.slug, _external=True)
