"""The share cards (og:image) of a consultation and of each unit of its draft."""
from __future__ import annotations

from flask import Blueprint
from markupsafe import Markup

from hoering.accounts.access import public
from hoering.branding.services import current_brand
from hoering.consultations.presentation import citation
from hoering.consultations.services import get_public_consultation, unit_in_context
from hoering.presentation import excerpt
from hoering.sharing.cards import BRAND, card_png

blueprint = Blueprint("sharing", __name__)
# A card changes only when the draft or the consultation's text does: an hour in caches is plenty.
CACHE = "public, max-age=3600"


@blueprint.get("/hoeringer/<slug>/deling.png")
@public
def consultation_card(slug: str):
    consultation = get_public_consultation(slug)
    return _png(card_png(consultation.title, "", excerpt(consultation.summary, 400), consultation.organisation,
                         _colour()))


@blueprint.get("/hoeringer/<slug>/<anchor>/deling.png")
@public
def unit_card(slug: str, anchor: str):
    consultation = get_public_consultation(slug)
    unit = unit_in_context(consultation, anchor).unit
    text = excerpt(Markup(unit.html or "").striptags() or unit.text, 400)
    return _png(card_png(consultation.title, citation(unit.citation, capitalised=True), text, consultation.organisation,
                         _colour()))


def _colour() -> str:
    """The organisation's main colour, else the card's own blue."""
    return current_brand().main_colour or BRAND


def _png(data: bytes):
    return data, 200, {"Content-Type": "image/png", "Cache-Control": CACHE}
