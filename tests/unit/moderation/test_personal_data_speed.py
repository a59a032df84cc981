"""The personal-data guard stays linear: no 10,000-character comment takes long to scan.

The inputs (personal_data_corpus.adversarial_comments) are built against the guard's own
patterns: long digit runs with every separator, many @, references, tags and invisible
characters. bench/guard.py prints the times; here each must stay under 50 ms (best of three
runs, so that a busy machine does not fail the test). A quadratic pattern takes seconds.
"""
import time

import pytest

from hoering.moderation.personal_data import find_personal_data
from tests.unit.moderation.personal_data_corpus import adversarial_comments

COMMENTS = adversarial_comments(10_000)


@pytest.mark.parametrize("name", COMMENTS)
def test_an_adversarial_comment_is_scanned_in_well_under_50_ms(name):
    comment = COMMENTS[name]
    assert len(comment) == 10_000
    times = []
    for _ in range(3):
        started = time.perf_counter()
        find_personal_data(comment)
        times.append(time.perf_counter() - started)
    assert min(times) < 0.05, f"{name}: {min(times) * 1000:.1f} ms"
