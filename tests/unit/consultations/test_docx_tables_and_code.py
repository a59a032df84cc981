"""Word tables and code keep their shape: a cell keeps its lines, a table that only places text reads
as text, and code is one block with its indentation (issue 13)."""
import io

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from hoering import markup
from hoering.consultations.docx_import import MAX_LAYOUT_NESTING, docx_to_markdown
from hoering.consultations.drafting import split_markdown


def convert(document) -> str:
    buffer = io.BytesIO()
    document.save(buffer)
    return docx_to_markdown(buffer.getvalue())


def rendered_units(markdown: str) -> list[str]:
    return [markup.render(unit.text, markup.DRAFT) for unit in split_markdown(markdown) if unit.kind != "heading"]


def set_borders(element, tag: str, value: str) -> None:
    """w:tblBorders (in w:tblPr) or w:tcBorders (in w:tcPr) with every side set to ``value``."""
    borders = OxmlElement(f"w:{tag}")
    for side in ("top", "left", "bottom", "right"):
        borders.append(OxmlElement(f"w:{side}", {qn("w:val"): value, qn("w:sz"): "4"}))
    element.append(borders)


# --- Data tables --------------------------------------------------------------------------------


def data_table(document, style):
    table = document.add_table(rows=4, cols=3, style=style)
    rows = [["Sted", "Tidspunkt", "Tema"], ["Rådhuset", "Mandag", "Skole"], ["Biblioteket", "Tirsdag", "Vei"],
            ["Kulturhuset", "Onsdag", "Helse <br> typed"]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    cell = table.cell(1, 0)
    cell.add_paragraph("Storgata 1")  # a second paragraph in the cell
    cell.add_paragraph("")
    time = table.cell(1, 1).paragraphs[0]
    time.add_run().add_break()
    time.add_run("kl. 18–20")
    return table


@pytest.mark.parametrize("style", ["Table Grid", None])  # with borders, and a full table without
def test_a_data_table_keeps_its_cells_lines_and_its_header_cells_say_they_head_columns(style):
    document = Document()
    data_table(document, style)
    markdown = convert(document)
    assert markdown == (
        "| Sted | Tidspunkt | Tema |\n"
        "| --- | --- | --- |\n"
        "| Rådhuset<br>Storgata 1 | Mandag<br>kl. 18–20 | Skole |\n"
        "| Biblioteket | Tirsdag | Vei |\n"
        "| Kulturhuset | Onsdag | Helse &lt;br> typed |\n"
    )
    [html] = rendered_units(markdown)
    assert html.count('<th scope="col">') == 3 and "<td" in html and "scope" not in html.split("<tbody>")[1]
    assert "<td>Rådhuset<br>\nStorgata 1</td>" in html and "<td>Mandag<br>\nkl. 18–20</td>" in html
    assert "<td>Helse &lt;br&gt; typed</td>" in html  # typed as text, it stays text


# --- Layout tables ------------------------------------------------------------------------------


def test_a_one_cell_table_is_a_box_around_text_and_reads_as_its_paragraphs():
    document = Document()
    document.add_heading("Innledning", 1)
    cell = document.add_table(rows=1, cols=1, style="Table Grid").cell(0, 0)
    cell.paragraphs[0].text = "Merk"
    cell.paragraphs[0].style = "Heading 2"
    cell.add_paragraph("Fristen er 1. mars.")
    cell.add_paragraph("Svar på *nett* eller per post.")
    cell.add_paragraph("Først", style="List Bullet")
    cell.add_paragraph("Så", style="List Bullet")
    document.add_paragraph("Etter boksen.")
    markdown = convert(document)
    assert markdown == (
        "# Innledning\n\n## Merk\n\nFristen er 1. mars.\n\nSvar på \\*nett\\* eller per post.\n\n"
        "- Først\n- Så\n\nEtter boksen.\n"
    )
    units = split_markdown(markdown)
    assert [(u.number, u.kind) for u in units] == [
        ("1", "heading"), ("1.1", "heading"), ("1.1.1", "paragraph"), ("1.1.2", "paragraph"),
        ("1.1.3", "paragraph"), ("1.1.4", "paragraph"),
    ]
    assert rendered_units(markdown)[0] == "<p>Fristen er 1. mars.</p>"
    assert "<table" not in markup.render(markdown, markup.DRAFT)


def title_page(document, style=None, filled=()):
    """A title page laid out in a 2 × 4 table: a logo's empty cell, title, subtitle, date; the
    cells in ``filled`` get text too."""
    table = document.add_table(rows=4, cols=2, style=style)
    title = table.cell(0, 1).paragraphs[0]
    title.text, title.style = "Høringsnotat", "Title"
    table.cell(2, 1).text = "Forslag til ny skolestruktur"
    table.cell(3, 0).text = "Dato: 1. mars 2025"
    for r, c in filled:
        table.cell(r, c).text = "Mer tekst"
    document.add_paragraph("Første avsnitt.")
    return table


def test_a_borderless_title_page_table_with_empty_cells_reads_as_text():
    document = Document()
    title_page(document)
    markdown = convert(document)
    assert markdown == "# Høringsnotat\n\nForslag til ny skolestruktur\n\nDato: 1. mars 2025\n\nFørste avsnitt.\n"
    assert rendered_units(markdown) == [
        "<p>Forslag til ny skolestruktur</p>", "<p>Dato: 1. mars 2025</p>", "<p>Første avsnitt.</p>",
    ]


def test_a_table_whose_own_borders_are_switched_off_reads_as_text_though_its_style_has_borders():
    document = Document()
    table = title_page(document, style="Table Grid")
    set_borders(table._tbl.tblPr, "tblBorders", "nil")
    assert convert(document).startswith("# Høringsnotat\n\nForslag")


def test_a_borderless_table_of_one_row_reads_as_text():
    document = Document()
    table = document.add_table(rows=1, cols=3)
    for c, text in enumerate(["", "Kommunen", "Saksnr. 2025/17"]):
        table.cell(0, c).text = text
    assert convert(document) == "Kommunen\n\nSaksnr. 2025/17\n"


@pytest.mark.parametrize("make", [
    lambda document: title_page(document, style="Table Grid"),  # a style with borders
    lambda document: title_page(document, filled=[(1, 0), (1, 1), (2, 0)]),  # 2 of 8 empty
    lambda document: set_borders(title_page(document).cell(1, 1)._tc.get_or_add_tcPr(), "tcBorders", "single"),
    lambda document: title_page(document).add_column(1),  # three columns
])
def test_a_title_page_table_with_borders_filled_cells_or_three_columns_stays_a_table(make):
    document = Document()
    make(document)
    markdown = convert(document)
    assert markdown.startswith("| ") and " | Høringsnotat |" in markdown.split("\n")[0]
    plain = Document()
    title_page(plain)
    assert convert(plain).startswith("# Høringsnotat")  # each of them alone makes the difference


def nested_boxes(depth: int):
    document = Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(depth - 1):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "Innerst"
    return document


def test_layout_tables_nested_deeper_than_the_limit_stay_tables():
    assert convert(nested_boxes(MAX_LAYOUT_NESTING)) == "Innerst\n"
    assert convert(nested_boxes(MAX_LAYOUT_NESTING + 1)) == "| Innerst |\n| --- |\n"


# --- Code ---------------------------------------------------------------------------------------

XML_EXAMPLE = [
    "<plan>",
    "\t<id>2025/17</id>",
    "    <navn>`Skole` og ```sitat```</navn>",
    "",
    "# ikke en overskrift, *ikke* uthevet",
    "</plan>",
]


def test_paragraphs_in_a_code_style_are_one_fenced_block_as_written():
    document = Document()
    document.styles.add_style("HTML Preformatted", WD_STYLE_TYPE.PARAGRAPH)
    based = document.styles.add_style("Kommunens kode", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = document.styles["HTML Preformatted"]
    document.add_paragraph("Eksempel:")
    for number, line in enumerate(XML_EXAMPLE):
        paragraph = document.add_paragraph(line, style="Kommunens kode" if number % 2 else "HTML Preformatted")
        if not line:
            paragraph._p.get_or_add_pPr()  # an empty paragraph Word keeps: <w:p><w:pPr/></w:p>
    document.add_paragraph("Etter koden.")
    markdown = convert(document)
    assert markdown == (
        "Eksempel:\n\n````\n<plan>\n    <id>2025/17</id>\n    <navn>`Skole` og ```sitat```</navn>\n\n"
        "# ikke en overskrift, *ikke* uthevet\n</plan>\n````\n\nEtter koden.\n"
    )
    units = split_markdown(markdown)
    assert [u.number for u in units] == ["0.1", "0.2", "0.3"]
    html = markup.render(units[1].text, markup.DRAFT)
    assert html == (
        "<pre><code>&lt;plan&gt;\n    &lt;id&gt;2025/17&lt;/id&gt;\n"
        "    &lt;navn&gt;`Skole` og ```sitat```&lt;/navn&gt;\n\n"
        "# ikke en overskrift, *ikke* uthevet\n&lt;/plan&gt;\n</code></pre>"
    )


@pytest.mark.parametrize("style", ["Kode", "Source Code", "macro", "Makrotekst"])
def test_code_style_names_in_norwegian_and_english_make_code(style):
    document = Document()
    if style not in [s.name for s in document.styles]:
        document.styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("if (a) {", style=style)
    document.add_paragraph("\treturn 1;", style=style)
    document.add_paragraph("}", style=style)
    assert convert(document) == "```\nif (a) {\n    return 1;\n}\n```\n"


def add_code(document, text, font="Courier New"):
    paragraph = document.add_paragraph()
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(line).font.name = font
    return paragraph


def test_paragraphs_all_in_a_monospace_font_are_one_code_block_per_run_of_them():
    document = Document()
    code_font = document.styles.add_style("Kodetegn", WD_STYLE_TYPE.CHARACTER)
    code_font.font.name = "Consolas"
    add_code(document, "def svar(frist):")
    add_code(document, "    if frist:\n\t\treturn 'ja'")
    document.add_paragraph().add_run("    return 'nei'", style="Kodetegn")
    paragraph = document.add_paragraph("Bruk ")
    paragraph.add_run("svar()").font.name = "Courier New"  # a word in code inside prose stays prose
    paragraph.add_run(" i skjemaet.")
    add_code(document, "svar(True)", font="DejaVu Sans Mono")
    add_code(document, "Vanlig tekst", font="Arial")
    markdown = convert(document)
    assert markdown == (
        "```\ndef svar(frist):\n    if frist:\n        return 'ja'\n    return 'nei'\n```\n\n"
        "Bruk svar() i skjemaet.\n\n```\nsvar(True)\n```\n\nVanlig tekst\n"
    )
    units = split_markdown(markdown)
    assert len(units) == 4
    html = markup.render(units[0].text, markup.DRAFT)
    assert html.count("<pre><code>") == 1 and "\n    if frist:\n        return 'ja'\n" in html
    # A heading or a list item in a monospace font keeps its kind.
    document = Document()
    document.add_heading("", 1).add_run("Kapittel").font.name = "Courier New"
    document.add_paragraph("", style="List Bullet").add_run("fil.txt").font.name = "Courier New"
    assert convert(document) == "# Kapittel\n\n- fil.txt\n"
