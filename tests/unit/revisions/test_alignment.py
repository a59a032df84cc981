"""The alignment of a revised draft with the version before, case by case (the generated revisions with
known answers are in test_alignment_quality.py)."""
from hoering.revisions.alignment import (EDITED, MERGED, MOVED, NEW, REMOVED, SPLIT, UNCHANGED, Block, align,
                                         follow, normalised, word_diff)

P = [
    "Kommunen skal legge til rette for at innbyggerne kan delta i planarbeidet.",
    "Planforslaget skal sendes på høring til berørte myndigheter og naboer.",
    "Det skal settes av areal til lekeplasser i alle nye boligfelt.",
    "Parkering for sykler skal ligge nær inngangen og være under tak.",
    "Kommunestyret vedtar planen etter at høringsfristen er ute.",
]


def blocks(*texts, kind="paragraph"):
    return [Block(f"a{n}", text, kind) for n, text in enumerate(texts)]


def statuses(alignment):
    return [m.status for m in alignment.matches]


def test_an_unchanged_draft_matches_itself_with_full_confidence():
    alignment = align(blocks(*P), blocks(*P))
    assert statuses(alignment) == [UNCHANGED] * 5
    assert [alignment.successor(i) for i in range(5)] == [0, 1, 2, 3, 4]
    assert all(m.confidence == 1.0 for m in alignment.matches) and alignment.changed_share == 0


def test_a_spelling_fix_is_an_edit_of_the_same_unit():
    new = list(P)
    new[2] = new[2].replace("lekeplasser", "leikeplassar")
    new[3] = "parkering for sykler skal ligge nær inngangen, og være under tak"
    alignment = align(blocks(*P), blocks(*new))
    assert statuses(alignment) == [UNCHANGED, UNCHANGED, EDITED, EDITED, UNCHANGED]
    assert alignment.matches[3].confidence == 0.97  # the same words
    assert 0.75 < alignment.matches[2].confidence < 1


def test_letters_are_never_folded_to_ascii():
    assert normalised("Bør vi Også?") == "bør vi også"
    old = blocks("Vi bør bygge en ny bro over elva.", "Vi bor ved elva og vil ha en ny bro.")
    new = blocks("Vi bor ved elva og vil ha en ny bro.", "Vi bør bygge en ny bro over elva.")
    alignment = align(old, new)
    assert alignment.successor(0) == 1 and alignment.successor(1) == 0


def test_a_moved_paragraph_is_found_and_marked_moved():
    new = [P[0], P[2], P[3], P[1], P[4]]
    alignment = align(blocks(*P), blocks(*new))
    assert alignment.successor(1) == 3
    assert statuses(alignment).count(MOVED) == 1 and statuses(alignment).count(UNCHANGED) == 4


def test_a_rewritten_paragraph_between_the_same_neighbours_is_the_same_unit():
    new = list(P)
    new[2] = "Nye boligområder må ha en lekeplass som barna når til fots."
    alignment = align(blocks(*P), blocks(*new))
    assert alignment.successor(2) == 2 and alignment.matches[2].status == EDITED
    assert alignment.matches[2].uncertain  # shown to the planner first


def test_a_removed_paragraph_is_removed_not_pinned_to_a_neighbour():
    new = [P[0], P[1], P[3], P[4]]
    alignment = align(blocks(*P), blocks(*new))
    assert alignment.successor(2) is None and alignment.removed == [2]
    assert statuses(alignment)[-1] == REMOVED


def test_a_new_paragraph_is_new():
    new = [P[0], "Kommunen vil også lage en digital modell av planen.", *P[1:]]
    alignment = align(blocks(*P), blocks(*new))
    assert statuses(alignment)[1] == NEW and alignment.successor(1) == 2


def test_a_split_paragraph_sends_its_comments_to_the_part_with_most_of_its_text():
    first = "Kommunen skal legge til rette for at innbyggerne kan delta."
    second = ("Det gjelder særlig barn og unge, eldre og personer med funksjonsnedsettelse, som ofte blir "
              "hørt for sent i planarbeidet.")
    old = blocks(P[1], first + " " + second, P[2])
    new = blocks(P[1], first, second, P[2])
    alignment = align(old, new)
    assert statuses(alignment) == [UNCHANGED, SPLIT, SPLIT, UNCHANGED]
    assert alignment.matches[1].old == alignment.matches[2].old == (1,) and alignment.successor(1) == 2


def test_two_merged_paragraphs_both_go_to_the_merged_unit():
    old = blocks(P[0], P[1], P[2], P[4])
    new = blocks(P[0], P[1] + " " + P[2], P[4])
    alignment = align(old, new)
    assert alignment.matches[1].status == MERGED and alignment.matches[1].old == (1, 2)
    assert alignment.successor(1) == alignment.successor(2) == 1


def test_headings_only_match_headings():
    old = [Block("h", "Parkering", "heading"), Block("p", "Parkering", "paragraph")]
    new = [Block("p", "Parkering", "paragraph"), Block("h", "Parkering", "heading")]
    alignment = align(old, new)
    assert alignment.successor(0) == 1 and alignment.successor(1) == 0


def test_repeated_paragraphs_pair_with_their_own():
    old = blocks("§ 1 Opphevet.", P[0], "§ 2 Opphevet.", P[1], "Opphevet.", P[2], "Opphevet.", P[3])
    new = blocks(P[0], "§ 2 Opphevet.", P[1], "Opphevet.", P[2], "Opphevet.", P[3])
    alignment = align(old, new)
    assert [alignment.successor(i) for i in range(8)] == [None, 0, 1, 2, 3, 4, 5, 6]


def test_a_chain_of_revisions_is_followed_version_by_version():
    second = [P[0], P[2], P[3], P[4]]
    third = [P[0], P[3], "Ny tekst om noe helt annet, som ingen har sett før.", P[2], P[4]]
    alignments = [align(blocks(*P), blocks(*second)), align(blocks(*second), blocks(*third))]
    assert follow(alignments, 2) == 3 and follow(alignments, 1) is None and follow(alignments, 4) == 4


def test_the_word_diff_marks_what_was_deleted_and_inserted_in_reading_order():
    diff = word_diff("Det skal settes av areal til lekeplasser.", "Det skal settes av mer areal til leikeplassar.")
    assert "".join(t for kind, t in diff if kind != "insert") == "Det skal settes av areal til lekeplasser."
    assert "".join(t for kind, t in diff if kind != "delete") == "Det skal settes av mer areal til leikeplassar."
    assert ("delete", "lekeplasser") in diff and ("insert", "leikeplassar") in diff
    replaced = word_diff("for innbyggerne å delta", "for alle innbyggere å delta")
    kinds = [kind for kind, _ in replaced]
    assert kinds.index("delete") < kinds.index("insert")  # what went out reads before what came in
