"""Moderation rules: what is held, and what each decision does (and logs)."""
import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.comments import services as comments
from hoering.comments.models import HELD_FLAGS, HELD_PERSONAL_DATA, HELD_PREMODERATION, HIDDEN, PENDING, PUBLISHED
from hoering.extensions import db
from hoering.moderation import services
from tests.factories import make_comment, make_consultation

VALID_NATIONAL_ID = "01017010170"  # a valid fødselsnummer: 1 January 1970, both check digits hold


def audit_actions(comment_id: int) -> list[str]:
    return list(db.session.scalars(
        sa.select(AuditEntry.action)
        .where(AuditEntry.target_type == "comment", AuditEntry.target_id == str(comment_id))
        .order_by(AuditEntry.id)
    ))


@pytest.fixture
def moderator(auth):
    return auth.user("moderator")


def test_a_comment_with_a_national_id_is_held_whatever_the_mode(app):
    consultation = make_consultation()
    comment = make_comment(consultation, text=f"Mitt fødselsnummer er {VALID_NATIONAL_ID}, ring meg.")
    assert (comment.status, comment.held_reason) == (PENDING, HELD_PERSONAL_DATA)
    assert comments.counts_by_anchor(consultation) == {}


def test_a_phone_number_in_the_name_field_holds_the_comment_too(app):
    comment = make_comment(make_consultation(), author_name="Kari 912 34 567")
    assert comment.held_reason == HELD_PERSONAL_DATA


def test_pre_moderation_holds_every_comment(app):
    comment = make_comment(make_consultation(moderation_mode="pre"))
    assert (comment.status, comment.held_reason) == (PENDING, HELD_PREMODERATION)


def test_the_queue_shows_held_and_reported_comments_with_findings(app):
    consultation = make_consultation()
    held = make_comment(consultation, text=f"Fnr {VALID_NATIONAL_ID}")
    reported = make_comment(consultation, text="Dere er idioter alle sammen.")
    make_comment(consultation, text="Et helt vanlig innspill.")
    comments.flag(reported, "leser-1", "Personangrep", threshold=3)
    items = services.queue()
    assert [i.comment.id for i in items] == [held.id, reported.id]
    assert [f.kind for f in items[0].findings] == ["national_id"]
    assert ("".join(part for part, _ in items[0].segments)) == held.text
    assert [kind for _, kind in items[0].segments] == [None, "national_id"]
    assert [f.reason for f in items[1].flags] == ["Personangrep"]


def test_enough_flags_hide_a_comment_until_a_moderator_decides(app, moderator):
    comment = make_comment(make_consultation())
    for n in range(3):
        assert comments.flag(comment, f"leser-{n}", "Reklame", threshold=3)
    assert not comments.flag(comment, "leser-0", "Igjen", threshold=3)
    assert (comment.status, comment.held_reason) == (PENDING, HELD_FLAGS)
    services.approve(comment, moderator)
    assert comment.status == PUBLISHED
    assert services.queue() == []  # its reports are handled


def test_hiding_needs_a_public_reason_and_can_be_undone(app, moderator):
    comment = make_comment(make_consultation())
    with pytest.raises(services.ModerationRejected):
        services.hide(comment, moderator, "  ")
    services.hide(comment, moderator, "Personangrep")
    assert (comment.status, comment.moderation_note) == (HIDDEN, "Personangrep")
    assert [i.comment.id for i in services.queue("hidden")] == [comment.id]
    services.restore(comment, moderator)
    assert comment.status == PUBLISHED and comment.text
    assert audit_actions(comment.id) == ["comment.hide", "comment.restore"]


def test_redaction_replaces_the_span_and_keeps_the_original_only_in_the_audit_log(app, moderator):
    comment = make_comment(make_consultation(), text=f"Ring Ola på 912 34 567 eller fnr {VALID_NATIONAL_ID}.")
    assert services.redact_personal_data(comment, moderator) == 2
    assert comment.text == "Ring Ola på [fjernet] eller fnr [fjernet]."
    assert VALID_NATIONAL_ID not in comment.html
    services.redact(comment, moderator, "Ola")
    assert comment.text == "Ring [fjernet] på [fjernet] eller fnr [fjernet]."
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "comment.redact").order_by(AuditEntry.id))
    assert VALID_NATIONAL_ID in entry.before["text"]
    with pytest.raises(services.ModerationRejected):
        services.redact(comment, moderator, "finnes ikke")


def test_erasure_blanks_name_and_email_and_logs_what_not_the_values(app, auth):
    admin = auth.user("admin")
    comment = make_comment(make_consultation(), author_name="Kari Nordmann", email="kari@example.no")
    services.erase_personal_data(comment, admin, remove_text=False)
    assert (comment.author_name, comment.email, comment.text) == ("(slettet)", None, "Jeg støtter forslaget.")
    services.erase_personal_data(comment, admin, remove_text=True)
    assert "slettet" in comment.text
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "comment.erase"))
    assert "Kari" not in str(entry.before) + str(entry.after)


def test_publishing_what_the_guard_still_finds_needs_a_reason_and_a_confirmation(app, moderator):
    comment = make_comment(make_consultation(), text=f"Fnr {VALID_NATIONAL_ID}, skriv det gjerne.")
    for reason, confirmed, field in [("", False, "reason"), ("  ", True, "reason"), ("Ønsket av innsender", False,
                                                                                         "confirm")]:
        with pytest.raises(services.ModerationRejected) as rejected:
            services.approve(comment, moderator, reason, confirmed)
        assert rejected.value.field == field
    assert comment.status == PENDING and audit_actions(comment.id) == []
    services.approve(comment, moderator, "Ønsket av innsender", confirmed=True)
    assert comment.status == PUBLISHED
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "comment.approve"))
    assert entry.after["reason"] == "Ønsket av innsender"
    assert entry.after["published_with_personal_data"] == ["national_id"]


def test_restoring_a_hidden_comment_with_personal_data_needs_the_same(app, moderator):
    comment = make_comment(make_consultation(), author_name="Kari 912 34 567")
    services.hide(comment, moderator, "Personopplysninger")
    with pytest.raises(services.ModerationRejected):
        services.restore(comment, moderator)
    assert comment.status == HIDDEN
    services.restore(comment, moderator, "Nummeret er sentralbordet til en bedrift", confirmed=True)
    assert comment.status == PUBLISHED


def test_a_comment_without_findings_is_approved_with_one_click(app, moderator):
    comment = make_comment(make_consultation(moderation_mode="pre"))
    services.approve(comment, moderator)
    assert comment.status == PUBLISHED


def test_the_moderator_chooses_which_marked_pieces_to_redact_in_name_organisation_and_text(app, moderator):
    comment = make_comment(make_consultation(), author_name="Kari 912 34 567", organisation="Lag kari@example.no",
                           text=f"Ring 913 45 678, fnr {VALID_NATIONAL_ID}.")
    marked = services.marked_personal_data(comment)
    assert [(m.field, m.kind) for m in marked] == [
        ("author_name", "phone"), ("organisation", "email"), ("text", "phone"), ("text", "national_id")]
    keep = marked[2]
    assert services.redact_personal_data(comment, moderator, [m.key for m in marked if m is not keep]) == 3
    assert (comment.author_name, comment.organisation) == ("Kari [fjernet]", "Lag [fjernet]")
    assert comment.text == "Ring 913 45 678, fnr [fjernet]." and VALID_NATIONAL_ID not in comment.html
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "comment.redact"))
    assert set(entry.before) == {"author_name", "organisation", "text"}
    with pytest.raises(services.ModerationRejected):
        services.redact_personal_data(comment, moderator, [keep.key, "text:0:4"])
    with pytest.raises(services.ModerationRejected):
        services.redact_personal_data(comment, moderator, [])


def test_free_text_redaction_forgives_spaces_and_line_breaks(app, moderator):
    comment = make_comment(make_consultation(), text="Ola\nNordmann bor her. Ola  Nordmann vet det.")
    assert services.redact(comment, moderator, "  Ola Nordmann ") == 2
    assert comment.text == "[fjernet] bor her. [fjernet] vet det."
    with pytest.raises(services.ModerationRejected):
        services.redact(comment, moderator, "   ")


def test_a_redacted_name_still_fits_its_column(app, moderator):
    comment = make_comment(make_consultation(), author_name="K" * 113 + " a@b.no")  # 120, the column's length
    services.redact_personal_data(comment, moderator)
    assert comment.author_name == ("K" * 113 + " [fjernet]")[:120]


def test_redacting_a_comment_the_renderer_refuses_is_a_rejection_not_a_crash(app, moderator):
    comment = make_comment(make_consultation(), text="Ring Ola.")
    comment.text = "Ring Ola.\n\n" + "- " * 500 + "x"  # stored before nesting was bounded
    with pytest.raises(services.ModerationRejected):
        services.redact(comment, moderator, "Ola")
