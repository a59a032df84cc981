"""Comment rules, reached without HTTP."""
import pytest

from hoering.comments import services
from hoering.comments.services import CommentInput, CommentRejected
from hoering.consultations.services import unit_in_context
from tests.factories import make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"


def entry(**overrides):
    values = dict(author_name="Ola Nordmann", text="Svartid på to dager er for lenge.", submission_key="k-1")
    values.update(overrides)
    return CommentInput(**values)


def test_comment_is_saved_on_the_unit_with_rendered_html(app):
    consultation = make_consultation()
    unit = unit_in_context(consultation, ANCHOR).unit
    posted = services.post_comment(consultation, unit, entry(text="Dette er *viktig*."))
    assert not posted.duplicate
    comment = posted.comment
    assert (comment.anchor, comment.unit_id) == (ANCHOR, unit.id)
    assert comment.html == "<p>Dette er <em>viktig</em>.</p>"


def test_the_same_submission_twice_saves_one_comment(app):
    consultation = make_consultation()
    first = services.post_comment(consultation, None, entry(submission_key="dobbeltklikk"))
    second = services.post_comment(consultation, None, entry(submission_key="dobbeltklikk"))
    assert second.duplicate and second.comment.id == first.comment.id
    assert services.counts_by_anchor(consultation) == {None: 1}


def test_comment_on_closed_consultation_is_refused(app):
    consultation = make_consultation(open_=False)
    with pytest.raises(CommentRejected) as refused:
        services.post_comment(consultation, None, entry())
    assert refused.value.field is None
    assert services.counts_by_anchor(consultation) == {}


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"author_name": ""}, "author_name"),
        ({"text": ""}, "text"),
        ({"text": "x" * 10_001}, "text"),
        ({"stance": "maybe"}, "stance"),
        ({"author_name": "n" * 121}, "author_name"),
    ],
)
def test_bad_input_is_rejected_with_the_field_to_blame(app, overrides, field):
    consultation = make_consultation()
    with pytest.raises(CommentRejected) as rejected:
        services.post_comment(consultation, None, entry(**overrides))
    assert rejected.value.field == field


def test_text_of_exactly_ten_thousand_characters_is_accepted(app):
    consultation = make_consultation()
    assert services.post_comment(consultation, None, entry(text="a" * 10_000)).comment.id


def test_replies_nest_under_their_thread_oldest_first(app):
    consultation = make_consultation()
    root = make_comment(consultation, ANCHOR, text="Første innspill")
    reply = make_comment(consultation, ANCHOR, text="Svar", parent_id=root.id)
    reply_to_reply = make_comment(consultation, ANCHOR, text="Svar på svar", parent_id=reply.id)
    second_reply = make_comment(consultation, ANCHOR, text="Enda et svar", parent_id=root.id)
    assert reply_to_reply.root_id == root.id
    page = services.thread_page(consultation, ANCHOR, page=1, per_page=10)
    assert [t.comment.id for t in page.threads] == [root.id]
    thread = page.threads[0]
    assert [r.comment.id for r in thread.replies] == [reply.id, second_reply.id]
    assert [r.comment.id for r in thread.replies[0].replies] == [reply_to_reply.id]
    assert (page.total_threads, page.total_comments) == (1, 4)


def test_threads_in_the_reader_s_order_and_stance(app):
    consultation = make_consultation()
    first = make_comment(consultation, ANCHOR, text="Først", stance="support")
    popular = make_comment(consultation, ANCHOR, text="Populært", stance="against")
    last = make_comment(consultation, ANCHOR, text="Sist", stance="against")
    make_comment(consultation, ANCHOR, text="Et svar som er imot", parent_id=first.id, stance="against")
    for voter in ("a", "b"):
        services.agree(popular, voter)
    services.agree(last, "a")

    def ids(**view):
        return [t.comment.id for t in services.thread_page(consultation, ANCHOR, 1, 10, **view).threads]

    assert ids() == ids(order=services.OLDEST) == [first.id, popular.id, last.id]
    assert ids(order=services.NEWEST) == [last.id, popular.id, first.id]
    assert ids(order=services.MOST_AGREED) == [popular.id, last.id, first.id]
    assert ids(order="tilfeldig") == [first.id, popular.id, last.id]  # an unknown order is the default
    against = services.thread_page(consultation, ANCHOR, 1, 10, order=services.NEWEST, stance="against")
    assert [t.comment.id for t in against.threads] == [last.id, popular.id]  # by the first comment's stance
    assert (against.total_threads, against.total_comments) == (2, 4)
    assert ids(stance="ukjent") == [first.id, popular.id, last.id]


def test_a_reply_must_be_on_the_same_unit_as_its_parent(app):
    consultation = make_consultation()
    elsewhere = make_comment(consultation, None, text="Om hele dokumentet")
    unit = unit_in_context(consultation, ANCHOR).unit
    with pytest.raises(CommentRejected):
        services.post_comment(consultation, unit, entry(parent_id=elsewhere.id))


def test_threads_are_paged_and_each_page_brings_its_own_replies(app):
    consultation = make_consultation()
    roots = [make_comment(consultation, ANCHOR, text=f"Innspill {n}") for n in range(5)]
    make_comment(consultation, ANCHOR, text="Svar på det siste", parent_id=roots[4].id)
    page = services.thread_page(consultation, ANCHOR, page=3, per_page=2)
    assert (page.page, page.pages) == (3, 3)
    assert [t.comment.id for t in page.threads] == [roots[4].id]
    assert len(page.threads[0].replies) == 1
    assert services.page_of_thread(consultation, roots[4], per_page=2) == 3
    assert services.thread_page(consultation, ANCHOR, page=99, per_page=2).page == 3


def test_agreement_counts_once_per_voter(app):
    consultation = make_consultation()
    comment = make_comment(consultation)
    assert services.agree(comment, "nettleser-a") is True
    assert services.agree(comment, "nettleser-a") is False
    assert services.agree(comment, "nettleser-b") is True
    assert services.get_public_comment(consultation, comment.id).agree_count == 2
    assert services.agreed_among("nettleser-a", [comment.id]) == {comment.id}


def test_comment_counts_per_unit_and_per_consultation(app):
    consultation = make_consultation()
    other = make_consultation("annen-horing")
    make_comment(consultation, ANCHOR)
    make_comment(consultation, ANCHOR)
    make_comment(consultation, None)
    make_comment(other, None)
    assert services.counts_by_anchor(consultation) == {ANCHOR: 2, None: 1}
    assert services.counts_by_consultation([consultation.id, other.id]) == {consultation.id: 3, other.id: 1}


def test_open_data_feed_pages_by_id(app):
    consultation = make_consultation()
    ids = [make_comment(consultation, text=f"Innspill {n}").id for n in range(5)]
    assert [c.id for c in services.comments_after(consultation, 0, 2)] == ids[:2]
    assert [c.id for c in services.comments_after(consultation, ids[1], 10)] == ids[2:]
