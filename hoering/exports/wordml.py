"""Sanitised HTML (hoering.markup's output) as WordprocessingML: comments and draft text in the memo
as Word paragraphs, bold and italic runs, lists and tables, never as the Markdown they were written in.

It starts from the HTML, not the Markdown: each comment and unit keeps the HTML it was rendered to
when it was written (or redacted), it is what the site shows, and it holds only the sanitiser's
allowlist (the COMMENT and DRAFT profiles), so one walk over a dozen tags covers every text.
Links become their text with the address after it in brackets; a note's reference is superscript.

The memo's appendix may hold 100,000 comments, so the walk writes XML text rather than python-docx
objects (which slow down with the size of the body), reads each element once, and stops nesting
at MAX_DEPTH: deeper content is written as its plain text. Text is made XML-safe (``xml_safe``)
before it is parsed, so one stored control character cannot fail the file.

Lists are Word lists (a paragraph with ``w:numPr``), numbered by Word and LibreOffice: there is a
list definition per kind of marker (bullets; 1. a. A. i. I. with "." or ")"; none, for markers kept
as text), and a numbering instance per ordered list, starting at its first number. Instances are
spooled to a temporary file as the lists appear and copied into ``numbering.xml`` when the
document is done (``Numbering.write``), so memory does not grow with the number of lists.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

import lxml.html
from lxml import etree

from hoering.exports.xml_text import xml_safe

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_DEPTH = 40  # elements inside each other; markup.MAX_NESTING keeps honest text far below
MAX_COLUMNS = 63  # Word's limit; further cells are written into the last one
TEXT_WIDTH = 9070  # twips between the memo's margins (A4, 25 mm each side)
LIST_STEP = 540  # twips of indentation per list level
HANGING = 360  # twips the number stands out to the left of the item's text
QUOTE_STEP = 567  # twips of indentation per block quote
MAX_INDENT = TEXT_WIDTH // 2  # deeper lists and quotes are indented no further
LEVELS = 9  # list levels Word has; deeper lists use the last
MAX_START = 32767

BOLD, ITALIC, CODE, SUPERSCRIPT = 1, 2, 4, 8
_INLINE_MASKS = {"strong": BOLD, "b": BOLD, "em": ITALIC, "i": ITALIC, "code": CODE, "sup": SUPERSCRIPT}
_FLOWS = frozenset({"p", "div", "figure", "aside", "section", "li", "dd", "dt"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _FLOWS | _HEADINGS | {"ul", "ol", "blockquote", "pre", "table", "hr", "figcaption"}
_LINES = _BLOCKS | {"tr", "thead", "tbody", "tfoot"}  # a line each in a paragraph of runs
_LIST_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_BULLETS = ("•", "◦", "▪")
_SPACE = re.compile(r"\s+")
BREAK = "<w:r><w:br/></w:r>"
RULE = '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr></w:pPr></w:p>'


def plain_text(html: str) -> str:
    """The text of ``html`` as one line, its white space collapsed (table cells and list items apart)."""
    root = _parse(html)
    if root is None:
        return ""
    return " ".join(_SPACE.sub(" ", " ".join(root.itertext())).split())


class Numbering:
    """The list definitions of one document, and a numbering instance per ordered list.

    Made from the document's ``numbering.xml`` element (python-docx's), to which it adds its
    definitions and the one instance every bulleted list shares; the ordered lists' instances are
    spooled and written by ``write``.
    """

    def __init__(self, element) -> None:
        abstract_ids = [int(value) for value in element.xpath("w:abstractNum/@w:abstractNumId")]
        num_ids = [int(value) for value in element.xpath("w:num/@w:numId")]
        next_abstract = max(abstract_ids, default=-1) + 1
        self._next_id = max(num_ids, default=0) + 1
        self._abstract: dict[tuple[str, str], int] = {}
        kinds = [("bullet", "")] + [(fmt, suffix) for fmt in _LIST_FORMATS.values() for suffix in (".", ")")]
        first_num = element.find(f"{{{W}}}num")
        for offset, kind in enumerate([*kinds, ("none", "")]):
            self._abstract[kind] = next_abstract + offset
            definition = etree.fromstring(_abstract_xml(next_abstract + offset, *kind))
            if first_num is None:
                element.append(definition)
            else:
                first_num.addprevious(definition)
        self.bullet_id = self._next_id
        element.append(etree.fromstring(_num_xml(self.bullet_id, self._abstract[("bullet", "")])))
        self._next_id += 1
        self._spool = tempfile.SpooledTemporaryFile(max_size=1 << 20)

    def ordered(self, fmt: str, suffix: str, level: int, start: int) -> int:
        """A new numbering instance for an ordered list at ``level``, counting from ``start``."""
        num_id, self._next_id = self._next_id, self._next_id + 1
        self._spool.write(_num_xml(num_id, self._abstract[(fmt, suffix if fmt != "none" else "")],
                                   level, start).encode())
        return num_id

    def write(self, numbering_xml: bytes, stream) -> None:
        """Write ``numbering_xml`` (as python-docx saved it) to ``stream`` with the spooled instances."""
        head, tail = numbering_xml.rsplit(b"</w:numbering>", 1)
        stream.write(head)
        self._spool.seek(0)
        while chunk := self._spool.read(1 << 16):
            stream.write(chunk)
        stream.write(b"</w:numbering>" + tail)
        self._spool.close()


def _abstract_xml(abstract_id: int, fmt: str, suffix: str) -> str:
    levels = []
    for level in range(LEVELS):
        if fmt == "bullet":
            text = _BULLETS[level % len(_BULLETS)]
        else:
            text = "" if fmt == "none" else f"%{level + 1}{suffix}"
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{LIST_STEP * (level + 1)}" w:hanging="{HANGING}"/></w:pPr></w:lvl>')
    return (f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{0x48E00000 + abstract_id:08X}"/><w:multiLevelType w:val="hybridMultilevel"/>'
            f'{"".join(levels)}</w:abstractNum>')


def _num_xml(num_id: int, abstract_id: int, level: int | None = None, start: int = 1) -> str:
    override = (f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                if level is not None else "")
    namespace = "" if level is not None else f' xmlns:w="{W}"'
    return f'<w:num{namespace} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'


@dataclass(frozen=True)
class _Place:
    """Where paragraphs are written: their indentation, list level, run formatting and alignment.

    ``numbering`` is the list item's number (``w:numPr``), given to its first paragraph only.
    """

    indent: int = 0
    level: int = 0
    mask: int = 0
    justify: str = ""
    numbering: str = ""


class WordML:
    """Writes HTML as body XML: ``blocks`` for paragraphs, lists and tables; ``runs`` for the text of
    one paragraph (a quote), whatever blocks it had."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self._properties: dict[int, str] = {}
        self._out: list[str] = []
        self._depth = 0

    def blocks(self, html: str) -> str:
        root = _parse(html)
        if root is None:
            return ""
        self._out, self._depth = [], 0
        self._flow(root, _Place())
        return "".join(self._out)

    def runs(self, html: str) -> str:
        root = _parse(html)
        if root is None:
            return ""
        runs: list[str] = []
        self._depth = 0
        self._inline(root, 0, runs)
        while runs and runs[-1] == BREAK:
            runs.pop()
        return "".join(runs)

    # Blocks

    def _flow(self, element, place: _Place) -> _Place:
        """The element's content: inline content gathered into paragraphs between its blocks.

        Returns ``place``, without its number once a paragraph has taken it."""
        runs: list[str] = []
        self._text(element.text, place.mask, runs, at_block=True)
        for child in element:
            if isinstance(child.tag, str) and child.tag in _BLOCKS:
                place = self._paragraph(runs, place)
                runs = []
                place = self._block(child, place)
            elif isinstance(child.tag, str):
                self._inline(child, place.mask, runs)
            self._text(child.tail, place.mask, runs, at_block=not runs)
        return self._paragraph(runs, place)

    def _block(self, element, place: _Place) -> _Place:
        tag = element.tag
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                return self._paragraph([self._run(element.text_content(), place.mask)], place)
            if tag in ("ul", "ol", "table"):
                if place.numbering:  # an item that begins with a list or table still shows its number
                    self._out.append(f"<w:p>{self._paragraph_properties(place)}</w:p>")
                    place = replace(place, numbering="")
                if tag == "table":
                    self._table(element, place)
                else:
                    self._list(element, place)
                return place
            if tag == "pre":
                return self._pre(element, place)
            if tag == "hr":
                self._out.append(RULE)
                return place
            if tag == "blockquote":
                inner = replace(place, indent=_indented(place.indent, QUOTE_STEP))
            elif tag in _HEADINGS:
                inner = replace(place, mask=place.mask | BOLD)
            elif tag == "figcaption":
                inner = replace(place, mask=place.mask | ITALIC)
            else:
                inner = place
            return place if self._flow(element, inner).numbering else replace(place, numbering="")
        finally:
            self._depth -= 1

    def _paragraph(self, runs: list[str], place: _Place) -> _Place:
        """Write a paragraph of ``runs`` (none: nothing); returns ``place`` without its number if used."""
        if not runs:
            return place
        self._out.append(f"<w:p>{self._paragraph_properties(place)}{''.join(runs)}</w:p>")
        return replace(place, numbering="") if place.numbering else place

    def _paragraph_properties(self, place: _Place) -> str:
        justify = f'<w:jc w:val="{place.justify}"/>' if place.justify in ("left", "center", "right") else ""
        if place.numbering:
            return (f'<w:pPr><w:pStyle w:val="ListParagraph"/>{place.numbering}'
                    f'<w:ind w:left="{place.indent}" w:hanging="{HANGING}"/>{justify}</w:pPr>')
        style = '<w:pStyle w:val="ListParagraph"/>' if place.level else ""
        indent = f'<w:ind w:left="{place.indent}"/>' if place.indent else ""
        return f"<w:pPr>{style}{indent}{justify}</w:pPr>" if style or indent or justify else ""

    def _list(self, element, place: _Place) -> None:
        level = min(place.level, LEVELS - 1)
        if element.tag == "ul":
            num_id = self.numbering.bullet_id
        else:
            marker = element.get("data-marker") or ""
            fmt = "none" if marker == "literal" else _LIST_FORMATS.get(element.get("type") or "1", "decimal")
            num_id = self.numbering.ordered(fmt, ")" if marker.startswith("paren") else ".", level,
                                            _start(element.get("start")))
        item = replace(place, indent=_indented(place.indent, LIST_STEP), level=place.level + 1,
                       numbering=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        for child in element:
            if isinstance(child.tag, str):
                self._block(child, item)

    def _pre(self, element, place: _Place) -> _Place:
        runs = []
        for n, line in enumerate(element.text_content().rstrip("\n").split("\n")):
            if n:
                runs.append(BREAK)
            if line:
                runs.append(self._run(line, place.mask | CODE, collapse=False))
        return self._paragraph(runs or [self._run(" ", place.mask | CODE)], place)

    def _table(self, element, place: _Place) -> None:
        rows = []
        for child in element:
            if child.tag == "tr":
                rows.append((child, False))
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend((row, child.tag == "thead") for row in child if row.tag == "tr")
        rows = [(head, [cell for cell in row if cell.tag in ("td", "th")]) for row, head in rows]
        columns = min(max((len(cells) for _, cells in rows), default=0), MAX_COLUMNS)
        if not columns:
            return
        indent = f'<w:tblInd w:w="{place.indent}" w:type="dxa"/>' if place.indent else ""
        grid = f'<w:gridCol w:w="{TEXT_WIDTH // columns}"/>' * columns
        self._out.append(f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>{indent}'
                         f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
        for head, cells in rows:
            self._out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if head else "<w:tr>")
            for n in range(columns):
                self._out.append('<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>')
                self._cell(cells[n:] if n == columns - 1 else cells[n:n + 1])
                self._out.append("</w:tc>")
            self._out.append("</w:tr>")
        self._out.append("</w:tbl>")

    def _cell(self, cells) -> None:
        """The content of one Word cell (of several HTML cells past MAX_COLUMNS); it ends with a paragraph."""
        start = len(self._out)
        for cell in cells:
            self._flow(cell, _Place(mask=BOLD if cell.tag == "th" else 0, justify=cell.get("align") or ""))
        if len(self._out) == start or not self._out[-1].endswith("</w:p>"):
            self._out.append("<w:p/>")

    # Runs

    def _inline(self, element, mask: int, runs: list[str]) -> None:
        """The element as runs; a block in a run of text (a quote's list) is a line of its own."""
        tag = element.tag
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                runs.append(self._run(element.text_content(), mask))
                return
            if tag == "br":
                runs.append(BREAK)
                return
            if tag == "img":
                self._text(element.get("alt") or "", mask | ITALIC, runs)
                return
            line = tag in _LINES
            if line and runs and runs[-1] != BREAK:
                runs.append(BREAK)
            inner = mask | _INLINE_MASKS.get(tag, 0)
            self._text(element.text, inner, runs, at_block=line)
            for child in element:
                if isinstance(child.tag, str):
                    self._inline(child, inner, runs)
                self._text(child.tail, inner, runs, at_block=line and (not runs or runs[-1] == BREAK))
            if line and runs and runs[-1] != BREAK:
                runs.append(BREAK)
            if tag == "a":
                self._address(element, mask & ~SUPERSCRIPT, runs)
        finally:
            self._depth -= 1

    def _address(self, link, mask: int, runs: list[str]) -> None:
        """A link's address after its text, unless the text is the address (or it points within the page)."""
        href = (link.get("href") or "").strip()
        text = link.text_content().strip()
        if not href or href.startswith("#") or href in (text, f"mailto:{text}"):
            return
        runs.append(self._run(f" ({href.removeprefix('mailto:')})", mask))

    def _text(self, text: str | None, mask: int, runs: list[str], at_block: bool = False) -> None:
        if not text or (at_block and not text.strip()):
            return
        runs.append(self._run(text.lstrip() if at_block else text, mask))

    def _run(self, text: str, mask: int, collapse: bool = True) -> str:
        if collapse:
            text = text.replace("\r", "").replace("\n", " ")
        return f'<w:r>{self._run_properties(mask)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def _run_properties(self, mask: int) -> str:
        if mask not in self._properties:
            parts = []
            if mask & CODE:
                parts.append('<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>')
            if mask & BOLD:
                parts.append("<w:b/>")
            if mask & ITALIC:
                parts.append("<w:i/>")
            if mask & SUPERSCRIPT:
                parts.append('<w:vertAlign w:val="superscript"/>')
            self._properties[mask] = f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""
        return self._properties[mask]



def _parse(html: str):
    """The HTML as children of one <div>, or None when there is nothing to write."""
    if not html or not html.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(xml_safe(html), create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _top_blocks(root):
    """The top-level blocks of ``root`` (a list's items each count as one), or ``root`` itself."""
    blocks = []
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag in ("ul", "ol"):
            blocks.extend(item for item in child if isinstance(item.tag, str))
        else:
            blocks.append(child)
    return blocks if blocks and not (root.text or "").strip() else [root]


def _indented(indent: int, step: int) -> int:
    return min(indent + step, max(indent, MAX_INDENT))


def _start(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 0), MAX_START)
    except ValueError:
        return 1


