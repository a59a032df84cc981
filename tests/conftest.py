"""Fixtures for every test: an app on a migrated database (SQLite, or TEST_DATABASE_URL), a client,
and a page checker. Each test starts from empty tables."""
from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from hoering import create_app
from hoering.background import QUEUE_NAME, wait_for_threads
from hoering.comments.models import Comment, CommentTally
from hoering.extensions import db
from tests.pages import PageChecker

pytest_plugins = ["tests.smtp"]  # the SMTP server fixtures: smtp_server, mail_settings, mail_server


def _settings(url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "hoering.test",
        "RATELIMIT_ENABLED": False,
        # A test that changes a comment reads the page at once: no cached page may be behind by design.
        "PAGE_CACHE_COUNTS_SECONDS": 0,
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A migrated, empty database for the whole run: the real migrations, not create_all()."""
    from flask_migrate import upgrade

    from hoering.config import database_url_from

    url = os.environ.get("TEST_DATABASE_URL")
    url = database_url_from(url) if url else f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = create_app(_settings(url))
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture
def settings(database_url, tmp_path) -> dict:
    """Test settings; a test may change them before asking for ``app``."""
    # No MAIL_SERVER: e-mail goes to an outbox of .eml files, the test's own (tests/integration/
    # test_mail_sending.py starts a real SMTP server where sending is what is tested).
    return {**_settings(database_url), "MAIL_SERVER": "",
            "MAIL_OUTBOX": str(tmp_path / "utboks"), "MAIL_RETRY_DELAYS": (0, 0)}


@pytest.fixture
def rate_limited(settings) -> dict:
    """Rate limits on, in fresh in-memory storage; ask for it before ``app``."""
    settings.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    return settings


@pytest.fixture
def app(settings):
    app = create_app(settings)
    with app.app_context():
        yield app
        wait_for_threads()  # an analysis or export thread still writing would block emptying the tables
        db.session.remove()
        try:
            _check_stored_counts()
        finally:
            _empty_tables()
            db.engine.dispose()


def _check_stored_counts() -> None:
    """After every test, whatever it did: the stored comment counts (hoering.comments.tallies) are the
    comments counted."""
    comment, tally = Comment.__table__, CommentTally.__table__
    with db.engine.connect() as connection:
        counted = set(connection.execute(
            sa.select(comment.c.consultation_id, sa.func.coalesce(comment.c.anchor, ""), comment.c.status, sa.func.count())
            .group_by(comment.c.consultation_id, comment.c.anchor, comment.c.status)))
        stored = set(connection.execute(sa.select(tally.c.consultation_id, tally.c.anchor, tally.c.status, tally.c.count)
                                        .where(tally.c.count != 0)))
    assert stored == counted, f"stored comment counts differ: only stored {stored - counted}, only counted {counted - stored}"


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]  # no reserved words among them
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(sa.text(f"DELETE FROM {table}"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def pages(client) -> PageChecker:
    return PageChecker(client)


class AuthActions:
    """Log in as a staff member holding given roles, through the real login form."""

    PASSWORD = "et langt nok passord"

    def __init__(self, client) -> None:
        self.client = client

    def user(self, *roles: str, email: str | None = None):
        from hoering.accounts.services import create_user, find_user

        email = email or f"{'-'.join(roles) or 'uten-rolle'}@fjordvik.example.no"
        return find_user(email) or create_user(email, f"Ansatt {' '.join(roles)}", self.PASSWORD, roles)

    def login_as(self, *roles: str, email: str | None = None):
        user = self.user(*roles, email=email)
        response = self.client.post("/logg-inn", data={"email": user.email, "password": self.PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    def logout(self) -> None:
        self.client.post("/logg-ut")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


class RQWorker:
    """Redis (TEST_REDIS_URL) as the app's background: ``count`` is what is queued, ``work()`` runs it
    all as an `rq worker` process would, building its own app from the environment."""

    def __init__(self, app, url: str) -> None:
        from redis import Redis
        from rq import Queue

        self.app, self.connection = app, Redis.from_url(url)
        self.connection.flushdb()
        self.queue = Queue(QUEUE_NAME, connection=self.connection)
        app.config.update(ANALYSIS_BACKEND="rq", REDIS_URL=url)

    @property
    def count(self) -> int:
        return self.queue.count

    def work(self) -> None:
        from rq import SimpleWorker

        config = self.app.config
        shared = {"DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"], "MAIL_SERVER": config["MAIL_SERVER"],
                  "MAIL_PORT": str(config["MAIL_PORT"]), "MAIL_OUTBOX": config["MAIL_OUTBOX"], "MAIL_RETRY_DELAYS": "0,0"}
        before = {name: os.environ.get(name) for name in shared}
        os.environ.update(shared)
        try:
            SimpleWorker([self.queue], connection=self.connection).work(burst=True)
        finally:
            for name, value in before.items():
                if value is None:
                    del os.environ[name]
                else:
                    os.environ[name] = value


@pytest.fixture
def rq_worker(app) -> RQWorker:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (.ci/run starts Redis and sets it)")
    return RQWorker(app, url)
