"""Engine set-up: SQLite pragmas on every connection, and write transactions that wait their turn.

SQLite allows one writer at a time. A transaction that starts as a reader and later writes can
fail at once with "database is locked" when another writer got in between; busy_timeout does not
help there. So on SQLite a POST request opens its transaction with ``BEGIN IMMEDIATE``: it takes the
write lock up front and waits (up to the busy timeout) for its turn. Readers are never blocked in
WAL mode. PostgreSQL needs none of this.

A view with slow work before its writes (posting a comment renders Markdown and runs the
personal-data guard) is marked ``writes_later`` and calls ``begin_write()`` itself once that work is
done, so no other writer waits on it meanwhile.
"""
from __future__ import annotations

from flask import Flask, current_app, request
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from hoering.extensions import db

WRITE_OPTION = "hoering_write"
WRITES_LATER = "writes_later"


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    _configure_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])

    @app.before_request
    def take_write_lock_for_posts() -> None:
        if request.method == "POST" and not _view_writes_later():
            begin_write()


def writes_later(view):
    """Mark a view whose POST takes the write lock itself, with ``begin_write()``, right before writing."""
    setattr(view, WRITES_LATER, True)
    return view


def _view_writes_later() -> bool:
    return getattr(current_app.view_functions.get(request.endpoint), WRITES_LATER, False)


def begin_write() -> None:
    """Start the session's transaction as a writer (on SQLite: BEGIN IMMEDIATE).

    A read transaction left open by earlier work in the same app context is ended first, since
    it cannot be upgraded safely; at the start of a request it holds nothing unsaved.
    """
    if db.session().in_transaction():
        db.session.commit()
    db.session.connection(execution_options={WRITE_OPTION: True})


_TRANSACTION_NOTES: set[str] = set()


def transaction_notes(*keys: str) -> None:
    """Declare notes that session listeners keep in ``session.info`` under ``keys`` for the transaction
    under way (what it changed, to be written before the commit): dropped when the transaction commits
    or is rolled back, so that none is carried into the next."""
    _TRANSACTION_NOTES.update(keys)
    if not event.contains(Session, "after_commit", _forget_notes):
        event.listen(Session, "after_commit", _forget_notes)
        event.listen(Session, "after_soft_rollback", _forget_notes_after_rollback)


def _forget_notes(session: Session) -> None:
    for key in _TRANSACTION_NOTES:
        session.info.pop(key, None)


def _forget_notes_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost: a savepoint's rollback leaves the rest
        _forget_notes(session)


def dialect_insert(model, session=None):
    """An INSERT for ``model`` in the dialect of the database in use (``session``'s, by default the
    app's), for its ON CONFLICT clauses, which SQLite and PostgreSQL spell alike."""
    dialect = (session or db.session).get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook below emit BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
