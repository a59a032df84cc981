"""``flask doctor``'s checks: settings that are wrong for a server going live, each with what to do.

Read from an environment (``os.environ`` in the command, a dict in tests) as the app reads its
settings, through hoering.config. Whatever gunicorn warns about at start-up (``start_up_warnings``)
is serious here: those are the settings that leave a hole open.
"""
from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass

from hoering.config import settings_from, start_up_warnings

SERIOUS = "SERIOUS"
WARNING = "WARNING"
DEFAULT_SECRET_KEY = settings_from({})["SECRET_KEY"]


@dataclass(frozen=True)
class Finding:
    severity: str  # SERIOUS or WARNING
    text: str  # what is wrong, then what to do

    def __str__(self) -> str:
        return f"{self.severity}: {self.text}"


def find_problems(environ: Mapping[str, str], workers: int | None = None) -> list[Finding]:
    """The problems of the settings in ``environ``, serious ones first, for a server running
    ``workers`` processes (by default as many as gunicorn would start from this environment)."""
    settings = settings_from(environ)
    workers = workers_from(environ) if workers is None else workers
    findings = [Finding(SERIOUS, warning) for warning in start_up_warnings(workers, environ)]
    findings += [finding for finding in (
        _secret_key(settings, environ), _sqlite_with_workers(settings, workers), _insecure_cookie(settings),
        _mail_not_sent(settings),
    ) if finding]
    return sorted(findings, key=lambda finding: finding.severity != SERIOUS)


def workers_from(environ: Mapping[str, str]) -> int:
    """The worker processes gunicorn would start: ``-w``/``--workers`` in GUNICORN_CMD_ARGS, else
    WEB_CONCURRENCY, else 1, as gunicorn itself decides. A ``--workers`` on gunicorn's own command line
    is out of sight here: pass it to ``flask doctor --workers``."""
    from gunicorn.config import Config

    try:
        options, _rest = Config().parser().parse_known_args(shlex.split(environ.get("GUNICORN_CMD_ARGS", "")))
    except (SystemExit, ValueError):  # argparse's own complaint is printed; gunicorn would stop on it too
        options = None
    if options is not None and options.workers is not None:
        return options.workers
    try:
        return int(environ.get("WEB_CONCURRENCY", "1"))
    except ValueError:
        return 1


def _is_development(environ: Mapping[str, str]) -> bool:
    # Flask's own switch (flask run --debug sets it too); never on for a server going live.
    return environ.get("FLASK_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(settings: dict, environ: Mapping[str, str]) -> Finding | None:
    if settings["SECRET_KEY"] not in ("", DEFAULT_SECRET_KEY):
        return None
    return Finding(WARNING if _is_development(environ) else SERIOUS,
                   "SECRET_KEY is unset or the default: anyone can forge a session (a staff login) or a "
                   "CSRF token. Set SECRET_KEY to a long random value, e.g. "
                   "python3 -c 'import secrets; print(secrets.token_hex(32))', the same for every process.")


def _sqlite_with_workers(settings: dict, workers: int) -> Finding | None:
    if workers <= 1 or not settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return None
    # A warning, not serious: the embedded default is made for several processes (WAL, a busy timeout,
    # one writer at a time), but a national consultation's last hours outgrow one file's write lock.
    return Finding(WARNING,
                   f"{workers} workers on SQLite: the processes queue for the one file's write lock, and a "
                   f"writer that waits longer than SQLITE_BUSY_TIMEOUT_MS fails. For a large consultation set "
                   f"DATABASE_URL to a PostgreSQL database (postgresql://user:password@host/db) and run "
                   f"flask db upgrade.")


def _insecure_cookie(settings: dict) -> Finding | None:
    if not settings["PUBLIC_URL"].strip().lower().startswith("https:") or settings["SESSION_COOKIE_SECURE"]:
        return None
    return Finding(SERIOUS,
                   "PUBLIC_URL is https but SESSION_COOKIE_SECURE is off: browsers also send the session "
                   "cookie (a staff login) over plain http. Set SESSION_COOKIE_SECURE=1.")


def _mail_not_sent(settings: dict) -> Finding | None:
    if settings["MAIL_SERVER"]:
        return None
    return Finding(WARNING,
                   f"MAIL_SERVER is not set: no e-mail leaves the machine, each message is written to "
                   f"{settings['MAIL_OUTBOX']} instead. Set MAIL_SERVER (and MAIL_PORT, MAIL_USE_TLS or "
                   f"MAIL_USE_SSL, MAIL_USERNAME, MAIL_PASSWORD, MAIL_DEFAULT_SENDER).")
