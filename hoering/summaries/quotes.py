"""Quotes kept true to today's comments, wherever a summary is shown: the public page and the memo.

A summary is frozen (signed off) or built from an analysis run, but the comments it quotes live on:
a moderator may hide or redact one afterwards. A quote is only repeated while its comment is
published and still contains the quoted words exactly, so hoering never puts words in a citizen's
mouth that the site no longer shows, nor repeats personal data a moderator removed. A formal
response is quoted the same way (hoering.responses.analysed): while it is published and its text or
an attachment's still holds the words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import sqlalchemy as sa

from hoering.comments.models import PUBLISHED, Comment
from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.responses.analysed import analysed_responses


@dataclass(frozen=True)
class QuotedComment:
    """What is known today of a quoted comment or formal response (``response_id`` set)."""

    id: int
    text: str
    status: str
    author_name: str
    organisation: str = ""
    anchor: str | None = None  # the unit it was written on; None for the whole document
    response_id: int | None = None


def quoted_ids(content: dict | None) -> set[int]:
    """The analysis ids of the comments and responses a summary quotes (the analysis library also
    allows string ids, which match nothing of the app)."""
    return {quote.get("comment_id") for theme in (content or {}).get("themes", [])
            for quote in theme.get("quotes", []) if isinstance(quote.get("comment_id"), int)}


def quoted_comments(consultation: Consultation, ids: set[int]) -> dict[int, QuotedComment]:
    """The consultation's comments and formal responses among analysis ``ids``, by id; a query for
    each kind there is."""
    comment_ids = sorted(i for i in ids if i > 0)
    rows = db.session.execute(
        sa.select(Comment.id, Comment.text, Comment.status, Comment.author_name, Comment.organisation, Comment.anchor)
        .where(Comment.consultation_id == consultation.id, Comment.id.in_(comment_ids))
    ) if comment_ids else []
    quoted = {row.id: QuotedComment(row.id, row.text, row.status, row.author_name, row.organisation or "", row.anchor)
              for row in rows}
    quoted.update((r.id, QuotedComment(r.id, r.text, r.status, r.author_name, "", None, r.response_id))
                  for r in analysed_responses(consultation.id, ids, published_only=False))
    return quoted


def honest_content(content: dict, comments: Mapping[int, QuotedComment], max_quotes: int | None = None) -> dict:
    """A copy of ``content`` with each theme's quotes cut to those still true today (and to
    ``max_quotes`` per theme, if given), in their reviewed order.

    A quote is dropped when its comment is missing from ``comments``, no longer published, or no
    longer contains the quoted text word for word. A kept quote gains its author's name and
    organisation as the site shows them now (an erasure request may have blanked them); a quote
    from a formal response gains the response's own ``response_id`` too, and the body's name as
    ``author_name``."""
    themes = [{**theme, "quotes": _honest_quotes(theme.get("quotes", []), comments, max_quotes)}
              for theme in content.get("themes", [])]
    return {**content, "themes": themes}


def _honest_quotes(quotes: Iterable[dict], comments: Mapping[int, QuotedComment], max_quotes: int | None) -> list[dict]:
    kept = []
    for quote in quotes:
        comment = comments.get(quote.get("comment_id"))
        text = quote.get("text") or ""
        if comment is None or comment.status != PUBLISHED or not text or text not in comment.text:
            continue
        kept.append({**quote, "author_name": comment.author_name, "organisation": comment.organisation,
                     **({"response_id": comment.response_id} if comment.response_id else {})})
        if len(kept) == max_quotes:
            break
    return kept
