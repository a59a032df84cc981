"""Gunicorn's settings for hoering; gunicorn reads this file when started from the project folder."""
from hoering.config import start_up_warnings


def when_ready(server) -> None:
    """Warn once, in the master's log, about settings that leave a hole open (rate-limit counters the
    workers cannot share, links built on a forged Host)."""
    for warning in start_up_warnings(server.cfg.workers):
        server.log.warning(warning)
