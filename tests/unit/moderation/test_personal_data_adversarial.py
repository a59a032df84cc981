"""The personal-data guard on comments built against its own patterns (long digit runs with every
separator, many @, references, tags and invisible characters): it finishes, and every finding
still points at the very characters of the original comment.

How long each scan takes is measured by bench/guard.py, not here.
"""
import pytest

from hoering.moderation.personal_data import find_personal_data
from tests.unit.moderation.personal_data_corpus import adversarial_comments

COMMENTS = adversarial_comments(10_000)


@pytest.mark.parametrize("name", COMMENTS)
def test_every_finding_in_an_adversarial_comment_is_a_span_of_the_original(name):
    comment = COMMENTS[name]
    assert len(comment) == 10_000
    findings = find_personal_data(comment)
    assert all(finding.text == comment[finding.start:finding.end] for finding in findings)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:]))
