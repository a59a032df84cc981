"""The stored comment counts (hoering.comments.tallies) follow every change: posting, moderation,
withdrawal, a statement that holds comments, a consultation deleted. (After every test, conftest.py also
checks the stored counts against the comments counted, whatever the test did.)"""
import threading

import sqlalchemy as sa

from hoering.comments import receipts, tallies
from hoering.accounts.models import User
from hoering.comments.models import HIDDEN, PENDING, PUBLISHED, Comment, CommentTally
from hoering.consultations.models import Consultation
from hoering.database import begin_write
from hoering.comments.services import counts_by_anchor, counts_by_consultation
from hoering.extensions import db
from hoering.moderation import services as moderation
from tests.factories import make_comment, make_consultation
from tests.integration.test_query_counts import counting_queries

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"


def test_counts_follow_posting_moderation_and_withdrawal(app, auth):
    consultation = make_consultation()
    other = make_consultation("annen-horing")
    moderator = auth.user("moderator")
    first = make_comment(consultation, ANCHOR)
    make_comment(consultation, ANCHOR)
    make_comment(consultation, None)
    waiting = make_comment(consultation, ANCHOR)
    waiting.status = PENDING  # as held by pre-moderation
    db.session.commit()
    make_comment(other, None)
    assert counts_by_anchor(consultation) == {ANCHOR: 2, None: 1}
    assert counts_by_consultation([consultation.id, other.id]) == {consultation.id: 3, other.id: 1}
    assert counts_by_consultation([consultation.id], PENDING) == {consultation.id: 1}

    moderation.hide(first, moderator, "Usaklig")
    moderation.approve(waiting, moderator)
    assert counts_by_anchor(consultation) == {ANCHOR: 2, None: 1}
    assert counts_by_consultation([consultation.id], PENDING) == {}
    assert tallies.counts_by_anchor(consultation.id, HIDDEN) == {ANCHOR: 1}

    receipts.withdraw(waiting, consultation)
    assert counts_by_anchor(consultation) == {ANCHOR: 1, None: 1}


def test_a_statement_on_comments_is_counted_again_and_a_rollback_leaves_the_counts(app):
    consultation = make_consultation()
    comments = [make_comment(consultation, ANCHOR) for _ in range(3)]
    db.session.execute(sa.update(Comment).where(Comment.id.in_([c.id for c in comments[:2]])).values(status=PENDING))
    db.session.commit()
    assert counts_by_anchor(consultation) == {ANCHOR: 1}
    db.session.execute(sa.update(Comment).values(status=HIDDEN))
    db.session.rollback()
    assert counts_by_anchor(consultation) == {ANCHOR: 1}


def test_deleting_a_consultation_takes_its_counts(app):
    consultation = make_consultation()
    make_comment(consultation, ANCHOR)
    db.session.delete(consultation)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CommentTally)) == 0


def test_reading_the_counts_reads_no_comment(app):
    consultation = make_consultation()
    for _ in range(5):
        make_comment(consultation, ANCHOR)
    with counting_queries() as statements:
        counts_by_anchor(consultation)
        counts_by_consultation([consultation.id])
    assert statements and not any("FROM comment " in s or "FROM comment\n" in s for s in statements)


def test_a_comment_added_without_a_status_is_counted_under_its_default(app):
    consultation = make_consultation()
    db.session.add(Comment(consultation_id=consultation.id, author_name="Kari", text="Hei", html="<p>Hei</p>",
                           submission_key="standard"))
    db.session.commit()
    assert counts_by_anchor(consultation) == {None: 1}


def test_posting_and_moderating_at_once_leave_the_counts_right(app, auth):
    """Threads post comments while others hide and approve: on PostgreSQL (TEST_DATABASE_URL) each in a
    transaction of its own at the same moment, on SQLite one writer at a time."""
    consultation = make_consultation()
    moderator_id = auth.user("moderator").id
    earlier = [make_comment(consultation, ANCHOR).id for _ in range(20)]
    consultation_id = consultation.id
    db.session.remove()
    start = threading.Barrier(8)
    failures: list[BaseException] = []

    def poster(n: int) -> None:
        with app.app_context():
            start.wait()
            try:
                for i in range(10):
                    make_comment(db.session.get(Consultation, consultation_id), ANCHOR if i % 2 else None,
                                 text=f"Innspill {i} fra {n}")
            except BaseException as error:  # noqa: BLE001 (reported below)
                failures.append(error)

    def moderator(ids: list[int]) -> None:
        with app.app_context():
            start.wait()
            try:
                actor = db.session.get(User, moderator_id)
                for comment_id in ids:
                    begin_write()  # as a moderator's POST does (hoering/database.py)
                    comment = db.session.get(Comment, comment_id)
                    moderation.hide(comment, actor, "Usaklig")
                    if comment_id % 3 == 0:
                        begin_write()
                        moderation.restore(db.session.get(Comment, comment_id), actor)
            except BaseException as error:  # noqa: BLE001
                failures.append(error)

    workers = [threading.Thread(target=poster, args=(n,)) for n in range(4)]
    workers += [threading.Thread(target=moderator, args=(earlier[n::4],)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    counted = dict(db.session.execute(
        sa.select(Comment.anchor, sa.func.count()).where(Comment.consultation_id == consultation_id,
                                                         Comment.status == PUBLISHED).group_by(Comment.anchor)).all())
    assert counts_by_anchor(db.session.get(Consultation, consultation_id)) == counted
    assert sum(counted.values()) == 20 + 40 - sum(1 for i in earlier if i % 3 != 0)
