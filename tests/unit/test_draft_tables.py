"""Table cells in drafts keep their lines, and header cells say what they head (issue 13)."""
from hoering import markup
from hoering.markup import COMMENT, DRAFT, render

TABLE = "| Sted | Tidspunkt |\n| --- | --- |\n| Rådhuset<br>Storgata 1 | **mandag<br/>kl. 18** |\n"


def test_header_cells_have_a_column_scope_and_body_cells_none():
    html = render(TABLE, DRAFT)
    assert html.count('<th scope="col">') == 2 and "<th>" not in html
    assert "scope" not in html.split("<tbody>")[1]


def test_a_br_in_a_cell_is_a_line_break_and_elsewhere_text():
    html = render(TABLE, DRAFT)
    assert "<td>Rådhuset<br>\nStorgata 1</td>" in html
    assert "<td><strong>mandag<br>\nkl. 18</strong></td>" in html
    # In a code span, written as an entity, or outside a table, it stays text.
    html = render("| Kode | Tekst |\n| --- | --- |\n| `<br>` | &lt;br> og <b> |\n", DRAFT)
    assert html.count("<br>") == 0 and "<code>&lt;br&gt;</code>" in html and "&lt;br&gt; og &lt;b&gt;" in html
    assert render("Avsnitt<br>med tekst", DRAFT) == "<p>Avsnitt&lt;br&gt;med tekst</p>"
    assert "<br>" not in render("Kommentar<br>tekst", COMMENT)


def test_a_cell_of_thousands_of_breaks_keeps_every_line():
    html = render("| a |\n| --- |\n| " + "linje<br>" * 2000 + "slutt |\n", DRAFT)
    assert html.count("<br>") == 2000 and html.count("linje") == 2000


def test_the_sanitiser_keeps_scope_on_header_cells_only():
    _converter, cleaner = markup._tools(DRAFT)
    cleaned = cleaner.clean(
        '<table><tr><th scope="col" onclick="x()">a</th><td scope="row" style="x">b</td></tr></table>'
    )
    assert '<th scope="col">a</th>' in cleaned and "<td>b</td>" in cleaned
    assert "onclick" not in cleaned and "style" not in cleaned
