"""Benchmark: search (hoering/search) at 100,000 comments, on SQLite and on PostgreSQL.

Builds a database with the real migrations (so the search index is the one production gets: FTS5
tables kept by triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL),
12 consultations and ``--comments`` comments bulk-inserted in batches (Core inserts, as
bench/exports.py does; the index follows each insert), 5 % of them held or hidden, and 200 formal
responses. The texts are generated from Norwegian sentences, so a common word is found in every
third comment and a place name in a few dozen. Then, through the WSGI app (Flask's test client), each
query ``--requests`` times after two untimed ones: the public search page (/sok) for a very common word,
a common word, a rare word, two words, a phrase, a word found nowhere, page 5 of a common word,
within one consultation; the staff page (/admin/sok, comments of every status and formal responses);
and the API's comments filtered by q. Prints p50/p95/max in milliseconds per query and over all.

Target (issue 21): p95 < 100 ms on both databases.

    .venv/bin/python bench/search.py [--comments 100000] [--requests 30]
    .venv/bin/python bench/search.py --database-url postgresql://…   # PostgreSQL as well; WIPED
    BENCH_DATABASE_URL=postgresql://… .venv/bin/python bench/search.py  # the same
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 2126
BATCH = 5000
CONSULTATIONS = 12
TARGET_MS = 100
STAFF_EMAIL = "moderator@bench.example.no"
PASSWORD = "et langt nok passord"

SENTENCES = [
    "Kommunen må lytte mer til innbyggerne.", "Jeg støtter forslaget.", "Dette er et godt forslag.",
    "Skolen trenger flere lærere og bedre uteområder.", "Skoleveien er ikke trygg for barna om vinteren.",
    "Brøytingen av fortauene kommer alltid for sent.", "Det må bli bedre kollektivtilbud på kveldstid.",
    "Bussen går for sjelden i helgene.", "Parkering i sentrum er for dyrt.", "Vi trenger flere barnehageplasser.",
    "Sykkelveien langs fjorden bør bli bredere.", "Gatelysene er slukket i hele boligfeltet.",
    "Eldre må kunne bo hjemme lenger med hjelp fra kommunen.", "Biblioteket bør ha lengre åpningstider.",
    "Idrettshallen er for liten for alle lagene.", "Støyen fra veien er et problem for naboene.",
    "Naturområdene må tas vare på for framtidige generasjoner.", "Planen tar ikke hensyn til friluftslivet.",
    "Trygg skolevei må komme først.", "Det er for lite informasjon om hva som skal skje.",
    "Kommunen bør samarbeide med frivillige lag og foreninger.", "Jeg er imot forslaget om nedleggelse.",
    "Svømmehallen må pusses opp før den stenger.", "Ungdommen trenger et sted å være på kvelden.",
    "Vannledningene er gamle og lekker.", "Fergen er full hver morgen.", "Legekontoret har for lang ventetid.",
    "Hva koster dette for oss som bor her?", "Det bør bygges flere boliger for unge.",
    "Turstiene må merkes bedre.", "Kulturhuset er viktig for hele regionen.", "Avgiftene øker hvert år.",
]
PLACE_PARTS = (["Sol", "Gran", "Bjørke", "Fur", "Ask", "Lyng", "Berg", "Strand", "Elve", "Myr", "Eike", "Rogn",
                "Heste", "Kvern", "Sag", "Mølle", "Kirke", "Skole", "Vind", "Stein"],
               ["bakken", "lia", "haugen", "tunet", "vika", "stien", "jordet", "åsen", "moen", "dalen"])
# name, URL path and query string (the app's own, so the code paths are the real ones)
QUERIES = [
    ("very common word", "/sok", {"q": "kommunen"}),
    ("common word", "/sok", {"q": "skolevei"}),
    ("rare word", "/sok", {"q": "Mølletunet"}),
    ("two words", "/sok", {"q": "bedre kollektivtilbud"}),
    ("phrase", "/sok", {"q": '"trygg skolevei"'}),
    ("no match", "/sok", {"q": "xylofonorkester"}),
    ("page 5", "/sok", {"q": "bussen", "side": "5"}),
    ("one consultation", "/sok", {"q": "brøytingen", "horing": "horing-3"}),
    ("staff", "/admin/sok", {"q": "vannledningene lekker"}),
    ("API q=", "/api/v1/consultations/horing-3/comments", {"q": "fergen", "limit": "100"}),
]


def make_app(url: str):
    from hoering import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "SERVER_NAME": "bench.test",
                       "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False})


def comment_text(rng: random.Random) -> str:
    sentences = rng.sample(SENTENCES, rng.randint(1, 4))
    if rng.random() < 0.05:
        place = rng.choice(PLACE_PARTS[0]) + rng.choice(PLACE_PARTS[1])
        sentences.insert(rng.randrange(len(sentences) + 1), f"Det gjelder særlig {place}.")
    return " ".join(sentences)


def seed(url: str, comments: int) -> float:
    """Build the database; returns the seconds the comments took to insert (and index)."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from hoering.accounts.services import create_user
    from hoering.clock import utcnow
    from hoering.comments.models import HIDDEN, PENDING, PUBLISHED, Comment
    from hoering.consultations.services import create_consultation
    from hoering.extensions import db
    from hoering.responses.models import FormalResponse

    rng = random.Random(SEED)
    app = make_app(url)
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        with contextlib.redirect_stderr(io.StringIO()):  # Alembic's INFO lines
            upgrade()
        now = utcnow()
        consultations = [create_consultation(
            slug=f"horing-{n}", title=f"Plan nummer {n} for skole, vei og kollektivtilbud", organisation="Fjordvik kommune",
            summary="Kommunen ber om innspill.", opens_at=now - timedelta(days=20), closes_at=now + timedelta(days=14),
            draft="# Formål\n\nPlanen skal gjøre kommunen bedre.\n") for n in range(CONSULTATIONS)]
        db.session.commit()
        start = time.perf_counter()
        statuses = (PUBLISHED, PENDING, HIDDEN)
        for first in range(0, comments, BATCH):
            rows = [{
                "id": n + 1, "consultation_id": consultations[n % CONSULTATIONS].id, "anchor": None,
                "author_name": f"Innbygger {n}", "email": f"innbygger{n}@example.no", "text": comment_text(rng),
                "html": "", "agree_count": 0, "status": rng.choices(statuses, (95, 3, 2))[0],
                "submission_key": f"bench-{n:08d}", "created_at": now - timedelta(minutes=n),
            } for n in range(first, min(first + BATCH, comments))]
            db.session.execute(Comment.__table__.insert(), rows)
        db.session.commit()
        inserted = time.perf_counter() - start
        db.session.execute(FormalResponse.__table__.insert(), [{
            "consultation_id": consultations[n % CONSULTATIONS].id, "reference": f"HS-{n}", "channel": "form",
            "body_name": f"Velforening {n}", "category": "organisasjon", "contact_name": "Nina",
            "contact_email": "nina@example.no", "text": " ".join(rng.sample(SENTENCES, 8)), "html": "",
            "no_comments": False, "late": False, "publish_name": True, "status": "published",
            "submitted_at": now, "updated_at": now} for n in range(200)])
        if url.startswith("postgresql"):
            db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
        create_user(STAFF_EMAIL, "Moderator", PASSWORD, ["moderator"])
        db.engine.dispose()
    return inserted


def measure(url: str, requests: int) -> dict[str, list[float]]:
    app = make_app(url)
    client = app.test_client()
    assert client.post("/logg-inn", data={"email": STAFF_EMAIL, "password": PASSWORD}).status_code == 302
    times: dict[str, list[float]] = {}
    for name, path, args in QUERIES:
        for _ in range(2):
            client.get(path, query_string=args)
        times[name] = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(path, query_string=args)
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    with app.app_context():
        from hoering.extensions import db
        db.engine.dispose()
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(backend: str, times: dict[str, list[float]]) -> bool:
    print(f"\n{backend}: ms per request (p50 / p95 / max)")
    for name, values in times.items():
        print(f"  {name:<18} {statistics.median(values):7.1f} {percentile(values, 0.95):7.1f} {max(values):7.1f}")
    everything = [value for values in times.values() for value in values]
    p95 = percentile(everything, 0.95)
    met = p95 < TARGET_MS
    print(f"  {'all queries':<18} {statistics.median(everything):7.1f} {p95:7.1f} {max(everything):7.1f}"
          f"   target p95 < {TARGET_MS} ms: {'met' if met else 'MISSED'}")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per query (default 30)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="PostgreSQL URL to run on as well (WIPED); default $BENCH_DATABASE_URL")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f}; {args.comments:,} comments, {args.requests} requests a query")
    with tempfile.TemporaryDirectory() as directory:
        urls = [("SQLite (FTS5)", f"sqlite:///{Path(directory) / 'bench.db'}")]
        if args.database_url:
            from hoering.config import database_url_from
            urls.append(("PostgreSQL (tsvector)", database_url_from(args.database_url)))
        for backend, url in urls:
            seconds = seed(url, args.comments)
            print(f"\n{backend}: {args.comments:,} comments inserted and indexed in {seconds:.1f} s")
            report(backend, measure(url, args.requests))
    return 0


if __name__ == "__main__":
    sys.exit(main())
