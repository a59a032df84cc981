"""The main colour: read as hex, and checked against white text by WCAG 2's contrast ratio.

Plain Python, so the rule is tested without the app. The colour is the background of buttons under
white text and the colour of links on white, so both need the same contrast: 4.5:1 (AA).
"""
from __future__ import annotations

import re

MINIMUM_CONTRAST = 4.5  # WCAG 2.x AA, normal text
WHITE = "#ffffff"
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def normalised(value: str) -> str | None:
    """"#1E5B8C", "1e5b8c" or "#15b" as "#1e5b8c"; None when it is not a hex colour."""
    match = _HEX.fullmatch(value.strip())
    if not match:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return "#" + digits


WCAG_WEIGHTS = (0.2126, 0.7152, 0.0722)


def channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def linear_luminance(rgb, threshold: float = 0.04045, weights=WCAG_WEIGHTS) -> float:
    """Y of sRGB channels (0–255, fractions allowed). WCAG 2.x, HSLuv and chroma-js differ only in the
    threshold of the linear segment and the weights' digits, so each passes its own."""
    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= threshold else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return weights[0] * red + weights[1] * green + weights[2] * blue


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a "#rrggbb" colour, 0 (black) to 1 (white)."""
    return linear_luminance(channels(colour))


def contrast_ratio(first: str, second: str = WHITE) -> float:
    """From 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_with_white(colour: str) -> bool:
    # Rounded down to two decimals first, as checkers print it: 4.499 is not 4.5.
    return int(contrast_ratio(colour) * 100) / 100 >= MINIMUM_CONTRAST

