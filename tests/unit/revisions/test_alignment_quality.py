"""How well the alignment of a revised draft puts citizens' comments where they belong, on generated
revisions with known right answers (revision_corpus.py): three seeds in bokmål and in nynorsk, 400 to
600 units, with 7 % light edits, 3 % spelling fixes, 5 % rewrites, 3 % moved, 2 % split, 2 % merged,
3 % deleted and 3 % new paragraphs.

Floors: at least 98 % of the comments on their right successor in every revision; no comment lost
(its unit lives on but is marked removed); every deleted unit marked removed, none of its comments
pinned to a neighbour; every unit whose only change is a spelling fix matched. The figures, with the
share right per change, are printed (``-s``), kept in the tests' user properties, and summed up in
one line at the end of the run; with ``-s`` the wrong matches are printed too.
"""
from __future__ import annotations

import pytest

from hoering.revisions.alignment import EDITED, MERGED, MOVED, NEW, SPLIT, UNCHANGED, Block, align
from tests.unit.revisions.revision_corpus import Rates, Score, generate_revision, mistakes, score

LANGUAGES = ("nb", "nn")
SEEDS = (1, 2, 3)
RATES = Rates(edited=0.07, spelling=0.03, rewritten=0.05, moved=0.03, split=0.02, merged=0.02, deleted=0.03,
              inserted=0.03)
RIGHT_FLOOR = 0.98
SHOWN_MISTAKES = 5  # per revision
EXPECTED_STATUS = {"kept": UNCHANGED, "renumbered": EDITED, "edited": EDITED, "spelling": EDITED,
                   "rewritten": EDITED, "moved": MOVED, "split": SPLIT, "merged": MERGED, "inserted": NEW}

# Filled by the tests, written at the end of the run by _QualityLine.
FIGURES: dict[str, str] = {}


class _QualityLine:
    """Writes FIGURES as one line at the end of the run, as the analysis tests do for theirs."""

    def pytest_terminal_summary(self, terminalreporter):
        if FIGURES:
            figures = ", ".join(f"{name} {value}" for name, value in FIGURES.items())
            terminalreporter.write_line(f"revision alignment quality on generated revisions: {figures}")


@pytest.fixture(scope="module", autouse=True)
def quality_line(request):
    if not request.config.pluginmanager.has_plugin("revision-alignment-quality"):
        request.config.pluginmanager.register(_QualityLine(), "revision-alignment-quality")


@pytest.fixture(scope="module")
def aligned():
    """Each generated revision with its alignment."""
    revisions = [generate_revision(300 + 100 * seed, seed, language, RATES) for language in LANGUAGES
                 for seed in SEEDS]
    return [(revision, align(revision.old, revision.new)) for revision in revisions]


@pytest.fixture(scope="module")
def scores(aligned):
    return [score(revision, alignment.successor) for revision, alignment in aligned]


@pytest.fixture(scope="module")
def total(scores):
    summed = Score()
    for each in scores:
        summed.add(each)
    return summed


def _percent(right: int, of: int) -> str:
    return f"{100 * right / of:.1f} %" if of else "–"


def test_comments_follow_their_unit_to_the_right_successor(aligned, scores, total, request):
    for (revision, alignment), each in zip(aligned, scores):
        print(f"\n{revision.language} {len(revision.old)} → {len(revision.new)} units, {each.comments} comments: "
              f"right {_percent(each.right, each.comments)}, lost {each.lost}, pinned {each.pinned}")
        for line in mistakes(revision, alignment.successor)[:SHOWN_MISTAKES]:
            print("  " + line)
    print("\nper change (units right, comments right):")
    for change, (units_right, units, comments_right, comments) in sorted(total.by_change.items()):
        print(f"  {change:<11} {units_right:>4}/{units:<4} {_percent(units_right, units):>8}"
              f"   {comments_right:>5}/{comments:<5} {_percent(comments_right, comments):>8}")
    worst = min(each.share_right for each in scores)
    FIGURES["comments right"] = _percent(total.right, total.comments)
    FIGURES["worst revision"] = _percent(round(worst * 1000), 1000)
    request.node.user_properties += [("comments right", total.share_right), ("worst revision", worst)]
    request.node.user_properties += [(f"units right: {change}", counts[0] / counts[1])
                                     for change, counts in total.by_change.items()]
    assert worst >= RIGHT_FLOOR


def _wrong(aligned, found_removed: bool) -> list[str]:
    """The mistakes where the alignment said removed (or, with ``found_removed`` False, where the
    right answer was)."""
    marker = "found: removed" if found_removed else "right: removed"
    return [line for revision, alignment in aligned for line in mistakes(revision, alignment.successor)
            if marker in line]


def test_no_comment_of_a_unit_that_lives_on_is_lost(aligned, total, request):
    FIGURES["lost"] = str(total.lost)
    request.node.user_properties.append(("comments lost", total.lost))
    assert total.lost == 0, f"{total.lost} comments lost:\n" + "\n".join(_wrong(aligned, found_removed=True))


def test_every_deleted_unit_is_marked_removed(aligned, total, request):
    FIGURES["deleted marked removed"] = f"{total.deleted_marked}/{total.deleted}"
    FIGURES["pinned to a neighbour"] = str(total.pinned)
    request.node.user_properties += [("deleted marked removed", total.deleted_marked / total.deleted),
                                     ("comments pinned to a neighbour", total.pinned)]
    pinned = _wrong(aligned, found_removed=False)
    assert total.deleted_marked == total.deleted and total.pinned == 0, "\n".join(pinned)


def test_every_spelling_fix_matches_its_own_unit(aligned, total):
    right, units = total.by_change["spelling"][:2]
    FIGURES["spelling fixes"] = f"{right}/{units}"
    wrong = [line for revision, alignment in aligned for line in mistakes(revision, alignment.successor)
             if "(spelling," in line.splitlines()[0]]
    assert not wrong, "\n".join(wrong)


def test_statuses_of_the_new_units(aligned, request):
    """Printed, not asserted: the status each new unit gets, against the change it underwent."""
    counts: dict[str, list[int]] = {}
    for revision, alignment in aligned:
        for index, change in enumerate(revision.new_changes):
            tally = counts.setdefault(change, [0, 0])
            tally[0] += alignment.status_of_new(index) == EXPECTED_STATUS[change]
            tally[1] += 1
    print("\nnew units with the status of their change:")
    for change, (right, units) in sorted(counts.items()):
        print(f"  {change:<11} {EXPECTED_STATUS[change]:<10} {right:>4}/{units:<4} {_percent(right, units):>8}")
    request.node.user_properties += [(f"status right: {change}", right / units)
                                     for change, (right, units) in counts.items()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_generator_gives_the_same_revision_for_the_same_seed(language):
    first, again = generate_revision(300, 7, language), generate_revision(300, 7, language)
    assert first == again
    assert len({block.text for block in first.old}) == len(first.old)
    assert len({block.key for block in first.new}) == len(first.new)
    assert all((right is None) == (change == "deleted") for right, change in zip(first.truth, first.changes))


# æ, ø and å are letters of their own: "far" is not "får", "bor" is not "bør".
TWINS = [
    ("Elevene får skyss når skoleveien er farlig, og foreldrene får beskjed i god tid.",
     "Elevene far skyss når skoleveien er farlig, og foreldrene får beskjed i god tid.",
     ("farlig", "trafikkfarlig")),
    ("Kommunen bør sørge for at de som bor langs elva, får varsel om flom.",
     "Kommunen bor sørge for at de som bor langs elva, får varsel om flom.",
     ("flom", "flom og skred")),
]


def _with_twins(first: str, second: str) -> list[Block]:
    return [Block("formal", "§ 1 Formål", "heading"),
            Block("planen-skal-sikre", "Planen skal sikre trygge skoleveier i hele kommunen."),
            Block(first[:20], first), Block(second[:20] + "-2", second),
            Block("kommunestyret", "Kommunestyret vedtar planen etter høringen.")]


@pytest.mark.parametrize("first, second, edit", TWINS)
@pytest.mark.parametrize("edited", (2, 3))
def test_units_differing_only_in_aeoeaa_stay_distinct(first, second, edit, edited):
    old = _with_twins(first, second)
    new = list(old)
    new[edited] = Block(old[edited].key, old[edited].text.replace(*edit))
    alignment = align(old, new)
    assert alignment.successor(2) == 2 and alignment.successor(3) == 3
    untouched = 5 - edited
    assert alignment.status_of_new(edited) == EDITED and alignment.status_of_new(untouched) == UNCHANGED


@pytest.mark.parametrize("first, second, edit", TWINS)
def test_a_moved_twin_is_told_from_the_other(first, second, edit):
    old = _with_twins(first, second)
    new = [old[0], old[1], old[4], Block(old[2].key, old[2].text.replace(*edit)), old[3]]
    alignment = align(old, new)
    assert alignment.successor(2) == 3 and alignment.successor(3) == 4
