"""The bytes of export files, kept in the database (``ExportFilePart``) rather than on a disk.

A worker on one machine makes the file and a web process on another hands it out; the database is the
one place they both reach, so no folder needs to be shared. A file is stored in parts of PART_SIZE
bytes, one row each, and read back a part at a time, so memory stays flat however large the file is.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import sqlalchemy as sa
from flask import Flask

from hoering.exports.models import ExportFilePart
from hoering.extensions import db

# Large enough that a file of 50 MB is 50 rows, small enough that a part is no burden to hold, to send
# as one query parameter (PostgreSQL's bytea, SQLite's BLOB) or to read back.
PART_SIZE = 1024 * 1024


class FileGone(Exception):
    """A part of the file was deleted while it was being read (the export expired meanwhile)."""


def store(job_id: int, source: BinaryIO) -> int:
    """Store what ``source`` holds, read to its end, as the file of export ``job_id``; returns its size
    in bytes. Does not commit: the caller stores the file and marks the export done in one transaction,
    so a file is either whole and ready or not there at all."""
    size = 0
    number = 0
    while part := source.read(PART_SIZE):
        db.session.execute(sa.insert(ExportFilePart).values(job_id=job_id, number=number, data=part))
        size += len(part)
        number += 1
    return size


def is_stored(job_id: int) -> bool:
    """Whether export ``job_id`` has its file (one made before the files moved into the database has not)."""
    return db.session.scalar(sa.select(sa.exists().where(ExportFilePart.job_id == job_id)))


def streamed(app: Flask, job_id: int) -> Iterator[bytes]:
    """The file's bytes for a response body, read in an app context of its own: a WSGI server reads the
    body after the view has returned and the request's context is gone."""
    with app.app_context():
        yield from parts(job_id)


def parts(job_id: int) -> Iterator[bytes]:
    """The file's parts in order, each read in a short transaction of its own, so a slow download keeps
    no transaction open (on SQLite an open reader stops the write-ahead log from being checkpointed).

    Raises FileGone when a part has been deleted since the first was read, so a download is cut off
    rather than ending as a shorter, broken file."""
    with db.engine.connect() as connection:
        count = connection.scalar(sa.select(sa.func.count()).where(ExportFilePart.job_id == job_id))
    for number in range(count):
        with db.engine.connect() as connection:
            part = connection.scalar(sa.select(ExportFilePart.data).where(
                ExportFilePart.job_id == job_id, ExportFilePart.number == number))
        if part is None:
            raise FileGone(f"export {job_id} lost part {number} of {count} while it was read")
        yield part


def delete(job_ids: sa.Select) -> int:
    """Delete the files of the exports ``job_ids`` selects; returns how many files went. Does not commit."""
    deleted = db.session.scalar(sa.select(sa.func.count(sa.distinct(ExportFilePart.job_id)))
                                .where(ExportFilePart.job_id.in_(job_ids)))
    db.session.execute(sa.delete(ExportFilePart).where(ExportFilePart.job_id.in_(job_ids)),
                       execution_options={"synchronize_session": False})  # parts are never loaded as objects
    return deleted
