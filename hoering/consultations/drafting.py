"""Split a Markdown draft into numbered, anchored units that citizens can cite and comment on.

Numbering, so that a reader can cite any unit aloud ("punkt 2.3.1"):

* Headings open sections. Top-level sections are numbered ``1``, ``2``, ``3`` … in order; a heading
  of a deeper level opens a subsection of the nearest shallower heading above it.
* Every block below a heading (paragraph, list, block quote, table, code) is a unit numbered within
  its section, and it shares one counter with the subsections there: under section ``2`` the
  paragraphs and subheadings are ``2.1``, ``2.2``, ``2.3`` … in document order, and the paragraphs of
  subsection ``2.3`` are ``2.3.1``, ``2.3.2`` … So every number is unique and says where it sits.
* Text before the first heading belongs to an introduction numbered ``0``: ``0.1``, ``0.2`` …
* A skipped heading level (``#`` then ``###``) nests one step, not two.

Anchors are URL-safe words taken from the unit (a heading's title, a paragraph's first words),
made unique within the draft with ``-2``, ``-3`` … They depend only on the text and on the order of
identical candidates, so splitting the same draft again gives the same anchors, and a revised draft
keeps the anchor of every unchanged paragraph. Anchors are stored, never recomputed for display.

Labels (consultations.citations) are the names a reader cites a unit by: the document's own
numbers where it has them ("§ 12-3 andre ledd"), else the number above. Under the second anchor
rule (``LABEL_ANCHORS``) a § and its ledd, a chapter, part or article are anchored by their label
(``paragraf-12-3-andre-ledd``), and "§" reads as "paragraf" in every anchor. A consultation keeps
the rule it was first split with, so that a revised draft of one already published keeps its
anchors: public links and comments point at them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from slugify import slugify

from hoering.consultations.citations import Block, Citable, cite
from hoering.consultations.front_matter import split_front_matter

HEADING = "heading"
PARAGRAPH = "paragraph"

TEXT_ANCHORS = 1  # the first rule: every anchor from the unit's first words, "§" read as "ss"
LABEL_ANCHORS = 2  # the rule for new consultations: a § and its ledd by their label, "§" as "paragraf"

ANCHOR_WORDS = 6
ANCHOR_MAX_LENGTH = 48

# Path segments that live beside unit anchors under /hoeringer/<slug>/; a unit never takes them.
RESERVED_ANCHORS = frozenset(
    {"hele-dokumentet", "kommentarer", "oppsummering", "analyse", "punkt", "api", "rediger", "eksport", "endringer",
     "versjoner", "folg"}
)

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}((\*[ \t]*){3,}|(-[ \t]*){3,}|(_[ \t]*){3,})$")
_LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d{1,9}[.)])([ \t]+|$)")
_BLOCK_QUOTE = re.compile(r"^ {0,3}>")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^( {2,}|\t)")
_CODE_INDENT = re.compile(r"^( {4}|\t)")

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"\b\w+://\S+")
_MARKUP = re.compile(r"<[^>]*>|[*_`#>|\\~]+")
_SECTION_SIGN = re.compile(r"§+")
_LIST_MARKER = re.compile(r"^\s*(\d{1,9}[.)]|[-+])\s+", re.MULTILINE)


@dataclass(frozen=True)
class DraftUnit(Citable):
    """One citable unit of a draft: a heading or a block of text below one."""

    position: int
    number: str
    anchor: str
    kind: str
    level: int
    text: str
    label: str = ""
    marker: str = ""


@dataclass
class _Block:
    kind: str  # "heading", "paragraph", "list", "quote", "code" (fenced), "indented" (code)
    lines: list[str]
    level: int = 0
    fence: str = ""

    @property
    def source(self) -> str:
        return "\n".join(self.lines).strip("\n")


def split_markdown(text: str, language: str = "nb", anchor_rule: int = LABEL_ANCHORS) -> list[DraftUnit]:
    """Return the units of a Markdown draft in document order, numbered, labelled and anchored.

    ``language`` is the draft's, for its labels ("andre ledd"). YAML front matter at the top is
    metadata (consultations.front_matter), not a unit.
    """
    _metadata, text = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = _number_blocks(_scan_blocks(text))
    return _assign_anchors(blocks, cite(blocks, language), anchor_rule)


def _scan_blocks(text: str) -> list[_Block]:
    """Group the lines of a document into top-level blocks, in one pass."""
    blocks: list[_Block] = []
    current: _Block | None = None
    blank_pending = False

    def close() -> None:
        nonlocal current
        if current is not None and current.source.strip():
            blocks.append(current)
        current = None

    for line in text.split("\n"):
        if current is not None and current.kind == "code":
            current.lines.append(line)
            if line.strip().startswith(current.fence) and len(current.lines) > 1 and not line.strip().strip(current.fence[0]):
                close()
            continue

        if not line.strip():
            if current is not None and current.kind in ("paragraph", "quote"):
                close()
            blank_pending = current is not None
            if current is not None:
                current.lines.append("")
            continue

        if current is not None and current.kind == "list" and blank_pending:
            if not (_INDENTED.match(line) or _LIST_ITEM.match(line)):
                close()
        blank_pending = False

        # Indented code runs on through blank lines, until a line indented less; it starts only
        # where no paragraph or list would take the indented line as its continuation.
        if current is not None and current.kind == "indented" and not _CODE_INDENT.match(line):
            close()
        if current is None and _CODE_INDENT.match(line):
            current = _Block("indented", [])
        if current is not None and current.kind == "indented":
            current.lines.append(line)
            continue

        heading = _ATX_HEADING.match(line)
        if heading:
            close()
            blocks.append(_Block(HEADING, [(heading.group(2) or "").strip()], level=len(heading.group(1))))
            continue

        underline = _SETEXT_UNDERLINE.match(line)
        if underline and current is not None and current.kind == "paragraph":
            title = " ".join(part.strip() for part in current.lines)
            current = None
            blocks.append(_Block(HEADING, [title], level=1 if underline.group(1)[0] == "=" else 2))
            continue

        if _THEMATIC_BREAK.match(line):
            close()
            continue

        fence = _FENCE.match(line)
        if fence:
            close()
            current = _Block("code", [line], fence=fence.group(1))
            continue

        if current is not None and current.kind == "list" and (_LIST_ITEM.match(line) or _INDENTED.match(line)):
            current.lines.append(line)
            continue

        if _LIST_ITEM.match(line):
            close()
            current = _Block("list", [line])
            continue

        if _BLOCK_QUOTE.match(line) and (current is None or current.kind != "quote"):
            close()
            current = _Block("quote", [line])
            continue

        if current is None:
            current = _Block("paragraph", [line])
        else:
            current.lines.append(line)  # continuation, lazy or not

    close()
    return blocks


class _Section:
    __slots__ = ("level", "number", "children")

    def __init__(self, level: int, number: str) -> None:
        self.level = level
        self.number = number
        self.children = 0

    def next_number(self) -> str:
        self.children += 1
        return f"{self.number}.{self.children}" if self.number else str(self.children)


def _number_blocks(blocks: list[_Block]) -> list[Block]:
    """Give each block its citable number, and its depth in the tree of headings."""
    root = _Section(0, "")
    introduction = _Section(0, "0")
    stack: list[_Section] = []
    numbered = []
    for block in blocks:
        if block.kind == HEADING:
            while stack and stack[-1].level >= block.level:
                stack.pop()
            parent = stack[-1] if stack else root
            section = _Section(block.level, parent.next_number())
            stack.append(section)
            numbered.append(Block(section.number, True, len(stack), block.lines[0]))
        else:
            parent = stack[-1] if stack else introduction
            numbered.append(Block(parent.next_number(), False, len(stack), block.source, block.kind == "list"))
    return numbered


def _assign_anchors(blocks: list[Block], citations, anchor_rule: int) -> list[DraftUnit]:
    anchors = AnchorRegistry(RESERVED_ANCHORS)
    units = []
    for position, (block, citation) in enumerate(zip(blocks, citations)):
        if anchor_rule == TEXT_ANCHORS:
            candidate = legacy_anchor_candidate(block.text, block.number)
        else:
            candidate = anchor_candidate(citation.anchor_words or block.text, block.number)
        units.append(DraftUnit(position, block.number, anchors.claim(candidate), HEADING if block.is_heading else PARAGRAPH,
                               block.depth, block.text, citation.label, citation.marker))
    return units


def anchor_candidate(text: str, number: str) -> str:
    """The natural anchor of a unit: its first words as a slug ("§" read "paragraf"), or its number."""
    return legacy_anchor_candidate(_SECTION_SIGN.sub(" paragraf ", text[:600]), number)


def legacy_anchor_candidate(text: str, number: str) -> str:
    """The first rule's anchor (``TEXT_ANCHORS``): the first words as a slug, or the number."""
    words = plain_words(text)[:ANCHOR_WORDS]
    # The text-unidecode backend, named: "auto" tries to import unidecode for every non-ASCII text.
    candidate = slugify(" ".join(words), max_length=ANCHOR_MAX_LENGTH, word_boundary=True, backend="text-unidecode")
    if not candidate or candidate.isdigit():
        candidate = "punkt-" + number.replace(".", "-")
    return candidate


class AnchorRegistry:
    """Hands out anchors unique within one draft, suffixing repeats with ``-2``, ``-3`` …

    Remembers the next free suffix per candidate, so a draft where hundreds of paragraphs start
    with the same words is still anchored in linear time.
    """

    def __init__(self, taken=()) -> None:
        self._taken = set(taken)
        self._next_suffix: dict[str, int] = {}

    def claim(self, candidate: str) -> str:
        anchor = candidate
        suffix = self._next_suffix.get(candidate, 1)
        while anchor in self._taken:
            suffix += 1
            anchor = f"{candidate}-{suffix}"
        self._next_suffix[candidate] = suffix
        self._taken.add(anchor)
        return anchor


def plain_words(text: str) -> list[str]:
    """The words a reader sees in a Markdown snippet, without link targets or markup."""
    text = _LINK.sub(r" \1 ", text[:600])
    text = _URL.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    text = _LIST_MARKER.sub(" ", text)
    return text.split()
