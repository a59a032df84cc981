"""Charts drawn on the server as SVG: no JavaScript, no outside service, and they print.

Each chart is an ``<svg role="img">`` whose ``<title>`` says every number it shows; the page puts
the same numbers in a table beside it (templates/components/charts.html). The SVGs have no viewBox:
bars are sized in percent of the width and text in pixels, so bars stretch to any screen, from a
360 px phone to an A4 page, while the text keeps its size.

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
LABEL_MAX = 40

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
    count and label above it, the count first so a narrow screen cuts the label rather than the number."""
    _check_ident(ident)
    largest = max((part.value for part in parts), default=0)
    height = max(len(parts), 1) * BAR_ROW
    lines = [_open_svg(ident, title, parts, height=height, css_class="chart chart-bars")]
    for row, part in enumerate(parts):
        top = row * BAR_ROW
        width = 100 * part.value / largest if largest and part.value > 0 else 0
        lines.append(
            f'<text x="0" y="{top + FONT_SIZE + 2}" font-size="{FONT_SIZE}" fill="{INK}">'
            f'<tspan font-weight="700">{escape(part.shown)}</tspan> {escape(_shorten(part.label))}</text>'
        )
        lines.append(
            f'<rect data-key="{escape(part.key)}" x="0" y="{top + FONT_SIZE + 8}" width="{_percent(width)}" '
            f'height="{BAR_HEIGHT}" fill="{BAR}"><title>{escape(part.label)}: {escape(part.shown)}</title></rect>'
        )
    lines.append("</svg>")
    return Markup("\n".join(lines))


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


def _shorten(label: str) -> str:
    """Labels longer than a phone's width are cut in the picture; the title and table hold them whole."""
    if len(label) <= LABEL_MAX:
        return label
    cut = label[:LABEL_MAX]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def _check_ident(ident: str) -> None:
    if not _IDENT.fullmatch(ident):
        raise ValueError(f"a chart's ident is lower-case letters, digits and hyphens: {ident!r}")
