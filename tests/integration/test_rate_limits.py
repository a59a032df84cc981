"""Rate limits count per client address, in memory by default and in Redis when REDIS_URL is set."""
import os

import pytest

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"


@pytest.fixture(params=["memory", "redis"])
def limit_storage(request, settings) -> dict:
    if request.param == "redis":
        url = os.environ.get("TEST_REDIS_URL")
        if not url:
            pytest.skip("TEST_REDIS_URL is not set (.ci/run starts Redis and sets it)")
        import redis

        redis.Redis.from_url(url).flushdb()
        settings["RATELIMIT_STORAGE_URI"] = url
    else:
        settings["RATELIMIT_STORAGE_URI"] = "memory://"
    settings["RATELIMIT_ENABLED"] = True
    return settings


def test_agreeing_is_limited_per_address_in_the_configured_storage(limit_storage, app):
    from tests.factories import make_comment, make_consultation

    app.config["AGREE_RATE_LIMIT"] = "3 per minute"
    comment = make_comment(make_consultation(), ANCHOR)
    url = f"/hoeringer/digital-dialog/kommentarer/{comment.id}/enig"
    first_address = app.test_client()
    codes = [first_address.post(url, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    other_address = app.test_client()
    assert other_address.post(url, environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_what_counts(settings):
    from hoering import create_app

    settings.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", PROXY_COUNT=1,
                    LOGIN_RATE_LIMIT="2 per minute")
    app = create_app(settings)
    client = app.test_client()
    login = {"email": "x@fjordvik.example.no", "password": "feil"}

    def attempt(address):
        return client.post("/logg-inn", data=login, headers={"X-Forwarded-For": address},
                           environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code

    with app.app_context():
        assert [attempt("192.0.2.1") for _ in range(3)] == [400, 400, 429]
        assert attempt("192.0.2.2") == 400


def login_attempts(app, address: str, *attempts) -> list[int]:
    """Status codes of login attempts, each (email, password), from one client address."""
    client = app.test_client()
    return [
        client.post("/logg-inn", data={"email": email, "password": password},
                    environ_base={"REMOTE_ADDR": address}).status_code
        for email, password in attempts
    ]


def test_colleagues_typos_from_one_office_address_do_not_lock_out_the_right_password(limit_storage, app, auth):
    from tests.conftest import AuthActions

    kari, per = auth.user("planner"), auth.user("moderator")
    typos = [(f"kollega{n}@fjordvik.example.no", "feil") for n in range(6)] + [(per.email, "feil")] * 4
    assert set(login_attempts(app, "10.0.0.1", *typos)) == {400}
    assert login_attempts(app, "10.0.0.1", (kari.email, AuthActions.PASSWORD)) == [302]
    assert login_attempts(app, "10.0.0.1", (per.email, AuthActions.PASSWORD)) == [302]


def test_successful_logins_do_not_count_towards_the_limit(limit_storage, app, auth):
    from tests.conftest import AuthActions

    user = auth.user("planner")
    assert login_attempts(app, "10.0.0.1", *[(user.email, AuthActions.PASSWORD)] * 8) == [302] * 8


def test_guessing_one_accounts_password_is_stopped_even_at_the_right_guess(limit_storage, app, auth):
    from tests.conftest import AuthActions

    user = auth.user("planner")
    guesses = [(user.email, f"gjetning {n}") for n in range(5)] + [(user.email, AuthActions.PASSWORD)]
    assert login_attempts(app, "10.0.0.1", *guesses) == [400] * 5 + [429]
    assert login_attempts(app, "10.0.0.2", (user.email, AuthActions.PASSWORD)) == [302]


def test_trying_many_accounts_from_one_address_is_stopped(limit_storage, app):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "8 per minute"
    spray = [(f"ansatt{n}@fjordvik.example.no", "Sommer2026!") for n in range(9)]
    assert login_attempts(app, "10.0.0.1", *spray) == [400] * 8 + [429]
    assert login_attempts(app, "10.0.0.2", spray[0]) == [400]
