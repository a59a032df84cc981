"""The open data as whole files: every published comment of a consultation as CSV or as JSON Lines.

Each line or row is the JSON endpoint's record (``records.comment_record``), so the files and
``/comments`` never differ in what they say or hide (no e-mail; held, hidden and withdrawn comments
never appear). The routes sit on the API's blueprint.

Both are streamed, ``BATCH_SIZE`` comments per query (the JSON endpoint's keyset paging, the last id
as the cursor), so memory stays flat however many comments there are. ``stream_with_context`` pushes
the request's contexts again while the body is read, after the view has returned; by then the
request's database session has been removed and its objects are detached, so the body reads the
consultation again by id in the session it gets (see the commit "Stream the CSV from plain values
and a session of its own").
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime

from flask import Response, stream_with_context

from hoering.accounts.access import public
from hoering.api.records import comment_record
from hoering.api.views import blueprint
from hoering.comments.models import Comment
from hoering.comments.services import comments_after, published_fingerprint
from hoering.consultations.models import Consultation
from hoering.consultations.services import get_public_consultation
from hoering.exports.writers import csv_chunks
from hoering.extensions import db
from hoering.revisions.places import Place, comment_places

BATCH_SIZE = 1000
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# JSON Lines has no registered media type; jsonlines.org names application/jsonl (some tools send the
# older application/x-ndjson for the same thing). Always UTF-8, so no charset parameter.
JSONL_CONTENT_TYPE = "application/jsonl"


@blueprint.get("/consultations/<slug>/comments.csv")
@public
def comments_csv(slug: str):
    """A header row of the record's field names in its order, then one row per comment (see ``csv_cell``)."""
    consultation = get_public_consultation(slug)
    rows = ([csv_cell(value) for value in record.values()] for record in _records(consultation.id, BATCH_SIZE))
    return _download(consultation, csv_chunks(field_names(), rows), "csv", CSV_CONTENT_TYPE)


@blueprint.get("/consultations/<slug>/comments.jsonl")
@public
def comments_jsonl(slug: str):
    """One JSON object per line, exactly the JSON endpoint's record, in UTF-8."""
    consultation = get_public_consultation(slug)
    return _download(consultation, _jsonl_chunks(_records(consultation.id, BATCH_SIZE)), "jsonl", JSONL_CONTENT_TYPE)


def field_names() -> list[str]:
    """The record's keys in its order, the CSV's columns. Read off a blank comment, so that a field
    added to ``comment_record`` becomes a column without a second list to keep in step."""
    return list(comment_record(Comment(created_at=datetime(2000, 1, 1)), Place(None, None, None)))


def csv_cell(value):
    """A record's value as a CSV cell: booleans as true and false, a nested value (``removed_unit``)
    as its JSON. None (an empty cell), the BOM and the formula guard are ``csv_chunks``'s."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _records(consultation_id: int, batch_size: int) -> Iterator[dict]:
    """The published comments' records, oldest first, one batch of comments in memory at a time."""
    consultation = db.session.get(Consultation, consultation_id)
    after = 0
    while True:
        batch = comments_after(consultation, after, batch_size)
        places = comment_places(consultation, batch)
        yield from (comment_record(comment, places[comment.id]) for comment in batch)
        if len(batch) < batch_size:
            return
        after = batch[-1].id


def _jsonl_chunks(records: Iterable[dict], lines_per_chunk: int = 500) -> Iterator[str]:
    lines = []
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        if len(lines) == lines_per_chunk:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def _download(consultation: Consultation, chunks: Iterator[str], extension: str, content_type: str) -> Response:
    """The streamed file, with a weak ETag read off the comments before the stream starts (a stream's
    own bytes are not there to hash): the current version places the comments, the fingerprint the
    rest. hoering.api.caching answers a conditional request with it."""
    response = Response(
        stream_with_context(chunks),
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{consultation.slug}-innspill.{extension}"'},
    )
    response.set_etag(f"{consultation.current_version.number}-{published_fingerprint(consultation)}", weak=True)
    return response
