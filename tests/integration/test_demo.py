"""The demo loads once: `flask demo` twice gives the same data, and every demo page renders."""
import json

import sqlalchemy as sa

from hoering.comments.models import Agreement, Comment
from hoering.consultations.models import Consultation
from hoering.demo.loader import DATA_DIR
from hoering.extensions import db


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_flask_demo_loads_once_and_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0 and "Loaded demo data" in first.output
    specs = json.loads((DATA_DIR / "consultations.json").read_text(encoding="utf-8"))
    expected = sum(
        len(json.loads((DATA_DIR / s[key]).read_text(encoding="utf-8"))) for s in specs for key in ("comments", "moderation")
        if key in s
    )
    totals = (count(Consultation), count(Comment), count(Agreement))
    assert totals[:2] == (len(specs), expected)
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0 and "already loaded" in second.output
    assert (count(Consultation), count(Comment), count(Agreement)) == totals


def test_demo_has_an_open_and_a_closed_consultation_whose_pages_render(app, pages):
    app.test_cli_runner().invoke(args=["demo"])
    statuses = {c.slug: c.status for c in db.session.scalars(sa.select(Consultation))}
    assert sorted(statuses.values()) == ["closed", "open"]
    front = pages.get("/")
    assert front.title.string == "Høringer – Fjordvik kommune"  # a made-up municipality with its logo
    assert pages.client.get(front.select_one(".site-logo")["src"]).mimetype == "image/svg+xml"
    for slug in statuses:
        consultation = pages.get(f"/hoeringer/{slug}")
        assert front.find("a", href=f"/hoeringer/{slug}")
        for link in consultation.select(".unit-actions a")[:60]:
            pages.get(link["href"])
    body = pages.client.get("/api/v1/consultations/strategi-sosiale-medier/comments?limit=1000").get_json()
    assert len(body["comments"]) >= 190
    assert any(c["parent"] for c in body["comments"]) and any(c["organisation"] for c in body["comments"])


def test_the_demo_gives_moderators_something_to_do(app, auth, pages):
    from hoering.moderation.services import queue

    app.test_cli_runner().invoke(args=["demo"])
    items = queue()
    assert {item.comment.held_reason for item in items} == {"personal_data", "flags", None}
    held = next(item for item in items if item.comment.held_reason == "personal_data")
    assert [f.kind for f in held.findings] == ["phone"]
    assert "412 34 567" not in pages.client.get("/api/v1/consultations/strategi-sosiale-medier/comments?limit=1000").get_data(as_text=True)


def test_the_closed_demo_consultation_has_a_signed_off_summary(app):
    from hoering.demo.review import CASEWORKER_EMAIL
    from hoering.summaries.services import published_summary

    app.test_cli_runner().invoke(args=["demo"])
    closed = db.session.scalar(sa.select(Consultation).where(Consultation.slug == "fritidstilbud-barn-og-unge"))
    version = published_summary(closed)
    assert version is not None and version.number == 1
    assert version.signed_off_by.email == CASEWORKER_EMAIL
    review = json.loads((DATA_DIR / "fritidstilbud-review.json").read_text(encoding="utf-8"))
    labels = {theme["label"]: theme for theme in version.content["themes"]}
    for entry in review:
        assert labels[entry["label"]]["assessment"] == entry["assessment"]
