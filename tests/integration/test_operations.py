"""The health checks a load balancer or Kubernetes asks: /healthz (the process answers) and /readyz
(the database, and Redis when REDIS_URL is set, answer)."""
import os

import pytest

from hoering import create_app
from hoering.operations import checks

PROBE_HOST = "http://10.0.0.7:8000"  # a probe asks by the pod's address, not the public name
CLOSED_REDIS = "redis://:hemmelig-passord@127.0.0.1:1/0"  # nothing listens on port 1


def assert_machine_answer(response) -> None:
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert response.mimetype == "application/json"


def test_healthz_answers_without_the_database(client, monkeypatch):
    monkeypatch.setattr(checks, "check_database", lambda: pytest.fail("healthz must not touch the database"))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert_machine_answer(response)


def test_readyz_is_ok_when_the_database_answers_and_redis_is_not_configured(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "redis": "not configured"}}
    assert_machine_answer(response)


def test_readyz_is_503_when_the_database_is_down(settings, tmp_path):
    missing = tmp_path / "ingen-mappe" / "hoering.db"  # SQLite cannot create a file in a missing folder
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{missing}"})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable",
                                   "checks": {"database": "failed", "redis": "not configured"}}
    assert "ingen-mappe" not in response.get_data(as_text=True)
    assert_machine_answer(response)


def test_readyz_never_shows_the_database_url(settings):
    closed = "postgresql+psycopg://hoering:hemmelig-passord@127.0.0.1:1/hoering"
    response = create_app({**settings, "SQLALCHEMY_DATABASE_URI": closed}).test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["checks"]["database"] == "failed"
    body = response.get_data(as_text=True)
    assert "hemmelig-passord" not in body and "127.0.0.1" not in body


def test_readyz_is_503_when_the_check_fails(client, monkeypatch):
    monkeypatch.setattr(checks, "check_database", lambda: checks.FAILED)
    assert client.get("/readyz").status_code == 503


def test_readyz_is_503_when_redis_is_configured_but_unreachable(app, client):
    app.config["REDIS_URL"] = CLOSED_REDIS
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "checks": {"database": "ok", "redis": "failed"}}
    body = response.get_data(as_text=True)
    assert "hemmelig-passord" not in body and "127.0.0.1" not in body


def test_readyz_pings_redis_when_it_is_configured(app, client):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (.ci/run starts Redis and sets it)")
    app.config["REDIS_URL"] = url
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_the_checks_say_nothing_when_redis_is_not_configured():
    assert checks.check_redis("") == checks.NOT_CONFIGURED
    assert checks.check_redis(CLOSED_REDIS) == checks.FAILED


def test_health_checks_are_never_rate_limited(rate_limited):
    # A default limit for every view, as an operator might set, and well below a probe's pace.
    app = create_app({**rate_limited, "RATELIMIT_DEFAULT": "3 per minute"})
    client = app.test_client()
    # /personvern: the busy reading pages (the front page, consultations) are served from the cache and
    # exempt (hoering/page_cache/pages.py).
    assert [client.get("/personvern").status_code for _ in range(5)][-1] == 429, "the default limit is on"
    for path in ("/healthz", "/readyz"):
        assert {client.get(path).status_code for _ in range(20)} == {200}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_answer_any_host_when_the_public_url_is_set(settings, path):
    app = create_app({**settings, "PUBLIC_URL": "https://hoering.fjordvik.kommune.no", "SERVER_NAME": None})
    client = app.test_client()
    assert client.get(path, base_url=PROBE_HOST).status_code == 200
    assert client.get("/", base_url=PROBE_HOST).status_code == 400, "every other page still refuses that host"
