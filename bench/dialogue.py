"""Benchmark: dialogue and reach (issue 18) on a consultation with ``--comments`` comments (100,000).

Seeds the database as bench/exports.py does (the real migrations, a generated draft, comments bulk
inserted: replies, pending and hidden ones, æøå), then prints:

* the unanswered questions (hoering.comments.answers.unanswered_questions): the rule reads every
  published comment without an official answer, so this is the page's cost; median of 3;
* the comments feed (``/hoeringer/<slug>/innspill.atom``, the newest 50): p50 / p95 over ``--requests``;
* a share card (hoering.sharing.cards): drawing one, p50 / p95 over 30 different cards, and the same
  card again (kept in memory);
* `flask notifications digest` with ``--followers`` confirmed followers (5,000: 60 % of the whole
  consultation, 40 % of one unit each; half immediate, half daily): a run with nothing new, then a run
  after 20 new comments (every whole-consultation follower and the unit followers of those units get
  an e-mail), the e-mails queued and the time per e-mail.

Targets: the questions page and the feed under 500 ms at p95 with 100,000 comments; a card under 200 ms;
a run with nothing new under 1 s, and the e-mails of a run under 10 ms each.
A missed target is printed as MISSED; nothing is asserted.

Run from the repository root:  .venv/bin/python bench/dialogue.py [--comments 100000] [--requests 20]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.exports import SLUG, make_app, seed  # noqa: E402

PAGE_TARGET_MS = 500
CARD_TARGET_MS = 200
QUIET_RUN_TARGET_MS = 1000
EMAIL_TARGET_MS = 10


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return 1000 * (time.perf_counter() - start)


def line(label: str, times: list[float], target: float) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    verdict = "met" if p95 < target else "MISSED"
    return f"{label}: p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms (target < {target} ms: {verdict})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--followers", type=int, default=5_000)
    args = parser.parse_args(argv)

    from hoering.comments.answers import unanswered_questions
    from hoering.consultations.planning import get_staff_consultation
    from hoering.sharing.cards import card_png

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        start = time.perf_counter()
        seed(url, args.comments)
        print(f"{args.comments} comments seeded in {time.perf_counter() - start:.1f} s (SQLite)")
        app = make_app(url)
        with app.app_context():
            consultation = get_staff_consultation(SLUG)
            found = unanswered_questions(consultation, 1)
            times = [timed(lambda: unanswered_questions(consultation, 1)) for _ in range(3)]
            print(f"unanswered questions: {found.total} found; median {statistics.median(times):.0f} ms "
                  f"(target < {PAGE_TARGET_MS} ms: {'met' if statistics.median(times) < PAGE_TARGET_MS else 'MISSED'})")
            client = app.test_client()
            feed = f"/hoeringer/{SLUG}/innspill.atom"
            assert client.get(feed).status_code == 200
            print(line("comments feed (newest 50)", [timed(lambda: client.get(feed)) for _ in range(args.requests)],
                       PAGE_TARGET_MS))
            with app.test_request_context(base_url="https://hoering.example.no"):  # as PUBLIC_URL gives a command
                digest_runs(consultation, args.followers)
    text = "Kommunen skal svare på spørsmål i kommentarfeltet innen to virkedager. " * 6
    cards = [timed(lambda n=n: card_png(f"Kommuneplanens samfunnsdel {n}", "Punkt 2.4.1", text, "Fjordvik kommune"))
             for n in range(30)]
    print(line("share card, drawn", cards, CARD_TARGET_MS))
    again = timed(lambda: card_png("Kommuneplanens samfunnsdel 0", "Punkt 2.4.1", text, "Fjordvik kommune"))
    print(f"share card, the same words again: {again:.2f} ms")
    return 0


def digest_runs(consultation, followers: int) -> None:
    """Time `flask notifications digest`'s work: a run with nothing new, and one after 20 comments."""
    import secrets
    from datetime import timedelta

    import sqlalchemy as sa
    from flask import current_app

    from hoering.clock import utcnow
    from hoering.comments.models import PUBLISHED, Comment
    from hoering.consultations.models import Unit
    from hoering.extensions import db
    from hoering.notifications.digests import send_due
    from hoering.notifications.models import CONSULTATION, DAILY, IMMEDIATE, UNIT, Subscription

    now = utcnow()
    since = now - timedelta(hours=2)
    anchors = list(db.session.scalars(sa.select(Unit.anchor).where(Unit.version_id == consultation.current_version_id)))
    rows = []
    for n in range(followers):
        unit = n % 5 >= 3
        rows.append({"email": f"f{n}@example.no", "language": "nb", "kind": UNIT if unit else CONSULTATION,
                     "consultation_id": consultation.id, "anchor": anchors[n % len(anchors)] if unit else None,
                     "frequency": DAILY if n % 2 else IMMEDIATE, "token": secrets.token_urlsafe(32),
                     "confirmed_at": since, "covered_until": since, "created_at": since})
    db.session.execute(sa.insert(Subscription), rows)
    db.session.commit()
    current_app.config["NOTIFICATION_SETTLE_SECONDS"] = 0

    quiet = timed(lambda: send_due(now))
    print(f"notices, a run with nothing new ({followers} followers): {quiet:.0f} ms "
          f"(target < {QUIET_RUN_TARGET_MS} ms: {'met' if quiet < QUIET_RUN_TARGET_MS else 'MISSED'})")
    fresh = [{"consultation_id": consultation.id, "anchor": anchors[n * 7 % len(anchors)],
              "author_name": "Ny Innbygger", "text": f"Et nytt innspill nummer {n} om æøå.",
              "html": f"<p>Et nytt innspill nummer {n}.</p>", "status": PUBLISHED,
              "submission_key": secrets.token_hex(16), "created_at": now + timedelta(seconds=n + 1)}
             for n in range(20)]
    db.session.execute(sa.insert(Comment), fresh)
    db.session.commit()
    later = now + timedelta(minutes=5)
    start = time.perf_counter()
    sent = send_due(later)
    took = 1000 * (time.perf_counter() - start)
    per_email = took / max(1, len(sent.message_ids))
    print(f"notices, a run after 20 new comments: {sent.notices} notices and {sent.digests} digests queued in "
          f"{took:.0f} ms, {per_email:.1f} ms per e-mail "
          f"(target < {EMAIL_TARGET_MS} ms: {'met' if per_email < EMAIL_TARGET_MS else 'MISSED'})")


if __name__ == "__main__":
    sys.exit(main())
