"""A run that continues an earlier run's themes: earlier comments keep theirs, new ones join the nearest."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from hoering.analysis import analyse, comment_from_json
from tests.unit.analysis.corpus import generate

NEW_ID = 100_000


@pytest.fixture(scope="module")
def new_labelled():
    """30 more comments of the same consultation (5 % of the corpus), with ids after the others."""
    labelled = generate(30, seed=7)
    return [replace(item, comment={**item.comment, "id": NEW_ID + item.comment["id"], "parent": None})
            for item in labelled]


@pytest.fixture(scope="module")
def prior(report):
    assignments = dict.fromkeys(report.unthemed.comment_ids)
    for theme in report.themes:
        assignments.update(dict.fromkeys(theme.comment_ids, theme.key))
    return assignments


def themes_of(report) -> dict:
    themes = dict.fromkeys(report.unthemed.comment_ids)
    for theme in report.themes:
        themes.update(dict.fromkeys(theme.comment_ids, theme.key))
    return themes


def test_fresh_themes_are_keyed_by_their_numbers(report):
    assert [theme.key for theme in report.themes] == [str(theme.id) for theme in report.themes]


def test_earlier_comments_keep_their_theme_and_new_ones_join_the_right_one(comments, labelled, report, prior,
                                                                          new_labelled):
    new = [comment_from_json(item.comment) for item in new_labelled]
    again = analyse(comments + new, prior=prior)
    after = themes_of(again)
    assert all(after[comment_id] == key for comment_id, key in prior.items())
    assert {theme.key for theme in again.themes} == {theme.key for theme in report.themes}
    # Each true theme of the corpus lives mostly in one key; new comments should go to that key.
    key_of_truth = {}
    for truth in {item.theme for item in labelled if item.theme}:
        keys = Counter(prior[item.comment["id"]] for item in labelled if item.theme == truth)
        key_of_truth[truth] = keys.most_common(1)[0][0]
    placed = [(after[item.comment["id"]], key_of_truth[item.theme]) for item in new_labelled if item.theme]
    assert sum(got == wanted for got, wanted in placed) >= 0.9 * len(placed)


def test_a_comment_moved_by_hand_stays_where_it_was_put(comments, report, prior):
    first, second = report.themes[0], report.themes[1]
    moved, short = first.comment_ids[0], report.unthemed.comment_ids[0]
    again = analyse(comments, prior={**prior, moved: second.key, short: second.key})
    after = themes_of(again)
    assert after[moved] == second.key and after[short] == second.key
    assert next(t for t in again.themes if t.key == second.key).count == second.count + 2


def test_a_campaign_member_keeps_its_own_theme(comments, report, prior):
    campaign = next(c for c in report.campaigns if c.theme is not None)
    home = report.themes[campaign.theme - 1].key
    elsewhere = next(theme.key for theme in report.themes if theme.key != home)
    member = campaign.comment_ids[-1]
    after = themes_of(analyse(comments, prior={**prior, member: elsewhere}))
    assert after[member] == elsewhere
    assert all(after[other] == home for other in campaign.comment_ids if other != member)


def test_without_themes_to_continue_they_are_found_afresh(comments, report):
    again = analyse(comments, prior=dict.fromkeys(c.id for c in comments))
    assert again.to_dict(timings=False) == report.to_dict(timings=False)
