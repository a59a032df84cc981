"""A Markdown extension for drafts: lists that keep their markers, as laws and Word write them.

    Ved vurderingen skal det særlig legges vekt på:
    a) om tiltaket gir vesentlige virkninger for miljø og samfunn,
    b) om planen er i tråd med overordnede planer.

Markdown numbers its lists "1.", "2." only, so other lists ran together into one paragraph while
the text around them cited "bokstav a". In a block, lines that begin with a marker make a list
(at least two items; text before the first item stays a paragraph, a line without a marker
continues the item above, and lines indented four spaces are nested inside it, as in Markdown):

* Letters or roman numerals followed by "." or ")", in order from any start ("a)" "b)", "C." "D.",
  "iv." "v.", "1)" "2)"), become ``<ol type="a|A|i|I|1" start=…>``; a type shows "a." everywhere,
  so "a)" is kept with ``data-marker="paren"`` ("paren-upper-roman" …) and a stylesheet rule.
* Markers no list type can show, "[1]", "(a)", "1.2", or any marker with an escaped character
  ("a\\)", as the Word import writes markers it must keep exactly), become
  ``<ol data-marker="literal">`` whose items begin with the marker as written; the stylesheet
  hides the list's own numbers.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
_COUNTER = r"\d{1,9}|[a-zA-Z]{1,30}"
_MARKER = rf"(?:\\?[(\[])?(?:{_COUNTER})(?:\\?\.(?:{_COUNTER}))*(?:\\?[.)\]])?"
_PARTS = re.compile(rf"^(\\?[(\[])?((?:{_COUNTER})(?:\\?\.(?:{_COUNTER}))*)(\\?[.)\]])?$")
_ITEM = re.compile(rf"^[ \t]{{0,3}}({_MARKER})[ \t]+(\S.*)$")
_NESTED_START = re.compile(rf"^[ ]{{4,7}}(\d+\.|[*+-]|{_MARKER})[ ]+.*")
_NATIVE = re.compile(r"^(?:\d+\.|[*+-])$")
_SEPARATOR = re.compile(r"\\?\.")
_PAIRS = {"(": ")", "[": "]", "": "."}
_TYPES = ("a", "i", "A", "I", "1")  # the first that counts in order wins: "i) ii)" is roman, "i) j)" letters
# Selectors match type="a" and type="A" alike, so a ")" list names its counter style in data-marker.
_PAREN_MARKERS = {"a": "paren", "A": "paren-upper-alpha", "i": "paren-lower-roman", "I": "paren-upper-roman",
                  "1": "paren-decimal"}


def letters(value: int) -> str:
    """Word's letters for a positive number: a … z, then aa … zz, aaa …"""
    return _LETTERS[(value - 1) % 26] * ((value - 1) // 26 + 1)


def roman(value: int) -> str:
    """A positive number in lower-case roman numerals."""
    parts = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)


@dataclass(frozen=True)
class Marker:
    """A list marker as written: its brackets, numbers and punctuation."""

    text: str
    opening: str
    counters: tuple[str, ...]
    closing: str
    escaped: bool

    @property
    def literal(self) -> bool:
        """Whether only the marker's own text can show it: brackets, several numbers, or escaped."""
        return self.escaped or bool(self.opening) or len(self.counters) > 1


def parse_marker(text: str) -> Marker | None:
    """The marker ``text`` is, or None: brackets that pair, numbers Word could have written, and
    punctuation after them (or several numbers)."""
    parts = _PARTS.match(text)
    if parts is None:
        return None
    opening, closing = (parts.group(1) or "").lstrip("\\"), (parts.group(3) or "").lstrip("\\")
    counters = tuple(_SEPARATOR.split(parts.group(2)))
    if opening and _PAIRS[opening] != closing or not opening and closing not in (".", ")", ""):
        return None
    if not closing and len(counters) < 2 or not all(c.isdigit() or _values(c) for c in counters):
        return None
    return Marker(text, opening, counters, closing, "\\" in text)


def _values(counter: str) -> dict[str, int]:
    """What a counter counts as in each list type it can be: {"a": 9, "i": 1} for "i"."""
    found: dict[str, int] = {}
    if counter.isdigit() and (counter == "0" or counter[0] != "0"):  # a list type shows no "08"
        found["1"] = int(counter)
    lower = counter.lower()
    if counter in (lower, counter.upper()) and len(set(lower)) == 1 and lower[0] in _LETTERS:
        found["a" if counter == lower else "A"] = _LETTERS.index(lower[0]) + 1 + 26 * (len(lower) - 1)
    if counter in (lower, counter.upper()) and set(lower) <= set("ivxlcdm"):
        value = _roman_value(lower)
        if value and roman(value) == lower:
            found["i" if counter == lower else "I"] = value
    return found


def _roman_value(numerals: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for this, following in zip(numerals, [*numerals[1:], ""]):
        total += -values[this] if following and values[following] > values[this] else values[this]
    return total


def typed_sequence(markers: list[str]) -> bool:
    """Whether these markers, written as they are, make a list of one type: "c)" "d)", "iv." "v."."""
    typed = _Typed.start(parse_marker(markers[0])) if len(markers) >= 2 else None
    return typed is not None and all(typed.follows(parse_marker(marker)) for marker in markers[1:])


class _Typed:
    """A list whose type can show its markers, followed item by item."""

    def __init__(self, closing: str, values: dict[str, int]) -> None:
        self.closing, self.values = closing, values
        self.first = dict(values)

    @classmethod
    def start(cls, marker: Marker | None) -> _Typed | None:
        if marker is None or marker.literal or not marker.closing:
            return None
        values = _values(marker.counters[0])
        if marker.closing == ".":
            values.pop("1", None)  # "1." is Markdown's own list
        return cls(marker.closing, values) if values else None

    def follows(self, marker: Marker | None) -> bool:
        """Whether ``marker`` is the next item's; if so, the list has moved on to it."""
        if marker is None or marker.literal or marker.closing != self.closing:
            return False
        values = _values(marker.counters[0])
        going_on = {kind: value for kind, value in values.items() if self.values.get(kind) == value - 1}
        if going_on:
            self.values = going_on
        return bool(going_on)

    def attributes(self) -> dict[str, str]:
        kind = next(kind for kind in _TYPES if kind in self.values)
        attributes = {"type": kind}
        if self.first[kind] != 1:
            attributes["start"] = str(self.first[kind])
        if self.closing == ")":
            attributes["data-marker"] = _PAREN_MARKERS[kind]
        return attributes


@dataclass
class _Entry:
    """An item's lines (marker removed unless literal), or the nested lines that follow one."""

    lines: list[str]
    nested: bool = False


def _parse(lines: list[str]) -> tuple[int, dict[str, str], list[_Entry]] | None:
    """Where the list starts, its ``ol`` attributes and its entries, or None when there is no list.

    The list starts at the first line with a marker, or else at the first that could start one.
    """
    markers = ((index, _item_marker(line)) for index, line in enumerate(lines))
    starts = [(index, marker) for index, marker in markers if marker is not None]
    first_possible = next((index for index, marker in starts if _could_start(marker)), None)
    for start in dict.fromkeys(index for index in (*(index for index, _ in starts[:1]), first_possible)
                               if index is not None):
        found = _entries(lines, start)
        if found is not None:
            return (start, *found)
    return None


def _item_marker(line: str) -> Marker | None:
    item = _ITEM.match(line)
    return parse_marker(item.group(1)) if item else None


def _could_start(marker: Marker) -> bool:
    return marker.literal or 1 in _values(marker.counters[0]).values()


def _nested_start(line: str) -> bool:
    """Whether an indented line begins a nested item: Markdown's "1." or "-", or one of these markers."""
    found = _NESTED_START.match(line)
    return found is not None and (_NATIVE.match(found.group(1)) is not None or parse_marker(found.group(1)) is not None)


def _entries(lines: list[str], start: int) -> tuple[dict[str, str], list[_Entry]] | None:
    first = _ITEM.match(lines[start])
    marker = parse_marker(first.group(1))
    if marker is None:
        return None
    typed = None if marker.literal else _Typed.start(marker)
    if typed is None and not marker.literal:
        return None
    entries = [_Entry([lines[start].strip() if typed is None else first.group(2)])]
    for line in lines[start + 1:]:
        item = _ITEM.match(line)
        following = parse_marker(item.group(1)) if item else None
        if following is not None and (following.literal if typed is None else typed.follows(following)):
            entries.append(_Entry([line.strip() if typed is None else item.group(2)]))
        elif not entries[-1].nested and _nested_start(line):
            entries.append(_Entry([line], nested=True))
        else:
            entries[-1].lines.append(line)
    if sum(not entry.nested for entry in entries) < 2:
        return None
    return ({"data-marker": "literal"} if typed is None else typed.attributes()), entries


class MarkerListProcessor(BlockProcessor):
    def test(self, parent, block: str) -> bool:
        return _parse(block.split("\n")) is not None

    def run(self, parent, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        start, attributes, entries = _parse(lines)
        if parent.tag in ("ol", "ul") and len(parent):
            parent = parent[-1]  # an indented list right after a nested one: Markdown's edge case
        if start:
            paragraph = etree.SubElement(parent, "p")
            paragraph.text = "\n".join(lines[:start]).strip()
        listing = etree.SubElement(parent, "ol", attributes)
        self.parser.state.set("list")
        for entry in entries:
            item = listing[-1] if entry.nested else etree.SubElement(listing, "li")
            self.parser.parseBlocks(item, ["\n".join(entry.lines)])
        self.parser.state.reset()


class _NestedStarts:
    """Markdown's pattern for a nested item's first line, which now knows these markers too."""

    def match(self, line: str) -> bool:
        return _nested_start(line)


class MarkerListExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Before the paragraph processor (priority 10), after lists, quotes and code.
        md.parser.blockprocessors.register(MarkerListProcessor(md.parser), "hoering_marker_list", 15)
        for name in ("olist", "ulist"):  # so that "1. item" can hold an indented "a) …" list
            if name in md.parser.blockprocessors:
                md.parser.blockprocessors[name].INDENT_RE = _NestedStarts()


def makeExtension(**kwargs) -> MarkerListExtension:  # noqa: N802 (Markdown's name for it)
    return MarkerListExtension(**kwargs)
