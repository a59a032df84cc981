"""Where an analysis runs: on an RQ worker when Redis is configured, in a background thread otherwise.

Either way the request that asked for it returns at once; the page shows the run's progress.
Start a worker with ``rq worker hoering --url $REDIS_URL`` from the project folder (see README).
"""
from __future__ import annotations

import threading

from flask import Flask

from hoering.casework.services import execute_run

QUEUE_NAME = "hoering"
JOB_TIMEOUT_SECONDS = 3600

_threads: list[threading.Thread] = []


def dispatch(app: Flask, run_id: int) -> None:
    """Start the run in the configured background: "rq" or "thread"."""
    if app.config["ANALYSIS_BACKEND"] == "rq":
        from redis import Redis
        from rq import Queue

        queue = Queue(QUEUE_NAME, connection=Redis.from_url(app.config["REDIS_URL"]))
        queue.enqueue(run_in_worker, run_id, job_timeout=JOB_TIMEOUT_SECONDS)
    else:
        thread = threading.Thread(target=_run_in_thread, args=(app, run_id), name=f"analysis-{run_id}", daemon=True)
        _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
        thread.start()


def wait_for_background_runs(timeout: float = 120) -> None:
    """Wait for the analyses running in threads of this process (tests; a graceful shutdown)."""
    for thread in list(_threads):
        thread.join(timeout)


def _run_in_thread(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute_run(run_id)
        except Exception:  # already stored on the run; keep the thread's death quiet but logged
            app.logger.exception("Analysis run %s failed", run_id)


def run_in_worker(run_id: int) -> None:
    """The RQ job: a worker process builds its own app from the environment and runs the analysis."""
    from hoering import create_app

    app = create_app()
    with app.app_context():
        execute_run(run_id)
