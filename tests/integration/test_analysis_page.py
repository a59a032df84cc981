"""The caseworker runs the analysis from the page; it runs in the background and the page follows it."""
import time

import pytest
import sqlalchemy as sa

from hoering.casework.models import AnalysisRun
from hoering.extensions import db
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation

PAGE = "/admin/hoeringer/digital-dialog/analyse"


def wait_for_run(timeout: float = 60) -> AnalysisRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()  # end this session's snapshot, to see what the worker committed
        run = db.session.scalar(sa.select(AnalysisRun).order_by(AnalysisRun.id.desc()))
        if run is not None and not run.is_active:
            return run
        time.sleep(0.2)
    raise AssertionError("the analysis did not finish in time")


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 3):
        make_comment(consultation, None, text=f"{text} ({n})", organisation="Fjordvik FAU" if n == 4 else "")
    return consultation


def test_the_caseworker_runs_the_analysis_in_the_background_and_reads_it(consultation, client, auth, pages):
    auth.login_as("caseworker")
    page = pages.get(PAGE)
    assert "Analysen er ikke kjørt ennå." in page.get_text()
    started = time.monotonic()
    response = client.post(PAGE)
    assert response.status_code == 302 and time.monotonic() - started < 5  # the request does not wait
    run = wait_for_run()
    assert run.status == "done", run.error
    page = pages.get(PAGE)
    assert "Analysen gjelder 18 innspill" in page.get_text()
    assert page.select(".theme h3")
    quote = page.select_one(".theme blockquote.quote")
    assert quote["cite"].startswith("/admin/innspill/")
    assert page.select(".heat-map li")
    assert client.get(f"{PAGE}/status").get_json() == {"status": "done", "stage": run.stage, "progress": 1.0}


def test_the_page_says_when_the_analysis_is_stale(consultation, client, auth, pages, app):
    app.test_cli_runner().invoke(args=["analyse", "digital-dialog"])
    make_comment(consultation, None, text="Et helt nytt innspill om bibliotekets åpningstider.")
    auth.login_as("caseworker")
    assert "Kjør den på nytt" in pages.get(PAGE).get_text()


def test_flask_analyse_runs_and_reports(consultation, app):
    result = app.test_cli_runner().invoke(args=["analyse", "digital-dialog"])
    assert result.exit_code == 0, result.output
    assert "Analysed 18 comments" in result.output
    missing = app.test_cli_runner().invoke(args=["analyse", "finnes-ikke"])
    assert missing.exit_code != 0


def test_flask_analyse_finds_the_themes_afresh_when_asked(consultation, app):
    for args in (["analyse", "digital-dialog"], ["analyse", "digital-dialog", "--recluster"]):
        result = app.test_cli_runner().invoke(args=args)
        assert result.exit_code == 0, result.output
    assert "found afresh" in result.output
    runs = db.session.scalars(sa.select(AnalysisRun.recluster).order_by(AnalysisRun.id)).all()
    assert runs == [False, True]


def test_on_an_rq_worker_when_redis_is_configured(consultation, client, auth, rq_worker):
    auth.login_as("caseworker")
    client.post(PAGE)
    assert rq_worker.count == 1
    rq_worker.work()
    assert wait_for_run(timeout=5).status == "done"
