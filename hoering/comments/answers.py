"""The municipality answers: a staff member replies to a comment as the municipality, and the staff
see which questions still wait for an answer.

An official answer is a reply in the thread like any other, marked ``official`` with who wrote it and
in which role. It is published at once (staff do not wait for a moderator) but never with personal
data: the guard refuses it with the reason, so the staff member can take it out and send again. The
citizens who asked to hear of answers to the comment get a notice by e-mail (hoering.notifications). It
is the municipality's word, not a citizen's input, so it is neither counted nor analysed as input
(``comments.models.citizens_published``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _

from hoering.accounts.models import ADMIN, CASEWORKER, PLANNER
from hoering.comments.models import PUBLISHED, Comment, citizens_published
from hoering.comments.questions import asks_something
from hoering.comments.services import (
    CommentInput,
    CommentRejected,
    Posted,
    build_comment,
    check_new,
    personal_data_in,
    reply_target,
    save_new,
)
from hoering.consultations.models import Consultation, Unit
from hoering.consultations.planning import may_manage
from hoering.extensions import db
from hoering.notifications import services as notifications

# The role an answer is signed with, when the staff member holds several: the one closest to the case.
ANSWERING_ROLES = (CASEWORKER, PLANNER, ADMIN)
QUESTIONS_PER_PAGE = 50
_BATCH = 1_000


def may_answer(user, consultation: Consultation) -> bool:
    """Whether ``user`` may answer comments of this consultation as the municipality: a caseworker,
    an admin, or a planner of this consultation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_any_role([CASEWORKER, ADMIN]):
        return True
    return user.has_any_role([PLANNER]) and may_manage(user, consultation)


def answer(consultation: Consultation, unit: Unit | None, entry: CommentInput, user) -> Posted:
    """Publish ``user``'s answer as the municipality to the comment ``entry.parent_id`` and commit.
    Raises CommentRejected when the user may not, the comment is not there, or the answer holds
    personal data."""
    if not may_answer(user, consultation):
        raise CommentRejected(None, _("Bare saksbehandlere og planleggere kan svare på vegne av kommunen."))
    if entry.parent_id is None:
        raise CommentRejected(None, _("Et svar fra kommunen må svare på et innspill. Velg «Svar» ved innspillet."))
    entry = CommentInput(author_name=user.name, text=entry.text, parent_id=entry.parent_id,
                         submission_key=entry.submission_key)
    existing = check_new(consultation, entry)
    if existing is not None:
        return Posted(existing, duplicate=True)
    found = personal_data_in(entry)
    if found:
        raise CommentRejected("text", _("Svaret ser ut til å inneholde personopplysninger. Ta dem ut og send igjen. "
                                        "Teksten din står fortsatt i feltet."))
    comment = build_comment(consultation, unit, reply_target(consultation, unit, entry.parent_id), entry)
    comment.status, comment.official = PUBLISHED, True
    comment.answered_by_id, comment.answered_as = user.id, answering_role(user)
    posted = save_new(comment)
    if not posted.duplicate:
        notifications.send_later(notifications.answer_published(posted.comment))
    return posted


def answering_role(user) -> str:
    return next(role for role in ANSWERING_ROLES if user.has_any_role([role]))


@dataclass(frozen=True)
class Question:
    id: int
    anchor: str | None
    author_name: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class QuestionPage:
    questions: list[Question]
    page: int
    pages: int
    total: int


def unanswered_questions(consultation: Consultation, page: int, per_page: int = QUESTIONS_PER_PAGE) -> QuestionPage:
    """The published comments of citizens that ask something (hoering.comments.questions) and have no
    published official answer yet, oldest first, a page at a time. The rule reads the text, so the
    comments are read in batches. The answered ones are known first, from the few official answers:
    a NOT EXISTS per comment would scan the replies once for every comment (no index leads with
    parent_id), which takes minutes at 100,000 comments."""
    answered = set(db.session.scalars(sa.select(Comment.parent_id).where(
        Comment.consultation_id == consultation.id, Comment.official.is_(True), Comment.status == PUBLISHED)))
    query = (sa.select(Comment.id, Comment.anchor, Comment.author_name, Comment.text, Comment.created_at)
             .where(citizens_published(consultation.id)).order_by(Comment.id))
    questions = [Question(*row) for row in db.session.execute(query.execution_options(yield_per=_BATCH))
                 if row.id not in answered and asks_something(row.text)]
    pages = max(1, -(-len(questions) // per_page))
    page = min(max(page, 1), pages)
    return QuestionPage(questions[(page - 1) * per_page: page * per_page], page, pages, len(questions))
