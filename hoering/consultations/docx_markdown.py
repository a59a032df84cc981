"""How the Word converter's pieces are written as Markdown: formatted text, escaping, and lists.

``docx_import`` reads a Word document into segments of formatted text and list items; this module
writes them so that Markdown shows exactly what the planner wrote: anything Markdown or HTML would
read as markup is escaped, emphasis and links are put around the right stretches, and a list's
levels deepen one step at a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import groupby

_INLINE_SPECIAL = re.compile(r"([\\`*\[\]])")
_LONE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # an underscore not between letters
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_BLOCK_START = re.compile(r"^(?:[#>]|[-+](?=[\s-]|$)|=+\s*$|~~~)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_NOT_ESCAPABLE = {"=": "&#61;", "~": "&#126;"}  # Python-Markdown ignores a backslash before these


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph's text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None
    markup: bool = False  # Markdown already, written as it is (a note reference)


@dataclass(frozen=True)
class ListItem:
    """A list paragraph: its depth, numbered or bulleted, and its text as Markdown lines."""

    level: int
    ordered: bool
    lines: list[str]


def _escape(text: str) -> str:
    """Escape inline Markdown and HTML so that the text reads as written."""
    text = _LONE_UNDERSCORE.sub(r"\\_", _INLINE_SPECIAL.sub(r"\\\1", text))
    return _TAG_START.sub("&lt;", text)


def escape_line_start(line: str) -> str:
    """Keep a line from opening a heading, quote, list, rule, setext underline or fence."""
    if not _BLOCK_START.match(line):
        return _ORDERED_START.sub(r"\1\\\2", line, count=1)
    return _NOT_ESCAPABLE[line[0]] + line[1:] if line[0] in _NOT_ESCAPABLE else "\\" + line


def inline_markdown(segments: list[Segment]) -> str:
    """Render segments as inline Markdown: links around emphasis, bold around italic."""
    parts = []
    for url, linked in groupby(_merge(segments), key=lambda s: s.url):
        text = "".join(
            _wrap("".join(_wrap(s.text if s.markup else _escape(s.text), "*" if s.italic else "") for s in group),
                  "**" if bold else "")
            for bold, group in groupby(linked, key=lambda s: s.bold)
        )
        parts.append(_wrap(text, "[", f"]({url})") if url else text)
    return "".join(parts)


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join runs of equal formatting, then give the whitespace at their edges no formatting."""
    split = []
    for segment in _join(segments):
        core = segment.text.strip()
        start = segment.text.index(core) if core else len(segment.text)
        split.append(Segment(segment.text[:start], url=segment.url))
        split.append(replace(segment, text=core))
        split.append(Segment(segment.text[start + len(core):], url=segment.url))
    return _join(segment for segment in split if segment.text)


def _join(segments) -> list[Segment]:
    joined: list[Segment] = []
    for segment in segments:
        if joined and _format(joined[-1]) == _format(segment):
            joined[-1] = replace(segment, text=joined[-1].text + segment.text)
        else:
            joined.append(segment)
    return joined


def _format(segment: Segment) -> tuple:
    return segment.bold, segment.italic, segment.url, segment.markup


def _wrap(text: str, left: str, right: str | None = None) -> str:
    """Put markers around the text, leaving the whitespace around it outside them."""
    core = text.strip()
    if not left or not core:
        return text
    start = text.index(core)
    return f"{text[:start]}{left}{core}{left if right is None else right}{text[start + len(core):]}"


def render_list(items: list[ListItem]) -> str:
    """One Markdown list; a level deepens by one step at most, as Markdown needs."""
    lines: list[str] = []
    kinds: dict[int, bool] = {}
    level = -1
    for item in items:
        level = min(item.level, level + 1)
        if kinds.get(level, item.ordered) != item.ordered:
            lines.append("")  # a list of the other kind starts here
        kinds = {k: v for k, v in kinds.items() if k < level} | {level: item.ordered}
        indent = "    " * level
        first = f"{indent}{'1. ' if item.ordered else '- '}{item.lines[0]}"
        lines.append(f"  \n{indent}    ".join([first, *item.lines[1:]]))
    return "\n".join(lines)
