"""What converting a Word draft kept in another form, changed or left out, counted for the planner.

A footnote with a legal requirement, a figure the text refers to, a tracked deletion: none of it
may vanish without the planner knowing, before the draft is saved. The converter counts what it
met; the page that shows the report words it (in the planner's language), so this is plain data:
a stable code per kind and a count.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

FOOTNOTES = "footnotes"  # kept as notes of their unit
ENDNOTES = "endnotes"  # the same
NOTES_MOVED = "notes_moved"  # of a heading or a table cell: shown after the heading or the table
TEXT_BOXES = "text_boxes"  # read as paragraphs after the paragraph they are anchored in
IMAGES = "images"  # kept as pictures (docx_images), with their alternative text and caption
IMAGES_WITHOUT_TEXT = "images_without_text"  # kept, but with neither alternative text nor caption
IMAGE_PLACEHOLDERS = "image_placeholders"  # a format browsers cannot show, a chart, or in a heading
IMAGES_OVER_LIMIT = "images_over_limit"  # past what one upload may carry: a placeholder
INSERTIONS = "insertions"  # tracked insertions, kept as if accepted
DELETIONS = "deletions"  # tracked deletions, dropped as if accepted
MOVES = "moves"  # tracked moves: the text is kept where it was moved to
COMMENTS = "comments"  # Word's comments (merknader): left out
HIDDEN_TEXT = "hidden_text"  # paragraphs or tables with hidden text: that text is left out
EQUATIONS = "equations"  # left out
TABLES_OF_CONTENTS = "tables_of_contents"  # left out: the draft has its own

# The order a planner reads them in: what is kept first, then what was changed, then what is gone.
CODES = (
    FOOTNOTES, ENDNOTES, NOTES_MOVED, TEXT_BOXES, IMAGES, IMAGES_WITHOUT_TEXT, IMAGE_PLACEHOLDERS,
    IMAGES_OVER_LIMIT, INSERTIONS, DELETIONS, MOVES, COMMENTS, HIDDEN_TEXT, EQUATIONS, TABLES_OF_CONTENTS,
)


@dataclass(frozen=True)
class Notice:
    """One kind of thing the conversion kept differently, changed or left out, and how many."""

    code: str
    count: int


@dataclass(frozen=True)
class ConvertedImage:
    """A picture's bytes, named by their SHA-256 (hex), which the Markdown refers to."""

    sha256: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ConvertedDraft:
    """A Word draft as Markdown, what the planner should know about how it got there, and the
    pictures its Markdown refers to (one each, however often it is shown)."""

    markdown: str
    notices: tuple[Notice, ...] = ()
    images: tuple[ConvertedImage, ...] = ()


class Tally:
    """Counts by code while a document is converted."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def add(self, code: str, count: int = 1) -> None:
        self._counts[code] += count

    def notices(self) -> tuple[Notice, ...]:
        return tuple(Notice(code, self._counts[code]) for code in CODES if self._counts[code] > 0)
