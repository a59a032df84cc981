"""The demo's signed-off summary: the closed consultation is analysed, its themes named and assessed
as a caseworker would, and the summary signed off, so `make run` shows a complete summary page.

A review file lists, per theme, one comment that belongs to it (by its demo key), the theme's new
name and the municipality's assessment. A theme whose comment the analysis put elsewhere keeps its
machine label; the file names comments, not theme numbers, so it survives changes to the analysis.
"""
from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from hoering.accounts.services import find_user
from hoering.casework.services import run_now
from hoering.comments.models import Comment
from hoering.consultations.models import Consultation
from hoering.demo.loader import DATA_DIR, DEMO_USERS
from hoering.extensions import db
from hoering.casework import review as summaries
from hoering.casework import sign_off as sign_offs
from hoering.summaries.models import SummaryVersion


CASEWORKER_EMAIL = next(email for email, name, roles in DEMO_USERS if "caseworker" in roles)


def sign_off_demo_summaries(created: list[str], data_dir: Path = DATA_DIR) -> list[SummaryVersion]:
    """Review and sign off every newly created demo consultation that has a review file."""
    signed = []
    for spec in json.loads((data_dir / "consultations.json").read_text(encoding="utf-8")):
        if spec["slug"] in created and spec.get("review"):
            consultation = db.session.scalar(sa.select(Consultation).where(Consultation.slug == spec["slug"]))
            version = review_and_sign_off(consultation, data_dir / spec["review"], CASEWORKER_EMAIL)
            if version is not None:
                signed.append(version)
    return signed


def review_and_sign_off(consultation: Consultation, review_file: Path, caseworker_email: str) -> SummaryVersion | None:
    """Analyse, rename and assess the themes the file names, mark every theme as gone through, and sign
    off; None if an analysis is running."""
    caseworker = find_user(caseworker_email)
    run = run_now(consultation, caseworker)
    if run is None:
        return None
    for entry in json.loads(review_file.read_text(encoding="utf-8")):
        theme = _theme_holding(consultation, run.id, entry["comment"])
        if theme is None:
            continue
        summaries.rename_theme(consultation, caseworker, run.id, theme["id"], entry["label"])
        summaries.assess_theme(consultation, caseworker, run.id, theme["id"], entry["assessment"])
    for theme in summaries.current_review(consultation).reviewed.themes:
        summaries.mark_reviewed(consultation, caseworker, run.id, theme["id"])
    return sign_offs.sign_off(consultation, caseworker, run.id)


def _theme_holding(consultation: Consultation, run_id: int, key: str) -> dict | None:
    comment_id = db.session.scalar(
        sa.select(Comment.id).where(Comment.consultation_id == consultation.id,
                                    Comment.submission_key == f"demo-{consultation.slug}-{key}"[:64])
    )
    review = summaries.current_review(consultation)
    return review.reviewed.theme_of(comment_id) if review and comment_id else None
