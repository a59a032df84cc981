"""Fixtures for the analysis tests: the generated, labelled corpus and its analysis (made once per
run), and the quality figures, printed at the end of the run."""
from __future__ import annotations

import pytest

from hoering.analysis import analyse, comment_from_json
from tests.unit.analysis.corpus import generate

CORPUS_SIZE = 600
CORPUS_SEED = 2026

# Filled by test_quality.py, printed by pytest_terminal_summary below.
QUALITY: dict[str, float] = {}


@pytest.fixture(scope="session")
def labelled():
    """The labelled corpus: 600 comments on six themes, three campaigns, some nynorsk and English."""
    return generate(CORPUS_SIZE, CORPUS_SEED)


@pytest.fixture(scope="session")
def comments(labelled):
    """The corpus as the analysis reads it."""
    return [comment_from_json(item.comment) for item in labelled]


@pytest.fixture(scope="session")
def report(comments):
    """The analysis of the corpus (shared: analyse() does not change its input)."""
    return analyse(comments)


@pytest.fixture(scope="session")
def by_id(comments):
    """The corpus's comments by id."""
    return {comment.id: comment for comment in comments}


def pytest_terminal_summary(terminalreporter):
    if QUALITY:
        default = {name: value for name, value in QUALITY.items() if "/" not in name}
        figures = ", ".join(f"{name} {value:.3f}" for name, value in default.items())
        terminalreporter.write_line(f"analysis quality on the generated corpus: {figures}")
        wider: dict[str, list[str]] = {}
        for name, value in QUALITY.items():
            if "/" in name:
                corpus, figure = name.split(" ", 1)
                wider.setdefault(corpus, []).append(f"{figure} {value:.3f}")
        for corpus, figures in wider.items():
            terminalreporter.write_line(f"  {corpus}: {', '.join(figures)}")
