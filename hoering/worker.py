"""What an RQ worker runs for a job that hoering.background queued: an app of its own, built from
the environment, and the named function inside its context.

A module of its own because it builds the whole app (every feature); the features that queue work
import only hoering.background.
"""
from __future__ import annotations

from hoering import create_app
from hoering.background import resolve


def run_job(function: str, *args) -> None:
    """The RQ job: a worker process builds its own app from the environment and calls the function."""
    app = create_app()
    with app.app_context():
        resolve(function)(*args)
