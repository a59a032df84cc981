"""The readiness checks behind ``/readyz``, as plain functions: each answers OK, FAILED or NOT_CONFIGURED.

A check never raises and never says why it failed: the answer goes to whoever can reach the health
check, so the reason (which may name a host and port) goes to the log only.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa

from hoering.extensions import db

OK = "ok"
FAILED = "failed"
NOT_CONFIGURED = "not configured"
# A load balancer gives up after a few seconds; a check that hangs longer only ties up a worker.
TIMEOUT_SECONDS = 2

log = logging.getLogger(__name__)  # under the app's logger, "hoering"


def check_database() -> str:
    """A trivial query on a connection of its own (not the request's session), in an app context."""
    try:
        with db.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                # Only for this transaction; the connection goes back to the pool without it.
                connection.exec_driver_sql(f"SET LOCAL statement_timeout = {TIMEOUT_SECONDS * 1000}")
            connection.execute(sa.text("SELECT 1")).scalar_one()
    except Exception as error:  # noqa: BLE001 (whatever went wrong, the database is not ready)
        log.warning("Readiness: the database check failed: %s: %s", type(error).__name__, error)
        return FAILED
    return OK


def check_redis(url: str) -> str:
    """PING the Redis at ``url``; NOT_CONFIGURED when there is none (REDIS_URL unset)."""
    if not url:
        return NOT_CONFIGURED
    from redis import Redis

    try:
        client = Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as error:  # noqa: BLE001 (a refused connection, a timeout, a wrong password, a bad URL)
        log.warning("Readiness: the Redis check failed: %s: %s", type(error).__name__, error)
        return FAILED
    return OK


def readiness(redis_url: str) -> dict[str, str]:
    """Every check by name, as ``/readyz`` reports them."""
    return {"database": check_database(), "redis": check_redis(redis_url)}


def is_ready(checks: dict[str, str]) -> bool:
    return all(result in (OK, NOT_CONFIGURED) for result in checks.values())
