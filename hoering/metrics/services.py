"""The registry a scrape reads, and the gauges computed when it is read: what is waiting now.

Held comments and jobs are counted in the database and on Redis at scrape time, not kept in the
processes: the numbers are the same whichever worker answers, and no worker has to be told when a
moderator publishes a comment or a job fails on the RQ worker.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from prometheus_client import CollectorRegistry
from prometheus_client.metrics_core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from hoering.background import BACKEND_SETTING, QUEUE_NAME
from hoering.comments.models import HELD_FLAGS, HELD_PERSONAL_DATA, HELD_PREMODERATION, PENDING, Comment
from hoering.extensions import db
from hoering.metrics.processes import folder
from hoering.metrics.http_requests import RequestMetrics

logger = logging.getLogger(__name__)

HELD_REASONS = (HELD_PREMODERATION, HELD_PERSONAL_DATA, HELD_FLAGS)
REDIS_TIMEOUT_SECONDS = 2  # a scrape waits no longer than this for Redis before leaving the job gauges out


def scrape_registry(request_metrics: RequestMetrics, config) -> CollectorRegistry:
    """A registry for one scrape: the request metrics (every worker's, in multiprocess mode) and
    the gauges read now."""
    registry = CollectorRegistry()
    if folder():
        MultiProcessCollector(registry, path=folder())  # registers itself: the sums over every worker's files
    else:
        request_metrics.register(registry)
    registry.register(WaitingWork(config))
    return registry


class WaitingWork:
    """A prometheus_client collector: comments held for moderation, and (with the RQ backend) jobs
    queued and failed. Called in the scrape's request, so it has the app's database session."""

    def __init__(self, config) -> None:
        self.config = config

    def collect(self):
        yield held_comments()
        yield from rq_jobs(self.config)


def held_comments() -> GaugeMetricFamily:
    """Comments waiting for a moderator (status pending), by why they were held; every known reason
    is there, at 0 when none is held for it, so a graph has no gaps."""
    counts = dict.fromkeys(HELD_REASONS, 0)
    rows = db.session.execute(
        sa.select(Comment.held_reason, sa.func.count()).where(Comment.status == PENDING).group_by(Comment.held_reason)
    )
    for reason, count in rows:
        counts[reason or "unknown"] = counts.get(reason or "unknown", 0) + count
    gauge = GaugeMetricFamily("hoering_comments_held", "Comments held for moderation, by reason.", labels=["reason"])
    for reason, count in counts.items():
        gauge.add_metric([reason], count)
    return gauge


def rq_jobs(config) -> list[GaugeMetricFamily]:
    """Jobs waiting on the RQ queue and jobs in its failed registry. Left out when background work
    runs in threads (no REDIS_URL: nothing is queued anywhere to count), and when Redis does not
    answer: an absent series, not a 0 that would say all is well."""
    if config[BACKEND_SETTING] != "rq":
        return []
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    connection = Redis.from_url(config["REDIS_URL"], socket_timeout=REDIS_TIMEOUT_SECONDS,
                                socket_connect_timeout=REDIS_TIMEOUT_SECONDS)
    try:
        queue = Queue(QUEUE_NAME, connection=connection)
        queued = queue.count
        failed = queue.failed_job_registry.get_job_count(cleanup=False)  # a scrape only reads
    except RedisError as error:
        logger.warning("Metrics: Redis did not answer, so the job gauges are left out: %s", error)
        return []
    finally:
        connection.close()
    gauges = []
    for name, help_text, value in (
        ("hoering_jobs_queued", "Background jobs waiting on the RQ queue.", queued),
        ("hoering_jobs_failed", "Background jobs in the RQ queue's failed job registry.", failed),
    ):
        gauge = GaugeMetricFamily(name, help_text, labels=["queue"])
        gauge.add_metric([QUEUE_NAME], value)
        gauges.append(gauge)
    return gauges
