"""What the memo says, read from the database as plain data (hoering.exports.memo writes it).

Counts come from the published comments as they are now, so the sections agree with the appendix:
a theme's count and stances too are those of its comments (and formal responses) that are published
now, not the analysis's (a comment hidden since is no longer counted).
Themes, quotes and assessments come from the caseworker's current reviewed summary (named as a
signed-off version when it says just what that version says). Quotes follow the public page's rule
(hoering.summaries.quotes): one whose comment was hidden or redacted since is left out.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import sqlalchemy as sa

from hoering import markup
from hoering.analysis.comments import STANCE_KEYS
from hoering.analysis.participation import person_key
from hoering.comments.models import Comment, citizens_published
from hoering.consultations.models import Consultation, Unit
from hoering.consultations.services import current_units, unit_citations
from hoering.exports.comments import published_comments
from hoering.exports.memo import Entry, Memo, Participation, Quote, Section, SignOff, UnitLine, comment_html
from hoering.exports.memo_changes import draft_revisions
from hoering.exports.memo_responses import formal_responses
from hoering.exports.wordml import plain_text
from hoering.extensions import db
from hoering.presentation import excerpt
from hoering.responses.analysed import analysed_count, published_response_count
from hoering.summaries.quotes import honest_content, quoted_comments, quoted_ids
from hoering.casework.review import current_review

IDS_PER_QUERY = 500  # comment ids in one IN (...) list, well below every database's limit


def memo_for(consultation: Consultation, language: str, open_fields: bool = False) -> Memo:
    """The memo's content for the consultation, in the requester's ``language`` (nb, nn, en);
    ``open_fields``: a draft with a place for each assessment not written yet."""
    summary, sign_off = summary_basis(consultation)
    counts = stance_counts(consultation.id)
    taking_part = participation(consultation.id, counts)
    quoted = quoted_comments(consultation, quoted_ids(summary))
    anchors = {comment_id: comment.anchor for comment_id, comment in quoted.items()}
    if summary:
        summary = _numbered_quotes(honest_content(summary, quoted), anchors, unit_citations(consultation))
        summary = counted_now(summary, consultation.id, taking_part.comments + analysed_count(consultation.id))
    quotes = [quote for theme in (summary or {}).get("themes", []) for quote in theme["quotes"]]
    units = current_units(consultation)
    whole, sections, removed = group_sections(units, counts, quotes, anchors)
    return Memo(
        title=consultation.title, organisation=consultation.organisation, summary_text=consultation.summary,
        contact=consultation.contact, opens_at=consultation.opens_at, closes_at=consultation.closes_at,
        language=language, participation=taking_part, whole_document=whole,
        sections=sections, removed_comments=removed, summary=summary, sign_off=sign_off,
        status=consultation.status, open_fields=open_fields, revisions=tuple(draft_revisions(consultation)),
        responses=formal_responses(consultation),
    )


def counted_now(summary: dict, consultation_id: int, published: int) -> dict:
    """The summary with each theme's count, share and stances, and each campaign's size, counted
    over those of their comments and formal responses that are published now (``published`` in all)."""
    themes = []
    for theme in summary["themes"]:
        stance = published_stances(consultation_id, theme.get("comment_ids", []))
        count = sum(stance.values())
        themes.append({**theme, "count": count, "stance": stance, "share": count / published if published else 0})
    campaigns = [{**campaign, "size": sum(published_stances(consultation_id, campaign.get("comment_ids", [])).values())}
                 for campaign in summary.get("campaigns", [])]
    return {**summary, "themes": themes, "campaigns": campaigns}


def published_stances(consultation_id: int, ids: list[int]) -> dict[str, int]:
    """How many of the comments ``ids`` are published now, by stance; a few hundred ids per query.
    The formal responses among them (which state no stance) count as not stated."""
    counts = dict.fromkeys(STANCE_KEYS, 0)
    counts["not_stated"] += published_response_count(consultation_id, ids)
    ids = sorted({comment_id for comment_id in ids if isinstance(comment_id, int) and comment_id > 0})
    for start in range(0, len(ids), IDS_PER_QUERY):
        rows = db.session.execute(
            sa.select(Comment.stance, sa.func.count())
            .where(citizens_published(consultation_id), Comment.id.in_(ids[start:start + IDS_PER_QUERY]))
            .group_by(Comment.stance)
        )
        for stance, n in rows:
            counts[stance if stance in STANCE_KEYS else "not_stated"] += n
    return counts


def summary_basis(consultation: Consultation) -> tuple[dict | None, SignOff | None]:
    """The current reviewed summary (or None before an analysis), with its sign-off when it says just
    what the newest signed-off version says; corrected since, or never signed off, it is a draft."""
    review = current_review(consultation)
    if review is None:
        return None, None
    version = review.published
    if version is None or review.changed_since_sign_off:
        return review.content, None
    return version.content, SignOff(version.number, version.signed_off_at, version.signed_off_by_name)


def stance_counts(consultation_id: int) -> dict[str | None, dict[str, int]]:
    """Published comments per anchor (None: the whole document) and stance, in one query."""
    rows = db.session.execute(
        sa.select(Comment.anchor, Comment.stance, sa.func.count())
        .where(citizens_published(consultation_id))
        .group_by(Comment.anchor, Comment.stance)
    )
    counts: dict[str | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STANCE_KEYS, 0))
    for anchor, stance, n in rows:
        counts[anchor][stance if stance in STANCE_KEYS else "not_stated"] += n
    return dict(counts)


def participation(consultation_id: int, counts: dict[str | None, dict[str, int]]) -> Participation:
    """Comments, replies, people and organisations (counted by name as the analysis counts them)."""
    published = (citizens_published(consultation_id),)
    replies = db.session.scalar(sa.select(sa.func.count()).where(*published, Comment.parent_id.is_not(None)))
    names = db.session.scalars(sa.select(Comment.author_name).where(*published).distinct())
    organisations = db.session.scalars(
        sa.select(Comment.organisation).where(*published, Comment.organisation.is_not(None)).distinct()
    )
    stance = {key: sum(by_stance[key] for by_stance in counts.values()) for key in STANCE_KEYS}
    return Participation(
        comments=sum(stance.values()), replies=replies,
        people=len({person_key(name) for name in names if name.strip()}),
        organisations=len({person_key(name) for name in organisations if name.strip()}),
        stance=stance,
    )


def group_sections(units: list[Unit], counts: dict[str | None, dict[str, int]], quotes: list[dict],
                   anchors: dict[int, str | None]) -> tuple[Section, list[Section], int]:
    """The whole document, each top-level section in document order, and the comments on units
    the current draft no longer has. ``anchors`` maps quoted comment ids to their unit's anchor."""
    quotes_by_anchor = defaultdict(list)
    for quote in quotes:
        quotes_by_anchor[anchors[quote["comment_id"]]].append(Quote.from_summary(quote))
    grouped: dict[str, list[Unit]] = {}
    for unit in units:
        grouped.setdefault(unit.number.split(".")[0], []).append(unit)
    sections = [_section(number, members, counts, quotes_by_anchor) for number, members in grouped.items()]
    whole = counts.get(None, {})
    known = {unit.anchor for unit in units}
    removed = sum(sum(by_stance.values()) for anchor, by_stance in counts.items() if anchor and anchor not in known)
    return Section("", "", sum(whole.values()), [], quotes_by_anchor[None]), sections, removed


def _section(number: str, units: list[Unit], counts, quotes_by_anchor) -> Section:
    lines = [
        UnitLine(unit.number, excerpt(_unit_text(unit)), sum(counts[unit.anchor].values()), counts[unit.anchor])
        for unit in units if unit.anchor in counts
    ]
    title = next((_unit_text(unit) for unit in units if unit.number == number and unit.is_heading), "")
    quotes = [quote for unit in units for quote in quotes_by_anchor.get(unit.anchor, [])]
    return Section(number, title, sum(line.comments for line in lines), lines, quotes)


def _unit_text(unit: Unit) -> str:
    """A unit's text as the reader sees it, without Markdown: from its HTML, or for a heading (which
    has none) from its text rendered."""
    if unit.html:
        return plain_text(unit.html)
    try:
        return plain_text(markup.render(unit.text, markup.DRAFT))
    except markup.MarkupRejected:
        return unit.text


def appendix_entries(consultation: Consultation) -> Iterator[Entry]:
    """Every published comment of citizens in id order, a batch at a time, numbered by the current draft."""
    numbers = unit_citations(consultation)
    for row in published_comments(consultation.id):
        if row.official:
            continue  # the municipality's answers are not input to the consultation
        yield Entry(row.id, numbers.get(row.anchor, row.number or "") if row.anchor else "", row.parent_id,
                    row.author_name, row.organisation or "", row.stance or "", row.created_at, row.text,
                    comment_html(row.text, row.html))


def _numbered_quotes(summary: dict, anchors: dict[int, str | None], numbers: dict[str, str]) -> dict:
    """The summary with each quote given its unit's number in the current draft ("" for the whole
    document or a unit the draft no longer has)."""
    themes = [{**theme, "quotes": [{**quote, "unit": numbers.get(anchors[quote["comment_id"]], "")}
                                   for quote in theme["quotes"]]}
              for theme in summary["themes"]]
    return {**summary, "themes": themes}
