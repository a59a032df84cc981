"""The API page (``/api``): the OpenAPI description read by people, rendered on the server."""
from __future__ import annotations

from flask import Blueprint, render_template
from markupsafe import Markup

from hoering.accounts.access import public
from hoering.api.description import description, operations, resolve
from hoering.markup import DRAFT, render

blueprint = Blueprint("api_pages", __name__)


@blueprint.get("/api")
@public
def reference():
    described = description()
    return render_template(
        "api/reference.html", described=described, operations=operations(described),
        schemas=described["components"]["schemas"], markdown=_markdown, resolve=lambda node: resolve(described, node),
    )


def _markdown(text: str | None) -> Markup:
    """The description's own texts: Markdown with `code`, through the same cleaner as drafts."""
    return Markup(render(text, DRAFT)) if text else Markup("")
