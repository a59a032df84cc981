"""A consultation's comments as export rows, read a batch at a time in id order.

Rows are plain lists of str, int and None in the order of ``columns()``; a writer decides how they
look in a file. The CSV's values are the stored keys ("support", "published") and ISO 8601 times,
for scripts; a spreadsheet's (``sheet=True``) are words in the reader's language and dates Excel and
LibreOffice can sort and filter. Nothing here holds more than one batch of comments, apart from two small maps: the
current version's unit numbers by anchor, and theme label / campaign id by comment id from the
latest analysis as the caseworker has corrected it (renamed, merged, moved; not signed off yet).
"""
from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Flask, current_app
from flask_babel import gettext as _, lazy_gettext as _l

from hoering.comments.models import HIDDEN, PENDING, PUBLISHED, WITHDRAWN, Comment
from hoering.comments.presentation import STANCE_LABELS
from hoering.consultations.models import Consultation, Unit
from hoering.consultations.services import unit_citations
from hoering.extensions import db
from hoering.casework.review import current_summary

BATCH_SIZE = 1000

# (key, header) in file order; the e-mail column is only there for those allowed to see addresses. New
# columns go last: scripts that read the CSV by position keep working.
COLUMNS = (
    ("id", _l("ID")),
    ("unit", _l("Nummer")),
    ("parent", _l("Svar på")),
    ("author", _l("Navn")),
    ("organisation", _l("Organisasjon")),
    ("email", _l("E-post")),
    ("stance", _l("Standpunkt")),
    ("theme", _l("Tema")),
    ("campaign", _l("Kampanje")),
    ("agreements", _l("Enige")),
    ("created", _l("Opprettet")),
    ("status", _l("Status")),
    ("text", _l("Tekst")),
    ("sender", _l("Innsender")),
)
# Who sent a comment: an organisation answering as one, or a person.
PERSON, ORGANISATION, MUNICIPALITY = "person", "organisation", "municipality"
SENDER_LABELS = {PERSON: _l("Privatperson"), ORGANISATION: _l("Organisasjon"), MUNICIPALITY: _l("Svar fra kommunen")}
COMMENT_STATUS_LABELS = {PUBLISHED: _l("Publisert"), PENDING: _l("Venter på moderator"), HIDDEN: _l("Skjult"),
                         WITHDRAWN: _l("Trukket tilbake av innsenderen")}


# What the queries read: everything for a staff export, and what may be shown beside a comment in public.
EXPORT_COLUMNS = (Comment.id, Comment.anchor, Unit.number, Comment.parent_id, Comment.author_name,
                  Comment.organisation, Comment.email, Comment.stance, Comment.agree_count,
                  Comment.created_at, Comment.status, Comment.text, Comment.official)
PUBLIC_COLUMNS = (Comment.id, Comment.anchor, Unit.number, Comment.parent_id, Comment.author_name,
                  Comment.organisation, Comment.stance, Comment.created_at, Comment.text, Comment.html,
                  Comment.official)


def columns(with_email: bool) -> list[str]:
    """The keys of the exported columns."""
    return [key for key, _ in COLUMNS if with_email or key != "email"]


def header(with_email: bool) -> list[str]:
    """The header row in the user's language."""
    return [str(label) for key, label in COLUMNS if with_email or key != "email"]


@dataclass(frozen=True)
class RowPlan:
    """Everything the rows need besides the comments themselves, read once as plain values.

    A streamed response is read after its request has ended and its database session is closed;
    rows made from a plan touch no object of that session, only the plan and their own queries.
    """

    consultation_id: int
    with_email: bool
    tz: tzinfo
    numbers: dict[str, str]  # the current version's unit numbers by anchor
    themes: dict[int, str]
    campaigns: dict[int, int]
    sheet: bool = False  # words and dates for a spreadsheet, not keys and ISO 8601 (see the module)


def row_plan(consultation: Consultation, *, with_email: bool, tz: tzinfo | None = None,
             sheet: bool = False) -> RowPlan:
    """The plan for the consultation's rows; ``tz`` defaults to the configured time zone (Europe/Oslo)."""
    themes, campaigns = analysis_labels(consultation)
    return RowPlan(consultation.id, with_email, tz or ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]),
                   unit_citations(consultation), themes, campaigns, sheet)


def comment_rows(consultation: Consultation, *, with_email: bool, batch_size: int = BATCH_SIZE,
                 tz: tzinfo | None = None, sheet: bool = False) -> Iterator[list]:
    """Every comment of the consultation (all statuses), oldest first, as rows matching ``header()``.

    ``created`` is ISO 8601 in ``tz`` (default: the configured time zone, Europe/Oslo); with
    ``sheet``, a naive datetime in ``tz``, and stance and status are words in the current language.
    """
    return planned_rows(row_plan(consultation, with_email=with_email, tz=tz, sheet=sheet), batch_size)


def date_format() -> str:
    """How a spreadsheet shows the dates, in the current language (an Excel number format)."""
    # TRANSLATORS: an Excel number format for a date and time: dd day, mm month, yyyy year, hh:mm 24-hour
    # time. English: yyyy-mm-dd hh:mm
    return _("dd.mm.yyyy hh:mm")


def streamed_rows(app: Flask, plan: RowPlan, batch_size: int = BATCH_SIZE) -> Iterator[list]:
    """The rows for a response body, read in an app context (and so a database session) of their own.

    A WSGI server reads the body after the view has returned and the request's session is gone.
    """
    with app.app_context():
        yield from planned_rows(plan, batch_size)


def planned_rows(plan: RowPlan, batch_size: int = BATCH_SIZE) -> Iterator[list]:
    """The rows of the plan's consultation, reading ``batch_size`` comments per query (keyset
    pagination, see ``_comments``), so memory stays flat however many comments there are."""
    stances, statuses, senders, when = _sheet_words() if plan.sheet else ({}, {}, {}, _local_iso)
    for row in _comments(plan.consultation_id, batch_size):
        values = [row.id, plan.numbers.get(row.anchor, row.number or "") if row.anchor else "", row.parent_id,
                  row.author_name, row.organisation or ""]
        if plan.with_email:
            values.append(row.email or "")
        stance = row.stance or ""
        values += [stances.get(stance, stance), plan.themes.get(row.id, ""), plan.campaigns.get(row.id),
                   row.agree_count, when(row.created_at, plan.tz), statuses.get(row.status, row.status), row.text]
        sender = MUNICIPALITY if row.official else ORGANISATION if row.organisation else PERSON
        values.append(senders.get(sender, sender))
        yield values


def _sheet_words() -> tuple[dict[str, str], dict[str, str], dict[str, str], object]:
    """Stances, statuses and senders in the current language (translated once, not for each row), and the
    local time as a naive datetime, which is how a spreadsheet holds a date."""
    stances = {key: str(label) for key, label in STANCE_LABELS.items()}
    stances[""] = _("Ikke oppgitt")
    statuses = {key: str(label) for key, label in COMMENT_STATUS_LABELS.items()}
    senders = {key: str(label) for key, label in SENDER_LABELS.items()}
    return stances, statuses, senders, _local_naive


def _comments(consultation_id: int, batch_size: int) -> Iterator[sa.Row]:
    """The comments in id order, merged from one keyset-paginated stream per status.

    Per status, because the index (consultation_id, status, id) then gives each batch in id order
    without sorting; across all statuses at once the database sorts every remaining comment for
    each batch, and 100,000 comments take minutes instead of seconds.
    """
    statuses = db.session.scalars(
        sa.select(Comment.status).where(Comment.consultation_id == consultation_id).distinct()
    ).all()
    streams = [_keyset(consultation_id, status, batch_size) for status in sorted(statuses)]
    return heapq.merge(*streams, key=lambda row: row.id)


def published_comments(consultation_id: int, batch_size: int = BATCH_SIZE) -> Iterator[sa.Row]:
    """The published comments in id order, without e-mail addresses, a batch at a time (the memo's appendix).

    Each row has id, anchor, number (of the unit the citizen saw), parent_id, author_name,
    organisation, stance, created_at, text, html (as the site shows it) and official (the
    municipality's answer).
    """
    return _keyset(consultation_id, PUBLISHED, batch_size, columns=PUBLIC_COLUMNS)


def _keyset(consultation_id: int, status: str, batch_size: int, columns=EXPORT_COLUMNS) -> Iterator[sa.Row]:
    """``WHERE id > last ORDER BY id LIMIT n`` until none are left; one batch in memory at a time."""
    query = (
        sa.select(*columns)
        .outerjoin(Unit, Unit.id == Comment.unit_id)
        .where(Comment.consultation_id == consultation_id, Comment.status == status)
        .order_by(Comment.id)
        .limit(batch_size)
    )
    last = 0
    while True:
        batch = db.session.execute(query.where(Comment.id > last)).all()
        yield from batch
        if len(batch) < batch_size:
            return
        last = batch[-1].id


def analysis_labels(consultation: Consultation) -> tuple[dict[int, str], dict[int, int]]:
    """(comment id → theme label, comment id → campaign id) from the reviewed analysis, or two empty maps."""
    summary = current_summary(consultation) or {}
    themes = {cid: theme["label"] for theme in summary.get("themes", []) for cid in theme["comment_ids"]}
    campaigns = {cid: c["id"] for c in summary.get("campaigns", []) for cid in c["comment_ids"]}
    return themes, campaigns


def _local_iso(moment, tz: tzinfo) -> str:
    return moment.replace(tzinfo=timezone.utc).astimezone(tz).isoformat(timespec="seconds")


def _local_naive(moment, tz: tzinfo) -> datetime:
    return moment.replace(tzinfo=timezone.utc).astimezone(tz).replace(tzinfo=None, microsecond=0)
