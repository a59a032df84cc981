"""Backups as the README's "Backups" says to take them (issue 22): a `pg_dump --format=custom` of a live
PostgreSQL database restored with `pg_restore --no-owner` into a fresh one, and a live SQLite file
copied with SQLite's backup API. A new app on the copy serves everything: the consultation and its
comment (page and API), a formal response's attachment and a draft's picture (their bytes are rows too),
the search index (PostgreSQL recomputes the generated column on restore; SQLite's FTS5 tables are pages
of the file) and the migrations' version."""
from __future__ import annotations

import glob
import hashlib
import os
import secrets
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from hoering import create_app
from hoering.consultations.docx_report import ConvertedImage
from hoering.consultations.images import save_images
from hoering.extensions import db
from hoering.responses.models import FormalResponse, ResponseAttachment
from tests.factories import ORSTA, invite_bodies, make_comment, make_consultation
from tests.fixtures.documents import pdf_bytes
from tests.fixtures.word import PNG
from tests.pages import checked_page
from tests.uploads import answer_invitation

COMMENT = "Gangbrua over Storelva må brøytes før skolebussen går om morgenen."
SEARCH_WORD = "gangbrua"
LETTER = pdf_bytes("Brev fra Ørsta kommune om gangbrua")
PICTURE = hashlib.sha256(PNG).hexdigest()


def fill(app, client) -> dict:
    """A consultation with a comment, a formal response with a PDF attached and a draft's picture, all
    written through the app; returns the addresses a restored copy must serve."""
    consultation = make_consultation()
    comment = make_comment(consultation, text=COMMENT)
    save_images([ConvertedImage(PICTURE, "image/png", PNG)])
    answer_invitation(client, invite_bodies(app, consultation, ORSTA)[0], text="Ørsta støtter strategien.",
                      files=[("brev.pdf", LETTER)])
    response = db.session.scalar(sa.select(FormalResponse))
    attachment = db.session.scalar(sa.select(ResponseAttachment))
    db.session.commit()  # end the read, so a dump is not kept waiting on this session
    return {"comment_id": comment.id,
            "attachment": f"/hoeringer/digital-dialog/hoeringssvar/{response.id}/vedlegg/{attachment.id}"}


def assert_served(settings: dict, url: str, expected: dict) -> None:
    """A new app on the database at ``url`` serves what ``fill`` wrote, and its schema is at the
    migrations' head (`flask db current` says what `flask db heads` says)."""
    restored = create_app({**settings, "SQLALCHEMY_DATABASE_URI": url})
    with restored.app_context():
        try:
            client = restored.test_client()
            page = checked_page(client.get("/hoeringer/digital-dialog"))
            assert page.h1.get_text(strip=True) == "Strategi for digital dialog med innbyggerne"
            link = client.get(f"/hoeringer/digital-dialog/kommentarer/{expected['comment_id']}")
            path, anchor = link.location.split("#")
            assert COMMENT in checked_page(client.get(path)).select_one(f"#{anchor}").get_text(" ")

            api = client.get("/api/v1/consultations/digital-dialog/comments").get_json()
            assert [(c["id"], c["text"]) for c in api["comments"]] == [(expected["comment_id"], COMMENT)]

            results = checked_page(client.get(f"/sok?q={SEARCH_WORD}"))
            assert [hit.get_text(" ", strip=True) for hit in results.select(".search-snippet")] == [
                "Gangbrua over Storelva må brøytes før skolebussen går om morgenen."]
            assert results.select_one(".search-snippet mark").get_text() == "Gangbrua"

            assert client.get(expected["attachment"]).data == LETTER
            assert client.get(f"/hoeringer/bilder/{PICTURE}").data == PNG

            script = ScriptDirectory.from_config(restored.extensions["migrate"].migrate.get_config())
            with db.engine.connect() as connection:
                assert MigrationContext.configure(connection).get_current_revision() == script.get_current_head()
            upgrade()  # what a newer release runs after a restore: here there is nothing to do
        finally:
            db.session.remove()
            db.engine.dispose()


# PostgreSQL

def pg_tool(name: str) -> str | None:
    """Debian's newest PostgreSQL binaries (what .ci/run installs), else the PATH's."""
    versions = [Path(path) for path in glob.glob("/usr/lib/postgresql/*/bin") if Path(path).parent.name.isdigit()]
    for folder in sorted(versions, key=lambda path: int(path.parent.name), reverse=True):
        if os.access(folder / name, os.X_OK):
            return str(folder / name)
    return shutil.which(name)


def libpq_url(url: sa.URL) -> str:
    """A URL pg_dump and pg_restore read: no SQLAlchemy driver name."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def run(command: list[str]) -> None:
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, f"{Path(command[0]).name} failed: {finished.stderr}"


@contextmanager
def fresh_database(test_url: sa.URL):
    """An empty database on the test database's server, dropped afterwards; yields its URL."""
    name = f"hoering_restore_{secrets.token_hex(4)}"
    admin = sa.create_engine(test_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield test_url.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        admin.dispose()


def test_a_pg_dump_restored_into_a_fresh_database_is_served_whole(app, client, settings, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("pg_dump and pg_restore need PostgreSQL: set TEST_DATABASE_URL (.ci/run does)")
    pg_dump, pg_restore = pg_tool("pg_dump"), pg_tool("pg_restore")
    if not (pg_dump and pg_restore):
        pytest.skip("pg_dump or pg_restore not found on PATH or under /usr/lib/postgresql/*/bin")
    expected = fill(app, client)
    test_url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    dump = tmp_path / "hoering.dump"
    run([pg_dump, "--format=custom", f"--file={dump}", f"--dbname={libpq_url(test_url)}"])

    with fresh_database(test_url) as restored_url:
        run([pg_restore, "--no-owner", "--exit-on-error", f"--dbname={libpq_url(restored_url)}", str(dump)])
        assert_served(settings, restored_url.render_as_string(hide_password=False), expected)


# SQLite

def test_an_sqlite_backup_of_the_live_file_is_served_whole(app, client, settings, tmp_path):
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        pytest.skip("the SQLite backup is tested in the run on SQLite (without TEST_DATABASE_URL)")
    expected = fill(app, client)
    copy = tmp_path / "hoering-backup.db"
    # The app holds a read transaction open on the live file (WAL) while it is copied, as a busy server would.
    assert db.session.scalar(sa.text("SELECT count(*) FROM comment")) == 1
    source, target = sqlite3.connect(url.database), sqlite3.connect(copy)
    try:
        source.backup(target)  # what the sqlite3 shell's ".backup" does
    finally:
        source.close()
        target.close()
    db.session.rollback()
    assert_served(settings, f"sqlite:///{copy}", expected)
