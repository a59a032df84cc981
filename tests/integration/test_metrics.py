"""Prometheus metrics at /metrics (hoering/metrics): off by default, and when on, requests counted by
endpoint and status, timed by endpoint, and what is waiting (held comments, RQ jobs) read at scrape time.

The multiprocess mode (several gunicorn workers, one sum) is tested in processes of their own:
prometheus_client chooses how it stores samples when it is first imported, from the environment, and
this process imported it without PROMETHEUS_MULTIPROC_DIR.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from hoering.comments.models import HELD_FLAGS, PENDING
from hoering.extensions import db
from tests.factories import make_comment, make_consultation
from tests.gunicorn_server import served_by_gunicorn

PROJECT = Path(__file__).resolve().parents[2]


def scrape(client) -> dict[tuple[str, frozenset], float]:
    """Every sample of /metrics: (name, labels) → value."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    return samples_of(response.get_data(as_text=True))


def samples_of(text: str) -> dict[tuple[str, frozenset], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples, name: str, **labels) -> float | None:
    return samples.get((name, frozenset(labels.items())))


@pytest.fixture
def metrics_on(settings) -> dict:
    """METRICS_ENABLED on; ask for it before ``app``."""
    settings["METRICS_ENABLED"] = True
    return settings


def test_metrics_are_off_by_default_and_then_a_404(client):
    assert client.get("/metrics").status_code == 404


def test_the_setting_is_read_from_the_environment():
    from hoering.config import settings_from

    assert settings_from({})["METRICS_ENABLED"] is False
    assert settings_from({"METRICS_ENABLED": "1"})["METRICS_ENABLED"] is True
    assert settings_from({"METRICS_ENABLED": "0"})["METRICS_ENABLED"] is False


def test_requests_are_counted_by_endpoint_and_status_not_by_path(metrics_on, client):
    make_consultation()
    assert client.get("/hoeringer/digital-dialog").status_code == 200
    assert client.get("/hoeringer/digital-dialog").status_code == 200
    assert client.get("/hoeringer/finnes-ikke").status_code == 404  # a rule matched; the view found nothing
    assert client.get("/ingen/slik/side").status_code == 404  # no rule matched
    assert client.get("/api/v1/consultations").status_code == 200

    samples = scrape(client)

    requests = "hoering_http_requests_total"
    assert value(samples, requests, endpoint="consultations.consultation", status="200") == 2
    assert value(samples, requests, endpoint="consultations.consultation", status="404") == 1
    assert value(samples, requests, endpoint="404", status="404") == 1
    assert value(samples, requests, endpoint="api.consultations", status="200") == 1
    labels = {dict(key)["endpoint"] for name, key in samples if name == requests}
    assert not any("/" in label for label in labels), labels  # never a raw path: bounded label values


def test_each_endpoint_has_a_latency_histogram(metrics_on, client):
    make_consultation()
    client.get("/hoeringer/digital-dialog")
    client.get("/api/v1/consultations")
    client.get("/api/v1/consultations")

    samples = scrape(client)

    duration = "hoering_http_request_duration_seconds"
    assert value(samples, duration + "_count", endpoint="api.consultations") == 2
    assert value(samples, duration + "_bucket", endpoint="api.consultations", le="+Inf") == 2
    assert value(samples, duration + "_count", endpoint="consultations.consultation") == 1
    assert value(samples, duration + "_sum", endpoint="consultations.consultation") > 0
    buckets = [dict(key)["le"] for name, key in samples
               if name == duration + "_bucket" and dict(key)["endpoint"] == "api.consultations"]
    assert len(buckets) > 5


def test_the_scrape_itself_is_counted_on_the_next_one(metrics_on, client):
    scrape(client)
    assert value(scrape(client), "hoering_http_requests_total", endpoint="metrics.metrics", status="200") == 1


def test_held_comments_are_counted_by_reason(metrics_on, app, client):
    consultation = make_consultation()
    make_comment(consultation)  # published: not held
    held = make_comment(consultation, text="Dette bør en moderator se på.")
    held.status, held.held_reason = PENDING, HELD_FLAGS
    db.session.commit()

    samples = scrape(client)

    assert value(samples, "hoering_comments_held", reason="flags") == 1
    assert value(samples, "hoering_comments_held", reason="premoderation") == 0
    assert value(samples, "hoering_comments_held", reason="personal_data") == 0

    held.status = "published"  # a moderator lets it through: the next scrape says so
    db.session.commit()
    assert value(scrape(client), "hoering_comments_held", reason="flags") == 0


@pytest.fixture
def limits_everywhere(rate_limited):
    """Rate limits on, with a default limit on every route and an application-wide one. Flask-Limiter's
    limiter is one object for every app, and keeps limits read from the config: put them back after."""
    from hoering.extensions import limiter

    manager = limiter.limit_manager
    before = manager._default_limits, manager._application_limits
    manager.set_default_limits([])
    manager.set_application_limits([])
    rate_limited.update(RATELIMIT_DEFAULT="2 per minute", RATELIMIT_APPLICATION="5 per minute")
    yield rate_limited
    manager.set_default_limits(before[0])
    manager.set_application_limits(before[1])


def test_metrics_are_never_rate_limited(metrics_on, limits_everywhere, client):
    pages = [client.get("/api/v1/consultations").status_code for _ in range(3)]
    assert pages == [200, 200, 429]  # the limits are on, and other routes feel them
    scrapes = [client.get("/metrics").status_code for _ in range(10)]
    assert scrapes == [200] * 10


def test_no_job_gauges_without_redis(metrics_on, client):
    names = {name for name, _ in scrape(client)}
    assert "hoering_jobs_queued" not in names
    assert "hoering_jobs_failed" not in names


def explode() -> None:
    """An RQ job that fails, for the failed job registry."""
    raise RuntimeError("meant to fail")


def test_jobs_queued_and_failed_are_read_from_redis(metrics_on, app, client, rq_worker):
    rq_worker.queue.enqueue(f"{__name__}.explode")
    rq_worker.work()  # fails, into the failed job registry
    rq_worker.queue.enqueue(f"{__name__}.explode")  # waits

    samples = scrape(client)

    assert value(samples, "hoering_jobs_queued", queue="hoering") == 1
    assert value(samples, "hoering_jobs_failed", queue="hoering") == 1


def test_job_gauges_are_left_out_when_redis_does_not_answer(metrics_on, app, client):
    app.config.update(ANALYSIS_BACKEND="rq", REDIS_URL="redis://127.0.0.1:9/0")  # the discard port: refused
    samples = scrape(client)
    assert value(samples, "hoering_comments_held", reason="flags") == 0  # the rest of the scrape stands
    assert "hoering_jobs_queued" not in {name for name, _ in samples}


def test_a_missing_multiprocess_folder_stops_the_app_at_start(metrics_on, tmp_path, monkeypatch):
    from hoering import create_app

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "finnes-ikke"))
    with pytest.raises(ValueError, match="PROMETHEUS_MULTIPROC_DIR"):
        create_app(metrics_on)


# Several processes -------------------------------------------------------------------------------

WORKER = textwrap.dedent("""
    import json, sys
    from hoering import create_app

    settings, paths, scrape = json.loads(sys.argv[1]), sys.argv[2:], None
    app = create_app(settings)
    client = app.test_client()
    with app.app_context():
        for path in paths:
            response = client.get(path)
            if path == "/metrics":
                scrape = response.get_data(as_text=True)
    print(json.dumps(scrape))
""")


def run_worker(settings: dict, folder: Path, *paths: str) -> str | None:
    """One process, as a gunicorn worker would be: its own app, the shared folder, the given GETs."""
    environ = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    done = subprocess.run([sys.executable, "-c", WORKER, json.dumps(settings), *paths], cwd=PROJECT,
                          env=environ, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_in_multiprocess_mode_a_scrape_sums_every_process(metrics_on, app, tmp_path):
    folder = tmp_path / "metrics"
    folder.mkdir()
    run_worker(metrics_on, folder, "/api/v1/consultations", "/ingen/slik/side")
    text = run_worker(metrics_on, folder, "/api/v1/consultations", "/metrics")

    samples = samples_of(text)
    requests = "hoering_http_requests_total"
    assert value(samples, requests, endpoint="api.consultations", status="200") == 2  # one from each process
    assert value(samples, requests, endpoint="404", status="404") == 1  # from the first, which has exited
    assert value(samples, "hoering_http_request_duration_seconds_count", endpoint="api.consultations") == 2
    assert value(samples, "hoering_comments_held", reason="flags") == 0  # read at scrape time, once
    assert len(list(folder.glob("counter_*.db"))) == 2  # one file of counters per process


# Gunicorn, as production runs it -----------------------------------------------------------------

@pytest.mark.slow
def test_gunicorn_with_metrics_on_sums_its_workers(app, tmp_path):
    pytest.importorskip("gunicorn")
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_999999.db").write_bytes(b"left by an earlier run")  # cleared at start-up
    with served_by_gunicorn(app, tmp_path, METRICS_ENABLED="1", PROMETHEUS_MULTIPROC_DIR=str(folder)) as base:
        for _ in range(8):  # a new connection each: the workers take turns as they are free
            urllib.request.urlopen(f"{base}/api/v1/consultations", timeout=30).read()
        for _ in range(4):  # whichever worker answers the scrape, it counts all eight
            text = urllib.request.urlopen(f"{base}/metrics", timeout=30).read().decode()
            assert value(samples_of(text), "hoering_http_requests_total",
                         endpoint="api.consultations", status="200") == 8
        assert not (folder / "counter_999999.db").exists()
    output = (tmp_path / "gunicorn.log").read_text()
    assert "Traceback" not in output, output
