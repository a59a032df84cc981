"""Retention: citizens' e-mail addresses are erased RETENTION_MONTHS after a consultation was marked
processed, and only once an archive package holding them was produced after its last change."""
from __future__ import annotations

import io
import json
import secrets
import zipfile
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from hoering.accounts.models import User
from hoering.accounts.services import create_user
from hoering.audit.models import AuditEntry
from hoering.background import wait_for_threads
from hoering.clock import utcnow
from hoering.comments.models import Comment
from hoering.comments.receipts import RECEIPT as COMMENT_RECEIPT
from hoering.consultations.planning import mark_processed
from hoering.extensions import db
from hoering.mail import sending
from hoering.mail.models import MailMessage
from hoering.moderation.services import hide
from hoering.notifications.models import CONSULTATION, TOPIC, Subscription
from hoering.notifications.services import follow_answers
from hoering.privacy.access_requests import collect
from hoering.privacy import retention
from hoering.privacy.retention import AUDIT_ACTION, Erasure, erase, months_before, pending, review
from hoering.responses import answers
from hoering.responses.archive import record_archive, write_archive
from hoering.responses.models import Body, FormalResponse, ResponseVersion
from hoering.topics.models import TOPIC as TOPIC_KIND
from hoering.topics.services import create_topic
from tests.factories import ORSTA, invite_bodies, make_comment, make_consultation

KARI = "kari.nordmann@example.no"
OLA = "ola.hansen@example.no"
PER = "per.berg@orsta.example.no"  # answers for Ørsta kommune: a person's own address at work
STAFF = "saksbehandler@fjordvik.example.no"
MONTHS = 12
LATER = timedelta(days=400)  # past a retention of twelve months
SOONER = timedelta(days=300)  # not yet


def _respond_openly(app, consultation, email: str, name: str) -> None:
    entry = answers.OpenInput(answers.ResponseInput(name, email, "Jeg er imot forslaget.", False),
                              answering_as=answers.AS_PERSON, publish_name=False)
    with app.test_request_context():
        answers.answer_openly(consultation, entry)
    wait_for_threads()


def _answer_for(app, consultation, invited, email: str) -> None:
    with app.test_request_context():
        answers.answer(consultation, invited,
                       answers.ResponseInput("Per Berg", email, "Kommunen støtter planen.", False))
    wait_for_threads()


def _follow(email: str, **columns) -> None:
    db.session.add(Subscription(email=email, language="nb", token=secrets.token_hex(32), confirmed_at=utcnow(),
                                **columns))
    db.session.commit()


def archive(consultation, with_email: bool = True) -> None:
    """Produce the archive package as `flask responses archive` does, and log it."""
    record_archive(None, consultation, write_archive(consultation, io.BytesIO(), with_email=with_email), with_email)


@pytest.fixture
def consultation(app):
    """A consultation with Kari's address everywhere a citizen leaves one (a comment, its answers'
    subscription, following it, a private person's response, the e-mails sent to her), Ola's comment,
    Ørsta kommune invited and answering through Per, then closed and marked processed."""
    consultation = make_consultation()
    comment = make_comment(consultation, email="Kari.Nordmann@Example.no", text="Kommentarfeltet bør være åpent.")
    follow_answers(comment, KARI, "nb")
    _follow(KARI, kind=CONSULTATION, consultation_id=consultation.id)
    make_comment(consultation, email=OLA, author_name="Ola Hansen", text="Husk de som ikke bruker nett.")
    for address in (KARI, OLA):
        sending.queue(address, "Kvittering for innspillet ditt", "Lenke: https://hoering.test/innspill/x",
                      COMMENT_RECEIPT)
    db.session.commit()
    _respond_openly(app, consultation, KARI, "Kari Nordmann")
    [orsta] = invite_bodies(app, consultation, ORSTA)
    _answer_for(app, consultation, orsta, PER)
    create_user(STAFF, "Siri Saksbehandler", "et langt nok passord", ["caseworker"])
    consultation.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    mark_processed(consultation, None)
    return consultation


def addresses_left(consultation) -> set[str]:
    comments = db.session.scalars(sa.select(Comment.email).where(Comment.consultation_id == consultation.id))
    responses = db.session.scalars(sa.select(FormalResponse.contact_email))
    versions = db.session.scalars(sa.select(ResponseVersion.contact_email))
    subscriptions = db.session.scalars(sa.select(Subscription.email))
    return {a.lower() for a in (*comments, *responses, *versions, *subscriptions) if a}


def slugs(consultations) -> list[str]:
    return [c.slug for c in consultations]


def test_without_an_archive_package_nothing_is_due(consultation):
    found = review(MONTHS, utcnow() + LATER)

    assert found.due == [] and slugs(found.not_archived) == ["digital-dialog"]


def test_a_package_without_the_addresses_does_not_count(consultation):
    archive(consultation, with_email=False)

    assert slugs(review(MONTHS, utcnow() + LATER).not_archived) == ["digital-dialog"]


def test_a_package_older_than_the_last_change_does_not_count(consultation):
    archive(consultation)
    hide(db.session.scalar(sa.select(Comment).where(Comment.email == OLA)), None, "Bryter retningslinjene")

    assert slugs(review(MONTHS, utcnow() + LATER).not_archived) == ["digital-dialog"]


def test_before_the_retention_has_passed_nothing_is_due_or_named(consultation):
    archive(consultation)

    found = review(MONTHS, utcnow() + SOONER)

    assert found.due == found.not_archived == found.not_processed == []


def test_archived_and_past_the_retention_it_is_due(consultation):
    archive(consultation)

    assert slugs(review(MONTHS, utcnow() + LATER).due) == ["digital-dialog"]


def test_the_retention_counts_from_marking_processed_not_from_the_deadline(app):
    now = utcnow()
    consultation = make_consultation(opens_at=now - timedelta(days=800), closes_at=now - timedelta(days=700))
    make_comment(consultation, email=KARI)
    mark_processed(consultation, None)
    archive(consultation)

    assert review(MONTHS, now + SOONER).due == []
    assert slugs(review(MONTHS, now + LATER).due) == ["digital-dialog"]


def test_a_closed_consultation_never_marked_processed_is_named_not_erased(app):
    consultation = make_consultation(open_=False)
    make_comment(consultation, email=KARI)
    archive(consultation)

    found = review(MONTHS, utcnow() + LATER)

    assert found.due == [] and slugs(found.not_processed) == ["digital-dialog"]


def test_the_dry_run_counts_and_changes_nothing(consultation):
    archive(consultation)
    before = addresses_left(consultation)

    counted = pending(consultation)

    # Kari's and Ola's comments; Kari's two subscriptions; her response and Per's; the receipts
    # (two for comments, two for the responses).
    assert counted == Erasure(comments=2, subscriptions=2, responses=2, mails=4)
    assert addresses_left(consultation) == before == {KARI, OLA, PER}


def test_a_due_consultation_loses_every_citizens_address(consultation):
    archive(consultation)
    [due] = review(MONTHS, utcnow() + LATER).due

    erased = erase(due, MONTHS)

    assert erased == Erasure(comments=2, subscriptions=2, responses=2, mails=4)
    assert addresses_left(consultation) == set()
    assert {m.purpose for m in db.session.scalars(sa.select(MailMessage))} == {"invitation"}
    for address in (KARI, OLA, PER):
        found = collect(address)
        assert found.total == 0, (address, found.counts())
    names = db.session.scalars(sa.select(Comment.author_name).where(Comment.consultation_id == consultation.id))
    assert set(names) == {"Kari Nordmann", "Ola Hansen"}  # a public case document: only the address goes


def test_addresses_are_looked_up_a_chunk_at_a_time(consultation, monkeypatch):
    monkeypatch.setattr(retention, "CHUNK", 1)
    archive(consultation)

    assert erase(consultation, MONTHS) == Erasure(comments=2, subscriptions=2, responses=2, mails=4)
    assert addresses_left(consultation) == set()


def test_a_package_produced_after_the_erasure_names_the_contact_without_an_empty_address(consultation):
    archive(consultation)
    erase(consultation, MONTHS)
    package = io.BytesIO()

    write_archive(consultation, package, with_email=True)

    with zipfile.ZipFile(package) as files:
        texts = [files.read(name).decode() for name in files.namelist() if name.endswith("svar.txt")]
        metadata = json.loads(files.read("arkiv/metadata.json"))
    assert texts and all("<>" not in text for text in texts)
    assert "Kontaktperson: Per Berg\n" in "".join(texts)
    parties = [document["korrespondansepart"] for document in metadata["dokumenter"]
               if document.get("korrespondansepart")]
    assert parties and all(party["epostadresse"] is None for party in parties)


def test_bodies_staff_and_the_invitations_keep_their_addresses(consultation):
    archive(consultation)

    erase(consultation, MONTHS)

    assert db.session.scalar(sa.select(Body.email)) == ORSTA.email
    assert db.session.scalar(sa.select(User.email)) == STAFF
    [invitation] = db.session.scalars(sa.select(MailMessage))
    assert invitation.recipient == ORSTA.email and invitation.purpose == "invitation"


def test_an_address_still_used_elsewhere_keeps_its_e_mails_until_that_is_erased(consultation):
    other = make_consultation("budsjett-2027")
    make_comment(other, email=OLA, author_name="Ola Hansen")
    topic = create_topic(TOPIC_KIND, "Skole", None)
    _follow(KARI, kind=TOPIC, topic_id=topic.id)
    archive(consultation)

    erased = erase(consultation, MONTHS)

    assert erased.mails == 1  # Per's receipt; Kari (a topic followed) and Ola (another comment) keep theirs
    kept = db.session.execute(sa.select(MailMessage.recipient, MailMessage.purpose)
                              .where(MailMessage.purpose != "invitation")).all()
    assert sorted(kept) == [(KARI, COMMENT_RECEIPT), (KARI, answers.RECEIPT), (OLA, COMMENT_RECEIPT)]
    assert db.session.scalar(sa.select(Subscription.topic_id)) == topic.id
    assert db.session.scalar(sa.select(Comment.email).where(Comment.consultation_id == other.id)) == OLA


def test_erasing_twice_erases_and_records_nothing_more(consultation):
    archive(consultation)
    erase(consultation, MONTHS)
    entries = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))

    assert erase(consultation, MONTHS) == Erasure()
    assert review(MONTHS, utcnow() + LATER).due == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == entries


def test_the_audit_entry_holds_counts_and_never_an_address(consultation):
    archive(consultation)

    erase(consultation, MONTHS)

    [entry] = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == AUDIT_ACTION))
    assert entry.target_type == "consultation" and entry.target_id == str(consultation.id)
    assert entry.after == {"comments": 2, "subscriptions": 2, "responses": 2, "mails": 4, "retention_months": MONTHS}
    for row in db.session.execute(sa.select(AuditEntry)).scalars():
        stored = json.dumps([row.actor, row.target_id, row.before, row.after]).lower()
        for address in (KARI, OLA, PER):
            assert address not in stored, (row.action, address)


@pytest.mark.parametrize(("moment", "months", "expected"), [
    (datetime(2026, 3, 31, 8, 30), 1, datetime(2026, 2, 28, 8, 30)),
    (datetime(2026, 3, 31, 8, 30), 12, datetime(2025, 3, 31, 8, 30)),
    (datetime(2026, 1, 15), 1, datetime(2025, 12, 15)),
    (datetime(2028, 3, 29), 1, datetime(2028, 2, 29)),
    (datetime(2026, 5, 2), 0, datetime(2026, 5, 2)),
])
def test_months_are_counted_on_the_calendar(moment, months, expected):
    assert months_before(moment, months) == expected
