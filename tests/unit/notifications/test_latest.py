"""Latest: whether a follower has anything to hear of, decided from what a run reads once per
consultation (a unit's follower hears of its own comments, and of revisions, the summary, the opening
and the deadline; never of another unit's comments or of formal responses)."""
from datetime import datetime

from hoering.notifications.news import Latest

WINDOW_START = datetime(2026, 12, 6, 7, 0)
BEFORE, AFTER = datetime(2026, 12, 6, 6, 0), datetime(2026, 12, 6, 8, 0)


def test_nothing_ever_happened():
    assert not Latest().after(None, WINDOW_START)
    assert not Latest().after("formal", WINDOW_START)


def test_a_comment_on_one_unit_concerns_that_unit_and_the_whole():
    latest = Latest(whole=AFTER, units={"formal": AFTER, "kanaler": BEFORE}, shared=BEFORE)
    assert latest.after(None, WINDOW_START)
    assert latest.after("formal", WINDOW_START)
    assert not latest.after("kanaler", WINDOW_START)
    assert not latest.after("ingen-innspill", WINDOW_START)


def test_what_every_unit_hears_of_reaches_a_unit_without_comments():
    latest = Latest(whole=AFTER, units={}, shared=AFTER)
    assert latest.after("ingen-innspill", WINDOW_START)


def test_the_window_is_open_at_its_start():
    latest = Latest(whole=WINDOW_START, units={"formal": WINDOW_START}, shared=None)
    assert not latest.after(None, WINDOW_START)
    assert not latest.after("formal", WINDOW_START)
