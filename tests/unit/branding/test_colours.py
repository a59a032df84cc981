"""The main colour's rule: hex in, WCAG 2's contrast with white out, and AA (4.5:1) as the bar."""
import pytest

from hoering.branding import colours


@pytest.mark.parametrize("typed, expected", [
    ("#1E5B8C", "#1e5b8c"), ("1e5b8c", "#1e5b8c"), ("#15b", "#1155bb"), (" #0e6e63 ", "#0e6e63"),
    ("blue", None), ("#12345", None), ("#1e5b8cff", None), ("", None), ("rgb(0,0,0)", None),
])
def test_hex_colours_are_read_in_any_common_spelling(typed, expected):
    assert colours.normalised(typed) == expected


@pytest.mark.parametrize("colour, ratio", [
    ("#000000", 21.0), ("#ffffff", 1.0), ("#767676", 4.54), ("#777777", 4.48), ("#0a4b78", 9.17),
])
def test_contrast_with_white_matches_the_wcag_formula(colour, ratio):
    assert colours.contrast_ratio(colour) == pytest.approx(ratio, abs=0.01)


def test_the_bar_is_aa_and_is_not_rounded_up():
    assert colours.readable_with_white("#767676")  # 4.54:1, the palest grey that passes
    assert not colours.readable_with_white("#777777")  # 4.48:1
    assert not colours.readable_with_white("#9ecae1")  # a pale blue

