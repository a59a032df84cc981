"""The addresses of comment pages, for any page or API that links to them."""
from __future__ import annotations

from flask import url_for


def discussion_url(slug: str, anchor: str | None, **values) -> str:
    """The URL of a unit's discussion page, or of the whole document's when ``anchor`` is None."""
    values = {key: value for key, value in values.items() if value is not None}
    if "page" in values:
        values["side"] = values.pop("page")
    if anchor is None:
        return url_for("comments.discussion", slug=slug, **values)
    return url_for("comments.discussion", slug=slug, anchor=anchor, **values)
