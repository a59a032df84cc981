"""convert_docx keeps a Word draft's pictures: PNG, JPEG, GIF and WebP by their first bytes, named by
their SHA-256, written as Markdown images with their alternative text and caption; any other picture
stays a placeholder, and so do those past the cap on one upload (issue 13)."""
import hashlib

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from lxml import etree

from hoering import markup
from hoering.consultations import docx_images, docx_report
from hoering.consultations.docx_images import image_type
from hoering.consultations.docx_import import convert_docx
from hoering.consultations.docx_report import ConvertedImage
from hoering.consultations.drafting import split_markdown
from tests.fixtures.word import (
    EMF,
    GIF,
    JPEG,
    NS,
    PNG,
    SVG,
    WEBP,
    add_image,
    add_notes,
    add_reference,
    image_picture_run,
    picture_run,
    run_xml,
    text_box_run,
)
from tests.unit.consultations.test_docx_import import to_bytes

SHA = hashlib.sha256(PNG).hexdigest()


def convert(document):
    return convert_docx(to_bytes(document))


def counts(converted) -> dict[str, int]:
    return {notice.code: notice.count for notice in converted.notices}


def png(number: int) -> bytes:
    """A different PNG file for each number (only its first bytes need be a PNG's)."""
    return PNG + number.to_bytes(4, "big")


def test_a_png_picture_is_kept_with_its_bytes_alternative_text_and_caption():
    document = Document()
    document.add_paragraph("Figur 1 viser planområdet.")
    document.add_paragraph()._p.append(image_picture_run(document, PNG, descr="Kart over planområdet"))
    document.add_paragraph("Figur 1: Planområdet sett fra sør", style="Caption")
    converted = convert(document)
    assert converted.markdown == (
        "Figur 1 viser planområdet.\n\n"
        f"![Kart over planområdet](bilde:{SHA})  \nFigur 1: Planområdet sett fra sør\n"
    )
    assert converted.images == (ConvertedImage(SHA, "image/png", PNG),)
    assert counts(converted) == {docx_report.IMAGES: 1}


def test_the_unit_shows_a_figure_with_the_served_picture_and_its_caption():
    document = Document()
    document.add_paragraph()._p.append(image_picture_run(document, PNG, descr="Kart <nord> [1] *sør*"))
    document.add_paragraph("Figur 1: Planområdet", style="Caption")
    unit, = split_markdown(convert(document).markdown)
    figure = BeautifulSoup(markup.render(unit.text, markup.DRAFT), "html.parser").figure
    assert figure.img.attrs == {"alt": "Kart <nord> [1] *sør*", "loading": "lazy", "src": f"/hoeringer/bilder/{SHA}"}
    assert figure.figcaption.get_text() == "Figur 1: Planområdet"


@pytest.mark.parametrize("data, content_type", [(PNG, "image/png"), (JPEG, "image/jpeg"), (GIF, "image/gif"),
                                                (WEBP, "image/webp")])
def test_pictures_browsers_show_are_known_by_their_first_bytes(data, content_type):
    assert image_type(data) == content_type
    document = Document()
    # The name and content type in the package are the uploader's word, and say nothing here.
    document.add_paragraph()._p.append(image_picture_run(document, data, extension="emf", content_type="image/x-emf"))
    converted = convert(document)
    assert [(image.content_type, image.data) for image in converted.images] == [(content_type, data)]


WMF = b"\xd7\xcd\xc6\x9a" + bytes(60)


@pytest.mark.parametrize("data", [
    EMF, WMF, SVG, b"BM" + bytes(60), b"II*\x00" + bytes(60), b"RIFF\x00\x00\x00\x00WAVE", b"",
])
def test_anything_else_stays_a_placeholder_with_its_caption_whatever_its_name(data):
    document = Document()
    document.add_paragraph()._p.append(image_picture_run(document, data, descr="Diagram"))
    document.add_paragraph("Figur 2: Utbyggingstakt", style="Caption")
    converted = convert(document)
    assert converted.markdown == "*Bilde: Diagram*  \nFigur 2: Utbyggingstakt\n"
    assert converted.images == () and image_type(data) is None
    assert counts(converted) == {docx_report.IMAGE_PLACEHOLDERS: 1}


def test_of_an_svg_picture_word_s_png_copy_is_kept_and_the_svg_never():
    document = Document()
    png_id, svg_id = add_image(document, PNG), add_image(document, SVG, "svg", "image/svg+xml")
    run = etree.tostring(picture_run(descr="Logo", embed=png_id)).decode().replace(
        "/></pic:blipFill>",
        '><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">'
        '<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" '
        f'r:embed="{svg_id}"/></a:ext></a:extLst></a:blip></pic:blipFill>',
    )
    assert "svgBlip" in run
    document.add_paragraph()._p.append(parse_xml(run))
    converted = convert(document)
    assert converted.markdown == f"![Logo](bilde:{SHA})\n"
    assert converted.images == (ConvertedImage(SHA, "image/png", PNG),)


def test_a_linked_picture_a_missing_part_and_a_chart_stay_placeholders():
    document = Document()
    linked = etree.tostring(picture_run(descr="Lenket")).decode().replace('r:embed="rId99"', 'r:link="rId98"')
    document.add_paragraph()._p.append(parse_xml(linked))
    document.add_paragraph()._p.append(picture_run(descr="Borte"))  # rId99: no such relationship
    document.add_paragraph()._p.append(parse_xml(
        f'<w:r {NS}><w:drawing><wp:inline><wp:docPr id="3" name="Diagram 3" descr="Folketall"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId7"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    ))
    converted = convert(document)
    assert converted.markdown == "*Bilde: Lenket*\n\n*Bilde: Borte*\n\n*Bilde: Folketall*\n"
    assert counts(converted) == {docx_report.IMAGE_PLACEHOLDERS: 3} and converted.images == ()


def test_an_old_vml_picture_is_kept_too():
    document = Document()
    relationship = add_image(document, JPEG, "jpeg", "image/jpeg")
    document.add_paragraph()._p.append(parse_xml(
        f'<w:r {NS}><w:pict><v:shape alt="Gammelt kart"><v:imagedata r:id="{relationship}" o:title="kart"/>'
        "</v:shape></w:pict></w:r>"
    ))
    converted = convert(document)
    assert converted.markdown == f"![Gammelt kart](bilde:{hashlib.sha256(JPEG).hexdigest()})\n"


def test_without_alternative_text_a_picture_takes_its_title_else_its_caption_wherever_it_is():
    document = Document()
    document.add_paragraph()._p.append(image_picture_run(document, png(1), title="Flyfoto"))
    document.add_paragraph()._p.append(image_picture_run(document, png(2)))
    caption = document.add_paragraph("Figur 2: ", style="Caption")
    caption.add_run("Havna").italic = True
    beside = document.add_paragraph()
    beside._p.append(image_picture_run(document, png(3)))
    beside._p.append(text_box_run("Figur 3: Kart over [planområdet]"))
    document.add_paragraph()._p.append(image_picture_run(document, png(4)))
    document.add_paragraph()._p.append(text_box_run("Figur 4: Sentrum i 2040"))  # a caption's box, below
    document.add_paragraph()._p.append(image_picture_run(document, png(5)))
    document.add_paragraph("Et avsnitt som ikke er noen bildetekst.")
    converted = convert(document)
    shas = [image.sha256 for image in converted.images]
    assert [unit.text for unit in split_markdown(converted.markdown)] == [
        f"![Flyfoto](bilde:{shas[0]})",
        f"![Figur 2: Havna](bilde:{shas[1]})  \nFigur 2: *Havna*",
        f"![Figur 3: Kart over \\[planområdet\\]](bilde:{shas[2]})  \nFigur 3: Kart over \\[planområdet\\]",
        f"![Figur 4: Sentrum i 2040](bilde:{shas[3]})  \nFigur 4: Sentrum i 2040",
        f"![](bilde:{shas[4]})",
        "Et avsnitt som ikke er noen bildetekst.",
    ]
    assert counts(converted) == {docx_report.TEXT_BOXES: 2, docx_report.IMAGES: 5, docx_report.IMAGES_WITHOUT_TEXT: 1}


def test_a_picture_followed_by_a_picture_with_its_own_caption_keeps_to_itself():
    document = Document()
    document.add_paragraph()._p.append(image_picture_run(document, png(1), descr="Første"))
    second = document.add_paragraph()
    second._p.append(image_picture_run(document, png(2), descr="Andre"))
    second._p.append(text_box_run("Figur 2: Den andre"))
    converted = convert(document)
    first, other = (image.sha256 for image in converted.images)
    assert converted.markdown == f"![Første](bilde:{first})\n\n![Andre](bilde:{other})  \nFigur 2: Den andre\n"


def test_a_picture_shown_twice_or_stored_twice_is_one_image():
    document = Document()
    relationship = add_image(document, PNG)
    document.add_paragraph()._p.append(picture_run(descr="Kart", embed=relationship))
    document.add_paragraph()._p.append(picture_run(descr="Kart igjen", embed=relationship))
    document.add_paragraph()._p.append(image_picture_run(document, PNG, descr="Kopi"))
    converted = convert(document)
    assert converted.markdown == f"![Kart](bilde:{SHA})\n\n![Kart igjen](bilde:{SHA})\n\n![Kopi](bilde:{SHA})\n"
    assert len(converted.images) == 1 and counts(converted) == {docx_report.IMAGES: 3}


def test_pictures_past_the_cap_on_an_upload_are_placeholders_and_the_report_says_so(monkeypatch):
    monkeypatch.setattr(docx_images, "MAX_IMAGES", 2)
    document = Document()
    for number in range(1, 4):
        document.add_paragraph()._p.append(image_picture_run(document, png(number), descr=f"Kart {number}"))
    document.add_paragraph()._p.append(image_picture_run(document, png(1), descr="Kart 1 igjen"))
    converted = convert(document)
    first, second = (image.sha256 for image in converted.images)
    assert converted.markdown == (
        f"![Kart 1](bilde:{first})\n\n![Kart 2](bilde:{second})\n\n*Bilde: Kart 3*\n\n![Kart 1 igjen](bilde:{first})\n"
    )
    assert counts(converted) == {docx_report.IMAGES: 3, docx_report.IMAGES_OVER_LIMIT: 1}


def test_the_cap_counts_the_bytes_of_all_the_pictures(monkeypatch):
    monkeypatch.setattr(docx_images, "MAX_IMAGE_BYTES", len(png(1)) + len(GIF))
    document = Document()
    for data in (png(1), png(2), GIF):  # the second is one too many bytes; the smaller third still fits
        document.add_paragraph()._p.append(image_picture_run(document, data, descr="Kart"))
    converted = convert(document)
    assert [image.data for image in converted.images] == [png(1), GIF]
    assert counts(converted) == {docx_report.IMAGES: 2, docx_report.IMAGES_OVER_LIMIT: 1}


def test_the_default_cap_is_200_pictures_of_20_mb():
    assert (docx_images.MAX_IMAGES, docx_images.MAX_IMAGE_BYTES) == (200, 20 * 1024 * 1024)


def test_a_picture_in_a_footnote_is_found_through_the_footnotes_own_relationships():
    document = Document()
    document.add_paragraph()._p.append(image_picture_run(document, PNG, descr="I teksten"))
    paragraph = document.add_paragraph("Se kartet.")
    add_reference(paragraph, "footnote", 1)
    add_notes(document, "footnote", {1: "Kilde: PICTURE"})
    notes = document.part.part_related_by(RT.FOOTNOTES)
    relationship = notes.relate_to(add_image_part(document, GIF), RT.IMAGE)
    drawing = etree.tostring(picture_run(descr="Kart i noten", embed=relationship))
    notes._blob = notes.blob.replace(b"PICTURE</w:t></w:r>", b"</w:t></w:r>" + drawing)
    converted = convert(document)
    gif = hashlib.sha256(GIF).hexdigest()
    assert converted.markdown.endswith(f"Se kartet.[^1]\n[^1]: Kilde: ![Kart i noten](bilde:{gif})\n")
    assert {image.content_type for image in converted.images} == {"image/png", "image/gif"}


def add_image_part(document, data: bytes):
    """An image part of the package, not yet related to anything."""
    relationship = add_image(document, data, "gif", "image/gif")
    return document.part.related_parts[relationship]


def test_a_picture_in_a_heading_stays_a_placeholder_in_the_heading_text():
    document = Document()
    heading = document.add_heading("Planområdet ", 1)
    heading._p.append(image_picture_run(document, PNG, descr="Logo"))
    converted = convert(document)
    assert converted.markdown == "# Planområdet Bilde: Logo\n"
    assert converted.images == () and counts(converted) == {docx_report.IMAGE_PLACEHOLDERS: 1}


def test_a_picture_in_a_table_cell_is_kept_in_the_cell():
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Sted", "Kart")):
        cell.text = text
    table.rows[1].cells[0].text = "Sentrum"
    table.rows[1].cells[1].paragraphs[0]._p.append(image_picture_run(document, PNG, descr="Kart | sentrum"))
    converted = convert(document)
    assert converted.markdown == f"| Sted | Kart |\n| --- | --- |\n| Sentrum | ![Kart \\| sentrum](bilde:{SHA}) |\n"
    html = markup.render(converted.markdown, markup.DRAFT)
    assert f'<td><img alt="Kart | sentrum" loading="lazy" src="/hoeringer/bilder/{SHA}"></td>' in html


def test_a_picture_among_text_is_kept_where_it_is():
    document = Document()
    paragraph = document.add_paragraph("Kartet ")
    paragraph._p.append(image_picture_run(document, PNG, descr="Kart"))
    paragraph._p.append(parse_xml(run_xml(" viser planområdet.").replace("<w:r>", f"<w:r {NS}>")))
    converted = convert(document)
    assert converted.markdown == f"Kartet  \n![Kart](bilde:{SHA})  \nviser planområdet.\n"
