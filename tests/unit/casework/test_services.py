"""Analysis runs: one at a time per consultation, the result kept with what it covered."""
from datetime import timedelta

from hoering.casework import services
from hoering.background import DONE, FAILED, QUEUED
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"


def make_comments(consultation):
    return [make_comment(consultation, ANCHOR if n % 2 else None, text=text, stance="against" if n % 3 else "")
            for n, text in enumerate(TOPICAL_COMMENTS)]


def test_a_run_analyses_the_published_comments_and_keeps_what_it_covered(app, auth):
    consultation = make_consultation()
    comments = make_comments(consultation)
    make_comment(consultation, text="Mitt nummer er 912 34 567.")  # held for moderation: not analysed
    run, started = services.request_run(consultation, auth.user("caseworker"))
    assert started and run.status == QUEUED
    run = services.execute_run(run.id)
    assert run.status == DONE and run.progress == 1.0
    assert (run.comment_count, run.last_comment_id) == (6, comments[-1].id)
    assert run.result["comments"] == 6
    assert {u["unit"] for u in run.result["units"]} == {ANCHOR, None}
    assert not services.is_stale(run, consultation)
    make_comment(consultation, text="Et nytt innspill om nettsiden.")
    assert services.is_stale(run, consultation)


def test_a_redaction_or_a_hidden_comment_after_the_run_makes_it_stale(app, auth):
    """The number of published comments stays the same; what they say does not."""
    from hoering.moderation import services as moderation

    consultation = make_consultation()
    held = make_comment(consultation, text="Mitt nummer er 912 34 567.")  # held: not analysed
    comments = make_comments(consultation)
    moderator = auth.user("moderator")
    run = services.run_now(consultation)
    assert not services.is_stale(run, consultation)
    moderation.redact(comments[0], moderator, comments[0].text.split()[0])
    assert services.is_stale(run, consultation)

    run = services.run_now(consultation)
    assert not services.is_stale(run, consultation)
    moderation.hide(comments[1], moderator, "Utenfor temaet.")
    # One gone, one come: the same count and the same newest id. The held comment holds a phone
    # number, so publishing it as it stands takes a confirmation and a reason.
    moderation.approve(held, moderator, reason="Kommunens eget sentralbord.", confirmed=True)
    assert (run.comment_count, run.last_comment_id) == (6, comments[-1].id)
    assert services.is_stale(run, consultation)


def test_only_one_run_at_a_time_but_an_abandoned_one_does_not_block(app):
    consultation = make_consultation()
    first, started = services.request_run(consultation, None)
    again, started_again = services.request_run(consultation, None)
    assert started and not started_again and again.id == first.id
    first.created_at -= timedelta(hours=3)
    fresh, started = services.request_run(consultation, None)
    assert started and fresh.id != first.id and first.status == FAILED


def test_the_page_shades_units_by_activity(app):
    consultation = make_consultation()
    make_comments(consultation)
    run, _ = services.request_run(consultation, None)
    services.execute_run(run.id)
    page = services.analysis_page(consultation)
    levels = {item.unit.anchor: item.level for item in page.heat}
    assert levels[ANCHOR] == 5 and levels["formal"] == 0
    assert page.whole_document["comments"] == 3 and not page.stale
