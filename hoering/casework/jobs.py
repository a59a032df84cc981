"""Where an analysis runs: on an RQ worker when Redis is configured, in a background thread otherwise
(hoering.background). Either way the request that asked for it returns at once; the page shows the
run's progress.
"""
from __future__ import annotations

from flask import Flask

from hoering import background

EXECUTE_RUN = "hoering.casework.services:execute_run"


def dispatch(app: Flask, run_id: int) -> None:
    """Start the run in the configured background: "rq" or "thread"."""
    background.run_in_background(app, EXECUTE_RUN, run_id)
