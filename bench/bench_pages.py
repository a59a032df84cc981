"""Benchmark: response times and SQL queries per request of the public pages and the API.

For each size (small: 40 units, 200 comments; large: ~300 units, 20,000 comments) it builds a fresh
database with the real migrations, creates an open consultation through
``create_consultation()`` (plus a closed and an upcoming one for the front page), bulk-inserts
published comments (one chosen unit gets a fixed share, about 20 % of every unit's comments are
replies), then requests each page through the WSGI app (Flask's test client) and prints, per page,
the SQL queries per request, p50/p95/max wall-clock milliseconds and p95 CPU milliseconds over
``--requests`` requests (a quarter of that at the small size, whose job is the query counts), the
pages taken in turn.

Queries are counted with a ``before_cursor_execute`` listener on ``db.engine``; the ``BEGIN`` that
hoering emits itself on SQLite (database.py) is not counted, so SQLite and PostgreSQL compare.

Targets (issue): with 20,000 comments, the consultation page and the page of a unit with 500
comments answer in under 150 ms at p95; queries per page do not grow with units or comments.

Run from the repository root:
    .venv/bin/python bench/bench_pages.py                      # SQLite in a temporary directory
    .venv/bin/python bench/bench_pages.py --database-url "$TEST_DATABASE_URL"   # PostgreSQL, wiped
Options: --requests N (default 200), --warmup N, --sizes small,large, --profile PAGE (cProfile of one
page, e.g. consultation), --show-queries (the SQL of each page with the database's plan).
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import math
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bench.draft_text import generate_draft  # noqa: E402
from hoering import create_app, markup  # noqa: E402
from hoering.clock import utcnow  # noqa: E402
from hoering.comments.models import PUBLISHED, STANCES, Comment  # noqa: E402
from hoering.config import database_url_from  # noqa: E402
from hoering.consultations.models import Unit  # noqa: E402
from hoering.consultations.services import create_consultation  # noqa: E402
from hoering.extensions import db  # noqa: E402

SEED = 2026
SLUG = "kommuneplan-2026"
TARGET_P95_MS = 150.0
REPLY_SHARE = 0.2  # of each unit's comments; a fifth of those answer a reply, not the top-level comment
WHOLE_DOCUMENT_SHARE = 0.1  # of the comments not on the chosen unit
BATCH = 2000


@dataclass(frozen=True)
class Size:
    name: str
    units: int
    comments: int
    on_unit: int  # comments on the chosen unit


SIZES = {
    "small": Size("small", units=40, comments=200, on_unit=80),
    "large": Size("large", units=300, comments=20_000, on_unit=500),
}


@dataclass
class Scenario:
    """What was built, and what the pages are measured on."""

    size: Size
    units: int
    anchor: str
    unit_pages: int
    per_anchor: dict[str | None, int] = field(default_factory=dict)


COMMENT_TEXTS = [
    "Jeg støtter forslaget.",
    "Dette er et godt forslag, men fristen er for kort. Kommunen bør gi seg selv minst ett år til å få "
    "dette på plass, og rapportere underveis.",
    "Vi i velforeningen er bekymret for trafikken. Skoleveien er allerede farlig om morgenen, og flere "
    "boliger vil gi mer trafikk.\n\nVi ber kommunen om å:\n\n- bygge fortau før nye boliger tas i bruk\n"
    "- senke fartsgrensen til 30 km/t\n- vurdere en gangbro over fylkesveien",
    "Hvorfor står det ingenting om de som ikke bruker internett? Min mor på 84 har verken PC eller "
    "smarttelefon. Hun må også få informasjon.",
    "Enig med forrige innlegg.",
    "Se rapporten fra Statistisk sentralbyrå: https://www.ssb.no/befolkning — tallene viser noe annet "
    "enn det utkastet påstår.",
    "Formuleringen «bør» er for svak. Skriv **skal**, ellers skjer det ingenting.",
    "Takk for en ryddig og lettlest høring! Et lite forslag: legg ved en oversikt over hva tiltakene "
    "koster, så det blir lettere å prioritere.\n\nMvh. en fornøyd innbygger",
]
AUTHORS = [
    "Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Mohammed Ali", "Sofie Lie", "Jonas Dahl", "Aisha Khan",
    "Per Ødegård", "Åse Bjørnstad", "Lars Kristiansen", "Emma Sletten", "Sindre Ølnes",
]
ORGANISATIONS = ["Fjordvik ungdomsråd", "FAU ved Fjordvik skole", "Fjordvik næringsforening", "Naturvernforbundet"]


# --------------------------------------------------------------------------- database and seed


def make_app(url: str):
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "PROPAGATE_EXCEPTIONS": True,  # an error in a page fails the benchmark instead of timing a 500
        }
    )


def reset_database(app, url: str) -> None:
    """Empty the database (PostgreSQL: drop and recreate the public schema), then run the migrations."""
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        log = io.StringIO()
        try:
            with contextlib.redirect_stderr(log):  # Alembic's INFO lines
                upgrade()
        except Exception:
            sys.stderr.write(log.getvalue())
            raise


def seed(app, size: Size, rng: random.Random) -> Scenario:
    with app.app_context():
        now = utcnow()
        main = create_consultation(
            slug=SLUG,
            title="Kommuneplanens samfunnsdel 2026–2038",
            organisation="Fjordvik kommune",
            summary="Kommunen ber om innspill til samfunnsdelen.\n\nFristen er om to uker.",
            opens_at=now - timedelta(days=20),
            closes_at=now + timedelta(days=14),
            draft=generate_draft(SEED, max_units=size.units),
        )
        for slug, opens, closes in (("gammel-plan", -90, -30), ("kommende-plan", 5, 40)):
            create_consultation(
                slug=slug,
                title=f"Høring {slug}",
                organisation="Fjordvik kommune",
                opens_at=now + timedelta(days=opens),
                closes_at=now + timedelta(days=closes),
                draft=generate_draft(SEED + 1, max_units=12),
            )
        db.session.commit()
        units = list(
            db.session.scalars(
                sa.select(Unit).where(Unit.version_id == main.current_version_id).order_by(Unit.position)
            )
        )
        chosen = _choose_unit(units)
        per_anchor = _distribute(size, units, chosen, rng)
        _insert_comments(main, {u.anchor: u for u in units}, per_anchor, rng)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("ANALYZE"))  # what autovacuum would have done by now
        db.session.commit()
        top_level = per_anchor[chosen.anchor] - _reply_count(per_anchor[chosen.anchor])
        pages = max(1, math.ceil(top_level / app.config["THREADS_PER_PAGE"]))
        return Scenario(size, len(units), chosen.anchor, pages, per_anchor)


def _choose_unit(units: list[Unit]) -> Unit:
    """A paragraph near the middle of the draft (``units`` in document order)."""
    paragraphs = [u for u in units if not u.is_heading]
    return paragraphs[len(paragraphs) // 2]


def _distribute(size: Size, units: list[Unit], chosen: Unit, rng: random.Random) -> dict[str | None, int]:
    """How many comments each anchor gets (None: the whole document)."""
    rest = size.comments - size.on_unit
    whole = round(rest * WHOLE_DOCUMENT_SHARE)
    others = [u for u in units if u.id != chosen.id]
    weights = [(0.2 if u.is_heading else 1.0) * rng.uniform(0.2, 3.0) for u in others]
    per_anchor: dict[str | None, int] = {chosen.anchor: size.on_unit, None: whole}
    for unit in rng.choices(others, weights=weights, k=rest - whole):
        per_anchor[unit.anchor] = per_anchor.get(unit.anchor, 0) + 1
    return per_anchor


def _reply_count(n: int) -> int:
    return round(n * REPLY_SHARE)


def _insert_comments(consultation, units: dict[str, Unit], per_anchor: dict[str | None, int], rng) -> None:
    """Bulk insert, oldest first: top-level comments, then replies to them, then replies to replies."""
    templates = [(text, markup.render(text)) for text in COMMENT_TEXTS]
    plan = {anchor: _waves(n) for anchor, n in per_anchor.items()}
    serial = iter(range(1, 10**9))

    def row(anchor, parent=None):
        n = next(serial)
        text, html = rng.choice(templates)
        unit = units.get(anchor)
        return {
            "consultation_id": consultation.id,
            "unit_id": unit.id if unit else None,
            "anchor": anchor,
            "parent_id": parent[0] if parent else None,
            "root_id": parent[1] if parent else None,
            "author_name": rng.choice(AUTHORS),
            "email": None,
            "organisation": rng.choice(ORGANISATIONS) if rng.random() < 0.1 else None,
            "stance": rng.choice(STANCES) if rng.random() < 0.6 else None,
            "text": text,
            "html": html,
            "agree_count": int(rng.expovariate(0.3)),
            "status": PUBLISHED,
            "submission_key": f"bench-{n:08d}",
            "created_at": consultation.opens_at + timedelta(minutes=n % 28_000),  # within the 20 days open
        }

    # (id, root_id) of the comments a later wave may answer, per anchor
    top = _insert_wave([(a, row(a)) for a, (n, _, _) in plan.items() for _ in range(n)], rng)
    firsts = _insert_wave(
        [(a, row(a, (p, p))) for a, (_, n, _) in plan.items() for p in rng.choices([i for i, _ in top[a]], k=n)],
        rng,
    )
    _insert_wave(
        [(a, row(a, rng.choice(firsts[a]))) for a, (_, _, n) in plan.items() for _ in range(n)],
        rng,
    )


def _waves(n: int) -> tuple[int, int, int]:
    """Top-level comments, replies to them, replies to replies, for ``n`` comments on one anchor."""
    replies = _reply_count(n)
    second = replies // 5
    return n - replies, replies - second, second


def _insert_wave(items: list[tuple[str | None, dict]], rng) -> dict[str | None, list[tuple[int, int]]]:
    """Insert rows (shuffled across anchors) in batches; returns (id, root id) per anchor.

    Core ``insert(Comment.__table__)`` sends every key of every row, so each batch is one
    executemany. (The ORM form leaves out None values and splits the batch wherever the set of
    non-None keys changes: row by row here, which took 20 s on PostgreSQL.) The new ids are read
    back by submission key, which works the same on both databases.
    """
    if not items:
        return {}
    rng.shuffle(items)
    table = Comment.__table__
    for start in range(0, len(items), BATCH):
        db.session.execute(sa.insert(table), [r for _, r in items[start : start + BATCH]])
    consultation_id = items[0][1]["consultation_id"]
    ids = dict(
        db.session.execute(
            sa.select(table.c.submission_key, table.c.id).where(table.c.consultation_id == consultation_id)
        ).all()
    )
    inserted: dict[str | None, list[tuple[int, int]]] = {}
    for anchor, r in items:
        new_id = ids[r["submission_key"]]
        inserted.setdefault(anchor, []).append((new_id, r["root_id"] or new_id))
    return inserted


# --------------------------------------------------------------------------- measuring


class QueryCounter:
    """Counts SQL statements sent on an engine (not the BEGIN hoering sends itself on SQLite)."""

    def __init__(self, engine) -> None:
        self.statements: list[str] = []
        self.parameters: list = []
        event.listen(engine, "before_cursor_execute", self._on_execute)

    def _on_execute(self, _conn, _cursor, statement, parameters, _context, _executemany) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            self.statements.append(statement)
            self.parameters.append(parameters)

    def reset(self) -> None:
        self.statements.clear()
        self.parameters.clear()


@dataclass
class Result:
    key: str
    url: str
    queries: list[int] = field(default_factory=list)
    times_ms: list[float] = field(default_factory=list)  # wall clock
    cpu_ms: list[float] = field(default_factory=list)  # this process's CPU time: less moved by a busy machine
    size_bytes: int = 0

    def percentile(self, p: float, values: list[float] | None = None) -> float:
        ordered = sorted(self.times_ms if values is None else values)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]

    @property
    def query_text(self) -> str:
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}-{high}"


def page_urls(scenario: Scenario) -> list[tuple[str, str]]:
    unit = f"/hoeringer/{SLUG}/{scenario.anchor}"
    return [
        ("front", "/"),
        ("consultation", f"/hoeringer/{SLUG}"),
        ("unit p1", unit),
        (f"unit p{scenario.unit_pages}", f"{unit}?side={scenario.unit_pages}"),
        ("whole document", f"/hoeringer/{SLUG}/hele-dokumentet"),
        ("api list", "/api/v1/consultations"),
        ("api consultation", f"/api/v1/consultations/{SLUG}"),
        ("api comments", f"/api/v1/consultations/{SLUG}/comments?limit=1000"),
    ]


def fetch(client, url: str) -> bytes:
    response = client.get(url)
    body = response.get_data()
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return body


def measure(client, counter: QueryCounter, pages: list[tuple[str, str]], requests: int, warmup: int) -> list[Result]:
    """Warm every page up, then request the pages in turn, ``requests`` rounds.

    Taking the pages round-robin spreads any burst of noise on the machine over all of them.
    """
    for _key, url in pages:
        for _ in range(warmup):
            fetch(client, url)
    results = [Result(key, url) for key, url in pages]
    for _ in range(requests):
        for result in results:
            counter.reset()
            start, start_cpu = time.perf_counter(), time.process_time()
            body = fetch(client, result.url)
            result.times_ms.append((time.perf_counter() - start) * 1000)
            result.cpu_ms.append((time.process_time() - start_cpu) * 1000)
            result.queries.append(len(counter.statements))
            result.size_bytes = len(body)
    return results


def profile_page(client, url: str, requests: int, lines: int = 30) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        fetch(client, url)
    profiler.disable()
    print(f"\n-- profile of {requests} x GET {url} (cumulative)")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(lines)
    print("-- same, by own time")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)


def show_queries(app, client, counter: QueryCounter, url: str) -> None:
    """Print the SQL of one request to ``url``, each statement with the database's plan for it."""
    counter.reset()
    fetch(client, url)
    captured = list(zip(counter.statements, counter.parameters))
    print(f"\n-- SQL of GET {url}: {len(captured)} statements")
    with app.app_context():
        connection = db.session.connection()
        explain = "EXPLAIN QUERY PLAN " if connection.dialect.name == "sqlite" else "EXPLAIN "
        for statement, parameters in captured:
            print("   " + " ".join(statement.split())[:200])
            plan = connection.exec_driver_sql(explain + statement, parameters).all()
            for row in plan:
                print("       plan: " + str(row[-1]))
        db.session.rollback()


# --------------------------------------------------------------------------- report


def print_results(
    scenario: Scenario, backend: str, requests: int, results: list[Result], built_s: float, run_s: float
) -> None:
    whole = scenario.per_anchor.get(None, 0)
    on_unit = scenario.per_anchor[scenario.anchor]
    print(
        f"\n== {scenario.size.name}: {sum(scenario.per_anchor.values()):,} comments, {scenario.units} units, "
        f"{backend}; unit page: {on_unit} comments, {on_unit - _reply_count(on_unit)} threads, "
        f"{scenario.unit_pages} pages; whole document: {whole:,} comments "
        f"(built in {built_s:.1f} s; {requests} timed requests per page in {run_s:.1f} s)"
    )
    print(f"{'page':<18} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p95':>8} {'bytes':>10}  url")
    for r in results:
        print(
            f"{r.key:<18} {r.query_text:>7} {statistics.median(r.times_ms):>8.1f} {r.percentile(95):>8.1f} "
            f"{max(r.times_ms):>8.1f} {r.percentile(95, r.cpu_ms):>8.1f} {r.size_bytes:>10,}  {r.url}"
        )


def print_query_comparison(by_size: dict[str, list[Result]]) -> None:
    names = list(by_size)
    print("\n== SQL queries per request by size")
    print(f"{'page':<18} " + " ".join(f"{n:>7}" for n in names) + "  same")
    for rows in zip(*by_size.values()):
        texts = [r.query_text for r in rows]
        label = "unit later page" if rows[0].key.startswith("unit p") and rows[0].key != "unit p1" else rows[0].key
        print(f"{label:<18} " + " ".join(f"{t:>7}" for t in texts) + f"  {'yes' if len(set(texts)) == 1 else 'NO'}")


def print_targets(results: list[Result]) -> None:
    print(f"\n== targets at this size: p95 < {TARGET_P95_MS:.0f} ms")
    for r in results:
        if r.key == "consultation" or r.key.startswith("unit p"):
            verdict = "met" if r.percentile(95) < TARGET_P95_MS else "MISSED"
            print(f"{r.key:<18} p95 {r.percentile(95):7.1f} ms  {verdict}  (CPU time p95 {r.percentile(95, r.cpu_ms):.1f} ms)")


# --------------------------------------------------------------------------- main


def run_size(size: Size, url: str, args) -> list[Result]:
    app = make_app(url)
    start = time.perf_counter()
    reset_database(app, url)
    scenario = seed(app, size, random.Random(SEED))
    built = time.perf_counter() - start
    with app.app_context():
        counter = QueryCounter(db.engine)
    client = app.test_client()
    start = time.perf_counter()
    requests = args.requests if size.name == "large" else max(1, args.requests // 4)
    results = measure(client, counter, page_urls(scenario), requests, args.warmup)
    backend = sa.engine.make_url(url).get_backend_name()
    print_results(scenario, backend, requests, results, built, time.perf_counter() - start)
    if size.name == "large" or len(args.sizes) == 1:
        print_targets(results)
    if args.show_queries:
        for _key, u in page_urls(scenario):
            show_queries(app, client, counter, u)
    if args.profile and size.name == args.sizes[-1]:
        urls = dict(page_urls(scenario))
        key = next((k for k in urls if k.startswith(args.profile)), None)
        if key is None:
            raise SystemExit(f"--profile: no page {args.profile!r}; pages: {', '.join(urls)}")
        profile_page(client, urls[key], args.requests)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return results


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL to use instead of a temporary SQLite file; WIPED")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page (default 200)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per page first (default 10)")
    parser.add_argument("--sizes", default="small,large", help="comma-separated: small, large (default both)")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile PAGE (e.g. consultation, 'unit p1') at the last size")
    parser.add_argument("--show-queries", action="store_true", help="print the SQL of one request per page, with plans")
    args = parser.parse_args(argv)
    if args.database_url and not args.database_url.startswith(("postgres://", "postgresql")):
        parser.error("--database-url takes a PostgreSQL URL (SQLite is the default, in a temporary directory)")
    args.sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in args.sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; choose from {list(SIZES)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"== bench_pages: Flask test client (through the WSGI app), one process; {args.warmup} warm-up requests "
          f"per page, then {args.requests} timed requests per page at the large size ({max(1, args.requests // 4)} "
          f"at the small one), pages taken in turn; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    by_size = {}
    with tempfile.TemporaryDirectory(prefix="hoering-bench-") as tmp:
        for name in args.sizes:
            url = database_url_from(args.database_url) if args.database_url else f"sqlite:///{tmp}/{name}.db"
            by_size[name] = run_size(SIZES[name], url, args)
    if len(by_size) > 1:
        print_query_comparison(by_size)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs "
          "(wall-clock figures above include waiting for a CPU when the machine is busy; 'cpu p95' does not)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
