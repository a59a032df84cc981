"""Gunicorn's settings for hoering; gunicorn reads this file when started from the project folder."""
from hoering.config import per_process_limits_warning


def when_ready(server) -> None:
    """Warn once, in the master's log, when the workers cannot share rate-limit counters."""
    warning = per_process_limits_warning(server.cfg.workers)
    if warning:
        server.log.warning(warning)
