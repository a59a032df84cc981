"""Replaying a caseworker's corrections onto an analysis result (plain data in, plain data out).

A correction names its theme by the comment ids the theme held when the correction was made. On
replay each correction goes to the theme that shares the most comments with that list (at least
half of the two together, by Jaccard similarity), so corrections survive a re-run of the analysis
that gives the same or nearly the same themes, whatever their new numbers. A re-run that continues
the earlier themes only adds comments to them, but after many re-runs a theme may have grown to
more than twice what it was; and a re-run that finds the themes afresh may have joined two. So a
correction whose theme is not found by overlap goes to the theme now holding a clear majority
(CLEAR_MAJORITY) of the comments it named, if there is one. Otherwise it is *unplaced*: reported
in ``skipped`` for the caseworker to place or discard, never applied to the wrong theme and never
dropped without a word.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, NamedTuple

from hoering.analysis.comments import STANCE_KEYS

REVIEW_MARKS = ("reviewed", "not_reviewed")  # casework.models' kinds; this module stays plain data
MIN_OVERLAP = 0.5
# Share of a correction's comments (those still analysed) that one theme must hold for the
# correction to follow them there when no theme overlaps its own by MIN_OVERLAP.
CLEAR_MAJORITY = 2 / 3


class CommentFacts(NamedTuple):
    """What counting needs to know of a comment (a tuple: a consultation may have 100,000)."""

    stance: str  # one of STANCE_KEYS
    organisation: bool


@dataclass
class Reviewed:
    """The analysis result with the corrections applied: themes largest first and the campaigns
    still counted as campaigns; ``skipped`` holds the corrections that could not be applied (the
    unplaced ones), ``mapped`` those that followed most of their comments to another theme."""

    themes: list[dict]
    campaigns: list[dict]
    unthemed: list = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    mapped: list[dict] = field(default_factory=list)
    analysed: set = field(default_factory=set)  # every comment id of the result
    # Each themed comment's theme, kept up to date by moves and merges: finding the theme a correction
    # names counts its comments once, instead of comparing them with every theme (at 100,000 comments
    # that was most of the replay).
    holder: dict = field(default_factory=dict, repr=False, compare=False)

    def theme(self, theme_id: int) -> dict | None:
        return next((theme for theme in self.themes if theme["id"] == theme_id), None)

    def theme_of(self, comment_id) -> dict | None:
        """The theme holding a comment."""
        return self.holder.get(comment_id)


def apply_corrections(result: dict, operations: Iterable[dict], facts: Mapping) -> Reviewed:
    """``result`` is an analysis report (Report.to_dict()); ``operations`` are Correction.as_operation()
    in the order they were made; ``facts`` maps comment id to CommentFacts for the counts."""
    themes = [_working_theme(theme) for theme in result.get("themes", [])]
    reviewed = Reviewed(themes, list(result.get("campaigns", [])))
    for theme in reversed(themes):  # a comment in two themes (never made by the analysis) is the first's
        reviewed.holder.update(dict.fromkeys(theme["_members"], theme))
    reviewed.analysed = set(reviewed.holder)
    reviewed.analysed.update(result.get("unthemed", {}).get("comment_ids", []))
    for operation in operations:
        found = _apply(reviewed, operation, facts)
        if not found:
            reviewed.skipped.append(operation)
        elif found == MAPPED:
            reviewed.mapped.append(operation)
    _recount(reviewed, result, facts)
    return reviewed


def _working_theme(theme: dict) -> dict:
    """A copy of a theme to correct; lists are replaced, never changed in place, except the quotes."""
    return {**theme, "_members": set(theme["comment_ids"]), "quotes": list(theme["quotes"]),
            "assessment": theme.get("assessment", "")}


MAPPED = "mapped"  # applied to the theme holding most of the correction's comments


def _apply(reviewed: Reviewed, operation: dict, facts: Mapping) -> bool | str:
    """Carries out one operation: True, MAPPED when its theme was found by CLEAR_MAJORITY only, or
    False when the theme, campaign or comment it names is gone."""
    kind = operation["kind"]
    if kind == "drop_quote":  # a quote is its comment's words: hidden wherever it is shown
        for theme in reviewed.themes:
            theme["quotes"] = [q for q in theme["quotes"] if not _same_quote(q, operation)]
        return True
    if kind == "not_campaign":
        campaign, how = _find(reviewed, reviewed.campaigns, operation["target"], key="comment_ids")
        if campaign is None:
            return False
        reviewed.campaigns.remove(campaign)
        return how
    theme, how = _find(reviewed, reviewed.themes, operation["target"])
    if kind in REVIEW_MARKS:
        # A mark on a theme that is gone marks nothing: the themes now there are simply not reviewed.
        if theme is not None:
            theme["_reviewed"] = set(operation["target"]) if kind == "reviewed" else None
        return True
    if theme is None:
        return False
    if kind == "assess" and how == MAPPED and _other_assessment(theme, operation):
        return False  # two themes' assessments met in one theme: the caseworker chooses
    if kind in ("rename", "assess"):
        theme["label" if kind == "rename" else "assessment"] = operation["text"]
        if kind == "assess":
            theme["_assessed"] = set(operation["target"])
        return how
    if kind == "merge":
        return _merge(reviewed, theme, operation["other"]) and how
    if kind == "move":
        return _move(reviewed, operation["comment_id"], theme, facts) and how
    if kind == "add_quote":
        return _add_quote(theme, operation, facts) and how
    return False


def _other_assessment(theme: dict, operation: dict) -> bool:
    """Whether the theme already holds a different assessment, written for a theme with other
    comments (an assessment rewritten for the same or a merged theme shares most of them)."""
    earlier = theme.get("_assessed")
    if not earlier or theme["assessment"] == operation["text"]:
        return False
    target = set(operation["target"])
    return len(earlier & target) < 0.5 * min(len(earlier), len(target))


def _find(reviewed: Reviewed, items: list[dict], target: Iterable,
          key: str = "_members") -> tuple[dict | None, bool | str]:
    """The item a correction names: by overlap (True), else by clear majority (MAPPED), else None."""
    wanted = set(target)
    item = _best_match(reviewed, items, wanted, key)
    if item is not None:
        return item, True
    item = _majority_holder(reviewed, items, wanted, key)
    return item, MAPPED if item is not None else False


def _overlaps(reviewed: Reviewed, items: list[dict], wanted: set, key: str) -> list[tuple[int, int]]:
    """For each item, how many of the ``wanted`` comments it holds, and how many it holds in all.
    Themes (key "_members") are counted by their comments' holder; campaigns, few and small, by
    comparing."""
    if key == "_members":
        holders = Counter(map(id, map(reviewed.holder.get, wanted)))  # in C: no Python code per comment
        return [(holders[id(item)], len(item["_members"])) for item in items]
    member_sets = [set(item[key]) for item in items]
    return [(len(wanted & members), len(members)) for members in member_sets]


def _majority_holder(reviewed: Reviewed, items: list[dict], wanted: set, key: str) -> dict | None:
    """The item holding at least CLEAR_MAJORITY of the wanted comments still analysed, or None."""
    present = wanted & reviewed.analysed if reviewed.analysed else wanted
    if not present:
        return None
    best, best_count = None, 0
    for item, (count, _size) in zip(items, _overlaps(reviewed, items, present, key)):
        if count > best_count:
            best, best_count = item, count
    return best if best_count >= CLEAR_MAJORITY * len(present) else None


def _best_match(reviewed: Reviewed, items: list[dict], wanted: set, key: str = "_members") -> dict | None:
    """The item whose comments overlap ``wanted`` most, if they share at least MIN_OVERLAP (Jaccard)."""
    best, best_score = None, MIN_OVERLAP
    for item, (shared, size) in zip(items, _overlaps(reviewed, items, wanted, key)):
        union = len(wanted) + size - shared
        score = shared / union if union else 0.0
        if score >= best_score and (best is None or score > best_score):
            best, best_score = item, score
    return best


def _merge(reviewed: Reviewed, theme: dict, other_target: Iterable) -> bool:
    """Merges the theme ``other_target`` names into ``theme``; true as well when the analysis has
    already put most of its comments there."""
    wanted = set(other_target)
    other = _best_match(reviewed, [t for t in reviewed.themes if t is not theme], wanted)
    if other is None:
        other = _majority_holder(reviewed, reviewed.themes, wanted, "_members")
        if other is None or other is theme:
            return other is theme
    theme["_members"] |= other["_members"]
    reviewed.holder.update(dict.fromkeys(other["_members"], theme))
    theme["keywords"] = theme["keywords"] + [k for k in other["keywords"] if k not in theme["keywords"]]
    theme["quotes"] = theme["quotes"] + other["quotes"]
    theme["summary"] = theme.get("summary", []) + other.get("summary", [])
    theme["campaigns"] = theme.get("campaigns", []) + other.get("campaigns", [])
    if not theme["assessment"]:
        theme["assessment"], theme["_assessed"] = other["assessment"], other.get("_assessed")
    reviewed.themes.remove(other)
    return True


def _move(reviewed: Reviewed, comment_id, theme: dict, facts: Mapping) -> bool:
    source = reviewed.theme_of(comment_id)
    if source is theme or (source is None and comment_id not in facts):
        return True  # there already, or no longer published: nothing to move
    if source is not None:
        source["_members"].discard(comment_id)
        source["quotes"] = [q for q in source["quotes"] if q["comment_id"] != comment_id]
    theme["_members"].add(comment_id)
    reviewed.holder[comment_id] = theme
    return True


def _same_quote(quote: dict, operation: dict) -> bool:
    return quote["comment_id"] == operation["comment_id"] and quote["text"] == operation["text"]


def _add_quote(theme: dict, operation: dict, facts: Mapping) -> bool:
    comment_id = operation["comment_id"]
    if comment_id not in theme["_members"] or comment_id not in facts:
        return False
    if not any(_same_quote(q, operation) for q in theme["quotes"]):
        theme["quotes"].append({"comment_id": comment_id, "text": operation["text"],
                                "stance": facts[comment_id].stance})
    return True


def _recount(reviewed: Reviewed, result: dict, facts: Mapping) -> None:
    """Counts, shares, stances and ids from each theme's members; themes largest first."""
    total = result.get("comments") or 0
    themed = set()
    for theme in reviewed.themes:
        theme.pop("_assessed", None)
        marked = theme.pop("_reviewed", None)
        theme["reviewed"] = marked is not None and marked == theme["_members"]  # reset by any change
        members = _in_id_order(theme.pop("_members"))
        themed.update(members)
        theme["comment_ids"] = members
        theme["count"] = len(members)
        theme["share"] = round(len(members) / total, 4) if total else 0.0
        _count_facts(theme, members, facts)
        inside = set(members)
        theme["summary"] = [s for s in theme.get("summary", []) if s["comment_id"] in inside]
    reviewed.themes.sort(key=lambda theme: (-theme["count"], theme["id"]))
    reviewed.unthemed = _in_id_order(c for c in facts if c not in themed)


def _count_facts(theme: dict, members: list, facts: Mapping) -> None:
    """The theme's stances and its comments from organisations and from individuals, of those of
    its members still published. Facts are few distinct values (CommentFacts), so they are counted
    as values first."""
    known = Counter(map(facts.get, members))
    known.pop(None, None)
    stances: Counter = Counter()
    organisation_comments = 0
    for fact, count in known.items():
        stances[fact.stance] += count
        organisation_comments += count if fact.organisation else 0
    theme["stance"] = {key: stances[key] for key in STANCE_KEYS}
    theme["organisation_comments"] = organisation_comments
    theme["individual_comments"] = sum(known.values()) - organisation_comments


def _in_id_order(ids: Iterable) -> list:
    """Numbers in numeric order before other ids (by their text), as the analysis orders them;
    two plain sorts, since a key function per id was most of the replay's time at 100,000."""
    ids = list(ids)
    numbers = [i for i in ids if isinstance(i, int)]
    if len(numbers) == len(ids):
        numbers.sort()
        return numbers
    numbers.sort()
    return numbers + sorted((i for i in ids if not isinstance(i, int)), key=str)
