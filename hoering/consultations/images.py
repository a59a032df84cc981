"""The pictures of Word drafts, stored in the database by their content and served from it.

A picture is named by the SHA-256 of its bytes (hex), the name the draft's Markdown uses
(``bilde:<sha256>``, hoering.draft_images). So storing is idempotent and shared: the same picture in
two drafts, or uploaded twice, is one row, and what is served under a name never changes (the route
lets browsers keep it for a year).

Only a planner's upload stores a picture, and only as a PNG, JPEG, GIF or WebP file by its first
bytes (consultations.docx_images). Every stored picture is served to anyone who asks for it by
name, without looking for a published draft that shows it: the name is the hash of the picture, so
only someone who has the picture, or saw a page that shows it, can ask; the check would cost a
search through every draft on every request; and the planner's preview of an unsaved draft shows
the pictures the same way. A picture no draft refers to any longer is deleted by
``flask drafts prune-images`` a day after it was last uploaded.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hoering.clock import utcnow
from hoering.consultations.docx_report import ConvertedImage
from hoering.consultations.models import DraftVersion
from hoering.database import begin_write, dialect_insert
from hoering.draft_images import is_image_id, referenced_images
from hoering.extensions import db

UNREFERENCED_FOR = timedelta(days=1)
_BATCH = 500


class DraftImage(db.Model):
    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    # When it was last uploaded: pruning spares a picture a planner may be previewing, however old.
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


def save_images(images: Iterable[ConvertedImage]) -> int:
    """Store the pictures of a converted Word draft that are not stored yet, and mark all of them as
    just uploaded; commits. Returns how many were new. Takes the write lock (``begin_write``), so a
    view may call it before another service that writes does so again."""
    wanted = {image.sha256: image for image in images}
    if not wanted:
        return 0
    begin_write()
    now = utcnow()
    stored = set()
    for names in _batches(list(wanted)):
        stored.update(db.session.scalars(sa.select(DraftImage.sha256).where(DraftImage.sha256.in_(names))))
        db.session.execute(sa.update(DraftImage).where(DraftImage.sha256.in_(names)).values(uploaded_at=now))
    new = [
        {"sha256": name, "content_type": image.content_type, "size": len(image.data), "data": image.data,
         "uploaded_at": now}
        for name, image in wanted.items() if name not in stored
    ]
    if new:
        # Another planner's upload of the same picture may come first (on PostgreSQL, which does not
        # wait for the write lock as SQLite does): then the row is there, and that is all we wanted.
        db.session.execute(dialect_insert(DraftImage).on_conflict_do_nothing(index_elements=["sha256"]), new)
    db.session.commit()
    return len(new)


def get_image(name: str) -> DraftImage | None:
    """The stored picture of this name, or None (also for a name no picture can have)."""
    return db.session.get(DraftImage, name) if is_image_id(name) else None


def prune_images(unreferenced_for: timedelta = UNREFERENCED_FOR, kept_sources: Iterable[str] = ()) -> int:
    """Delete the pictures no draft version (nor any of ``kept_sources``: drafts waiting to be
    published) refers to that were last uploaded longer ago than ``unreferenced_for``; commits.
    Returns how many were deleted."""
    begin_write()
    cutoff = utcnow() - unreferenced_for
    candidates = set(db.session.scalars(sa.select(DraftImage.sha256).where(DraftImage.uploaded_at < cutoff)))
    if candidates:
        sources = db.session.scalars(sa.select(DraftVersion.source).execution_options(yield_per=50))
        for source in chain(sources, kept_sources):
            candidates -= referenced_images(source)
    for names in _batches(sorted(candidates)):
        db.session.execute(sa.delete(DraftImage).where(DraftImage.sha256.in_(names)))
    db.session.commit()
    return len(candidates)


def _batches(names: list[str]):
    for start in range(0, len(names), _BATCH):
        yield names[start:start + _BATCH]
