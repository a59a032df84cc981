"""A Word document's styles and list numbering, read once into dictionaries by id.

python-docx finds a style, and an XPath a list's number format, by searching the whole list each
time. A file that gives every paragraph a style or a list of its own made that quadratic: a 300 KB
upload kept a worker busy for minutes. Here a lookup is a dictionary's, and finds what python-docx
and the XPaths found: the first style with an id, the last default of a type, the first definition.
"""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Level:
    """One level of a list definition: how its number is written, and where it starts again."""

    number_format: str | None = None  # w:numFmt, None when the level has none
    text: str | None = None  # w:lvlText, "%1.%2" … or a bullet; None when absent
    start: int = 1
    restart: int | None = None  # w:lvlRestart: after which level (1-based) it restarts; 0 never
    legal: bool = False  # w:isLgl: every level's number shown as decimal
    style_id: str | None = None  # w:pStyle: the paragraph style linked to this level


class NumberingIndex:
    """The numbering part: each list's abstract definition and overrides, and its levels.

    Keys are the attribute values as written (``"1"``, not 1), as the XPaths compared them; the first
    definition of an id counts, as the XPaths found it.
    """

    def __init__(self, numbering) -> None:
        self.abstract_ids: dict[str, str] = {}  # numId -> abstractNumId
        self.overrides: dict[tuple[str, str], Level] = {}  # (numId, ilvl) -> an overriding w:lvl
        self.start_overrides: dict[str, dict[int, int]] = {}  # numId -> {ilvl: start}
        self.levels: dict[tuple[str, str], Level] = {}  # (abstractNumId, ilvl) -> level
        self.styled_levels: dict[tuple[str, str], str] = {}  # (abstractNumId, pStyle) -> ilvl
        for num in numbering.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            if num_id in self.abstract_ids or num_id in self.start_overrides:
                continue
            starts = self.start_overrides.setdefault(num_id, {})
            for override in num.iterchildren(qn("w:lvlOverride")):
                self._override(num_id, override, starts)
            for abstract in num.iterchildren(qn("w:abstractNumId")):
                if (value := abstract.get(qn("w:val"))) is not None:
                    self.abstract_ids.setdefault(num_id, value)
        for abstract in numbering.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"))
            for lvl in abstract.iterchildren(qn("w:lvl")):
                level, ilvl = _level(lvl), lvl.get(qn("w:ilvl"))
                self.levels.setdefault((abstract_id, ilvl), level)
                if level.style_id is not None:
                    self.styled_levels.setdefault((abstract_id, level.style_id), ilvl)

    def _override(self, num_id: str, override, starts: dict[int, int]) -> None:
        ilvl = override.get(qn("w:ilvl"))
        level_number = _number(ilvl, None)
        for start in override.iterchildren(qn("w:startOverride")):
            if level_number is not None and (value := _number(start.get(qn("w:val")), None)) is not None:
                starts.setdefault(level_number, value)
        for lvl in override.iterchildren(qn("w:lvl")):
            self.overrides.setdefault((num_id, ilvl), _level(lvl))

    def level(self, num_id: str, ilvl: str) -> Level | None:
        """The definition of a list's level: its override, else its abstract definition's."""
        found = self.overrides.get((num_id, ilvl))
        abstract_id = self.abstract_ids.get(num_id)
        if found is None and abstract_id is not None:
            found = self.levels.get((abstract_id, ilvl))
        return found


def _level(lvl) -> Level:
    """A w:lvl read into a Level: the first of each child counts, as ``w:numFmt/@w:val`` found it."""
    values: dict[str, str] = {}
    for child in lvl.iterchildren(*_LEVEL_CHILDREN):
        name = child.tag.rsplit("}", 1)[-1]
        if name not in values and (value := child.get(qn("w:val"))) is not None:
            values[name] = value
        elif name == "isLgl" and name not in values:
            values[name] = "true"  # <w:isLgl/> without a value is on
    return Level(
        number_format=values.get("numFmt"),
        text=values.get("lvlText"),
        start=_number(values.get("start"), 1),
        restart=_number(values.get("lvlRestart"), None),
        legal=values.get("isLgl", "false").lower() not in ("false", "0", "off"),
        style_id=values.get("pStyle"),
    )


_LEVEL_CHILDREN = tuple(qn(f"w:{name}") for name in ("start", "numFmt", "lvlText", "lvlRestart", "isLgl", "pStyle"))


def _number(value: str | None, default):
    """An attribute as a small non-negative int, or ``default`` when absent or not one."""
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 6 else default
