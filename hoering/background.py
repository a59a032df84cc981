"""Work that outlives the request asking for it: an analysis, a large export.

``run_in_background(app, "package.module:function", *args)`` calls the function with ``args`` inside
an app context, either on an RQ worker (queue "hoering", when ``ANALYSIS_BACKEND`` is "rq") or in a
daemon thread of this process. Either way the request returns at once; the function records its own
progress and outcome in the database, where the page that follows it reads them.

The function is named by its import path rather than passed as an object because an RQ worker is
another process: it can only import a module-level function, never a closure or a bound method.
Start a worker with ``rq worker hoering --url $REDIS_URL`` from the project folder (see README).
"""
from __future__ import annotations

import importlib
import threading

from flask import Flask

QUEUE_NAME = "hoering"
# The states of a piece of background work, as its row in the database records them.
QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
ACTIVE = (QUEUED, RUNNING)
JOB_TIMEOUT_SECONDS = 3600
WORKER_ENTRY = "hoering.worker.run_job"
# The setting is named after the first thing that ran in the background; it decides for all of it.
BACKEND_SETTING = "ANALYSIS_BACKEND"

_threads: list[threading.Thread] = []


def run_in_background(app: Flask, function: str, *args) -> None:
    """Call ``function`` ("package.module:name") with ``args`` on an RQ worker or in a thread."""
    resolve(function)  # a misspelt path fails here, in the request, rather than later in a worker
    if app.config[BACKEND_SETTING] == "rq":
        from redis import Redis
        from rq import Queue

        queue = Queue(QUEUE_NAME, connection=Redis.from_url(app.config["REDIS_URL"]))
        # By name: the worker's entry (hoering.worker) builds the whole app, which no feature imports.
        queue.enqueue(WORKER_ENTRY, function, *args, job_timeout=JOB_TIMEOUT_SECONDS)
        return
    name = f"{function.rpartition(':')[2]}-{'-'.join(map(str, args))}"
    thread = threading.Thread(target=_run_in_thread, args=(app, function, args), name=name, daemon=True)
    _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
    thread.start()


def wait_for_threads(timeout: float = 120) -> None:
    """Wait for the background work running in threads of this process (tests; a graceful shutdown)."""
    for thread in list(_threads):
        thread.join(timeout)


def resolve(function: str):
    """The function an import path "package.module:name" names."""
    module, _, name = function.partition(":")
    return getattr(importlib.import_module(module), name)


def _run_in_thread(app: Flask, function: str, args: tuple) -> None:
    with app.app_context():
        try:
            resolve(function)(*args)
        except Exception:  # the function has stored its failure; keep the thread's death quiet but logged
            app.logger.exception("Background job %s%r failed", function, args)
