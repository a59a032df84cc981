"""Markdown to safe HTML: the one path by which any stored text becomes HTML.

Markdown renders, then bleach keeps only an allowlist of tags, attributes and link protocols.
Typed HTML is text (Markdown escapes it, raw HTML is off), so a citizen who typed ``<b>`` sees ``<b>``.
Links get ``rel="nofollow ugc"`` (comments) or ``rel="nofollow"`` (drafts), and bare URLs become links.

Rendering is bounded, since comments come from anyone: text nested deeper than MAX_NESTING is
refused (MarkupRejected) before the recursive parser sees it, the scans for a link's closing
``]`` and ``)`` share a budget per text (an unclosed ``[`` costs a scan to the end of its block,
so 10,000 of them cost seconds), raw HTML is not looked for, and bare URLs are found without
backtracking through runs of ``(`` or dotted names. Whatever else makes the converter fail is
refused as well, and the converter is rebuilt.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import partial

import bleach
import markdown
from bleach import html5lib_shim
from bleach.linkifier import URL_RE, LinkifyFilter
from flask_babel import lazy_gettext as _l
from markdown import inlinepatterns
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from hoering.draft_images import is_image_attribute
from hoering.draft_notes import is_note_id
from hoering.rejections import Rejected

logger = logging.getLogger(__name__)


class MarkupRejected(Rejected):
    """Text the renderer will not turn into HTML: nested too deep, too many elements for its
    profile, or the converter failed on it. ``reason`` says so in the reader's language."""

    def __init__(self) -> None:
        super().__init__("text", _l("Teksten har for mange nivåer eller tegn som ikke kan vises. "
                                    "Bruk færre nivåer i lister og sitater, og prøv igjen."))


@dataclass(frozen=True)
class Profile:
    tags: frozenset[str]
    extensions: tuple[str, ...]
    rel: str
    max_tags: int | None = None  # more tags than that in Markdown's output are refused, not cleaned
    max_tags_per_character: float | None = None  # the same, in proportion to the text (at least max_tags)
    attributes: tuple[tuple[str, object], ...] = ()  # (tag, bleach's check) beside ATTRIBUTES, per profile

    def tag_limit(self, text: str) -> int | None:
        """How many tags Markdown's output of ``text`` may hold before it is refused (None: no limit)."""
        if self.max_tags_per_character is None:
            return self.max_tags
        return max(self.max_tags or 0, int(len(text) * self.max_tags_per_character))


COMMENT = Profile(
    tags=frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "a"}),
    extensions=("sane_lists",),
    rel="nofollow ugc",
    # A thousand elements: far more than anyone writes by hand in 10,000 characters. The cleaner
    # costs about 20 µs a tag, so 10,000 characters of "- - - - x" (10,000 tags) took 300 ms.
    max_tags=2_000,
)


def _with_note_id(tag: str, name: str, value: str) -> bool:
    """ATTRIBUTES, and the ids hoering.draft_notes gives notes and references (no other id)."""
    return name in ATTRIBUTES.get(tag, ()) or (name == "id" and is_note_id(value))


DRAFT = Profile(
    tags=COMMENT.tags
    | {"blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr", "h3", "h4", "h5", "h6"}
    | {"sup", "aside"}  # notes (hoering.draft_notes)
    | {"img", "figure", "figcaption"},  # stored pictures only (hoering.draft_images)
    extensions=("sane_lists", "tables", "fenced_code", "hoering.lettered_lists", "hoering.draft_tables", "hoering.draft_notes",
                "hoering.draft_images"),
    rel="nofollow",
    # Drafts may be long, but no honest text makes more than a tag per character: a table of short
    # cells makes about one per four, a list about one per two. Ten thousand characters of lists
    # nested 31 deep made 19,000 tags and took 300 ms to clean.
    max_tags=2_000,
    max_tags_per_character=1.0,
    attributes=(("a", _with_note_id), ("p", _with_note_id), ("img", is_image_attribute)),
)

ATTRIBUTES = {"a": ["href", "rel"], "th": ["align", "scope"], "td": ["align"], "ol": ["type", "start", "data-marker"]}
PROTOCOLS = frozenset({"http", "https", "mailto"})

# Lists and quotes inside each other; real documents use a handful. The parser recurses a few
# frames per level and fails near 250 levels, less deep inside a request.
MAX_NESTING = 32
# Python-Markdown rebuilds a paragraph's whole text for every inline match in it, so a paragraph
# costs about (matches x length): 50,000 emphases in 200,000 characters took 4.4 s of copying.
# Counted as (characters that start inline markup) x (length of the paragraph); the limit is about
# a second, and out of reach of a comment (10,000 x 10,000).
MAX_INLINE_WORK = 4_000_000_000
# Characters the link scans may read per character of text (and at least LINK_SCAN_BUDGET), so
# their cost grows with the text, not its square. Real links cost about their own length, read
# once or twice; 10,000 unclosed brackets cost 50 million characters without the budget.
LINK_SCANS_PER_CHARACTER = 20
LINK_SCAN_BUDGET = 200_000

_local = threading.local()
# Characters no person types: control characters (NUL cannot even be stored in PostgreSQL text), lone
# surrogates (a broken encoder's) and Unicode's noncharacters, U+FFFE and U+FFFF among them, which
# XML 1.0 forbids: one of them in a comment would fail every XLSX and DOCX export of its consultation.
_CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)


def clean_text(value):
    """``value`` without control characters, lone surrogates or noncharacters (tab, newline and
    carriage return are kept)."""
    return _CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


def _set_rel(rel: str, attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = rel
    return attrs


def _tools(profile: Profile):
    """One Markdown and one Cleaner per thread and profile: neither is safe to share."""
    cache = getattr(_local, "tools", None)
    if cache is None:
        cache = _local.tools = {}
    if profile not in cache:
        linkify = partial(LinkifyFilter, callbacks=[partial(_set_rel, profile.rel)], skip_tags={"pre", "code"},
                          url_re=_URL_RE)
        cleaner = bleach.Cleaner(
            tags=profile.tags, attributes={**ATTRIBUTES, **dict(profile.attributes)}, protocols=PROTOCOLS, strip=False,
            filters=[linkify],
        )
        cleaner.walker = _TreeWalker
        converter = markdown.Markdown(extensions=[*profile.extensions, _Bounded()])
        cache[profile] = (converter, cleaner)
    return cache[profile]


def render(text: str, profile: Profile = COMMENT) -> str:
    """Render Markdown ``text`` to sanitised HTML for the given profile.

    Raises MarkupRejected for text check_structure refuses, with more tags than the profile's
    ``tag_limit``, or that the converter fails on.
    """
    check_structure(text)
    converter, cleaner = _tools(profile)
    try:
        html = converter.reset().convert(text)
        limit = profile.tag_limit(text)
        if limit is None or html.count("<") <= limit:  # the text's own < is &lt; here
            return cleaner.clean(html)
    except Exception as error:
        # A converter that failed halfway keeps half its state (the next comment came out without
        # its <p>), so it is thrown away and the next render builds a fresh one.
        _local.tools.pop(profile, None)
        logger.warning("Markdown refused after the converter failed: %r", error)
        raise MarkupRejected() from error
    raise MarkupRejected()


def _linear_url_re() -> re.Pattern:
    """bleach's pattern for bare URLs, tried only where a URL can begin.

    Tried at every ``(`` of a run, its leading ``\\(*`` took the rest of the run and backtracked
    (1.2 s for 10,000 of them); tried after every ``-`` of ``a-b.a-b.…`` it walked the rest of
    the dotted name each time (11 s). A URL found inside such a run is found at the run's start
    already, so starting only there (not after ``(``, nor inside a name) finds the same URLs,
    save ``x-http://…``, which becomes a link from its host on.
    """
    start = r"\b(?<![@.])"
    assert start in URL_RE.pattern, "bleach's URL pattern changed: check _linear_url_re"
    return re.compile(r"(?<!\()" + URL_RE.pattern.replace(start, r"\b(?<![\w@.-])", 1), URL_RE.flags)


_URL_RE = _linear_url_re()


class _TreeWalker(html5lib_shim.getTreeWalker("etree")):
    """bleach's walk over the parsed HTML, remembering where each parent sits among its siblings.

    Going back up, bleach's walker looks the parent up with ``list.count`` and ``list.index``
    over all its siblings, so a table of 20,000 rows or a paragraph of 20,000 code spans took
    seconds (quadratic). This is the same walk with the positions kept on the way down.
    """

    def __init__(self, tree) -> None:
        super().__init__(tree)
        self.positions: list[int | None] = []  # beside the walk's stack of parents

    def getFirstChild(self, node):
        element, position, parents, flag = node if isinstance(node, tuple) else (node, None, [], None)
        if flag in ("text", "tail"):
            return None
        if element.text:
            return element, position, parents, "text"
        return self._descend(element, position, parents) if len(element) else None

    def getNextSibling(self, node):
        if not isinstance(node, tuple):
            return None
        element, position, parents, flag = node
        if flag == "text":
            return self._descend(element, position, parents) if len(element) else None
        if element.tail and flag != "tail":
            return element, position, parents, "tail"
        if position < len(parents[-1]) - 1:
            return parents[-1][position + 1], position + 1, parents, None
        return None

    def getParentNode(self, node):
        if not isinstance(node, tuple):
            return None
        element, position, parents, flag = node
        if flag == "text":
            return (element, position, parents, None) if parents else element
        parent, parent_position = parents.pop(), self.positions.pop()
        return (parent, parent_position, parents, None) if parents else parent

    def _descend(self, element, position, parents):
        parents.append(element)
        self.positions.append(position)
        return element[0], 0, parents, None


_INDENT = re.compile(r" *")
_CONTAINER_MARKER = re.compile(r"[ \t]*(>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_RULE_MARKERS = frozenset("-*")


def check_structure(text: str) -> None:
    """Refuse (MarkupRejected) text whose shape alone makes rendering crash or take too long."""
    _check_nesting(text)
    _check_inline_work(text)


def _check_nesting(text: str) -> None:
    """Refuse text whose lists and quotes nest deeper than MAX_NESTING.

    A line opens as many levels as it has markers (``- > 1.``) after its indentation; indentation
    (in steps of 4) counts only as far as the previous line with markers reached, as Python-Markdown
    only nests into lists that exist. So an indented code line, or a page number pasted with a
    hundred spaces before it, is no nesting.
    """
    reached = 0
    for line in text.splitlines():
        indent, markers = _indent_and_markers(line)
        if markers:
            reached = min(indent // 4, reached) + markers
            if reached > MAX_NESTING:
                raise MarkupRejected()


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_INLINE_STARTS = re.compile(r"[*_`\[<&\\]")


def _check_inline_work(text: str) -> None:
    """Refuse a paragraph with more inline markup than its length allows (see MAX_INLINE_WORK).

    Paragraphs are taken as the text between blank lines: a table or list without blank lines
    counts as one, which only overestimates.
    """
    if len(text) ** 2 <= MAX_INLINE_WORK:
        return
    for paragraph in _PARAGRAPH_BREAK.split(text):
        if len(_INLINE_STARTS.findall(paragraph)) * len(paragraph) > MAX_INLINE_WORK:
            raise MarkupRejected()


def _indent_and_markers(line: str) -> tuple[int, int]:
    """The indentation of ``line`` and how many list and quote markers follow it.

    A line of markers and nothing else (``- - - -``) is a horizontal rule: no markers.
    """
    line = line.expandtabs(4)
    indent = len(_INDENT.match(line).group())
    markers, position = [], 0
    while (marker := _CONTAINER_MARKER.match(line, position)) is not None:
        markers.append(marker.group(1))
        position = marker.end()
    if not line[position:].strip() and set(markers) <= _RULE_MARKERS:
        return indent, 0
    return indent, len(markers)


_BRACKETS = re.compile(r"[\[\]]")


class _LinkScans:
    """The link scans of one conversion: a budget of characters to read, and what was learnt.

    A scan for a closing ``]`` passes over the brackets inside it, so it records where each of
    them closes too, or that it never does: ten thousand unclosed ``[`` then cost one scan, not
    ten thousand. What is learnt holds for one text; a link found changes the text.
    """

    def __init__(self) -> None:
        self.remaining = 0
        self.data: str | None = None
        self.closing: dict[int, int] = {}

    def refill(self, characters: int) -> None:
        """A fresh budget for a text of ``characters``, and nothing learnt yet."""
        self.remaining = max(LINK_SCAN_BUDGET, LINK_SCANS_PER_CHARACTER * characters)
        self.data, self.closing = None, {}

    def stop(self, start: int, end: int) -> int:
        """Where a scan from ``start`` must give up: at ``end``, or earlier if the budget is short."""
        return min(end, start + self.remaining)

    def spend(self, characters: int) -> None:
        self.remaining -= characters

    def closing_bracket(self, data: str, start: int) -> int:
        """Where the ``]`` closing the ``[`` just before ``start`` is (brackets nest), or -1."""
        if data is not self.data:
            self.data, self.closing = data, {}
        if start not in self.closing:
            self._scan(data, start, self.stop(start, len(data)))
        return self.closing.get(start, -1)

    def _scan(self, data: str, start: int, stop: int) -> None:
        opened = [start]
        for bracket in _BRACKETS.finditer(data, start, stop):
            if bracket.group() == "[":
                opened.append(bracket.end())
                continue
            self.closing[opened.pop()] = bracket.start()
            if not opened:
                self.spend(bracket.end() - start)
                return
        self.spend(stop - start)
        if stop == len(data):  # a scan cut short by the budget leaves the rest unknown, not unclosed
            self.closing.update(dict.fromkeys(opened, -1))


class _BoundedScans:
    """Python-Markdown's link text and link target scans, within the conversion's budget.

    Text whose scan gives up stays plain text, as an unclosed ``[`` always does.
    """

    scans: _LinkScans

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        end = self.scans.closing_bracket(data, index)
        if end < 0:
            return "", len(data), False
        return data[index:end], end + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        stop = self.scans.stop(index, len(data))
        href, title, end, handled = super().getLink(data[:stop], index)
        self.scans.spend((end if handled else stop) - index)
        return href, title, end, handled


# Every inline processor that scans for a closing bracket, as Python-Markdown registers it.
_LINK_PROCESSORS = (
    ("reference", inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    ("link", inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    ("image_link", inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    ("image_reference", inlinepatterns.ImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 140),
    ("short_reference", inlinepatterns.ShortReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 130),
    ("short_image_ref", inlinepatterns.ShortImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 125),
)
_BOUNDED = {processor: type(f"Bounded{processor.__name__}", (_BoundedScans, processor), {})
            for _, processor, _, _ in _LINK_PROCESSORS}


class _RefillScans(Preprocessor):
    """Gives the link scans their budget for the text being converted; changes nothing."""

    def __init__(self, md: markdown.Markdown, scans: _LinkScans) -> None:
        super().__init__(md)
        self.scans = scans

    def run(self, lines: list[str]) -> list[str]:
        self.scans.refill(sum(map(len, lines)) + len(lines))
        return lines


class _Bounded(Extension):
    """The converter's bounds: link processors sharing one budget, refilled per conversion, and
    no raw HTML.

    Raw HTML would be escaped by the cleaner anyway (and .docx imports escape ``<``), but finding
    it runs the standard library's HTMLParser, which rescans to the end of the text from every
    ``<`` it cannot close: 3,333 lines of ``<a`` took a second. Without it, Markdown escapes ``<``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.scans = _LinkScans()

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_RefillScans(md, self.scans), "hoering_refill_scans", 100)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        for name, processor, pattern, priority in _LINK_PROCESSORS:
            bounded = _BOUNDED[processor](pattern, md)
            bounded.scans = self.scans
            md.inlinePatterns.register(bounded, name, priority)
