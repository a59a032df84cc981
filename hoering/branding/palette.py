"""Designsystemet's accent scale, made from one main colour as its CLI makes it (light mode).

The vendored theme (static/vendor/designsystemet/theme.css) was built for one colour by
`@digdir/designsystemet tokens create`; an admin picks another at run time, so the same 16 steps are
computed here and served in the brand's stylesheet. A port of the CLI's colors/theme.ts (1.15.0):
each step is the main colour taken to a fixed relative luminance by chroma-js's `luminance()`
(halving in sRGB towards black or white), hover and active move its CIE lightness by 8 and 16, and
the contrast colour is white or black. Plain Python; tests compare it with the CLI's own output.
"""
from __future__ import annotations

from hoering.branding.colours import WCAG_WEIGHTS, channels, linear_luminance

# Light-mode target luminance of each step (colorMetadata.ts); the base steps are computed below.
LUMINANCE = {
    "background-default": 1, "background-tinted": 0.9, "surface-default": 1, "surface-tinted": 0.81,
    "surface-hover": 0.7, "surface-active": 0.59, "border-subtle": 0.5, "border-default": 0.19,
    "border-strong": 0.11, "text-subtle": 0.11, "text-default": 0.0245,
}
STEPS = [*LUMINANCE, "base-default", "base-hover", "base-active", "base-contrast-subtle", "base-contrast-default"]
_EPSILON, _ROUNDS = 1e-7, 20  # chroma-js's
HSLUV_WEIGHTS = (0.21263900587151, 0.71516867876775, 0.072192315360733)

RGB = tuple[float, float, float]


def accent_scale(colour: str) -> dict[str, str]:
    """Step name ("surface-tinted") to "#rrggbb", for a "#rrggbb" main colour."""
    rgb = channels(colour)
    scale = {name: _hex(_with_luminance(rgb, target)) for name, target in LUMINANCE.items()}
    lightness = cie_lightness(colour)
    change = -8 if lightness <= 30 or 49 <= lightness <= 65 else 8
    scale["base-default"] = colour
    scale["base-hover"] = _hex(_with_luminance(rgb, _luminance_of_lightness(lightness - change)))
    scale["base-active"] = _hex(_with_luminance(rgb, _luminance_of_lightness(lightness - 2 * change)))
    white_wins = _contrast(rgb, (255, 255, 255)) >= _contrast(rgb, (0, 0, 0))
    shift = 60 if lightness <= 40 or lightness >= 60 else 50
    subtle = lightness + shift if white_wins else lightness - shift
    scale["base-contrast-subtle"] = _hex(_with_luminance(rgb, _luminance_of_lightness(subtle)))
    scale["base-contrast-default"] = "#ffffff" if white_wins else "#000000"
    return {name: scale[name] for name in STEPS}


def cie_lightness(colour: str) -> float:
    """CIE L* (HSLuv's lightness), 0 to 100."""
    luminance = _hsluv_y(channels(colour))
    return luminance * 903.2962962962963 if luminance <= 0.0088564516790356 else 116 * luminance ** (1 / 3) - 16


def _hex(rgb: RGB) -> str:
    return "#" + "".join(f"{min(255, max(0, _round(channel))):02x}" for channel in rgb)


def _round(value: float) -> int:
    return int(value + 0.5)  # JavaScript's Math.round for the non-negative channels here


def _luminance(rgb: RGB) -> float:
    """chroma-js's relative luminance (WCAG 2.0's formula, with its 0.03928)."""
    return linear_luminance(rgb, 0.03928, WCAG_WEIGHTS)


def _contrast(first: RGB, second: RGB) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _with_luminance(rgb: RGB, target: float) -> RGB:
    """chroma(colour).luminance(target): halve the way to black or white until the luminance is right."""
    if target == 0:
        return 0, 0, 0
    if target == 1:
        return 255, 255, 255
    low, high = ((0.0, 0.0, 0.0), rgb) if _luminance(rgb) > target else (rgb, (255.0, 255.0, 255.0))
    rounds = _ROUNDS
    while True:
        middle = tuple((a + b) / 2 for a, b in zip(low, high))
        found = _luminance(middle)
        if abs(target - found) < _EPSILON or rounds == 0:
            return tuple(_round(channel) for channel in middle)
        rounds -= 1
        low, high = (low, middle) if found > target else (middle, high)


def _luminance_of_lightness(lightness: float) -> float:
    """The luminance of the grey with CIE lightness ``lightness``, as HSLuv draws it (rounded to hex)."""
    y = ((lightness + 16) / 116) ** 3 if lightness > 8 else lightness / 903.2962962962963
    channel = 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055
    grey = min(255, max(0, _round(channel * 255)))
    return _luminance((grey, grey, grey))


def _hsluv_y(rgb: RGB) -> float:
    return linear_luminance(rgb, 0.04045, HSLUV_WEIGHTS)
