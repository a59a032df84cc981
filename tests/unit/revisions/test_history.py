"""What the public reads of a revised draft (revisions.history), without HTTP: the versions, the changes
of a version with their diffs and explanations, a unit's last change, and the version each comment
was written on. The revision is published through revisions.services, as a planner's would be."""
import pytest
import sqlalchemy as sa

from hoering.comments.models import HIDDEN, Comment
from hoering.consultations.models import DraftVersion, Unit
from hoering.consultations.services import add_draft_version
from hoering.extensions import db
from hoering.revisions import history
from hoering.revisions.alignment import EDITED, MERGED, NEW, REMOVED
from hoering.revisions.models import ChangeExplanation
from hoering.revisions.services import propose, publish
from tests.factories import DRAFT, make_comment, make_consultation

# Version 2 of tests.factories.DRAFT: "innbyggerne" becomes "alle innbyggere" in 1.1; the reply time and
# the Facebook paragraph are merged (and the Facebook heading goes); the list of comment-field rules is
# removed; a paragraph on young people is new.
REVISED = """Kommunen vil bli bedre til å snakke med innbyggerne, ikke bare til dem.

# Formål

Strategien skal gjøre det enklere for alle innbyggere å delta i beslutninger som angår dem.

Kommunen skal svare på spørsmål i sosiale medier innen to virkedager. Facebook brukes til nyheter, arrangementer og dialog med innbyggerne.

# Kanaler

## Nettsiden

Kommunen vil også lage en egen side for ungdom.

Nettsiden er hovedkanalen. Alt som publiseres i sosiale medier, skal også finnes der.
"""

# Version 3: only the website paragraph changes.
THIRD = REVISED.replace("Nettsiden er hovedkanalen.", "Nettsiden er og blir hovedkanalen.")

EDITED_WORDS = "enklere for"
MERGED_WORDS = "innen to virkedager"
MERGED_AWAY_WORDS = "Facebook brukes"
REMOVED_WORDS = "Kommentarfeltet er åpent"
KEPT_WORDS = "hovedkanalen"
NEW_WORDS = "egen side for ungdom"


def unit_with(consultation, number: int, words: str) -> Unit:
    version = db.session.scalar(sa.select(DraftVersion).where(
        DraftVersion.consultation_id == consultation.id, DraftVersion.number == number))
    return db.session.scalar(sa.select(Unit).where(Unit.version_id == version.id, Unit.text.contains(words)))


def revise(consultation, source: str = REVISED, explanations: dict | None = None) -> DraftVersion:
    """Publish ``source`` as the next version, as the planner's publish does, with an explanation per
    unit of the new version ({words in it: text}, or {words: (text, comment ids)}); a key starting
    with "-" explains the removed unit of the version before with those words."""
    version = publish(consultation, propose(consultation, source), None)
    for words, explained in (explanations or {}).items():
        text, comment_ids = explained if isinstance(explained, tuple) else (explained, [])
        if words.startswith("-"):
            gone = unit_with(consultation, version.number - 1, words[1:])
            db.session.add(ChangeExplanation(version_id=version.id, previous_unit_id=gone.id, text=text,
                                             comment_ids=comment_ids))
        else:
            unit = unit_with(consultation, version.number, words)
            db.session.add(ChangeExplanation(version_id=version.id, unit_id=unit.id, text=text,
                                             comment_ids=comment_ids))
    db.session.commit()
    return version


@pytest.fixture
def consultation(app):
    return make_consultation()


def by_words(changes, words):
    return next(c for c in changes if words in (c.unit.text if c.unit else c.old_units[0].text))


def test_the_changes_of_a_version_are_listed_in_reading_order_with_word_diffs(consultation):
    revise(consultation)
    changes = history.changes_in(consultation, 2)
    assert (changes.version.number, changes.previous.number) == (2, 1)
    listed = [(c.status, (c.unit or c.old_units[0]).text[:20]) for c in changes.changes]
    assert listed == [
        (EDITED, "Strategien skal gjør"),
        (MERGED, "Kommunen skal svare "),
        (REMOVED, "- Kommentarfeltet er"),  # after the paragraph it followed, now part of the merged one
        (REMOVED, "Facebook"),  # the heading, after "Kanaler" where it stood
        (NEW, "Kommunen vil også la"),
    ]
    edited = by_words(changes.changes, EDITED_WORDS)
    assert edited.diff[0] == ("equal", "Strategien skal gjøre det enklere for ")
    assert sorted(edited.diff[1:3]) == [("delete", "innbyggerne"), ("insert", "alle innbyggere")]
    assert edited.diff[3:] == [("equal", " å delta i beslutninger som angår dem.")]
    merged = by_words(changes.changes, MERGED_WORDS)
    assert [u.number for u in merged.old_units] == ["1.2", "2.1.1"] and not merged.text_changed
    assert by_words(changes.changes, NEW_WORDS).diff == [("insert", "Kommunen vil også lage en egen side for ungdom.")]
    assert changes.counts() == {EDITED: 1, MERGED: 1, NEW: 1, REMOVED: 2}
    assert all(KEPT_WORDS not in (c.unit.text if c.unit else "") for c in changes.changes)  # unchanged: not listed


def test_each_change_carries_the_municipality_s_explanation_and_the_published_comments_it_names(consultation):
    cited = make_comment(consultation, unit_with(consultation, 1, EDITED_WORDS).anchor, text="Skriv alle innbyggere.")
    hidden = make_comment(consultation, unit_with(consultation, 1, EDITED_WORDS).anchor, text="Noe stygt.")
    hidden.status = HIDDEN
    db.session.commit()
    revise(consultation, explanations={
        EDITED_WORDS: ("Ordlyden tar med alle.", [cited.id, hidden.id, 999]),
        "-" + REMOVED_WORDS: "Reglene for kommentarfeltet står i retningslinjene.",
        NEW_WORDS: "   ",  # an empty explanation is none
    })
    changes = history.changes_in(consultation, 2).changes
    edited = by_words(changes, EDITED_WORDS)
    assert edited.explanation.text == "Ordlyden tar med alle."
    assert [c.id for c in edited.explanation.comments] == [cited.id]
    assert by_words(changes, REMOVED_WORDS).explanation.text.startswith("Reglene for kommentarfeltet")
    assert by_words(changes, NEW_WORDS).explanation is None
    assert by_words(changes, MERGED_WORDS).explanation is None


def test_a_removed_unit_keeps_its_comments_and_no_neighbour_gets_them(consultation):
    removed, neighbour = unit_with(consultation, 1, REMOVED_WORDS), unit_with(consultation, 1, MERGED_AWAY_WORDS)
    on_removed = [make_comment(consultation, removed.anchor, text=f"Om reglene {n}.") for n in range(2)]
    on_neighbour = make_comment(consultation, neighbour.anchor, text="Om Facebook.")
    revise(consultation)
    changes = history.changes_in(consultation, 2).changes
    assert [c.id for c in by_words(changes, REMOVED_WORDS).comments_left] == [c.id for c in on_removed]
    assert all(not c.comments_left for c in changes if c.status != REMOVED)
    merged = unit_with(consultation, 2, MERGED_WORDS)
    assert [c.id for c in history.comments_on(merged)] == [on_neighbour.id]
    assert [c.id for c in history.comments_on(removed)] == [c.id for c in on_removed]


def test_there_are_no_changes_to_show_for_version_one_or_a_version_that_does_not_exist(consultation):
    with pytest.raises(history.VersionNotFound):
        history.changes_in(consultation, 1)
    with pytest.raises(history.VersionNotFound):
        history.latest_revision_number(consultation)
    revise(consultation)
    assert history.latest_revision_number(consultation) == 2
    with pytest.raises(history.VersionNotFound):
        history.changes_in(consultation, 3)
    with pytest.raises(history.VersionNotFound):
        history.unit_of(history.version_numbered(consultation, 1), "finnes-ikke")
    assert [v.number for v in history.versions(consultation)] == [1, 2]


def test_a_unit_s_last_change_is_found_back_through_versions_that_left_it_alone(consultation):
    assert history.last_change(unit_with(consultation, 1, EDITED_WORDS)) is None  # the first version's text
    revise(consultation, explanations={EDITED_WORDS: "Ordlyden tar med alle."})
    revise(consultation, THIRD)
    edited_now = unit_with(consultation, 3, EDITED_WORDS)
    found = history.last_change(edited_now)
    assert found.version.number == 2 and found.change.status == EDITED
    assert found.change.explanation.text == "Ordlyden tar med alle."
    assert ("insert", "alle innbyggere") in found.change.diff
    assert found.change.old_units[0].version_id != edited_now.version_id
    website = history.last_change(unit_with(consultation, 3, KEPT_WORDS))
    assert website.version.number == 3 and ("insert", "og blir ") in website.change.diff
    assert history.last_change(unit_with(consultation, 3, NEW_WORDS)).change.status == NEW
    assert history.last_change(unit_with(consultation, 3, "snakke med innbyggerne")) is None  # never changed


def test_comments_know_the_version_and_text_they_were_written_on(consultation):
    edited_before = unit_with(consultation, 1, EDITED_WORDS)
    early = make_comment(consultation, edited_before.anchor, text="Skrevet til versjon 1.")
    revise(consultation)
    edited_now = unit_with(consultation, 2, EDITED_WORDS)
    late = make_comment(consultation, edited_now.anchor, text="Skrevet til versjon 2.")
    comments = db.session.scalars(sa.select(Comment).order_by(Comment.id)).all()
    origins = history.written_before(comments, edited_now)
    assert set(origins) == {early.id}
    assert origins[early.id].version_number == 1 and "for innbyggerne å delta" in origins[early.id].unit.text
    assert history.written_before([late], edited_now) == {}
    # The unit's page in each version: what was written on it, and on the units whose comments it took.
    assert [c.id for c in history.comments_on(edited_now)] == [early.id, late.id]
    assert [c.id for c in history.comments_on(edited_before)] == [early.id]


def test_the_comment_counts_of_a_version_follow_merges(consultation):
    first, second = unit_with(consultation, 1, MERGED_WORDS), unit_with(consultation, 1, MERGED_AWAY_WORDS)
    make_comment(consultation, first.anchor)
    make_comment(consultation, second.anchor)
    revise(consultation)
    make_comment(consultation, first.anchor)  # the merged unit kept the first one's anchor
    merged = unit_with(consultation, 2, MERGED_WORDS)
    assert history.comment_counts(history.version_numbered(consultation, 2))[merged.id] == 3
    assert history.comment_counts(history.version_numbered(consultation, 1)) == {first.id: 1, second.id: 1}


def test_a_unit_of_an_earlier_version_leads_to_its_successor_or_to_the_version_that_removed_it(consultation):
    merged_away, removed = unit_with(consultation, 1, MERGED_AWAY_WORDS), unit_with(consultation, 1, REMOVED_WORDS)
    revise(consultation)
    revise(consultation, THIRD)
    merged = unit_with(consultation, 3, MERGED_WORDS)
    assert history.fate(consultation, merged_away).current.id == merged.id
    assert history.fate(consultation, merged).current.id == merged.id
    gone = history.fate(consultation, removed)
    assert gone.current is None and gone.removed_in.number == 2
    place = history.where_anchor_went(consultation, merged_away.anchor)
    assert place.version.number == 1 and place.fate.current.anchor == merged.anchor
    assert history.where_anchor_went(consultation, removed.anchor).fate.removed_in.number == 2
    assert history.where_anchor_went(consultation, "aldri-brukt") is None


def test_a_version_stored_without_lineage_still_shows_what_changed(consultation):
    """A planner's edit of a published draft before revisions kept lineage made a bare new version."""
    add_draft_version(consultation, DRAFT.replace("innen to virkedager", "innen én virkedag"))
    db.session.commit()
    changes = history.changes_in(consultation, 2).changes
    assert [c.status for c in changes] == [EDITED]
    assert ("insert", "én virkedag") in changes[0].diff or ("insert", "én") in changes[0].diff
