"""Benchmark: exporting 100,000 comments as CSV, XLSX and the høringsnotat DOCX (hoering/exports), time
and peak memory.

Builds a temporary SQLite database with the real migrations, one consultation (a generated draft of
~300 units) and ``--comments`` comments bulk-inserted in batches (Core inserts, as bench_pages.py
does; ~20 % replies, 5 % pending or hidden, some organisations, e-mail addresses, æøå, and a share
of texts that start like a formula), plus a finished analysis run whose result puts every comment in one of
20 themes (with quotes) and a tenth of them in campaigns. Then, each in a fresh process so that its
ru_maxrss is its own, it exports with the e-mail column and prints seconds, file size, the process's
memory before the export and its peak:

- ``csv``: consuming ``csv_chunks()``, as the streamed response does;
- ``xlsx``: ``write_xlsx()`` into a temporary file (the spreadsheet's rows: words and dates);
- ``xlsx job``: what the exports page's XLSX button starts: an export job (``request_export()``) run by
  ``execute_export()`` in a background thread, writing the file and its progress to a temporary file,
  then storing the file in the database (hoering/exports/files.py);
- ``memo job``: the høringsnotat the same way (the reviewed summary of the analysis, every published
  comment in the appendix);
- ``xlsx download``: the stored XLSX read back as its download's body reads it, a part at a time from
  the database; the export is made first and not measured. "RSS before" and the peak as for the open
  files below;
- ``open csv``, ``open jsonl``: the public bulk files (hoering/api/bulk.py, every published comment, no
  e-mail) downloaded through the WSGI app, the streamed body read chunk by chunk as a client reads it.
  Here "RSS before" is the RSS just before the request and the peak Linux's high-water mark, reset
  then (/proc/self/clear_refs), so that the app's start-up cannot hide what the download takes.

Target (issue 5): no request holds every row in memory or waits for a whole export; the peak should
not grow with the number of comments (compare ``--comments 10000``). The CSV is streamed, so its time
is spread over the download; the XLSX and the memo are made in the background.

Run from the repository root:  .venv/bin/python bench/exports.py [--comments 100000]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 2026
SLUG = "kommuneplan-2026"
BATCH = 5000
THEMES = 20
FORMULA_TEXTS = ["=HYPERLINK(\"http://ond.example\",\"Klikk\")", "+47 99 99 99 99 er nummeret mitt", "- Enig i punkt 3"]
STAFF_EMAIL = "saksbehandler@bench.example.no"
FORMATS = ("csv", "xlsx", "xlsx job", "memo job", "xlsx download", "open csv", "open jsonl")


def make_app(url: str):
    from hoering import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})


def seed(url: str, comments: int) -> None:
    import contextlib
    import io

    import sqlalchemy as sa
    from flask_migrate import upgrade

    from bench.bench_pages import AUTHORS, COMMENT_TEXTS, ORGANISATIONS
    from bench.draft_text import generate_draft
    from hoering import markup
    from hoering.accounts.services import create_user
    from hoering.background import DONE
    from hoering.casework.models import AnalysisRun
    from hoering.comments.models import HIDDEN, PENDING, PUBLISHED, STANCES, Comment
    from hoering.clock import utcnow
    from hoering.consultations.models import Unit
    from hoering.consultations.services import create_consultation
    from hoering.extensions import db

    rng = random.Random(SEED)
    app = make_app(url)
    with app.app_context():
        with contextlib.redirect_stderr(io.StringIO()):  # Alembic's INFO lines
            upgrade()
        now = utcnow()
        consultation = create_consultation(
            slug=SLUG, title="Kommuneplanens samfunnsdel 2026–2038", organisation="Fjordvik kommune",
            opens_at=now - timedelta(days=20), closes_at=now + timedelta(days=14),
            draft=generate_draft(SEED, max_units=300),
        )
        db.session.commit()
        units = list(db.session.scalars(sa.select(Unit).where(Unit.version_id == consultation.current_version_id)))
        texts = [(t, markup.render(t)) for t in COMMENT_TEXTS + FORMULA_TEXTS]
        table = Comment.__table__
        statuses = (PUBLISHED, PENDING, HIDDEN)
        ids: list[int] = []
        for start in range(0, comments, BATCH):
            rows = []
            for n in range(start, min(start + BATCH, comments)):
                unit = rng.choice(units) if rng.random() < 0.9 else None
                text, html = rng.choice(texts)
                parent = rng.choice(ids) if ids and rng.random() < 0.2 else None
                rows.append({
                    "id": n + 1, "consultation_id": consultation.id, "unit_id": unit.id if unit else None,
                    "anchor": unit.anchor if unit else None, "parent_id": parent, "root_id": parent,
                    "author_name": rng.choice(AUTHORS), "email": f"innbygger{n}@example.no",
                    "organisation": rng.choice(ORGANISATIONS) if rng.random() < 0.1 else None,
                    "stance": rng.choice(STANCES) if rng.random() < 0.6 else None, "text": text, "html": html,
                    "agree_count": int(rng.expovariate(0.3)), "status": rng.choices(statuses, (95, 3, 2))[0],
                    "submission_key": f"bench-{n:08d}",
                    "created_at": consultation.opens_at + timedelta(minutes=n % 28_000),
                })
            db.session.execute(table.insert(), rows)
            ids += [row["id"] for row in rows]
        published, last_id = db.session.execute(
            sa.select(sa.func.count(), sa.func.max(Comment.id)).where(Comment.status == PUBLISHED)).one()
        db.session.add(AnalysisRun(consultation_id=consultation.id, status=DONE, comment_count=published,
                                   last_comment_id=last_id, finished_at=utcnow(), result=analysis_result(comments)))
        db.session.commit()
        create_user(STAFF_EMAIL, "Saksbehandler", "et langt nok passord", ["caseworker"])


def analysis_result(comments: int) -> dict:
    """An analysis result shaped like hoering.analysis's report, with the parts the exports and the memo read."""
    from bench.bench_pages import COMMENT_TEXTS

    all_ids = list(range(1, comments + 1))
    stance = {"support": 0, "against": 0, "neutral": 0, "suggestion": 0, "not_stated": 0}
    themes = [
        {"id": t, "label": f"Tema {t}: skole, vei og bøker", "keywords": ["skole", "vei", "bøker"],
         "comment_ids": all_ids[t::THEMES], "count": len(all_ids[t::THEMES]), "share": 1 / THEMES, "stance": stance,
         "quotes": [{"comment_id": cid, "text": COMMENT_TEXTS[1][:60], "stance": ""} for cid in all_ids[t::THEMES][:4]],
         "summary": [], "campaigns": [], "organisation_comments": 0, "individual_comments": 0}
        for t in range(THEMES)
    ]
    campaigns = [{"id": c, "size": 100, "text": COMMENT_TEXTS[1], "comment_ids": all_ids[c * 100: c * 100 + 100],
                  "additions": []}
                 for c in range(comments // 1000)]
    participants = {"people": 12, "organisations": 4, "organisation_comments": comments // 10,
                    "individual_comments": comments - comments // 10}
    return {"comments": comments, "distinct_comments": comments - 99 * len(campaigns), "participants": participants,
            "stance": stance, "themes": themes, "campaigns": campaigns, "units": [], "summary": [],
            "organisations": [], "unthemed": {"count": 0, "comment_ids": []}}


def child(url: str, file_format: str) -> None:
    """Runs in the fresh process: one export, then its figures as JSON on the last line."""
    if file_format.endswith(" job"):
        return child_job(url, file_format.split()[0])
    if file_format.endswith(" download"):
        return child_download(url, file_format.split()[0])
    if file_format.startswith("open "):
        return child_open(url, file_format.split()[1])
    import sqlalchemy as sa

    from hoering.consultations.models import Consultation
    from hoering.exports.comments import comment_rows, date_format, header
    from hoering.exports.writers import csv_chunks, write_xlsx
    from hoering.extensions import db

    app = make_app(url)
    with app.test_request_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == SLUG))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        rows = comment_rows(consultation, with_email=True, sheet=file_format == "xlsx")
        with tempfile.TemporaryFile() as target:
            if file_format == "csv":
                for chunk in csv_chunks(header(True), rows):
                    target.write(chunk.encode("utf-8"))
            else:
                write_xlsx(header(True), rows, target, date_format=date_format())
            size = target.tell() if file_format == "csv" else target.seek(0, os.SEEK_END)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "bytes": size, "before_kb": before, "peak_kb": peak}))


def child_job(url: str, kind: str) -> None:
    """An export job as the exports page starts it, run in a background thread of this process."""
    import sqlalchemy as sa

    from hoering.accounts.services import find_user
    from hoering.background import run_in_background, wait_for_threads
    from hoering.consultations.models import Consultation
    from hoering.exports import services
    from hoering.exports.models import ExportJob
    from hoering.extensions import db

    app = make_app(url)
    with app.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == SLUG))
        job, _ = services.request_export(consultation, find_user(STAFF_EMAIL), kind, "nb")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        run_in_background(app, services.EXECUTE_EXPORT, job.id)
        wait_for_threads(timeout=3600)
        seconds = time.perf_counter() - start
        db.session.rollback()
        job = db.session.get(ExportJob, job.id)
        assert job.status == "done", job.error
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "bytes": job.size, "before_kb": before, "peak_kb": peak}))


def child_download(url: str, kind: str) -> None:
    """An export's stored file read back as the download's response body reads it."""
    import sqlalchemy as sa

    from hoering.accounts.services import find_user
    from hoering.consultations.models import Consultation
    from hoering.exports import services
    from hoering.extensions import db

    app = make_app(url)
    with app.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == SLUG))
        job, _ = services.request_export(consultation, find_user(STAFF_EMAIL), kind, "nb")
        job = services.execute_export(job.id)
        assert job.status == "done", job.error
        body = services.file_body(app, job)
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before = _status_kb("VmRSS")
    start = time.perf_counter()
    size = 0
    with tempfile.TemporaryFile() as target:
        for part in body:
            target.write(part)
            size += len(part)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "bytes": size, "before_kb": before, "peak_kb": _status_kb("VmHWM")}))


def child_open(url: str, extension: str) -> None:
    """A public bulk file as a client downloads it: through the WSGI app, the streamed body read chunk by chunk."""
    app = make_app(url)
    client = app.test_client()
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before = _status_kb("VmRSS")
    start = time.perf_counter()
    response = client.get(f"/api/v1/consultations/{SLUG}/comments.{extension}", buffered=False)
    assert response.status_code == 200 and response.is_streamed
    size = lines = 0
    with tempfile.TemporaryFile() as target:
        for chunk in response.iter_encoded():
            target.write(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    response.close()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "bytes": size, "before_kb": before, "peak_kb": _status_kb("VmHWM"),
                      "lines": lines}))


def _status_kb(field: str) -> int:
    """A field of /proc/self/status in kB (Linux)."""
    line = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith(field + ":"))
    return int(line.split()[1])


def measure(url: str, file_format: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", file_format, "--database-url", url],
                            check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--child", choices=FORMATS, help=argparse.SUPPRESS)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated, of: " + ", ".join(FORMATS))
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.database_url, args.child)
        return 0
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        start = time.perf_counter()
        seed(url, args.comments)
        print(f"{args.comments:,} comments inserted in {time.perf_counter() - start:.1f} s "
              f"(SQLite, load {os.getloadavg()[0]:.2f})")
        print(f"{'format':<13} {'seconds':>8} {'rows/s':>8} {'file MB':>8} {'RSS before MB':>14} {'peak RSS MB':>12}")
        for file_format in args.formats.split(","):
            f = measure(url, file_format)
            print(f"{file_format:<13} {f['seconds']:>8.1f} {args.comments / f['seconds']:>8,.0f} "
                  f"{f['bytes'] / 2**20:>8.1f} {f['before_kb'] / 1024:>14.0f} {f['peak_kb'] / 1024:>12.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
