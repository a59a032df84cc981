"""A re-run after 5 % new comments keeps the themes the caseworker worked on, and every correction.

140 comments and seed 2 are the issue's story: seven new comments, and a re-run that found the
themes afresh left six corrections without their theme."""
import pytest

from tests.unit.casework.stability import scenario


@pytest.mark.parametrize("comments, seed", [(140, 2), (600, 2026)])
def test_a_re_run_with_five_percent_new_comments_keeps_themes_and_corrections(comments, seed):
    figures = scenario(comments, seed)
    assert figures.new == round(comments * 0.05) and figures.corrections >= 20
    assert figures.kept >= 0.95
    assert figures.applied == 1.0 and figures.unplaced == 0
