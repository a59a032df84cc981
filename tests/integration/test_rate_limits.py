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
