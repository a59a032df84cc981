"""Word's automatic numbers survive the import: headings begin with the number people cite
("5.2.1 Medisinske opplysninger"), and lists show Word's markers, "c)", "iv.", "[2]" (issue 13)."""
import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from hoering import markup
from hoering.consultations.docx_import import docx_to_markdown
from hoering.consultations.docx_numbering import format_number
from hoering.consultations.drafting import split_markdown
from tests.unit.consultations.test_docx_import import add_item, convert, visible_text, with_parts


def add_definition(document, *levels) -> int:
    """An abstract list definition; each level a dict of numFmt, lvlText, start, lvlRestart, isLgl."""
    numbering = document.part.numbering_part.element
    abstract_id = 200 + len(numbering.xpath("./w:abstractNum"))
    abstract = OxmlElement("w:abstractNum", {qn("w:abstractNumId"): str(abstract_id)})
    for ilvl, level in enumerate(levels):
        lvl = OxmlElement("w:lvl", {qn("w:ilvl"): str(ilvl)})
        for name in ("start", "numFmt", "lvlRestart", "isLgl", "lvlText"):
            if name in level:
                lvl.append(OxmlElement(f"w:{name}", {qn("w:val"): str(level[name])}))
        abstract.append(lvl)
    numbering.insert(0, abstract)  # every w:abstractNum comes before the first w:num
    return abstract_id


def add_list(document, abstract_id, start_overrides=None) -> int:
    """A list (w:num) on a definition, restarting levels at the given values; returns its numId."""
    num = document.part.numbering_part.element.add_num(abstract_id)
    for ilvl, start in (start_overrides or {}).items():
        override = OxmlElement("w:lvlOverride", {qn("w:ilvl"): str(ilvl)})
        override.append(OxmlElement("w:startOverride", {qn("w:val"): str(start)}))
        num.append(override)
    return num.numId


def number_style(style, num_id, ilvl=None):
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def level(number_format, text, **more):
    return {"numFmt": number_format, "lvlText": text, **more}


def rendered_units(markdown):
    return [markup.render(unit.text, markup.DRAFT) for unit in split_markdown(markdown) if unit.kind == "paragraph"]


def outline_document():
    """Headings 1-3 linked to one multi-level list, as Word's "1 / 1.1 / 1.1.1" gallery does."""
    document = Document()
    outline = add_list(document, add_definition(
        document, level("decimal", "%1"), level("decimal", "%1.%2"), level("decimal", "%1.%2.%3"),
    ))
    number_style(document.styles["Heading 1"], outline)
    number_style(document.styles["Heading 2"], outline, 1)
    number_style(document.styles["Heading 3"], outline, 2)
    return document, outline


def test_headings_numbered_by_their_style_begin_with_the_number_word_shows():
    document, _ = outline_document()
    for title in ("Innledning", "Bakgrunn", "Gjeldende rett", "Forslaget"):
        document.add_heading(title, 1)
    document.add_heading("Hjemmel", 2)
    document.add_heading("Personvern", 1)
    document.add_heading("Behandlingsgrunnlag", 2)
    document.add_heading("Taushetsplikt", 2)
    document.add_heading("Medisinske opplysninger", 3)
    markdown = convert(document)
    assert "## 4.1 Hjemmel\n" in markdown
    assert "# 5 Personvern\n\n## 5.1 Behandlingsgrunnlag\n\n## 5.2 Taushetsplikt\n" in markdown
    assert "### 5.2.1 Medisinske opplysninger\n" in markdown  # 5.2 restarted level 3
    headings = [unit.text for unit in split_markdown(markdown) if unit.kind == "heading"]
    assert headings[-1] == "5.2.1 Medisinske opplysninger"


def test_unnumbered_headings_in_between_use_up_no_number():
    document, _ = outline_document()
    plain = document.styles.add_style("Vedleggsoverskrift", WD_STYLE_TYPE.PARAGRAPH)
    plain.base_style = document.styles["Heading 1"]
    number_style(plain, 0)  # numId 0: this style's headings have no number
    inherited = document.styles.add_style("Kommunens overskrift 2", WD_STYLE_TYPE.PARAGRAPH)
    inherited.base_style = document.styles["Heading 2"]
    document.add_heading("Innledning", 1)
    document.add_paragraph("Sammendrag", style="Vedleggsoverskrift")
    switched_off = document.add_heading("Uten nummer", 1)
    num_pr = switched_off._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = 0
    document.add_heading("Uten liste", 4)  # Heading 4 is not linked to the list
    document.add_heading("Forslaget", 1)
    document.add_paragraph("Arvet nummerering", style="Kommunens overskrift 2")
    assert convert(document) == (
        "# 1 Innledning\n\n# Sammendrag\n\n# Uten nummer\n\n#### Uten liste\n\n# 2 Forslaget\n\n"
        "## 2.1 Arvet nummerering\n"
    )


def test_a_heading_numbered_by_its_own_paragraph_and_a_chapter_label():
    document = Document()
    chapters = add_list(document, add_definition(document, level("upperRoman", "Kapittel %1", start=3)))
    heading = document.add_heading("Økonomi", 1)
    num_pr = heading._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = chapters
    document.add_heading("Vedlegg", 1)
    assert convert(document) == "# Kapittel III Økonomi\n\n# Vedlegg\n"


def test_headings_and_a_list_on_one_definition_count_together():
    document, outline = outline_document()
    document.add_heading("Innledning", 1)
    document.add_heading("Bakgrunn", 2)
    add_item(document, "Et nummerert avsnitt", outline, level=1)
    add_item(document, "Et til", outline, level=1)
    document.add_heading("Forslaget", 2)
    markdown = convert(document)
    assert "## 1.1 Bakgrunn\n" in markdown and "## 1.4 Forslaget\n" in markdown  # the items were 1.2 and 1.3
    html = rendered_units(markdown)[0]
    assert visible_text(html).split("\n") == ["1.2 Et nummerert avsnitt", "1.3 Et til"]
    assert '<ol data-marker="literal">' in html


def test_lists_on_one_definition_continue_each_other_unless_a_start_override_restarts_them():
    document = Document()
    definition = add_definition(document, level("decimal", "%1."))
    first, restarted, continued = (add_list(document, definition), add_list(document, definition, {0: 1}),
                                   add_list(document, definition))
    add_item(document, "Først", first)
    add_item(document, "Deretter", first)
    document.add_paragraph("Ny liste:")
    add_item(document, "Igjen fra én", restarted)
    add_item(document, "To", restarted)
    document.add_paragraph("Fortsetter:")
    add_item(document, "Tre", continued)
    assert convert(document) == (
        "1. Først\n2. Deretter\n\nNy liste:\n\n1. Igjen fra én\n2. To\n\nFortsetter:\n\n3. Tre\n"
    )
    assert '<ol start="3">' in rendered_units(convert(document))[-1]


def test_a_restart_inside_one_run_of_items_keeps_its_numbers():
    document = Document()
    definition = add_definition(document, level("decimal", "%1."))
    first, second = add_list(document, definition), add_list(document, definition, {0: 1})
    for text, num in (("En", first), ("To", first), ("En igjen", second), ("To igjen", second)):
        add_item(document, text, num)
    html = rendered_units(convert(document))[0]
    assert visible_text(html).split("\n") == ["1. En", "2. To", "1. En igjen", "2. To igjen"]


@pytest.mark.parametrize("number_format, text, start, markers, list_tag", [
    ("lowerLetter", "%1)", 1, ["a)", "b)", "c)"], '<ol data-marker="paren" type="a">'),
    ("lowerLetter", "%1)", 3, ["c)", "d)", "e)"], '<ol data-marker="paren" start="3" type="a">'),
    ("upperLetter", "%1.", 1, ["A.", "B.", "C."], '<ol type="A">'),
    ("lowerRoman", "%1.", 1, ["i.", "ii.", "iii."], '<ol type="i">'),
    ("upperRoman", "%1)", 4, ["IV)", "V)", "VI)"], '<ol data-marker="paren-upper-roman" start="4" type="I">'),
    ("decimal", "%1)", 1, ["1)", "2)", "3)"], '<ol data-marker="paren-decimal" type="1">'),
    ("decimal", "%1.", 7, ["7.", "8.", "9."], '<ol start="7">'),
    ("decimalZero", "%1.", 8, ["08.", "09.", "10."], '<ol data-marker="literal">'),
    ("decimalZero", "%1)", 9, ["09)", "10)", "11)"], '<ol data-marker="literal">'),
])
def test_a_list_shows_the_markers_word_shows(number_format, text, start, markers, list_tag):
    document = Document()
    num = add_list(document, add_definition(document, level(number_format, text, start=start)))
    document.add_paragraph("Kommunen legger vekt på:")
    for item in ("miljø", "økonomi", "trafikk"):
        add_item(document, item, num)
    document.add_paragraph("Se særlig bokstav b.")
    markdown = convert(document)
    html = rendered_units(markdown)[1]
    assert html.startswith(list_tag) and html.count("<li>") == 3
    if "literal" in list_tag:
        assert visible_text(html).split("\n") == [f"{m} {t}" for m, t in zip(markers, ("miljø", "økonomi", "trafikk"))]
    assert len(split_markdown(markdown)) == 3  # the list is one unit


@pytest.mark.parametrize("text, markers", [
    ("[%1]", ["[1]", "[2]", "[3]"]),
    ("(%1)", ["(1)", "(2)", "(3)"]),
])
def test_a_reference_list_keeps_its_brackets(text, markers):
    document = Document()
    num = add_list(document, add_definition(document, level("decimal", text)))
    for item in ("NOU 2019: 5 Ny forvaltningslov", "Prop. 79 L (2022–2023)", "Meld. St. 14 (2020–2021)"):
        add_item(document, item, num)
    markdown = convert(document)
    assert markdown.startswith(f"\\{markers[0][0]}1\\{markers[0][-1]} NOU")  # no "[1]:" link definition
    html = markup.render(split_markdown(markdown)[0].text, markup.DRAFT)
    assert html.startswith('<ol data-marker="literal">') and "<a" not in html
    assert [line.split(" ")[0] for line in visible_text(html).split("\n")] == markers


def test_nested_levels_keep_their_markers_and_their_nesting():
    document = Document()
    num = add_list(document, add_definition(
        document, level("decimal", "%1."), level("lowerLetter", "%2)"), level("lowerRoman", "(%3)"),
    ))
    add_item(document, "Formål", num)
    add_item(document, "Virkeområde", num)
    add_item(document, "kommuner", num, level=1)
    add_item(document, "fylkeskommuner", num, level=1)
    add_item(document, "med unntak", num, level=2)
    add_item(document, "og tillegg", num, level=2)
    add_item(document, "Ikrafttredelse", num)
    add_item(document, "Overgang", num, level=1)  # b) restarts at a) under a new item
    html = rendered_units(convert(document))[0]
    assert html.startswith("<ol>\n<li>Formål</li>\n<li>Virkeområde<ol data-marker=\"paren\" type=\"a\">")
    assert '<li>fylkeskommuner<ol data-marker="literal">\n<li>(i) med unntak</li>\n<li>(ii) og tillegg</li>' in html
    assert "<li>Ikrafttredelse<p>a) Overgang</p>" in html  # one item is no list, but keeps its letter


def test_restart_rules_legal_numbering_and_unused_levels_follow_word():
    document = Document()
    num = add_list(document, add_definition(
        document,
        level("upperRoman", "%1.", start=2),
        level("decimal", "%1.%2", isLgl=1),  # legal numbering: "2.1", not "II.1"
        level("lowerLetter", "%3)", lvlRestart=0),  # never restarts
    ))
    add_item(document, "Før første hovedpunkt", num, level=1)  # level 1 unused: shows its start, II
    add_item(document, "Første", num)
    add_item(document, "bokstav", num, level=2)
    add_item(document, "Andre", num)
    add_item(document, "fortsatt bokstav", num, level=2)
    html = rendered_units(convert(document))[0]
    assert html.startswith('<ol data-marker="literal">\n<li>2.1 Før første hovedpunkt</li>')
    assert "<li>II. Første<p>a) bokstav</p>" in html
    assert "<li>III. Andre<p>b) fortsatt bokstav</p>" in html


@pytest.mark.parametrize("value, number_format, written", [
    (27, "lowerLetter", "aa"), (52, "upperLetter", "ZZ"), (53, "lowerLetter", "aaa"),
    (1994, "lowerRoman", "mcmxciv"), (14, "upperRoman", "XIV"), (7, "decimalZero", "07"),
    (3, "ordinal", "3"), (3, "bullet", ""), (3, None, "3"),
])
def test_number_formats_write_numbers_as_word_does(value, number_format, written):
    assert format_number(value, number_format) == written


def test_ten_thousand_lists_on_one_definition_stay_linear():
    """Each paragraph its own list with a start override, all sharing one definition: restarting
    every list of the definition at each use, or looking them up by search, would be quadratic."""
    count = 10_000
    abstract = (
        '<w:abstractNum w:abstractNumId="900">'
        + "".join(f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                  f'<w:lvlText w:val="%{n + 1})"/></w:lvl>' for n in range(9))
        + "</w:abstractNum>"
    )
    nums = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="900"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{n % 3 + 1}"/></w:lvlOverride></w:num>'
        for n in range(1000, 1000 + count)
    )
    body = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{n}"/></w:numPr></w:pPr>'
        f'<w:r><w:t>Punkt {n}</w:t></w:r></w:p>'
        for n in range(1000, 1000 + count)
    )
    numbering = nums.replace("<w:num ", abstract + "<w:num ", 1)
    markdown = docx_to_markdown(with_parts(body, numbering=numbering))
    assert markdown.startswith("b\\) Punkt 1000\nc\\) Punkt 1001\na\\) Punkt 1002\nb\\) Punkt 1003\n")
    assert markdown.count("\n") == count


def test_a_level_text_longer_than_any_number_is_no_marker():
    document = Document()
    num = add_list(document, add_definition(document, level("lowerRoman", "%1" * 5_000)))
    add_item(document, "Første", num)
    add_item(document, "Andre", num)
    heading = document.add_heading("Overskrift", 1)
    num_pr = heading._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num
    assert convert(document) == "1. Første\n1. Andre\n\n# Overskrift\n"
