"""xml_safe: any text becomes text XML 1.0 can hold, so lxml never refuses an export."""
from __future__ import annotations

import pytest
from lxml import etree

from hoering.exports.xml_text import REPLACEMENT, xml_safe


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"])
def test_a_character_xml_cannot_hold_is_replaced(character):
    text = xml_safe(f"før{character}etter")
    assert text == f"før{REPLACEMENT}etter"
    etree.Element("t").text = text  # lxml accepts it


def test_text_xml_can_hold_is_left_alone():
    text = "Tab\t, linje\nskift\r, «æøå» ÆØÅ, \x7f\x85\ufdd0\ufffd 😀 \U0001fffe"
    assert xml_safe(text) == text
