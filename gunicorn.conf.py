"""Gunicorn's settings for hoering; gunicorn reads this file when started from the project folder."""
from gunicorn.glogging import Logger

from hoering.config import settings_from, start_up_warnings
from hoering.metrics import processes as metrics_processes
from hoering.request_log import JsonFormatter

# No access log of gunicorn's: the app writes one line per request itself (hoering/request_log.py), with
# the request's id and without the client's IP address. `--access-logfile` on the command line still wins.
accesslog = None


class JsonLogger(Logger):
    """Gunicorn's own lines (a worker booting, timing out) in the app's JSON too, when LOG_FORMAT is json."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        if settings_from()["LOG_FORMAT"] == "json":
            for handler in self.error_log.handlers:
                handler.setFormatter(JsonFormatter())


logger_class = JsonLogger


def when_ready(server) -> None:
    """Warn once, in the master's log, about settings that leave a hole open (rate-limit counters the
    workers cannot share, links built on a forged Host)."""
    for warning in start_up_warnings(server.cfg.workers):
        server.log.warning(warning)


# With METRICS_ENABLED the workers write their samples to one folder and a scrape sums them all
# (prometheus_client's multiprocess mode, README "Metrics"). Set in the environment here, when gunicorn
# reads this file, before any worker imports prometheus_client: PROMETHEUS_MULTIPROC_DIR, or a new
# temporary folder. None when metrics are off.
metrics_folder = metrics_processes.prepare_folder()


def on_starting(server) -> None:
    """Empty the metrics folder of an earlier run's samples, once, before the first worker starts."""
    if metrics_folder:
        metrics_processes.clear_folder(metrics_folder)


def child_exit(server, worker) -> None:
    """A worker has gone (restarted, timed out): prometheus_client drops its live gauges."""
    if metrics_folder:
        metrics_processes.mark_worker_dead(worker.pid)
