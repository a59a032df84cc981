"""Charts drawn on the server as SVG: no JavaScript, no outside service, and they print.

Each chart is an ``<svg role="img">`` whose ``<title>`` says every number it shows; the page puts
the same numbers in a table beside it (templates/components/charts.html). The SVGs have no viewBox:
bars are sized in percent of the width and text in pixels, so bars stretch to any screen, from a
360 px phone to an A4 page, while the text keeps its size. SVG text does not wrap by itself, so a
bar's label is broken into lines short enough for the phone (the narrowest page it is drawn on):
no label is ever cut off, on the screen or on paper.

Colours reach at least 3:1 against white (WCAG 1.4.11), and stances are also told apart by a
pattern and by a white gap between segments, so no one has to tell red from green.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup, escape

SVG_NS = "http://www.w3.org/2000/svg"
INK = "#1a1a1a"
FRAME = "#595959"
BAR = "#0a4b78"

# One pattern tile per stance: (base colour, what is drawn on it in white or grey, rotation).
STANCE_PATTERNS = {
    "support": ('<rect width="8" height="8" fill="#1b6b38"/>', 0),
    "against": ('<rect width="8" height="8" fill="#b3261e"/><rect width="2.5" height="8" fill="#ffffff"/>', 45),
    "neutral": ('<rect width="8" height="8" fill="#595959"/><circle cx="4" cy="4" r="1.6" fill="#ffffff"/>', 0),
    "suggestion": ('<rect width="8" height="8" fill="#0a4b78"/><rect y="5" width="8" height="2" fill="#ffffff"/>', 0),
    "not_stated": ('<rect width="8" height="8" fill="#ffffff"/><rect width="1.5" height="8" fill="#595959"/>', -45),
}

STACKED_HEIGHT = 28
BAR_ROW = 46  # one label line and one bar
BAR_HEIGHT = 16
FONT_SIZE = 15
LINE_HEIGHT = 19
# Characters on a label line: 30 of the widest lower-case text fit the 328 px a 360 px phone leaves.
LINE_LENGTH = 30

_IDENT = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Part:
    """One segment or bar: ``key`` chooses its pattern (a stance) or names it (a theme); ``text``
    and ``share_text`` are its count and share as the reader's language writes them, for the
    ``<title>`` and the table beside the chart."""

    key: str
    label: str
    value: int
    text: str = ""
    share_text: str = ""

    @property
    def shown(self) -> str:
        return self.text or str(self.value)


def stacked_bar(parts: Sequence[Part], *, ident: str, title: str) -> Markup:
    """One bar split into ``parts`` in proportion to their values (the stances of a set of comments).

    ``ident`` prefixes the pattern ids, so give every chart on a page its own. With nothing to show
    (all values 0) the bar is an empty frame and the title says only ``title``."""
    _check_ident(ident)
    total = sum(max(part.value, 0) for part in parts)
    shown = [part for part in parts if part.value > 0]
    lines = [
        _open_svg(ident, title, shown, height=STACKED_HEIGHT, css_class="chart chart-stacked"),
        _patterns(ident),
        f'<rect x="0" y="0" width="100%" height="{STACKED_HEIGHT}" fill="#ffffff" stroke="{FRAME}" stroke-width="1"/>',
    ]
    at = 0.0
    for part in shown:
        width = 100 * part.value / total
        lines.append(
            f'<rect data-key="{escape(part.key)}" x="{_percent(at)}" y="0" width="{_percent(width)}" '
            f'height="{STACKED_HEIGHT}" fill="url(#{ident}-{escape(part.key)})" stroke="#ffffff" stroke-width="2">'
            f"<title>{escape(part.label)}: {escape(part.shown)}</title></rect>"
        )
        at += width
    lines.append("</svg>")
    return Markup("\n".join(lines))


def bar_chart(parts: Sequence[Part], *, ident: str, title: str) -> Markup:
    """A horizontal bar for each part, the largest as wide as the chart (theme sizes). Each has its
    count and label above it, the label broken into as many lines as it needs (label_lines)."""
    _check_ident(ident)
    largest = max((part.value for part in parts), default=0)
    rows = [label_lines(part.shown, part.label) for part in parts]
    height = sum(BAR_ROW + (len(lines) - 1) * LINE_HEIGHT for lines in rows) or BAR_ROW
    svg = [_open_svg(ident, title, parts, height=height, css_class="chart chart-bars")]
    top = 0
    for part, lines in zip(parts, rows):
        width = 100 * part.value / largest if largest and part.value > 0 else 0
        svg.append(_label(part.shown, lines, top))
        bar_top = top + FONT_SIZE + 8 + (len(lines) - 1) * LINE_HEIGHT
        svg.append(
            f'<rect data-key="{escape(part.key)}" x="0" y="{bar_top}" width="{_percent(width)}" '
            f'height="{BAR_HEIGHT}" fill="{BAR}"><title>{escape(part.label)}: {escape(part.shown)}</title></rect>'
        )
        top += BAR_ROW + (len(lines) - 1) * LINE_HEIGHT
    svg.append("</svg>")
    return Markup("\n".join(svg))


def label_lines(count: str, label: str, length: int = LINE_LENGTH) -> list[str]:
    """The label's words in lines of at most ``length`` characters, the first line after the count.
    A word longer than a line (Norwegian compounds can be) is broken with a hyphen."""
    words = [piece for word in label.split() for piece in _pieces(word, length)]
    lines: list[str] = []
    line = count
    for word in words:
        if len(line) + 1 + len(word) <= length or not line:
            line = f"{line} {word}" if line else word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    lines[0] = lines[0][len(count):].lstrip()
    return lines


def _pieces(word: str, length: int) -> list[str]:
    if len(word) <= length:
        return [word]
    step = length - 1
    cuts = [word[at:at + step] for at in range(0, len(word), step)]
    return [cut + "-" for cut in cuts[:-1]] + [cuts[-1]]


def _label(count: str, lines: list[str], top: int) -> str:
    """The count in bold, then the label's first line; each further line in a tspan of its own."""
    first = f'<tspan font-weight="700">{escape(count)}</tspan>' + (f" {escape(lines[0])}" if lines[0] else "")
    rest = "".join(f'<tspan x="0" dy="{LINE_HEIGHT}">{escape(line)}</tspan>' for line in lines[1:])
    return f'<text x="0" y="{top + FONT_SIZE + 2}" font-size="{FONT_SIZE}" fill="{INK}">{first}{rest}</text>'


def swatch(key: str, ident: str) -> Markup:
    """A small square in the pattern of ``key`` in the stacked bar ``ident`` (for the table's rows).

    It refers to that chart's pattern, so it belongs on the same page, after the chart."""
    _check_ident(ident)
    if key not in STANCE_PATTERNS:
        raise ValueError(f"no pattern for {key!r}")
    return Markup(
        f'<svg xmlns="{SVG_NS}" class="chart-swatch" width="16" height="16" aria-hidden="true">'
        f'<rect x="0.5" y="0.5" width="15" height="15" fill="url(#{ident}-{key})" stroke="{FRAME}" stroke-width="1"/></svg>'
    )


def _open_svg(ident: str, title: str, parts: Sequence[Part], *, height: int, css_class: str) -> str:
    """The opening tag and the title: the chart's text alternative, with every number it shows."""
    described = ", ".join(f"{part.label}: {part.shown}" for part in parts)
    alternative = f"{title}: {described}" if described else title
    return (
        f'<svg xmlns="{SVG_NS}" class="{css_class}" width="100%" height="{height}" role="img" '
        f'aria-labelledby="{ident}-tittel"><title id="{ident}-tittel">{escape(alternative)}</title>'
    )


def _patterns(ident: str) -> str:
    tiles = []
    for key, (shapes, rotation) in STANCE_PATTERNS.items():
        rotate = f' patternTransform="rotate({rotation})"' if rotation else ""
        tiles.append(f'<pattern id="{ident}-{key}" width="8" height="8" patternUnits="userSpaceOnUse"{rotate}>'
                     f"{shapes}</pattern>")
    return "<defs>" + "".join(tiles) + "</defs>"


def _percent(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def _check_ident(ident: str) -> None:
    if not _IDENT.fullmatch(ident):
        raise ValueError(f"a chart's ident is lower-case letters, digits and hyphens: {ident!r}")
