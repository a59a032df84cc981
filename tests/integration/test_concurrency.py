"""Many citizens posting at once: every comment is saved once, none fails (SQLite and PostgreSQL)."""
import threading

import sqlalchemy as sa

from hoering.comments.models import Comment
from hoering.extensions import db
from tests.factories import make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
THREADS = 20
COMMENTS_EACH = 50


def test_twenty_threads_posting_fifty_comments_each_give_exactly_a_thousand(app):
    make_consultation()
    db.session.remove()
    failures: list[str] = []
    start = threading.Barrier(THREADS)

    def citizen(n: int) -> None:
        with app.app_context():
            client = app.test_client()
            start.wait()
            for i in range(COMMENTS_EACH):
                response = client.post(
                    f"/hoeringer/digital-dialog/{ANCHOR}",
                    data={"author_name": f"Innbygger {n}", "text": f"Innspill {i} fra {n}",
                          "submission_key": f"{n}-{i}"},
                )
                if response.status_code != 302:
                    failures.append(f"{n}/{i}: {response.status_code}")

    workers = [threading.Thread(target=citizen, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == THREADS * COMMENTS_EACH
    assert db.session.scalar(sa.select(sa.func.count(sa.distinct(Comment.submission_key)))) == 1000
