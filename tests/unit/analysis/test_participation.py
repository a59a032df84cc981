"""Hot paragraphs and who took part: units, people, organisations."""
from __future__ import annotations

from hoering.analysis import CommentIn
from hoering.analysis.participation import distinct_people, organisations, participants, unit_activity, unit_order


def _comments():
    return [
        CommentIn(1, "Bra forslag.", unit="2.1", name="Kari Nordmann", stance="support", agree_count=3),
        CommentIn(2, "Nei!", unit="2.1", name="kari  nordmann", stance="against"),
        CommentIn(3, "Enig med Kari.", unit="2.1", name="Ola Hansen", parent=1, agree_count=1),
        CommentIn(4, "Vi i laget støtter dette.", unit="2.10", name="Per", organisation="Haugen FAU",
                  stance="support"),
        CommentIn(5, "Laget er imot.", unit="2.9", name="Liv", organisation="haugen fau", stance="against"),
        CommentIn(6, "Om hele dokumentet.", unit=None, name="Åse", organisation="Idrettsrådet",
                  stance="suggestion"),
    ]


def test_units_count_comments_people_organisations_agreements_replies_and_stances():
    busiest = unit_activity(_comments())[0]
    assert (busiest.unit, busiest.comments, busiest.people) == ("2.1", 3, 2)
    assert (busiest.organisations, busiest.organisation_comments, busiest.individual_comments) == (0, 0, 3)
    assert (busiest.agreements, busiest.replies) == (4, 1)
    assert busiest.stance == {"support": 1, "against": 1, "neutral": 0, "suggestion": 0, "not_stated": 1}


def test_units_are_ordered_by_activity_then_document_order_with_the_whole_document_first():
    assert [u.unit for u in unit_activity(_comments())] == ["2.1", None, "2.9", "2.10"]
    assert sorted(["2.10", "2.9", None, "10", "2"], key=unit_order) == [None, "2", "2.9", "2.10", "10"]


def test_organisations_and_individuals_are_counted_apart():
    people = participants(_comments())
    assert (people.people, people.organisations) == (5, 2)
    assert (people.organisation_comments, people.individual_comments) == (3, 3)
    orgs = organisations(_comments())
    assert [(o.name, o.comments, o.comment_ids) for o in orgs] == [("Haugen FAU", 2, [4, 5]), ("Idrettsrådet", 1, [6])]


def test_names_written_with_other_case_spacing_or_decomposed_letters_are_one_person_and_blank_ones_none():
    names = ["Åse Berg", "åse  berg", "A\u030ase BERG", "", "   ", "Ola", "Ola", "ola "]
    assert distinct_people(names) == 2
    assert distinct_people([]) == 0 and distinct_people(["", " "]) == 0
