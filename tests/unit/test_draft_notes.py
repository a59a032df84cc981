"""Notes in drafts: a Word footnote stays in its paragraph's unit, numbered as in Word, linked both
ways, with ids unique on the page (issue 13)."""
import bleach
import pytest
from bs4 import BeautifulSoup

from hoering import markup
from hoering.markup import COMMENT, DRAFT, render
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

PARAGRAPH = """Tiltaket krever konsekvensutredning.[^3] Planen følger *retningslinjene*.[^4]
[^3]: Forskrift om konsekvensutredninger § 6, se https://lovdata.no/forskrift/2017-06-21-854.
[^4]: Statlige planretningslinjer for *klima- og energiplanlegging*."""


def page(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_note_is_shown_at_the_end_of_its_unit_with_word_s_number_and_links_both_ways():
    html = page(render(PARAGRAPH, DRAFT))
    references = html.select("p sup a")
    assert [(a.get_text(), a["href"], a["id"]) for a in references] == [
        ("3", "#note:3", "note-ref:3"), ("4", "#note:4", "note-ref:4"),
    ]
    notes = html.select("aside > p")
    assert [note["id"] for note in notes] == ["note:3", "note:4"]
    assert [note.a["href"] for note in notes] == ["#note-ref:3", "#note-ref:4"]
    assert notes[0].get_text().startswith("3 Forskrift om konsekvensutredninger § 6")
    assert notes[0].find("a", href="https://lovdata.no/forskrift/2017-06-21-854")
    assert notes[1].em.get_text() == "klima- og energiplanlegging"
    assert "[^" not in html.get_text()


def test_notes_of_list_items_and_table_cells_follow_their_block():
    listed = page(render("1. Første punkt[^1]  \n    [^1]: Notat til punktet.\n2. Andre punkt", DRAFT))
    assert [li.get_text(" ", strip=True) for li in listed.select("ol > li")] == ["Første punkt 1", "Andre punkt"]
    assert listed.select_one("aside p")["id"] == "note:1"
    table = page(render("| Tiltak | År |\n| --- | --- |\n| Bussterminal[^ii] | 2031 |\n[^ii]: Sluttnote.", DRAFT))
    assert len(table.select("tbody tr")) == 1 and table.select_one("td sup a")["href"] == "#note:ii"
    assert table.select_one("aside p").get_text() == "ii Sluttnote."


def test_a_note_without_its_reference_in_the_unit_has_no_link_back_and_a_reference_without_a_note_is_text():
    alone = page(render("[^2]: Notat til overskriften over.", DRAFT))
    assert alone.select_one("aside p").get_text() == "2 Notat til overskriften over."
    assert alone.select_one("aside p a") is None
    assert render("Se note[^7].", DRAFT) == "<p>Se note[^7].</p>"


def test_escaped_brackets_are_no_reference():
    assert "<sup>" not in render("Teksten \\[^1\\] står slik.\n[^1]: Notat.", DRAFT)


def test_a_citizen_s_comment_does_not_gain_notes():
    html = render(PARAGRAPH, COMMENT)
    assert "<sup" not in html and "<aside" not in html and "id=" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_note_text_is_inert(payload):
    html = render(f"Avsnitt[^1]\n[^1]: {payload}", DRAFT)
    assert_inert(html)
    assert_inert(render(f"Avsnitt[^1] {payload}\n[^1]: Notat", DRAFT))


def test_the_sanitiser_keeps_only_the_ids_notes_are_given():
    _converter, cleaner = markup._tools(DRAFT)
    cleaned = cleaner.clean(
        '<p id="note:1" onclick="alert(1)">a</p><a id="location" href="#note:1">b</a>'
        '<sup id="note-ref:1" onmouseover="x">c</sup><aside id="note:2" style="x">d</aside><p id="note:1 x">e</p>'
    )
    assert cleaned == '<p id="note:1">a</p><a href="#note:1" rel="nofollow">b</a><sup>c</sup><aside>d</aside><p>e</p>'
    _converter, comment_cleaner = markup._tools(COMMENT)
    assert comment_cleaner.clean('<p id="note:1">a</p><sup>b</sup>') == "<p>a</p>&lt;sup&gt;b&lt;/sup&gt;"
    assert bleach.clean('<a id="note:1">x</a>') == "<a>x</a>"  # bleach's own defaults are untouched
