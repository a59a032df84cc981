"""YAML front matter at the top of a Markdown draft: metadata, never part of the text.

Tools that write Markdown (static site generators, Pandoc, many editors) put a block like

    ---
    title: Kommunedelplan for sentrum
    date: 2026-12-01
    ---

at the top. Read as Markdown it would become a heading ("title: …" underlined by ``---``). Here it
is taken off the draft, and its title is offered as the consultation's. A block that is not a YAML
mapping is left as it is: a draft may well begin with a horizontal rule.
"""
from __future__ import annotations

import re

import yaml

# The opening line, the block, and the closing line (--- or ...), at the very top; at most 200 lines.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n((?:.*\n){0,200}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def split_front_matter(text: str) -> tuple[dict, str]:
    """The front matter as a mapping (empty if there is none) and the draft without it."""
    match = _FRONT_MATTER.match(text or "")
    if match is None:
        return {}, text
    try:
        metadata = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(metadata, dict):
        return {}, text
    return metadata, text[match.end():].lstrip("\n")


def front_matter_title(text: str) -> str:
    """The front matter's title, if it has one that is plain text."""
    title = split_front_matter(text)[0].get("title")
    return " ".join(title.split()) if isinstance(title, str) else ""
