"""Prometheus metrics at /metrics, when METRICS_ENABLED is on (README, "Metrics").

``http_requests`` counts every request by endpoint and status and times it; ``services`` reads, at scrape
time, what is waiting (comments held for moderation, jobs queued and failed on Redis); ``processes``
sums gunicorn's workers through prometheus_client's multiprocess mode; ``views`` serves the text.

Nothing is imported here: gunicorn.conf.py imports ``processes`` before prometheus_client may be.
"""
