"""Several gunicorn workers, one set of numbers: prometheus_client's multiprocess mode.

Each worker is a process of its own, with its own counters, and a scrape reaches one of them. With
``PROMETHEUS_MULTIPROC_DIR`` naming a folder, every process writes its samples to memory-mapped files
there and a scrape, whichever worker answers it, sums them all (``MultiProcessCollector``).
prometheus_client decides how it stores samples when it is first imported, from the process
environment, so the variable must be set before that: gunicorn.conf.py calls ``prepare_folder`` when
it is read, before a worker imports the app, and the workers inherit the variable.

Nothing here imports prometheus_client at module level, for the same reason.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

from hoering.config import settings_from

# prometheus_client's own name for it; the library reads the environment itself, so this module does too.
FOLDER_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def folder() -> str | None:
    """The multiprocess folder this process writes its samples to, or None (one process, in memory)."""
    return os.environ.get(FOLDER_VARIABLE) or None


def check_folder() -> None:
    """Stop at start-up, not at the first request, when the folder is named but missing: every
    request would fail to record its sample."""
    path = folder()
    if path and not os.path.isdir(path):
        raise ValueError(f"{FOLDER_VARIABLE} is {path!r}, which is not a folder: create it, or unset the variable")


def prepare_folder(environ: MutableMapping[str, str] | None = None) -> str | None:
    """For gunicorn, when metrics are on: the folder the workers share, made if need be.

    ``PROMETHEUS_MULTIPROC_DIR`` if the operator set it, else a new temporary folder, set in the
    environment the workers inherit. Reading the config again (gunicorn's HUP) keeps the same folder.
    """
    environ = os.environ if environ is None else environ
    if not settings_from(environ)["METRICS_ENABLED"]:
        return None
    if not environ.get(FOLDER_VARIABLE):
        environ[FOLDER_VARIABLE] = tempfile.mkdtemp(prefix="hoering-metrics-")
    Path(environ[FOLDER_VARIABLE]).mkdir(parents=True, exist_ok=True)
    return environ[FOLDER_VARIABLE]


def clear_folder(path: str) -> None:
    """Delete the samples a previous run of the server left: its counters are not this run's, and
    prometheus_client asks for the folder to be emptied before the server starts."""
    for samples in Path(path).glob("*.db"):
        samples.unlink(missing_ok=True)


def mark_worker_dead(pid: int) -> None:
    """A worker has exited: drop its live gauges. Its counters and histograms stay in the sums, as
    Prometheus expects of counters."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(pid)
