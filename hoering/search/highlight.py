"""A result's snippet: the text around the first words the query found, those words in <mark>.

Plain Python with MarkupSafe: the text is escaped piece by piece, and only <mark> is added, so
whatever a comment holds (``<script>``, entities, Markdown) shows as the letters it is.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from hoering.search.query import WORD, SearchQuery, matches_word

SNIPPET_WORDS = 40  # words in a snippet, the first match among the first few
LEAD_WORDS = 8
SPACE = re.compile(r"\s+")


def highlighted(text: str, query: SearchQuery, words: int | None = SNIPPET_WORDS) -> Markup:
    """``text`` with the query's words marked; cut to a window of ``words`` words around the first
    match (with "…" where it was cut), or whole when ``words`` is None."""
    text = SPACE.sub(" ", text).strip()
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    marked = [span for span in spans if any(matches_word(t, text[span[0]:span[1]].lower()) for t in query.terms)]
    start, end = 0, len(text)
    if words is not None and len(spans) > words:
        first = spans.index(marked[0]) if marked else 0
        begin = max(0, first - LEAD_WORDS)
        last = min(len(spans), begin + words) - 1
        start = spans[begin][0] if begin else 0
        end = spans[last][1] if last < len(spans) - 1 else len(text)
    pieces = [Markup("…") if start else Markup("")]
    position = start
    for span_start, span_end in marked:
        if span_start < start or span_end > end:
            continue
        pieces += [escape(text[position:span_start]), Markup("<mark>%s</mark>") % text[span_start:span_end]]
        position = span_end
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append(Markup("…"))
    return Markup("").join(pieces)
