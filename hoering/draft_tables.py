"""A Markdown extension for drafts: table cells that keep their lines and headers that say what they head.

* A pipe table's cell is one line of Markdown, but a cell in a Word draft often holds several
  paragraphs or lines (an address, a list of dates). The converter writes ``<br>`` between them, as
  GitHub's Markdown does, and in a draft's table cell, and only there, ``<br>`` (also ``<br/>`` and
  ``<br />``) is a line break. Raw HTML stays off everywhere else; a ``<br>`` in a code span, or
  written ``&lt;br>`` (as the Word import writes a ``<br>`` typed as text), stays text.
* Python-Markdown makes the first row of a table ``<th>`` cells without a scope. ``scope="col"``
  tells a screen reader which column each header heads (WCAG 1.3.1, technique H63).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_CELLS = frozenset({"th", "td"})


class TableCellProcessor(Treeprocessor):
    def run(self, root) -> None:
        for cell in [element for element in root.iter() if element.tag in _CELLS]:
            if cell.tag == "th":
                cell.set("scope", "col")
            _break_lines(cell)


def _break_lines(element) -> None:
    """Make each ``<br>`` in the text of ``element`` and of the inline elements in it a line break.

    The children are rebuilt in one list, so a cell of many breaks costs its length, not its square.
    """
    pieces = _BREAK.split(element.text or "")
    element.text = pieces[0]
    children = _breaks(pieces[1:])
    for child in list(element):
        if child.tag != "code":
            _break_lines(child)
        pieces = _BREAK.split(child.tail or "")
        child.tail = pieces[0]
        children += [child, *_breaks(pieces[1:])]
    element[:] = children


def _breaks(texts: list[str]) -> list:
    """A ``<br>`` before each of ``texts``."""
    breaks = []
    for text in texts:
        breaks.append(etree.Element("br"))
        breaks[-1].tail = text
    return breaks


class DraftTablesExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After the inline patterns (priority 20) have made the cells' emphasis, links and code spans.
        md.treeprocessors.register(TableCellProcessor(md), "hoering_table_cells", 15)


def makeExtension(**kwargs) -> DraftTablesExtension:  # noqa: N802 (Markdown's name for it)
    return DraftTablesExtension(**kwargs)
