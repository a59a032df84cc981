"""Rules for citizens' comments: posting, replying, agreeing, and reading them back in threads."""
from __future__ import annotations

import hashlib

import math
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.exc import IntegrityError

from hoering import markup
from hoering.comments import tallies
from hoering.comments.models import (
    HELD_FLAGS,
    HELD_PERSONAL_DATA,
    HELD_PREMODERATION,
    HIDDEN,
    PENDING,
    PUBLISHED,
    STANCES,
    WITHDRAWN,
    Agreement,
    Comment,
    Flag,
)
from hoering.consultations.models import MODERATION_PRE, Consultation, Unit
from hoering.database import begin_write
from hoering.extensions import db
from hoering.moderation.personal_data import find_personal_data
from hoering.rejections import Rejected

MAX_TEXT_LENGTH = 10_000
MAX_NAME_LENGTH = 120
MAX_ORGANISATION_LENGTH = 200
MAX_EMAIL_LENGTH = 254


class CommentRejected(Rejected):
    """A comment that cannot be accepted; ``field`` names the form field to blame, or None."""


@dataclass(frozen=True)
class CommentInput:
    """What a citizen submits, already stripped of surrounding whitespace."""

    author_name: str
    text: str
    email: str = ""
    organisation: str = ""
    stance: str = ""
    parent_id: int | None = None
    submission_key: str = ""


@dataclass(frozen=True)
class Posted:
    comment: Comment
    duplicate: bool  # the same submission arrived before (a double click); nothing new was saved
    personal_data: tuple[str, ...] = ()  # kinds of personal data found, if that is why it is held

    @property
    def held_reason(self) -> str | None:
        """Why the comment waits for a moderator (None: it is published)."""
        return self.comment.held_reason if self.comment.status == PENDING else None


def post_comment(consultation: Consultation, unit: Unit | None, entry: CommentInput) -> Posted:
    """Save a citizen's comment on ``unit`` (None: the whole document) and commit.

    Raises CommentRejected when the consultation is not open or the input breaks a rule.
    A second post with the same submission key returns the first comment instead of a copy.
    The write lock is taken only after the comment is rendered and checked for personal data
    (see hoering/database.py): a slow comment then keeps no other citizen waiting.
    """
    existing = check_new(consultation, entry)
    if existing is not None:
        return Posted(existing, duplicate=True)
    parent = reply_target(consultation, unit, entry.parent_id)
    comment = build_comment(consultation, unit, parent, entry)
    found = personal_data_in(entry)
    comment.held_reason = HELD_PERSONAL_DATA if found else held_reason_for(consultation)
    comment.status = PENDING if comment.held_reason else PUBLISHED
    return save_new(comment, personal_data=found)


def check_new(consultation: Consultation, entry: CommentInput) -> Comment | None:
    """Refuse a comment the consultation cannot take now or whose input breaks a rule; return the
    comment already saved from the same submission (a double click), if any."""
    if not consultation.is_open:
        raise CommentRejected(None, _("Høringen er ikke åpen for innspill nå. Teksten din er ikke lagret."))
    _check_input(entry)
    return _by_submission_key(entry.submission_key)


def save_new(comment: Comment, personal_data: tuple[str, ...] = ()) -> Posted:
    """Save a new comment and commit; a copy of the same submission saved meanwhile wins."""
    begin_write()
    db.session.add(comment)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        existing = _by_submission_key(comment.submission_key)
        if existing is None:
            raise
        return Posted(existing, duplicate=True)
    return Posted(comment, duplicate=False, personal_data=personal_data)


def build_comment(consultation: Consultation, unit: Unit | None, parent: Comment | None, entry: CommentInput) -> Comment:
    """A new, unsaved comment from checked input: placed on its unit and thread, its HTML rendered."""
    text = markup.clean_text(entry.text)
    return Comment(
        consultation_id=consultation.id,
        unit_id=unit.id if unit else None,
        anchor=unit.anchor if unit else None,
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        author_name=markup.clean_text(entry.author_name),
        email=markup.clean_text(entry.email) or None,
        organisation=markup.clean_text(entry.organisation) or None,
        stance=entry.stance or None,
        text=text,
        html=rendered(text),
        submission_key=entry.submission_key,
    )


def rendered(text: str) -> str:
    """The comment's HTML, sanitised; CommentRejected for Markdown too deep to show."""
    try:
        return markup.render(text)
    except markup.MarkupRejected as rejection:
        raise CommentRejected(
            "text", _("Innspillet har for mange nivåer eller tegn som ikke kan vises. Bruk færre nivåer i "
                      "lister og sitater, og send igjen. Teksten din står fortsatt i feltet.")
        ) from rejection


def personal_data_in(entry: CommentInput) -> tuple[str, ...]:
    """The kinds of personal data in what the citizen wrote (text, name, organisation).

    Any finding holds the comment back whatever the consultation's moderation mode: a national
    identity number must never be public before a person has looked.
    """
    return personal_data_kinds(entry.text, entry.author_name, entry.organisation)


def personal_data_of(comment: Comment) -> tuple[str, ...]:
    """The kinds of personal data the guard finds in a saved comment: what held it, to tell its sender."""
    return personal_data_kinds(comment.text, comment.author_name, comment.organisation)


def personal_data_kinds(*values: str | None) -> tuple[str, ...]:
    return tuple(sorted({finding.kind for value in values if value for finding in find_personal_data(value)}))


def held_reason_for(consultation: Consultation) -> str | None:
    """Why a new comment without personal data waits for a moderator, or None to publish it now."""
    return HELD_PREMODERATION if consultation.moderation_mode == MODERATION_PRE else None


def _check_input(entry: CommentInput) -> None:
    if not entry.author_name:
        raise CommentRejected("author_name", _("Skriv navnet ditt."))
    if len(entry.author_name) > MAX_NAME_LENGTH:
        raise CommentRejected("author_name", _("Navnet kan være høyst %(n)d tegn.", n=MAX_NAME_LENGTH))
    check_text(entry.text, entry.stance)
    if len(entry.organisation) > MAX_ORGANISATION_LENGTH:
        raise CommentRejected("organisation", _("Navnet på organisasjonen er for langt."))
    if len(entry.email) > MAX_EMAIL_LENGTH:
        raise CommentRejected("email", _("E-postadressen er for lang."))
    if not entry.submission_key or len(entry.submission_key) > 64:
        raise CommentRejected(None, _("Skjemaet var ufullstendig. Prøv å sende igjen."))


def check_text(text: str, stance: str | None) -> None:
    """The rules for a comment's words and stance, for a new comment and an edited one."""
    if not text:
        raise CommentRejected("text", _("Skriv innspillet ditt."))
    if len(text) > MAX_TEXT_LENGTH:
        raise CommentRejected("text", _("Innspillet kan være høyst %(n)d tegn.", n=MAX_TEXT_LENGTH))
    if stance and stance not in STANCES:
        raise CommentRejected("stance", _("Velg et av standpunktene i lista."))


def _by_submission_key(key: str) -> Comment | None:
    return db.session.scalar(sa.select(Comment).where(Comment.submission_key == key))


def reply_target(consultation: Consultation, unit: Unit | None, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id)
    anchor = unit.anchor if unit else None
    if (
        parent is None
        or parent.consultation_id != consultation.id
        or parent.anchor != anchor
        or parent.status != PUBLISHED
    ):
        raise CommentRejected(None, _("Innlegget du svarer på, finnes ikke her lenger."))
    return parent


def agree(comment: Comment, voter: str) -> bool:
    """Record that ``voter`` (one browser session) agrees with ``comment``; False if already counted."""
    db.session.add(Agreement(comment_id=comment.id, voter=voter))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    db.session.execute(
        sa.update(Comment).where(Comment.id == comment.id).values(agree_count=Comment.agree_count + 1)
    )
    db.session.commit()
    return True


def withdraw_agreement(comment: Comment, voter: str) -> bool:
    """Take back ``voter``'s agreement with ``comment``; False if there was none to take back."""
    withdrawn = db.session.execute(
        sa.delete(Agreement).where(Agreement.comment_id == comment.id, Agreement.voter == voter)).rowcount
    if withdrawn:
        db.session.execute(
            sa.update(Comment).where(Comment.id == comment.id).values(agree_count=Comment.agree_count - withdrawn))
    db.session.commit()
    return bool(withdrawn)


MAX_FLAG_REASON_LENGTH = 500


def flag(comment: Comment, voter: str, reason: str, threshold: int) -> bool:
    """Record a reader's report on ``comment``; False if this voter reported it already.

    Every report puts the comment in the moderators' queue; at ``threshold`` reports it is held
    (not shown) until a moderator decides.
    """
    reason = reason.strip()
    if not reason:
        raise CommentRejected("reason", _("Skriv hvorfor du melder fra om innspillet."))
    if len(reason) > MAX_FLAG_REASON_LENGTH:
        raise CommentRejected("reason", _("Begrunnelsen kan være høyst %(n)d tegn.", n=MAX_FLAG_REASON_LENGTH))
    db.session.add(Flag(comment_id=comment.id, voter=voter, reason=reason))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    open_flags = db.session.scalar(
        sa.select(sa.func.count()).where(Flag.comment_id == comment.id, Flag.handled_at.is_(None))
    )
    if open_flags >= threshold and comment.status == PUBLISHED:
        comment.status, comment.held_reason = PENDING, HELD_FLAGS
    db.session.commit()
    return True


def agreed_among(voter: str | None, comment_ids: list[int]) -> set[int]:
    """Which of ``comment_ids`` this voter has already agreed with."""
    if not voter or not comment_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(Agreement.comment_id).where(Agreement.voter == voter, Agreement.comment_id.in_(comment_ids))
        )
    )


def get_comment(consultation: Consultation, comment_id: int) -> Comment | None:
    """A comment of this consultation in any state, or None: for the page its sender sees."""
    comment = db.session.get(Comment, comment_id)
    return comment if comment is not None and comment.consultation_id == consultation.id else None


def get_public_comment(consultation: Consultation, comment_id: int) -> Comment | None:
    """A published comment of this consultation, or None."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.consultation_id != consultation.id or comment.status != PUBLISHED:
        return None
    return comment


def _published(consultation: Consultation):
    return (Comment.consultation_id == consultation.id) & (Comment.status == PUBLISHED)


def _in_threads(consultation: Consultation):
    """Published comments, and hidden and withdrawn ones that stand as placeholders so threads stay
    readable."""
    return (Comment.consultation_id == consultation.id) & Comment.status.in_((PUBLISHED, HIDDEN, WITHDRAWN))


def counts_by_anchor(consultation: Consultation) -> dict[str | None, int]:
    """Published comments per unit anchor (None: the whole document), from the stored counts."""
    return tallies.counts_by_anchor(consultation.id)


def counts_by_consultation(consultation_ids: list[int], status: str = PUBLISHED) -> dict[int, int]:
    """Comments in ``status`` (published, or pending for a moderator) per consultation, from the stored
    counts."""
    return tallies.counts_by_consultation(consultation_ids, status)


@dataclass
class Thread:
    """A top-level comment with its replies nested under it."""

    comment: Comment
    replies: list[Thread] = field(default_factory=list)


@dataclass(frozen=True)
class ThreadPage:
    threads: list[Thread]
    page: int
    pages: int
    total_threads: int
    total_comments: int


# How a reader may order the threads of a unit (the URL's ?sortering=), oldest first by default.
OLDEST, NEWEST, MOST_AGREED = "eldste", "nyeste", "flest-enige"
THREAD_ORDERS = {
    OLDEST: (Comment.id,),
    NEWEST: (Comment.id.desc(),),
    MOST_AGREED: (Comment.agree_count.desc(), Comment.id),
}


def thread_page(consultation: Consultation, anchor: str | None, page: int, per_page: int,
                order: str = OLDEST, stance: str | None = None) -> ThreadPage:
    """One page of the threads on a unit, in ``order``, with every reply (oldest first under their
    comment): three queries in all. With ``stance``, only the threads whose first comment states it.
    ``total_threads`` counts the threads shown; ``total_comments`` every published one on the unit."""
    on_unit = Comment.anchor == anchor if anchor else Comment.anchor.is_(None)
    where = _in_threads(consultation) & on_unit
    is_root = Comment.parent_id.is_(None) & (Comment.stance == stance if stance in STANCES else sa.true())
    total_threads, total_comments = db.session.execute(
        sa.select(
            sa.func.count().filter(is_root),
            sa.func.count().filter(Comment.status == PUBLISHED),
        ).where(where)
    ).one()
    pages = max(1, math.ceil(total_threads / per_page))
    page = min(max(page, 1), pages)
    roots = list(
        db.session.scalars(
            sa.select(Comment)
            .where(where & is_root)
            .order_by(*THREAD_ORDERS.get(order, THREAD_ORDERS[OLDEST]))
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    )
    replies = (
        list(
            db.session.scalars(
                sa.select(Comment).where(where & Comment.root_id.in_([c.id for c in roots])).order_by(Comment.id)
            )
        )
        if roots
        else []
    )
    return ThreadPage(_nest(roots, replies), page, pages, total_threads, total_comments)


def _nest(roots: list[Comment], replies: list[Comment]) -> list[Thread]:
    nodes = {comment.id: Thread(comment) for comment in roots}
    for reply in replies:  # oldest first, so a parent is always placed before its replies
        node = Thread(reply)
        nodes[reply.id] = node
        parent = nodes.get(reply.parent_id)
        if parent is not None:
            parent.replies.append(node)
    return [nodes[comment.id] for comment in roots]


def page_of_thread(consultation: Consultation, comment: Comment, per_page: int) -> int:
    """The page of its unit on which ``comment``'s thread is shown."""
    root_id = comment.root_id or comment.id
    where = _in_threads(consultation) & (
        Comment.anchor == comment.anchor if comment.anchor else Comment.anchor.is_(None)
    )
    earlier = db.session.scalar(
        sa.select(sa.func.count()).where(where & Comment.parent_id.is_(None) & (Comment.id < root_id))
    )
    return earlier // per_page + 1


def published_fingerprint(consultation: Consultation) -> str:
    """A digest of what the open-data feed (``comments_after`` from the start) holds, from one row of
    sums: which comments are published, their edits, moderation and agreements. Two feeds that differ
    differ here, but for changes that cancel out exactly in every sum at once."""
    row = db.session.execute(
        sa.select(
            sa.func.count(), sa.func.sum(Comment.id), sa.func.max(Comment.edited_at), sa.func.max(Comment.moderated_at),
            sa.func.sum(Comment.agree_count), sa.func.sum(Comment.agree_count * Comment.id),
        ).where(_published(consultation))
    ).one()
    return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()[:32]


def comments_after(consultation: Consultation, after: int, limit: int) -> list[Comment]:
    """Published comments with an id above ``after``, oldest first: the open-data feed."""
    return list(
        db.session.scalars(
            sa.select(Comment)
            .where(_published(consultation) & (Comment.id > after))
            .order_by(Comment.id)
            .limit(limit)
        )
    )
