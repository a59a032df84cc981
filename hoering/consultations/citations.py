"""Citable labels: the names people use for a unit of a draft when they write about it.

A law is cited "§ 12-3 andre ledd", a report "punkt 5.2.1", and those are the numbers a reader sees
in the document itself. So where a draft numbers its own headings, a unit's label is the
document's:

* A heading that begins with its own number keeps it: ``§ 12-3``, ``Kapittel 12``, ``Del 2``,
  ``Artikkel 5``, ``Vedlegg 1``, or a plain ``5.2.1`` (Word's automatic numbers are written into
  the heading's text when a Word file is imported). An unnumbered heading in such a document is
  named by its title ("Sammendrag").
* Under a § (or an article) each block of text is a *ledd*: "§ 12-3 første ledd", or "§ 12-3 (1)"
  where the text numbers its ledd itself. A list that follows a ledd belongs to it, as in Lovdata:
  "§ 12-3 andre ledd nr. 1–4", "§ 12-3 andre ledd bokstav a–c".
* Under any other heading each block is an *avsnitt*: "5.2.1 andre avsnitt".

Where a document has no numbers of its own, the label is the unit's number from drafting, as before.

Each label also gives the *marker* shown beside the unit (the part after its heading's label:
"andre ledd"), and, for a § and its ledd, a chapter, part or article, the word the unit's anchor is
made from ("paragraf-12-3-andre-ledd"). Headings with a plain number and paragraphs elsewhere keep
anchors made from their text, which do not move when a paragraph is added above them.

Plain Python: text in, labels out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Ordinals as Lovdata and the nynorsk laws write them; past the list, "21. ledd".
_ORDINALS = {
    "nb": ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende", "niende", "tiende",
           "ellevte", "tolvte", "trettende", "fjortende", "femtende", "sekstende", "syttende", "attende",
           "nittende", "tjuende"),
    "nn": ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuande", "åttande", "niande", "tiande",
           "ellevte", "tolvte", "trettande", "fjortande", "femtande", "sekstande", "syttande", "attande",
           "nittande", "tjuande"),
    "en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
           "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
           "eighteenth", "nineteenth", "twentieth"),
}
_WORDS = {
    "nb": {"ledd": "ledd", "avsnitt": "avsnitt", "numbered": "nr.", "bullets": "strekpunkt", "letters": "bokstav"},
    "nn": {"ledd": "ledd", "avsnitt": "avsnitt", "numbered": "nr.", "bullets": "strekpunkt", "letters": "bokstav"},
    "en": {"ledd": "paragraph", "avsnitt": "paragraph", "numbered": "no.", "bullets": "item", "letters": "letter"},
}

_SECTION_SIGN = re.compile(r"^§\s*(\d{1,4}(?:\s?[a-zA-Z](?![\wæøåÆØÅ]))?(?:\s*-\s*\d{1,4}(?:\s?[a-zA-Z](?![\wæøåÆØÅ]))?)?)")
_DIVISION = re.compile(
    r"^(Kapittel|Kap\.|Chapter|Del|Part|Artikkel|Art\.|Article|Vedlegg|Appendix)\s+(\d{1,4}[A-Za-z]?|[IVXLC]{1,7}|[A-Z])"
    r"(?=[\s.:)–-]|$)"
)
_EXPANDED = {"Kap.": "Kapittel", "Art.": "Artikkel"}
_ARTICLE_WORDS = frozenset({"Artikkel", "Article"})  # divided into ledd, like a §
_PLAIN_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,6})(\.?)(?:\s+|$)(?=(\S?))")
_NUMBERED_LEDD = re.compile(r"^\(\s*(\d{1,3}\s?[a-z]?)\s*\)\s")
_LIST_ITEM = re.compile(r"^ {0,3}(?:([-*+])|(\d{1,9})[.)])(?:[ \t]|$)", re.MULTILINE)
# Lettered lines (hoering.lettered_lists): a block that begins with "a)" or "a." is a lettered list.
_LETTERED_ITEM = re.compile(r"^[ \t]{0,3}([a-zæøå])([.)])[ \t]+\S", re.MULTILINE)
_SPACES = re.compile(r"\s+")
MAX_TITLE_LABEL = 60


@dataclass(frozen=True)
class Citation:
    label: str
    marker: str  # shown beside the unit: the label less its heading's ("andre ledd"); "" where the text shows it
    anchor_words: str | None  # what the anchor is made of, or None for an anchor from the text


class Citable:
    """How a unit is cited and shown: a stored unit, or one in the planner's preview. Both have a
    ``number``, ``label``, ``marker`` and ``kind``."""

    @property
    def citation(self) -> str:
        """The label a reader cites the unit by: the document's own, else its number (units split
        before labels have none)."""
        return self.label or self.number

    @property
    def names_itself(self) -> bool:
        """A heading whose text is its label ("§ 12-3 Detaljregulering"): cited by its text."""
        return self.kind == "heading" and bool(self.label) and not self.marker

    @property
    def headline(self) -> str:
        """A heading as a path of headings names it: "§ 12-3 Detaljregulering", "2 Bakgrunn"."""
        return self.text if self.names_itself else f"{self.citation} {self.text}".strip()

    @property
    def gutter(self) -> str:
        """What is shown beside the unit: its number, or its place under its heading ("andre ledd")."""
        return self.marker if self.label else self.number


def has_own_label(unit) -> bool:
    """Whether a unit is cited by the document's own label rather than our number."""
    return bool(unit.label) and unit.label != unit.number


def numbers_itself(units) -> bool:
    """Whether a draft's units are cited by the document's own numbers rather than ours."""
    return any(map(has_own_label, units))


@dataclass(frozen=True)
class OwnLabel:
    """A heading's own number: its label, and whether its anchor is made from the label."""

    label: str
    names_anchor: bool
    divides_into_ledd: bool


def heading_label(title: str) -> OwnLabel | None:
    """The number a heading gives itself ("§ 12-3 Detaljregulering" → "§ 12-3"), or None."""
    title = title.strip()
    if match := _SECTION_SIGN.match(title):
        return OwnLabel("§ " + _SPACES.sub(" ", match.group(1).replace(" -", "-").replace("- ", "-")), True, True)
    if match := _DIVISION.match(title):
        word = _EXPANDED.get(match.group(1), match.group(1))
        return OwnLabel(f"{word} {match.group(2)}", True, word in _ARTICLE_WORDS)
    if match := _PLAIN_NUMBER.match(title):
        number, dot, following = match.groups()
        # "12 tiltak for bedre helse" is a title that begins with a count, not a numbered heading.
        if "." in number or dot or not following or following[0].isupper() or not following[0].isalpha():
            return OwnLabel(number, False, False)
    return None


@dataclass(frozen=True)
class Block:
    """What the labels are made from: a unit as drafting numbered it."""

    number: str
    is_heading: bool
    depth: int  # a heading's depth in the tree, or the depth of the section a paragraph is in
    text: str
    is_list: bool = False


class _Section:
    def __init__(self, label: str, own: OwnLabel | None) -> None:
        self.label = label
        self.own = own
        self.blocks = 0
        self.last_ledd: str | None = None  # the marker of the last ledd, which a list continues


def cite(blocks: list[Block], language: str = "nb") -> list[Citation]:
    """The citation of each block, in order."""
    own = [heading_label(block.text) if block.is_heading else None for block in blocks]
    if not any(own):
        return [Citation(block.number, block.number, None) for block in blocks]
    words = _WORDS.get(language, _WORDS["nb"])
    ordinals = _ORDINALS.get(language, _ORDINALS["nb"])
    sections: dict[int, _Section] = {}
    citations = []
    for block, label in zip(blocks, own):
        if block.is_heading:
            for depth in [depth for depth in sections if depth >= block.depth]:
                del sections[depth]
            sections[block.depth] = _Section(label.label if label else _title_label(block.text), label)
            citations.append(Citation(sections[block.depth].label, "", label.label if label and label.names_anchor else None))
            continue
        section = sections.get(block.depth)
        if section is None:  # the introduction, before the first heading
            citations.append(Citation(block.number, block.number, None))
        elif section.own is not None and section.own.divides_into_ledd:
            part = _ledd_part(section, block, words, ordinals)
            # A ledd whose text begins with its number, "(2) …", needs no marker beside it.
            marker = "" if _NUMBERED_LEDD.match(block.text) else part
            citations.append(Citation(f"{section.label} {part}", marker, f"{section.label} {part}"))
        else:
            section.blocks += 1
            marker = f"{_ordinal(section.blocks, ordinals)} {words['avsnitt']}"
            separator = " " if section.own is not None else ", "
            citations.append(Citation(f"{section.label}{separator}{marker}", marker, None))
    return citations


def _ledd_part(section: _Section, block: Block, words: dict, ordinals: tuple) -> str:
    """"andre ledd", "(2)", or for a list after a ledd that ledd's "andre ledd nr. 1–4"."""
    lettered = _LETTERED_ITEM.match(block.text)
    if (block.is_list or (lettered and lettered.group(1) == "a")) and section.last_ledd is not None:
        items = _list_items(block.text, words) if block.is_list else _lettered_items(block.text, words)
        return f"{section.last_ledd} {items}"
    section.blocks += 1
    numbered = _NUMBERED_LEDD.match(block.text)
    marker = f"({_SPACES.sub(' ', numbered.group(1))})" if numbered else f"{_ordinal(section.blocks, ordinals)} {words['ledd']}"
    section.last_ledd = None if block.is_list else marker
    return marker


def _list_items(text: str, words: dict) -> str:
    """"nr. 1–4" for a numbered list, "strekpunkt 1–3" for bullets: the items a list holds."""
    items = _LIST_ITEM.findall(text)
    numbered = bool(items and items[0][1])
    first = int(items[0][1]) if numbered else 1
    last = first + max(len(items), 1) - 1
    span = str(first) if first == last else f"{first}–{last}"
    return f"{words['numbered' if numbered else 'bullets']} {span}"


def _lettered_items(text: str, words: dict) -> str:
    """"bokstav a–c" for a block of lettered lines."""
    letters = [match.group(1) for match in _LETTERED_ITEM.finditer(text)]
    span = letters[0] if len(letters) == 1 else f"{letters[0]}–{letters[-1]}"
    return f"{words['letters']} {span}"


def _ordinal(position: int, ordinals: tuple) -> str:
    return ordinals[position - 1] if position <= len(ordinals) else f"{position}."


def _title_label(title: str) -> str:
    """An unnumbered heading in a numbered document is cited by its title, shortened at a word."""
    title = _SPACES.sub(" ", title).strip()
    if len(title) <= MAX_TITLE_LABEL:
        return title
    return title[:MAX_TITLE_LABEL].rsplit(" ", 1)[0] + " …"

