"""English comments: told apart from Norwegian ones, and their words met in bokmål."""
from __future__ import annotations

from collections import Counter

from hoering.analysis import analyse, comment_from_json
from hoering.analysis.english import ENGLISH_TO_BOKMAAL, english_lemma
from hoering.analysis.text import words, written_standard
from tests.unit.analysis.corpus import Recipe, generate


def test_the_glossary_finds_plurals_and_ing_forms():
    assert english_lemma("school") == english_lemma("schools") == "skole"
    assert english_lemma("libraries") == "bibliotek"
    assert english_lemma("buses") == "buss"
    assert english_lemma("swimming") == "svømming"
    assert english_lemma("parking") == "parkering"
    assert english_lemma("the") is None and english_lemma("xylophone") is None


def test_every_glossary_word_is_a_lower_case_word_with_a_bokmaal_word():
    for english, bokmaal in ENGLISH_TO_BOKMAAL.items():
        assert english == english.lower() and bokmaal == bokmaal.lower() and " " not in bokmaal


def test_english_comments_join_the_theme_of_their_matter_and_make_none_of_their_own():
    labelled = generate(600, 2026, Recipe(languages=(0.7, 0.78)))  # a fifth of the comments in English
    report = analyse([comment_from_json(item.comment) for item in labelled])
    topic_of = {item.comment["id"]: item.theme for item in labelled}
    english = {item.comment["id"] for item in labelled
               if not item.campaign and written_standard(words(item.comment["text"])) == "en"}
    placed_well = 0
    for theme in report.themes:
        members = set(theme.comment_ids)
        assert len(members & english) < len(members) / 2, theme.label
        main_topic = Counter(topic_of[i] for i in members).most_common(1)[0][0]
        placed_well += sum(1 for i in members & english if topic_of[i] == main_topic)
    assert len(english) >= 80 and placed_well >= 0.6 * len(english)
