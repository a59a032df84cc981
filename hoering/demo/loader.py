"""Load the demo consultations and their comments, once: a consultation already there is left alone."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from hoering.accounts.models import ADMIN, CASEWORKER, MODERATOR, PLANNER
from hoering.accounts.services import create_user, find_user
from hoering.background import wait_for_threads
from hoering.branding.services import BrandSettings, brand_is_saved, save_brand
from hoering.clock import utcnow
from hoering.comments.models import HELD_FLAGS, HELD_PERSONAL_DATA, PENDING, Agreement, Comment, Flag
from hoering.comments.services import CommentInput, build_comment, personal_data_in
from flask import current_app
from hoering.consultations.deadlines import OTHER
from hoering.consultations.models import Consultation, Unit
from hoering.consultations.services import create_consultation
from hoering.extensions import db
from hoering.responses.answers import ResponseInput, answer
from hoering.responses.invitations import send_invitations
from hoering.responses.models import InvitedBody
from hoering.responses.services import import_bodies
from hoering.topics.models import AREA, TOPIC, Topic
from hoering.topics.services import create_topic, set_topics

DATA_DIR = Path(__file__).resolve().parent / "data"
# One staff user per role, for local use only (the README lists them); never load the demo in production.
DEMO_PASSWORD = "demo-passord-hoering"
DEMO_ADDRESS = "http://127.0.0.1:5000"  # where `make run` serves
DEMO_USERS = [
    ("admin@fjordvik.example.no", "Anne Admin", [ADMIN]),
    ("planlegger@fjordvik.example.no", "Per Planlegger", [PLANNER]),
    ("moderator@fjordvik.example.no", "Mona Moderator", [MODERATOR]),
    ("saksbehandler@fjordvik.example.no", "Sara Saksbehandler", [CASEWORKER]),
]


def load_demo(data_dir: Path = DATA_DIR) -> list[str]:
    """Create every demo user and consultation not yet present; returns what was created."""
    created = [email for email, name, roles in DEMO_USERS if _ensure_user(email, name, roles)]
    if not brand_is_saved():
        created.append(_save_brand(json.loads((data_dir / "brand.json").read_text(encoding="utf-8")), data_dir))
    topics = _ensure_topics(json.loads((data_dir / "topics.json").read_text(encoding="utf-8")))
    for spec in json.loads((data_dir / "consultations.json").read_text(encoding="utf-8")):
        if db.session.scalar(sa.select(Consultation.id).where(Consultation.slug == spec["slug"])):
            continue
        consultation = _create(spec, data_dir)
        comments = json.loads((data_dir / spec["comments"]).read_text(encoding="utf-8"))
        if spec.get("moderation"):
            comments += json.loads((data_dir / spec["moderation"]).read_text(encoding="utf-8"))
        _add_comments(consultation, comments)
        db.session.commit()
        set_topics(consultation, [topics[name].id for name in spec.get("topics", [])], None)
        if spec.get("responses"):
            _add_responses(consultation, json.loads((data_dir / spec["responses"]).read_text(encoding="utf-8")))
        created.append(spec["slug"])
    return created


def _save_brand(spec: dict, data_dir: Path) -> str:
    """The made-up municipality's name, logo, colour and footer, as an admin would save them."""
    logo = (data_dir / spec.pop("logo")).read_bytes()
    return save_brand(BrandSettings(**spec), logo, False, None).organisation


def _ensure_topics(lists: dict) -> dict:
    """The demo's topics and areas by name, created where missing."""
    present = {topic.name: topic for topic in db.session.scalars(sa.select(Topic))}
    for kind, key in ((TOPIC, "topics"), (AREA, "areas")):
        for name in lists[key]:
            if name not in present:
                present[name] = create_topic(kind, name, None)
    return present


def _ensure_user(email: str, name: str, roles: list[str]) -> bool:
    if find_user(email) is not None:
        return False
    create_user(email, name, DEMO_PASSWORD, roles)
    return True


def _create(spec: dict, data_dir: Path) -> Consultation:
    today = utcnow().replace(hour=12, minute=0, second=0, microsecond=0)
    consultation = create_consultation(
        slug=spec["slug"],
        title=spec["title"],
        organisation=spec["organisation"],
        summary=spec.get("summary", ""),
        contact=spec.get("contact", ""),
        opens_at=today + timedelta(days=spec["opens_days"]),
        closes_at=today + timedelta(days=spec["closes_days"]),
        draft=(data_dir / spec["draft"]).read_text(encoding="utf-8"),
    )
    consultation.kind = spec.get("kind", OTHER)  # whose deadline rules apply (consultations.deadlines)
    planner = find_user(DEMO_USERS[1][0])
    consultation.owner_id = planner.id if planner else None
    return consultation


def _add_comments(consultation: Consultation, comments: list[dict]) -> None:
    """Add demo comments as if posted over the consultation's open period, with agreements."""
    units = {
        unit.number: unit
        for unit in db.session.scalars(sa.select(Unit).where(Unit.version_id == consultation.current_version_id))
    }
    latest = min(utcnow(), consultation.closes_at)
    by_key: dict[str, Comment] = {}
    # Oldest first, so ids follow time as they do for real comments (a reply is always younger).
    for item in sorted(comments, key=lambda item: -item.get("hours_ago", 1)):
        unit = units[item["unit"]] if item.get("unit") else None
        parent = by_key.get(item["reply_to"]) if item.get("reply_to") else None
        entry = CommentInput(
            author_name=item["name"],
            text=item["text"],
            email=item.get("email", ""),
            organisation=item.get("organisation", ""),
            stance=item.get("stance", ""),
            submission_key=f"demo-{consultation.slug}-{item['key']}"[:64],
        )
        comment = build_comment(consultation, unit, parent, entry)
        flags = item.get("flags", [])
        if personal_data_in(entry) or len(flags) >= current_app.config["FLAG_THRESHOLD"]:
            comment.status = PENDING
            comment.held_reason = HELD_PERSONAL_DATA if personal_data_in(entry) else HELD_FLAGS
        comment.agree_count = item.get("agree", 0)
        comment.created_at = max(consultation.opens_at, latest - timedelta(hours=item.get("hours_ago", 1)))
        db.session.add(comment)
        db.session.flush()
        by_key[item["key"]] = comment
        db.session.add_all(
            Agreement(comment_id=comment.id, voter=f"demo-{comment.id}-{n}") for n in range(comment.agree_count)
        )
        db.session.add_all(
            Flag(comment_id=comment.id, voter=f"demo-{comment.id}-{n}", reason=reason)
            for n, reason in enumerate(flags)
        )


def _add_responses(consultation: Consultation, data: dict) -> None:
    """Register the demo bodies, invite them (the letters go to the outbox without MAIL_SERVER), and
    let some answer through their personal links. Links are built on PUBLIC_URL, or on `make run`'s
    address."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"] or DEMO_ADDRESS):
        import_bodies("demo.csv", _bodies_csv(data["bodies"]), None, consultation)
        send_invitations(consultation, None)
        invited = {row.body.name: row for row in db.session.scalars(
            sa.select(InvitedBody).where(InvitedBody.consultation_id == consultation.id))}
        for response in data["responses"]:
            answer(consultation, invited[response["body"]], ResponseInput(
                contact_name=response["contact_name"], contact_email=response["contact_email"],
                text=response["text"], no_comments=response.get("no_comments", False)))
    wait_for_threads()  # the letters and receipts are written before the next consultation is

def _bodies_csv(bodies: list[dict]) -> bytes:
    lines = ["name,organisation_number,email,category"]
    lines += [f'"{b["name"]}",{b["organisation_number"]},{b["email"]},{b["category"]}' for b in bodies]
    return ("\n".join(lines) + "\n").encode()
