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
    "b) begynner ikke på a\nd) og hopper over c",
    "Dette er en setning. a) står midt i linjen\nb) neste",
])
def test_what_is_not_a_lettered_list_stays_text(text):
    assert "<ol" not in render(text, DRAFT)


def test_comments_keep_their_plain_lines():
    assert "<ol" not in render(LAW, COMMENT)


@pytest.mark.parametrize("text, list_tag, items", [
    ("b) begynner på b\nc) neste", '<ol data-marker="paren" start="2" type="a">', ["begynner på b", "neste"]),
    ("A) Kommunen\nB) Fylket", '<ol data-marker="paren-upper-alpha" type="A">', ["Kommunen", "Fylket"]),
    ("iv. fjerde\nv. femte", '<ol start="4" type="i">', ["fjerde", "femte"]),
    ("I) første\nII) andre", '<ol data-marker="paren-upper-roman" type="I">', ["første", "andre"]),
    ("i) i\nj) j", '<ol data-marker="paren" start="9" type="a">', ["i", "j"]),
    ("1) en\n2) to", '<ol data-marker="paren-decimal" type="1">', ["en", "to"]),
])
def test_letters_and_roman_numerals_in_order_from_any_start_are_lists_of_their_type(text, list_tag, items):
    html = render(text, DRAFT)
    assert html.startswith(list_tag)
    assert [f"<li>{item}</li>" in html for item in items] == [True] * len(items)


@pytest.mark.parametrize("text, shown", [
    ("[1] NOU 2019: 5\n[2] Prop. 79 L", ["[1] NOU 2019: 5", "[2] Prop. 79 L"]),
    ("(a) første\n(b) andre", ["(a) første", "(b) andre"]),
    ("1.1 Formål\n1.2 Virkeområde", ["1.1 Formål", "1.2 Virkeområde"]),
    ("a\\) første\nc\\) hopper over b", ["a) første", "c) hopper over b"]),  # escaped: shown as written
])
def test_markers_no_list_type_shows_are_kept_in_the_items(text, shown):
    html = render(text, DRAFT)
    assert html.startswith('<ol data-marker="literal">')
    assert [f"<li>{item}</li>" in html for item in shown] == [True] * len(shown)


def test_marker_lists_nest_in_markdown_lists_and_markdown_lists_in_them():
    html = render("1. Formål\n    a) kommuner\n    b) fylker\n2. Virkeområde", DRAFT)
    assert '<li>Formål<ol data-marker="paren" type="a">\n<li>kommuner</li>\n<li>fylker</li>\n</ol>\n</li>' in html
    html = render("a) Formål\n    - kommuner\n    - fylker\nb) Virkeområde", DRAFT)
    assert "<li>Formål<ul>\n<li>kommuner</li>\n<li>fylker</li>\n</ul>\n</li>\n<li>Virkeområde</li>" in html
    html = render("1. Formål\n    Dette er tekst\n2. Virkeområde", DRAFT)
    assert "<li>Formål\n    Dette er tekst</li>" in html  # an indented line without a marker continues the item
