"""Benchmark: the caseworker's review and the public summary at 100,000 comments (issue 5).

Seeds the same database as bench/exports.py (one consultation, ``--comments`` comments, a finished
analysis with 20 themes and campaigns), adds ``--corrections`` corrections (renames, assessments and
moves, as a caseworker's afternoon might), then times through the WSGI app (Flask's test client,
logged in as a caseworker): the analysis page, a theme's review page, a correction (POST and the
redirect it leads to), signing off, and the public summary page; each ``--requests`` times, printing
p50 and max milliseconds. A process keeps the reviewed summary (hoering/casework/review_cache.py)
until a correction, a new run or a change to the published comments makes another: a review page
reads its key (one aggregate over the comments) and the summary kept for it; the first request,
and the redirect after each rename, replay the corrections (the comments' facts stay kept). The
public page reads the frozen version only. Target (issue "National scale and operations"): the
review pages under 150 ms at 100,000 comments.

Run from the repository root:  .venv/bin/python bench/review.py [--comments 100000]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.exports import SLUG, STAFF_EMAIL, make_app, seed  # noqa: E402

PASSWORD = "et langt nok passord"  # bench/exports.py creates the caseworker with it


def timed(client, method: str, url: str, requests: int, **kwargs) -> list[float]:
    """Milliseconds of each request; every answer must be a success or a redirect."""
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.open(url, method=method, **kwargs)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code < 400, (url, response.status_code)
    return times


def add_corrections(app, count: int) -> None:
    """Renames, assessments and moves spread over the themes, through the services."""
    import sqlalchemy as sa

    from hoering.accounts.services import find_user
    from hoering.consultations.models import Consultation
    from hoering.extensions import db
    from hoering.casework import review as services

    with app.app_context():
        consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == SLUG))
        actor = find_user(STAFF_EMAIL)
        for n in range(count):
            review = services.current_review(consultation)
            themes = review.reviewed.themes
            theme, other = themes[n % len(themes)], themes[(n + 1) % len(themes)]
            if n % 3 == 0:
                services.rename_theme(consultation, actor, review.run.id, theme["id"], f"Tema {n}: skolevei")
            elif n % 3 == 1:
                services.assess_theme(consultation, actor, review.run.id, theme["id"], "Kommunen vurderer dette.")
            else:
                services.move_comments(consultation, actor, review.run.id, [theme["comment_ids"][0]], other["id"])
        review = services.current_review(consultation)
        for theme in review.reviewed.themes:  # sign-off waits for every theme to be gone through
            services.mark_reviewed(consultation, actor, review.run.id, theme["id"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--corrections", type=int, default=30)
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'bench.db'}"
        seed(url, args.comments)
        app = make_app(url)
        app.config.update(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
        start = time.perf_counter()
        add_corrections(app, args.corrections)
        print(f"{args.comments:,} comments, {args.corrections} corrections made in "
              f"{time.perf_counter() - start:.1f} s (SQLite, load {os.getloadavg()[0]:.2f})")
        client = app.test_client()
        client.post("/logg-inn", data={"email": STAFF_EMAIL, "password": PASSWORD})
        base = f"/admin/hoeringer/{SLUG}"
        with app.app_context():
            from hoering.casework.services import latest_result
            from hoering.consultations.services import get_public_consultation

            run_id = latest_result(get_public_consultation(SLUG)).id
        steps = [
            ("analysis page", "GET", f"{base}/analyse", {}),
            ("theme page", "GET", f"{base}/analyse/temaer/1", {}),
            ("rename + redirect", "POST", f"{base}/analyse/temaer/1/navn",
             {"data": {"run_id": run_id, "label": "Skolevei og trafikk"}, "follow_redirects": True}),
            ("sign off", "POST", f"{base}/oppsummering/godkjenn", {"data": {"run_id": run_id, "confirm": "y", "interim_reason": "Foreløpig"}}),
            ("public summary", "GET", f"/hoeringer/{SLUG}/oppsummering", {}),
        ]
        print(f"{'step':<20} {'p50 ms':>9} {'max ms':>9}")
        for name, method, path, kwargs in steps:
            requests = 1 if name == "sign off" else args.requests
            times = timed(client, method, path, requests, **kwargs)
            print(f"{name:<20} {statistics.median(times):>9.0f} {max(times):>9.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
