"""The reviewed summary a process keeps (hoering.casework.review_cache) is the one a fresh replay makes,
and each thing it is built from, changed, makes it afresh: a kept summary that outlived one of them
would fail here."""
import pytest
import sqlalchemy as sa

from hoering.casework import review
from hoering.casework.models import Correction
from hoering.casework.review_cache import KeptReviews, kept_reviews
from hoering.casework.services import run_now
from hoering.comments import receipts
from hoering.comments.models import Comment
from hoering.consultations.models import Unit
from hoering.extensions import db
from hoering.moderation import services as moderation
from hoering.revisions.services import propose, publish
from tests.factories import DRAFT, TOPICAL_COMMENTS, make_comment, make_consultation

SLUG = "digital-dialog"
WEBSITE = "Nettsiden er hovedkanalen."


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    website = db.session.scalar(sa.select(Unit.anchor).where(Unit.text.startswith(WEBSITE)))
    for n, text in enumerate(TOPICAL_COMMENTS * 3):
        make_comment(consultation, website if n % 4 == 0 else None, text=f"{text} ({n})",
                     stance="support" if n % 2 else "against")
    run_now(consultation)
    return consultation


def kept_then_fresh(consultation) -> review.Review:
    """The review as kept, checked to be what a replay with nothing kept makes, and kept again."""
    kept = review.current_review(consultation)
    assert review.current_review(consultation).reviewed is kept.reviewed  # not replayed again
    kept_reviews().clear()
    fresh = review.current_review(consultation)
    assert fresh.reviewed is not kept.reviewed
    assert fresh.reviewed == kept.reviewed and fresh.content == kept.content
    assert [c.id for c in fresh.unplaced] == [c.id for c in kept.unplaced]
    return fresh


def made_afresh(consultation, before: review.Review) -> review.Review:
    """The review after a change: not the one kept before it, and what a fresh replay makes."""
    after = review.current_review(consultation)
    assert after.reviewed is not before.reviewed, "the kept summary outlived a change"
    return kept_then_fresh(consultation)


def first_theme(consultation) -> dict:
    return review.current_review(consultation).reviewed.themes[0]


def test_after_each_of_a_caseworkers_corrections_the_kept_summary_is_the_replayed_one(consultation, client, auth):
    actor = auth.user("caseworker")
    run_id = review.current_review(consultation).run.id
    first, second, third = kept_then_fresh(consultation).reviewed.themes[:3]

    def corrected(change):
        before = review.current_review(consultation)
        change()
        assert made_afresh(consultation, before).reviewed != before.reviewed

    corrected(lambda: review.rename_theme(consultation, actor, run_id, first["id"], "Åpningstider"))
    corrected(lambda: review.assess_theme(consultation, actor, run_id, first["id"], "Kommunen ser på det."))
    corrected(lambda: review.merge_themes(consultation, actor, run_id, first["id"], second["id"]))
    moved = first_theme(consultation)["comment_ids"][0]
    corrected(lambda: review.move_comments(consultation, actor, run_id, [moved], third["id"]))
    corrected(lambda: review.add_quotes(consultation, actor, run_id, third["id"], [moved]))
    corrected(lambda: review.mark_reviewed(consultation, actor, run_id, third["id"]))
    # The pages read the kept summary; none of them changes it.
    auth.login_as("caseworker")
    for url in (f"/admin/hoeringer/{SLUG}/analyse", f"/admin/hoeringer/{SLUG}/analyse/temaer/{third['id']}",
                f"/admin/hoeringer/{SLUG}/analyse/uten-tema", f"/admin/hoeringer/{SLUG}/oppsummering/forhandsvis"):
        assert client.get(url).status_code == 200
    kept_then_fresh(consultation)


def test_an_undo_gives_back_the_summary_from_before_the_change(consultation, auth):
    actor = auth.user("caseworker")
    original = kept_then_fresh(consultation)
    theme = original.reviewed.themes[0]
    review.rename_theme(consultation, actor, original.run.id, theme["id"], "Åpningstider")
    renamed = made_afresh(consultation, original)
    assert renamed.reviewed.themes[0]["label"] == "Åpningstider"
    correction = db.session.scalar(sa.select(Correction))
    review.undo_correction(consultation, actor, correction.id)
    undone = made_afresh(consultation, renamed)
    assert undone.content == original.content


def test_a_new_run_gives_a_new_summary(consultation):
    before = kept_then_fresh(consultation)
    run_now(consultation)
    after = made_afresh(consultation, before)
    assert after.run.id != before.run.id and after.content["run_id"] == after.run.id


def test_a_comment_hidden_after_the_run_leaves_the_stances_counted(consultation, auth):
    before = kept_then_fresh(consultation)
    theme = before.reviewed.themes[0]
    hidden = db.session.get(Comment, theme["comment_ids"][0])
    moderation.hide(hidden, auth.user("moderator"), "Utenfor temaet.")
    after = made_afresh(consultation, before)
    assert sum(after.reviewed.theme(theme["id"])["stance"].values()) == sum(theme["stance"].values()) - 1


def test_two_hidden_and_two_approved_with_the_same_count_and_newest_make_it_afresh(app, auth):
    """Comments 4 and 8 hidden, 5 and 7 (held) approved: the same number published and the same
    newest; when a comment was last moderated tells."""
    consultation = make_consultation()
    held = {5, 7}
    for n in range(1, 13):
        text = "Mitt nummer er 912 34 567." if n in held else f"{TOPICAL_COMMENTS[n % 6]} ({n})"
        assert make_comment(consultation, text=text).id == n
    run_now(consultation)
    before = kept_then_fresh(consultation)
    moderator = auth.user("moderator")
    for n in (4, 8):
        moderation.hide(db.session.get(Comment, n), moderator, "Utenfor temaet.")
    for n in sorted(held):
        moderation.approve(db.session.get(Comment, n), moderator, reason="Kommunens sentralbord.", confirmed=True)
    after = made_afresh(consultation, before)
    assert (after.inputs.count, after.inputs.last_id) == (before.inputs.count, before.inputs.last_id)
    assert held <= set(after.reviewed.unthemed)


def test_a_comment_published_after_the_run_is_in_no_theme(consultation):
    before = kept_then_fresh(consultation)
    comment = make_comment(consultation, text="Et nytt innspill om bussen til biblioteket.")
    after = made_afresh(consultation, before)
    assert comment.id in after.reviewed.unthemed and comment.id not in before.reviewed.unthemed


def test_a_stance_changed_by_its_sender_after_the_run_is_counted(consultation):
    before = kept_then_fresh(consultation)
    theme = before.reviewed.themes[0]
    comment = db.session.get(Comment, theme["comment_ids"][0])
    stance = "neutral"
    receipts.edit(comment, consultation, comment.text, stance)
    after = made_afresh(consultation, before)
    assert after.reviewed.theme(theme["id"])["stance"][stance] == theme["stance"][stance] + 1


def test_a_formal_response_published_after_the_run_is_in_no_theme(consultation, client):
    before = kept_then_fresh(consultation)
    assert client.post(f"/hoeringer/{SLUG}/hoeringssvar/ny", data={
        "answering_as": "privatperson", "publish_name": "nei", "contact_name": "Ola Nordmann",
        "contact_email": "ola@example.no", "text": "Kommentarfeltet må være åpent i helgene."}).status_code == 302
    after = made_afresh(consultation, before)
    assert [i for i in after.reviewed.unthemed if i < 0] and not [i for i in before.reviewed.unthemed if i < 0]


def test_a_revised_draft_renumbers_the_units_the_summary_names(consultation, auth):
    before = kept_then_fresh(consultation)
    revised = DRAFT.replace(WEBSITE, f"Kommunen vil også lage en egen side for ungdom.\n\n{WEBSITE}")
    publish(consultation, propose(consultation, revised), auth.user("planner"))
    after = made_afresh(consultation, before)
    assert after.content["units"] != before.content["units"]


def test_the_store_keeps_the_newest_key_of_the_most_recently_used_slots():
    kept = KeptReviews(size=2)
    kept.put("a", 1, "a1")
    assert kept.find("a", 1) == "a1" and kept.find("a", 2) is None and kept.find("b", 1) is None
    kept.put("a", 2, "a2")  # a new key takes the slot's place
    assert kept.find("a", 1) is None and kept.find("a", 2) == "a2"
    kept.put("b", 1, "b1")
    kept.find("a", 2)  # "a" used last: "b" goes when "c" comes
    kept.put("c", 1, "c1")
    assert kept.find("a", 2) == "a2" and kept.find("c", 1) == "c1" and kept.find("b", 1) is None


def test_a_correction_undone_while_the_summary_was_made_is_not_in_it(consultation, auth, monkeypatch):
    """What is kept for a key is what the key names: the corrections active when it was read."""
    from hoering.casework import review_cache

    actor = auth.user("caseworker")
    original = kept_then_fresh(consultation)
    theme = original.reviewed.themes[0]
    review.rename_theme(consultation, actor, original.run.id, theme["id"], "Åpningstider")
    kept_reviews().clear()
    correction = db.session.scalar(sa.select(Correction))
    active_then = review_cache._active_corrections

    def undone_meanwhile(consultation):
        ids = active_then(consultation)
        review.undo_correction(consultation, actor, correction.id)  # another worker, between two reads
        return ids

    monkeypatch.setattr(review_cache, "_active_corrections", undone_meanwhile)
    assert review.current_review(consultation).reviewed.themes[0]["label"] == "Åpningstider"
    monkeypatch.setattr(review_cache, "_active_corrections", active_then)
    assert review.current_review(consultation).content == original.content


def test_facts_read_while_a_comment_came_are_not_kept(consultation, monkeypatch):
    from hoering.casework import review_cache

    kept_reviews().clear()
    facts_then = review_cache._facts
    came = []

    def comment_came_meanwhile(consultation):
        came.append(make_comment(consultation, text="Et innspill som kom mens siden ble laget."))
        return facts_then(consultation)

    monkeypatch.setattr(review_cache, "_facts", comment_came_meanwhile)
    during = review.current_review(consultation)
    assert came[0].id in during.reviewed.unthemed  # read after the key: newer than it
    monkeypatch.setattr(review_cache, "_facts", facts_then)
    assert kept_reviews().find(("facts", consultation.id), during.inputs) is None
    kept_then_fresh(consultation)
