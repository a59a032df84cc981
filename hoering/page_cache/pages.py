"""Whole public pages kept for readers who are not logged in, and HTTP validators on every public page.

A consultation's page costs tens of milliseconds to render (hundreds of units, their counts, the table
of contents); thousands of readers ask for the same few pages in the last hours before a deadline.
``@cached_for_readers`` keeps such a page as rendered, per address and language, and serves it again
while nothing has changed:

- *Nothing has changed in the data*: each copy is kept under the page generations
  (hoering.page_cache.generation) it was rendered in, which move in the transaction of every change.
  One small query per request reads them; a copy from an older generation is rendered anew. The one
  exception: when only comments have changed, which these pages show as counts only, a copy younger
  than ``PAGE_CACHE_COUNTS_SECONDS`` (default 5) is still served. A page's counts may so be a few
  seconds behind; the busiest page is rendered once in that time per process, not once per comment.
- *Nothing has changed with time*: a copy is used until the next local midnight ("3 dager igjen"
  counts days), until any moment the view names with ``changes_at`` (a consultation opening or
  closing), and for ``MAX_AGE`` at most.
- *Nothing differs per reader*: only GET and HEAD from readers who are not logged in and have no
  message waiting (a flashed notice) are served from or kept in the cache. The one per-reader value
  on such a page, the CSRF token of the language switcher, is kept as a placeholder and filled in
  with the reader's own token.

Each process keeps its own copies (at most ``PAGE_CACHE_MEGABYTES``); all of them read the same
generation, so several workers and machines never disagree for longer than a commit takes.

Every public HTML page for a reader who is not logged in (but those a view marks ``no-store``, such as
a comment's private link) also carries an ``ETag`` (of the page without
its CSRF token, and of the reader's session token, so a copy always holds a token that is still the
reader's) and answers ``If-None-Match`` with 304; the cached pages also carry ``Last-Modified`` (when
that copy was rendered). ``Cache-Control: private, no-cache`` keeps shared caches from storing a
page with a reader's token, and has browsers ask each time: a 304 costs no body.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import wraps

from flask import Flask, Response, current_app, g, make_response, request, session
from flask_babel import get_timezone
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from hoering.accounts.access import PUBLIC
from hoering.clock import utcnow
from hoering.extensions import limiter
from hoering.languages import current_language
from hoering.page_cache.generation import Generations, current_generations

MAX_AGE = timedelta(minutes=10)  # a safety net: any change with time the views do not name
PLACEHOLDER = b"\x00csrf\x00"
_CACHE = "hoering.page_cache"
_STATE = "hoering.page_cache.request"  # this request's: the moments named, the cached copy's ETag and time
CSRF_FIELD = "csrf_token"  # Flask-WTF keeps the request's token in g and the raw one in the session under it
FLASHES = "_flashes"


@dataclass(frozen=True)
class CachedPage:
    generations: Generations
    expires: datetime
    rendered_at: datetime
    mimetype: str
    body: bytes  # with PLACEHOLDER where the CSRF token was
    etag: str


class PageStore:
    """A process's cached pages, at most ``budget`` bytes of them, the least recently used dropped first
    (made-up query strings make new addresses: they may push pages out, never grow the process)."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._size = 0
        self._pages: OrderedDict[tuple, CachedPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: CachedPage) -> None:
        with self._lock:
            replaced = self._pages.pop(key, None)
            self._size -= len(replaced.body) if replaced is not None else 0
            self._pages[key] = page
            self._size += len(page.body)
            while self._size > self._budget and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self._size -= len(dropped.body)

    def copies(self) -> list[CachedPage]:
        with self._lock:
            return list(self._pages.values())


def init_app(app: Flask) -> None:
    app.extensions[_CACHE] = PageStore(app.config["PAGE_CACHE_MEGABYTES"] * 1024 * 1024)
    app.after_request(_validators_for_readers)


def store() -> PageStore:
    return current_app.extensions[_CACHE]


def changes_at(*moments: datetime | None) -> None:
    """Moments (naive UTC) at which the page being rendered changes by itself: a cached copy is not
    served from then on. Moments past are ignored."""
    _state().setdefault("changes_at", []).extend(m for m in moments if m is not None)


def cached_for_readers(view):
    """Serve the view's page from the cache to readers who are not logged in (module docstring)."""

    @wraps(view)
    def cached_view(**kwargs):
        if not _cacheable():
            return view(**kwargs)
        generations = current_generations()
        if generations is None:
            return view(**kwargs)
        key = (request.host_url, request.full_path, current_language())
        now = utcnow()
        page = store().get(key)
        if page is not None and _still_right(page, generations, now):
            return _serve(page)
        response = make_response(view(**kwargs))
        if response.status_code == 200 and not response.is_streamed and FLASHES not in session:
            page = _kept(response, generations, now)
            store().put(key, page)
            _state().update(etag=page.etag, rendered_at=page.rendered_at)
        return response

    # No rate limit is set on reading pages: Flask-Limiter's look for one cost more than a cached page.
    return limiter.exempt(cached_view)


def _state() -> dict:
    """This request's own (``g`` lives as long as the app context, which tests share between requests)."""
    return request.environ.setdefault(_STATE, {})


def _cacheable() -> bool:
    return (request.method in ("GET", "HEAD") and current_app.config["PAGE_CACHE"]
            and FLASHES not in session and not current_user.is_authenticated)


def _still_right(page: CachedPage, generations: Generations, now: datetime) -> bool:
    """Whether a copy may be served now (module docstring)."""
    if now >= page.expires or page.generations.content != generations.content:
        return False
    grace = timedelta(seconds=current_app.config["PAGE_CACHE_COUNTS_SECONDS"])
    return page.generations.site == generations.site or now < page.rendered_at + grace


def _kept(response: Response, generations: Generations, now: datetime) -> CachedPage:
    body = _without_token(response)
    later = [moment for moment in _state().get("changes_at", []) if moment > now]
    expires = min([now + MAX_AGE, _next_local_midnight(now), *later])
    return CachedPage(generations, expires, now, response.mimetype, body, _digest(body))


def _serve(page: CachedPage) -> Response:
    body = page.body
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, generate_csrf().encode())
    _state().update(etag=page.etag, rendered_at=page.rendered_at)
    return current_app.response_class(body, mimetype=page.mimetype)


def _next_local_midnight(now: datetime) -> datetime:
    zone = get_timezone()
    local = now.replace(tzinfo=timezone.utc).astimezone(zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=zone)
    return midnight.astimezone(timezone.utc).replace(tzinfo=None)


def _validators_for_readers(response: Response) -> Response:
    """ETag (and for cached pages Last-Modified) on a public HTML page for a reader who is not logged
    in; 304 for a conditional request that already has it."""
    if not _public_page_for_reader(response):
        return response
    state = _state()
    etag = state.get("etag") or _digest(_without_token(response))
    raw_token = session.get(CSRF_FIELD, "")
    response.set_etag(f"{etag}-{hashlib.sha256(raw_token.encode()).hexdigest()[:12]}")
    if state.get("rendered_at"):
        response.last_modified = state["rendered_at"].replace(microsecond=0)
    response.cache_control.private = True
    response.cache_control.no_cache = True
    response.vary.update(("Cookie", "Accept-Language"))
    return response.make_conditional(request)


def _public_page_for_reader(response: Response) -> bool:
    view = current_app.view_functions.get(request.endpoint)
    return (request.method in ("GET", "HEAD") and response.status_code == 200 and response.mimetype == "text/html"
            and not response.is_streamed and not response.cache_control.no_store
            and getattr(view, "access_rule", None) == PUBLIC and not current_user.is_authenticated)


def _without_token(response: Response) -> bytes:
    """The page's body with PLACEHOLDER where this request's CSRF token is."""
    body = response.get_data()
    token = g.get(CSRF_FIELD)
    return body.replace(token.encode(), PLACEHOLDER) if token else body


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]
