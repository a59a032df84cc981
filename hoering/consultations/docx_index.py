"""A Word document's styles and list numbering, read once into dictionaries by id.

python-docx finds a style, and an XPath a list's number format, by searching the whole list each
time. A file that gives every paragraph a style or a list of its own made that quadratic: a 300 KB
upload kept a worker busy for minutes. Here a lookup is a dictionary's, and finds what python-docx
and the XPaths found: the first style with an id, the last default of a type, the first definition.
"""
from __future__ import annotations

from docx.oxml.ns import qn
from docx.styles.style import StyleFactory

class StyleIndex:
    """The styles part by style id."""

    def __init__(self, styles) -> None:
        self._by_id: dict[str, object] = {}
        self._defaults: dict[object, object] = {}
        for element in styles.iterchildren(qn("w:style")):
            self._by_id.setdefault(element.styleId, element)
            if element.default:
                self._defaults[element.type] = element  # the last default of a type counts

    def style(self, style_id: str | None, style_type):
        """What python-docx's ``get_style`` gives: the style by id and type, else the type's default."""
        element = self._by_id.get(style_id) if style_id else None
        if element is None or element.type != style_type:
            element = self._defaults.get(style_type)
        return None if element is None else StyleFactory(element)

    def base(self, style):
        """The style ``style`` is based on, or None."""
        based_on = style.element.basedOn
        element = self._by_id.get(based_on.val) if based_on is not None else None
        return None if element is None else StyleFactory(element)

    def lineage(self, style, known: dict) -> tuple[list, object]:
        """``style`` and the styles it is based on, up to one whose answer is ``known`` (by style id).

        Returns the styles walked, nearest first, and the answer found (None at the end of the chain,
        or at a cycle, which only a hostile file has). A caller that records an answer for every style
        walked follows each chain once, however many styles it runs through.
        """
        walked, seen = [], set()
        while style is not None and style.style_id not in known and style.style_id not in seen:
            walked.append(style)
            seen.add(style.style_id)
            style = self.base(style)
        return walked, (known.get(style.style_id) if style is not None else None)


class NumberingIndex:
    """The numbering part: a list's overridden formats, its abstract definition, and that one's formats.

    Keys are the attribute values as written (``"1"``, not 1), as the XPaths compared them.
    """

    def __init__(self, numbering) -> None:
        self.overrides: dict[tuple[str, str], str] = {}
        self.abstract_ids: dict[str, list[str]] = {}
        self.formats: dict[tuple[str, str], str] = {}
        for num in numbering.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            for override in num.iterchildren(qn("w:lvlOverride")):
                for level in override.iterchildren(qn("w:lvl")):
                    for number_format in _formats(level):
                        self.overrides.setdefault((num_id, override.get(qn("w:ilvl"))), number_format)
            for abstract in num.iterchildren(qn("w:abstractNumId")):
                if (value := abstract.get(qn("w:val"))) is not None:
                    self.abstract_ids.setdefault(num_id, []).append(value)
        for abstract in numbering.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"))
            for level in abstract.iterchildren(qn("w:lvl")):
                for number_format in _formats(level):
                    self.formats.setdefault((abstract_id, level.get(qn("w:ilvl"))), number_format)


def _formats(level):
    """The w:val of each w:numFmt of a w:lvl, in order: what ``w:numFmt/@w:val`` selects."""
    values = (number_format.get(qn("w:val")) for number_format in level.iterchildren(qn("w:numFmt")))
    return [value for value in values if value is not None]
