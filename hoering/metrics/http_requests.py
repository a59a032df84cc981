"""What each request adds: a count by endpoint and status, and its duration by endpoint.

The label is the endpoint of the URL rule that matched ("consultations.consultation"), never the path:
a path can be anything a client types, an endpoint is one of a known few. A request no rule matched
is labelled with the routing error's status ("404", "405"). The time runs from Flask's
``request_started`` to ``request_finished`` signal, so it covers the before- and after-request hooks;
a streamed body is timed until the view returns it, not until the last byte is sent.
"""
from __future__ import annotations

from time import perf_counter

from flask import Flask, Response, request, request_finished, request_started
from prometheus_client import CollectorRegistry, Counter, Histogram

EXTENSION = "hoering.metrics"
_STARTED = "hoering.metrics.started"  # the request's start, kept in its WSGI environ


class RequestMetrics:
    """The request counter and latency histogram of one app (tests build many apps in one process)."""

    def __init__(self) -> None:
        # registry=None: a scrape puts them into a registry of its own (hoering.metrics.services).
        self.requests = Counter(
            "hoering_http_requests", "HTTP requests answered, by endpoint and status code.",
            ["endpoint", "status"], registry=None,
        )
        self.duration = Histogram(
            "hoering_http_request_duration_seconds", "Time to answer an HTTP request, by endpoint.",
            ["endpoint"], registry=None,
        )

    def register(self, registry: CollectorRegistry) -> None:
        registry.register(self.requests)
        registry.register(self.duration)

    def record(self, endpoint: str, status: int, seconds: float) -> None:
        self.requests.labels(endpoint=endpoint, status=str(status)).inc()
        self.duration.labels(endpoint=endpoint).observe(seconds)


def endpoint_label() -> str:
    """The matched rule's endpoint, or the routing error's status code when no rule matched."""
    if request.url_rule is not None:
        return request.url_rule.endpoint
    return str(getattr(request.routing_exception, "code", None) or 404)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = RequestMetrics()
    # Module-level receivers: blinker holds them weakly, and the module keeps them alive.
    request_started.connect(_started, app)
    request_finished.connect(_finished, app)


def _started(sender: Flask, **extra) -> None:
    request.environ[_STARTED] = perf_counter()


def _finished(sender: Flask, response: Response, **extra) -> None:
    started = request.environ.get(_STARTED)
    seconds = perf_counter() - started if started is not None else 0.0
    sender.extensions[EXTENSION].record(endpoint_label(), response.status_code, seconds)
