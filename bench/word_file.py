"""A municipal plan as a planner uploads it: a Word file of about 5 MB, most of it pictures.

Built with python-docx: a title, twelve chapters whose headings Word numbers itself (one
multi-level list linked to Heading 1-3, "%1", "%1.%2", "%1.%2.%3", as Word's "1 / 1.1 / 1.1.1"
gallery does), a few hundred paragraphs with bold and italic words, bullet and numbered lists, a
table with borders in each chapter, and a dozen photographs (JPEG) and maps (PNG), each with
alternative text and a caption "Figur N: …" below it.

Deterministic for a seed; no Flask and no database.
"""
from __future__ import annotations

import io
import random

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from bench.draft_text import OBJECTS, SUBJECTS, SUBSECTION_TOPICS, TABLE_COLUMNS, fact, sentence
from bench.pictures import jpeg, png

CHAPTERS = [
    "Innledning", "Planprosess og medvirkning", "Dagens situasjon", "Bolig og bokvalitet",
    "Mobilitet og samferdsel", "Klima og miljø", "Naturmangfold og grønnstruktur", "Kulturminner og kulturmiljø",
    "Teknisk infrastruktur", "Samfunnssikkerhet og beredskap", "Økonomi og gjennomføring",
    "Konsekvenser av planforslaget",
]
# (kind, width, height): photographs of the sites, and maps and screenshots; about 4.9 MB in all.
PICTURES = [
    ("jpeg", 1600, 1200), ("png", 560, 380), ("jpeg", 1280, 960), ("jpeg", 1600, 1064), ("png", 480, 340),
    ("jpeg", 1024, 768), ("png", 520, 360), ("jpeg", 1440, 960), ("png", 480, 360), ("jpeg", 1200, 900),
    ("png", 560, 360), ("jpeg", 1280, 720),
]
CAPTIONS = [
    "Flyfoto av planområdet sett fra nord", "Kart over dagens arealbruk", "Sentrumsgata en vårdag",
    "Eksisterende bebyggelse langs elva", "Skisse av ny gangforbindelse", "Torget i dag",
    "Kart over flomsoner", "Boligfelt under utbygging", "Skjermbilde fra kommunens kartløsning",
    "Kaiområdet sett fra sjøen", "Grønnstrukturplan", "Illustrasjon av planlagt skolegård",
]
OUTLINE = ("%1", "%1.%2", "%1.%2.%3")


def word_report(seed: int = 2026) -> bytes:
    """The .docx file's bytes."""
    rng = random.Random(seed)
    document = Document()
    _number_headings(document)
    document.add_paragraph("Kommunedelplan for Fjordvik sentrum 2026–2038", style="Title")
    for _ in range(2):
        _paragraph(document, rng)
    pictures = iter(enumerate(PICTURES, start=1))
    for chapter, title in enumerate(CHAPTERS):
        document.add_heading(title, 1)
        _paragraph(document, rng)
        for section in rng.sample(SUBSECTION_TOPICS, rng.randint(2, 4)):
            document.add_heading(section, 2)
            _section_body(document, rng, rng.randint(3, 6))
            if rng.random() < 0.35:
                document.add_heading(rng.choice(SUBSECTION_TOPICS), 3)
                _section_body(document, rng, rng.randint(1, 3))
        _table(document, rng)
        number, picture = next(pictures, (None, None))
        if picture:
            _picture(document, seed * 100 + number, number, picture)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _number_headings(document) -> None:
    """One abstract numbering of three decimal levels, and Heading 1-3 linked to its levels."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum", {qn("w:abstractNumId"): "90"})
    for level, text in enumerate(OUTLINE):
        lvl = OxmlElement("w:lvl", {qn("w:ilvl"): str(level)})
        for name, value in (("start", "1"), ("numFmt", "decimal"), ("lvlText", text)):
            lvl.append(OxmlElement(f"w:{name}", {qn("w:val"): value}))
        abstract.append(lvl)
    numbering.insert(0, abstract)  # every w:abstractNum comes before the first w:num
    num_id = numbering.add_num(90).numId
    for level in range(3):
        num_pr = document.styles[f"Heading {level + 1}"].element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num_id


def _section_body(document, rng: random.Random, count: int) -> None:
    for _ in range(count):
        roll = rng.random()
        if roll < 0.7:
            _paragraph(document, rng)
        elif roll < 0.88:
            document.add_paragraph(sentence(rng)[:-1] + ":")
            for _ in range(rng.randint(3, 6)):
                document.add_paragraph(sentence(rng, opener=False), style="List Bullet")
        else:
            for _ in range(rng.randint(3, 5)):
                document.add_paragraph(sentence(rng, opener=False), style="List Number")


def _paragraph(document, rng: random.Random) -> None:
    """A paragraph of sentences and figures; now and then a bold or an italic sentence."""
    paragraph = document.add_paragraph()
    for index in range(rng.randint(3, 8)):
        text = _fact(rng) if rng.random() < 0.25 else sentence(rng, opener=rng.random() < 0.5)
        run = paragraph.add_run(("" if index == 0 else " ") + text)
        roll = rng.random()
        run.bold, run.italic = roll < 0.05, 0.05 <= roll < 0.1


def _fact(rng: random.Random) -> str:
    """A figure from the plan (a fact without Markdown: Word has no link syntax)."""
    while "[" in (text := fact(rng)):
        pass
    return text


def _table(document, rng: random.Random) -> None:
    columns = rng.choice(TABLE_COLUMNS)
    rows = rng.randint(4, 12)
    table = document.add_table(rows=rows + 1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns):
        cell.text = name
    for row in table.rows[1:]:
        values = [rng.choice(OBJECTS).capitalize(), rng.choice(SUBJECTS).capitalize(), str(rng.randint(2026, 2032))]
        for cell, value in zip(row.cells, values):
            cell.text = value


def _picture(document, seed: int, number: int, picture: tuple[str, int, int]) -> None:
    kind, width, height = picture
    data = jpeg(seed, width, height) if kind == "jpeg" else png(seed, width, height, noise=8)
    document.add_picture(io.BytesIO(data), width=Cm(15))
    caption = CAPTIONS[(number - 1) % len(CAPTIONS)]
    inline = document.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
    inline.set("descr", caption)  # alternative text, as Word asks for
    document.add_paragraph(f"Figur {number}: {caption}", style="Caption")
