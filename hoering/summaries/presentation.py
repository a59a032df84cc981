"""What the public summary page shows: the signed-off content, its quotes kept true to today's
comments (hoering.summaries.quotes), with charts and the most discussed units of the current draft.

A campaign is many near-identical comments, so its text is shown once, with how many sent it, and a
theme quotes it at most once on the whole page: a printed summary of a consultation with a form letter
should not repeat the letter for every theme a caseworker quoted it in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Mapping

import sqlalchemy as sa
from flask_babel import format_decimal, format_percent, gettext, lazy_gettext as _l

from hoering.analysis.comments import STANCE_KEYS
from hoering.analysis.report import quote_groups, splits
from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import Consultation, Unit
from hoering.extensions import db
from hoering.comments.presentation import STANCE_LABELS
from hoering.presentation import excerpt
from hoering.summaries.charts import Part
from hoering.summaries.models import SummaryVersion
from hoering.summaries.quotes import honest_content, quoted_comments, quoted_ids

MAX_QUOTES = 3
SPLIT_QUOTES_PER_SIDE = 2  # a theme split between support and against shows two of each, and one other
TOP_UNITS = 5
EXCERPT_LENGTH = 110
NOT_STATED = _l("Ikke oppgitt")


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
class CampaignLine:
    """A campaign as the page shows it: its shared text once, and how many comments sent it.

    ``text`` is empty when no published comment still says it word for word (a moderator hid or
    redacted them all since the sign-off): then only the count is shown."""

    size: int
    text: str


@dataclass(frozen=True)
class SummaryPage:
    version: SummaryVersion
    content: dict  # the signed-off content with only honest quotes left, a campaign quoted once
    campaigns: list[CampaignLine]
    theme_sizes: list[Part]
    analysed_at: datetime | None
    units: list[UnitLine]
    whole_document: dict | None  # the summary's entry for comments on the whole document


def summary_page(consultation: Consultation, version: SummaryVersion) -> SummaryPage:
    """The page for a signed-off version: two queries (the quoted comments, the top units), and a
    third when it has campaigns (whose texts are still published)."""
    content = version.content
    comments = quoted_comments(consultation, quoted_ids(content))
    top = [unit for unit in content.get("units", []) if unit.get("anchor")][:TOP_UNITS]
    campaigns = content.get("campaigns", [])
    honest = campaign_quoted_once(honest_content(content, comments), campaigns, MAX_QUOTES)
    return SummaryPage(
        version=version,
        content=honest,
        campaigns=_campaign_lines(consultation, campaigns),
        theme_sizes=theme_parts(honest["themes"]),
        analysed_at=_moment(content.get("analysed_at")),
        units=_unit_lines(consultation, top),
        whole_document=next((unit for unit in content.get("units", []) if not unit.get("anchor")), None),
    )


def campaign_quoted_once(content: dict, campaigns: list[dict], max_quotes: int) -> dict:
    """A copy of ``content`` in which a quote from a campaign's comment gains ``campaign_size``, the
    same words of a campaign are quoted once on the page (the letter, not once per sender quoted), and
    then ``max_quotes`` per theme. Other words of a campaign's comment, a caseworker's chosen excerpt,
    stay: what was signed off is shown."""
    campaign_of = {comment_id: campaign for campaign in campaigns for comment_id in campaign.get("comment_ids", [])}
    quoted: set[tuple[int, str]] = set()
    themes = []
    for theme in content.get("themes", []):
        quotes = []
        for quote in theme.get("quotes", []):
            campaign = campaign_of.get(quote.get("comment_id"))
            if campaign is None:
                quotes.append(quote)
            elif (words := (campaign["id"], " ".join(quote.get("text", "").split()))) not in quoted:
                quoted.add(words)
                quotes.append({**quote, "campaign_size": campaign["size"]})
        themes.append({**theme, "quotes": _shown_quotes(quotes, theme.get("stance", {}), max_quotes)})
    return {**content, "themes": themes}


def _shown_quotes(quotes: list[dict], stance: dict, max_quotes: int) -> list[dict]:
    """The first ``max_quotes``; for a theme split between support and against, two for each side
    first and then one more, so both sides are heard (hoering.analysis.report.splits)."""
    if not splits(stance):
        return quotes[:max_quotes]
    groups = dict(quote_groups(quotes, stance))
    return [*groups.get("support", [])[:SPLIT_QUOTES_PER_SIDE], *groups.get("against", [])[:SPLIT_QUOTES_PER_SIDE],
            *groups.get("other", [])[:1]]


def _campaign_lines(consultation: Consultation, campaigns: list[dict]) -> list[CampaignLine]:
    """Each campaign's size, and its text while a published comment of the consultation still has it.
    A campaign of formal responses shows its size only: the letters are on the responses' page."""
    texts = {campaign["text"] for campaign in campaigns if campaign.get("text")}
    published = set(db.session.scalars(
        sa.select(Comment.text).distinct().where(Comment.consultation_id == consultation.id,
                                                 Comment.status == PUBLISHED, Comment.text.in_(sorted(texts)))
    )) if texts else set()
    return [CampaignLine(campaign["size"], campaign["text"] if campaign.get("text") in published else "")
            for campaign in campaigns]


def page_numbering() -> tuple[str, str, str]:
    """The words before, between and after the numbers of "Side 3 av 12" in the reader's language:
    the print stylesheet writes them around the page counters, which only CSS knows."""
    pieces = re.split(r"%\((pages?)\)d", gettext("Side %(page)d av %(pages)d"))
    if pieces[1::2] != ["page", "pages"]:  # a translation that names the total first
        return ("", " / ", "")
    return pieces[0], pieces[2], pieces[4]


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
        excerpt=excerpt(unit.text, EXCERPT_LENGTH) if unit else "",
        in_current_draft=unit is not None,
        comments=entry.get("comments", 0),
        people=entry.get("people", 0),
        organisations=entry.get("organisations", 0),
    )


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
