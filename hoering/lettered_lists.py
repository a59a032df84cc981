"""A Markdown extension for drafts: lettered lists as Norwegian laws write them.

    Ved vurderingen skal det særlig legges vekt på:
    a) om tiltaket gir vesentlige virkninger for miljø og samfunn,
    b) om planen er i tråd med overordnede planer.

Markdown has no syntax for letters, so the lines ran together into one paragraph while the text
around them cited "bokstav a". A block with lines that begin "a)" and "b)" (or "a." and "b.", in
order, at least two) becomes ``<ol type="a">``; text before the first item stays a paragraph, and
a line without a marker continues the item above it.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"
_ITEM = re.compile(r"^[ \t]{0,3}([a-zæøå])([.)])[ \t]+(\S.*)$")


class LetteredListProcessor(BlockProcessor):
    def test(self, parent, block: str) -> bool:
        return _items(block.split("\n")) is not None

    def run(self, parent, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        start, suffix, items = _items(lines)
        if start:
            paragraph = etree.SubElement(parent, "p")
            paragraph.text = "\n".join(lines[:start]).strip()
        # type="a" shows "a." everywhere; "a)" is kept with a stylesheet rule on data-marker.
        listing = etree.SubElement(parent, "ol", {"type": "a", **({"data-marker": "paren"} if suffix == ")" else {})})
        for item in items:
            etree.SubElement(listing, "li").text = item


def _items(lines: list[str]) -> tuple[int, str, list[str]] | None:
    """Where the list starts, its markers' punctuation and its items' text, or None when the lines
    hold no lettered list.

    The list starts at a line "a)" or "a."; each next marker must be the next letter with the same
    punctuation. Lines before the start are an introduction.
    """
    for start, line in enumerate(lines):
        first = _ITEM.match(line)
        if first and first.group(1) == "a":
            break
    else:
        return None
    suffix, items, expected = first.group(2), [first.group(3)], 1
    for line in lines[start + 1:]:
        marker = _ITEM.match(line)
        if marker and expected < len(LETTERS) and marker.group(1) == LETTERS[expected] and marker.group(2) == suffix:
            items.append(marker.group(3))
            expected += 1
        else:
            items[-1] += "\n" + line.strip()
    return (start, suffix, items) if len(items) >= 2 else None


class LetteredListExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Before the paragraph processor (priority 10), after lists, quotes and code.
        md.parser.blockprocessors.register(LetteredListProcessor(md.parser), "hoering_lettered_list", 15)


def makeExtension(**kwargs) -> LetteredListExtension:  # noqa: N802 (Markdown's name for it)
    return LetteredListExtension(**kwargs)
