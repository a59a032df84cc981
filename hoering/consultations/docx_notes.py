"""The parts beside a Word document's body that the converter reads: footnotes, endnotes, comments.

python-docx has no API for footnotes and endnotes. They are found through the main part's
relationships and parsed with python-docx's own parser, so their paragraphs and runs are the
elements the converter reads in the body (entities are not resolved, nothing is fetched, and nesting
stops at lxml's limit). ``check_package`` has measured every part, bytes and tags, before python-docx
saw the file, so parsing them is bounded like the body. Each part is read once, at the first
reference to it, into a dictionary by note id: a reference is a lookup, not a search.

A note's label is the number the reader saw in Word: footnotes ``1, 2, 3`` and endnotes ``i, ii,
iii`` (Word's defaults), each counted over the whole document in the order the references are read.
Restarting per section, as Word can, would give two notes one label and their ids on the page.
"""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

FOOTNOTE = "footnote"
ENDNOTE = "endnote"
_RELATIONSHIPS = {FOOTNOTE: RT.FOOTNOTES, ENDNOTE: RT.ENDNOTES}
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
MAX_ROMAN = 3999  # past it, an endnote's label is "e4000": still no digits alone, so never a footnote's


class NoteParts:
    """A document's footnotes and endnotes by kind and Word id, read when first asked for."""

    def __init__(self, document_part) -> None:
        self._part = document_part
        self._notes: dict[str, dict[str, object]] = {}
        self._parts: dict[str, object] = {}

    def note(self, kind: str, note_id: str | None):
        """The w:footnote or w:endnote element with this id, or None."""
        if kind not in self._notes:
            self._notes[kind] = self._read(kind)
        return self._notes[kind].get(note_id)

    def part(self, kind: str):
        """The part a kind's notes are in (its relationships name their pictures), once one was read."""
        return self._parts.get(kind)

    def _read(self, kind: str) -> dict[str, object]:
        related = _related_part(self._part, _RELATIONSHIPS[kind])
        notes: dict[str, object] = {}
        if related is not None:
            self._parts[kind] = related
            for note in _element(related).iterchildren(qn(f"w:{kind}")):
                notes.setdefault(note.get(qn("w:id")), note)  # the first with an id, as Word reads it
        return notes


def comment_count(document_part) -> int:
    """How many comments (merknader) the document's comments part holds, replies included."""
    element = _related_element(document_part, RT.COMMENTS)
    return 0 if element is None else sum(1 for _ in element.iterchildren(qn("w:comment")))


def label(kind: str, number: int) -> str:
    """The label of the ``number``-th note of a kind: ``3`` for a footnote, ``iii`` for an endnote."""
    if kind == FOOTNOTE:
        return str(number)
    if number > MAX_ROMAN:
        return f"e{number}"
    numeral = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        numeral.append(letters * count)
    return "".join(numeral)


def _related_element(part, reltype: str):
    """The root element of the part related to ``part`` by ``reltype``, or None if there is none."""
    related = _related_part(part, reltype)
    return None if related is None else _element(related)


def _related_part(part, reltype: str):
    try:
        return part.part_related_by(reltype)
    except KeyError:
        return None


def _element(part):
    element = getattr(part, "element", None)  # a part python-docx parsed itself (comments)
    return element if element is not None else parse_xml(part.blob)
