"""Moving the page generation with every committed change, so that no cached page outlives its data.

A cached public page (hoering.page_cache.pages) is kept under the generation it was rendered in, and
served only while the generation stands. The generation moves in the same transaction as the change
itself, so every process on every machine sees the change and the new generation at the same moment:
no page can be served from before a change once that change is visible.

Which writes count is decided here, once, from the session's own events, not by each feature: a new
model counts without anyone remembering to say so. Only bookkeeping that no public page shows is left
out (``UNTRACKED_TABLES``), some of it written by reading pages (the open data's served versions),
some of it often (an export's progress).

There are two numbers. SITE moves with every change. CONTENT moves with every change but those to
the comments themselves (``COUNTED_TABLES``), which the cached pages show only as counts: a page may
then be served for a few seconds more with counts that are behind (hoering.page_cache.pages), so that
a thousand comments an hour do not make the busiest page be rendered a thousand times over.

The rows are moved right before the commit: on PostgreSQL their locks are held from there to the
commit only, so long transactions do not queue the others behind them.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from hoering.clock import utcnow
from hoering.database import dialect_insert, transaction_notes
from hoering.extensions import db
from hoering.page_cache.models import CONTENT, SITE, PageGeneration

UNTRACKED_TABLES = frozenset({
    "page_generation",
    "served_version",  # the open data's Last-Modified bookkeeping, written by GET requests
    "export_job",  # a background export's progress
    "export_file_part",  # its file
    "audit_entry",  # who did what: written with the change itself, or for a lookup that changes nothing
    "mail_message",  # outgoing e-mail and how sending went
})
# What the cached pages show of comments is their counts only.
COUNTED_TABLES = frozenset({"comment", "comment_tally", "agreement", "flag"})
_READ = f"SELECT id, generation, changed_at FROM page_generation WHERE id IN ({int(SITE)}, {int(CONTENT)})"
_CHANGED = "hoering.page_cache.changed"  # the set of generations this transaction moves


@dataclass(frozen=True)
class Generations:
    """Both numbers now, each with the moment it moved (so that a database restored from a backup, its
    counts lower, never meets a copy cached under the same count)."""

    site: tuple
    content: tuple


def current_generations() -> Generations | None:
    """The generations now, or None where a row is missing (a database made without the migrations and
    not written to since): then nothing is cached."""
    # Asked on every cached page: straight to the driver on a connection of its own, past the ORM's
    # statement and transaction handling, which cost a reader's request a quarter of its time
    # (bench/bench_pages.py --profile consultation). A page served from the cache reads nothing else.
    with db.engine.connect() as connection:
        rows = {row[0]: tuple(row[1:]) for row in connection.exec_driver_sql(_READ)}
    if SITE not in rows or CONTENT not in rows:
        return None
    return Generations(rows[SITE], rows[CONTENT])


def init_app(app: Flask) -> None:
    """Listen to every session (once per process): after hoering.comments.tallies, whose counts written
    before the commit are changes too."""
    if not event.contains(Session, "after_flush", _note_flush):
        event.listen(Session, "after_flush", _note_flush)
        event.listen(Session, "do_orm_execute", _note_statement)
        event.listen(Session, "before_commit", _move_generation)
    transaction_notes(_CHANGED)


def _moved_by(table_name: str) -> set[int]:
    """The generations a change to the table moves."""
    if table_name in UNTRACKED_TABLES:
        return set()
    return {SITE} if table_name in COUNTED_TABLES else {SITE, CONTENT}


def _changed_objects(session: Session) -> set[int]:
    dirty = (obj for obj in session.dirty if session.is_modified(obj, include_collections=False))
    return {number for obj in chain(session.new, session.deleted, dirty) for number in _moved_by(obj.__table__.name)}


def _note(session: Session, numbers: set[int]) -> None:
    if numbers:
        session.info.setdefault(_CHANGED, set()).update(numbers)


def _note_flush(session: Session, _flush_context) -> None:
    """After a flush the session still lists what it wrote (new, dirty, deleted)."""
    _note(session, _changed_objects(session))


def _note_statement(state) -> None:
    """An UPDATE, DELETE or INSERT statement run through the session, outside the unit of work."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        _note(state.session, {SITE, CONTENT} if table is None else _moved_by(table.name))


def _move_generation(session: Session) -> None:
    numbers = session.info.pop(_CHANGED, set()) | _changed_objects(session)
    if not numbers or session.get_bind().dialect.name not in ("sqlite", "postgresql"):
        return
    now = utcnow()
    for number in sorted(numbers):  # always in the same order: two commits never wait on each other
        insert = dialect_insert(PageGeneration, session).values(id=number, generation=1, changed_at=now)
        session.execute(insert.on_conflict_do_update(
            index_elements=["id"],
            set_={"generation": PageGeneration.generation + 1, "changed_at": insert.excluded.changed_at},
        ))
    session.info.pop(_CHANGED, None)  # the statements above flushed what was pending: counted already

