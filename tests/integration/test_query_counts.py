"""The number of SQL queries per page does not grow with the number of units or comments."""
import contextlib

from sqlalchemy import event

from hoering.extensions import db
from tests.factories import make_comment, make_consultation


@contextlib.contextmanager
def counting_queries():
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def draft_with(sections: int) -> str:
    return "\n\n".join(
        f"# Kapittel {n}\n\nKommunen skal gjøre tiltak {n}.\n\n- punkt {n}a\n- punkt {n}b" for n in range(1, sections + 1)
    )


def build(slug: str, sections: int, threads: int, replies_each: int) -> str:
    """A consultation with ``sections`` x 3 units and threads (with replies) on one unit; returns its anchor."""
    consultation = make_consultation(slug, draft=draft_with(sections))
    anchor = "kommunen-skal-gjore-tiltak-1"
    for n in range(threads):
        root = make_comment(consultation, anchor, text=f"Innspill {n}")
        make_comment(consultation, None, text=f"Om helheten {n}")
        for r in range(replies_each):
            make_comment(consultation, anchor, text=f"Svar {r}", parent_id=root.id)
    return anchor


PAGES = [
    "/",
    "/hoeringer/{slug}",
    "/hoeringer/{slug}/{anchor}",
    "/hoeringer/{slug}/{anchor}?side=2",
    "/hoeringer/{slug}/hele-dokumentet",
    "/api/v1/consultations",
    "/api/v1/consultations/{slug}",
    "/api/v1/consultations/{slug}/comments?limit=1000",
]


def queries_per_page(client, slug: str, anchor: str) -> list[int]:
    counts = []
    for url in PAGES:
        db.session.expire_all()
        with counting_queries() as statements:
            assert client.get(url.format(slug=slug, anchor=anchor)).status_code == 200
        # The open data's Last-Modified (hoering/api/caching.py) costs a read, and when an answer has
        # changed (here: the first time it is served) a BEGIN IMMEDIATE on SQLite, a prune and an upsert.
        bookkeeping = [statement for statement in statements
                       if "served_version" in statement or statement.startswith("BEGIN IMMEDIATE")]
        assert len(bookkeeping) <= 4, bookkeeping
        counts.append(len(statements) - len(bookkeeping))
    return counts


def test_queries_per_page_are_the_same_for_small_and_larger_consultations(app, client):
    app.config["THREADS_PER_PAGE"] = 2
    app.config["PAGE_CACHE"] = False  # the queries of rendering (a cached page's one: test_page_cache.py)
    small = queries_per_page(client, "liten", build("liten", sections=3, threads=3, replies_each=1))
    large = queries_per_page(client, "stor", build("stor", sections=40, threads=12, replies_each=4))
    assert small == large
    # 9: a unit's page asks whether a revision changed it ("Endret i versjon N"), once.
    assert max(large) <= 9, dict(zip(PAGES, large))
