"""flask doctor: each problem found when it is there and not when it is not, and the exit codes."""
import pytest

from hoering.operations.doctor import SERIOUS, WARNING, find_problems, workers_from

# A server ready to go live: every problem below is this with one thing changed.
READY = {
    "SECRET_KEY": "3f9c0a6e5b7d48c1a2e4f6b8d0c2e4a6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8",
    "DATABASE_URL": "postgresql://hoering:hemmelig@127.0.0.1/hoering",
    "PUBLIC_URL": "https://hoering.fjordvik.kommune.no",
    "SESSION_COOKIE_SECURE": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "MAIL_SERVER": "smtp.fjordvik.kommune.no",
    "WEB_CONCURRENCY": "4",
}
VARIABLES = [*READY, "FLASK_DEBUG", "GUNICORN_CMD_ARGS", "RATELIMIT_ENABLED", "MAIL_OUTBOX"]


def found(environ: dict, workers: int | None = None) -> list[tuple[str, str]]:
    return [(finding.severity, finding.text) for finding in find_problems(environ, workers)]


def one(environ: dict, workers: int | None = None) -> tuple[str, str]:
    findings = found(environ, workers)
    assert len(findings) == 1, findings
    return findings[0]


def without(name: str) -> dict:
    return {key: value for key, value in READY.items() if key != name}


def test_a_server_ready_to_go_live_has_no_problems():
    assert found(READY) == []


@pytest.mark.parametrize("secret_key", [None, "", "dev-only-change-me"])
def test_the_default_secret_key_is_serious(secret_key):
    environ = without("SECRET_KEY") if secret_key is None else {**READY, "SECRET_KEY": secret_key}
    severity, text = one(environ)
    assert severity == SERIOUS and text.startswith("SECRET_KEY") and "secrets.token_hex" in text


def test_the_default_secret_key_is_only_a_warning_in_development():
    assert one({**without("SECRET_KEY"), "FLASK_DEBUG": "1"})[0] == WARNING


def test_sqlite_with_several_workers_is_a_warning():
    severity, text = one(without("DATABASE_URL"))
    assert severity == WARNING and text.startswith("4 workers on SQLite") and "DATABASE_URL" in text
    assert found({**without("DATABASE_URL"), "WEB_CONCURRENCY": "1"}) == []


def test_no_redis_with_several_workers_is_serious():
    severity, text = one(without("REDIS_URL"))
    assert severity == SERIOUS and "no REDIS_URL" in text and "Set REDIS_URL" in text
    assert found(without("REDIS_URL"), workers=1) == []


def test_no_public_url_is_serious():
    severity, text = one(without("PUBLIC_URL"))
    assert severity == SERIOUS and text.startswith("PUBLIC_URL is not set")


def test_a_cookie_sent_over_plain_http_behind_https_is_serious():
    severity, text = one(without("SESSION_COOKIE_SECURE"))
    assert severity == SERIOUS and "SESSION_COOKIE_SECURE=1" in text
    assert found({**without("SESSION_COOKIE_SECURE"), "PUBLIC_URL": "http://hoering.fjordvik.kommune.no"}) == []


def test_mail_not_configured_is_a_warning_naming_the_outbox():
    severity, text = one({**without("MAIL_SERVER"), "MAIL_OUTBOX": "/srv/hoering/utboks"})
    assert severity == WARNING and text.startswith("MAIL_SERVER is not set") and "/srv/hoering/utboks" in text


def test_serious_problems_come_before_warnings():
    severities = [severity for severity, _ in found({})]
    assert severities == sorted(severities, key=lambda severity: severity != SERIOUS) and WARNING in severities


@pytest.mark.parametrize("environ, workers", [
    ({}, 1),
    ({"WEB_CONCURRENCY": "3"}, 3),
    ({"WEB_CONCURRENCY": "3", "GUNICORN_CMD_ARGS": "--bind 0.0.0.0:8000 -w 5"}, 5),
    ({"GUNICORN_CMD_ARGS": "--workers=2 --timeout 60"}, 2),
    ({"GUNICORN_CMD_ARGS": "--timeout 60"}, 1),
])
def test_the_workers_are_counted_as_gunicorn_counts_them(environ, workers):
    assert workers_from(environ) == workers


@pytest.fixture
def environment(monkeypatch):
    """The process environment the command reads: only what a test sets."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_to(environ: dict) -> None:
        for name, value in environ.items():
            monkeypatch.setenv(name, value)

    return set_to


def test_the_command_says_so_and_exits_0_when_clean(app, environment):
    environment(READY)
    result = app.test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found.\n"


def test_the_command_exits_1_on_a_serious_problem(app, environment):
    environment(without("SECRET_KEY"))
    result = app.test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("SERIOUS: SECRET_KEY is unset or the default")
    assert lines[-1] == "1 serious, 0 warning(s)."


def test_the_command_exits_0_on_warnings_only(app, environment):
    environment(without("MAIL_SERVER"))
    result = app.test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("WARNING: MAIL_SERVER is not set")


def test_the_command_takes_the_workers_gunicorn_is_started_with(app, environment):
    environment({**without("REDIS_URL"), "WEB_CONCURRENCY": "1"})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["doctor"]).exit_code == 0
    result = runner.invoke(args=["doctor", "--workers", "4"])
    assert result.exit_code == 1 and "4 workers and no REDIS_URL" in result.output
