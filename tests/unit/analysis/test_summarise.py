"""Quotes and summaries are taken word for word from the comments they cite."""
from __future__ import annotations

import json

import numpy as np
import pytest

from hoering.analysis import STANCE_KEYS, analyse, comment_from_json
from hoering.demo.loader import DATA_DIR
from hoering.analysis.report import quote_groups, splits
from hoering.analysis.summarise import SentencePicker, leans_on_the_sentence_before, quotable_spans, theme_quotes
from hoering.analysis.text import Terms, first_sentence
from hoering.analysis.themes import find_themes


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
        assert 2 <= len(theme.quotes) <= (7 if splits(theme.stance) else 5)
        sides = {stance for stance in STANCE_KEYS if theme.stance[stance] > 0}
        assert {quote.stance for quote in theme.quotes} == sides
        assert len({quote.comment_id for quote in theme.quotes}) == len(theme.quotes)


def test_each_theme_has_a_short_summary_and_the_overview_takes_from_the_largest(report):
    for theme in report.themes:
        assert 1 <= len(theme.summary) <= 3
        assert all(s.theme == theme.id for s in theme.summary)
    assert 1 <= len(report.summary) <= 5
    assert [s.theme for s in report.summary] == [t.id for t in report.themes[:len(report.summary)]]


# The demo's comment whose last sentence the summary quoted alone: "Da" leans on "… før du får svar."
LEANING = ("To virkedager er for lenge. Spør du på en fredag ettermiddag, kan det gå fem dager før du får svar. "
           "Da har de fleste gitt opp eller funnet svaret et annet sted.")


@pytest.mark.parametrize("sentence, leans", [
    ("Da har de fleste gitt opp eller funnet svaret et annet sted.", True),
    ("Men det koster for mye.", True),
    ("Så vi må gjøre noe.", True),
    ("Dette må endres.", True),
    ("Det er for dyrt.", True),
    ("Hun hadde aldri kommet så langt i en gruppe.", True),
    ("But the plan ignores the children.", True),
    ("Det er viktig at skolen i Nordvik består.", False),
    ("Dette forslaget er dårlig for barna.", False),
    ("Det kjører mye tungtrafikk gjennom sentrum.", False),
    ("Da jeg kom til Fjordvik, fant jeg alt på Facebook.", False),
    ("Da vannet ble stengt i vår, fikk jeg vite det av naboen.", False),
    ("Skolen i Nordvik må bestå.", False),
    ("It is important that the school stays open.", False),
])
def test_a_sentence_that_points_back_is_told_from_one_that_names_its_subject(sentence, leans):
    assert leans_on_the_sentence_before(sentence) is leans


def test_a_leaning_sentence_is_quotable_only_with_the_sentence_it_leans_on():
    quotable = [LEANING[start:end] for start, end in quotable_spans(LEANING)]
    assert quotable == [
        "To virkedager er for lenge.",
        "Spør du på en fredag ettermiddag, kan det gå fem dager før du får svar.",
        "Spør du på en fredag ettermiddag, kan det gå fem dager før du får svar. "
        "Da har de fleste gitt opp eller funnet svaret et annet sted.",
    ]


def test_a_leaning_sentence_with_nothing_to_lean_on_is_passed_over():
    text = "Men det blir for dyrt. Dette må endres. Skolen i Nordvik må bestå."
    assert [text[start:end] for start, end in quotable_spans(text)] == [
        "Skolen i Nordvik må bestå."]


def test_no_quote_or_summary_sentence_opens_by_pointing_back(report):
    cited = [q.text for theme in report.themes for q in theme.quotes]
    cited += [s.text for theme in report.themes for s in theme.summary] + [s.text for s in report.summary]
    assert not [text for text in cited if leans_on_the_sentence_before(first_sentence(text))]


def test_the_demos_quotes_and_summaries_stand_alone():
    """The demo's comments, where sentences quoted alone used to open with "Men", "Da" and "Det bør"."""
    data = json.loads((DATA_DIR / "sosiale-medier-comments.json").read_text(encoding="utf-8"))
    comments = [comment_from_json({**item, "id": n, "parent": None}) for n, item in enumerate(data, start=1)]
    report = analyse(comments)
    cited = [q.text for theme in report.themes for q in theme.quotes]
    cited += [s.text for theme in report.themes for s in theme.summary] + [s.text for s in report.summary]
    assert len(cited) > 50
    assert not [text for text in cited if leans_on_the_sentence_before(first_sentence(text))]


@pytest.mark.parametrize("stance, split", [
    ({"support": 10, "against": 10, "neutral": 5, "suggestion": 5, "not_stated": 40}, True),
    ({"support": 6, "against": 5, "neutral": 3, "suggestion": 6, "not_stated": 0}, True),
    ({"support": 30, "against": 9, "neutral": 1, "suggestion": 0, "not_stated": 0}, False),  # 22 % against
    ({"support": 1, "against": 1, "neutral": 0, "suggestion": 0, "not_stated": 0}, False),  # too few to say
    ({"support": 0, "against": 0, "neutral": 0, "suggestion": 0, "not_stated": 9}, False),
])
def test_a_theme_splits_when_support_and_against_each_hold_a_quarter_of_the_stated_stances(stance, split):
    assert splits(stance) is split


def test_a_split_theme_lets_each_side_speak_twice_and_the_pages_group_them(report):
    split = [theme for theme in report.themes if splits(theme.stance)]
    assert split, "the corpus has a theme split between support and against"
    for theme in split:
        groups = dict(quote_groups(theme.quotes, theme.stance))
        assert len(groups["support"]) >= 2 and len(groups["against"]) >= 2, theme.label
        assert all(q.stance == "support" for q in groups["support"])
        assert all(q.stance not in ("support", "against") for q in groups.get("other", []))
    whole = [theme for theme in report.themes if not splits(theme.stance)]
    assert all(quote_groups(theme.quotes, theme.stance) == [(None, theme.quotes)] for theme in whole)


@pytest.fixture(scope="module")
def theme_and_comments(comments):
    """A theme model of the corpus (each comment its own document) and the comments of its first theme."""
    terms = Terms()
    model = find_themes([terms.of(c.text) for c in comments], [str(c.id) for c in comments])
    return model, terms, [c for c, label in zip(comments, model.labels) if label == 0]


def test_a_picker_answers_the_same_whether_it_prepared_many_comments_at_once_or_none(theme_and_comments):
    model, terms, inside = theme_and_comments
    sample, others = inside[:40], inside[40:80]
    prepared = SentencePicker(model, 0, terms)
    prepared.prepare(inside[:80])
    prepared.prepare_sentences(inside[20:60])
    fresh = SentencePicker(model, 0, terms)
    direction = fresh.direction(sample, others)
    difference = (np.asarray(fresh.vectors([c.text for c in sample]).mean(axis=0)).ravel()
                  - np.asarray(fresh.vectors([c.text for c in others]).mean(axis=0)).ravel())
    assert (direction == difference / np.linalg.norm(difference)).all()  # as computed from the texts directly
    assert (prepared.direction(sample, others) == direction).all()
    assert prepared.typical(sample, direction) == fresh.typical(sample, direction)
    for comment in inside[:60]:
        assert prepared.sentences(comment, direction) == SentencePicker(model, 0, terms).sentences(comment, direction)
        assert prepared.sentences(comment) == fresh.sentences(comment)


def test_a_themes_quotes_do_not_depend_on_what_its_picker_was_asked_before(theme_and_comments):
    model, terms, inside = theme_and_comments
    used = SentencePicker(model, 0, terms)
    used.prepare(inside[::-1])
    used.prepare_sentences(inside[::3])
    assert theme_quotes(inside, used, split=True) == theme_quotes(inside, SentencePicker(model, 0, terms), split=True)
