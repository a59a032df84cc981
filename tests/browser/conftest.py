"""Browser tests: the app served on a free local port, with the demo loaded, driven by Debian's Chromium
through Playwright. `make test` installs Chromium, Playwright and axe-core (see the Makefile).

Every test module here is marked ``browser`` (``pytestmark``); the Makefile's PostgreSQL run leaves
them out, since they test pages, not the database.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from hoering import create_app
from hoering.extensions import db
from tests.conftest import _settings

CHROMIUM = "/usr/bin/chromium"
# What works for Debian's Chromium in a container without a display or a network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietRequestHandler(WSGIRequestHandler):
    """No line per request in the test output."""

    def log_request(self, *args, **kwargs) -> None:
        pass


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app on 127.0.0.1 and a free port, with its own migrated SQLite database and the demo.

    Its own database, not the suite's: the other tests empty every table after each test.
    """
    yield from serve(tmp_path_factory, "browser")


def serve(tmp_path_factory, name: str, **settings_of_its_own):
    """Serve a demo app of its own (database, exports, outbox) on a free port until the generator is
    closed; ``settings_of_its_own`` change its settings (a real SMTP server instead of the outbox …)."""
    from flask_migrate import upgrade

    from hoering.demo.loader import load_demo

    url = f"sqlite:///{tmp_path_factory.mktemp(f'{name}-db') / 'browser.db'}"
    settings = _settings(url)
    settings.update(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False, ANALYSIS_BACKEND="thread",
                    # No mail server: letters and receipts are .eml files in a folder of the run's own.
                    MAIL_SERVER="", MAIL_OUTBOX=str(tmp_path_factory.mktemp(f"{name}-outbox")),
                    MAIL_RETRY_DELAYS=(0, 0))
    settings.update(settings_of_its_own)
    del settings["SERVER_NAME"]  # the server answers on 127.0.0.1:<port>
    app = create_app(settings)
    with app.app_context():
        upgrade()
        load_demo()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name=f"{name}-server", daemon=True)
    thread.start()
    app.base_url = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def smtp():
    """A real SMTP server (aiosmtpd) for a module's own demo site."""
    from tests.smtp import MailServer, started

    controller = started(MailServer())
    yield controller.handler
    controller.stop()


@pytest.fixture(scope="module")
def smtp_site(tmp_path_factory, smtp):
    """The demo served with ``smtp`` as its mail server, and no settling time for notices."""
    yield from serve(tmp_path_factory, "smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_BACKEND=None,
                     MAIL_DEFAULT_SENDER="Fjordvik kommune <hoering@fjordvik.example.no>", MAIL_TIMEOUT=10,
                     NOTIFICATION_SETTLE_SECONDS=0)


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.base_url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, base_url):
    """A fresh browser (no cookies), in bokmål."""
    context = browser.new_context(base_url=base_url, extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def scan_context(browser, base_url):
    """Contexts for axe scans. They bypass the CSP: Playwright injects axe-core as an inline script,
    which the app's `script-src 'self'` would (rightly) block. Journeys never bypass it."""
    contexts = []

    def make(language: str = "nb", site: str | None = None):
        context = browser.new_context(base_url=site or base_url, bypass_csp=True,
                                      extra_http_headers={"Accept-Language": language})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
