"""Replaying corrections onto analysis results, including results of a later run."""
import copy

from hoering.summaries.content import summary_content
from hoering.casework.corrections import CommentFacts, apply_corrections

FACTS = {i: CommentFacts("support" if i % 2 else "against", i % 5 == 0) for i in range(1, 13)}


def theme(theme_id, label, ids, quotes=()):
    return {"id": theme_id, "label": label, "keywords": [label.lower()], "comment_ids": list(ids),
            "count": len(ids), "share": 0.0, "stance": {}, "quotes": [dict(q) for q in quotes],
            "summary": [{"comment_id": ids[0], "text": "x", "theme": theme_id}], "campaigns": []}


def result(first_id=1):
    """Three themes and a campaign; ``first_id`` renumbers the themes as a re-run may."""
    return {
        "comments": 12,
        "participants": {"people": 10, "organisations": 2, "organisation_comments": 2, "individual_comments": 10},
        "stance": {"support": 6, "against": 6, "neutral": 0, "suggestion": 0, "not_stated": 0},
        "themes": [
            theme(first_id, "Skole", [1, 2, 3, 4, 5], [{"comment_id": 1, "text": "Skolen er viktig.", "stance": "support"}]),
            theme(first_id + 1, "Vei", [6, 7, 8], [{"comment_id": 6, "text": "Veien er smal.", "stance": "against"}]),
            theme(first_id + 2, "Buss", [9, 10]),
        ],
        "campaigns": [{"id": 1, "size": 3, "text": "Mal", "comment_ids": [2, 3, 4], "additions": []}],
        "units": [{"unit": "a", "comments": 2, "people": 2, "organisations": 0, "stance": {}},
                  {"unit": None, "comments": 5, "people": 4, "organisations": 1, "stance": {}}],
    }


def op(kind, target, **fields):
    return {"kind": kind, "target": list(target), "other": fields.get("other"),
            "comment_id": fields.get("comment_id"), "text": fields.get("text", "")}


def test_without_corrections_the_result_is_recounted_from_the_facts():
    reviewed = apply_corrections(result(), [], FACTS)
    assert [t["label"] for t in reviewed.themes] == ["Skole", "Vei", "Buss"]
    school = reviewed.themes[0]
    assert school["stance"]["support"] == 3 and school["stance"]["against"] == 2
    assert school["organisation_comments"] == 1 and school["share"] == round(5 / 12, 4)
    assert reviewed.unthemed == [11, 12]
    assert len(reviewed.campaigns) == 1 and not reviewed.skipped


def test_rename_and_assessment_name_the_theme_by_its_comments():
    operations = [op("rename", [1, 2, 3, 4, 5], text="Skolestruktur"),
                  op("assess", [6, 7, 8], text="Kommunen vil se på veien.")]
    reviewed = apply_corrections(result(), operations, FACTS)
    assert reviewed.themes[0]["label"] == "Skolestruktur"
    assert reviewed.themes[1]["assessment"] == "Kommunen vil se på veien."


def test_merge_moves_comments_quotes_and_keeps_the_first_name():
    reviewed = apply_corrections(result(), [op("merge", [6, 7, 8], other=[9, 10])], FACTS)
    assert [t["label"] for t in reviewed.themes] == ["Skole", "Vei"]
    road = reviewed.themes[1]
    assert road["comment_ids"] == [6, 7, 8, 9, 10] and road["count"] == 5
    assert road["keywords"] == ["vei", "buss"]


def test_moving_a_comment_takes_its_quote_away_from_the_old_theme():
    reviewed = apply_corrections(result(), [op("move", [9, 10], comment_id=1)], FACTS)
    school, bus = reviewed.theme(1), reviewed.theme(3)
    assert 1 not in school["comment_ids"] and school["quotes"] == []
    assert bus["comment_ids"] == [1, 9, 10]
    assert all(s["comment_id"] != 1 for s in school["summary"])


def test_moving_an_unthemed_comment_into_a_theme():
    reviewed = apply_corrections(result(), [op("move", [9, 10], comment_id=11)], FACTS)
    assert reviewed.theme(3)["comment_ids"] == [9, 10, 11] and reviewed.unthemed == [12]


def test_quotes_can_be_dropped_and_chosen():
    operations = [op("drop_quote", [1, 2, 3, 4, 5], comment_id=1, text="Skolen er viktig."),
                  op("add_quote", [1, 2, 3, 4, 5], comment_id=3, text="Bygg ny skole.")]
    quotes = apply_corrections(result(), operations, FACTS).theme(1)["quotes"]
    assert quotes == [{"comment_id": 3, "text": "Bygg ny skole.", "stance": "support"}]


def test_a_quote_from_outside_the_theme_is_skipped():
    reviewed = apply_corrections(result(), [op("add_quote", [9, 10], comment_id=1, text="Skolen")], FACTS)
    assert reviewed.theme(3)["quotes"] == [] and len(reviewed.skipped) == 1


def test_not_a_campaign_removes_only_that_campaign():
    reviewed = apply_corrections(result(), [op("not_campaign", [2, 3, 4])], FACTS)
    assert reviewed.campaigns == []
    assert reviewed.theme(1)["comment_ids"] == [1, 2, 3, 4, 5]


def test_corrections_survive_a_re_run_that_renumbers_the_themes():
    operations = [op("rename", [6, 7, 8], text="Trafikk"), op("merge", [6, 7, 8], other=[9, 10]),
                  op("rename", [1, 2, 3, 4, 5], text="Skolestruktur")]
    first = apply_corrections(result(), operations, FACTS)
    again = apply_corrections(result(first_id=7), operations, FACTS)
    assert [(t["label"], t["comment_ids"]) for t in again.themes] == [(t["label"], t["comment_ids"]) for t in first.themes]
    assert [t["label"] for t in again.themes] == ["Skolestruktur", "Trafikk"]


def test_a_theme_that_changed_a_little_keeps_its_correction_and_a_gone_one_is_skipped():
    changed = result()
    changed["themes"][0]["comment_ids"] = [1, 2, 3, 4, 5, 11]  # a new comment joined
    changed["themes"] = changed["themes"][:2]  # "Buss" is gone
    operations = [op("rename", [1, 2, 3, 4, 5], text="Skolestruktur"), op("rename", [9, 10], text="Kollektiv")]
    reviewed = apply_corrections(changed, operations, FACTS)
    assert reviewed.themes[0]["label"] == "Skolestruktur"
    assert reviewed.skipped == [operations[1]]


def test_the_result_itself_is_not_changed():
    original = result()
    kept = copy.deepcopy(original)
    apply_corrections(original, [op("merge", [1, 2, 3, 4, 5], other=[6, 7, 8])], FACTS)
    assert original == kept


def test_content_has_the_documented_keys_and_unit_citations():
    reviewed = apply_corrections(result(), [op("assess", [9, 10], text="Vurdert.")], FACTS)
    content = summary_content(result(), reviewed, 4, "2026-11-25T10:00:00", {"a": "2.1"})
    assert content["comments"] == 12 and content["people"] == 10 and content["run_id"] == 4
    assert [t["key"] for t in content["themes"]] == ["1", "2", "3"]
    assert content["themes"][2]["assessment"] == "Vurdert."
    assert set(content["themes"][0]) == {"key", "label", "keywords", "count", "share", "stance", "assessment",
                                         "quotes", "comment_ids"}
    assert [(u["anchor"], u["number"]) for u in content["units"]] == [(None, ""), ("a", "2.1")]
    assert content["campaigns"] == [{"id": 1, "size": 3, "text": "Mal", "comment_ids": [2, 3, 4]}]


def test_a_theme_is_known_in_the_summary_by_its_key_which_a_continued_run_keeps():
    later = result(first_id=4)  # a re-run numbers its themes afresh ...
    for key, theme_ in zip(("1", "2", "3"), later["themes"]):
        theme_["key"] = key  # ... and keeps their keys
    content = summary_content(later, apply_corrections(later, [], FACTS), 5, "2026-11-26T10:00:00", {})
    assert [t["key"] for t in content["themes"]] == ["1", "2", "3"]


def rerun(*themes_ids):
    """A later result whose themes hold ``themes_ids`` (the quotes of result() where they still fit)."""
    changed = result()
    quotes = {q["comment_id"]: q for t in changed["themes"] for q in t["quotes"]}
    changed["themes"] = [theme(n, f"Tema {n}", ids, [quotes[i] for i in ids if i in quotes])
                         for n, ids in enumerate(themes_ids, start=1)]
    themed = {i for ids in themes_ids for i in ids}
    changed["unthemed"] = {"comment_ids": [i for i in FACTS if i not in themed]}
    return changed


def test_a_correction_follows_a_clear_majority_of_its_comments_when_the_overlap_is_too_small():
    operation = op("rename", [9, 10], text="Kollektiv")
    reviewed = apply_corrections(rerun([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]), [operation], FACTS)
    assert reviewed.theme(2)["label"] == "Kollektiv"
    assert reviewed.mapped == [operation] and not reviewed.skipped


def test_a_merge_the_analysis_has_already_made_still_applies():
    operations = [op("merge", [6, 7, 8], other=[9, 10]), op("rename", [6, 7, 8, 9, 10], text="Trafikk")]
    reviewed = apply_corrections(rerun([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]), operations, FACTS)
    assert [t["label"] for t in reviewed.themes] == ["Tema 1", "Trafikk"] and not reviewed.skipped


def test_a_theme_split_without_a_clear_majority_leaves_its_correction_unplaced():
    operation = op("assess", [1, 2, 3, 4, 5], text="Kommunen utreder skolestrukturen.")
    reviewed = apply_corrections(rerun([1, 2, 3, 11, 12], [4, 5, 6, 7, 8]), [operation], FACTS)
    assert reviewed.skipped == [operation] and reviewed.mapped == []
    assert all(t["assessment"] == "" for t in reviewed.themes)


def test_two_assessments_meeting_in_one_theme_leave_the_second_for_the_caseworker():
    operations = [op("assess", [6, 7, 8], text="Om veien."), op("assess", [9, 10], text="Om bussen.")]
    reviewed = apply_corrections(rerun([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]), operations, FACTS)
    assert reviewed.theme(2)["assessment"] == "Om veien."
    assert reviewed.skipped == [operations[1]] and reviewed.mapped == []


def test_an_assessment_rewritten_after_a_merge_is_an_edit_not_a_conflict():
    operations = [op("assess", [6, 7, 8], text="Først."), op("merge", [6, 7, 8], other=[9, 10]),
                  op("assess", [6, 7, 8, 9, 10], text="Sist.")]
    reviewed = apply_corrections(rerun([1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]), operations, FACTS)
    assert reviewed.theme(2)["assessment"] == "Sist." and not reviewed.skipped


def test_a_dropped_quote_stays_dropped_wherever_the_theme_went():
    operation = op("drop_quote", [99, 98], comment_id=1, text="Skolen er viktig.")
    reviewed = apply_corrections(rerun([1, 2, 3, 11], [4, 5, 6, 7, 8]), [operation], FACTS)
    assert reviewed.theme(1)["quotes"] == [] and not reviewed.skipped


def test_moving_a_comment_that_is_no_longer_published_changes_nothing():
    reviewed = apply_corrections(result(), [op("move", [9, 10], comment_id=99)], FACTS)
    assert reviewed.theme(3)["comment_ids"] == [9, 10] and not reviewed.skipped
