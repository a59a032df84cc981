"""Settings from the environment, and the start-up warnings: rate limits counted per process, no PUBLIC_URL."""
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

from hoering.config import per_process_limits_warning, start_up_warnings

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_several_workers_without_redis_are_warned_about():
    warning = per_process_limits_warning(4, {})
    assert "4 workers and no REDIS_URL" in warning and "4 times" in warning


@pytest.mark.parametrize("workers, environ", [
    (1, {}),
    (4, {"REDIS_URL": "redis://127.0.0.1:6379/0"}),
    (4, {"RATELIMIT_ENABLED": "0"}),
])
def test_no_warning_when_the_limits_hold(workers, environ):
    assert per_process_limits_warning(workers, environ) is None


def gunicorn_master(workers: int) -> SimpleNamespace:
    return SimpleNamespace(cfg=SimpleNamespace(workers=workers), log=logging.getLogger("gunicorn.error"))


def test_gunicorn_warns_in_its_log_when_the_workers_are_ready(monkeypatch, caplog):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("RATELIMIT_ENABLED", raising=False)
    monkeypatch.setenv("PUBLIC_URL", "https://hoering.fjordvik.example.no")
    when_ready = runpy.run_path(str(GUNICORN_CONF))["when_ready"]
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        when_ready(gunicorn_master(1))
        assert caplog.records == []
        when_ready(gunicorn_master(3))
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "3 workers and no REDIS_URL" in caplog.records[0].getMessage()


def test_a_server_without_public_url_is_warned_about(monkeypatch, caplog):
    assert start_up_warnings(1, {"PUBLIC_URL": "https://hoering.fjordvik.example.no"}) == []
    assert ["PUBLIC_URL is not set" in warning for warning in start_up_warnings(1, {})] == [True]
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    when_ready = runpy.run_path(str(GUNICORN_CONF))["when_ready"]
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        when_ready(gunicorn_master(2))
    assert ["PUBLIC_URL is not set" in record.getMessage() for record in caplog.records] == [True]
