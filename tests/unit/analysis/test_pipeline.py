"""analyse(): its contract with the web side (progress, ids, the JSON shape)."""
from __future__ import annotations

import json

import pytest

from hoering.analysis import STAGES, CommentIn, analyse


def test_progress_reports_each_stage_and_ends_at_one(comments):
    calls = []
    analyse(comments[:120], progress=lambda stage, fraction: calls.append((stage, fraction)))
    assert [stage for stage, _ in calls[::2]] == list(STAGES)
    fractions = [fraction for _, fraction in calls]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0


def test_two_comments_with_one_id_are_refused():
    with pytest.raises(ValueError, match="id"):
        analyse([CommentIn(1, "a"), CommentIn(1, "b")])


def test_an_unknown_stance_is_refused():
    with pytest.raises(ValueError, match="stance"):
        CommentIn(1, "Tekst", stance="for")


def test_the_json_has_the_documented_shape(report):
    data = json.loads(report.to_json())
    assert {"comments", "campaigns", "themes", "units", "summary", "timings"} <= set(data)
    assert set(data["campaigns"][0]) >= {"id", "size", "text", "comment_ids", "additions"}
    assert set(data["campaigns"][0]["additions"][0]) >= {"comment_id", "text"}
    assert set(data["themes"][0]) >= {"id", "label", "keywords", "comment_ids", "stance", "quotes"}
    assert set(data["themes"][0]["quotes"][0]) == {"comment_id", "text", "stance"}
    assert set(data["themes"][0]["stance"]) == {"support", "against", "neutral", "suggestion", "not_stated"}
    assert set(data["units"][0]) >= {"unit", "comments", "organisations", "stance"}
    assert set(data["summary"][0]) >= {"comment_id", "text"}
    assert set(data["timings"]) == set(STAGES) | {"total"}
    assert "æ" in report.to_json() or "ø" in report.to_json()  # not escaped
