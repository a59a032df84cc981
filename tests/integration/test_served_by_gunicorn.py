"""The CSV export as production serves it: two gunicorn workers on a free port, a caseworker logging in
through the real form (with CSRF), and a download of 1,500 comments read to the end.

The test client cannot show what broke here: a server reads a streamed body after the request's app
context is gone. This test runs in `make test` (and so in CI) on the suite's database, SQLite or
PostgreSQL; it is skipped only where gunicorn is not installed.
"""
from __future__ import annotations

import csv
import io
import re
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookiejar import CookieJar

import pytest
import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.comments.models import Comment
from hoering.extensions import db
from tests.conftest import AuthActions
from tests.factories import make_consultation
from tests.gunicorn_server import served_by_gunicorn

pytest.importorskip("gunicorn")
pytestmark = pytest.mark.slow

COMMENTS = 1500
REQUEST_SECONDS = 30  # the first request waits for a worker to boot


@pytest.fixture
def consultation(app):
    """A consultation with COMMENTS comments, inserted in one statement; texts a CSV must quote."""
    consultation = make_consultation()
    start = utcnow() - timedelta(days=5)
    db.session.execute(sa.insert(Comment), [
        {"consultation_id": consultation.id, "author_name": f"Innbygger {n}", "email": f"innbygger{n}@example.no",
         "text": f"Innspill {n}: «æøå», \"sitat\" og komma,\nover to linjer.", "html": "", "status": "published",
         "submission_key": f"gunicorn-{n}", "created_at": start + timedelta(seconds=n)}
        for n in range(COMMENTS)
    ])
    db.session.commit()
    return consultation


@pytest.fixture
def gunicorn(app, tmp_path):
    """Gunicorn serving wsgi:app with two workers on the suite's database; yields its base URL."""
    with served_by_gunicorn(app, tmp_path) as base_url:
        yield base_url


def _log_in(base_url: str, user) -> urllib.request.OpenerDirector:
    """A browser-like opener, logged in through the login form with its CSRF token."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = browser.open(f"{base_url}/logg-inn", timeout=REQUEST_SECONDS).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    fields = {"csrf_token": token, "email": user.email, "password": AuthActions.PASSWORD}
    answer = browser.open(f"{base_url}/logg-inn", data=urllib.parse.urlencode(fields).encode(), timeout=REQUEST_SECONDS)
    assert urllib.parse.urlsplit(answer.url).path == "/admin", "the login form let the caseworker in"
    return browser


def test_gunicorn_sends_every_row_of_the_csv(consultation, gunicorn, auth):
    browser = _log_in(gunicorn, auth.user("caseworker"))
    csv_url = f"{gunicorn}/admin/hoeringer/{consultation.slug}/eksport.csv"
    with browser.open(csv_url, timeout=REQUEST_SECONDS) as response:
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        body = response.read().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert len(rows) == COMMENTS
    assert [row["Navn"] for row in rows] == [f"Innbygger {n}" for n in range(COMMENTS)]
    assert rows[-1]["E-post"] == f"innbygger{COMMENTS - 1}@example.no"
    assert rows[-1]["Tekst"] == f"Innspill {COMMENTS - 1}: «æøå», \"sitat\" og komma,\nover to linjer."
