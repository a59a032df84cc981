"""Whole public pages kept for readers who are not logged in (hoering/page_cache): served again while
nothing has changed, never after a change, never to staff, never with someone else's token; and the
ETag/304 of every public page.

Requests here run each in a thread of its own, so each has its own app context as under gunicorn: the
test client would otherwise share the test's, and with it ``g`` (the CSRF token, the logged-in user)."""
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.comments.models import HIDDEN, Comment
from hoering.extensions import db
from hoering.page_cache import pages
from hoering.page_cache.generation import current_generations
from tests.factories import make_comment, make_consultation
from tests.integration.test_query_counts import counting_queries

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
PAGE = "/hoeringer/digital-dialog"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    make_comment(consultation, ANCHOR)
    return consultation


def get(client, url: str, **kwargs):
    """``client.get`` in a request context of its own (module docstring)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(client.get, url, **kwargs).result()


def html(client, url: str, **kwargs) -> str:
    return get(client, url, **kwargs).get_data(as_text=True)


def queries_for(client, url: str, **kwargs) -> tuple[int, str]:
    """The queries a request runs (not the BEGIN that hoering emits itself on SQLite), and its page."""
    db.session.expire_all()
    with counting_queries() as statements:
        response = get(client, url, **kwargs)
    assert response.status_code == 200
    return len([s for s in statements if s != "BEGIN"]), response.get_data(as_text=True)


def count_on_unit(html: str) -> str:
    return re.search(rf'id="{ANCHOR}".*?Innspill: (\d+)', html, re.S).group(1)


def test_a_second_reader_gets_the_page_for_one_query_with_a_token_of_their_own(app, consultation):
    app.config["WTF_CSRF_ENABLED"] = True  # the language switcher's token is the one per-reader value
    first, second = app.test_client(), app.test_client()
    rendered, page = queries_for(first, PAGE)
    cached, cached_page = queries_for(second, PAGE)
    assert rendered > 5 and cached == 1  # the generation only
    assert count_on_unit(cached_page) == "1"
    assert TOKEN.sub("", page) == TOKEN.sub("", cached_page)
    token = TOKEN.search(cached_page).group(1)
    assert token != TOKEN.search(page).group(1)
    # The token on the cached copy is this reader's: the language switcher takes it.
    with ThreadPoolExecutor(1) as thread:
        response = thread.submit(second.post, "/sprak", data={"csrf_token": token, "sprak": "en", "tilbake": PAGE}).result()
    assert response.status_code == 303
    assert '<html lang="en"' in html(second, PAGE)
    assert '<html lang="nb"' in html(first, PAGE)


def test_a_new_comment_and_a_hidden_one_show_at_once(app, client, consultation):
    assert count_on_unit(html(client, PAGE)) == "1"
    comment = make_comment(consultation, ANCHOR)
    assert count_on_unit(html(client, PAGE)) == "2"
    db.session.execute(sa.update(Comment).where(Comment.id == comment.id).values(status=HIDDEN))
    db.session.commit()
    assert count_on_unit(html(client, PAGE)) == "1"


def test_a_change_rolled_back_or_in_bookkeeping_keeps_the_generations(app, consultation):
    before = current_generations()
    consultation.title = "Ikke lagret"
    db.session.flush()
    db.session.rollback()
    from hoering.api.caching import first_served
    first_served("noe", "etag")  # the open data's bookkeeping, written by GET requests
    assert current_generations() == before
    consultation.title = "Ny tittel"
    db.session.commit()
    after = current_generations()
    assert after.site[0] == before.site[0] + 1 and after.content[0] == before.content[0] + 1


def test_a_comment_moves_the_site_generation_only(app, consultation):
    before = current_generations()
    make_comment(consultation, ANCHOR)
    after = current_generations()
    assert after.site[0] > before.site[0] and after.content == before.content


def test_counts_may_be_behind_for_the_seconds_set_and_nothing_else_may(app, client, consultation, monkeypatch):
    app.config["PAGE_CACHE_COUNTS_SECONDS"] = 60
    assert count_on_unit(html(client, PAGE)) == "1"
    make_comment(consultation, ANCHOR)
    assert count_on_unit(html(client, PAGE)) == "1"  # the copy, a few seconds old
    consultation.title = "Ny tittel på høringen"
    db.session.commit()
    page = html(client, PAGE)
    assert "Ny tittel på høringen" in page and count_on_unit(page) == "2"
    make_comment(consultation, ANCHOR)
    later = utcnow() + timedelta(seconds=61)
    monkeypatch.setattr("hoering.page_cache.pages.utcnow", lambda: later)
    assert count_on_unit(html(client, PAGE)) == "3"


def test_a_page_changes_at_the_deadline_without_any_write(app, client, consultation, monkeypatch):
    assert "Gi innspill til hele dokumentet" in html(client, PAGE)
    after_deadline = consultation.closes_at + timedelta(minutes=1)
    for module in ("hoering.page_cache.pages", "hoering.consultations.models"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: after_deadline, raising=False)
    rendered, _ = queries_for(client, PAGE)
    assert rendered > 1


def test_the_copy_is_kept_until_the_next_local_midnight_at_most(app, client, consultation, monkeypatch):
    get(client, PAGE)
    (page,) = pages.store().copies()
    assert page.expires <= utcnow() + pages.MAX_AGE
    assert page.expires <= pages._next_local_midnight(utcnow())


def test_staff_see_their_own_page_and_leave_none_for_readers(app, client, auth, consultation):
    auth.login_as("moderator")
    assert "Logg ut" in html(client, PAGE)
    assert "Logg ut" in html(client, PAGE)
    assert "Logg ut" not in html(app.test_client(), PAGE)
    assert "Logg ut" in html(client, PAGE)


def test_a_message_for_one_reader_is_shown_to_that_reader_only(app, client, consultation):
    get(app.test_client(), PAGE)  # a copy is kept
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Takk for innspillet ditt!")]
    assert "Takk for innspillet ditt!" in html(client, PAGE)
    assert "Takk for innspillet ditt!" not in html(client, PAGE)
    assert "Takk for innspillet ditt!" not in html(app.test_client(), PAGE)


def test_each_language_has_its_own_copy(app, consultation):
    reader = app.test_client()
    assert '<html lang="nn"' in html(reader, PAGE, headers={"Accept-Language": "nn"})
    assert '<html lang="en"' in html(reader, PAGE, headers={"Accept-Language": "en"})
    assert '<html lang="nn"' in html(app.test_client(), PAGE, headers={"Accept-Language": "nn"})


def test_the_cache_can_be_turned_off(app, client, consultation):
    app.config["PAGE_CACHE"] = False
    get(client, PAGE)
    rendered, _ = queries_for(client, PAGE)
    assert rendered > 1


@pytest.mark.parametrize("url", [PAGE, "/", "/personvern", "/tilgjengelighet"])
def test_public_pages_answer_a_conditional_request_with_304_until_they_change(app, client, consultation, url):
    first = get(client, url)
    etag = first.headers["ETag"]
    assert "private" in first.headers["Cache-Control"] and "no-cache" in first.headers["Cache-Control"]
    again = get(client, url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert get(app.test_client(), url).headers["ETag"] != etag  # another reader, another token
    make_comment(consultation, ANCHOR, text="Et nytt innspill endrer sidene.")
    if not url.startswith(("/personvern", "/tilgjengelighet")):
        changed = get(client, url, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_cached_page_says_when_it_was_rendered(app, client, consultation):
    first = get(client, PAGE)
    assert first.last_modified is not None
    again = get(client, PAGE, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304


def test_staff_pages_and_logged_in_readers_get_no_validators(app, client, auth, consultation):
    auth.login_as("moderator")
    assert "ETag" not in get(client, PAGE).headers


def test_a_page_with_a_comment_form_is_never_the_same_twice(app, client, consultation):
    """Each comment form carries a key of its own that makes a double post count once: a page kept by
    the browser would post a second comment under the first one's key, and lose it."""
    first = get(client, f"{PAGE}/{ANCHOR}")
    again = get(client, f"{PAGE}/{ANCHOR}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]


def test_the_cached_pages_are_never_rate_limited_while_others_are(rate_limited, consultation):
    from hoering import create_app
    app = create_app({**rate_limited, "RATELIMIT_DEFAULT": "3 per minute"})
    reader = app.test_client()
    assert {get(reader, PAGE).status_code for _ in range(6)} == {200}
    assert {get(reader, "/").status_code for _ in range(6)} == {200}
    assert get(reader, "/personvern").status_code == 200
    assert [get(reader, "/personvern").status_code for _ in range(4)][-1] == 429
