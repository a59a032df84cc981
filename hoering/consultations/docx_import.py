"""Turn an uploaded Word draft (.docx) into the Markdown that ``split_markdown`` numbers.

The body is read in document order, paragraphs and tables interleaved:

* Styles "Heading N" / "Overskrift N" (by name or style id, also through the styles they are based
  on, or an outline level) become ``#`` × N headings, at most 6; "Title" / "Tittel" is level 1.
  Heading text is plain and unescaped (the app shows it as text). A heading Word numbers (through
  its style's numbering, inherited along ``w:basedOn``, or its own) begins with the number as Word
  shows it, "5.2.1 Medisinske opplysninger", since readers cite it ("punkt 5.2.1").
* Paragraphs keep bold and italic, and links to http, https and mailto targets; other links
  (``javascript:``, ``file:``, bookmarks) keep only their text. A line break becomes a hard break.
* Paragraphs with numbering (``w:numPr``, or a list style) make one list per run of consecutive
  items, nested 4 spaces a level; a bullet is ``-``, a number is written as Word shows it ("3.",
  "b)", "iv.", "[2]": ``docx_numbering`` counts as Word does, headings and lists together).
* Tables become pipe tables, first row as header; merged cells are left empty, and a cell's
  paragraphs and line breaks are lines joined by ``<br>`` (``hoering.draft_tables``).
* A table that only places text on the page reads as that text, its cells' paragraphs one after
  another, row by row (headings stay headings): a table of one cell (a box around text), and a
  table without borders (none of its own, its style's or its cells') that has one row (logo, title,
  date side by side) or at most two columns with at least half the cells empty (a title page).
  A data table, one with borders or with cells mostly filled, stays a table.
* Paragraphs of code (a style named like "Code", "Kode", "Source Code", "HTML Preformatted",
  "Macro Text", "Makrotekst", or a paragraph style in a monospace font other than the default's,
  or all text in a monospace font such as Courier New or Consolas) make one fenced code block per
  run of them, text as written, a tab 4 columns.
* Footnotes and endnotes (``docx_notes``) become notes of the block their reference is in, so they
  stay in its unit: ``[^3]`` where the reference was and a line ``[^3]: …`` (``hoering.draft_notes``),
  numbered as Word shows them, 1, 2, 3 … and i, ii, iii … over the whole document. A heading's notes
  go to the block after it (heading text is plain); a table cell's follow the table.
* Text boxes (``docx_graphics``) are read as paragraphs after the paragraph they are anchored in,
  once: Word's copy for older readers is skipped. A PNG, JPEG, GIF or WebP picture is kept
  (``docx_images``): its bytes are returned with the Markdown and it is written where it was as
  ``![alternative text](bilde:<sha256>)`` (``hoering.draft_images``), the alternative text Word's,
  else the caption's. Another picture (EMF, WMF …), a chart or diagram, one past the cap on an
  upload's images, or one in a heading becomes an italic line "Bilde: <alternative text>". Either
  keeps its caption in its block when the caption is the next paragraph or a text box beside it.
* Tracked insertions and moves are kept and deletions dropped, as if accepted. Hidden text, tables
  of contents, equations, comments, headers and footers are left out.

What is kept in another form, changed or left out is counted by kind (``docx_report``) and returned
with the Markdown by ``convert_docx``; the planner's form shows it before the draft is saved. Not
counted: headers and footers, and formatting other than bold, italic and links.
Text that Markdown would read as markup is escaped, so citizens see what the planner wrote
(``docx_markdown`` writes the text and lists).
Bad input raises ``DocxRejected``, whose ``reason`` is a message for the planner; so does a text
longer than the draft may be, as soon as the conversion has gone that far.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from itertools import groupby
from urllib.parse import urlsplit

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import nsmap, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from hoering.consultations import docx_notes
from hoering.consultations.docx_graphics import (
    CAPTION_STYLE,
    CAPTION_TEXT,
    GRAPHICS,
    caption_text,
    has_caption_number,
    placeholder,
    read_graphic,
    with_caption_alt,
)
from hoering.consultations.docx_images import ImageKeeper
from hoering.consultations.docx_index import NumberingIndex, StyleIndex
from hoering.consultations.docx_numbering import BULLET_FORMATS, ListNumbers
from hoering.consultations.docx_markdown import (
    CodeLine,
    ListItem,
    Segment,
    escape_line_start,
    image,
    inline_markdown,
    render_code,
    render_list,
)
from hoering.consultations.docx_package import (  # noqa: F401  (re-exported: callers name them here)
    CORRUPT,
    EMPTY,
    MAX_DOCX_BYTES,
    MAX_MARKUP_BYTES,
    MAX_MARKUP_TAGS,
    MAX_MEMBERS,
    MAX_UNPACKED_BYTES,
    NOT_DOCX,
    PASSWORD_PROTECTED,
    PROTECTED_OR_OLD_DOC,
    TOO_LARGE,
    TOO_LARGE_UNPACKED,
    TOO_LONG,
    UNPACKING_ERRORS,
    DocxRejected,
    check_package,
)
from hoering.consultations.docx_report import (
    COMMENTS,
    DELETIONS,
    ENDNOTES,
    EQUATIONS,
    FOOTNOTES,
    HIDDEN_TEXT,
    IMAGE_PLACEHOLDERS,
    IMAGES_WITHOUT_TEXT,
    INSERTIONS,
    MOVES,
    NOTES_MOVED,
    TABLES_OF_CONTENTS,
    TEXT_BOXES,
    ConvertedDraft,
    Tally,
)
from hoering.consultations.docx_styles import (
    FLAGS,
    MONOSPACE,
    STYLE_XPATH,
    TOC_NAME,
    Kind,
    classify,
    first_int,
    style_borders,
    style_flags,
    style_font,
    visible,
)
from hoering.draft_images import SOURCE_PREFIX, source
from hoering.draft_notes import definition, reference

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_COLUMNS = 64
# Layout tables inside layout tables are read as text this deep; deeper, as tables. Each level reads
# its cells twice (to decide, then as text), so a hostile nest would otherwise cost its depth times.
MAX_LAYOUT_NESTING = 3

# What a damaged file can raise once its container looked fine: from unpacking (as check_package
# reads it), then from lxml or python-docx.
_UNREADABLE = (*UNPACKING_ERRORS, etree.XMLSyntaxError, KeyError, ValueError, PythonDocxError)

_W = {name: qn(f"w:{name}") for name in ("p", "tbl", "r", "hyperlink", "sdt", "sdtContent", "customXml")}
# Run content with text; python-docx's classes for these give their text (a tab, a line break) by str().
_W_TEXT = qn("w:t")
_RUN_TEXT = {qn(f"w:{name}") for name in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}
_SKIPPED_INLINE = {qn(f"w:{name}") for name in ("pPr", "del", "moveFrom", "sdtPr", "sdtEndPr")} | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
}
# What a paragraph holds beside its text, each read or counted (docx_report) rather than lost.
# Tracked changes as if accepted; a move is counted once, where the text went.
_TRACKED = {qn("w:ins"): INSERTIONS, qn("w:del"): DELETIONS, qn("w:moveTo"): MOVES, qn("w:moveFrom"): None}
_KEPT_CHANGES = {qn("w:ins"), qn("w:moveTo")}
_EQUATIONS = {qn("m:oMath"), qn("m:oMathPara")}
_NOTE_KINDS = {qn("w:footnoteReference"): docx_notes.FOOTNOTE, qn("w:endnoteReference"): docx_notes.ENDNOTE}
_NOTE_CODES = {docx_notes.FOOTNOTE: FOOTNOTES, docx_notes.ENDNOTE: ENDNOTES}
_RUN_OBJECTS = GRAPHICS | set(_NOTE_KINDS)
_PATHS = {
    "gallery": "./w:sdtPr/w:docPartObj/w:docPartGallery/@w:val",
    "rows": "./w:tr | ./w:sdt/w:sdtContent/w:tr",  # also rows and cells inside content controls
    "cells": "./w:tc | ./w:sdt/w:sdtContent/w:tc",
    "cell_paragraphs": ".//w:p[not(ancestor::w:txbxContent)]",
    "mark_font": "./w:pPr/w:rPr/w:rFonts/@w:ascii",
    "table_style": "./w:tblPr/w:tblStyle/@w:val",
    "table_borders": "./w:tblPr/w:tblBorders/*/@w:val",
    "cell_borders": "./w:tcPr/w:tcBorders/*/@w:val",
    "note_paragraphs": ".//w:p[not(ancestor::w:txbxContent)]",
}
_XPATH = {**STYLE_XPATH, **{name: etree.XPath(path, namespaces={"w": nsmap["w"]}) for name, path in _PATHS.items()}}

_CONTENTS_TITLE = re.compile(
    r"^\s*(?:innhold|innhald|innholdsfortegnelse|innhaldsliste|innhaldsoversikt|(?:table of )?contents)\s*$", re.I
)
_HEADING_BLOCK = re.compile(r"^(#{1,6}) (.*)$")

_URL_UNSAFE = re.compile(r"[\s()<>\"'\\\x00-\x1f\x7f]")


def docx_to_markdown(data: bytes, max_length: int | None = None) -> str:
    """Convert the bytes of a .docx file to Markdown, or raise ``DocxRejected``.

    With ``max_length``, a text that grows past it is refused (TOO_LONG) there and then, not converted
    to the end first.
    """
    return convert_docx(data, max_length).markdown


def convert_docx(data: bytes, max_length: int | None = None) -> ConvertedDraft:
    """Convert the bytes of a .docx file to Markdown with a report of what the planner should check
    (``docx_report``), or raise ``DocxRejected`` as ``docx_to_markdown`` does."""
    check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, KeyError) as error:
        raise DocxRejected(CORRUPT) from error
    except ValueError as error:  # python-docx: the main part is no Word document (.docm, .dotx)
        raise DocxRejected(NOT_DOCX) from error
    converter = _Converter(document, max_length)
    try:
        markdown = converter.convert()
    except DocxRejected:
        raise
    except _UNREADABLE as error:
        raise DocxRejected(CORRUPT) from error
    if not markdown.strip():
        raise DocxRejected(EMPTY)
    return ConvertedDraft(markdown, converter.tally.notices(), converter.images.images)


@dataclass
class _Found:
    """What the converter met in one paragraph or table beside its text."""

    notes: list[tuple[str, str]] = field(default_factory=list)  # (label, inline Markdown)
    boxes: list = field(default_factory=list)  # w:txbxContent elements, to read after it
    pictures: int = 0
    hidden: bool = False
    heading: bool = False  # the paragraph is a heading, shown as plain text: pictures stay placeholders


class _Converter:
    def __init__(self, document, max_length: int | None = None) -> None:
        self.document = document
        self.part = document.part
        self.max_length = max_length
        self.styles = StyleIndex(document.styles.element)
        self._numbers: ListNumbers | None = None  # the numbering part, read at the first numbered paragraph
        self._kinds: dict[str | None, Kind] = {}  # by a paragraph's style id, as written
        self._kind_by_style: dict[str | None, Kind] = {}  # by the id of each style found for one
        self._flags_by_style: dict[str | None, tuple[bool | None, ...]] = {}
        self._character_styles: dict[str | None, tuple[bool | None, ...]] = {}
        self._character_fonts: dict[str | None, str | None] = {}  # by a run's style id, as written
        self._fonts_by_style: dict[str | None, str | None] = {}
        self._table_borders: dict[str | None, bool] = {}  # by a table's style id, as written
        self._borders_by_style: dict[str | None, bool] = {}
        self._layout_depth = 0

        self.tally = Tally()
        self.images = ImageKeeper()
        self._related = self.part  # the part whose relationships name the pictures being read
        self._found = _Found()
        self._notes = docx_notes.NoteParts(self.part)
        self._notes_met: set[tuple[str, str | None]] = set()
        self._note_numbers = dict.fromkeys(_NOTE_CODES, 0)
        self._in_note = False
        self._toc_paragraphs = False
        self._heading_notes: list[str] = []  # notes of a heading, for the next block


    def convert(self) -> str:
        blocks = list(_blocks(self._within_length(self._walk(self.document.element.body))))
        if self._heading_notes:  # a heading at the very end
            blocks.append("\n".join(self._heading_notes))
        self.tally.add(TABLES_OF_CONTENTS, int(self._toc_paragraphs))  # however many paragraphs
        self.tally.add(COMMENTS, docx_notes.comment_count(self.part))
        if any(notice.code == TABLES_OF_CONTENTS for notice in self.tally.notices()):
            blocks = _without_empty_contents_heading(blocks)
        markdown = "\n\n".join(blocks) + "\n" if blocks else ""
        self.tally.add(IMAGES_WITHOUT_TEXT, markdown.count(f"![]({SOURCE_PREFIX}"))
        return markdown

    def _within_length(self, entries):
        """The entries, until their text alone is longer than the draft may be."""
        length = 0
        for entry in entries:
            length += sum(map(len, entry.lines)) if isinstance(entry, (ListItem, CodeLine)) else len(entry)
            if self.max_length is not None and length > self.max_length:
                raise DocxRejected(TOO_LONG)
            yield entry

    def _walk(self, container):
        """Blocks (Markdown strings) and list items, in document order, through content controls.

        A paragraph's notes stay in its block and its text boxes follow it; a picture's block takes in
        the caption of the paragraph after it.
        """
        held = None  # a picture's block, until the next paragraph shows whether it holds its caption
        for child in container.iterchildren():
            if child.tag == _W["p"] and len(child) == 0:
                continue  # an empty <w:p/>: nothing to show, and six bytes each in a hostile file
            entries, picture, pictures = self._read(child) if child.tag in (_W["p"], _W["tbl"]) else ([], False, 0)
            if held is not None:
                if entries and _is_paragraph_block(entries[0]) and not pictures and self._is_caption(child):
                    entries[0] = f"{with_caption_alt(held, lambda: caption_text(child))}  \n{entries[0]}"
                else:
                    yield held
                held = None
            if picture:
                held = entries.pop()
            yield from entries
            if child.tag == _W["sdt"] and _is_table_of_contents(child):
                self.tally.add(TABLES_OF_CONTENTS)
            elif child.tag == _W["sdt"]:
                for content in child.iterchildren(_W["sdtContent"]):
                    yield from self._walk(content)
            elif child.tag == _W["customXml"]:
                yield from self._walk(child)
        if held is not None:
            yield held

    def _read(self, element) -> tuple[list, bool, int]:
        """A paragraph's or table's blocks, with their notes, then its text boxes' blocks; whether the
        last is a picture's block that a caption in the next paragraph may join; and how many pictures
        it holds itself (a paragraph with a picture is no caption of the one before)."""
        found = self._found = _Found()
        is_table = element.tag == _W["tbl"]
        if is_table:
            entry = self._table(element)
        else:
            entry = self._paragraph(Paragraph(element, self.document))
            if entry is None and not self._toc_paragraphs:
                self._toc_paragraphs = self._is_toc_paragraph(element)
        if found.hidden:
            self.tally.add(HIDDEN_TEXT)
        entries = self._with_notes(entry, found.notes, is_table)
        picture = bool(found.pictures) and not is_table and len(entries) == 1 and _is_paragraph_block(entries[0])
        for box in found.boxes:
            for boxed in self._walk(box):
                if picture and _is_paragraph_block(boxed) and CAPTION_TEXT.match(boxed):
                    picture_block = with_caption_alt(entries[0], lambda: _box_caption(box))
                    entries[0] = f"{picture_block}  \n{boxed}"  # a caption beside its picture
                else:
                    entries.append(boxed)
        return entries, picture and len(entries) == 1, found.pictures

    def _with_notes(self, entry, notes: list[tuple[str, str]], is_table: bool) -> list:
        """The entry with the lines of its notes in its block; a table's follow the table.

        A heading's text is shown as plain text, so its references are taken out and its notes go
        to the block after it: a block of their own would be a unit Word does not have.
        """
        lines = [definition(label, text) for label, text in notes]
        if isinstance(entry, str) and entry.startswith("#"):
            self.tally.add(NOTES_MOVED, len(notes))
            self._heading_notes.extend(lines)
            for label, _text in notes:
                entry = entry.replace(reference(label), "")
            return [entry]
        if is_table:
            self.tally.add(NOTES_MOVED, len(notes))
        if not entry:
            return ["\n".join(lines)] if lines else []
        lines, self._heading_notes = [*self._heading_notes, *lines], []
        if isinstance(entry, ListItem):
            return [replace(entry, lines=[*entry.lines, *lines])] if lines else [entry]
        if isinstance(entry, CodeLine):  # code shows no notes: they follow it
            return [entry, "\n".join(lines)] if lines else [entry]
        return ["\n".join([entry, *lines])]

    def _style_names(self, p) -> tuple[str, str]:
        style = self.styles.style(p.style, WD_STYLE_TYPE.PARAGRAPH)
        return (str(style.name or ""), str(style.style_id or "")) if style is not None else ("", "")

    def _is_caption(self, p) -> bool:
        """A paragraph in Word's caption style, with a caption's number field, or that starts "Figur 1"."""
        if p.tag != _W["p"]:
            return False
        return any(map(CAPTION_STYLE.match, self._style_names(p))) or has_caption_number(p)

    def _is_toc_paragraph(self, p) -> bool:
        """A paragraph in a table of contents style (outside a content control): left out."""
        return any(map(TOC_NAME.match, self._style_names(p)))

    def _paragraph(self, paragraph: Paragraph) -> str | ListItem | CodeLine | None:
        style_id = paragraph._p.style
        if style_id not in self._kinds:
            style = self.styles.style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            self._kinds[style_id] = classify(style, self.styles, self._kind_by_style)
        kind = self._kinds[style_id]
        if kind.skip:
            return None
        if code := self._code_line(paragraph, kind):
            return code
        outline = first_int(_XPATH["outline"](paragraph._p), 9)
        heading = kind.heading or (outline + 1 if outline < 9 else 0)
        numbering = self._numbering(paragraph._p, kind, style_id)  # counted even when the text is empty
        self._found.heading = bool(heading)
        segments = list(self._segments(paragraph._p, paragraph))
        if heading:
            # The app shows heading text as it is, not as Markdown: only guard a closing "#" sequence.
            title = " ".join("".join(s.text for s in segments).split())
            if title and numbering is not None and numbering[2]:  # "5.2.1 Medisinske opplysninger"
                title = f"{numbering[2]} {title}"
            return f"{'#' * min(heading, 6)} {title}{' #' if title.endswith('#') else ''}" if title else None
        lines = [escape_line_start(line.strip()) for line in inline_markdown(segments).split("\n") if line.strip()]
        if not lines or numbering is None:
            return "  \n".join(lines)
        level, ordered, number = numbering
        return ListItem(level, ordered, lines, number)

    def _numbering(self, p, kind: Kind, style_id: str | None) -> tuple[int, bool, str | None] | None:
        """(level, ordered, the number Word shows) for a numbered paragraph, None for one that is not.

        The number is None for a bullet, or when the list's definition does not say how to write it.
        """
        num_id = first_int(_XPATH["num_id"](p), kind.num_id)
        if num_id == 0 or (num_id is None and kind.list_level is None):
            return None
        level = first_int(_XPATH["ilvl"](p), kind.num_level)
        if num_id is None:
            return min(level if level is not None else kind.list_level or 0, 8), kind.numbered_name, None
        numbers = self._list_numbers()
        depth = level  # "List Number 2" is nested by its name, though its own list may be at level 0
        if level is None:
            level = numbers.level_for_style(num_id, style_id) or 0
            depth = max(level, kind.list_level or 0)
        definition = numbers.level(num_id, level)
        number_format = definition.number_format if definition is not None else None
        ordered = number_format not in BULLET_FORMATS if number_format else kind.numbered_name
        number = numbers.next(num_id, level)
        return min(depth, 8), ordered, (" ".join(number.split()) or None) if ordered and number else None

    def _list_numbers(self) -> ListNumbers:
        if self._numbers is None:
            self._numbers = ListNumbers(NumberingIndex(self.part.numbering_part.element))
        return self._numbers

    def _segments(self, element, paragraph: Paragraph, url: str | None = None):
        """The visible runs of a paragraph in order, through insertions, fields and content controls.

        Tracked changes are taken as accepted and counted; equations are counted and left out.
        """
        for child in element.iterchildren():
            if child.tag == _W["r"]:
                yield from self._run(child, paragraph, url)
            elif child.tag == _W["hyperlink"]:
                yield from self._segments(child, paragraph, self._link_target(child))
            elif child.tag in _TRACKED:
                if code := _TRACKED[child.tag]:
                    self.tally.add(code)
                if child.tag in _KEPT_CHANGES:
                    yield from self._segments(child, paragraph, url)
            elif child.tag in _EQUATIONS:
                self.tally.add(EQUATIONS)
            elif child.tag not in _SKIPPED_INLINE:
                yield from self._segments(child, paragraph, url)

    def _run(self, r, paragraph: Paragraph, url: str | None):
        """A run's text, then what it holds beside it: a note reference, a picture, text boxes."""
        text = "".join(str(part) for part in r if part.tag in _RUN_TEXT).replace("\t", " ")
        objects = [part for part in r if part.tag in _RUN_OBJECTS]
        if not text and not objects:
            return
        hidden, bold, italic = self._flags(Run(r, paragraph))
        if hidden:
            self._found.hidden = self._found.hidden or bool(text.strip() or objects)
            return
        if text:
            yield Segment(text, bold, italic, url)
        for part in objects:
            if part.tag in _NOTE_KINDS:
                yield from self._note_reference(_NOTE_KINDS[part.tag], part.get(qn("w:id")))
            else:
                yield from self._graphic(part)

    def _note_reference(self, kind: str, note_id: str | None):
        """A reference to a footnote or endnote, numbered as Word shows it; the note goes to the block."""
        if self._in_note or (kind, note_id) in self._notes_met:
            return  # Word refers to a note once, and never from a note: only a hostile file loops
        self._notes_met.add((kind, note_id))
        note = self._notes.note(kind, note_id)
        if note is None:
            return
        self._note_numbers[kind] += 1
        label = docx_notes.label(kind, self._note_numbers[kind])
        self._found.notes.append((label, self._note_text(note, self._notes.part(kind))))
        self.tally.add(_NOTE_CODES[kind])
        yield Segment(reference(label), markup=True)

    def _note_text(self, note, part) -> str:
        """A note's paragraphs as one line of inline Markdown; its text boxes follow the paragraph.
        Its pictures are named by the relationships of ``part``, the notes' own."""
        outer, self._found, self._in_note, self._related = self._found, _Found(), True, part
        try:
            texts = [inline_markdown(list(self._segments(p, Paragraph(p, self.document))))
                     for p in _XPATH["note_paragraphs"](note)]
        finally:
            inner, self._found, self._in_note, self._related = self._found, outer, False, self.part
        outer.boxes.extend(inner.boxes)
        outer.hidden = outer.hidden or inner.hidden
        return " ".join(" ".join(texts).split())

    def _graphic(self, element):
        """A picture becomes an image or a placeholder line; text boxes are kept for after the paragraph."""
        graphic = read_graphic(element)
        self._found.boxes.extend(graphic.boxes)
        self.tally.add(TEXT_BOXES, len(graphic.boxes))
        if not graphic.picture:
            return
        self._found.pictures += 1
        if self._found.heading:
            code, kept = IMAGE_PLACEHOLDERS, None
        else:
            code, kept = self.images.keep(self._related, graphic.image)
        self.tally.add(code)
        if kept:
            yield Segment(f"\n{image(graphic.alt, source(kept))}\n", markup=True)
        else:
            yield Segment(f"\n{placeholder(graphic.alt)}\n", italic=True)

    def _flags(self, run: Run) -> tuple[bool, ...]:
        """Hidden, bold, italic: set on the run itself, else by its character style (not the paragraph's)."""
        style_id = run._r.style
        if style_id not in self._character_styles:
            style = self.styles.style(style_id, WD_STYLE_TYPE.CHARACTER) if style_id else None
            self._character_styles[style_id] = style_flags(style, self.styles, self._flags_by_style)
        inherited = self._character_styles[style_id]
        if run._r.rPr is None:
            return tuple(map(bool, inherited))
        direct = (getattr(run.font, name) for name in FLAGS)
        return tuple(bool(default if value is None else value) for value, default in zip(direct, inherited))

    def _link_target(self, hyperlink) -> str | None:
        rel = self.part.rels.get(hyperlink.get(qn("r:id")) or "")
        if rel is None or not rel.is_external:
            return None
        url = rel.target_ref.strip()
        try:
            if urlsplit(url).scheme.lower() not in LINK_SCHEMES:
                return None
        except ValueError:
            return None
        return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)

    def _code_line(self, paragraph: Paragraph, kind: Kind) -> CodeLine | None:
        """The paragraph as a line of code if its style is code's, or if it is no heading or list item
        and all its text is in a monospace font (an empty one: its mark's font); else None."""
        if not kind.code and (kind.heading or kind.list_level is not None):
            return None
        p, texts = paragraph._p, []
        for text, font in self._code_runs(p, paragraph):
            if not kind.code and text.strip() and not MONOSPACE.match(font or ""):
                return None  # most paragraphs end here, at their first run
            texts.append(text)
        written = "".join(texts)
        if not kind.code and (_XPATH["num_id"](p) or _XPATH["outline"](p)):
            return None
        if not kind.code and not written.strip() and not any(map(MONOSPACE.match, _XPATH["mark_font"](p))):
            return None
        return CodeLine(written.split("\n"))

    def _code_runs(self, element, paragraph: Paragraph):
        """(text, font) of each visible run, tabs kept: the runs ``_segments`` reads, for code."""
        for child in element.iterchildren():
            if child.tag == _W["r"]:
                text = "".join(str(part) for part in child if part.tag in _RUN_TEXT)
                if text and not self._flags(Run(child, paragraph))[0]:
                    yield text, self._font(child)
            elif child.tag not in _SKIPPED_INLINE:
                yield from self._code_runs(child, paragraph)

    def _font(self, r) -> str | None:
        """A run's font: set on the run itself, else by its character style (not the paragraph's)."""
        fonts = r.rPr.rFonts if r.rPr is not None else None
        if fonts is not None and (font := fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))):
            return font
        style_id = r.style
        if style_id not in self._character_fonts:
            style = self.styles.style(style_id, WD_STYLE_TYPE.CHARACTER) if style_id else None
            self._character_fonts[style_id] = style_font(style, self.styles, self._fonts_by_style)
        return self._character_fonts[style_id]

    def _table(self, tbl) -> str:
        # Layout or data is decided before the cells are read: reading counts their notes and pictures
        # for the report, and a note is kept where it is first met.
        trs = _XPATH["rows"](tbl)
        if self._layout_depth < MAX_LAYOUT_NESTING and self._is_layout(tbl, trs):
            return self._layout_text(trs)
        rows = [row for row in map(self._row, trs) if row]
        if not any(cell for row in rows for cell in row):
            return ""
        width = max(len(row) for row in rows)
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * width)
        return "\n".join(lines)

    def _row(self, tr) -> list[str]:
        cells: list[str] = []
        for tc in _XPATH["cells"](tr):
            cells.append("" if tc.vMerge == "continue" else self._cell_text(tc))  # merged from above
            cells.extend([""] * (min(tc.grid_span, MAX_COLUMNS) - 1))
        return cells[:MAX_COLUMNS]

    def _cell_text(self, tc) -> str:
        """The cell's paragraphs and line breaks as one line of Markdown, lines joined by ``<br>``."""
        lines = []
        for p in _XPATH["cell_paragraphs"](tc):
            text = inline_markdown(list(self._segments(p, Paragraph(p, self.document))))
            lines.extend(" ".join(line.split()) for line in text.split("\n"))
        return "<br>".join(filter(None, lines)).replace("|", "\\|")

    def _is_layout(self, tbl, trs) -> bool:
        """Whether the table only places text on the page (the rule is in the module's docstring)."""
        rows = [_XPATH["cells"](tr) for tr in trs]
        if sum(map(len, rows)) == 1:
            return True
        if self._bordered(tbl, trs):
            return False
        filled = [[_has_text(tc) for tc in row] for row in rows if row]
        cells = [cell for row in filled for cell in row]
        return len(filled) == 1 or (max(map(len, filled), default=0) <= 2 and 2 * cells.count(False) >= len(cells))

    def _bordered(self, tbl, trs) -> bool:
        """Whether the table shows a border: its own (else its style's), or any of its cells'."""
        own = visible(_XPATH["table_borders"](tbl))
        if own is None:
            style_id = next(iter(_XPATH["table_style"](tbl)), None)
            if style_id not in self._table_borders:
                style = self.styles.style(style_id, WD_STYLE_TYPE.TABLE)
                self._table_borders[style_id] = style_borders(style, self.styles, self._borders_by_style)
            own = self._table_borders[style_id]
        return own or any(visible(_XPATH["cell_borders"](tc)) for tr in trs for tc in _XPATH["cells"](tr))

    def _layout_text(self, trs) -> str:
        """The cells' content as blocks of its own, row by row, a merged cell once."""
        self._layout_depth += 1
        try:
            cells = (tc for tr in trs for tc in _XPATH["cells"](tr) if tc.vMerge != "continue")
            return "\n\n".join(_blocks(entry for tc in cells for entry in self._walk(tc)))
        finally:
            self._layout_depth -= 1


def _without_empty_contents_heading(blocks: list[str]) -> list[str]:
    """The blocks less a heading "Innhold" that heads nothing: the table of contents under it is left out."""
    kept = []
    for index, block in enumerate(blocks):
        heading = _HEADING_BLOCK.match(block) if isinstance(block, str) else None
        if heading and _CONTENTS_TITLE.match(heading.group(2)):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            next_heading = _HEADING_BLOCK.match(following) if isinstance(following, str) else None
            if following is None or (next_heading and len(next_heading.group(1)) <= len(heading.group(1))):
                continue
        kept.append(block)
    return kept


def _box_caption(box) -> str:
    """The text of the first paragraph of a text box that reads as a caption ("Figur 3: …")."""
    texts = (caption_text(p) for p in box.iterchildren(_W["p"]))
    return next((text for text in texts if CAPTION_TEXT.match(text)), "")


def _has_text(tc) -> bool:
    """Whether a table cell holds any text (deleted text is in w:delText, not w:t)."""
    return any((t.text or "").strip() for t in tc.iter(_W_TEXT))


def _blocks(entries):
    """Markdown blocks of the walk's entries: one list per run of list items, one code block per run
    of code lines."""
    for kind, group in groupby(entries, key=type):
        if kind is ListItem:
            yield render_list(list(group))
        elif kind is CodeLine:
            if code := render_code(list(group)):
                yield code
        else:
            yield from group


def _is_table_of_contents(sdt) -> bool:
    return any(gallery.startswith("Table of Contents") for gallery in _XPATH["gallery"](sdt))


def _is_paragraph_block(entry) -> bool:
    """A block that is one paragraph's text, not a list, a heading or a table."""
    return isinstance(entry, str) and not entry.startswith(("#", "|"))



