"""Lettered lists as Norwegian laws write them become lists in drafts, markers kept (issue 13)."""
import pytest

from hoering.markup import COMMENT, DRAFT, render

LAW = """Ved vurderingen skal det særlig legges vekt på:
a) om tiltaket gir vesentlige virkninger
for miljø og samfunn,
b) om *planen* er i tråd med [overordnede planer](https://lovdata.no/lov),
c) om tiltaket berører nasjonale interesser."""


def test_a_lettered_list_in_a_draft_is_a_list_after_its_introduction():
    html = render(LAW, DRAFT)
    assert html.startswith("<p>Ved vurderingen skal det særlig legges vekt på:</p>\n<ol")
    assert '<ol data-marker="paren" type="a">' in html
    assert html.count("<li>") == 3
    assert "<li>om tiltaket gir vesentlige virkninger\nfor miljø og samfunn,</li>" in html  # a line continues its item
    assert "<em>planen</em>" in html and 'href="https://lovdata.no/lov"' in html


def test_lovdata_style_full_stops_are_a_list_too():
    html = render("a. Kommunestyret vedtar planen.\nb. Formannskapet innstiller.", DRAFT)
    assert '<ol type="a">' in html and html.count("<li>") == 2 and "data-marker" not in html


@pytest.mark.parametrize("text", [
    "a) Bare ett punkt.",  # one item is no list
    "a) første\nc) hopper over b",  # not in order
    "a) første\nb. annen tegnsetting",  # mixed punctuation
    "b) begynner ikke på a\nc) neste",
    "Dette er en setning. a) står midt i linjen\nb) neste",
])
def test_what_is_not_a_lettered_list_stays_text(text):
    assert "<ol" not in render(text, DRAFT)


def test_comments_keep_their_plain_lines():
    assert "<ol" not in render(LAW, COMMENT)
