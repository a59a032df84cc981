"""What the public summary page shows: the signed-off content, kept honest against today's comments.

A version is frozen at sign-off, but the comments it quotes live on: a moderator may hide or redact
one afterwards. A quote is only shown while its comment is published and still contains the quoted
words exactly, so the page never puts words in a citizen's mouth that the site no longer shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Mapping

import sqlalchemy as sa
from flask_babel import format_decimal, format_percent, lazy_gettext as _l
from markupsafe import Markup

from hoering.analysis.comments import STANCE_KEYS
from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import Consultation, Unit
from hoering.extensions import db
from hoering.presentation import STANCE_LABELS
from hoering.summaries.charts import Part
from hoering.summaries.models import SummaryVersion

MAX_QUOTES = 3
TOP_UNITS = 5
EXCERPT_LENGTH = 110
NOT_STATED = _l("Ikke oppgitt")


@dataclass(frozen=True)
class QuotedComment:
    """What the page needs to know today of a comment it quotes."""

    id: int
    text: str
    status: str
    author_name: str
    organisation: str = ""


@dataclass(frozen=True)
class UnitLine:
    """One of the most discussed units: its counts from the summary and where it is today.

    ``number`` and ``excerpt`` come from the current draft, so that they match the page the link
    leads to; a unit that a later draft dropped keeps its signed-off number and has no link."""

    anchor: str
    number: str
    excerpt: str
    in_current_draft: bool
    comments: int
    people: int
    organisations: int


@dataclass(frozen=True)
class SummaryPage:
    version: SummaryVersion
    content: dict  # the signed-off content with only honest quotes left (honest_content)
    theme_sizes: list[Part]
    analysed_at: datetime | None
    units: list[UnitLine]
    whole_document: dict | None  # the summary's entry for comments on the whole document


def summary_page(consultation: Consultation, version: SummaryVersion) -> SummaryPage:
    """The page for a signed-off version: two queries (the quoted comments, the top units)."""
    content = version.content
    comments = quoted_comments(consultation, _quoted_ids(content))
    top = [unit for unit in content.get("units", []) if unit.get("anchor")][:TOP_UNITS]
    honest = honest_content(content, comments)
    return SummaryPage(
        version=version,
        content=honest,
        theme_sizes=theme_parts(honest["themes"]),
        analysed_at=_moment(content.get("analysed_at")),
        units=_unit_lines(consultation, top),
        whole_document=next((unit for unit in content.get("units", []) if not unit.get("anchor")), None),
    )


def honest_content(content: dict, comments: Mapping[int, QuotedComment]) -> dict:
    """``content`` with each theme's quotes cut to those still true today (at most MAX_QUOTES).

    A quote is dropped when its comment is missing from ``comments``, no longer published, or no
    longer contains the quoted text word for word. A kept quote gains its author's name and
    organisation as the site shows them now (an erasure request may have blanked them)."""
    themes = [{**theme, "quotes": _honest_quotes(theme.get("quotes", []), comments)}
              for theme in content.get("themes", [])]
    return {**content, "themes": themes}


def _honest_quotes(quotes: Iterable[dict], comments: Mapping[int, QuotedComment]) -> list[dict]:
    kept = []
    for quote in quotes:
        comment = comments.get(quote.get("comment_id"))
        text = quote.get("text") or ""
        if comment is None or comment.status != PUBLISHED or not text or text not in comment.text:
            continue
        kept.append({**quote, "author_name": comment.author_name, "organisation": comment.organisation})
        if len(kept) == MAX_QUOTES:
            break
    return kept


def quoted_comments(consultation: Consultation, ids: set[int]) -> dict[int, QuotedComment]:
    """The consultation's comments among ``ids``, by id, in one query."""
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Comment.id, Comment.text, Comment.status, Comment.author_name, Comment.organisation)
        .where(Comment.consultation_id == consultation.id, Comment.id.in_(sorted(ids)))
    )
    return {row.id: QuotedComment(row.id, row.text, row.status, row.author_name, row.organisation or "")
            for row in rows}


def _quoted_ids(content: dict) -> set[int]:
    # Comment ids are numbers in the app; the analysis library also allows strings, which match no comment.
    return {quote.get("comment_id") for theme in content.get("themes", []) for quote in theme.get("quotes", [])
            if isinstance(quote.get("comment_id"), int)}


def _unit_lines(consultation: Consultation, top: list[dict]) -> list[UnitLine]:
    anchors = [unit["anchor"] for unit in top]
    current = {
        unit.anchor: unit
        for unit in db.session.scalars(
            sa.select(Unit).where(Unit.version_id == consultation.current_version_id, Unit.anchor.in_(anchors))
        )
    } if anchors else {}
    return [_unit_line(entry, current.get(entry["anchor"])) for entry in top]


def _unit_line(entry: dict, unit: Unit | None) -> UnitLine:
    return UnitLine(
        anchor=entry["anchor"],
        number=unit.number if unit else entry.get("number", ""),
        excerpt=_excerpt(unit) if unit else "",
        in_current_draft=unit is not None,
        comments=entry.get("comments", 0),
        people=entry.get("people", 0),
        organisations=entry.get("organisations", 0),
    )


def _excerpt(unit: Unit) -> str:
    text = Markup(unit.html).striptags() if unit.html else unit.text
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[:EXCERPT_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def _moment(iso: str | None) -> datetime | None:
    """A stored ISO moment as the naive UTC the date filters expect; None if missing or unreadable."""
    try:
        moment = datetime.fromisoformat((iso or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def stance_parts(stance: Mapping[str, int]) -> list[Part]:
    """The five stances of a set of comments, labelled and counted in the reader's language."""
    total = sum(stance.get(key, 0) for key in STANCE_KEYS)
    return [
        Part(key, str(STANCE_LABELS.get(key, NOT_STATED)), stance.get(key, 0), format_decimal(stance.get(key, 0)),
             format_percent(stance.get(key, 0) / total) if total else "")
        for key in STANCE_KEYS
    ]


def theme_parts(themes: Iterable[dict]) -> list[Part]:
    """Each theme's size, for the bar chart of themes (largest first, as the summary orders them)."""
    return [Part(f"tema-{theme['key']}", theme["label"], theme["count"], format_decimal(theme["count"]),
                 format_percent(theme.get("share", 0))) for theme in themes]
