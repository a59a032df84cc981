"""Citizens' comments on a unit (or the whole document), their replies and agreements."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hoering.clock import utcnow
from hoering.extensions import db

STANCES = ("support", "against", "neutral", "suggestion")

PUBLISHED = "published"
PENDING = "pending"  # waiting for a moderator: never shown publicly
HIDDEN = "hidden"  # hidden by a moderator: shown as a placeholder with the public reason
WITHDRAWN = "withdrawn"  # taken back by its sender (hoering.comments.receipts): a placeholder in its thread

HELD_PREMODERATION = "premoderation"
HELD_PERSONAL_DATA = "personal_data"
HELD_FLAGS = "flags"


class Comment(db.Model):
    __table_args__ = (
        sa.Index("ix_comment_thread_listing", "consultation_id", "anchor", "status", "parent_id", "id"),
        sa.Index("ix_comment_root", "root_id"),
        # The open-data feed: one consultation's published comments in id order.
        sa.Index("ix_comment_feed", "consultation_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # active_history: the stored counts (hoering.comments.tallies) need the value a change replaces.
    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"),
                                                 active_history=True)
    # The unit as the citizen saw it, in the version they read; anchor is what follows revisions.
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id", ondelete="SET NULL"))
    anchor: Mapped[str | None] = mapped_column(sa.String(80), active_history=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"))
    root_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"))
    author_name: Mapped[str] = mapped_column(sa.String(120))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    organisation: Mapped[str | None] = mapped_column(sa.String(200))
    stance: Mapped[str | None] = mapped_column(sa.String(20))
    text: Mapped[str] = mapped_column(sa.Text)
    html: Mapped[str] = mapped_column(sa.Text)
    agree_count: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(sa.String(20), default=PUBLISHED, index=True, active_history=True)
    held_reason: Mapped[str | None] = mapped_column(sa.String(20))
    moderation_note: Mapped[str | None] = mapped_column(sa.String(300))
    moderated_at: Mapped[datetime | None]
    moderated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    submission_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # An answer from the municipality (hoering.comments.answers), written by a staff member in a role;
    # it is not a citizen's input, so it is neither counted nor analysed as one.
    official: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id", ondelete="SET NULL"))
    answered_as: Mapped[str | None] = mapped_column(sa.String(20))
    # The sender's private link (hoering.comments.receipts): its token's SHA-256, never the token.
    receipt_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    edited_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]

    parent: Mapped[Comment | None] = relationship(remote_side=[id], foreign_keys=[parent_id])

    @property
    def is_from_organisation(self) -> bool:
        return bool(self.organisation)


def citizens_published(consultation_id: int):
    """The published comments of citizens, not the municipality's answers: what is counted,
    summarised and analysed as input to the consultation."""
    return (Comment.consultation_id == consultation_id) & (Comment.status == PUBLISHED) & Comment.official.is_(False)


class Agreement(db.Model):
    """One browser session agreeing with one comment; the pair is unique."""

    __table_args__ = (sa.UniqueConstraint("comment_id", "voter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"))
    voter: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Flag(db.Model):
    """A reader's report that a comment breaks the rules; one per browser session and comment."""

    __table_args__ = (sa.UniqueConstraint("comment_id", "voter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comment.id", ondelete="CASCADE"))
    voter: Mapped[str] = mapped_column(sa.String(64))
    reason: Mapped[str] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None]


WHOLE_DOCUMENT = ""  # the anchor key of comments on the whole document (a key column cannot be NULL)


class CommentTally(db.Model):
    """How many comments of a consultation are on one anchor in one status: the counts the pages show,
    kept by hoering.comments.tallies in the transaction of every change, so that no page counts
    the comments themselves."""

    consultation_id: Mapped[int] = mapped_column(sa.ForeignKey("consultation.id", ondelete="CASCADE"),
                                                 primary_key=True)
    anchor: Mapped[str] = mapped_column(sa.String(80), primary_key=True)  # WHOLE_DOCUMENT for None
    status: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
