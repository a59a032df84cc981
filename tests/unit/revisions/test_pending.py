"""A revised draft kept between upload and publishing (revisions.pending), and the explanations of what
changed (revisions.explanations), without HTTP."""
import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.comments.models import Comment
from hoering.consultations.models import DraftVersion, Unit
from hoering.extensions import db
from hoering.revisions import explanations, history, pending, services
from hoering.revisions.explanations import COMMENTS, TEXT, Entry, ExplanationsRejected
from hoering.revisions.models import ChangeExplanation, PendingRevision, UnitMatch
from hoering.revisions.services import RevisionRejected
from tests.factories import make_comment, make_consultation
from tests.integration.test_revise_command import REVISED, unit_with


def upload(consultation, text: str = REVISED, name: str = "revidert.md"):
    revision, _ = pending.start(consultation, name, text.encode(), None)
    return revision


def new_index(preview: pending.Preview, words: str) -> int:
    return next(line.index for line in preview.new_units if words in line.row["text"])


@pytest.fixture
def consultation(app):
    return make_consultation()


def test_a_new_upload_replaces_the_pending_one_and_keeps_nothing_of_it(consultation):
    upload(consultation)
    removed = unit_with(1, "Kommentarfeltet er åpent")
    pending.correct(consultation, removed.anchor, 0, None)
    second = upload(consultation, REVISED + "\nEt nytt avsnitt til slutt.\n")
    assert db.session.scalar(sa.select(sa.func.count(PendingRevision.id))) == 1
    assert second.corrections == {}  # the first one, corrections and all, is gone
    assert "Et nytt avsnitt til slutt." in second.source


def test_corrections_are_kept_and_choosing_the_proposal_again_takes_one_back(consultation):
    removed = unit_with(1, "Kommentarfeltet er åpent")
    make_comment(consultation, removed.anchor, text="Kommentarfeltet bør være åpent i helgene også.")
    upload(consultation)
    before = pending.preview(consultation)
    line = next(line for line in before.commented if line.unit.anchor == removed.anchor)
    assert line.target is None and line.status == "removed"
    website = new_index(before, "hovedkanalen")

    pending.correct(consultation, removed.anchor, website, None)
    db.session.expire_all()
    assert pending.pending_for(consultation).corrections == {removed.anchor: website}
    after = pending.preview(consultation)
    line = next(line for line in after.commented if line.unit.anchor == removed.anchor)
    assert (line.target, line.corrected, line.confidence) == (website, True, 1.0)
    merged = next(line for line in after.new_units if line.index == website)
    assert merged.status == "merged" and merged.corrected

    pending.correct(consultation, removed.anchor, None, None)  # what the alignment proposed
    db.session.expire_all()
    assert pending.pending_for(consultation).corrections == {}


def test_a_correction_must_name_units_that_exist(consultation):
    upload(consultation)
    with pytest.raises(RevisionRejected):
        pending.correct(consultation, "finnes-ikke", 0, None)
    with pytest.raises(RevisionRejected):
        pending.correct(consultation, unit_with(1, "hovedkanalen").anchor, 999, None)


def test_publishing_with_corrections_moves_the_comments_and_deletes_the_pending_row(consultation):
    removed, kept = unit_with(1, "Kommentarfeltet er åpent"), unit_with(1, "hovedkanalen")
    on_removed = make_comment(consultation, removed.anchor, text="Kommentarfeltet bør være åpent i helgene.")
    on_kept = make_comment(consultation, kept.anchor, text="Nettsiden må bli bedre på mobil.")
    upload(consultation)
    pending.correct(consultation, removed.anchor, new_index(pending.preview(consultation), "hovedkanalen"), None)

    version = pending.publish(consultation, None)
    db.session.expire_all()
    assert version.number == 2 and consultation.current_version_id == version.id
    assert db.session.scalar(sa.select(sa.func.count(PendingRevision.id))) == 0
    # Both now sit on the website paragraph, which keeps its own anchor.
    assert db.session.get(Comment, on_removed.id).anchor == kept.anchor
    assert db.session.get(Comment, on_kept.id).anchor == kept.anchor
    assert db.session.get(Comment, on_removed.id).unit_id == removed.id  # written on version 1, forever
    line = db.session.scalar(sa.select(UnitMatch).where(UnitMatch.previous_unit_id == removed.id))
    assert line.corrected and line.status == "merged" and line.unit_id == unit_with(2, "hovedkanalen").id
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "consultation.revise"))
    assert [removed.anchor, kept.anchor, "merged", 1.0, True] in entry.after["matches"]
    assert consultation.is_open  # status and dates as they were


def test_publishing_is_refused_when_another_version_came_first(consultation):
    upload(consultation)
    other = services.propose(consultation, REVISED.replace("egen side for ungdom", "egen side for eldre"))
    services.publish(consultation, other, None)
    db.session.expire_all()
    with pytest.raises(RevisionRejected) as refused:
        pending.publish(consultation, None)
    assert "ny versjon siden denne filen ble lastet opp" in str(refused.value.reason)
    assert pending.preview(consultation).stale
    with pytest.raises(RevisionRejected):
        pending.correct(consultation, unit_with(1, "hovedkanalen").anchor, 0, None)
    assert db.session.scalar(sa.select(sa.func.max(DraftVersion.number))) == 2


def test_the_upload_is_checked_as_the_draft_import_is(app):
    consultation = make_consultation()
    with pytest.raises(RevisionRejected) as wrong_kind:
        pending.start(consultation, "utkast.pdf", b"%PDF-1.4", None)
    assert wrong_kind.value.field == "file" and "Bare Word-dokumenter" in str(wrong_kind.value.reason)
    with pytest.raises(RevisionRejected) as not_utf8:
        pending.start(consultation, "utkast.md", "Æ".encode("latin-1"), None)
    assert "UTF-8" in str(not_utf8.value.reason)
    with pytest.raises(RevisionRejected) as empty:
        pending.start(consultation, "utkast.md", b"   \n\n", None)
    assert empty.value.field == "file"
    with pytest.raises(RevisionRejected) as broken:
        pending.start(consultation, "utkast.docx", b"PK\x03\x04 ikke et dokument", None)
    assert broken.value.field == "file"
    draft = make_consultation("utkast", phase="draft")
    with pytest.raises(RevisionRejected):
        pending.start(draft, "revidert.md", REVISED.encode(), None)
    assert db.session.scalar(sa.select(sa.func.count(PendingRevision.id))) == 0


@pytest.fixture
def published(consultation):
    """Version 2 published from REVISED, with a comment on the edited paragraph."""
    edited = unit_with(1, "enklere for innbyggerne")
    comment = make_comment(consultation, edited.anchor, text="Skriv «alle innbyggere», ikke bare «innbyggerne».")
    upload(consultation)
    pending.publish(consultation, None)
    return consultation, comment


def keys(consultation) -> dict[str, str]:
    """Unit key by status and first words, e.g. {"edited Strategien": "u12"}."""
    return {f"{unit.status} {(unit.unit or unit.previous[0]).text.lstrip('- ').split()[0]}": unit.key
            for unit in explanations.version_changes(consultation, 2).units}


def test_the_changed_new_and_removed_units_of_a_version_can_be_explained(published):
    consultation, comment = published
    units = keys(consultation)
    assert {"edited Strategien", "merged Kommunen", "new Kommunen", "removed Kommentarfeltet"} <= set(units)
    assert not any(key.startswith("unchanged") for key in units)
    edited = units["edited Strategien"]

    saved = explanations.explain(consultation, 2, {
        edited: Entry("Vi skriver «alle innbyggere», som innspillet foreslo.", f"{comment.id}"),
        units["removed Kommentarfeltet"]: Entry("Regler for kommentarfeltet står i retningslinjene.", ""),
    }, None)
    assert saved == 2
    changes = {unit.key: unit for unit in explanations.version_changes(consultation, 2).units}
    assert changes[edited].explanation.comment_ids == [comment.id]
    assert comment.id in changes[edited].comments  # offered as a hint
    assert changes[units["removed Kommentarfeltet"]].explanation.previous_unit_id is not None
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "revision.explain")) == 2

    # Replaced, then deleted by emptying both fields.
    explanations.explain(consultation, 2, {edited: Entry("Ny tekst.", "")}, None)
    assert db.session.scalar(sa.select(ChangeExplanation.text).where(ChangeExplanation.unit_id == int(edited[1:]))) == "Ny tekst."
    explanations.explain(consultation, 2, {edited: Entry("", "")}, None)
    assert db.session.scalar(sa.select(sa.func.count(ChangeExplanation.id))) == 1


def test_explanations_citing_bad_comment_ids_are_refused_and_nothing_is_saved(published):
    consultation, comment = published
    other = make_consultation("annen-horing")
    foreign = make_comment(other, text="Et innspill til en annen høring.")
    units = keys(consultation)
    edited, removed = units["edited Strategien"], units["removed Kommentarfeltet"]
    cases = [
        ("12x", "er ikke et innspillnummer"),
        (f"{foreign.id}", "ikke noe innspill med nummer"),
        ("999999", "ikke noe innspill med nummer"),
    ]
    for typed, reason in cases:
        with pytest.raises(ExplanationsRejected) as refused:
            explanations.explain(consultation, 2, {
                removed: Entry("Fjernet fordi det står i retningslinjene.", ""),
                edited: Entry("Endret etter innspill.", f"{comment.id}, {typed}"),
            }, None)
        assert reason in str(refused.value.errors[edited][COMMENTS])
        assert removed not in refused.value.errors
    with pytest.raises(ExplanationsRejected) as without_text:
        explanations.explain(consultation, 2, {edited: Entry("", f"{comment.id}")}, None)
    assert TEXT in without_text.value.errors[edited]
    unchanged = db.session.scalar(sa.select(Unit).where(Unit.version_id == consultation.current_version_id,
                                                        Unit.text.startswith("Nettsiden")))
    with pytest.raises(ExplanationsRejected):
        explanations.explain(consultation, 2, {f"u{unchanged.id}": Entry("Uendret.", "")}, None)
    assert db.session.scalar(sa.select(sa.func.count(ChangeExplanation.id))) == 0


def test_explanations_cite_only_comments_the_public_can_see(published):
    consultation, _ = published
    held = make_comment(consultation, text="Et innspill som venter.")
    held.status = "pending"
    db.session.commit()
    edited = keys(consultation)["edited Strategien"]
    with pytest.raises(ExplanationsRejected) as refused:
        explanations.explain(consultation, 2, {edited: Entry("Endret.", f"#{held.id}")}, None)
    assert "venter på moderering" in str(refused.value.errors[edited][COMMENTS])


def test_the_first_version_has_nothing_to_explain_and_a_missing_one_is_not_found(consultation):
    assert explanations.version_changes(consultation, 1).units == []
    with pytest.raises(history.VersionNotFound):
        explanations.version_changes(consultation, 7)
