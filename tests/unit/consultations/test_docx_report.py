"""convert_docx: nothing in a Word draft vanishes unannounced. Footnotes and endnotes stay with their
paragraph, text boxes and pictures keep their place, and what is changed or left out is counted
for the planner (issue 13)."""
import io
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml

from hoering import markup
from hoering.consultations import docx_import, docx_report
from hoering.consultations.docx_import import DocxRejected, convert_docx, docx_to_markdown
from hoering.consultations.docx_report import Notice
from hoering.consultations.drafting import split_markdown
from tests.fixtures.word import NS, add_notes, add_reference, picture_run, run_xml, text_box_run, text_box_xml
from tests.unit.consultations.test_docx_import import rezip, run_element, to_bytes

def convert(document):
    return convert_docx(to_bytes(document))


def counts(converted) -> dict[str, int]:
    return {notice.code: notice.count for notice in converted.notices}


def rendered_page(markdown: str) -> BeautifulSoup:
    """Every unit of the draft on one page, as the draft page shows them."""
    units = split_markdown(markdown)
    html = "".join(f"<div>{markup.render(u.text, markup.DRAFT)}</div>" for u in units if u.kind == "paragraph")
    return BeautifulSoup(html, "html.parser")


# --- Notes --------------------------------------------------------------------------------------


def notes_draft():
    document = Document()
    document.add_heading("Formål", 1)
    paragraph = document.add_paragraph("Tiltaket krever konsekvensutredning.")
    add_reference(paragraph, "footnote", 7)  # Word's ids need not follow the numbers it shows
    paragraph.add_run(" Planen følger retningslinjene.")
    add_reference(paragraph, "endnote", 4)
    document.add_paragraph("Andre avsnitt har også en fotnote.")
    add_reference(document.paragraphs[-1], "footnote", 3)
    add_notes(document, "footnote", {3: "Plan- og bygningsloven § 4-2.", 7: "Forskrift om *KU* § 6.\nAndre ledd."})
    add_notes(document, "endnote", {4: "Statlige planretningslinjer."})
    return document


def test_footnotes_and_endnotes_are_notes_of_their_own_unit_numbered_as_word_shows_them():
    converted = convert(notes_draft())
    assert converted.markdown == (
        "# Formål\n\n"
        "Tiltaket krever konsekvensutredning.[^1] Planen følger retningslinjene.[^i]\n"
        "[^1]: Forskrift om \\*KU\\* § 6. Andre ledd.\n"
        "[^i]: Statlige planretningslinjer.\n\n"
        "Andre avsnitt har også en fotnote.[^2]\n"
        "[^2]: Plan- og bygningsloven § 4-2.\n"
    )
    assert counts(converted) == {docx_report.FOOTNOTES: 2, docx_report.ENDNOTES: 1}
    units = split_markdown(converted.markdown)
    assert [unit.number for unit in units] == ["1", "1.1", "1.2"]
    assert "[^2]: Plan- og bygningsloven" in units[2].text


def test_notes_link_both_ways_with_ids_unique_on_the_draft_page():
    page = rendered_page(convert(notes_draft()).markdown)
    ids = [element["id"] for element in page.find_all(id=True)]
    assert ids == ["note-ref:1", "note-ref:i", "note:1", "note:i", "note-ref:2", "note:2"]
    for link in page.select("sup a"):
        assert page.find(id=link["href"][1:]).a["href"] == "#" + link["id"]
    first = page.find(id="note:1").get_text()
    assert first == "1 Forskrift om *KU* § 6. Andre ledd."


def test_a_heading_s_note_goes_under_the_next_block_and_a_table_cell_s_after_the_table():
    document = Document()
    heading = document.add_heading("Bakgrunn", 2)
    add_reference(heading, "footnote", 1)
    document.add_paragraph("Første avsnitt.")
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text, table.cell(1, 0).text = "Tiltak", "Bussterminal"
    add_reference(table.cell(1, 0).paragraphs[0], "footnote", 2)
    add_notes(document, "footnote", {1: "Note til overskriften.", 2: "Note i tabellen."})
    converted = convert(document)
    assert converted.markdown == (
        "## Bakgrunn\n\nFørste avsnitt.\n[^1]: Note til overskriften.\n\n"
        "| Tiltak |\n| --- |\n| Bussterminal[^2] |\n[^2]: Note i tabellen.\n"
    )
    assert counts(converted) == {docx_report.FOOTNOTES: 2, docx_report.NOTES_MOVED: 2}
    page = rendered_page(converted.markdown)
    assert page.find(id="note:1").get_text() == "1 Note til overskriften."  # no reference in its unit
    assert page.select_one("td sup a")["href"] == "#note:2" and len(page.select("tr")) == 2


def test_a_list_item_keeps_its_note_in_the_list():
    document = Document()
    document.add_paragraph("Første punkt", style="List Bullet")
    add_reference(document.paragraphs[-1], "footnote", 1)
    document.add_paragraph("Andre punkt", style="List Bullet")
    add_notes(document, "footnote", {1: "Note til punktet."})
    markdown = convert(document).markdown
    unit, = split_markdown(markdown)
    page = rendered_page(markdown)
    assert [li.get_text(" ", strip=True) for li in page.select("li")] == ["Første punkt 1", "Andre punkt"]
    assert page.find(id="note:1").get_text() == "1 Note til punktet."


def test_references_to_nothing_repeated_or_from_inside_a_note_add_no_note():
    document = Document()
    paragraph = document.add_paragraph("Avsnitt.")
    for note_id in (5, 1, 1, 1):
        add_reference(paragraph, "footnote", note_id)
    loop = f'<w:footnote w:id="2"><w:p><w:r><w:footnoteReference w:id="2"/></w:r>{run_xml("Løkke")}</w:p></w:footnote>'
    add_notes(document, "footnote", {1: "Den eneste."}, extra=loop)
    add_reference(document.add_paragraph("Mer."), "footnote", 2)
    converted = convert(document)
    assert converted.markdown == "Avsnitt.[^1]\n[^1]: Den eneste.\n\nMer.[^2]\n[^2]: Løkke\n"
    assert counts(converted) == {docx_report.FOOTNOTES: 2}


def test_thousands_of_references_to_one_note_make_one_note():
    document = Document()
    paragraph = document.add_paragraph("Avsnitt.")
    for _ in range(5_000):
        add_reference(paragraph, "footnote", 1)
    add_notes(document, "footnote", {1: "Lang note. " * 2_000})
    markdown = docx_to_markdown(to_bytes(document))
    assert markdown.count("[^1]") == 2 and len(markdown) < 25_000


def test_a_damaged_notes_part_is_corrupt_and_its_entities_are_not_read():
    document = notes_draft()
    data = to_bytes(document)
    with pytest.raises(DocxRejected) as caught:
        convert_docx(rezip(data, replace={"word/footnotes.xml": b"<w:footnotes><w:footnote>"}))
    assert caught.value.reason == docx_import.CORRUPT
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/footnotes.xml").decode()
    doctype = '<!DOCTYPE w:footnotes [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    hostile = doctype + xml.replace("Plan- og bygningsloven", "&x;")
    markdown = docx_to_markdown(rezip(data, replace={"word/footnotes.xml": hostile.encode()}))
    assert markdown.endswith("[^2]:\n")  # the entity is not read, and neither is the rest of its text


# --- Text boxes and pictures --------------------------------------------------------------------


def test_a_text_box_is_read_once_as_paragraphs_after_the_paragraph_that_anchors_it():
    document = Document()
    paragraph = document.add_paragraph("Planen gjelder sentrum.")
    paragraph._p.append(text_box_run("Faktaboks: 300 nye boliger.", "Frist 1. mars."))
    document.add_paragraph("Neste avsnitt.")
    converted = convert(document)
    assert converted.markdown == (
        "Planen gjelder sentrum.\n\nFaktaboks: 300 nye boliger.\n\nFrist 1. mars.\n\nNeste avsnitt.\n"
    )
    assert counts(converted) == {docx_report.TEXT_BOXES: 1}


def test_a_picture_without_its_image_is_a_placeholder_with_its_alternative_text_and_keeps_its_caption():
    """Kept pictures are in test_docx_images; picture_run's image part is missing, as in a broken file."""
    document = Document()
    document.add_paragraph("Figur 1 viser planområdet.")
    document.add_paragraph()._p.append(picture_run(descr="Kart over <sentrum> *nord*"))
    document.add_paragraph("Figur 1: Planområdet sett fra sør", style="Caption")
    document.add_paragraph()._p.append(picture_run(title="Flyfoto"))
    document.add_paragraph()._p.append(text_box_run("Figur 2: Flyfoto av havna"))  # a caption's box, below
    document.add_paragraph()._p.append(picture_run())
    document.add_paragraph("Et vanlig avsnitt etter et bilde uten tekst.")
    converted = convert(document)
    units = split_markdown(converted.markdown)
    assert [unit.text for unit in units] == [
        "Figur 1 viser planområdet.",
        "*Bilde: Kart over &lt;sentrum> \\*nord\\**  \nFigur 1: Planområdet sett fra sør",
        "*Bilde: Flyfoto*  \nFigur 2: Flyfoto av havna",
        "*Bilde*",
        "Et vanlig avsnitt etter et bilde uten tekst.",
    ]
    assert counts(converted) == {docx_report.TEXT_BOXES: 1, docx_report.IMAGE_PLACEHOLDERS: 3}
    html = markup.render(units[1].text, markup.DRAFT)
    assert html == "<p><em>Bilde: Kart over &lt;sentrum&gt; *nord*</em><br>\nFigur 1: Planområdet sett fra sør</p>"


def test_a_caption_in_a_text_box_beside_its_picture_stays_with_it():
    document = Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(picture_run(descr="Kart"))
    paragraph._p.append(text_box_run("Figur 3: Kart over planområdet"))
    document.add_paragraph("Neste avsnitt.")
    assert convert(document).markdown == "*Bilde: Kart*  \nFigur 3: Kart over planområdet\n\nNeste avsnitt.\n"


def test_a_caption_numbered_by_a_word_field_is_recognised_by_it():
    document = Document()
    document.add_paragraph()._p.append(picture_run(descr="Kart"))
    caption = document.add_paragraph("Illustrasjonen ")
    caption._p.append(parse_xml(f'<w:fldSimple {NS} w:instr=" SEQ Figur \\* ARABIC ">{run_xml("4")}</w:fldSimple>'))
    caption.add_run(": Sentrum i 2040")
    assert convert(document).markdown == "*Bilde: Kart*  \nIllustrasjonen 4: Sentrum i 2040\n"


def test_an_old_vml_picture_without_its_image_is_a_placeholder_too():
    document = Document()
    document.add_paragraph()._p.append(parse_xml(
        f'<w:r {NS}><w:pict><v:shape alt="Gammelt kart"><v:imagedata r:id="rId5" o:title="kart"/></v:shape>'
        "</w:pict></w:r>"
    ))
    converted = convert(document)
    assert converted.markdown == "*Bilde: Gammelt kart*\n" and counts(converted) == {docx_report.IMAGE_PLACEHOLDERS: 1}


def test_text_boxes_nested_in_each_other_are_each_read_once():
    document = Document()
    inner = ""
    for depth in range(18):  # as deep as lxml's limit lets a document nest them
        inner = text_box_xml(f"Boks {depth}", inner=inner, fallback=False)
    document.add_paragraph("Ytterst.")._p.append(parse_xml(text_box_xml("Boks 18", inner=inner, fallback=False, ns=NS)))
    converted = convert(document)
    assert converted.markdown == "Ytterst.\n\n" + "".join(f"Boks {depth}\n\n" for depth in range(18, -1, -1))[:-1]
    assert counts(converted) == {docx_report.TEXT_BOXES: 19}


# --- Tracked changes and what is left out ----------------------------------------------------


def test_tracked_changes_are_accepted_and_counted():
    document = Document()
    paragraph = document.add_paragraph("Vi ")
    for tag, text_tag, text in (("w:ins", "w:t", "vil "), ("w:del", "w:delText", "skal "),
                                ("w:moveFrom", "w:delText", "nå "), ("w:ins", "w:t", "bygge "),
                                ("w:moveTo", "w:t", "nå"), ("w:del", "w:delText", " kanskje")):
        change = OxmlElement(tag)
        change.append(run_element(text, tag=text_tag))
        paragraph._p.append(change)
    converted = convert(document)
    assert converted.markdown == "Vi vil bygge nå\n"
    assert counts(converted) == {docx_report.INSERTIONS: 2, docx_report.DELETIONS: 2, docx_report.MOVES: 1}


def test_comments_hidden_text_equations_and_tables_of_contents_are_counted_when_left_out():
    document = Document()
    document.add_paragraph("Innhold 1", style=document.styles.add_style("toc 1", 1))
    paragraph = document.add_paragraph("Vi vil bygge.")
    document.add_comment(paragraph.runs, text="Sjekk dette", author="Kari")
    document.add_comment(paragraph.runs, text="Enig", author="Ola")
    paragraph.add_run(" (intern merknad)").font.hidden = True
    formula = document.add_paragraph("Arealet er ")
    formula._p.append(parse_xml(f"<m:oMath {NS}><m:r><m:t>A=b·h</m:t></m:r></m:oMath>"))
    converted = convert(document)
    assert converted.markdown == "Vi vil bygge.\n\nArealet er\n"
    assert counts(converted) == {
        docx_report.COMMENTS: 2, docx_report.HIDDEN_TEXT: 1, docx_report.EQUATIONS: 1,
        docx_report.TABLES_OF_CONTENTS: 1,
    }


def test_a_plain_document_has_nothing_to_report_and_docx_to_markdown_is_its_markdown():
    document = Document()
    document.add_heading("Formål", 1)
    document.add_paragraph("Planen gjelder sentrum.")
    data = to_bytes(document)
    assert convert_docx(data).notices == ()
    assert docx_to_markdown(data) == convert_docx(data).markdown == "# Formål\n\nPlanen gjelder sentrum.\n"


def test_notices_come_in_the_planner_s_reading_order_with_stable_codes():
    tally = docx_report.Tally()
    tally.add(docx_report.COMMENTS, 4)
    tally.add(docx_report.FOOTNOTES)
    tally.add(docx_report.FOOTNOTES, 2)
    tally.add(docx_report.IMAGES, 0)
    assert tally.notices() == (Notice("footnotes", 3), Notice("comments", 4))
    assert all(re.fullmatch(r"[a-z_]+", code) for code in docx_report.CODES)


def test_the_heading_above_a_left_out_table_of_contents_is_dropped_with_it():
    document = Document()
    document.add_heading("Innhold", 1)
    toc = document.add_paragraph("1 Innledning ........ 3", style=document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH))
    assert toc.text
    document.add_heading("Innledning", 1)
    document.add_paragraph("Planen gjelder sentrum.")
    document.add_heading("Innhold i planen", 1)
    document.add_paragraph("Planen har tre deler.")
    converted = convert_docx(to_bytes(document))
    assert converted.markdown == "# Innledning\n\nPlanen gjelder sentrum.\n\n# Innhold i planen\n\nPlanen har tre deler.\n"
    assert ("tables_of_contents", 1) in [(notice.code, notice.count) for notice in converted.notices]


def test_a_heading_named_contents_that_heads_text_stays():
    document = Document()
    document.add_heading("Innhold", 1)
    document.add_paragraph("Dette dokumentet inneholder planen.")
    assert convert_docx(to_bytes(document)).markdown.startswith("# Innhold\n\nDette dokumentet")
