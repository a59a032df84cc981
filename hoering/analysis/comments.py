"""The comments the analysis reads: CommentIn, and reading one from a JSON object."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

# Stated stances, in the order reports list them; NOT_STATED stands for "" (the citizen chose none).
STANCES = ("support", "against", "neutral", "suggestion")
NOT_STATED = "not_stated"
STANCE_KEYS = STANCES + (NOT_STATED,)

CommentId = int | str


@dataclass(frozen=True)
class CommentIn:
    """One comment as the analysis sees it: plain values, no database rows.

    ``unit`` is the draft unit it comments on (None for the whole document); ``organisation`` is ""
    for an individual; ``stance`` is what the citizen stated, one of STANCES or "" for none;
    ``parent`` is the id of the comment it replies to; ``agree_count`` how many agreed with it.
    """

    id: CommentId
    text: str
    unit: str | None = None
    name: str = ""
    organisation: str = ""
    stance: str = ""
    parent: CommentId | None = None
    agree_count: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.id, bool) or not isinstance(self.id, (int, str)):
            raise ValueError(f"id must be an integer or a string, not {self.id!r}")
        if self.parent is not None and (isinstance(self.parent, bool) or not isinstance(self.parent, (int, str))):
            raise ValueError(f"parent must be an id or null, not {self.parent!r}")
        if not isinstance(self.text, str):
            raise ValueError("text must be a string")
        if self.stance not in STANCES and self.stance != "":
            raise ValueError(f"stance must be one of {', '.join(STANCES)} or empty, not {self.stance!r}")

    @property
    def stance_key(self) -> str:
        """The stance as reports count it: the stated stance, or NOT_STATED."""
        return self.stance or NOT_STATED

    @property
    def is_organisation(self) -> bool:
        """Whether the comment was sent on behalf of an organisation."""
        return bool(self.organisation.strip())


def id_order(comment_id: CommentId) -> tuple:
    """Sort key for ids: numbers in numeric order, then strings."""
    return (0, comment_id, "") if isinstance(comment_id, int) else (1, 0, comment_id)


def comment_from_json(data: Any) -> CommentIn:
    """A CommentIn from one decoded JSON line; other keys are ignored, optional keys may be missing.

    Raises ValueError naming the field and the reason when the object cannot be a comment.
    """
    if not isinstance(data, Mapping):
        raise ValueError("a line must be a JSON object")
    for field in ("id", "text"):
        if field not in data:
            raise ValueError(f"{field}: missing")
    return CommentIn(
        id=data["id"],
        text=data["text"],
        unit=_optional_str(data, "unit"),
        name=_optional_str(data, "name") or "",
        organisation=_optional_str(data, "organisation") or "",
        stance=_optional_str(data, "stance") or "",
        parent=data.get("parent"),
        agree_count=_count(data.get("agree_count")),
    )


def _optional_str(data: Mapping, field: str) -> str | None:
    value = data.get(field)
    if value is None or isinstance(value, str):
        return value
    if field == "unit" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{field}: must be a string or null, not {value!r}")


def _count(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"agree_count: must be a whole number >= 0, not {value!r}")
    return value
