"""The open data's HTTP caching and CORS: ``ETag`` and ``Last-Modified`` on every successful GET,
304 for a conditional request whose answer has not changed, a deliberate ``Cache-Control``, and
``Access-Control-Allow-Origin: *`` so that any web page may read it (this blueprint only: staff
routes never get it).
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Blueprint, Response, request

from hoering.api.models import ServedVersion
from hoering.clock import utcnow
from hoering.database import begin_write, dialect_insert
from hoering.extensions import db

# A copy may be used for a minute without asking again: comments arrive by the minute before a
# deadline, and a conditional request after that costs the client a 304 and no body.
MAX_AGE_SECONDS = 60
# The query parameters the open data reads (hoering/api/openapi.yaml); others change no answer.
ANSWER_PARAMETERS = frozenset({"after", "limit", "q"})
FORGOTTEN_AFTER = timedelta(days=7)
# A conditional request sends If-None-Match, which is not a CORS-safelisted header: browsers ask first.
PREFLIGHT_MAX_AGE_SECONDS = 24 * 3600


def init_blueprint(blueprint: Blueprint) -> None:
    blueprint.after_request(_open_data_headers)


def _open_data_headers(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Content-Disposition"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE_SECONDS)
        return response
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        response.headers["Cache-Control"] = "no-store"
        return response
    etag, _weak = response.get_etag()
    if etag is None and not response.is_streamed:
        response.add_etag()
        etag, _weak = response.get_etag()
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE_SECONDS
    if etag is None:
        return response
    response.last_modified = first_served(_address_key(), etag)
    return response.make_conditional(request)


def _address_key() -> str:
    """The answer's address: scheme and host included, since its links are absolute, and of the query
    only the parameters an answer depends on, so that made-up ones add no rows."""
    parameters = sorted((name, value) for name, value in request.args.items(multi=True) if name in ANSWER_PARAMETERS)
    return hashlib.sha256(f"{request.host_url}{request.path}?{parameters!r}".encode()).hexdigest()


def first_served(key: str, etag: str) -> datetime:
    """When the answer at ``key`` was first served with ``etag``; records it if that is now. A write
    happens only when an answer has changed since it was last served."""
    row = db.session.get(ServedVersion, key)
    if row is not None and row.etag == etag:
        return row.first_served_at
    previous = row.first_served_at if row is not None else None
    # On SQLite a read transaction cannot become a writer once another has written (an immediate
    # "database is locked", bench/load.py found): take the write lock as a writer, then write.
    begin_write()
    now = utcnow().replace(microsecond=0)
    if previous is not None and now <= previous:
        # HTTP dates count whole seconds: an answer that changes twice in one second must still move
        # its Last-Modified, or If-Modified-Since would call the second change "not modified".
        now = previous + timedelta(seconds=1)
    # Forgetting is safe: an answer whose row is gone gets a later Last-Modified, so a client asking
    # If-Modified-Since downloads it again rather than keep a stale copy. So searches (q) and pages
    # no one asks for again do not pile up.
    db.session.execute(sa.delete(ServedVersion).where(ServedVersion.first_served_at < now - FORGOTTEN_AFTER))
    insert = dialect_insert(ServedVersion).values(key=key, etag=etag, first_served_at=now)
    db.session.execute(insert.on_conflict_do_update(
        index_elements=["key"], set_={"etag": insert.excluded.etag, "first_served_at": insert.excluded.first_served_at},
    ))
    db.session.commit()
    return now
