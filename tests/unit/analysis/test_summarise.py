"""Quotes and summaries are taken word for word from the comments they cite."""
from __future__ import annotations

from hoering.analysis import STANCE_KEYS


def test_every_quote_summary_sentence_and_addition_is_an_exact_substring_of_its_comment(report, by_id):
    cited = [(q.comment_id, q.text) for theme in report.themes for q in theme.quotes]
    cited += [(s.comment_id, s.text) for theme in report.themes for s in theme.summary]
    cited += [(s.comment_id, s.text) for s in report.summary]
    cited += [(a.comment_id, a.text) for campaign in report.campaigns for a in campaign.additions]
    assert len(cited) > 30
    for comment_id, text in cited:
        assert text and text in by_id[comment_id].text, (comment_id, text)


def test_quotes_come_from_the_theme_with_their_stated_stance(report, by_id):
    for theme in report.themes:
        for quote in theme.quotes:
            assert quote.comment_id in theme.comment_ids
            assert quote.stance == by_id[quote.comment_id].stance_key


def test_each_theme_has_two_to_five_quotes_covering_every_side_that_spoke(report):
    for theme in report.themes:
        assert 2 <= len(theme.quotes) <= 5
        sides = {stance for stance in STANCE_KEYS if theme.stance[stance] > 0}
        assert {quote.stance for quote in theme.quotes} == sides
        assert len({quote.comment_id for quote in theme.quotes}) == len(theme.quotes)


def test_each_theme_has_a_short_summary_and_the_overview_takes_from_the_largest(report):
    for theme in report.themes:
        assert 1 <= len(theme.summary) <= 3
        assert all(s.theme == theme.id for s in theme.summary)
    assert 1 <= len(report.summary) <= 5
    assert [s.theme for s in report.summary] == [t.id for t in report.themes[:len(report.summary)]]
