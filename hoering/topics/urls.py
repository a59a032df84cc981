"""The addresses of a topic's or an area's pages, for any page, feed or e-mail that links to them."""
from __future__ import annotations

from flask import url_for

from hoering.topics.models import Topic


def topic_url(topic: Topic, **url_options) -> str:
    return url_for("topics.topic", kind=topic.kind, slug=topic.slug, **url_options)


def init_app(app) -> None:
    app.add_template_global(topic_url, "topic_url")
