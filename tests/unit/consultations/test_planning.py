"""The planner's rules: slugs, checked input, drafts replaced or versioned, the life cycle, the audit log."""
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from hoering.accounts.services import create_user
from hoering.audit.models import AuditEntry
from hoering.clock import utcnow
from hoering.consultations import planning
from hoering.consultations.drafting import LABEL_ANCHORS, TEXT_ANCHORS
from hoering.consultations.models import DRAFT, PROCESSED, PUBLISHED, Consultation, DraftVersion, Unit
from hoering.consultations.planning import ConsultationInput, ConsultationRejected
from hoering.consultations.services import current_units, get_public_consultation
from hoering.extensions import db
from hoering.revisions import services as revisions
from tests.factories import DRAFT as DRAFT_TEXT
from tests.factories import make_comment, make_consultation

PASSWORD = "et langt nok passord"


@pytest.fixture
def planner(app):
    return create_user("planlegger@fjordvik.example.no", "Per Planlegger", PASSWORD, ["planner"])


@pytest.fixture
def entry() -> ConsultationInput:
    now = utcnow()
    return ConsultationInput(
        title="Kommunedelplan for Fjordvik sentrum",
        organisation="Plan og bygg",
        contact="Ola Nordmann, 55 55 55 55",
        summary="Kommunen ber om innspill til planen for sentrum.",
        opens_at=now + timedelta(days=7),
        closes_at=now + timedelta(days=37),
        draft=DRAFT_TEXT,
    )


def audit_entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def consultation_entries() -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.target_type == "consultation"))


# Slugs


def test_a_slug_is_made_from_the_title_with_norwegian_letters_spelt_out(app):
    assert planning.slug_for("Høring: Kommunedelplan for Ørsta og Ålesund – Bærekraft") == (
        "horing-kommunedelplan-for-orsta-og-alesund-baerekraft"
    )


def test_a_slug_already_taken_gets_a_number(app, planner, entry):
    planning.save_consultation(None, entry, planner)
    planning.save_consultation(None, entry, planner)
    third = planning.save_consultation(None, entry, planner)
    assert third.slug == "kommunedelplan-for-fjordvik-sentrum-3"


def test_a_reserved_word_is_never_a_slug(app):
    assert planning.slug_for("Ny") == "ny-2"


def test_a_slug_is_at_most_80_characters_and_url_safe(app):
    slug = planning.slug_for("Strategi for digital dialog med innbyggerne i alle kommunens tjenester " * 3)
    assert len(slug) <= 80 and planning._SLUG.match(slug)
    assert planning.slug_for("!!! ???") == "horing"


# Creating, checking and updating


def test_saving_creates_a_draft_owned_by_the_planner_with_version_one(app, planner, entry):
    consultation = planning.save_consultation(None, replace(entry, moderation_mode="pre"), planner)
    assert consultation.phase == DRAFT and consultation.owner_id == planner.id
    assert consultation.moderation_mode == "pre"
    assert consultation.current_version.number == 1
    assert [u.number for u in current_units(consultation)][:3] == ["0.1", "1", "1.1"]
    with pytest.raises(Exception):
        get_public_consultation(consultation.slug)


def test_aware_local_times_are_stored_as_naive_utc(app, planner, entry):
    oslo_winter = timezone(timedelta(hours=1))
    consultation = planning.save_consultation(None, replace(
        entry,
        opens_at=datetime(2031, 1, 10, 9, 0, tzinfo=oslo_winter),
        closes_at=datetime(2031, 2, 10, 23, 59, tzinfo=oslo_winter),
    ), planner)
    assert consultation.opens_at == datetime(2031, 1, 10, 8, 0)
    assert consultation.closes_at == datetime(2031, 2, 10, 22, 59)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"organisation": ""}, "organisation"),
        ({"contact": "x" * 301}, "contact"),
        ({"opens_at": None}, "opens_at"),
        ({"closes_at": None}, "closes_at"),
        ({"closes_at": utcnow() + timedelta(days=1)}, "closes_at"),
        ({"slug": "Min høring"}, "slug"),
        ({"slug": "javascript:alert(1)"}, "slug"),
        ({"slug": "-start-med-bindestrek"}, "slug"),
        ({"slug": "ny"}, "slug"),
        ({"slug": "a" * 81}, "slug"),
        ({"draft": ""}, "draft"),
        ({"draft": "\n\n   \n"}, "draft"),
        ({"draft": "x" * (planning.MAX_DRAFT_LENGTH + 1)}, "draft"),
        ({"moderation_mode": "ingen"}, "moderation_mode"),
    ],
)
def test_bad_input_is_refused_with_the_field_to_blame_and_nothing_saved(app, planner, entry, changes, field):
    with pytest.raises(ConsultationRejected) as rejected:
        planning.save_consultation(None, replace(entry, **changes), planner)
    assert rejected.value.field == field
    assert str(rejected.value.reason)  # a message for the planner, in Norwegian
    assert count(Consultation) == count(DraftVersion) == consultation_entries() == 0


def test_a_slug_in_use_is_refused_when_typed(app, planner, entry):
    make_consultation("sentrum")
    with pytest.raises(ConsultationRejected) as rejected:
        planning.save_consultation(None, replace(entry, slug="sentrum"), planner)
    assert rejected.value.field == "slug"


def test_a_typed_slug_is_used_lowercased(app, planner, entry):
    consultation = planning.save_consultation(None, replace(entry, slug=" Sentrumsplan-2031 "), planner)
    assert consultation.slug == "sentrumsplan-2031"


def test_a_changed_draft_replaces_version_one_while_it_is_a_draft(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.save_consultation(consultation, replace(entry, draft="# Nytt utkast\n\nAlt er skrevet om."), planner)
    assert count(DraftVersion) == 1
    assert consultation.current_version.number == 1
    units = [(u.number, u.text) for u in current_units(consultation)]
    assert units == [("1", "Nytt utkast"), ("1.1", "Alt er skrevet om.")]
    assert count(Unit) == 2


def test_an_unchanged_draft_makes_no_new_version_even_with_windows_line_endings(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.publish(consultation, planner, open_now=True)
    planning.save_consultation(consultation, replace(entry, draft=DRAFT_TEXT.replace("\n", "\r\n")), planner)
    assert count(DraftVersion) == 1


def test_a_published_draft_is_changed_through_a_revision_not_the_form(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.publish(consultation, planner, open_now=True)
    with pytest.raises(planning.ConsultationRejected) as refused:
        planning.save_consultation(consultation, replace(entry, draft="Et nytt avsnitt først.\n\n" + DRAFT_TEXT), planner)
    assert refused.value.field == "draft" and "Ny versjon av utkastet" in str(refused.value.reason)
    assert count(DraftVersion) == 1
    planning.save_consultation(consultation, replace(entry, title="Ny tittel"), planner)  # the rest still changes
    assert consultation.title == "Ny tittel" and count(DraftVersion) == 1


LAW = "## § 12-3 Detaljregulering\n\nFørste ledd.\n\nAndre ledd.\n"


def test_a_new_consultation_is_labelled_in_its_language_and_anchored_by_labels(app, planner, entry):
    consultation = planning.save_consultation(None, replace(entry, draft=LAW, language="nn"), planner)
    units = current_units(consultation)
    assert consultation.anchor_rule == LABEL_ANCHORS
    assert [(u.label, u.anchor) for u in units] == [
        ("§ 12-3", "paragraf-12-3"), ("§ 12-3 første ledd", "paragraf-12-3-forste-ledd"),
        ("§ 12-3 andre ledd", "paragraf-12-3-andre-ledd")]


def test_changing_only_the_language_relabels_the_draft(app, planner, entry):
    law = LAW + "\n".join(f"\nLedd {n}." for n in range(3, 8))
    consultation = planning.save_consultation(None, replace(entry, draft=law), planner)
    assert current_units(consultation)[-1].label == "§ 12-3 sjuende ledd"
    planning.save_consultation(consultation, replace(entry, draft=law, language="nn"), planner)
    assert current_units(consultation)[-1].label == "§ 12-3 sjuande ledd"


def test_a_consultation_published_under_the_first_anchor_rule_keeps_its_anchors_in_a_revision(app, planner, entry):
    consultation = planning.save_consultation(None, replace(entry, draft=LAW), planner)
    consultation.anchor_rule = TEXT_ANCHORS  # as every consultation saved before labels is migrated
    planning.save_consultation(consultation, replace(entry, draft=LAW + "\nTredje ledd.\n"), planner)
    planning.publish(consultation, planner, open_now=True)
    comment = make_comment(consultation, "ss-12-3-detaljregulering")
    revisions.publish(consultation, revisions.propose(consultation, "Nytt.\n\n" + LAW), planner)
    units = current_units(consultation)
    assert comment.anchor in {u.anchor for u in units}
    assert [u.anchor for u in units][1:3] == ["ss-12-3-detaljregulering", "forste-ledd"]
    assert units[2].label == "§ 12-3 første ledd"


def test_the_slug_of_a_published_consultation_cannot_change(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.publish(consultation, planner, open_now=True)
    with pytest.raises(ConsultationRejected) as rejected:
        planning.save_consultation(consultation, replace(entry, slug="ny-adresse"), planner)
    assert rejected.value.field == "slug"
    planning.save_consultation(consultation, replace(entry, slug="", title="Ny tittel"), planner)
    assert consultation.slug == "kommunedelplan-for-fjordvik-sentrum" and consultation.title == "Ny tittel"


def test_a_draft_may_change_its_slug(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.save_consultation(consultation, replace(entry, slug="sentrum-2031"), planner)
    assert consultation.slug == "sentrum-2031"
    planning.save_consultation(consultation, replace(entry, slug=""), planner)
    assert consultation.slug == "sentrum-2031"  # a blank field keeps it


def test_preview_splits_without_saving(app):
    units = planning.preview_units(DRAFT_TEXT)
    assert [u.number for u in units][:4] == ["0.1", "1", "1.1", "1.2"]
    assert [(u.gutter, u.citation) for u in planning.preview_units(LAW, "nn")] == [
        ("", "§ 12-3"), ("første ledd", "§ 12-3 første ledd"), ("andre ledd", "§ 12-3 andre ledd")]
    assert count(DraftVersion) == 0
    with pytest.raises(ConsultationRejected):
        planning.preview_units("   ")


# Life cycle


def test_publishing_now_opens_it_at_once(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.publish(consultation, planner, open_now=True)
    assert consultation.phase == PUBLISHED and consultation.status == "open"
    assert abs(consultation.opens_at - utcnow()) < timedelta(minutes=1)
    assert get_public_consultation(consultation.slug) == consultation


def test_publishing_for_the_start_date_keeps_it_upcoming_until_then(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    opens_at = consultation.opens_at
    planning.publish(consultation, planner, open_now=False)
    assert consultation.status == "upcoming" and consultation.opens_at == opens_at
    assert consultation.status_at(opens_at + timedelta(seconds=1)) == "open"
    assert consultation.status_at(consultation.closes_at) == "closed"


def test_a_consultation_is_published_once(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.publish(consultation, planner, open_now=True)
    with pytest.raises(ConsultationRejected):
        planning.publish(consultation, planner, open_now=True)


def test_a_draft_whose_deadline_has_passed_cannot_be_published(app, planner, entry):
    past = utcnow() - timedelta(days=1)
    consultation = planning.save_consultation(
        None, replace(entry, opens_at=past - timedelta(days=30), closes_at=past), planner
    )
    with pytest.raises(ConsultationRejected) as rejected:
        planning.publish(consultation, planner, open_now=True)
    assert rejected.value.field == "closes_at" and consultation.phase == DRAFT


def test_only_a_closed_consultation_can_be_marked_processed(app, planner):
    open_one = make_consultation("apen")
    with pytest.raises(ConsultationRejected):
        planning.mark_processed(open_one, planner)
    closed = make_consultation("stengt", open_=False)
    planning.mark_processed(closed, planner)
    assert closed.phase == PROCESSED and closed.status == "processed"
    with pytest.raises(ConsultationRejected):
        planning.mark_processed(closed, planner)


def test_a_processed_consultations_draft_cannot_change(app, planner, entry):
    closed = make_consultation("stengt", open_=False)
    planning.mark_processed(closed, planner)
    changes = dict(opens_at=closed.opens_at, closes_at=closed.closes_at, slug="")
    with pytest.raises(ConsultationRejected) as rejected:
        planning.save_consultation(closed, replace(entry, draft="# Helt nytt", **changes), planner)
    assert rejected.value.field == "draft"


def test_only_drafts_can_be_deleted_and_nothing_of_them_is_left(app, planner, entry):
    published = make_consultation("publisert")
    with pytest.raises(ConsultationRejected):
        planning.delete_draft(published, planner)
    draft = planning.save_consultation(None, entry, planner)
    planning.save_consultation(draft, replace(entry, draft="# Andre utkast\n\nTekst."), planner)
    planning.delete_draft(draft, planner)
    assert [c.slug for c in db.session.scalars(sa.select(Consultation))] == ["publisert"]
    assert count(DraftVersion) == 1  # the published one's
    assert {u.version_id for u in db.session.scalars(sa.select(Unit))} == {published.current_version_id}


# Who sees what


def test_planners_manage_their_own_and_unowned_consultations_admins_all(app, planner, entry):
    other = create_user("annen@fjordvik.example.no", "Anne Annen", PASSWORD, ["planner"])
    admin = create_user("admin@fjordvik.example.no", "Ada Admin", PASSWORD, ["admin"])
    mine = planning.save_consultation(None, replace(entry, title="Min plan"), planner)
    theirs = planning.save_consultation(None, replace(entry, title="Annens plan"), other)
    unowned = make_consultation("fra-kommandolinjen")
    assert {c.id for c in planning.consultations_for(planner)} == {mine.id, unowned.id}
    assert {c.id for c in planning.consultations_for(admin)} == {mine.id, theirs.id, unowned.id}
    assert planning.may_manage(planner, mine) and not planning.may_manage(planner, theirs)
    assert planning.may_manage(admin, theirs)


def test_the_staff_lookup_finds_drafts_too(app, planner, entry):
    draft = planning.save_consultation(None, entry, planner)
    assert planning.get_staff_consultation(draft.slug) == draft


# The audit log


def test_every_step_is_logged_with_who_and_before_and_after(app, planner, entry):
    consultation = planning.save_consultation(None, entry, planner)
    planning.save_consultation(consultation, replace(entry, title="Ny tittel", draft="# Kort\n\nUtkast."), planner)
    planning.publish(consultation, planner, open_now=True)

    created, = audit_entries("consultation.create")
    assert created.actor == planner.email and created.actor_id == planner.id
    assert created.target_type == "consultation" and created.target_id == str(consultation.id)
    assert created.before is None
    assert created.after["title"] == "Kommunedelplan for Fjordvik sentrum" and created.after["phase"] == "draft"
    assert created.after["closes_at"].endswith("Z")
    assert created.after["draft"]["units"] == len(planning.preview_units(DRAFT_TEXT))
    assert "Kommunen vil" not in str(created.after)  # the draft as a hash, not its text

    updated, = audit_entries("consultation.update")
    assert (updated.before["title"], updated.after["title"]) == ("Kommunedelplan for Fjordvik sentrum", "Ny tittel")
    assert updated.before["draft"]["sha256"] != updated.after["draft"]["sha256"]
    assert updated.after["draft"]["units"] == 2

    published, = audit_entries("consultation.publish")
    assert (published.before["phase"], published.after["phase"]) == ("draft", "published")


def test_processing_and_deleting_are_logged(app, planner, entry):
    closed = make_consultation("stengt", open_=False)
    planning.mark_processed(closed, planner)
    processed, = audit_entries("consultation.process")
    assert (processed.before["phase"], processed.after["phase"]) == ("published", "processed")

    draft = planning.save_consultation(None, entry, planner)
    draft_id = draft.id
    planning.delete_draft(draft, planner)
    deleted, = audit_entries("consultation.delete")
    assert deleted.target_id == str(draft_id) and deleted.before["title"] == entry.title and deleted.after is None


def test_a_refused_step_logs_nothing(app, planner):
    published = make_consultation("publisert")
    with pytest.raises(ConsultationRejected):
        planning.delete_draft(published, planner)
    assert consultation_entries() == 0


def test_a_draft_nested_past_the_limit_is_refused_before_anything_is_written(app, planner, entry):
    with pytest.raises(ConsultationRejected) as rejected:
        planning.save_consultation(None, replace(entry, draft="# Plan\n\n" + "- " * 40 + "x"), planner)
    assert rejected.value.field == "draft"
