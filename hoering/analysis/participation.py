"""Who took part and where: activity per unit of the draft (the hot paragraphs), the participants,
and each organisation's comments."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Sequence

from hoering.analysis.comments import CommentIn, id_order
from hoering.analysis.report import (
    OrganisationActivity,
    Participants,
    UnitActivity,
    organisation_split,
    stance_counts,
)
from hoering.analysis.text import normalise


def person_key(name: str) -> str:
    """Names compared without case, accents in NFC and runs of spaces."""
    return " ".join(normalise(name).casefold().split())


def distinct_people(names: Iterable[str]) -> int:
    """How many people (or organisations) the names stand for, by person_key; blank names count
    for none. Each distinct name is normalised once: the same names come back comment after comment."""
    return len({person_key(name) for name in set(names) if name.strip()})


def unit_order(unit: str | None) -> tuple:
    """Document order for unit numbers ('2.10' after '2.9'); the whole document (None) first."""
    if unit is None:
        return ((),)
    return (tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\s]+", unit)),)


def unit_activity(comments: Sequence[CommentIn]) -> list[UnitActivity]:
    """Activity per unit, the most commented first (document order among equals)."""
    by_unit: dict[str | None, list[CommentIn]] = defaultdict(list)
    for comment in comments:
        by_unit[comment.unit].append(comment)
    rows = [_activity(unit, members) for unit, members in by_unit.items()]
    return sorted(rows, key=lambda row: (-row.comments, unit_order(row.unit)))


def _activity(unit: str | None, comments: list[CommentIn]) -> UnitActivity:
    organisation_comments, individual_comments = organisation_split(comments)
    return UnitActivity(
        unit=unit,
        comments=len(comments),
        people=distinct_people([c.name for c in comments]),
        organisations=distinct_people([c.organisation for c in comments]),
        organisation_comments=organisation_comments,
        individual_comments=individual_comments,
        agreements=sum(c.agree_count for c in comments),
        replies=sum(1 for c in comments if c.parent is not None),
        stance=stance_counts(comments),
    )


def participants(comments: Sequence[CommentIn]) -> Participants:
    """Distinct people (by name) and organisations, and comments from each kind."""
    organisation_comments, individual_comments = organisation_split(comments)
    return Participants(
        people=distinct_people([c.name for c in comments]),
        organisations=distinct_people([c.organisation for c in comments]),
        organisation_comments=organisation_comments,
        individual_comments=individual_comments,
    )


def organisations(comments: Sequence[CommentIn]) -> list[OrganisationActivity]:
    """Each organisation (as first written) with its comments, the most active first."""
    grouped: dict[str, tuple[str, list]] = {}
    for comment in comments:
        if comment.is_organisation:
            name = " ".join(normalise(comment.organisation).split())
            grouped.setdefault(person_key(name), (name, []))[1].append(comment.id)
    rows = [
        OrganisationActivity(name=name, comments=len(ids), comment_ids=sorted(ids, key=id_order))
        for name, ids in grouped.values()
    ]
    return sorted(rows, key=lambda row: (-row.comments, row.name.casefold(), row.name))
