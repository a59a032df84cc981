"""Realistic Norwegian test data, made through the same services the app uses."""
from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa

from hoering.analysis.comments import STANCE_KEYS
from hoering.background import wait_for_threads
from hoering.analysis.text import sentence_spans
from hoering.clock import utcnow
from hoering.comments.models import PUBLISHED, Comment
from hoering.comments.services import CommentInput, post_comment
from hoering.consultations.services import create_consultation, current_units, unit_in_context
from hoering.extensions import db
from hoering.responses.invitations import send_invitations
from hoering.responses.models import InvitedBody
from hoering.responses.services import BodyInput, save_body, set_picks
from hoering.summaries.models import SummaryVersion

DRAFT = """Kommunen vil bli bedre til å snakke med innbyggerne, ikke bare til dem.

# Formål

Strategien skal gjøre det enklere for innbyggerne å delta i beslutninger som angår dem.

Kommunen skal svare på spørsmål i sosiale medier innen to virkedager.

# Kanaler

## Facebook

Facebook brukes til nyheter, arrangementer og dialog med innbyggerne.

- Kommentarfeltet er åpent på hverdager.
- Innlegg som bryter reglene, skjules.

## Nettsiden

Nettsiden er hovedkanalen. Alt som publiseres i sosiale medier, skal også finnes der.
"""


# Six comments on three matters (comment fields, reply time, the website), two of each: enough for the
# analysis to find themes in tests that need a result.
TOPICAL_COMMENTS = [
    "Kommentarfeltet på Facebook bør være åpent hele uka, ikke bare på hverdager.",
    "Stenger dere kommentarfeltet, mister dere kontakten med innbyggerne på Facebook.",
    "Svartiden på to virkedager er for lang når det gjelder brøyting og veier.",
    "To virkedager er greit for vanlige spørsmål, men ikke for brøyting.",
    "Nettsiden må bli lettere å bruke på mobil, særlig for eldre.",
    "Nettsiden er vanskelig å finne fram på, og søket virker dårlig.",
]


def make_consultation(slug: str = "digital-dialog", *, open_: bool = True, draft: str = DRAFT, **overrides):
    now = utcnow()
    values = dict(
        slug=slug,
        title="Strategi for digital dialog med innbyggerne",
        organisation="Fjordvik kommune",
        summary="Kommunen ber om innspill til strategien.\n\nFristen er om to uker.",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=14) if open_ else now - timedelta(days=1),
        draft=draft,
    )
    moderation_mode = overrides.pop("moderation_mode", None)
    values.update(overrides)
    consultation = create_consultation(**values)
    if moderation_mode:
        consultation.moderation_mode = moderation_mode
    db.session.commit()
    return consultation


def make_comment(consultation, anchor: str | None = None, *, text: str = "Jeg støtter forslaget.", **fields):
    """Post a comment through the service; a closed consultation is opened for the moment it takes."""
    unit = unit_in_context(consultation, anchor).unit if anchor else None
    entry = CommentInput(
        author_name=fields.pop("author_name", "Kari Nordmann"),
        text=text,
        submission_key=fields.pop("submission_key", secrets.token_hex(16)),
        **fields,
    )
    closes_at = consultation.closes_at
    if not consultation.is_open:
        consultation.closes_at = utcnow() + timedelta(days=1)
    posted = post_comment(consultation, unit, entry)
    if consultation.closes_at != closes_at:
        consultation.closes_at = closes_at
        db.session.commit()
    return posted.comment


def make_summary_version(consultation, content=None, **fields):
    """A signed-off summary, numbered after the consultation's last one. Without ``content``, one
    made from its published comments: a theme quoting the first sentence of each of the first three."""
    last = db.session.scalar(
        sa.select(sa.func.max(SummaryVersion.number)).where(SummaryVersion.consultation_id == consultation.id)
    )
    fields.setdefault("signed_off_by_name", "Siri Saksbehandler")
    version = SummaryVersion(
        consultation_id=consultation.id,
        number=fields.pop("number", (last or 0) + 1),
        content=summary_content_of(consultation) if content is None else content,
        **fields,
    )
    db.session.add(version)
    db.session.commit()
    return version


def summary_content_of(consultation) -> dict:
    """A summary in the signed-off format (hoering.summaries.content) of the published comments."""
    comments = list(db.session.scalars(
        sa.select(Comment).where(Comment.consultation_id == consultation.id, Comment.status == PUBLISHED)
        .order_by(Comment.id)
    ))
    numbers = {unit.anchor: unit.number for unit in current_units(consultation)}
    ids = [c.id for c in comments]
    return {
        "run_id": None,
        "analysed_at": utcnow().isoformat(),
        "comments": len(comments),
        "people": len({c.author_name for c in comments if not c.organisation}),
        "organisations": len({c.organisation for c in comments if c.organisation}),
        "organisation_comments": sum(1 for c in comments if c.organisation),
        "individual_comments": sum(1 for c in comments if not c.organisation),
        "stance": _stances(comments),
        "campaigns": [],
        "themes": [{
            "key": "1", "label": "Kommentarfelt og svartid", "keywords": ["kommentarfelt", "svartid"],
            "count": len(comments), "share": 1.0 if comments else 0.0, "stance": _stances(comments),
            "assessment": "Kommunen vil vurdere å holde kommentarfeltet åpent i helgene.",
            "quotes": [{"comment_id": c.id, "text": _first_sentence(c.text), "stance": c.stance or ""}
                       for c in comments[:3]],
            "comment_ids": ids,
        }] if comments else [],
        "units": [
            {"anchor": anchor, "number": numbers.get(anchor, "") if anchor else "",
             "comments": len(group), "people": len({c.author_name for c in group if not c.organisation}),
             "organisations": len({c.organisation for c in group if c.organisation}), "stance": _stances(group)}
            for anchor, group in sorted(_by_anchor(comments).items(), key=lambda item: (-len(item[1]), item[0] or ""))
        ],
    }


def _stances(comments) -> dict:
    return {key: sum(1 for c in comments if (c.stance or "not_stated") == key) for key in STANCE_KEYS}


def _by_anchor(comments) -> dict:
    groups = {}
    for comment in comments:
        groups.setdefault(comment.anchor, []).append(comment)
    return groups


def _first_sentence(text: str) -> str:
    spans = sentence_spans(text)
    return text[spans[0][0]:spans[0][1]] if spans else text


ORSTA = BodyInput(name="Ørsta kommune", organisation_number="964 978 557", email="postmottak@orsta.example.no",
                  category="kommune")


def invite_bodies(app, consultation, *bodies: BodyInput) -> list[InvitedBody]:
    """Register ``bodies``, pick them for ``consultation`` and send the invitations (to the outbox);
    returns the invited rows in the order given, each with its personal link's token."""
    saved = [save_body(None, body, None) for body in bodies]
    set_picks(consultation, set(), {body.id for body in saved}, None)
    with app.test_request_context():
        send_invitations(consultation, None)
    wait_for_threads()
    db.session.rollback()  # the sending thread wrote: start a fresh read
    by_body = {row.body_id: row for row in db.session.scalars(sa.select(InvitedBody))}
    return [by_body[body.id] for body in saved]
