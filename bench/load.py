"""Load test (issue 22): gunicorn with 4 workers under Locust, on SQLite and on PostgreSQL.

For each database it builds a fresh, migrated database with the consultation of bench_pages.py's large
size (~300 units, 20,000 published comments, 500 of them on one unit), serves the app with gunicorn
(4 workers, a free loopback port, Redis for the rate limits), and drives it with Locust, headless:

  1. mixed load, --seconds: --readers users asking for the front page, the consultation page, unit pages
     and the API without pause, and --commenters users posting comments through the real form (CSRF
     token and all, rate limit raised so they are never refused, the limiter still counting in Redis);
  2. the consultation page alone, --seconds / 2, with as many users as in 1.

Before that, the ceiling: a bare Flask app answering "hello" under the same gunicorn (4 workers), under
the same number of users for --seconds / 2. It prints, per page: requests, failures, requests per second,
p50/p95/p99 ms (Locust's CSV statistics); every comment the app acknowledged (its "sent" page showed it)
against the database (each unique marker found once: none lost, none doubled); and the consultation page's
requests per second alone against the ceiling's (target: 40 % or more, else MISSED).

Without --database-url / --redis-url it starts its own PostgreSQL (initdb into a temporary directory,
pg_ctl on a free 127.0.0.1 port, as .ci/run does; binaries from /usr/lib/postgresql/*/bin) and
redis-server (127.0.0.1, free port, nothing saved), and stops them at the end. A database given with
--database-url is WIPED (its public schema dropped and recreated).

Run from the repository root (Locust is not in the app's lock: `make install-bench` installs
requirements-bench.txt, or `make bench-load LOAD_ARGS="..."` does both):
    .venv/bin/python bench/load.py                          # SQLite, then PostgreSQL, ≈ 4 minutes
    .venv/bin/python bench/load.py --database sqlite --seconds 20
Options: --database sqlite|postgresql|both, --seconds N (default 40), --readers N (200), --commenters N (20),
--workers N (4), --database-url URL (PostgreSQL, wiped), --redis-url URL, --keep DIR (keep the logs and CSVs).
Exits non-zero on a failed request, a lost or doubled comment, or a server that could not be started;
a missed throughput target is printed, not an error.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

LOCUSTFILE = BENCH_DIR / "load_locustfile.py"
TARGET_SHARE = 0.40  # the consultation page's requests per second, alone, against the ceiling's
MARKER = re.compile(r"LASTTEST-[0-9a-f]{32}")
INSTALL_HINT = "make install-bench  (installs requirements-bench.txt into .venv, hash-checked)"
HELLO_APP = '''from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
'''


# --------------------------------------------------------------------------- small helpers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None, seconds: float, what: str, log: Path | None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited with {process.returncode}\n{tail}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {seconds:.0f} s")


def stop(process: subprocess.Popen | None, seconds: float = 15) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --------------------------------------------------------------------------- PostgreSQL and Redis


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.parent.name)] or [0])
    return found[-1].parent if found else None


class OwnPostgres:
    """A throw-away PostgreSQL cluster on a free loopback port (as root: run as the postgres user, as .ci/run)."""

    def __init__(self, workdir: Path) -> None:
        self.bin = postgres_bin()
        if self.bin is None:
            raise RuntimeError("no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql), "
                               "or pass --database-url")
        self.data = Path(tempfile.mkdtemp(prefix="hoering-load-pg-", dir=workdir))
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(workdir, "postgres")  # the cluster's directory must be reachable by postgres
            shutil.chown(self.data, "postgres")
        self.started = False

    def _run(self, *argv: str) -> None:
        command = [str(a) for a in argv]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def start(self) -> str:
        self._run(self.bin / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.data / "server.log", "-w", "-o",
                  f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1", "start")
        self.started = True
        self._run(self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "hoering_load")
        return f"postgresql://postgres@127.0.0.1:{self.port}/hoering_load"

    def stop(self) -> None:
        if self.started:
            try:
                self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
            except (subprocess.SubprocessError, OSError) as error:
                print(f"!! stopping PostgreSQL: {error}", file=sys.stderr)
            self.started = False


class OwnRedis:
    def __init__(self, workdir: Path) -> None:
        self.server = shutil.which("redis-server")
        if self.server is None:
            raise RuntimeError("no redis-server on PATH (apt-get install redis-server), or pass --redis-url")
        self.port = free_port()
        self.log = workdir / "redis.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [self.server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--daemonize", "no"], stdout=log, stderr=subprocess.STDOUT, cwd=self.log.parent)
        wait_for_port(self.port, self.process, 10, "redis-server", self.log)
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        stop(self.process)


# --------------------------------------------------------------------------- the data


@dataclass
class Seeded:
    slug: str
    anchors: list[str]  # units with comments, the most commented first
    comments: int
    seconds: float


def build_database(url: str) -> Seeded:
    """A fresh database: the migrations (flask db upgrade), then bench_pages.py's large consultation."""
    from bench.bench_pages import SIZES, SLUG, make_app, reset_database, seed
    from hoering.extensions import db

    start = time.perf_counter()
    app = make_app(url)
    reset_database(app, url)
    scenario = seed(app, SIZES["large"], random.Random(2026))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    ranked = sorted(((n, a) for a, n in scenario.per_anchor.items() if a), reverse=True)
    anchors = [scenario.anchor] + [a for _, a in ranked if a != scenario.anchor][:19]
    return Seeded(SLUG, anchors, sum(scenario.per_anchor.values()), time.perf_counter() - start)


def stored_markers(url: str) -> Counter:
    """Every load-test marker in the comments table, with how many comments carry it."""
    import sqlalchemy as sa

    from hoering.comments.models import Comment
    from hoering.config import database_url_from

    table = Comment.__table__
    engine = sa.create_engine(database_url_from(url))
    try:
        with engine.connect() as connection:
            texts = connection.execute(sa.select(table.c.text).where(table.c.text.like("%LASTTEST-%"))).scalars()
            return Counter(m for text in texts for m in MARKER.findall(text))
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- gunicorn and Locust


def gunicorn(app_module: str, cwd: Path, env: dict[str, str], workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", app_module],
            cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(port, process, 60, f"gunicorn {app_module}", log)
    except RuntimeError:
        stop(process)
        raise
    return process, f"http://127.0.0.1:{port}"


def app_environment(database_url: str, redis_url: str, workdir: Path) -> dict[str, str]:
    from hoering.config import database_url_from
    env = {k: v for k, v in os.environ.items()
           if k not in ("PUBLIC_URL", "ANALYSIS_BACKEND", "MAIL_SERVER", "METRICS_ENABLED", "PROXY_COUNT")}
    env.update(
        DATABASE_URL=database_url_from(database_url), REDIS_URL=redis_url, SECRET_KEY="hoering-load-test",
        # The commenters (all from 127.0.0.1) are never refused, but every post is still counted in Redis.
        RATELIMIT_ENABLED="1", COMMENT_RATE_LIMIT="1000000 per minute",
        MAIL_OUTBOX=str(workdir / "outbox"),
    )
    return env


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


@dataclass
class LocustRun:
    rows: list[Row]
    failures: list[tuple[str, str, int]]  # name, error, occurrences
    cpu_warning: bool
    returncode: int


def locust(host: str, users: list[str], count: int, seconds: int, prefix: Path, env: dict[str, str]) -> LocustRun:
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--only-summary",
               "-u", str(count), "-r", str(max(count // 4, 1)), "-t", f"{seconds}s", "--stop-timeout", "10",
               "--host", host, "--csv", str(prefix), "--json-file", str(prefix), "--exit-code-on-error", "0",
               "--loglevel", "WARNING", *users]
    log = prefix.with_suffix(".log")
    with log.open("w") as out:
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=seconds + 90)
    text = log.read_text(errors="replace")
    stats = Path(f"{prefix}.json")
    if not stats.exists():
        raise RuntimeError(f"locust exited with {done.returncode}:\n{text[-3000:]}")
    return LocustRun(read_stats(stats), read_failures(Path(f"{prefix}_failures.csv")),
                     "CPU usage above" in text, done.returncode)


def percentile(histogram: Counter, p: float) -> float:
    """Locust's own way: the response time (rounded as Locust buckets it) below which p % of requests fall."""
    total = sum(histogram.values())
    if not total:
        return float("nan")
    wanted, seen = total * p / 100, 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen >= wanted:
            return ms
    return max(histogram)


def read_stats(path: Path) -> list[Row]:
    """Per request name, from Locust's final statistics (--json-file; its CSV may be a few seconds old).
    Requests per second over the whole run (first request to last of any name), so the rows add up."""
    import json
    entries = json.loads(path.read_text())
    if not entries:
        return []
    window = max(e["last_request_timestamp"] or 0 for e in entries) - min(e["start_time"] for e in entries)
    window = max(window, 1e-9)
    rows, everything = [], Counter()
    for e in sorted(entries, key=lambda e: e["name"]):
        histogram = Counter({float(ms): n for ms, n in e["response_times"].items()})
        everything += histogram
        rows.append(Row(e["name"], e["num_requests"], e["num_failures"], e["num_requests"] / window,
                        percentile(histogram, 50), percentile(histogram, 95), percentile(histogram, 99)))
    total = sum(r.requests for r in rows)
    rows.append(Row("Aggregated", total, sum(r.failures for r in rows), total / window,
                    percentile(everything, 50), percentile(everything, 95), percentile(everything, 99)))
    return rows


def read_failures(path: Path) -> list[tuple[str, str, int]]:
    if not path.exists():
        return []
    with path.open(newline="") as f:
        return [(r["Name"], r["Error"], int(r["Occurrences"])) for r in csv.DictReader(f)]


def warm_up(host: str, paths: list[str], rounds: int) -> None:
    """A few requests of each page first, so that no worker's first request (imports, templates) is timed."""
    import urllib.request
    for _ in range(rounds):
        for path in paths:
            try:
                urllib.request.urlopen(host + path, timeout=30).read()
            except OSError:
                pass


def print_rows(title: str, run: LocustRun) -> None:
    print(f"\n-- {title}")
    print(f"{'page':<32} {'requests':>9} {'failures':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for r in run.rows:
        print(f"{r.name:<32} {r.requests:>9,} {r.failures:>9,} {r.rps:>8.1f} {r.p50:>8.0f} {r.p95:>8.0f} {r.p99:>8.0f}")
    for name, error, occurrences in run.failures[:8]:
        print(f"   FAILED {occurrences} x {name}: {error[:160]}")
    if run.cpu_warning:
        print("   (Locust warned that its own CPU use was above 90 %: the load generator may have been the limit)")


def row(run: LocustRun, name: str) -> Row | None:
    return next((r for r in run.rows if r.name == name), None)


# --------------------------------------------------------------------------- one database


def run_database(kind: str, url: str, redis_url: str, args, workdir: Path, ceiling: float | None) -> bool:
    """The mixed load and the consultation page alone on one database; True when nothing failed."""
    print(f"\n======== {kind}: building the database (migrations, 20,000 comments)", flush=True)
    seeded = build_database(url)
    print(f"{seeded.comments:,} comments on /hoeringer/{seeded.slug} in {seeded.seconds:.1f} s; "
          f"unit pages read: {len(seeded.anchors)} (/{seeded.anchors[0]} has the most)")
    env = app_environment(url, redis_url, workdir)
    server, host = gunicorn("wsgi:app", ROOT, env, args.workers, workdir / f"gunicorn-{kind}.log")
    ack_file = workdir / f"acknowledged-{kind}.txt"
    ack_file.write_text("")
    locust_env = dict(os.environ, LOAD_SLUG=seeded.slug, LOAD_ANCHORS=",".join(seeded.anchors),
                      LOAD_ACK_FILE=str(ack_file), LOAD_READERS=str(args.readers), LOAD_COMMENTERS=str(args.commenters))
    users = args.readers + args.commenters
    try:
        warm_up(host, ["/", f"/hoeringer/{seeded.slug}", f"/hoeringer/{seeded.slug}/{seeded.anchors[0]}",
                       f"/api/v1/consultations/{seeded.slug}", f"/api/v1/consultations/{seeded.slug}/comments"],
                rounds=2 * args.workers)
        print(f"gunicorn ({args.workers} workers) on {host}; Locust: {args.readers} readers + {args.commenters} "
              f"commenters for {args.seconds} s, then {users} users on the consultation page alone for "
              f"{args.solo_seconds} s", flush=True)
        mixed = locust(host, ["Reader", "Commenter"], users, args.seconds, workdir / f"mixed-{kind}", locust_env)
        alone = locust(host, ["ConsultationReader"], users, args.solo_seconds, workdir / f"alone-{kind}", locust_env)
    finally:
        stop(server)
    print_rows(f"{kind}: mixed load ({args.readers} readers, {args.commenters} commenters, {args.seconds} s)", mixed)
    print_rows(f"{kind}: the consultation page alone ({users} users, {args.solo_seconds} s)", alone)

    acknowledged = Counter(line for line in ack_file.read_text().split() if line)
    stored = stored_markers(url)
    lost = [m for m in acknowledged if stored[m] == 0]
    doubled = [m for m in stored if stored[m] > 1]
    unacknowledged = [m for m in stored if m not in acknowledged]
    posts = row(mixed, "post comment (and its redirect)")
    print(f"\n-- {kind}: comments: {posts.requests if posts else 0:,} posted, {sum(acknowledged.values()):,} acknowledged, "
          f"{sum(stored.values()):,} stored ({len(stored):,} distinct markers): "
          f"lost {len(lost)}, doubled {len(doubled)}, stored but not acknowledged {len(unacknowledged)}"
          f"{'' if not (lost or doubled or unacknowledged) else '  <-- FAILED'}")
    for m in (lost + doubled + unacknowledged)[:5]:
        print(f"   {m}: acknowledged {acknowledged[m]}, stored {stored[m]}")

    total = row(mixed, "Aggregated")
    consultation_alone = row(alone, "consultation page (alone)")
    if ceiling:
        print(f"\n-- {kind}: against the ceiling ({ceiling:.1f} req/s for \"hello\")")
        if consultation_alone:
            share = consultation_alone.rps / ceiling
            verdict = "met" if share >= TARGET_SHARE else "MISSED"
            print(f"consultation page alone  {consultation_alone.rps:8.1f} req/s = {share:6.1%} of the ceiling  "
                  f"(target >= {TARGET_SHARE:.0%}: {verdict})")
        if total:
            print(f"mixed load, all pages    {total.rps:8.1f} req/s = {total.rps / ceiling:6.1%} of the ceiling")
        for r in mixed.rows:
            if r.name != "Aggregated":
                print(f"   {r.name:<32} {r.rps:8.1f} req/s = {r.rps / ceiling:6.1%} of the ceiling (its share of the mix)")
    failed_requests = sum(r.failures for r in mixed.rows + alone.rows if r.name != "Aggregated")
    return not (failed_requests or lost or doubled or unacknowledged)


# --------------------------------------------------------------------------- main


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--seconds", type=int, default=40, help="mixed load per database (default 40); "
                        "the ceiling and the consultation page alone get half of it")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--commenters", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--database-url", help="a PostgreSQL server to use instead of starting one; WIPED")
    parser.add_argument("--redis-url", help="a Redis server to use instead of starting one")
    parser.add_argument("--keep", type=Path, help="keep the logs and Locust CSVs in this directory")
    args = parser.parse_args(argv)
    if args.database_url and not args.database_url.startswith(("postgres://", "postgresql")):
        parser.error("--database-url takes a PostgreSQL URL (SQLite is always a temporary file)")
    if args.seconds < 5 or args.seconds > 600:
        parser.error("--seconds: between 5 and 600")
    args.solo_seconds = max(5, args.seconds // 2)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import locust  # noqa: F401
    except ImportError:
        print(f"Locust is not installed in this venv. Install it with:\n    {INSTALL_HINT}", file=sys.stderr)
        return 2
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    started = time.perf_counter()
    print(f"== load test: gunicorn ({args.workers} workers) under Locust (headless, this machine); "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="hoering-load-"))
    own_pg = own_redis = None
    ok = True
    try:
        redis_url = args.redis_url
        if not redis_url:
            own_redis = OwnRedis(workdir)
            redis_url = own_redis.start()
            print(f"redis-server started on {redis_url}")
        pg_url = args.database_url
        if "postgresql" in kinds and not pg_url:
            try:
                own_pg = OwnPostgres(workdir)
                pg_url = own_pg.start()
                print(f"PostgreSQL ({own_pg.bin.parent.name}) started on 127.0.0.1:{own_pg.port}")
            except (RuntimeError, subprocess.SubprocessError, OSError) as error:
                stderr = getattr(error, "stderr", b"") or b""
                print(f"!! PostgreSQL cannot run here: {error} {stderr.decode(errors='replace')[-500:]}", file=sys.stderr)
                own_pg, ok = None, False
                kinds.remove("postgresql")

        ceiling = measure_ceiling(args, workdir)
        for kind in kinds:
            url = f"sqlite:///{workdir}/load.db" if kind == "sqlite" else pg_url
            ok &= run_database(kind, url, redis_url, args, workdir, ceiling)
    except RuntimeError as error:
        print(f"!! {error}", file=sys.stderr)
        ok = False
    finally:
        if own_pg:
            own_pg.stop()
        if own_redis:
            own_redis.stop()
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in workdir.iterdir():
                if path.is_file():
                    shutil.copy2(path, args.keep / path.name)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n== {'ok' if ok else 'FAILED (errors, lost or doubled comments, or a server that did not start)'} "
          f"in {time.perf_counter() - started:.0f} s; load average at the end "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    return 0 if ok else 1


def measure_ceiling(args, workdir: Path) -> float | None:
    """Requests per second of a bare Flask "hello" under the same gunicorn and the same number of users."""
    folder = workdir / "hello"
    folder.mkdir()
    (folder / "hello_app.py").write_text(HELLO_APP)
    users = args.readers + args.commenters
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN")}
    server, host = gunicorn("hello_app:app", folder, env, args.workers, workdir / "gunicorn-hello.log")
    try:
        warm_up(host, ["/"], rounds=4 * args.workers)
        run = locust(host, ["Hello"], users, args.solo_seconds, workdir / "ceiling", os.environ.copy())
    finally:
        stop(server)
    print_rows(f"ceiling: a bare Flask \"hello\", gunicorn {args.workers} workers, {users} users, {args.solo_seconds} s",
               run)
    hello = row(run, "hello (ceiling)")
    return hello.rps if hello and hello.requests else None


if __name__ == "__main__":
    sys.exit(main())
