"""The accent scale made from an admin's colour is the one Designsystemet's own CLI makes.

designsystemet_scales.json is the CLI's output (@digdir/designsystemet 1.15.0, `tokens create` and
`tokens build`, light mode) for six main colours, read from the built CSS; it is not this code's output.
"""
import json
from pathlib import Path

import pytest

from hoering.branding.palette import STEPS, accent_scale, cie_lightness

CLI_SCALES = json.loads((Path(__file__).parent / "designsystemet_scales.json").read_text())
VENDORED_THEME = Path(__file__).resolve().parents[3] / "static" / "vendor" / "designsystemet" / "theme.css"


@pytest.mark.parametrize("colour", sorted(CLI_SCALES))
def test_every_step_matches_the_cli(colour):
    assert accent_scale(colour) == CLI_SCALES[colour]


def test_the_vendored_themes_colour_gives_the_vendored_scale():
    css = VENDORED_THEME.read_text()
    scale = accent_scale("#1e5b8c")
    for step in ("surface-tinted", "border-default", "text-default", "base-hover", "base-active"):
        assert f"--ds-color-accent-{step}:{scale[step]}" in css.replace("#fff;", "#ffffff;")


def test_the_scale_has_every_step_in_order_and_a_dark_colour_gets_white_text():
    scale = accent_scale("#0e6e63")
    assert list(scale) == STEPS
    assert scale["base-contrast-default"] == "#ffffff"
    assert cie_lightness("#000000") == 0 and round(cie_lightness("#ffffff")) == 100
