"""GET /metrics: Prometheus's text format, only when METRICS_ENABLED is on.

When it is off the blueprint is not registered, so /metrics is a 404 like any unknown address and
no request is counted. The route is public to the app (no login: Prometheus has none) and never
rate-limited (a scraper every 15 s from one address); the proxy must keep it from the public
(README, "Metrics").
"""
from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, request
from prometheus_client.exposition import choose_encoder

from hoering.accounts.access import public
from hoering.extensions import limiter
from hoering.metrics import http_requests
from hoering.metrics.processes import check_folder
from hoering.metrics.services import scrape_registry

blueprint = Blueprint("metrics", __name__)


@blueprint.get("/metrics")
@public
@limiter.exempt
def metrics():
    registry = scrape_registry(current_app.extensions[http_requests.EXTENSION], current_app.config)
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))  # text, or OpenMetrics if asked
    response = Response(encode(registry), content_type=content_type)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Count requests and serve /metrics, when METRICS_ENABLED is on; otherwise do nothing."""
    if not app.config["METRICS_ENABLED"]:
        return
    check_folder()
    http_requests.init_app(app)
    app.register_blueprint(blueprint)
