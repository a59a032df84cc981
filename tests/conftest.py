"""Fixtures for every test: an app on a migrated database (SQLite, or TEST_DATABASE_URL), a client,
and a page checker. Each test starts from empty tables."""
from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from hoering import create_app
from hoering.extensions import db
from tests.pages import PageChecker


def _settings(url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "hoering.test",
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
def settings(database_url) -> dict:
    """Test settings; a test may change them before asking for ``app``."""
    return _settings(database_url)


@pytest.fixture
def app(settings):
    app = create_app(settings)
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
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
