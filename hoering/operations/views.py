"""Health checks for load balancers and orchestrators (Kubernetes' liveness and readiness probes).

``/healthz``: the process answers; nothing else is touched, so a slow database never gets a healthy
process restarted. ``/readyz``: the database answers, and Redis when REDIS_URL is set; 503 otherwise,
so the balancer sends requests elsewhere. Both are JSON for machines, never rate-limited, never
cached, set no cookie, and answer whatever Host the probe sends (often the pod's address).
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from hoering.accounts.access import public
from hoering.extensions import limiter
from hoering.operations.checks import is_ready, readiness
from hoering.public_url import any_host

blueprint = Blueprint("operations", __name__)
limiter.exempt(blueprint)  # a probe every few seconds from every balancer must never be refused


@blueprint.after_request
def never_cached(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/healthz")
@public
@any_host
def healthz():
    return jsonify(status="ok")


@blueprint.get("/readyz")
@public
@any_host
def readyz():
    checks = readiness(current_app.config["REDIS_URL"])
    if is_ready(checks):
        return jsonify(status="ok", checks=checks)
    return jsonify(status="unavailable", checks=checks), 503
