"""After a stricter guard: published comments it now flags are held back, once, for a moderator."""
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.comments.models import HELD_PERSONAL_DATA, PENDING, PUBLISHED, Comment
from hoering.extensions import db
from hoering.moderation import services
from hoering.moderation.recheck import hold_published_personal_data
from tests.factories import make_comment, make_consultation

VALID_NATIONAL_ID = "01017010170"
WRITTEN_THE_OLD_GUARD_MISSED = f"Fnr {VALID_NATIONAL_ID[:6]}-{VALID_NATIONAL_ID[6:]}, ring meg."


def published_before_the_upgrade(consultation, text: str = "Jeg støtter forslaget.", **fields) -> Comment:
    """A comment the guard of the day let through: published as it stands, whatever it holds."""
    comment = make_comment(consultation, **fields)
    comment.text, comment.status, comment.held_reason = text, PUBLISHED, None
    db.session.commit()
    return comment


def test_published_comments_the_guard_now_flags_are_held_and_logged(app):
    consultation = make_consultation()
    leaked = published_before_the_upgrade(consultation, WRITTEN_THE_OLD_GUARD_MISSED)
    in_the_name = published_before_the_upgrade(consultation, author_name="Kari 912-34-567")
    clean = published_before_the_upgrade(consultation, "Kommunen bør svare innen 14 dager.")
    held = hold_published_personal_data(batch_size=2)
    assert held == [leaked.id, in_the_name.id]
    db.session.expire_all()
    assert [(c.status, c.held_reason) for c in (leaked, in_the_name)] == [(PENDING, HELD_PERSONAL_DATA)] * 2
    assert clean.status == PUBLISHED and leaked.moderated_at is not None
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.target_id == str(leaked.id)))
    assert (entry.action, entry.actor, entry.after["personal_data"]) == ("comment.hold", "system", ["national_id"])
    assert VALID_NATIONAL_ID not in str(entry.before) + str(entry.after)
    assert hold_published_personal_data() == []


def test_a_comment_a_moderator_published_knowingly_stays_published(app, auth):
    consultation = make_consultation()
    comment = make_comment(consultation, text=WRITTEN_THE_OLD_GUARD_MISSED)
    assert comment.status == PENDING
    services.approve(comment, auth.user("moderator"), "Innsenderen ba om det selv.", confirmed=True)
    assert hold_published_personal_data() == []
    assert db.session.get(Comment, comment.id).status == PUBLISHED


def test_the_command_says_how_many_it_held(app):
    consultation = make_consultation()
    published_before_the_upgrade(consultation, WRITTEN_THE_OLD_GUARD_MISSED)
    result = app.test_cli_runner().invoke(args=["moderation", "recheck"])
    assert result.exit_code == 0, result.output
    assert "Held back 1 published comment" in result.output
