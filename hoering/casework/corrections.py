"""Replaying a caseworker's corrections onto an analysis result (plain data in, plain data out).

A correction names its theme by the comment ids the theme held when the correction was made. On
replay each correction goes to the theme that shares the most comments with that list (at least
half of the two together, by Jaccard similarity), so corrections survive a re-run of the analysis
that gives the same or nearly the same themes, whatever their new numbers. A correction whose theme
is gone is skipped and reported, never applied to the wrong theme.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, NamedTuple

from hoering.analysis.comments import STANCE_KEYS

MIN_OVERLAP = 0.5


class CommentFacts(NamedTuple):
    """What counting needs to know of a comment (a tuple: a consultation may have 100,000)."""

    stance: str  # one of STANCE_KEYS
    organisation: bool


@dataclass
class Reviewed:
    """The analysis result with the corrections applied: themes largest first and the campaigns
    still counted as campaigns; ``skipped`` holds the corrections whose theme was not found."""

    themes: list[dict]
    campaigns: list[dict]
    unthemed: list = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def theme(self, theme_id: int) -> dict | None:
        return next((theme for theme in self.themes if theme["id"] == theme_id), None)

    def theme_of(self, comment_id) -> dict | None:
        """The theme holding a comment (while replaying, themes keep their members in a set)."""
        return next((theme for theme in self.themes if comment_id in theme.get("_members", theme["comment_ids"])), None)


def apply_corrections(result: dict, operations: Iterable[dict], facts: Mapping) -> Reviewed:
    """``result`` is an analysis report (Report.to_dict()); ``operations`` are Correction.as_operation()
    in the order they were made; ``facts`` maps comment id to CommentFacts for the counts."""
    themes = [_working_theme(theme) for theme in result.get("themes", [])]
    reviewed = Reviewed(themes, list(result.get("campaigns", [])))
    for operation in operations:
        if not _apply(reviewed, operation, facts):
            reviewed.skipped.append(operation)
    _recount(reviewed, result, facts)
    return reviewed


def _working_theme(theme: dict) -> dict:
    """A copy of a theme to correct; lists are replaced, never changed in place, except the quotes."""
    return {**theme, "_members": set(theme["comment_ids"]), "quotes": list(theme["quotes"]),
            "assessment": theme.get("assessment", "")}


def _apply(reviewed: Reviewed, operation: dict, facts: Mapping) -> bool:
    """Carries out one operation; False when the theme, campaign or comment it names is gone."""
    kind = operation["kind"]
    if kind == "not_campaign":
        campaign = _best_match(reviewed.campaigns, operation["target"], key="comment_ids")
        if campaign is None:
            return False
        reviewed.campaigns.remove(campaign)
        return True
    theme = _best_match(reviewed.themes, operation["target"])
    if theme is None:
        return False
    if kind in ("rename", "assess"):
        theme["label" if kind == "rename" else "assessment"] = operation["text"]
        return True
    if kind == "merge":
        return _merge(reviewed, theme, operation["other"])
    if kind == "move":
        return _move(reviewed, operation["comment_id"], theme)
    if kind == "drop_quote":
        before = len(theme["quotes"])
        theme["quotes"] = [q for q in theme["quotes"] if not _same_quote(q, operation)]
        return len(theme["quotes"]) < before
    if kind == "add_quote":
        return _add_quote(theme, operation, facts)
    return False


def _best_match(items: list[dict], target: Iterable, key: str = "_members") -> dict | None:
    """The item whose comments overlap ``target`` most, if they share at least MIN_OVERLAP (Jaccard)."""
    wanted = set(target)
    best, best_score = None, MIN_OVERLAP
    for item in items:
        members = item[key] if isinstance(item[key], set) else set(item[key])
        shared = len(wanted & members)
        union = len(wanted) + len(members) - shared
        score = shared / union if union else 0.0
        if score >= best_score and (best is None or score > best_score):
            best, best_score = item, score
    return best


def _merge(reviewed: Reviewed, theme: dict, other_target: Iterable) -> bool:
    other = _best_match([t for t in reviewed.themes if t is not theme], other_target)
    if other is None:
        return False
    theme["_members"] |= other["_members"]
    theme["keywords"] = theme["keywords"] + [k for k in other["keywords"] if k not in theme["keywords"]]
    theme["quotes"] = theme["quotes"] + other["quotes"]
    theme["summary"] = theme.get("summary", []) + other.get("summary", [])
    theme["campaigns"] = theme.get("campaigns", []) + other.get("campaigns", [])
    if not theme["assessment"]:
        theme["assessment"] = other["assessment"]
    reviewed.themes.remove(other)
    return True


def _move(reviewed: Reviewed, comment_id, theme: dict) -> bool:
    source = reviewed.theme_of(comment_id)
    if source is theme:
        return True
    if source is not None:
        source["_members"].discard(comment_id)
        source["quotes"] = [q for q in source["quotes"] if q["comment_id"] != comment_id]
    theme["_members"].add(comment_id)
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
        members = sorted(theme.pop("_members"), key=_id_order)
        themed.update(members)
        known = [facts[m] for m in members if m in facts]
        theme["comment_ids"] = members
        theme["count"] = len(members)
        theme["share"] = round(len(members) / total, 4) if total else 0.0
        stances = Counter(f.stance for f in known)
        theme["stance"] = {key: stances[key] for key in STANCE_KEYS}
        theme["organisation_comments"] = sum(1 for f in known if f.organisation)
        theme["individual_comments"] = len(known) - theme["organisation_comments"]
        inside = set(members)
        theme["summary"] = [s for s in theme.get("summary", []) if s["comment_id"] in inside]
    reviewed.themes.sort(key=lambda theme: (-theme["count"], theme["id"]))
    reviewed.unthemed = sorted((c for c in facts if c not in themed), key=_id_order)


def _id_order(comment_id):
    """Numbers in numeric order before other ids, as the analysis orders them."""
    return (0, comment_id, "") if isinstance(comment_id, int) else (1, 0, str(comment_id))
