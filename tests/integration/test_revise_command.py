"""`flask drafts revise <slug> FILE [--publish]`: the alignment printed, and the next version published
with the comments where the alignment says."""
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.comments.models import Comment
from hoering.consultations.models import DraftVersion, Unit
from hoering.extensions import db
from hoering.revisions.models import UnitMatch
from tests.factories import make_comment, make_consultation

REVISED = """Kommunen vil bli bedre til å snakke med innbyggerne, ikke bare til dem.

# Formål

Strategien skal gjøre det enklere for alle innbyggere å delta i beslutninger som angår dem.

Kommunen skal svare på spørsmål i sosiale medier innen to virkedager. Facebook brukes til nyheter, arrangementer og dialog med innbyggerne.

# Kanaler

## Nettsiden

Kommunen vil også lage en egen side for ungdom.

Nettsiden er hovedkanalen. Alt som publiseres i sosiale medier, skal også finnes der.
"""


def anchors(version_number: int) -> list[str]:
    version = db.session.scalar(sa.select(DraftVersion).where(DraftVersion.number == version_number))
    return [u.anchor for u in db.session.scalars(sa.select(Unit).where(Unit.version_id == version.id).order_by(Unit.position))]


def unit_with(version_number: int, words: str) -> Unit:
    version = db.session.scalar(sa.select(DraftVersion).where(DraftVersion.number == version_number))
    return db.session.scalar(sa.select(Unit).where(Unit.version_id == version.id, Unit.text.contains(words)))


def run(app, *args):
    return app.test_cli_runner().invoke(args=["drafts", "revise", *map(str, args)])


def test_revise_prints_the_alignment_and_publishes_with_the_comments_following(app, tmp_path):
    consultation = make_consultation()
    edited, merged_first, merged_second, removed, kept = (
        unit_with(1, "enklere for innbyggerne"), unit_with(1, "innen to virkedager"),
        unit_with(1, "Facebook brukes"), unit_with(1, "Kommentarfeltet er åpent"), unit_with(1, "hovedkanalen"))
    comments = {name: make_comment(consultation, unit.anchor, text=f"Om {name}.")
                for name, unit in [("edited", edited), ("first", merged_first), ("second", merged_second),
                                   ("removed", removed), ("kept", kept)]}
    draft = tmp_path / "revidert.md"
    draft.write_text(REVISED, encoding="utf-8")

    shown = run(app, "digital-dialog", draft)
    assert shown.exit_code == 0, shown.output
    assert "edited" in shown.output and "merged" in shown.output and "removed" in shown.output
    assert "Version 1 → 2" in shown.output
    assert db.session.scalar(sa.select(sa.func.count(DraftVersion.id))) == 1  # nothing published

    published = run(app, "digital-dialog", draft, "--publish")
    assert published.exit_code == 0, published.output
    db.session.expire_all()
    assert consultation.current_version.number == 2
    now = anchors(2)
    # Successors keep their predecessor's anchor; the merged unit takes the first one's.
    assert edited.anchor in now and kept.anchor in now and merged_first.anchor in now
    assert merged_second.anchor not in now and removed.anchor not in now
    places = {name: db.session.get(Comment, c.id) for name, c in comments.items()}
    assert places["edited"].anchor == edited.anchor and places["kept"].anchor == kept.anchor
    assert places["second"].anchor == merged_first.anchor  # followed the merge
    assert places["removed"].anchor == removed.anchor  # stays on the removed paragraph, pinned to nothing
    assert all(places[name].unit_id == comments[name].unit_id for name in places)  # written on version 1, forever
    new = unit_with(2, "egen side for ungdom")
    assert new.anchor not in anchors(1)  # a new unit never takes an anchor an earlier version used
    lines = db.session.scalars(sa.select(UnitMatch)).all()
    by_previous = {line.previous_unit_id: line for line in lines if line.previous_unit_id}
    assert by_previous[removed.id].status == "removed" and by_previous[removed.id].unit_id is None
    assert by_previous[merged_second.id].status == "merged"
    assert any(line.status == "new" and line.unit_id == new.id for line in lines)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "consultation.revise"))
    assert entry.after["version"] == 2 and len(entry.after["matches"]) == len(anchors(1)) + 1
    assert consultation.is_open  # status and dates as they were


def test_bad_input_gives_a_message_and_changes_nothing(app, tmp_path):
    make_consultation()
    wrong = tmp_path / "utkast.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    refused = run(app, "digital-dialog", wrong, "--publish")
    assert refused.exit_code != 0 and "Bare Word-dokumenter" not in refused.output  # in English
    assert "Only Word documents" in refused.output or ".docx" in refused.output
    missing = run(app, "finnes-ikke", wrong)
    assert missing.exit_code != 0 and "No consultation" in missing.output
    assert db.session.scalar(sa.select(sa.func.count(DraftVersion.id))) == 1


def test_the_api_says_where_each_comment_sits_now_and_which_version_it_was_written_on(app, client, tmp_path):
    consultation = make_consultation()
    kept, removed = unit_with(1, "hovedkanalen"), unit_with(1, "Kommentarfeltet er åpent")
    on_kept, on_removed = (make_comment(consultation, kept.anchor, text="Bra."),
                           make_comment(consultation, removed.anchor, text="Hold det åpent."))
    draft = tmp_path / "revidert.md"
    draft.write_text(REVISED, encoding="utf-8")
    assert run(app, "digital-dialog", draft, "--publish").exit_code == 0
    later = make_comment(consultation, kept.anchor, text="Fortsatt bra.")
    body = client.get("/api/v1/consultations/digital-dialog").get_json()
    assert body["version"] == 2
    comments = {c["id"]: c for c in client.get("/api/v1/consultations/digital-dialog/comments").get_json()["comments"]}
    assert (comments[on_kept.id]["unit"], comments[on_kept.id]["version"], comments[on_kept.id]["removed_unit"]) == (
        kept.anchor, 1, None)
    assert comments[later.id]["version"] == 2 and comments[later.id]["unit"] == kept.anchor
    assert comments[on_removed.id]["unit"] is None
    assert comments[on_removed.id]["removed_unit"] == {"version": 1, "anchor": removed.anchor, "number": removed.number}
