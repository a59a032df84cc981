"""What a Word document's styles say, read through the styles they are based on: what a paragraph
style makes of its paragraphs (a heading, a list item, code, or nothing shown: a table of contents),
and the font, flags and borders a character or table style sets. docx_import asks; each answer is
kept by style id (StyleIndex.lineage), so a chain of styles is walked once however long the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docx.oxml.ns import nsmap
from lxml import etree

from hoering.consultations.docx_index import StyleIndex

_HEADING_NAME = re.compile(r"^(?:heading|overskrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAME = re.compile(r"^(?:title|tittel)$", re.IGNORECASE)
TOC_NAME = re.compile(r"^toc(?:\s|\d|$)", re.IGNORECASE)
_LIST_NAME = re.compile(r"^(?:list (?:bullet|number|paragraph)|listeavsnitt|punktliste|nummerert liste)\s*(\d?)$", re.I)
_NUMBERED_NAME = re.compile(r"number|nummer", re.IGNORECASE)
# Compared without spaces, hyphens and case: "HTML Preformatted", "HTMLPreformatted", "Kode 2".
_CODE_NAME = re.compile(r"^(?:(?:source)?code|(?:kilde)?kode)(?:block|blokk)?\d*$|^(?:htmlpreformatted|"
                        r"htmlforhåndsformatert|macro(?:text)?|makrotekst)$")
MONOSPACE = re.compile(r"^(?:courier\b.*|consolas|lucida (?:console|sans typewriter)|menlo|monaco|inconsolata|"
                       r".*\bmono(?:spaced?)?\b.*|.*\bcode\b.*)$", re.IGNORECASE)
_BORDERLESS = frozenset({"nil", "none"})
FLAGS = ("hidden", "bold", "italic")

_STYLE_PATHS = {
    "outline": "./w:pPr/w:outlineLvl/@w:val",
    "num_id": "./w:pPr/w:numPr/w:numId/@w:val",
    "ilvl": "./w:pPr/w:numPr/w:ilvl/@w:val",
    "style_borders": "./w:tblPr/w:tblBorders/*/@w:val | ./w:tcPr/w:tcBorders/*/@w:val"
    " | ./w:tblStylePr/w:tblPr/w:tblBorders/*/@w:val | ./w:tblStylePr/w:tcPr/w:tcBorders/*/@w:val",
}
# Also the paragraph's own numbering and outline level, which docx_import reads with the same paths.
STYLE_XPATH = {name: etree.XPath(path, namespaces={"w": nsmap["w"]}) for name, path in _STYLE_PATHS.items()}


@dataclass(frozen=True)
class Kind:
    """What a paragraph style makes of its paragraphs."""

    heading: int = 0
    skip: bool = False
    list_level: int | None = None
    numbered_name: bool = False
    num_id: int | None = None  # the style's w:numPr, inherited along w:basedOn field by field
    num_level: int | None = None
    code: bool = False
def classify(style, styles: StyleIndex, known: dict[str | None, Kind]) -> Kind:
    """What a paragraph style makes of its paragraphs: its own kind, else that of a style it is based on."""
    walked, kind = styles.lineage(style, known)
    kind = kind or Kind()
    for step in reversed(walked):  # from the farthest: a nearer style that decides wins
        own = _own_kind(step)
        kind = _inherit(own, kind) if own else kind
        known[step.style_id] = kind
    return kind


def _inherit(own: Kind, inherited: Kind) -> Kind:
    """A style's own kind, with what it leaves unsaid taken from the style it is based on.

    Word inherits a style's list and level one by one (a heading style may set only the level),
    and a style that only sets numbering stays a heading if it is based on one.
    """
    numbering_only = not (own.heading or own.skip or own.code or own.list_level is not None)
    base = replace(inherited, numbered_name=own.numbered_name or inherited.numbered_name) if numbering_only else own
    return replace(
        base, num_id=_first(own.num_id, inherited.num_id), num_level=_first(own.num_level, inherited.num_level)
    )


def _first(value, default):
    return default if value is None else value


def _own_kind(style) -> Kind | None:
    """What the style itself says, by name, id, outline level, numbering or font; None if nothing."""
    names = [str(style.name or ""), str(style.style_id or "")]
    if any(map(TOC_NAME.match, names)):
        return Kind(skip=True)
    num_id = first_int(STYLE_XPATH["num_id"](style.element), None)
    numbering = {"num_id": num_id, "num_level": first_int(STYLE_XPATH["ilvl"](style.element), None)}
    if heading := next(filter(None, map(_HEADING_NAME.match, names)), None):
        return Kind(heading=int(heading.group(1)), **numbering)
    outline = 0 if any(map(_TITLE_NAME.match, names)) else first_int(STYLE_XPATH["outline"](style.element), 9)
    if outline < 9:
        return Kind(heading=outline + 1, **numbering)
    code_name = any(_CODE_NAME.match(re.sub(r"[\s_-]+", "", name.lower())) for name in names)
    if code_name or (MONOSPACE.match(style.font.name or "") and not style.element.default):
        return Kind(code=True)
    listed = next(filter(None, map(_LIST_NAME.match, names)), None)
    if listed or any(value is not None for value in numbering.values()):
        depth = (int(listed.group(1)) - 1 if listed.group(1) else 0) if listed else None  # None: numbering only
        return Kind(list_level=depth, numbered_name=any(map(_NUMBERED_NAME.search, names)), **numbering)
    return None
def style_font(style, styles: StyleIndex, known: dict) -> str | None:
    """The font a character style sets, itself or through the styles it is based on."""
    walked, font = styles.lineage(style, known)
    for step in reversed(walked):  # from the farthest: what a nearer style sets wins
        font = known[step.style_id] = step.font.name or font
    return font


def style_borders(style, styles: StyleIndex, known: dict) -> bool:
    """Whether a table style draws borders, itself or through the styles it is based on."""
    walked, bordered = styles.lineage(style, known)
    bordered = bool(bordered)
    for step in reversed(walked):  # from the farthest: a nearer style that sets borders wins
        own = visible(STYLE_XPATH["style_borders"](step.element))
        bordered = known[step.style_id] = bordered if own is None else own
    return bordered


def visible(border_values) -> bool | None:
    """Whether border elements draw a line; None if there are none."""
    return None if not border_values else any(value not in _BORDERLESS for value in border_values)
def style_flags(style, styles: StyleIndex, known: dict) -> tuple[bool | None, ...]:
    """The font flags a character style sets, itself or through the styles it is based on."""
    walked, values = styles.lineage(style, known)
    values = values or (None,) * len(FLAGS)
    for step in reversed(walked):  # from the farthest: what a nearer style sets wins
        own = (getattr(step.font, name) for name in FLAGS)
        values = tuple(value if mine is None else mine for mine, value in zip(own, values))
        known[step.style_id] = values
    return values
def first_int(values, default):
    """The first XPath result as an int, or ``default`` when absent or not a small number."""
    return int(values[0]) if values and values[0].isascii() and values[0].isdigit() and len(values[0]) < 6 else default
