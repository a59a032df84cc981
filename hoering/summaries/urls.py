"""The address of a consultation's public summary, for any page or API that links to it."""
from __future__ import annotations

from flask import url_for

from hoering.consultations.models import Consultation
from hoering.summaries.services import published_summary


def summary_url(consultation: Consultation, **url_options) -> str | None:
    """The address of the consultation's public summary, or None while no version is signed off (or
    the last one is withdrawn)."""
    version = published_summary(consultation)
    if version is None or version.is_withdrawn:
        return None
    return url_for("summaries.summary", slug=consultation.slug, **url_options)
