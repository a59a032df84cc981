"""Records, in order, when Markdown is rendered, when SQLite's write lock is taken and when rows of
one table are inserted: the tests of work done before the lock (hoering.database.writes_later)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from hoering import markup
from hoering.extensions import db


@contextmanager
def lock_order(monkeypatch, table: str) -> Iterator[list[str]]:
    """Yields a list that fills with "render", "BEGIN IMMEDIATE" and "INSERT" as they happen."""
    events: list[str] = []
    render = markup.render
    monkeypatch.setattr(markup, "render", lambda text, *args: events.append("render") or render(text, *args))

    def record(_connection, _cursor, statement, *_args) -> None:
        if statement.startswith("BEGIN IMMEDIATE"):
            events.append("BEGIN IMMEDIATE")
        elif statement.startswith(f"INSERT INTO {table} "):  # not {table}_tally
            events.append("INSERT")

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield events
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
