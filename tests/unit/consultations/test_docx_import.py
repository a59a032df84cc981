"""docx_to_markdown: a Word draft becomes Markdown that splits into the units a reader expects,
shows the planner's text as written, and bad uploads are refused with a message in Norwegian."""
import html
import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from hoering import markup
from hoering.consultations import docx_import, docx_package
from hoering.consultations.docx_import import DocxRejected, docx_to_markdown
from hoering.consultations.drafting import split_markdown

def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def convert(document) -> str:
    return docx_to_markdown(to_bytes(document))


def add_link(paragraph, url, text):
    """python-docx has no API for hyperlinks: add w:hyperlink with an external relationship."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    link.append(run_element(text))
    paragraph._p.append(link)


def run_element(text, tag="w:t"):
    run, content = OxmlElement("w:r"), OxmlElement(tag)
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    return run


def add_numbering(document, formats) -> int:
    """A numbering definition whose levels 0, 1, 2 … have the given w:numFmt; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 100 + len(numbering.xpath("./w:abstractNum"))
    abstract = OxmlElement("w:abstractNum", {qn("w:abstractNumId"): str(abstract_id)})
    for level, number_format in enumerate(formats):
        lvl = OxmlElement("w:lvl", {qn("w:ilvl"): str(level)})
        lvl.append(OxmlElement("w:numFmt", {qn("w:val"): number_format}))
        abstract.append(lvl)
    numbering.insert(0, abstract)  # every w:abstractNum comes before the first w:num
    return numbering.add_num(abstract_id).numId


def add_item(document, text, num_id, level=0):
    paragraph = document.add_paragraph(text, style="List Paragraph")
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def visible_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def sample_draft():
    document = Document()
    document.add_paragraph("Innledende tekst før første overskrift.")
    document.add_heading("Formål og bakgrunn", 1)
    paragraph = document.add_paragraph("Kommunen ønsker ")
    paragraph.add_run("innspill").bold = True
    paragraph.add_run(" fra ")
    paragraph.add_run("alle").italic = True
    paragraph.add_run(" innbyggere i Bærum, Tromsø og Ålesund.")
    document.add_heading("Tiltak", 2)
    document.add_paragraph("Tiltakene er:")
    document.add_paragraph("Bedre veier", style="List Bullet")
    document.add_paragraph("Gang- og sykkelvei", style="List Bullet 2")
    document.add_paragraph("Flere busser", style="List Bullet")
    document.add_paragraph("Prioritert rekkefølge:")
    document.add_paragraph("Først", style="List Number")
    document.add_paragraph("Deretter", style="List Number")
    document.add_heading("Økonomi", 1)
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([["Post", "Beløp"], ["Drift | vedlikehold", "1 000 kr"], ["Investering", "2 000 kr"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    paragraph = document.add_paragraph("Les mer på ")
    add_link(paragraph, "https://www.example.no/høring?a=1&b=2", "kommunens nettside")
    paragraph.add_run(".")
    paragraph = document.add_paragraph("Ikke ")
    add_link(paragraph, "javascript:alert(1)", "klikk her")
    document.add_heading("Detaljer", 3)
    document.add_paragraph("")
    document.add_paragraph("Siste avsnitt.")
    return document


SAMPLE_MARKDOWN = """\
Innledende tekst før første overskrift.

# Formål og bakgrunn

Kommunen ønsker **innspill** fra *alle* innbyggere i Bærum, Tromsø og Ålesund.

## Tiltak

Tiltakene er:

- Bedre veier
    - Gang- og sykkelvei
- Flere busser

Prioritert rekkefølge:

1. Først
2. Deretter

# Økonomi

| Post | Beløp |
| --- | --- |
| Drift \\| vedlikehold | 1 000 kr |
| Investering | 2 000 kr |

Les mer på [kommunens nettside](https://www.example.no/høring?a=1&b=2).

Ikke klikk her

### Detaljer

Siste avsnitt.
"""


def test_a_typical_draft_becomes_markdown_in_document_order():
    assert convert(sample_draft()) == SAMPLE_MARKDOWN


def test_the_converted_draft_splits_into_the_units_a_reader_expects():
    units = split_markdown(convert(sample_draft()))
    assert [(u.number, u.kind) for u in units] == [
        ("0.1", "paragraph"),  # text before the first heading
        ("1", "heading"),
        ("1.1", "paragraph"),
        ("1.2", "heading"),
        ("1.2.1", "paragraph"),
        ("1.2.2", "paragraph"),  # the nested bulleted list is one unit
        ("1.2.3", "paragraph"),
        ("1.2.4", "paragraph"),  # the numbered list is one unit
        ("2", "heading"),
        ("2.1", "paragraph"),  # the table is one unit
        ("2.2", "paragraph"),
        ("2.3", "paragraph"),
        ("2.4", "heading"),  # heading 3 under heading 1 nests one step
        ("2.4.1", "paragraph"),
    ]
    assert units[5].text.count("\n") == 2 and "Flere busser" in units[5].text
    assert units[1].anchor == "formal-og-bakgrunn"


def test_the_converted_draft_renders_lists_tables_and_safe_links():
    rendered = markup.render(convert(sample_draft()), markup.DRAFT)
    assert "<li>Bedre veier<ul>\n<li>Gang- og sykkelvei</li>" in rendered
    assert "<ol>\n<li>Først</li>\n<li>Deretter</li>\n</ol>" in rendered
    assert "<td>Drift | vedlikehold</td>" in rendered
    assert '<a href="https://www.example.no/høring?a=1&amp;b=2" rel="nofollow">kommunens nettside</a>' in rendered
    assert "javascript" not in rendered


def test_norwegian_style_names_title_and_outline_levels_make_headings_and_a_toc_is_left_out():
    document = Document()
    for name in ("Tittel", "Overskrift 2", "toc 1"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    based = document.styles.add_style("Kommunens overskrift", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = document.styles["Heading 3"]
    document.add_paragraph("Høring om skolestruktur", style="Tittel")
    document.add_paragraph("Innhold 3", style="toc 1")
    document.add_paragraph("Bakgrunn", style="Overskrift 2")
    document.add_paragraph("Egen stil", style="Kommunens overskrift")
    document.add_heading("Dokumenttittel", 0)  # python-docx's level 0 is the "Title" style
    outlined = document.add_paragraph("Disposisjonsnivå")
    outlined._p.get_or_add_pPr().append(OxmlElement("w:outlineLvl", {qn("w:val"): "1"}))
    assert convert(document) == (
        "# Høring om skolestruktur\n\n## Bakgrunn\n\n### Egen stil\n\n# Dokumenttittel\n\n## Disposisjonsnivå\n"
    )


def test_heading_text_is_plain_text_as_the_app_shows_it_and_keeps_a_trailing_hash():
    document = Document()
    heading = document.add_heading("", 2)
    heading.add_run("Kapittel ").bold = True
    heading.add_run("#3 *viktig* <b>")
    document.add_heading("Sak nr. #", 1)
    markdown = convert(document)
    assert markdown == "## Kapittel #3 *viktig* <b>\n\n# Sak nr. # #\n"
    assert [u.text for u in split_markdown(markdown)] == ["Kapittel #3 *viktig* <b>", "Sak nr. #"]


def test_numbering_properties_decide_bullet_or_number_and_nest_by_level():
    document = Document()
    bullets = add_numbering(document, ["bullet"] * 4)
    numbers = add_numbering(document, ["decimal", "lowerLetter"])
    add_item(document, "Punkt", bullets)
    add_item(document, "Underpunkt", bullets, level=1)
    add_item(document, "Hoppet over et nivå", bullets, level=3)
    add_item(document, "Nummerert under", numbers, level=1)
    add_item(document, "Nytt punkt", bullets)
    add_item(document, "Nummerert", numbers)
    document.add_paragraph("Ikke en liste lenger.")
    assert convert(document) == (
        "- Punkt\n"
        "    - Underpunkt\n"
        "        - Hoppet over et nivå\n"
        "\n"
        "    1. Nummerert under\n"
        "- Nytt punkt\n"
        "\n"
        "1. Nummerert\n"
        "\n"
        "Ikke en liste lenger.\n"
    )
    units = split_markdown(convert(document))
    assert [u.number for u in units] == ["0.1", "0.2"]  # one list unit despite the change of kind
    rendered = markup.render(convert(document), markup.DRAFT)
    assert rendered.count("<ul>") == 3 and rendered.count("<ol>") == 2


def test_numbering_id_zero_switches_a_list_style_off():
    document = Document()
    add_item(document, "Ingen nummerering", 0)
    assert convert(document) == "Ingen nummerering\n"


def test_line_breaks_are_hard_breaks_in_paragraphs_and_list_items():
    document = Document()
    paragraph = document.add_paragraph("Storgata 1")
    paragraph.add_run().add_break()
    paragraph.add_run("0155 Oslo")
    item = document.add_paragraph("Første linje", style="List Bullet")
    item.add_run().add_break()
    item.add_run("andre linje")
    markdown = convert(document)
    assert markdown == "Storgata 1  \n0155 Oslo\n\n- Første linje  \n    andre linje\n"
    rendered = markup.render(markdown, markup.DRAFT)
    assert "Storgata 1<br>" in rendered and "<li>Første linje<br>" in rendered


def test_runs_of_equal_formatting_merge_and_whitespace_stays_outside_markers():
    document = Document()
    paragraph = document.add_paragraph()
    for text in ("Dette ", "er ", "fet ", ""):
        paragraph.add_run(text).bold = True
    paragraph.add_run("og ")
    both = paragraph.add_run("begge")
    both.bold = both.italic = True
    paragraph.add_run(" og ")
    paragraph.add_run("sterk").style = "Strong"
    not_bold = paragraph.add_run(" ikke")
    not_bold.style, not_bold.bold = "Strong", False
    paragraph.add_run(" ").italic = True
    assert convert(document) == "**Dette er fet** og ***begge*** og **sterk** ikke\n"


def test_merged_cells_are_left_empty_and_empty_tables_are_skipped():
    document = Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Over to kolonner"
    table.cell(0, 2).text = "C"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Over to rader"
    table.cell(1, 1).text = "*a*"
    table.cell(2, 2).text = "linje 1\nlinje 2"
    document.add_table(rows=2, cols=2)
    assert convert(document) == (
        "| Over to kolonner |  | C |\n"
        "| --- | --- | --- |\n"
        "| Over to rader | \\*a\\* |  |\n"
        "|  |  | linje 1<br>linje 2 |\n"
    )


def test_links_keep_only_safe_targets():
    document = Document()
    paragraph = document.add_paragraph()
    add_link(paragraph, "mailto:post@kommune.no", "post@kommune.no")
    paragraph.add_run(" ")
    add_link(paragraph, "file:///C:/hemmelig.docx", "fil")
    paragraph.add_run(" ")
    add_link(paragraph, "https://example.no/a b(c)", "rar adresse")
    paragraph.add_run(" ")
    add_link(paragraph, " JavaScript:alert(1)", "skript")
    markdown = convert(document)
    assert markdown == (
        "[post@kommune.no](mailto:post@kommune.no) fil [rar adresse](https://example.no/a%20b%28c%29) skript\n"
    )
    rendered = markup.render(markdown, markup.DRAFT)
    assert 'href="https://example.no/a%20b%28c%29"' in rendered and "javascript" not in rendered.lower()


def test_hostile_text_comes_through_as_text():
    document = Document()
    document.add_paragraph("<script>alert(1)</script>")
    paragraph = document.add_paragraph("Se ")
    paragraph.add_run("[x](javascript:alert(1))")
    paragraph.add_run(" og <img src=x onerror=alert(1)>")
    markdown = convert(document)
    rendered = markup.render(markdown, markup.DRAFT)
    assert "<script" not in rendered and "<img" not in rendered
    assert "href" not in rendered and "javascript:alert(1)" in visible_text(rendered)
    assert visible_text(markup.render(markdown.split("\n\n")[1], markup.DRAFT)) == (
        "Se [x](javascript:alert(1)) og <img src=x onerror=alert(1)>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "# Ikke en overskrift",
        "> ikke et sitat",
        "- ikke en liste",
        "+ ikke en liste",
        "* ikke en liste",
        "1. ikke en nummerert liste",
        "2025) ikke heller",
        "---",
        "===",
        "~~~ ikke kode",
        "``` ikke kode",
        "    innrykket, ikke kode",
        "stjerne * og _understrek_ og snake_case og `kode` og \\ skråstrek",
        "[lenke](https://example.no) og ![bilde](x.png)",
        "| a | b |",
    ],
)
def test_markdown_significant_text_is_escaped_so_it_reads_as_written(text):
    document = Document()
    document.add_heading("Overskrift", 1)
    paragraph = document.add_paragraph("Første linje")
    paragraph.add_run().add_break()
    paragraph.add_run(text)
    document.add_paragraph(text)
    markdown = convert(document)
    units = split_markdown(markdown)
    assert [(u.number, u.kind) for u in units] == [("1", "heading"), ("1.1", "paragraph"), ("1.2", "paragraph")]
    assert visible_text(markup.render(units[2].text, markup.DRAFT)) == text.strip()
    assert visible_text(markup.render(units[1].text, markup.DRAFT)) == "Første linje\n" + text.strip()


def test_tracked_insertions_are_kept_deletions_and_hidden_text_dropped_and_content_controls_read():
    document = Document()
    paragraph = document.add_paragraph("Vi ")
    paragraph.add_run("(intern merknad) ").font.hidden = True
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    inserted.append(run_element("vil "))
    deleted.append(run_element("skal ", tag="w:delText"))
    paragraph._p.append(inserted)
    paragraph._p.append(deleted)
    paragraph.add_run("bygge.")
    body = document.element.body
    for gallery, text in (("Table of Contents", "Innholdsfortegnelse 1"), (None, "Innhold i kontroll")):
        sdt, properties, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
        if gallery:
            part = OxmlElement("w:docPartObj")
            part.append(OxmlElement("w:docPartGallery", {qn("w:val"): gallery}))
            properties.append(part)
        p = OxmlElement("w:p")
        p.append(run_element(text))
        content.append(p)
        sdt.extend([properties, content])
        body.insert(0, sdt)
    assert convert(document) == "Innhold i kontroll\n\nVi vil bygge.\n"


def test_table_rows_inside_a_content_control_are_kept():
    document = Document()
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text, table.cell(1, 0).text = "Overskrift", "Gjentatt rad"
    row = table._tbl.tr_lst[1]
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    row.addprevious(sdt)
    content.append(row)
    sdt.append(content)
    assert convert(document) == "| Overskrift |\n| --- |\n| Gjentatt rad |\n"


# --- Rejected uploads -------------------------------------------------------------------------


def rejection(data: bytes) -> str:
    with pytest.raises(DocxRejected) as caught:
        docx_to_markdown(data)
    assert isinstance(caught.value, ValueError) and str(caught.value) == caught.value.reason
    return caught.value.reason


def rezip(data: bytes, drop=(), replace=None) -> bytes:
    """Copy a .docx archive, leaving out or replacing members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in drop:
                target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
    return out.getvalue()


def valid_docx() -> bytes:
    return to_bytes(sample_draft())


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", b"Hei"])
def test_anything_but_a_zip_is_not_a_word_document(data):
    assert rejection(data) == docx_import.NOT_DOCX


def test_an_ole_file_is_an_old_doc_or_password_protected():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert rejection(ole) == docx_import.PROTECTED_OR_OLD_DOC
    assert "passordbeskyttet" in docx_import.PROTECTED_OR_OLD_DOC and ".doc-formatet" in docx_import.PROTECTED_OR_OLD_DOC
    encrypted = ole + "EncryptionInfo".encode("utf-16-le") + bytes(64)
    assert rejection(encrypted) == docx_import.PASSWORD_PROTECTED


def test_a_zip_without_a_word_document_is_not_a_word_document():
    assert rejection(rezip(valid_docx(), drop={"word/document.xml"})) == docx_import.NOT_DOCX
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hei.txt", "hei")
    assert rejection(out.getvalue()) == docx_import.NOT_DOCX


def test_a_macro_enabled_document_is_not_accepted_as_docx():
    data = valid_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
        )
    assert rejection(rezip(data, replace={"[Content_Types].xml": types})) == docx_import.NOT_DOCX


def test_a_truncated_or_damaged_file_is_corrupt():
    data = valid_docx()
    assert rejection(data[: len(data) // 2]) == docx_import.CORRUPT
    broken_xml = rezip(data, replace={"word/document.xml": b"<w:document><w:body><w:p>"})
    assert rejection(broken_xml) == docx_import.CORRUPT
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
    flipped = bytearray(data)
    flipped[info.header_offset + 30 + len(info.filename) + 10] ^= 0xFF  # inside the compressed data
    assert rejection(bytes(flipped)) == docx_import.CORRUPT


def with_doctype(doctype: str, reference: str) -> bytes:
    document = Document()
    document.add_paragraph("PLASSHOLDER")
    data = to_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").replace(b"PLASSHOLDER", reference.encode())
    declaration, rest = xml.split(b"?>", 1)
    return rezip(data, replace={"word/document.xml": declaration + b"?>" + doctype.encode() + rest})


def test_entity_expansion_is_refused_and_external_entities_are_not_read():
    laughs = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    assert rejection(with_doctype(f"<!DOCTYPE w:document [{laughs}]>", "&a9;")) == docx_import.CORRUPT
    external = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
    assert rejection(with_doctype(external, "&x;")) == docx_import.EMPTY


def test_an_empty_document_is_rejected():
    assert rejection(to_bytes(Document())) == docx_import.EMPTY
    document = Document()
    document.add_paragraph("   ")
    document.add_heading("", 1)
    document.add_table(rows=2, cols=2)
    document.add_page_break()
    assert rejection(to_bytes(document)) == docx_import.EMPTY


def test_an_oversized_file_is_rejected_before_parsing():
    assert rejection(b"PK\x03\x04" + bytes(docx_import.MAX_DOCX_BYTES)) == docx_import.TOO_LARGE
    assert "10 MB" in docx_import.TOO_LARGE


def test_an_archive_that_unpacks_too_large_is_refused(monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_docx())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("word/media/fyll.bin", bytes(2_000_000))  # compresses to a few kB
    bomb = out.getvalue()
    assert len(bomb) < 50_000
    assert docx_to_markdown(bomb) == SAMPLE_MARKDOWN
    monkeypatch.setattr(docx_package, "MAX_UNPACKED_BYTES", 1_000_000)
    assert rejection(bomb) == docx_import.TOO_LARGE_UNPACKED


def test_messages_are_translatable_module_constants_in_norwegian():
    names = ("TOO_LARGE", "TOO_LARGE_UNPACKED", "TOO_LONG", "NOT_DOCX", "PASSWORD_PROTECTED", "PROTECTED_OR_OLD_DOC")
    for name in names + ("CORRUPT",):
        message = getattr(docx_import, name)
        assert type(message).__name__ == "LazyString" and str(message).endswith(".")
    assert docx_import.CORRUPT == "Filen er skadet og kan ikke leses."
    assert docx_import.EMPTY == "Dokumentet er tomt."


def test_a_text_longer_than_the_draft_may_be_is_refused_as_soon_as_it_gets_there():
    assert docx_to_markdown(valid_docx(), max_length=len(SAMPLE_MARKDOWN)) == SAMPLE_MARKDOWN
    with pytest.raises(DocxRejected) as caught:
        docx_to_markdown(valid_docx(), max_length=100)
    assert caught.value.reason == docx_import.TOO_LONG


def with_parts(body: str, styles: str = "", numbering: str = "") -> bytes:
    """A .docx with this body, and with these styles and numbering definitions added to Word's own."""
    data = valid_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
        parts = {name: archive.read(name).decode() for name in names}
    head = parts["word/document.xml"].split("<w:body>")[0]
    numbering_head, numbering_rest = parts["word/numbering.xml"].split("<w:num ", 1)
    return rezip(data, replace={
        "word/document.xml": f"{head}<w:body>{body}</w:body></w:document>".encode(),
        "word/styles.xml": parts["word/styles.xml"].replace("</w:styles>", f"{styles}</w:styles>").encode(),
        "word/numbering.xml": f"{numbering_head}{numbering}<w:num {numbering_rest}".encode(),
    })




def test_a_style_of_its_own_on_every_paragraph_is_followed_to_the_end_of_its_chain():
    """python-docx searches the whole style list for each style: a hostile file made that quadratic.
    The styles are now read once (docx_index); bench/docx_upload.py times this shape."""
    count = 8_000
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{n}"><w:name w:val="Stil {n}"/>'
        f'<w:basedOn w:val="s{n + 1}"/></w:style>'
        for n in range(count)
    ) + f'<w:style w:type="paragraph" w:styleId="s{count}"><w:name w:val="heading 2"/></w:style>'
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="s{n}"/></w:pPr><w:r><w:t>Avsnitt {n}</w:t></w:r></w:p>'
                   for n in range(count))
    markdown = docx_to_markdown(with_parts(body, styles=styles))
    assert markdown.startswith("## Avsnitt 0\n\n## Avsnitt 1\n"), "a chain longer than ten styles is followed"


def test_a_list_of_its_own_on_every_paragraph_keeps_its_format():
    """An XPath over all list definitions for each item was quadratic: minutes for a 300 KB file.
    The definitions are now read once (docx_index); bench/docx_upload.py times this shape."""
    count = 8_000
    numbering = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n}"/></w:num>' for n in range(1000, 1000 + count)
    )
    body = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{n}"/></w:numPr></w:pPr>'
        f'<w:r><w:t>Punkt {n}</w:t></w:r></w:p>'
        for n in range(1000, 1000 + count)
    )
    markdown = docx_to_markdown(with_parts(body, numbering=numbering))
    assert markdown.startswith("- Punkt 1000\n- Punkt 1001\n")
