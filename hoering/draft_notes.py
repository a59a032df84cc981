"""A Markdown extension for drafts: numbered notes that stay with the paragraph they belong to.

    Tiltaket krever konsekvensutredning.[^3]
    [^3]: Forskrift om konsekvensutredninger § 6.

A footnote in a Word draft often carries a legal requirement; leaving it out changed what the draft
says. A draft is split into units, one per block, each rendered on its own but all shown on one page.
So a note is written inside the block of the paragraph it belongs to and shown at the end of that
unit, and its label is the number the reader saw in Word (``3``; ``ii`` for an endnote), not a count
that restarts in every unit. The label makes the ids, ``note:3`` for the note and ``note-ref:3`` for
the reference, unique on the page as long as the labels are; the colon keeps them apart from unit
anchors, which are slugs.

A definition is one line, anywhere in its block and at any indentation, so that the note of a list
item or a table cell can follow it. A reference whose note is not in its unit stays text; a note
without a reference in its unit (a heading's, whose text is shown as plain text) has no link back.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

LABEL = r"[0-9a-z]{1,16}"
_DEFINITION = re.compile(rf"^[ \t]*\[\^({LABEL})\]:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_REFERENCE = rf"\[\^({LABEL})\]"
_NOTE_ID = re.compile(rf"note(?:-ref)?:{LABEL}")
_LABEL_KEY = "data-note"
_REFERENCE_KEY = "data-note-ref"


def reference(label: str) -> str:
    """The Markdown of a reference to note ``label``."""
    return f"[^{label}]"


def definition(label: str, text: str) -> str:
    """The Markdown line of note ``label``; ``text`` is inline Markdown on one line."""
    return f"[^{label}]: {text}".rstrip()


def is_note_id(value: str) -> bool:
    """Whether ``value`` is an id this extension gives a note or a reference (for the sanitiser)."""
    return _NOTE_ID.fullmatch(value) is not None


class _Definitions(BlockProcessor):
    """Takes the note lines out of a block, whatever kind of block it is, before anything reads it."""

    def __init__(self, parser, notes: dict[str, str]) -> None:
        super().__init__(parser)
        self.notes = notes

    def test(self, parent, block: str) -> bool:
        return _DEFINITION.search(block) is not None

    def run(self, parent, blocks: list[str]) -> None:
        kept = []
        for line in blocks.pop(0).split("\n"):
            if found := _DEFINITION.match(line):
                self.notes.setdefault(found.group(1), found.group(2))
            else:
                kept.append(line)
        rest = "\n".join(kept)
        if rest.strip():
            blocks.insert(0, rest)


class _References(InlineProcessor):
    def __init__(self, pattern: str, md, notes: dict[str, str]) -> None:
        super().__init__(pattern, md)
        self.notes = notes

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's name for it)
        label = m.group(1)
        if label not in self.notes:
            return None, None, None
        sup = etree.Element("sup")
        link = etree.SubElement(sup, "a", {"href": f"#note:{label}", _REFERENCE_KEY: label})
        link.text = AtomicString(label)
        return sup, m.start(0), m.end(0)


class _NoteList(Treeprocessor):
    """Puts the unit's notes at its end, before inline markup is read, so notes keep theirs."""

    def __init__(self, md, notes: dict[str, str]) -> None:
        super().__init__(md)
        self.notes = notes

    def run(self, root) -> None:
        if not self.notes:
            return
        aside = etree.SubElement(root, "aside")
        for label, text in self.notes.items():
            etree.SubElement(aside, "p", {_LABEL_KEY: label}).text = text


class _Links(Treeprocessor):
    """Once references are links: ids on the first reference to each note, and links back to them."""

    def run(self, root) -> None:
        referenced = set()
        for element in root:
            if element.tag == "aside":
                continue
            for link in element.iter("a"):
                label = link.attrib.pop(_REFERENCE_KEY, None)
                if label is not None and label not in referenced:
                    link.set("id", f"note-ref:{label}")
                    referenced.add(label)
        for aside in root.iter("aside"):
            for note in aside.iter("p"):
                label = note.attrib.pop(_LABEL_KEY, None)
                if label is not None:
                    _number(note, label, label in referenced)


def _number(note, label: str, linked: bool) -> None:
    note.set("id", f"note:{label}")
    if not linked:
        note.text = f"{label} {note.text or ''}"
        return
    back = etree.Element("a", {"href": f"#note-ref:{label}"})
    back.text, back.tail, note.text = label, f" {note.text or ''}", None
    note.insert(0, back)


class DraftNotesExtension(Extension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.notes: dict[str, str] = {}

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's name for it)
        md.registerExtension(self)
        # Before every other block processor (the empty-block one is 100), so no list, table or
        # reference definition takes a note's line for its own.
        md.parser.blockprocessors.register(_Definitions(md.parser, self.notes), "hoering_note_lines", 99)
        md.inlinePatterns.register(_References(_REFERENCE, md, self.notes), "hoering_note_reference", 175)
        md.treeprocessors.register(_NoteList(md, self.notes), "hoering_note_list", 50)  # before "inline"
        md.treeprocessors.register(_Links(md), "hoering_note_links", 5)  # after it

    def reset(self) -> None:
        self.notes.clear()


def makeExtension(**kwargs) -> DraftNotesExtension:  # noqa: N802 (Markdown's name for it)
    return DraftNotesExtension(**kwargs)
