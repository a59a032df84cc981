"""Settings read from environment variables, with defaults that work on a fresh machine.

Every variable is documented in the README. Nothing here reads a file: the environment is the one
source, so the same code runs on a laptop, in CI and in production.
"""
import os
from collections.abc import Mapping
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


def _sqlite_default() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'hoering.db'}"


def database_url_from(value: str | None) -> str:
    """Normalise a DATABASE_URL so that PostgreSQL URLs use the psycopg 3 driver."""
    url = value or _sqlite_default()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def settings_from(environ: Mapping[str, str] | None = None) -> dict:
    """Every setting, read from ``environ`` (the process environment) when an app is created.

    Read at call time, not import time, so a worker or a test that sets variables first gets them.
    """
    get = (os.environ if environ is None else environ).get
    return {
        "SECRET_KEY": get("SECRET_KEY", "dev-only-change-me"),
        "SQLALCHEMY_DATABASE_URI": database_url_from(get("DATABASE_URL")),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SQLITE_BUSY_TIMEOUT_MS": int(get("SQLITE_BUSY_TIMEOUT_MS", "15000")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": get("SESSION_COOKIE_SECURE", "0") == "1",
        "WTF_CSRF_TIME_LIMIT": None,  # a citizen may take an hour to write a careful comment
        "BABEL_DEFAULT_LOCALE": "nb",
        "BABEL_TRANSLATION_DIRECTORIES": str(INSTANCE_DIR.parent / "translations"),  # nn and en; nb is the msgids
        "BABEL_DEFAULT_TIMEZONE": get("HOERING_TIMEZONE", "Europe/Oslo"),
        # The body a draft imported from the command line is from, unless --organisation says otherwise.
        "ORGANISATION": get("HOERING_ORGANISATION", ""),
        # The brand's defaults until an admin saves it on /admin/merkevare (hoering/branding): the name in
        # every page's header and title, a main colour with 4.5:1 contrast to white, contact details and
        # the footer's links. HOERING_LOGO is the path of an SVG or PNG file.
        "BRAND": {name: get("HOERING_" + name.upper(), "") for name in (
            "organisation", "main_colour", "contact_email", "contact_phone", "contact_address", "privacy_url",
            "accessibility_url", "website_url", "dpo_name", "dpo_email")},
        "BRAND_LOGO_FILE": get("HOERING_LOGO", ""),
        # A planner's upload: a Word document of up to 10 MB (docx_import.MAX_DOCX_BYTES) and the form around it.
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        # One form field held in memory (Flask's default is 500 kB): a long draft pasted into the form.
        "MAX_FORM_MEMORY_SIZE": 4 * 1024 * 1024,
        "THREADS_PER_PAGE": int(get("HOERING_THREADS_PER_PAGE", "50")),
        "API_DEFAULT_LIMIT": 100,
        "API_MAX_LIMIT": 1000,
        "REDIS_URL": get("REDIS_URL", ""),
        "RATELIMIT_STORAGE_URI": get("REDIS_URL") or "memory://",
        "RATELIMIT_ENABLED": get("RATELIMIT_ENABLED", "1") == "1",
        "COMMENT_RATE_LIMIT": get("COMMENT_RATE_LIMIT", "10 per minute;60 per hour"),
        "AGREE_RATE_LIMIT": get("AGREE_RATE_LIMIT", "30 per minute;300 per hour"),
        # Failed logins per account and address, and per address over all accounts (password spraying).
        "LOGIN_RATE_LIMIT": get("LOGIN_RATE_LIMIT", "5 per minute;30 per hour"),
        "LOGIN_ADDRESS_RATE_LIMIT": get("LOGIN_ADDRESS_RATE_LIMIT", "30 per minute;200 per hour"),
        # Follow requests (each sends a confirmation e-mail) per IP, and to one address from anywhere.
        "FOLLOW_RATE_LIMIT": get("FOLLOW_RATE_LIMIT", "5 per minute;30 per hour"),
        "FOLLOW_ADDRESS_RATE_LIMIT": get("FOLLOW_ADDRESS_RATE_LIMIT", "3 per hour;6 per day"),
        # How many months after a consultation is processed its comments, responses and e-mail addresses
        # are kept (the privacy page /personvern says so; a later pruning command deletes by it).
        "RETENTION_MONTHS": int(get("RETENTION_MONTHS", "12")),
        # Notices and digests cover up to this long before the run: what was being saved then is next.
        "NOTIFICATION_SETTLE_SECONDS": int(get("NOTIFICATION_SETTLE_SECONDS", "60")),
        # Where analyses and exports run: "rq" (a worker, needs REDIS_URL) or "thread" (in the web process).
        "ANALYSIS_BACKEND": get("ANALYSIS_BACKEND") or ("rq" if get("REDIS_URL") else "thread"),
        # Reports from readers that hide a comment until a moderator decides.
        "FLAG_THRESHOLD": int(get("FLAG_THRESHOLD", "3")),
        # How many proxies in front of the app set X-Forwarded-For (0: none, take the socket's address).
        "PROXY_COUNT": int(get("PROXY_COUNT", "0")),
        # The site's address (https://hoering.kommune.no): absolute links are built on it, and requests
        # for any other host are refused. Unset, links follow the request's Host (development only).
        "PUBLIC_URL": get("PUBLIC_URL", ""),
        # Busy public pages (a consultation's, the front page) kept as rendered for readers who are not
        # logged in, per process, until the data or the day changes (hoering/page_cache). 0 turns it off.
        "PAGE_CACHE": _is_on(get("PAGE_CACHE", "1")),
        "PAGE_CACHE_MEGABYTES": int(get("PAGE_CACHE_MEGABYTES", "32")),
        # How long a cached page's comment counts may be behind (a new comment changes nothing else on it).
        "PAGE_CACHE_COUNTS_SECONDS": float(get("PAGE_CACHE_COUNTS_SECONDS", "5")),
        # E-mail (hoering/mail), under Flask-Mailman's names. Without MAIL_SERVER nothing is sent: each
        # message is written as an .eml file to MAIL_OUTBOX instead, and the staff pages say so.
        "MAIL_SERVER": get("MAIL_SERVER", ""),
        "MAIL_PORT": int(get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _is_on(get("MAIL_USE_TLS", "0")),  # STARTTLS on the plain port (587)
        "MAIL_USE_SSL": _is_on(get("MAIL_USE_SSL", "0")),  # TLS from the start (465)
        "MAIL_USERNAME": get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": get("MAIL_PASSWORD", ""),
        "MAIL_DEFAULT_SENDER": get("MAIL_DEFAULT_SENDER", "hoering@localhost"),
        "MAIL_TIMEOUT": float(get("MAIL_TIMEOUT", "30")),  # seconds to wait for the mail server
        "MAIL_OUTBOX": get("MAIL_OUTBOX", str(INSTANCE_DIR / "outbox")),
        # Seconds to wait before each further attempt after a transient failure (server down, 4xx).
        "MAIL_RETRY_DELAYS": retry_delays_from(get("MAIL_RETRY_DELAYS", "10,60,300")),
        # ClamAV's clamd, which scans every attachment of a formal response: its socket path
        # (/run/clamav/clamd.ctl) or tcp://host:port. Unset, uploads are not scanned and the staff pages say so.
        "CLAMD_SOCKET": get("CLAMD_SOCKET", ""),
        # Prometheus metrics at /metrics (hoering/metrics); off by default, and when off /metrics is a 404.
        # Not for the public: restrict /metrics at the proxy (README, "Metrics").
        "METRICS_ENABLED": _is_on(get("METRICS_ENABLED", "0")),
        # "json": one JSON object per log line on stderr, with each request's id (hoering/request_log.py);
        # "text": Flask's readable lines. JSON under gunicorn (it sets SERVER_SOFTWARE), else text.
        "LOG_FORMAT": log_format_from(get("LOG_FORMAT", ""), get("SERVER_SOFTWARE", "")),
    }


def log_format_from(value: str, server_software: str = "") -> str:
    """LOG_FORMAT, "json" or "text"; unset, "json" under gunicorn and "text" for `flask run` and commands.
    Anything else stops the app at start-up rather than leaving the logs in a format no one reads."""
    value = value.strip().lower() or ("json" if server_software.startswith("gunicorn") else "text")
    if value not in ("json", "text"):
        raise ValueError(f"LOG_FORMAT must be json or text, got {value!r}")
    return value


def _is_on(value: str) -> bool:
    """A yes/no setting: "1" as everywhere here, and "true"/"yes"/"on" as Flask-Mailman's own docs write it."""
    return value.strip().lower() in {"1", "true", "yes", "on"}


def retry_delays_from(value: str) -> tuple[float, ...]:
    """MAIL_RETRY_DELAYS, "10,60,300": the waits in seconds before the second, third, … attempt.

    "" means one attempt only. A negative or unreadable number stops the app at start-up rather
    than when the first message fails.
    """
    delays = tuple(float(part) for part in value.split(",") if part.strip())
    if any(delay < 0 for delay in delays):
        raise ValueError(f"MAIL_RETRY_DELAYS must be seconds of zero or more, got {value!r}")
    return delays


def per_process_limits_warning(workers: int, environ: Mapping[str, str] | None = None) -> str | None:
    """The warning to log at start-up when rate limits cannot hold across several worker processes.

    Without Redis each process counts in its own memory, so N workers allow N times every limit
    (and a client is let in again by landing on another worker). None when there is nothing to say.
    """
    settings = settings_from(environ)
    if workers <= 1 or not settings["RATELIMIT_ENABLED"] or settings["REDIS_URL"]:
        return None
    return (
        f"{workers} workers and no REDIS_URL: rate limits (logins, comments, agreements) are counted "
        f"per worker, so each allows {workers} times its limit. Set REDIS_URL to share the counters."
    )


def public_url_warning(environ: Mapping[str, str] | None = None) -> str | None:
    """The warning to log when a production server starts without PUBLIC_URL: its absolute links
    (the API's, a printed summary's) would follow whatever Host a request names."""
    if settings_from(environ)["PUBLIC_URL"]:
        return None
    return ("PUBLIC_URL is not set: absolute links follow the request's Host header, which anyone can forge. "
            "Set it to the site's address, e.g. https://hoering.kommune.no.")


def start_up_warnings(workers: int, environ: Mapping[str, str] | None = None) -> list[str]:
    """What a production server should log when it starts: settings that leave a hole open."""
    return [warning for warning in (per_process_limits_warning(workers, environ), public_url_warning(environ))
            if warning]
