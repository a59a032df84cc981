"""The lists of topics and areas (kept by the admin), the tags on each consultation (set by its
planner), and the consultations the public finds under a topic or an area."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from slugify import slugify

from hoering.audit import services as audit
from hoering.consultations.models import DRAFT, Consultation
from hoering.consultations.services import FrontPage, front_page
from hoering.database import begin_write
from hoering.extensions import db
from hoering.rejections import Missing, Rejected
from hoering.topics.models import AREA, KINDS, MAX_NAME_LENGTH, TOPIC, Topic, consultation_topic

# The path segment of each kind's pages: /emner/skole, /omrader/bydel-nord.
PATHS = {TOPIC: "emner", AREA: "omrader"}


class TopicRejected(Rejected):
    pass


class TopicNotFound(Missing):
    pass


@dataclass(frozen=True)
class Lists:
    topics: list[Topic]
    areas: list[Topic]


def lists() -> Lists:
    """Every topic and every area, by name."""
    every = list(db.session.scalars(sa.select(Topic).order_by(Topic.name, Topic.id)))
    return Lists([t for t in every if t.kind == TOPIC], [t for t in every if t.kind == AREA])


def get_topic(kind: str, slug: str) -> Topic:
    topic = db.session.scalar(sa.select(Topic).where(Topic.kind == kind, Topic.slug == slug)) if kind in KINDS else None
    if topic is None:
        raise TopicNotFound(slug)
    return topic


def get_topic_by_id(topic_id: int) -> Topic:
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        raise TopicNotFound(str(topic_id))
    return topic


def create_topic(kind: str, name: str, actor) -> Topic:
    """A new topic or area; its address is made from the name and kept when it is renamed. Commits."""
    if kind not in KINDS:
        raise TopicRejected("kind", _("Velg emne eller område."))
    name = _checked_name(kind, name, None)
    begin_write()
    topic = Topic(kind=kind, name=name, slug=_free_slug(kind, name))
    db.session.add(topic)
    db.session.flush()
    audit.record(actor, "topic.create", "topic", topic.id, after={"kind": kind, "name": name})
    db.session.commit()
    return topic


def rename_topic(topic: Topic, name: str, actor) -> None:
    """A new name; the address stays, so links and followers keep working. Commits."""
    name = _checked_name(topic.kind, name, topic.id)
    begin_write()
    before = {"name": topic.name}
    topic.name = name
    audit.record(actor, "topic.rename", "topic", topic.id, before=before, after={"name": name})
    db.session.commit()


def delete_topic(topic: Topic, actor) -> None:
    """Remove it from every consultation, and delete whoever followed it (their addresses too). Commits."""
    begin_write()
    audit.record(actor, "topic.delete", "topic", topic.id, before={"kind": topic.kind, "name": topic.name})
    db.session.delete(topic)
    db.session.commit()


def topics_of(consultation: Consultation) -> list[Topic]:
    return list(db.session.scalars(
        sa.select(Topic).join(consultation_topic, consultation_topic.c.topic_id == Topic.id)
        .where(consultation_topic.c.consultation_id == consultation.id).order_by(Topic.kind.desc(), Topic.name)))


def set_topics(consultation: Consultation, topic_ids: list[int], actor) -> None:
    """Tag the consultation with exactly these topics and areas (unknown ids are ignored). Commits."""
    known = set(db.session.scalars(sa.select(Topic.id).where(Topic.id.in_(topic_ids)))) if topic_ids else set()
    before = sorted(topic.id for topic in topics_of(consultation))
    begin_write()
    db.session.execute(sa.delete(consultation_topic).where(consultation_topic.c.consultation_id == consultation.id))
    if known:
        db.session.execute(sa.insert(consultation_topic),
                           [{"consultation_id": consultation.id, "topic_id": topic_id} for topic_id in sorted(known)])
    audit.record(actor, "consultation.topics", "consultation", consultation.id, before={"topics": before},
                 after={"topics": sorted(known)})
    db.session.commit()


def tagged_ids(topic: Topic) -> set[int]:
    return set(db.session.scalars(sa.select(consultation_topic.c.consultation_id)
                                  .where(consultation_topic.c.topic_id == topic.id)))


def page_of(topic: Topic) -> FrontPage:
    """The front page's lists (open, upcoming, closed), of the consultations tagged with ``topic``."""
    ids = tagged_ids(topic)
    page = front_page()
    return FrontPage(*([c for c in group if c.id in ids] for group in (page.open, page.upcoming, page.closed)))


def opened_in(topic_id: int, start, end) -> list[Consultation]:
    """The public consultations tagged with the topic that opened in ``(start, end]``, first opened first."""
    return list(db.session.scalars(
        sa.select(Consultation).join(consultation_topic, consultation_topic.c.consultation_id == Consultation.id)
        .where(consultation_topic.c.topic_id == topic_id, Consultation.phase != DRAFT,
               Consultation.opens_at > start, Consultation.opens_at <= end)
        .order_by(Consultation.opens_at, Consultation.id)))


def last_opening(topic_id: int, end) -> object:
    """When the last public consultation tagged with the topic opened, up to ``end``; None if none has."""
    return db.session.scalar(
        sa.select(sa.func.max(Consultation.opens_at))
        .join(consultation_topic, consultation_topic.c.consultation_id == Consultation.id)
        .where(consultation_topic.c.topic_id == topic_id, Consultation.phase != DRAFT, Consultation.opens_at <= end))


def _checked_name(kind: str, name: str, own_id: int | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise TopicRejected("name", _("Skriv et navn."))
    if len(name) > MAX_NAME_LENGTH:
        raise TopicRejected("name", _("Navnet kan være høyst %(max)d tegn.", max=MAX_NAME_LENGTH))
    if not slugify(name):
        raise TopicRejected("name", _("Navnet må ha minst én bokstav eller ett tall."))
    same = db.session.execute(sa.select(Topic.id, Topic.name).where(Topic.kind == kind)).all()
    if any(row.name.casefold() == name.casefold() and row.id != own_id for row in same):
        raise TopicRejected("name", _("«%(name)s» finnes allerede.", name=name))
    return name


def _free_slug(kind: str, name: str) -> str:
    base = slugify(name, max_length=MAX_NAME_LENGTH - 4, word_boundary=True)
    slug, suffix = base, 1
    while db.session.scalar(sa.select(Topic.id).where(Topic.kind == kind, Topic.slug == slug)) is not None:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug
