"""The summary as it is frozen at sign-off: plain data for the public page, the API and the memo.

Format (every key always present)::

    {"run_id", "analysed_at" (ISO), "comments", "people", "organisations",
     "organisation_comments", "individual_comments", "formal_responses" (of "comments"; newer than the rest),
     "stance": {"support", "against", "neutral", "suggestion", "not_stated"},
     "campaigns": [{"id", "size", "text", "comment_ids"}],
     "themes": [{"key", "label", "keywords", "count", "share", "stance", "assessment",
                 "quotes": [{"comment_id", "text", "stance"}], "comment_ids"}],  # largest first
     "units": [{"anchor", "number", "comments", "people", "organisations", "stance"}]}
                # most discussed first; anchor None is the whole document
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from hoering.responses.analysed import response_ids

if TYPE_CHECKING:  # the review (hoering.casework) hands it over; the public summary needs nothing of it
    from hoering.casework.corrections import Reviewed

THEME_FIELDS = ("label", "keywords", "count", "share", "stance", "assessment", "quotes", "comment_ids")
UNIT_FIELDS = ("comments", "people", "organisations", "stance")


def summary_content(result: dict, reviewed: Reviewed, run_id: int, analysed_at: str,
                    unit_citations: Mapping[str, str]) -> dict:
    """The format above from an analysis result and its reviewed themes and campaigns.

    Units no longer in the current draft (a revised draft dropped them) keep their anchor with
    an empty number."""
    participants = result.get("participants", {})
    return {
        "run_id": run_id,
        "analysed_at": analysed_at,
        "comments": result.get("comments", 0),
        "people": participants.get("people", 0),
        "organisations": participants.get("organisations", 0),
        "organisation_comments": participants.get("organisation_comments", 0),
        "individual_comments": participants.get("individual_comments", 0),
        "formal_responses": len(response_ids(reviewed.analysed)),
        "stance": dict(result.get("stance", {})),
        "campaigns": [
            {"id": c["id"], "size": c["size"], "text": c["text"], "comment_ids": list(c["comment_ids"])}
            for c in reviewed.campaigns
        ],
        "themes": [
            {"key": theme_key(theme), **{name: theme[name] for name in THEME_FIELDS}}
            for theme in reviewed.themes
        ],
        "units": [
            {"anchor": unit["unit"], "number": unit_citations.get(unit["unit"], "") if unit["unit"] else "",
             **{name: unit[name] for name in UNIT_FIELDS}}
            for unit in sorted(result.get("units", []), key=lambda u: (-u["comments"], u["unit"] or ""))
        ],
    }


def theme_key(theme: dict) -> str:
    """The theme's key, kept by every run that continues its themes, so a public link to a theme
    (``#tema-<key>``) outlives a re-run; results from before themes had keys use the run's number."""
    return theme.get("key") or str(theme["id"])
