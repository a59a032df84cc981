"""The share card: the 1200×630 PNG that Facebook, LinkedIn, X and chat programs show beside a shared
link (Open Graph's og:image). Plain Python: words in, PNG bytes out.

Drawn with Pillow in DejaVu Sans, kept beside this module (fonts/, with its licence), so no system font
is needed on the server and æ, ø, å and § always have their glyphs (Pillow's own default font has
none). Text that does not fit is cut at a word with an ellipsis; nothing is scaled down to unreadable.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BRAND = "#0a4b78"  # the site's blue, when the organisation has set no main colour of its own
INK = (26, 26, 26)
MUTED = (77, 77, 77)
PAPER = (255, 255, 255)
BAR = 24
FONTS = Path(__file__).with_name("fonts")


@lru_cache(maxsize=512)
def card_png(title: str, place: str, excerpt: str, organisation: str, colour: str = BRAND) -> bytes:
    """The card of a consultation (``place`` ""), or of one of its units (``place`` "Punkt 2.1",
    ``excerpt`` its text), in the organisation's main ``colour`` ("#rrggbb": the band and the title;
    hoering.branding keeps it readable on white). The same words give the same bytes, kept for the
    next request."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAR), fill=colour)
    width = WIDTH - 2 * MARGIN
    y = BAR + 48
    y = _paragraph(draw, organisation, _font(30), MUTED, y, width, lines=1) + 16
    y = _paragraph(draw, title, _font(50, bold=True), colour, y, width, lines=3 if not place else 2) + 24
    if place:
        y = _paragraph(draw, place, _font(38, bold=True), INK, y, width, lines=1) + 12
    _paragraph(draw, excerpt, _font(32), INK, y, width, lines=max(0, (HEIGHT - MARGIN - y) // 42))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _paragraph(draw: ImageDraw.ImageDraw, text: str, font, fill, y: int, width: int, lines: int) -> int:
    """Draw ``text`` wrapped to ``width`` in at most ``lines`` lines from ``y``; returns the y below it."""
    line_height = int(font.size * 1.3)
    for line in wrapped(text, lambda words: draw.textlength(words, font=font) <= width, lines):
        draw.text((MARGIN, y), line, font=font, fill=fill)
        y += line_height
    return y


def wrapped(text: str, fits, lines: int) -> list[str]:
    """``text`` in lines that ``fits``, at most ``lines`` of them; the last ends in "…" when cut."""
    words, out, current = " ".join(text.split()).split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if fits(candidate) or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines:
            return _cut(out, fits)
    if current and len(out) < lines:
        out.append(current)
    elif current:
        return _cut(out, fits)
    return out


def _cut(lines: list[str], fits) -> list[str]:
    """The last line shortened at a word until it fits with an ellipsis after it."""
    if not lines:
        return lines
    last = lines[-1]
    while last and not fits(f"{last} …"):
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[:-1], f"{last} …"]
