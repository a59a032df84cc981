"""How the Word converter's pieces are written as Markdown: formatted text, escaping, and lists.

``docx_import`` reads a Word document into segments of formatted text and list items; this module
writes them so that Markdown shows exactly what the planner wrote: anything Markdown or HTML would
read as markup is escaped, emphasis and links are put around the right stretches, and a list's
levels deepen one step at a time. Code is the exception: a fenced block shows its text as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import groupby

from hoering.lettered_lists import parse_marker, typed_sequence

_INLINE_SPECIAL = re.compile(r"([\\`*\[\]])")
_LONE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # an underscore not between letters
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_BLOCK_START = re.compile(r"^(?:[#>]|[-+](?=[\s-]|$)|=+\s*$|~~~)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_NOT_ESCAPABLE = {"=": "&#61;", "~": "&#126;"}  # Python-Markdown ignores a backslash before these
_BACKTICKS = re.compile(r"`+")
_LEADING_SPACE = re.compile(r"^[ \t\xa0]+")
_DECIMAL_MARKER = re.compile(r"^(?:0|[1-9]\d{0,8})\.$")  # "08." is no number Markdown keeps
_ESCAPABLE_MARKER = re.compile(r"[.()\[\]]")


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph's text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None
    markup: bool = False  # Markdown already, written as it is (a note reference)


@dataclass(frozen=True)
class ListItem:
    """A list paragraph: its depth, numbered or bulleted, its text as Markdown lines, and the number
    Word shows before it ("3.", "b)", "[2]"; None for a bullet, or when Word's is not known)."""

    level: int
    ordered: bool
    lines: list[str]
    marker: str | None = None


@dataclass(frozen=True)
class CodeLine:
    """A paragraph of code: its text as written, one line per line break, tabs kept."""

    lines: list[str]


def _escape(text: str) -> str:
    """Escape inline Markdown and HTML so that the text reads as written."""
    text = _LONE_UNDERSCORE.sub(r"\\_", _INLINE_SPECIAL.sub(r"\\\1", text))
    return _TAG_START.sub("&lt;", text)


def image(alt: str, source: str) -> str:
    """A picture as Markdown: its alternative text escaped as any text is, on one line."""
    return f"![{_escape(' '.join(alt.split()))}]({source})"


def escape_line_start(line: str) -> str:
    """Keep a line from opening a heading, quote, list, rule, setext underline or fence."""
    if not _BLOCK_START.match(line):
        return _ORDERED_START.sub(r"\1\\\2", line, count=1)
    return _NOT_ESCAPABLE[line[0]] + line[1:] if line[0] in _NOT_ESCAPABLE else "\\" + line


def inline_markdown(segments: list[Segment]) -> str:
    """Render segments as inline Markdown: links around emphasis, bold around italic."""
    parts = []
    for url, linked in groupby(_merge(segments), key=lambda s: s.url):
        text = "".join(
            _wrap("".join(_wrap(s.text if s.markup else _escape(s.text), "*" if s.italic else "") for s in group),
                  "**" if bold else "")
            for bold, group in groupby(linked, key=lambda s: s.bold)
        )
        parts.append(_wrap(text, "[", f"]({url})") if url else text)
    return "".join(parts)


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join runs of equal formatting, then give the whitespace at their edges no formatting."""
    split = []
    for segment in _join(segments):
        core = segment.text.strip()
        start = segment.text.index(core) if core else len(segment.text)
        split.append(Segment(segment.text[:start], url=segment.url))
        split.append(replace(segment, text=core))
        split.append(Segment(segment.text[start + len(core):], url=segment.url))
    return _join(segment for segment in split if segment.text)


def _join(segments) -> list[Segment]:
    joined: list[Segment] = []
    for segment in segments:
        if joined and _format(joined[-1]) == _format(segment):
            joined[-1] = replace(segment, text=joined[-1].text + segment.text)
        else:
            joined.append(segment)
    return joined


def _format(segment: Segment) -> tuple:
    return segment.bold, segment.italic, segment.url, segment.markup


def _wrap(text: str, left: str, right: str | None = None) -> str:
    """Put markers around the text, leaving the whitespace around it outside them."""
    core = text.strip()
    if not left or not core:
        return text
    start = text.index(core)
    return f"{text[:start]}{left}{core}{left if right is None else right}{text[start + len(core):]}"


def render_list(items: list[ListItem]) -> str:
    """One Markdown list; a level deepens by one step at most, as Markdown needs.

    Each run of items at one level is written so that the reader sees Word's markers: "3." "4." as
    a Markdown list (which starts where its first number says), "b)" "c)" or "iv." "v." as the
    draft's marker lists read them, other markers ("[1]", "1.2", a restart within the run) escaped,
    which those lists show as written. A marker they cannot read at all ("Kapittel 1") is plain
    text ending in a hard break.
    """
    levels = _levels(items)
    markers: list[tuple[str, bool]] = [("", False)] * len(items)
    for run in _runs(items, levels):
        for index, marker in zip(run, _run_markers([items[i] for i in run])):
            markers[index] = marker
    lines: list[str] = []
    kinds: dict[int, bool] = {}
    for item, level, (marker, hard_break) in zip(items, levels, markers):
        if kinds.get(level, item.ordered) != item.ordered:
            lines.append("")  # a list of the other kind starts here
        kinds = {k: v for k, v in kinds.items() if k < level} | {level: item.ordered}
        indent = "    " * level
        text = f"  \n{indent}    ".join([f"{indent}{marker} {item.lines[0]}", *item.lines[1:]])
        lines.append(text + ("  " if hard_break else ""))
    return "\n".join(lines)


def render_code(paragraphs: list[CodeLine]) -> str:
    """One fenced code block of the paragraphs' lines, unescaped, indentation kept (a tab is 4 columns).

    The fence is longer than any run of backticks in the code, so no line of it can close the block.
    Blank lines at either end are left out; code of blank lines only is no block ("").
    """
    code = "\n".join(_code_line(line) for paragraph in paragraphs for line in paragraph.lines).strip("\n")
    if not code:
        return ""
    fence = "`" * max(3, 1 + max(map(len, _BACKTICKS.findall(code)), default=0))
    return f"{fence}\n{code}\n{fence}"


def _code_line(line: str) -> str:
    indent = _LEADING_SPACE.match(line)
    if indent:
        line = indent.group().replace("\xa0", " ") + line[indent.end():]
    return line.expandtabs(4).rstrip()


def _levels(items: list[ListItem]) -> list[int]:
    """Each item's depth: one deeper than the nearest shallower item before it, else as that one."""
    levels: list[int] = []
    open_levels: list[int] = []  # the Word levels of the depths open so far
    for item in items:
        while open_levels and open_levels[-1] > item.level:
            open_levels.pop()
        if not open_levels or open_levels[-1] < item.level:
            open_levels.append(item.level)
        levels.append(len(open_levels) - 1)
    return levels


def _runs(items: list[ListItem], levels: list[int]) -> list[list[int]]:
    """The items' indexes by run: items of one kind at one level, not parted by a shallower item."""
    runs: list[list[int]] = []
    current: dict[int, list[int]] = {}
    for index, (item, level) in enumerate(zip(items, levels)):
        current = {k: run for k, run in current.items() if k <= level}
        run = current.get(level)
        if run is None or items[run[-1]].ordered != item.ordered:
            run = current[level] = []
            runs.append(run)
        run.append(index)
    return runs


def _run_markers(run: list[ListItem]) -> list[tuple[str, bool]]:
    """How a run's markers are written, and whether each item ends in a hard break."""
    words = [item.marker for item in run]
    if not run[0].ordered:
        return [("-", False)] * len(run)
    if None in words:
        return [("1.", False)] * len(run)  # Markdown numbers them 1, 2, 3
    if _counting_decimals(words) or typed_sequence(words):
        return [(word, False) for word in words]
    escaped = [_ESCAPABLE_MARKER.sub(r"\\\g<0>", word) for word in words]
    if all(map(parse_marker, escaped)):
        return [(word, False) for word in escaped]
    return [(escape_line_start(_escape(word)), True) for word in words]


def _counting_decimals(words: list[str]) -> bool:
    """Whether the markers are "3." "4." "5.": Markdown's own list, started at its first number."""
    if not all(_DECIMAL_MARKER.match(word) for word in words):
        return False
    first = int(words[0][:-1])
    return all(int(word[:-1]) == first + offset for offset, word in enumerate(words))
