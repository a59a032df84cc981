"""The open data's caching and CORS: ETag and Last-Modified on every successful GET, 304 for an
unchanged answer, Cache-Control set, and Access-Control-Allow-Origin: * on the API only."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug.http import http_date

from hoering.api.caching import MAX_AGE_SECONDS
from hoering.api.models import ServedVersion
from hoering.clock import utcnow
from hoering.extensions import db
from tests.factories import make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
OPEN_DATA = [
    "/api/v1/consultations",
    "/api/v1/consultations/digital-dialog",
    "/api/v1/consultations/digital-dialog/versions/1",
    "/api/v1/consultations/digital-dialog/comments",
    "/api/v1/consultations/digital-dialog/comments.csv",
    "/api/v1/consultations/digital-dialog/comments.jsonl",
    "/api/v1/consultations/digital-dialog/responses",
    "/api/v1/openapi.json",
]


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    make_comment(consultation, ANCHOR, text="Første innspill.")
    return consultation


@pytest.mark.parametrize("url", OPEN_DATA)
def test_every_open_data_get_can_be_cached_and_read_from_any_page(consultation, client, url):
    response = client.get(url)
    assert response.status_code == 200 and response.data  # read: a streamed file ends its request then
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    assert response.cache_control.public and response.cache_control.max_age == MAX_AGE_SECONDS
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", OPEN_DATA)
def test_an_unchanged_answer_is_304_by_etag_or_by_date(consultation, client, url):
    first = client.get(url)
    assert first.data
    by_etag = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    for answer in (by_etag, by_date):
        assert (answer.status_code, answer.data) == (304, b"")
        assert answer.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize("url", [url for url in OPEN_DATA if "/comments" in url or url.endswith("digital-dialog")])
def test_a_new_comment_changes_the_answer_its_etag_and_its_date_at_once(consultation, client, url):
    assert (first := client.get(url)).data
    make_comment(consultation, ANCHOR, text="Et nytt innspill i samme sekund.")
    by_etag = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_etag.status_code == by_date.status_code == 200 and by_etag.data and by_date.data
    assert by_etag.headers["ETag"] != first.headers["ETag"]
    assert by_date.last_modified > first.last_modified


def test_a_browser_may_ask_before_a_conditional_request(consultation, client):
    preflight = client.options("/api/v1/consultations/digital-dialog/comments", headers={
        "Origin": "https://avis.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]


def test_errors_are_readable_from_any_page_and_never_stored(consultation, client):
    response = client.get("/api/v1/consultations/finnes-ikke")
    assert response.status_code == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/", "/hoeringer/digital-dialog", "/logg-inn", "/api"])
def test_pages_outside_the_open_data_allow_no_other_origin(consultation, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def _bulk_etag(client) -> str:
    response = client.get("/api/v1/consultations/digital-dialog/comments.jsonl")
    assert response.data
    return response.headers["ETag"]


def test_the_bulk_files_etag_follows_agreements_edits_and_moderation(consultation, client, auth):
    from hoering.comments import receipts, services
    from hoering.moderation.services import hide

    one = make_comment(consultation, ANCHOR, text="Et innspill.")
    other = make_comment(consultation, ANCHOR, text="Et annet innspill.")
    seen = [_bulk_etag(client)]
    services.agree(other, "velger-1")
    seen.append(_bulk_etag(client))
    # The agreement moves from one comment to another: the same number of agreements in all.
    services.withdraw_agreement(other, "velger-1")
    services.agree(one, "velger-1")
    seen.append(_bulk_etag(client))
    receipts.edit(other, consultation, "Et omskrevet innspill.", None)
    seen.append(_bulk_etag(client))
    hide(other, auth.user("moderator"), "Utenfor temaet.")
    seen.append(_bulk_etag(client))
    assert len(set(seen)) == len(seen)
    assert seen[0].startswith('W/"1-')


def _served_rows() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ServedVersion))


def test_made_up_query_parameters_add_no_rows_and_change_no_answer(consultation, client):
    first = client.get("/api/v1/consultations")
    rows = _served_rows()
    for n in range(5):
        again = client.get(f"/api/v1/consultations?x{n}=y", headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304
    assert _served_rows() == rows


def test_answers_not_changed_for_a_week_are_forgotten_and_then_sent_whole(consultation, client):
    old = client.get("/api/v1/consultations")
    week_ago = utcnow().replace(microsecond=0) - timedelta(days=8)
    db.session.execute(sa.update(ServedVersion).values(first_served_at=week_ago))
    db.session.commit()
    client.get("/api/v1/consultations/digital-dialog")  # a new answer's row: the week-old ones go
    assert _served_rows() == 1
    since_a_week = client.get("/api/v1/consultations", headers={"If-Modified-Since": http_date(week_ago)})
    # Kept, the week-old row would have answered 304 here.
    assert since_a_week.status_code == 200 and since_a_week.last_modified >= old.last_modified
