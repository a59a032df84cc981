"""The analysis report: plain frozen dataclasses whose field names are the JSON keys.

``Report.to_json()`` gives the format documented in the README ("Analysis (command line)"). Ids in
``comment_ids`` are in id order; counts of stances always have all five keys.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Iterable

from hoering.analysis.comments import NOT_STATED, STANCE_KEYS, CommentId, CommentIn


@dataclass(frozen=True)
class Quote:
    """A sentence quoted from a comment: ``text`` is an exact substring of that comment's text."""

    comment_id: CommentId
    text: str
    stance: str


@dataclass(frozen=True)
class Addition:
    """What a campaign member wrote beyond the form letter: an exact substring of their comment."""

    comment_id: CommentId
    text: str


@dataclass(frozen=True)
class SummarySentence:
    """A sentence of a summary, taken word for word from the comment ``comment_id``."""

    comment_id: CommentId
    text: str
    theme: int | None = None


@dataclass(frozen=True)
class Campaign:
    """A form letter or a set of near-duplicates: its template (one member's text) and members."""

    id: int
    size: int
    text: str
    template_comment_id: CommentId
    comment_ids: list[CommentId]
    additions: list[Addition]
    stance: dict[str, int]
    organisation_comments: int
    individual_comments: int
    theme: int | None = None


@dataclass(frozen=True)
class CampaignRef:
    """A campaign inside a theme: it counted once when the themes were found."""

    id: int
    size: int


@dataclass(frozen=True)
class Theme:
    """Comments about one matter. ``count`` and ``share`` count every comment (campaign members
    included); ``distinct`` counts each campaign once. ``id`` numbers the themes of one report,
    largest first; ``key`` is the theme's identity, which a run continuing from this one keeps."""

    id: int
    key: str
    label: str
    keywords: list[str]
    comment_ids: list[CommentId]
    count: int
    share: float
    distinct: int
    campaigns: list[CampaignRef]
    stance: dict[str, int]
    organisation_comments: int
    individual_comments: int
    quotes: list[Quote]
    summary: list[SummarySentence]


@dataclass(frozen=True)
class Unthemed:
    """Comments that belong to no theme: too short to say ('Enig!') or unlike every theme."""

    count: int
    comment_ids: list[CommentId]


@dataclass(frozen=True)
class UnitActivity:
    """Activity on one unit of the draft (``unit`` None: the whole document)."""

    unit: str | None
    comments: int
    people: int
    organisations: int
    organisation_comments: int
    individual_comments: int
    agreements: int
    replies: int
    stance: dict[str, int]


@dataclass(frozen=True)
class OrganisationActivity:
    """One organisation's comments."""

    name: str
    comments: int
    comment_ids: list[CommentId]


@dataclass(frozen=True)
class Participants:
    """Who took part: distinct people (by name) and organisations, and comments from each kind."""

    people: int
    organisations: int
    organisation_comments: int
    individual_comments: int


@dataclass
class Report:
    """Everything the analysis found; ``to_json()`` is the documented format."""

    comments: int
    distinct_comments: int
    participants: Participants
    stance: dict[str, int]
    campaigns: list[Campaign]
    themes: list[Theme]
    unthemed: Unthemed
    units: list[UnitActivity]
    organisations: list[OrganisationActivity]
    summary: list[SummarySentence]
    timings: dict[str, float] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)

    def to_dict(self, timings: bool = True) -> dict:
        """The report as plain dicts and lists; without ``timings`` it is the same on every run."""
        data = dataclasses.asdict(self)
        if not timings:
            data.pop("timings")
        return data

    def to_json(self, indent: int | None = None, timings: bool = True) -> str:
        """The report as JSON text (UTF-8 friendly: æ, ø and å are not escaped)."""
        return json.dumps(self.to_dict(timings=timings), ensure_ascii=False, indent=indent)


def stance_counts(comments: Iterable[CommentIn]) -> dict[str, int]:
    """How many comments stated each stance, with all five keys (NOT_STATED last)."""
    counts = dict.fromkeys(STANCE_KEYS, 0)
    for comment in comments:
        counts[comment.stance_key] += 1
    return counts


# A theme whose stated stances split: both "support" and "against" hold this share of the comments that
# state a stance, and at least MIN_SIDE comments each. Its quotes are then shown side by side, so the
# theme never reads as one blended opinion.
SPLIT_SHARE, MIN_SIDE = 0.25, 2
SIDES = ("support", "against")


def splits(stance: dict[str, int]) -> bool:
    """Whether a theme's stance counts (stance_counts) split between support and against."""
    stated = sum(count for key, count in stance.items() if key != NOT_STATED)
    return stated > 0 and all(stance.get(side, 0) >= max(MIN_SIDE, SPLIT_SHARE * stated) for side in SIDES)


def quote_groups(quotes: list, stance: dict[str, int]) -> list[tuple[str | None, list]]:
    """A theme's quotes (objects or dicts with a ``stance``) as pages show them: for a theme that
    splits, ("support", …), ("against", …) and ("other", …) when there are others; else (None, all)."""
    if not splits(stance):
        return [(None, list(quotes))]
    stance_of = [quote["stance"] if isinstance(quote, dict) else quote.stance for quote in quotes]
    groups = [(side, [q for q, s in zip(quotes, stance_of) if s == side]) for side in SIDES]
    groups.append(("other", [q for q, s in zip(quotes, stance_of) if s not in SIDES]))
    return [(side, members) for side, members in groups if members]


def organisation_split(comments: Iterable[CommentIn]) -> tuple[int, int]:
    """(comments from organisations, comments from individuals)."""
    organisations = individuals = 0
    for comment in comments:
        if comment.is_organisation:
            organisations += 1
        else:
            individuals += 1
    return organisations, individuals
