"""Realistic Norwegian test data, made through the same services the app uses."""
from __future__ import annotations

import secrets
from datetime import timedelta

from hoering.comments.services import CommentInput, post_comment
from hoering.consultations.models import utcnow
from hoering.consultations.services import create_consultation, unit_in_context
from hoering.extensions import db

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
