"""Benchmark: a large revised draft, lined up with the version before it and published, and the public
pages of its third version (issue 16).

A generated draft (tests/unit/revisions/revision_corpus.py, long paragraphs) of 6,800 units, about
1.7 MB (MB = 1,048,576 bytes), with 20,000 comments (skewed: a few paragraphs get many), against a
revision where 10 % of the units are edited (7 % light edits, 3 % spelling fixes), 2 % moved (half
of them as whole §s, so the §s between are renumbered), 0.5 % split and 0.5 % merged. Three parts
(``--parts``):

align, per language (``--languages``):

* the time of ``align(old, new)``: best and median of ``--runs`` (wall clock);
* peak memory of one more run: tracemalloc's peak of Python allocations during ``align()``, and the
  process's peak RSS (ru_maxrss) before and after all runs;
* the share of comments on their right successor, comments lost (their unit lives on but is marked
  removed) and comments pinned to a unit although theirs was deleted (none are deleted here).

publish, in the first language: the draft and its revision written as Markdown (a chapter heading
"# 3 Arealbruk", a § heading "## § 12 Byggegrenser", paragraphs between blank lines; the split gives
back the generator's units one for one), a consultation created from the draft on a fresh, migrated
SQLite database with the comments bulk-inserted as bench_pages.py does (``--on-unit`` of them on one
paragraph the revision keeps, 20 % replies), then ``--runs`` times, each on a fresh copy of that
database file: ``revisions.services.propose(consultation, revision)`` (splitting, rendering and
aligning the revision) and ``publish(consultation, proposal, None)``, timed apart; the peak RSS
during one propose and publish (Linux's high-water mark, reset before); comments put right.

pages, on the last copy: ``--later-comments`` comments written on version 2 (a tenth of them on the
chosen paragraph), then a second revision (version 3: 10 % edited, 2 % moved, 0.5 % split, 0.5 %
merged, by the generator's own edits) proposed and published, then through the WSGI app (Flask's
test client, as bench_pages.py measures): the consultation page, the chosen paragraph's discussion
page (first and last page; comments written on versions 1 and 2), the changes of version 3 and the
page of version 1; SQL queries per request and p50/p95 over ``--requests`` requests, pages in turn.

Targets: at least 98 % of comments right and none lost (the quality test's floors); ``align()``
under ``--target-seconds`` (2 s, as each step of bench/drafts.py); propose and publish together
under 5 s (median); on version 3 the consultation page and the unit page p95 < 150 ms (bench_pages.py's
targets). A missed target is printed as MISSED; nothing is asserted.

Run from the repository root:  .venv/bin/python bench/revisions.py [--units 6800] [--comments 20000]
[--runs 3] [--seed 1] [--languages nb,nn] [--parts align,publish,pages] [--requests 30] [--quick]
[--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask import current_app  # noqa: E402

from bench.bench_pages import QueryCounter, Result, _insert_comments, make_app, reset_database  # noqa: E402
from bench.bench_pages import measure as measure_pages  # noqa: E402
from hoering.clock import utcnow  # noqa: E402
from hoering.comments.models import PUBLISHED, Comment  # noqa: E402
from hoering.consultations.models import Consultation, Unit  # noqa: E402
from hoering.consultations.services import create_consultation  # noqa: E402
from hoering.extensions import db  # noqa: E402
from hoering.revisions.alignment import Block, align  # noqa: E402
from hoering.revisions.services import propose, publish  # noqa: E402
from tests.unit.revisions.revision_corpus import (  # noqa: E402
    LONG_SENTENCE_COUNTS, Rates, Revision, _plan_changes, _revise, _Unit, _Writer, generate_revision, score)

RATES = Rates(edited=0.07, spelling=0.03, rewritten=0.0, moved=0.02, split=0.005, merged=0.005, deleted=0.0,
              inserted=0.0)
SECOND_RATES = Rates(edited=0.10, spelling=0.0, rewritten=0.0, moved=0.02, split=0.005, merged=0.005, deleted=0.0,
                     inserted=0.0)
TARGET_RIGHT = 0.98
TARGET_PUBLISH_S = 5.0
TARGET_P95_MS = 150.0
SLUG = "revidert-plan"
MB = 1024 * 1024
QUICK = {"units": 800, "comments": 2400, "on_unit": 200, "later_comments": 200, "runs": 1, "requests": 5,
         "languages": "nb"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


# --------------------------------------------------------------------------- align


def traced_peak_mb(old, new) -> float:
    tracemalloc.start()
    align(old, new)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / MB


def measure(language: str, args) -> dict:
    started = time.perf_counter()
    revision = generate_revision(args.units, args.seed, language, RATES, comments_per_unit=args.comments / args.units,
                                 long_paragraphs=True)
    generated = time.perf_counter() - started
    rss_before = peak_rss_mb()
    seconds = []
    for _ in range(args.runs):
        started = time.perf_counter()
        alignment = align(revision.old, revision.new)
        seconds.append(time.perf_counter() - started)
    result = score(revision, alignment.successor)
    return {
        "language": language, "old": len(revision.old), "new": len(revision.new),
        "mb": revision.size_in_bytes() / MB, "comments": result.comments, "generated": generated,
        "best": min(seconds), "median": statistics.median(seconds),
        "traced": traced_peak_mb(revision.old, revision.new), "rss_before": rss_before, "rss_after": peak_rss_mb(),
        "right": result.share_right, "lost": result.lost, "pinned": result.pinned,
    }


def line(figures: dict) -> str:
    return (f"{figures['language']:<4} {figures['old']:>6,} {figures['new']:>6,} {figures['mb']:>5.2f}"
            f" {figures['comments']:>8,} {figures['generated']:>6.1f}"
            f" {figures['best']:>7.2f} {figures['median']:>7.2f}"
            f" {figures['traced']:>9.1f} {figures['rss_before']:>8.0f} {figures['rss_after']:>8.0f}"
            f" {100 * figures['right']:>8.2f} {figures['lost']:>5} {figures['pinned']:>6}")


def bench_align(args) -> list[str]:
    print("== align: rates 7 % light edits, 3 % spelling fixes, 2 % moved, 0.5 % split, 0.5 % merged")
    print(f"{'lang':<4} {'units':>6} {'new':>6} {'MB':>5} {'comments':>8} {'gen s':>6} {'best s':>7} {'median':>7}"
          f" {'traced MB':>9} {'RSS0 MB':>8} {'RSS1 MB':>8} {'right %':>8} {'lost':>5} {'pinned':>6}")
    missed = []
    for language in args.languages:
        figures = measure(language, args)
        print(line(figures), flush=True)
        if figures["right"] < TARGET_RIGHT or figures["lost"]:
            missed.append(f"{language}: quality")
        if figures["median"] >= args.target_seconds:
            missed.append(f"{language}: time")
    print("traced MB: tracemalloc's peak during one align(); RSS0/RSS1: peak RSS of the process before and after "
          "the timed runs (the generator's own peak may hide align()'s).")
    verdict = f"MISSED ({', '.join(missed)})" if missed else "ok"
    print(f"Target: >= {TARGET_RIGHT:.0%} of comments right, none lost, "
          f"align() < {args.target_seconds:g} s (median): {verdict}")
    return [f"align ({', '.join(missed)})"] if missed else []


# --------------------------------------------------------------------------- the draft as Markdown


def markdown(blocks: list[Block]) -> str:
    """The draft as a planner would upload it: chapters "# …", §s "## …", paragraphs between blank lines."""
    lines = []
    for block in blocks:
        if block.kind == "heading":
            lines.append(("## " if block.text.startswith("§ ") else "# ") + block.text)
        else:
            lines.append(block.text)
    return "\n\n".join(lines) + "\n"


def revised_again(blocks: list[Block], seed: int, language: str) -> list[Block]:
    """A second revision of ``blocks`` at SECOND_RATES, made by the corpus generator's own edits, moves,
    splits and merges (its internals: generate_revision only revises a draft it wrote itself)."""
    rng = random.Random(f"second-{language}-{len(blocks)}-{seed}")
    units = [_Unit(block.kind, block.text) for block in blocks]
    plan = _plan_changes(rng, units, SECOND_RATES, [], language)
    revised = _revise(rng, _Writer(rng, language, LONG_SENTENCE_COUNTS), units, plan, SECOND_RATES)
    return [Block(str(position), unit.text, unit.kind) for position, unit in enumerate(revised, start=1)]


# --------------------------------------------------------------------------- publish


@dataclass
class Built:
    """The database every publishing run starts from (a file, copied for each run)."""

    path: Path
    revision: Revision
    chosen: int  # index of the old unit with ``--on-unit`` comments
    chosen_id: int  # its id (the same in every copy)
    comments: int
    units: int
    seconds: float


def build_database(path: Path, language: str, args) -> Built:
    """A migrated SQLite file with the consultation (version 1) and its comments."""
    started = time.perf_counter()
    on_unit = min(args.on_unit, args.comments)
    revision = generate_revision(args.units, args.seed, language, RATES,
                                 comments_per_unit=(args.comments - on_unit) / args.units, long_paragraphs=True)
    chosen = chosen_unit(revision)
    url = f"sqlite:///{path}"
    app = make_app(url)
    reset_database(app, url)
    with app.app_context():
        now = utcnow()
        consultation = create_consultation(
            slug=SLUG, title="Kommuneplanens arealdel 2026–2038", organisation="Fjordvik kommune",
            summary="Kommunen ber om innspill til arealdelen.", opens_at=now - timedelta(days=20),
            closes_at=now + timedelta(days=14), draft=markdown(revision.old), language=language)
        db.session.commit()
        units = current_units(consultation)
        if len(units) != len(revision.old):
            raise RuntimeError(f"the draft split into {len(units)} units, not the generator's {len(revision.old)}")
        # The chosen paragraph gets ``on_unit`` comments; the ones the generator gave it go to the whole document.
        per_anchor: dict[str | None, int] = {unit.anchor: n for unit, n in zip(units, revision.comments) if n}
        per_anchor[None] = per_anchor.pop(units[chosen].anchor, 0)
        per_anchor[units[chosen].anchor] = on_unit
        _insert_comments(consultation, {unit.anchor: unit for unit in units}, per_anchor, random.Random(args.seed))
        db.session.commit()
        comments = db.session.scalar(sa.select(sa.func.count(Comment.id)))
        chosen_id = units[chosen].id
    dispose(app)
    return Built(path, revision, chosen, chosen_id, comments, len(units), time.perf_counter() - started)


def chosen_unit(revision: Revision) -> int:
    """The paragraph with the most comments among those the revision keeps or edits lightly."""
    candidates = [i for i, change in enumerate(revision.changes) if change in ("kept", "edited")
                  and revision.old[i].kind == "paragraph"]
    return max(candidates, key=lambda i: revision.comments[i])


def current_units(consultation: Consultation) -> list[Unit]:
    return list(db.session.scalars(
        sa.select(Unit).where(Unit.version_id == consultation.current_version_id).order_by(Unit.position)))


def dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def consultation_of(slug: str) -> Consultation:
    return db.session.scalar(sa.select(Consultation).where(Consultation.slug == slug))


def propose_and_publish(source: str) -> tuple[float, float, object]:
    """Seconds of propose() and of publish() of ``source`` as the consultation's next version; the proposal."""
    consultation = consultation_of(SLUG)
    started = time.perf_counter()
    proposal = propose(consultation, source)
    proposed = time.perf_counter()
    publish(consultation, proposal, None)
    return proposed - started, time.perf_counter() - proposed, proposal


def peak_during(function, *args) -> tuple[float, float, object]:
    """(RSS before, peak RSS during ``function``, its value), MB: the process's high-water mark is reset
    first (Linux, /proc/self/clear_refs), so an earlier, larger peak does not hide this one."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass  # not Linux, or not allowed: the peak below is the process's, since it started
    before = _status_mb("VmRSS")
    value = function(*args)
    return before, _status_mb("VmHWM"), value


def _status_mb(field: str) -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1]) / 1024
    return peak_rss_mb()


def copy_of(built: Built, name: str) -> str:
    path = built.path.with_name(name)
    shutil.copyfile(built.path, path)
    return f"sqlite:///{path}"


def bench_publish(built: Built, args) -> tuple[list[str], str]:
    """Time propose and publish on fresh copies of the database; return missed targets and the last copy's URL."""
    source = markdown(built.revision.new)
    proposing, publishing, rss = [], [], (0.0, 0.0)
    for run in range(1, args.runs + 1):
        url = copy_of(built, f"run-{run}.db")
        app = make_app(url)
        with app.app_context():
            if run == 1:  # the first run also measures memory (before later runs leave freed memory behind)
                before, peak, (proposed, published, proposal) = peak_during(propose_and_publish, source)
                rss = (before, peak)
            else:
                proposed, published, proposal = propose_and_publish(source)
            right = score(built.revision, proposal.successors.get)
        proposing.append(proposed)
        publishing.append(published)
        dispose(app)
    total = [a + b for a, b in zip(proposing, publishing)]
    print(f"\n== publish: {built.units:,} units, {len(source.encode()) / MB:.2f} MB of Markdown "
          f"({len(source):,} characters) revised to {len(built.revision.new):,} units; {built.comments:,} comments, "
          f"database built in {built.seconds:.1f} s; {args.runs} runs, "
          f"each on a fresh copy of the database")
    print(f"{'step':<18} {'best s':>8} {'median s':>9}")
    for name, values in (("propose", proposing), ("publish", publishing), ("propose + publish", total)):
        print(f"{name:<18} {min(values):>8.2f} {statistics.median(values):>9.2f}")
    print(f"RSS before the first propose {rss[0]:.0f} MB, peak during it and its publish {rss[1]:.0f} MB "
          f"(+{rss[1] - rss[0]:.0f} MB); comments on their right successor {100 * right.share_right:.2f} %, "
          f"lost {right.lost}, pinned {right.pinned}")
    missed = statistics.median(total) >= TARGET_PUBLISH_S or right.share_right < TARGET_RIGHT or right.lost
    print(f"Target: propose + publish < {TARGET_PUBLISH_S:g} s (median), >= {TARGET_RIGHT:.0%} of comments right, "
          f"none lost: {'MISSED' if missed else 'ok'}")
    if args.profile:
        profile_publish(built, source)
    return (["publish"] if missed else []), url


def profile_publish(built: Built, source: str) -> None:
    app = make_app(copy_of(built, "profile.db"))
    profiler = cProfile.Profile()
    with app.app_context():
        profiler.enable()
        propose_and_publish(source)
        profiler.disable()
    dispose(app)
    print("\n-- profile of one propose + publish (cumulative)")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
    print("-- same, by own time")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)


# --------------------------------------------------------------------------- pages of version 3


@dataclass
class Third:
    """Version 3 and the pages measured on it."""

    proposed: float
    published: float
    units: int
    anchor: str  # the chosen paragraph's anchor in version 3
    v1_comments: int  # on its page, written on version 1
    later_comments: int  # on its page, written on version 2
    unit_pages: int


def write_later_comments(built: Built, args) -> None:
    """``--later-comments`` comments on version 2's units, a tenth of them on the chosen paragraph.
    bench_pages' inserter numbers its submission keys from 1 again: the earlier ones are renamed first."""
    consultation = consultation_of(SLUG)
    db.session.execute(sa.update(Comment).values(submission_key="v1-" + Comment.submission_key))
    units = current_units(consultation)
    anchor = chosen_anchor(built)
    rng = random.Random(args.seed + 2)
    on_chosen = args.later_comments // 10
    per_anchor: dict[str | None, int] = {anchor: on_chosen}
    for unit in rng.choices(units, k=args.later_comments - on_chosen):
        per_anchor[unit.anchor] = per_anchor.get(unit.anchor, 0) + 1
    _insert_comments(consultation, {unit.anchor: unit for unit in units}, per_anchor, rng)
    db.session.commit()


def chosen_anchor(built: Built) -> str:
    """Where the chosen paragraph's comments sit now: the anchor of its successor in the current version."""
    return db.session.scalar(sa.select(Comment.anchor).where(Comment.unit_id == built.chosen_id).limit(1))


def publish_third(built: Built, args) -> Third:
    write_later_comments(built, args)
    source = markdown(revised_again(built.revision.new, args.seed, built.revision.language))
    proposed, published, proposal = propose_and_publish(source)
    anchor = chosen_anchor(built)
    on_anchor = sa.select(Comment).where(Comment.anchor == anchor, Comment.status == PUBLISHED).subquery()
    counted = sa.select(sa.func.count()).select_from(on_anchor)
    v1 = db.session.scalar(counted.where(on_anchor.c.unit_id == built.chosen_id))
    total = db.session.scalar(counted)
    threads = db.session.scalar(counted.where(on_anchor.c.parent_id.is_(None)))
    pages = max(1, math.ceil(threads / current_app.config["THREADS_PER_PAGE"]))
    return Third(proposed, published, len(proposal.new), anchor, v1, total - v1, pages)


def page_urls(third: Third) -> list[tuple[str, str]]:
    base = f"/hoeringer/{SLUG}"
    return [
        ("consultation", base),
        ("unit p1", f"{base}/{third.anchor}"),
        (f"unit p{third.unit_pages}", f"{base}/{third.anchor}?side={third.unit_pages}"),
        ("changes v3", f"{base}/versjoner/3/endringer"),
        ("version 1", f"{base}/versjoner/1"),
    ]


def bench_pages(built: Built, url: str, args) -> list[str]:
    app = make_app(url)
    with app.app_context():
        third = publish_third(built, args)
        counter = QueryCounter(db.engine)
    results = measure_pages(app.test_client(), counter, page_urls(third), args.requests, args.warmup)
    dispose(app)
    print(f"\n== pages of version 3: a second revision ({third.units:,} units; 10 % edited, 2 % moved, 0.5 % split, "
          f"0.5 % merged) proposed in {third.proposed:.2f} s and published in {third.published:.2f} s after "
          f"{args.later_comments:,} comments on version 2; the unit page: {third.v1_comments} comments written on "
          f"version 1, {third.later_comments} on version 2, {third.unit_pages} pages; {args.warmup} warm-up and "
          f"{args.requests} timed requests per page, in turn")
    print(f"{'page':<14} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p95':>8} {'KB':>8}  url")
    for r in results:
        print(f"{r.key:<14} {r.query_text:>7} {statistics.median(r.times_ms):>8.1f} {r.percentile(95):>8.1f} "
              f"{max(r.times_ms):>8.1f} {r.percentile(95, r.cpu_ms):>8.1f} {r.size_bytes / 1024:>8.1f}  {r.url}")
    return page_verdict(results)


def page_verdict(results: list[Result]) -> list[str]:
    with_target = [r for r in results if r.key == "consultation" or r.key.startswith("unit p")]
    missed = [r.key for r in with_target if r.percentile(95) >= TARGET_P95_MS]
    print(f"Target on version 3: consultation page and unit pages p95 < {TARGET_P95_MS:.0f} ms: "
          + (f"MISSED ({', '.join(missed)})" if missed else "ok") + "; the other pages have no target")
    return [f"pages ({', '.join(missed)})"] if missed else []


# --------------------------------------------------------------------------- main


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=6800)
    parser.add_argument("--comments", type=int, default=20000, help="comments on version 1 (default 20,000)")
    parser.add_argument("--on-unit", type=int, default=500, help="of them on the chosen paragraph (default 500)")
    parser.add_argument("--later-comments", type=int, default=1000, help="comments on version 2 (default 1,000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of align() and of propose + publish")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page of version 3 (default 30)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--languages", default="nb,nn", help="align: nb, nn or both; publish and pages: the first")
    parser.add_argument("--parts", default="align,publish,pages", help="comma-separated: align, publish, pages")
    parser.add_argument("--target-seconds", type=float, default=2.0, help="align()'s target (default 2 s)")
    parser.add_argument("--profile", action="store_true", help="cProfile one more propose + publish")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 800 units, 2,400 comments, 1 run, 5 requests, nb only")
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    args.languages = [x.strip() for x in args.languages.split(",") if x.strip()]
    args.parts = {x.strip() for x in args.parts.split(",") if x.strip()}
    if args.parts - {"align", "publish", "pages"}:
        parser.error("--parts takes align, publish and pages")
    if "pages" in args.parts:
        args.parts.add("publish")  # version 3 is published on top of the last publishing run's version 2
    if args.runs < 1 or args.requests < 1:
        parser.error("--runs and --requests take a number of at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"== revisions: load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    missed = []
    if "align" in args.parts:
        missed += bench_align(args)
    if "publish" in args.parts:
        with tempfile.TemporaryDirectory(prefix="hoering-bench-") as tmp:
            built = build_database(Path(tmp) / "base.db", args.languages[0], args)
            missed_publishing, url = bench_publish(built, args)
            missed += missed_publishing
            if "pages" in args.parts:
                missed += bench_pages(built, url, args)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs "
          "(wall-clock figures include waiting for a CPU when the machine is busy)")
    print(f"Targets: {'MISSED (' + '; '.join(missed) + ')' if missed else 'ok'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
