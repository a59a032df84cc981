"""Rules for analysis runs: asking for one, running it over the published comments and formal
responses, reading the latest.

The analysis itself is the plain library in hoering.analysis; this module feeds it the comments
and the formal responses (hoering.responses.analysed), and keeps its result, with what it covered so the page can say when it is stale.

A run continues the themes of the last result unless the caseworker asks to find them afresh:
each comment analysed before keeps its theme and new ones join the nearest theme, so the themes a
caseworker named, assessed and corrected are still there after a few new comments. What is carried
is the analysis's own themes (each comment's theme ``key``), not the corrected ones: corrections are
replayed onto every result (hoering.casework.corrections), so carrying their outcome as well would
apply a merge or a move twice.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa

from hoering.analysis import CommentIn, analyse
from hoering.audit import services as audit
from hoering.background import ACTIVE, DONE, FAILED, QUEUED, RUNNING
from hoering.casework.models import AnalysisRun
from hoering.clock import utcnow
from hoering.comments.models import PUBLISHED, Comment, citizens_published
from hoering.consultations.models import Consultation, Unit
from hoering.consultations.services import current_units, public_consultations
from hoering.database import begin_write
from hoering.extensions import db
from hoering.responses.analysed import response_inputs, responses_read
from hoering.summaries.content import theme_key

# A run still queued or running after this long is taken to have died with its worker.
ABANDONED_AFTER = timedelta(hours=2)
PROGRESS_STEP = 0.05


def request_run(consultation: Consultation, actor, recluster: bool = False) -> tuple[AnalysisRun, bool]:
    """Queue a new run (returns it and True), or return the run already under way (and False).
    ``recluster``: find the themes afresh instead of continuing the last result's."""
    active = db.session.scalar(
        sa.select(AnalysisRun)
        .where(AnalysisRun.consultation_id == consultation.id, AnalysisRun.status.in_(ACTIVE))
        .order_by(AnalysisRun.id.desc())
    )
    if active is not None and utcnow() - active.created_at < ABANDONED_AFTER:
        return active, False
    if active is not None:
        active.status, active.error = FAILED, "abandoned"
    run = AnalysisRun(consultation_id=consultation.id, requested_by_id=getattr(actor, "id", None),
                      recluster=recluster)
    db.session.add(run)
    db.session.flush()
    audit.record(actor, "analysis.run", "consultation", consultation.id,
                 after={"run": run.id, **({"recluster": True} if recluster else {})})
    db.session.commit()
    return run, True


def execute_run(run_id: int) -> AnalysisRun:
    """Run the analysis for a queued run and store its result (or its failure); commits as it goes.
    The published formal responses are read beside the comments (hoering.responses.analysed)."""
    begin_write()  # on SQLite a reader cannot become a writer safely while exports write beside it
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status != QUEUED:
        db.session.commit()
        return run
    run.status, run.started_at, run.stage = RUNNING, utcnow(), "prepare"
    comments = _comments_of(run.consultation_id)
    run.comment_count = sum(1 for c in comments if c.id > 0)
    run.last_comment_id = max((c.id for c in comments), default=0)
    run.responses_read = responses_read(run.consultation_id)
    comments += response_inputs(run.consultation_id)
    previous = None if run.recluster else _previous_result(run)
    prior = theme_assignments(previous.result) if previous is not None else None
    db.session.commit()
    try:
        report = analyse(comments, progress=_progress_writer(run), prior=prior)
    except Exception as error:  # the page must say it failed, whatever the reason
        db.session.rollback()
        begin_write()
        run.status, run.error, run.finished_at = FAILED, f"{type(error).__name__}: {error}"[:2000], utcnow()
        db.session.commit()
        raise
    begin_write()
    run.result, run.status, run.progress, run.finished_at = report.to_dict(), DONE, 1.0, utcnow()
    db.session.commit()
    return run


def run_now(consultation: Consultation, actor=None, recluster: bool = False) -> AnalysisRun | None:
    """Run the analysis in this process (the command line, the demo); None if one is under way."""
    run, started = request_run(consultation, actor, recluster)
    return execute_run(run.id) if started else None


def _previous_result(run: AnalysisRun) -> AnalysisRun | None:
    """The newest run before ``run`` that finished with a result."""
    return db.session.scalar(
        sa.select(AnalysisRun)
        .where(AnalysisRun.consultation_id == run.consultation_id, AnalysisRun.status == DONE,
               AnalysisRun.id < run.id)
        .order_by(AnalysisRun.id.desc())
    )


def theme_assignments(result: dict) -> dict:
    """Each comment of an analysis result with its theme's key (None: in no theme), the ``prior``
    that hoering.analysis.analyse continues from. Results from before themes had keys use the id."""
    assignments = dict.fromkeys((result.get("unthemed") or {}).get("comment_ids", []))
    for theme in result.get("themes", []):
        assignments.update(dict.fromkeys(theme["comment_ids"], theme_key(theme)))
    return assignments


def _comments_of(consultation_id: int) -> list[CommentIn]:
    """The citizens' published comments as the analysis reads them (not the municipality's answers);
    ``unit`` is the unit's stable anchor."""
    rows = db.session.execute(
        sa.select(Comment.id, Comment.text, Comment.anchor, Comment.author_name, Comment.organisation,
                  Comment.stance, Comment.parent_id, Comment.agree_count)
        .where(citizens_published(consultation_id))
        .order_by(Comment.id)
    )
    return [
        CommentIn(id=row.id, text=row.text, unit=row.anchor, name=row.author_name,
                  organisation=row.organisation or "", stance=row.stance or "", parent=row.parent_id,
                  agree_count=row.agree_count)
        for row in rows
    ]


def _progress_writer(run: AnalysisRun):
    """A progress callback that stores stage and share done, committing only on real change."""
    def progress(stage: str, fraction: float) -> None:
        if stage != run.stage or fraction - run.progress >= PROGRESS_STEP:
            begin_write()
            run.stage, run.progress = stage, round(min(fraction, 0.99), 3)
            db.session.commit()
    return progress


def consultations_with_runs() -> list[tuple[Consultation, AnalysisRun | None]]:
    """Public consultations, each with its newest analysis run (or None), in two queries."""
    consultations = public_consultations()
    newest = (
        sa.select(sa.func.max(AnalysisRun.id))
        .where(AnalysisRun.consultation_id.in_([c.id for c in consultations]))
        .group_by(AnalysisRun.consultation_id)
    )
    runs = {run.consultation_id: run for run in db.session.scalars(sa.select(AnalysisRun).where(AnalysisRun.id.in_(newest)))}
    return [(consultation, runs.get(consultation.id)) for consultation in consultations]


def latest_run(consultation: Consultation) -> AnalysisRun | None:
    return db.session.scalar(
        sa.select(AnalysisRun).where(AnalysisRun.consultation_id == consultation.id).order_by(AnalysisRun.id.desc())
    )


def latest_result(consultation: Consultation) -> AnalysisRun | None:
    """The newest run that finished with a result."""
    return db.session.scalar(
        sa.select(AnalysisRun)
        .where(AnalysisRun.consultation_id == consultation.id, AnalysisRun.status == DONE)
        .order_by(AnalysisRun.id.desc())
    )


@dataclass(frozen=True)
class HeatUnit:
    """A unit of the draft with its activity in the analysis, shaded 0 (none) to 5 (the most)."""

    unit: Unit
    activity: dict | None
    level: int


@dataclass(frozen=True)
class AnalysisPage:
    run: AnalysisRun | None  # the newest run, whatever its state
    result: AnalysisRun | None  # the newest run with a result
    stale: bool
    heat: list[HeatUnit]
    whole_document: dict | None


def analysis_page(consultation: Consultation, inputs: Inputs | None = None) -> AnalysisPage:
    """What the caseworker's analysis page shows: the run under way, the latest result, the heat map.
    ``inputs``: inputs_now(), when the caller has them already (the review has)."""
    result = latest_result(consultation)
    activity = {u["unit"]: u for u in (result.result or {}).get("units", [])} if result else {}
    busiest = max((u["comments"] for anchor, u in activity.items() if anchor), default=0)
    heat = [
        HeatUnit(unit, activity.get(unit.anchor), _heat_level(activity.get(unit.anchor), busiest))
        for unit in current_units(consultation)
    ]
    return AnalysisPage(latest_run(consultation), result, bool(result) and is_stale(result, consultation, inputs), heat,
                        activity.get(None))


def _heat_level(activity: dict | None, busiest: int) -> int:
    if not activity or not busiest:
        return 0
    return max(1, math.ceil(5 * activity["comments"] / busiest))


class Inputs(NamedTuple):
    """The consultation's published comments and formal responses as they stand (one aggregate over
    its comments, one over its responses): what tells whether an analysis is stale (is_stale) and
    whether what hoering.casework.review_cache keeps still holds."""

    count: int  # published citizens' comments
    last_id: int
    last_moderated: datetime | None  # of any of the consultation's comments
    last_edited: datetime | None
    last_withdrawn: datetime | None
    responses: str  # hoering.responses.analysed.responses_read


def inputs_now(consultation: Consultation) -> Inputs:
    """The published comments (how many, the newest, when any comment was last moderated, edited or
    withdrawn: every change to which comments are published, or to what they say, stamps one of
    these) and the published formal responses, now."""
    published = (Comment.status == PUBLISHED) & Comment.official.is_(False)
    row = db.session.execute(
        sa.select(sa.func.count().filter(published),
                  sa.func.coalesce(sa.func.max(Comment.id).filter(published), 0),
                  sa.func.max(Comment.moderated_at), sa.func.max(Comment.edited_at), sa.func.max(Comment.withdrawn_at))
        .where(Comment.consultation_id == consultation.id)
    ).one()
    return Inputs(*row, responses_read(consultation.id))


def is_stale(run: AnalysisRun, consultation: Consultation, inputs: Inputs | None = None) -> bool:
    """Whether published comments have come, gone, been moderated (hidden, approved, redacted, erased)
    or edited or withdrawn by their senders since the run read them, or the published formal
    responses have changed. ``inputs``: inputs_now(), when the caller has them already."""
    inputs = inputs or inputs_now(consultation)
    read_at = run.started_at or run.finished_at or run.created_at
    changed_since = any(moment is not None and moment >= read_at
                        for moment in (inputs.last_moderated, inputs.last_edited, inputs.last_withdrawn))
    return (changed_since or (inputs.count, inputs.last_id) != (run.comment_count, run.last_comment_id)
            or run.responses_read != inputs.responses)
