"""Themes: chosen from the data, named with real words, stable from run to run."""
from __future__ import annotations

import json
import re

import pytest

from hoering.analysis import CommentIn, analyse, comment_from_json
from hoering.analysis.labels import MAX_LABEL_CHARS
from hoering.analysis.themes import ThemeSettings, find_themes
from hoering.demo.loader import DATA_DIR


def test_theme_count_is_within_bounds(report):
    assert 3 <= len(report.themes) <= 12


def test_theme_settings_refuse_more_than_twenty_themes():
    with pytest.raises(ValueError):
        ThemeSettings(max_themes=21)
    with pytest.raises(ValueError):
        ThemeSettings(min_themes=5, max_themes=4)


def test_every_label_and_keyword_is_a_word_written_in_the_themes_comments(report, by_id):
    for theme in report.themes:
        written = set()
        for comment_id in theme.comment_ids:
            written.update(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", by_id[comment_id].text))
        label_words = theme.label.split()
        assert "," not in theme.label and 1 <= len(label_words) <= 4, theme.label
        assert len(theme.label) <= MAX_LABEL_CHARS, theme.label
        lower_written = {word.lower() for word in written}
        assert {word.lower() for word in label_words} <= lower_written, theme.label
        assert set(theme.keywords) <= written, theme.label


def test_counts_shares_and_stances_add_up(report, comments):
    for theme in report.themes:
        assert theme.count == len(theme.comment_ids) == len(set(theme.comment_ids))
        assert theme.share == round(theme.count / len(comments), 4)
        assert sum(theme.stance.values()) == theme.count
        assert theme.organisation_comments + theme.individual_comments == theme.count
    themed = sum(theme.count for theme in report.themes)
    assert themed + report.unthemed.count == len(comments)
    assert sorted(i for t in report.themes for i in t.comment_ids) + report.unthemed.comment_ids != []


def test_a_campaign_counts_once_in_its_theme(report):
    for campaign in report.campaigns:
        if campaign.theme is None:
            continue
        theme = report.themes[campaign.theme - 1]
        assert set(campaign.comment_ids) <= set(theme.comment_ids)
        assert {"id": campaign.id, "size": campaign.size} in [vars(ref) for ref in theme.campaigns]
    for theme in report.themes:
        in_campaigns = sum(ref.size for ref in theme.campaigns)
        assert theme.distinct == theme.count - in_campaigns + len(theme.campaigns)


def test_themes_are_numbered_largest_first(report):
    assert [theme.id for theme in report.themes] == list(range(1, len(report.themes) + 1))
    assert [t.distinct for t in report.themes] == sorted((t.distinct for t in report.themes), reverse=True)


def test_a_handful_of_comments_gives_no_themes_rather_than_an_error():
    few = [CommentIn(id=i, text=text) for i, text in enumerate(["Skolen må bestå.", "Enig!", "Bygg fortau."])]
    report = analyse(few)
    assert report.themes == [] and report.unthemed.count == 3


def test_english_only_comments_do_not_break_theme_finding():
    texts = ["The library should open on Sundays for families.", "Library hours are too short on weekends.",
             "Please build a sidewalk on the main road.", "The main road needs a sidewalk and lights.",
             "The swimming pool is too expensive.", "A new swimming pool costs too much money.",
             "Keep the library open late for students.", "Cars drive too fast on the main road."]
    report = analyse([CommentIn(id=i, text=text) for i, text in enumerate(texts)])
    assert report.comments == len(texts)
    assert sum(t.count for t in report.themes) + report.unthemed.count == len(texts)


def test_a_label_leads_with_the_phrase_the_comments_share():
    texts = ["Stengte kommentarfelt gjør at folk krangler et annet sted.",
             "Med stengte kommentarfelt kan ingen spørre om noe.",
             "Jeg liker ikke stengte kommentarfelt på Facebook.",
             "Kommentarfelt som er stengte, gir sinte innlegg.",
             "Stengte kommentarfelt hindrer dialog med kommunen.",
             "Åpne kommentarfelt med moderering er bedre enn stengte."] * 2
    others = ["Bussen til skolen går for sjelden om morgenen.", "Skolebussen er full hver dag.",
              "Elevene venter lenge på bussen etter skolen.", "Flere avganger med buss til skolen, takk.",
              "Bibliotekets åpningstider passer ikke for oss som jobber.", "Biblioteket bør være åpent på lørdager.",
              "Åpningstidene på biblioteket er for korte.", "Utvid åpningstidene til biblioteket om kvelden."] * 2
    comments = [CommentIn(id=i, text=text) for i, text in enumerate(texts + others, start=1)]
    labels = [theme.label for theme in analyse(comments).themes]
    assert any(label.startswith("Stengte kommentarfelt") for label in labels), labels


def test_documents_that_do_not_shape_the_themes_never_start_one_of_their_own():
    topics = [["skole", "elev", "lærer", "klasse", "skolebuss"], ["vei", "fortau", "fart", "kryss", "lys"],
              ["bibliotek", "bok", "åpningstid", "lån", "lesesal"]]
    docs = [[words[i % 5], words[(i + 1) % 5], words[(i + 2) % 5]] for words in topics for i in range(20)]
    own = ["parent", "writing", "family", "living", "moved"]
    english = [[own[i % 5], own[(i + 1) % 5], own[(i + 2) % 5]] for i in range(30)]
    keys = [str(i) for i in range(len(docs) + len(english))]
    shaping = [True] * len(docs) + [False] * len(english)
    for model, english_theme in ((find_themes(docs + english, keys, ThemeSettings(), shaping=shaping), False),
                                 (find_themes(docs + english, keys, ThemeSettings()), True)):
        mostly_english = [theme for theme in range(model.count)
                          if (model.labels[len(docs):] == theme).sum() > (model.labels[:len(docs)] == theme).sum()]
        # Without the rule, the writers' shared words ("parent", "writing") make a theme of their own.
        assert bool(mostly_english) is english_theme


# The social-media strategy draws comments on many small matters; the leisure plan on seven, one of
# them (the culture school's waiting lists) a quarter of the comments.
@pytest.mark.parametrize("consultation, largest", [("sosiale-medier", 0.15), ("fritidstilbud", 0.25)])
def test_the_demos_real_comments_get_no_catch_all_theme_and_few_are_left_over(consultation, largest):
    """Real comments overlap more than generated ones, and the runs disagree on many of them.
    Themes kept only where most runs agree once cut the 209 social-media comments into 16 themes
    with a third left over; cutting that down to what one run found made a catch-all theme of 38
    (response times, nynorsk, digital meetings, the website against Facebook)."""
    data = json.loads((DATA_DIR / f"{consultation}-comments.json").read_text(encoding="utf-8"))
    report = analyse([comment_from_json({**item, "id": n, "parent": None}) for n, item in enumerate(data, start=1)])
    assert 5 <= len(report.themes) <= 12
    assert report.unthemed.count <= 0.15 * report.comments
    assert max(theme.count for theme in report.themes) <= largest * report.comments
