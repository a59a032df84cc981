"""The høringsnotat as DOCX, written from plain data: python-docx opens it, the outline is made of real
headings, quotes and assessments are there, the appendix holds every comment (never an e-mail), and
nothing in it is Markdown: a comment's lists, emphasis and tables are Word's own."""
from __future__ import annotations

import io
import re
from datetime import datetime

import pytest
from docx import Document
from docx.oxml.ns import qn

from hoering import markup
from hoering.exports.memo import (Entry, Memo, Participation, Quote, Section, SignOff, UnitLine, comment_html,
                                  write_memo)

MARKDOWN = re.compile(r"\*\*|__|^#|^\s*[-*] |\|---|\]\(", re.MULTILINE)

STANCE = {"support": 2, "against": 1, "neutral": 0, "suggestion": 1, "not_stated": 1}
SUMMARY = {
    "run_id": 7, "analysed_at": "2026-11-20T10:15:00", "comments": 5, "people": 4, "organisations": 1,
    "organisation_comments": 1, "individual_comments": 4, "stance": STANCE,
    "campaigns": [{"id": 1, "size": 2, "text": "Behold biblioteket på Ørnes!", "comment_ids": [3, 4]}],
    "themes": [
        {"key": "0", "label": "Kommentarfelt på Facebook", "keywords": ["kommentarfelt", "hverdager"], "count": 3,
         "share": 0.6, "stance": STANCE, "assessment": "Kommunen vil prøve åpent kommentarfelt i helgene.\n\nSe punkt 2.1.",
         "quotes": [{"comment_id": 1, "text": "Kommentarfeltet bør være åpent hele uka", "stance": "suggestion",
                     "unit": "2.1"}],
         "comment_ids": [1, 2, 3]},
        {"key": "1", "label": "Svartid og brøyting", "keywords": ["svartid"], "count": 2, "share": 0.4,
         "stance": STANCE, "assessment": "", "quotes": [{"comment_id": 5, "text": "To virkedager er for lenge",
                                                          "stance": "against", "unit": ""}],
         "comment_ids": [4, 5]},
    ],
    "units": [],
}
ENTRIES = [
    Entry(1, "2.1", None, "Åse Ødegård", "Blåbær velforening", "suggestion", datetime(2026, 11, 3, 9, 0),
          "Kommentarfeltet bør være åpent hele uka.\nOgså i helgene, særlig om vinteren."),
    Entry(2, "2.1", 1, "Per Ås", "", "support", datetime(2026, 11, 3, 23, 30), "Enig med Åse – æøå ÆØÅ."),
    Entry(3, "", None, "Kari Nordmann", "", "", datetime(2026, 11, 4, 8, 0), "Behold biblioteket på Ørnes! <b>&</b>"),
    Entry(4, "", None, "Ola Nordmann", "", "against", datetime(2026, 11, 4, 8, 5), "Behold biblioteket\x07 på Ørnes!"),
    Entry(5, "1.2", None, "Mallory", "", "against", datetime(2026, 11, 5, 12, 0), "=HYPERLINK(\"http://ond.example\")"),
]


def make_memo(summary=SUMMARY, sign_off=None, **overrides) -> Memo:
    values = dict(
        title="Strategi for digital dialog med innbyggerne", organisation="Fjordvik kommune",
        summary_text="Kommunen ber om innspill til strategien.\n\nFristen er om to uker.",
        contact="Postmottak, Fjordvik kommune", opens_at=datetime(2026, 11, 1, 8), closes_at=datetime(2026, 12, 1, 22, 59),
        language="nb",
        participation=Participation(comments=5, replies=1, people=4, organisations=1, stance=STANCE),
        whole_document=Section("", "", 2, [], []),
        sections=[
            Section("0", "", 0, [], []),
            Section("1", "Formål", 1, [UnitLine("1.2", "Kommunen skal svare på spørsmål …", 1, {"against": 1})],
                    [Quote(5, "To virkedager er for lenge", "against", "1.2")]),
            Section("2", "Kanaler", 2, [UnitLine("2.1", "Facebook brukes til nyheter", 2,
                                                 {"support": 1, "suggestion": 1})],
                    [Quote(1, "Kommentarfeltet bør være åpent hele uka", "suggestion", "2.1")]),
        ],
        removed_comments=0, summary=summary, sign_off=sign_off,
    )
    values.update(overrides)
    return Memo(**values)


def build(memo: Memo, entries=ENTRIES):
    target = io.BytesIO()
    write_memo(memo, iter(entries), target)
    target.seek(0)
    return Document(target)


def headings(document, level: int | None = None) -> list[str]:
    names = {f"Heading {level}"} if level else {f"Heading {n}" for n in range(1, 10)}
    return [p.text for p in document.paragraphs if p.style.name in names]


def text_of(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def appendix(document) -> list[tuple[str, list[str]]]:
    """(header, the texts of the paragraphs below it) for each comment in the appendix."""
    paragraphs = [p for p in document.paragraphs]
    start = [p.text for p in paragraphs].index("Vedlegg: alle innspill")
    entries = []
    for paragraph in paragraphs[start + 2:]:
        if paragraph.runs and paragraph.runs[0].bold and paragraph.text.startswith("Innspill "):
            entries.append((paragraph.text, []))
        else:
            entries[-1][1].append(paragraph.text)
    return entries


def all_paragraphs(document):
    """Every paragraph of the body, table cells included, in document order."""
    return [paragraph for paragraph in document.element.body.iter(qn("w:p"))]


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def list_level(p) -> tuple[int, int] | None:
    """(numId, ilvl) of a Word list paragraph, None for any other."""
    number = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if number is None:
        return None
    return int(number.find(qn("w:numId")).get(qn("w:val"))), int(number.find(qn("w:ilvl")).get(qn("w:val")))


def assert_no_markdown(document) -> None:
    for p in all_paragraphs(document):
        assert not MARKDOWN.search(paragraph_text(p)), paragraph_text(p)


@pytest.fixture
def document(app):
    return build(make_memo())


def test_the_outline_has_the_memo_s_parts_as_word_headings(document):
    assert headings(document, 1) == ["Bakgrunn", "Høringsprosessen", "Innspill til hvert punkt i utkastet",
                                     "Temaer i innspillene", "Vedlegg: alle innspill"]
    assert headings(document, 2) == ["Hele dokumentet", "Innledning", "1 Formål", "2 Kanaler",
                                     "Kommentarfelt på Facebook", "Svartid og brøyting"]
    assert headings(document, 3).count("Kommunens vurdering") == 1  # the theme without an assessment has none
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Strategi for digital dialog med innbyggerne"


def test_background_and_process_give_dates_and_how_many_took_part(document):
    text = text_of(document)
    assert "Fjordvik kommune sendte «Strategi for digital dialog med innbyggerne» på offentlig høring." in text
    assert "Fristen er om to uker." in text and "Kontakt: Postmottak, Fjordvik kommune" in text
    assert "Høringen ble åpnet 1. november 2026. Høringsfristen var 1. desember 2026." in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Publiserte innspill: 5", "Av dem svar på andre innspill: 1",
                       "Personer som har sendt innspill: 4", "Organisasjoner som har sendt innspill: 1",
                       "Publiserte innspill etter standpunkt: Støtter: 2, Er imot: 1, Har forslag: 1, Ikke oppgitt: 1"]
    assert "Analysen fant 1 kampanje" in text


def test_each_section_has_its_units_counts_and_quotes(document):
    table = document.tables[1]  # "1 Formål" (the whole document and the introduction have no table)
    assert [cell.text for cell in table.rows[0].cells] == ["Punkt", "Tekst", "Innspill", "Standpunkt"]
    assert [cell.text for cell in table.rows[1].cells] == ["2.1", "Facebook brukes til nyheter", "2",
                                                           "Støtter: 1, Har forslag: 1"]
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert "«To virkedager er for lenge» – innspill 5 · punkt 1.2 · Er imot" in quotes
    assert "Ingen innspill til denne delen." in text_of(document)  # the introduction


def test_themes_have_size_stances_quotes_and_the_assessment(document):
    text = text_of(document)
    assert "3 av 5 publiserte innspill (60 %)." in text and "Nøkkelord: kommentarfelt, hverdager" in text
    assert "«Kommentarfeltet bør være åpent hele uka» – innspill 1 · punkt 2.1 · Har forslag" in text
    assert "Kommunen vil prøve åpent kommentarfelt i helgene." in text and "Se punkt 2.1." in text
    assert "[Skriv kommunens vurdering her.]" not in text  # the second theme has no assessment yet


def test_a_draft_with_open_fields_has_a_place_for_each_missing_assessment(app):
    document = build(make_memo(open_fields=True))
    assert headings(document, 3).count("Kommunens vurdering") == 2
    assert text_of(document).count("[Skriv kommunens vurdering her.]") == 1


def test_the_appendix_lists_every_comment_in_order_with_norwegian_letters(document):
    entries = appendix(document)
    assert len(entries) == len(ENTRIES)
    assert entries[0] == ("Innspill 1 · punkt 2.1 · Åse Ødegård, Blåbær velforening · Har forslag · 03.11.2026",
                          ["Kommentarfeltet bør være åpent hele uka.\nOgså i helgene, særlig om vinteren."])
    assert entries[1] == ("Innspill 2 · punkt 2.1 · Per Ås · Støtter · 04.11.2026 · svar på innspill 1",
                          ["Enig med Åse – æøå ÆØÅ."])  # 23:30 UTC is the next day in Oslo
    assert entries[2] == ("Innspill 3 · hele dokumentet · Kari Nordmann · Ikke oppgitt · 04.11.2026",
                          ["Behold biblioteket på Ørnes! <b>&</b>"])
    assert entries[3][1] == ["Behold biblioteket\ufffd på Ørnes!"]  # a character XML cannot hold is replaced
    assert entries[4][1] == ["=HYPERLINK(\"http://ond.example\")"]


def test_characters_xml_cannot_hold_are_replaced_wherever_stored_text_appears(app):
    theme = {**SUMMARY["themes"][0], "label": "Kommentarfelt\ufffe", "keywords": ["helg\uffff"],
             "assessment": "Vurdering\x0b her.", "quotes": [{"comment_id": 1, "text": "Åpent\ufffe", "unit": "2.1"}]}
    memo = make_memo(
        summary={**SUMMARY, "themes": [theme]}, title="Strategi\ufffe", organisation="Fjordvik\uffff kommune",
        contact="Postmottak\ufffe", summary_text="Bakgrunn\ufffe.",
        sign_off=SignOff(2, datetime(2026, 12, 2, 9), "Saksbehandler\ufffe"),
        sections=[Section("1", "Formål\ufffe", 1, [UnitLine("1.2", "Utdrag\ufffe", 1, {"against": 1})],
                          [Quote(5, "Sitat\uffff", "against", "1.2")])],
    )
    entries = [Entry(1, "1.2", None, "Kari\ufffe", "Lag\uffff", "support", datetime(2026, 11, 3), "Tekst\ufffe")]
    document = build(memo, entries=entries)
    text = text_of(document)
    for written in ("Strategi\ufffd", "Fjordvik\ufffd kommune", "Postmottak\ufffd", "Bakgrunn\ufffd.",
                    "Saksbehandler\ufffd", "1 Formål\ufffd", "Utdrag\ufffd", "«Sitat\ufffd»", "Kommentarfelt\ufffd",
                    "helg\ufffd", "Vurdering\ufffd her.", "«Åpent\ufffd»", "Kari\ufffd, Lag\ufffd", "Tekst\ufffd"):
        assert written in text, written
    assert document.core_properties.title == "Høringsnotat: Strategi\ufffd"
    assert document.core_properties.author == "Fjordvik\ufffd kommune"


def test_the_appendix_streams_any_number_of_comments(app):
    many = (Entry(n, "1.1", None, f"Innbygger {n}", "", "support", datetime(2026, 11, 3), f"Innspill nummer {n}")
            for n in range(1, 1201))
    entries = appendix(build(make_memo(), entries=many))
    assert len(entries) == 1200 and entries[-1][1] == ["Innspill nummer 1200"]


def test_an_unapproved_summary_is_marked_as_a_draft_on_every_page(document):
    assert "Utkast – ikke godkjent" in [p.text for p in document.paragraphs[:4]]
    assert [p.text for p in document.sections[0].header.paragraphs] == [
        "Fjordvik kommune – Strategi for digital dialog med innbyggerne", "Utkast – ikke godkjent"]


def test_every_page_names_the_municipality_and_the_consultation_and_has_its_number(document):
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Fjordvik kommune – Strategi for digital dialog med innbyggerne"
    footer = section.footer.paragraphs[0]
    fields = [text.strip() for text in footer._p.xpath(".//w:instrText/text()")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer._p.xpath(".//w:fldChar/@w:fldCharType") == ["begin", "separate", "end"] * 2
    assert footer.text == "Side 1 av 1"  # Word and LibreOffice fill in the numbers


def test_a_signed_off_summary_is_named_with_its_version(app):
    document = build(make_memo(sign_off=SignOff(3, datetime(2026, 11, 24, 12), "Siri Saksbehandler")))
    text = text_of(document)
    assert ("Bygger på oppsummeringen av innspillene, versjon 3, godkjent 24. november 2026 av Siri Saksbehandler."
            in text)
    assert "Utkast – ikke godkjent" not in text
    assert [p.text for p in document.sections[0].header.paragraphs] == [
        "Fjordvik kommune – Strategi for digital dialog med innbyggerne"]


def test_without_an_analysis_the_memo_still_has_counts_and_the_appendix(app):
    document = build(make_memo(summary=None))
    text = text_of(document)
    assert text.count("Ingen analyse av innspillene er gjennomgått ennå") == 2  # the process and the themes
    assert headings(document, 1)[-1] == "Vedlegg: alle innspill"
    assert "Kommunens vurdering" not in headings(document, 3)
    assert "Publiserte innspill: 5" in text and "Innspill 5 · punkt 1.2 · Mallory" in text


def test_the_document_is_in_the_requester_s_language(app):
    document = build(make_memo(language="nn"))
    assert document.core_properties.language == "nn-NO"
    styles = document.styles.element.xpath("//w:docDefaults//w:lang/@w:val")
    assert styles == ["nn-NO"]


@pytest.mark.parametrize("status, expected, absent", [
    ("open", "Høringen ble åpnet 1. november 2026. Høringsfristen er 1. desember 2026. "
             "Notatet er et utkast så lenge høringen er åpen.", "Høringsfristen var"),
    ("closed", "Høringen ble åpnet 1. november 2026. Høringsfristen var 1. desember 2026.", "Høringsfristen er"),
    ("processed", "Høringen ble åpnet 1. november 2026. Høringsfristen var 1. desember 2026. "
                  "Høringen er ferdig behandlet.", "Høringsfristen er"),
    ("upcoming", "Høringen er ikke åpnet ennå. Den åpner 1. november 2026, og høringsfristen er 1. desember 2026.",
     "Høringsfristen var"),
])
def test_the_wording_follows_the_consultation_s_state(app, status, expected, absent):
    text = text_of(build(make_memo(status=status)))
    assert expected in text and absent not in text


def entry(n: int, text: str, profile=markup.COMMENT) -> Entry:
    return Entry(n, "", None, f"Innbygger {n}", "", "support", datetime(2026, 11, 3), text,
                 markup.render(text, profile))


COMMENT_MARKDOWN = (
    "Jeg mener **tre ting** om *planen*, se [kommunens side](https://fjordvik.example/plan):\n\n"
    "- kortere svartid\n- åpent i helgene\n    1. lørdag\n    2. søndag\n\n"
    "1. først\n2. så"
)


def test_a_comment_s_markdown_becomes_word_lists_emphasis_and_link_text(app):
    document = build(make_memo(), entries=[entry(1, COMMENT_MARKDOWN), entry(2, "1. igjen fra én\n2. og to")])
    assert_no_markdown(document)
    header, body = appendix(document)[0]
    assert body == ["Jeg mener tre ting om planen, se kommunens side (https://fjordvik.example/plan):",
                    "kortere svartid", "åpent i helgene", "lørdag", "søndag", "først", "så"]
    paragraphs = {p.text: p for p in document.paragraphs}
    first = paragraphs[body[0]]
    assert [(run.text, bool(run.bold), bool(run.italic)) for run in first.runs][:4] == [
        ("Jeg mener ", False, False), ("tre ting", True, False), (" om ", False, False), ("planen", False, True)]
    levels = {text: list_level(paragraphs[text]._p) for text in body[1:] + ["igjen fra én"]}
    assert levels["kortere svartid"][1] == levels["åpent i helgene"][1] == 0
    assert levels["kortere svartid"][0] == levels["åpent i helgene"][0]  # one bulleted list
    assert levels["lørdag"][1] == 1 and levels["lørdag"][0] == levels["søndag"][0]  # nested, numbered
    assert len({levels["lørdag"][0], levels["først"][0], levels["igjen fra én"][0]}) == 3  # each starts at 1
    assert paragraphs["først"].style.name == "List Paragraph"


def test_each_numbered_list_has_its_own_numbering_starting_at_its_first_number(app):
    document = build(make_memo(), entries=[entry(1, "3. tre\n4. fire"), entry(2, "1. en\n2. to")])
    numbering = document.part.numbering_part.element
    ids = [list_level(p._p)[0] for p in document.paragraphs if p.text in ("tre", "en")]
    starts = [numbering.xpath(f'w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride/@w:val')
              for num_id in ids]
    assert starts == [["3"], ["1"]]
    bullet_format = numbering.xpath(f'w:abstractNum[@w:abstractNumId=//w:num[@w:numId="{ids[0]}"]'
                                    f'/w:abstractNumId/@w:val]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val')
    assert bullet_format == ["decimal"]


def test_a_comment_s_table_is_a_word_table(app):
    text = "Forslag:\n\n| Dag | Åpent |\n|---|---|\n| **Lørdag** | 10–14 |\n| Søndag | stengt |"
    stored = markup.render(text)  # the site shows a comment's table as typed
    assert "|---|" in stored
    comment = Entry(1, "", None, "Kari", "", "", datetime(2026, 11, 3), text, comment_html(text, stored))
    document = build(make_memo(), entries=[comment])
    assert_no_markdown(document)
    table = document.tables[-1]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Dag", "Åpent"], ["Lørdag", "10–14"], ["Søndag", "stengt"]]
    assert table.rows[1].cells[0].paragraphs[0].runs[0].bold
    assert table.style.name == "Table Grid"


def test_draft_text_keeps_its_lettered_lists_notes_code_and_quotes_without_markdown(app):
    text = ("Ved vurderingen skal det legges vekt på:\n\na) om tiltaket gir virkninger,\nb) om planen følger "
            "overordnede planer.[^2]\n[^2]: Plan- og bygningsloven § 4-2.\n\n> Sitert fra loven.\n\n"
            "### Merknad\n\n```\nkode\n```")
    document = build(make_memo(), entries=[entry(1, text, markup.DRAFT)])
    assert_no_markdown(document)
    _, body = appendix(document)[0]
    assert body == ["Ved vurderingen skal det legges vekt på:", "om tiltaket gir virkninger,",
                    "om planen følger overordnede planer.2", "Sitert fra loven.", "Merknad", "kode",
                    "2 Plan- og bygningsloven § 4-2."]
    paragraphs = {p.text: p for p in document.paragraphs}
    num_id, _ = list_level(paragraphs["om tiltaket gir virkninger,"]._p)
    numbering = document.part.numbering_part.element
    abstract = numbering.xpath(f'w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
    level = f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]'
    assert numbering.xpath(f"{level}/w:numFmt/@w:val") == ["lowerLetter"]
    assert numbering.xpath(f"{level}/w:lvlText/@w:val") == ["%1)"]
    assert paragraphs["om planen følger overordnede planer.2"].runs[-1].font.superscript
    assert paragraphs["Merknad"].runs[0].bold
    assert paragraphs["kode"].runs[0].font.name == "Courier New"
    assert paragraphs["Sitert fra loven."].paragraph_format.left_indent > 0


def test_quotes_are_written_as_the_site_shows_them(app):
    memo = make_memo(sections=[Section("1", "Formål", 1, [UnitLine("1.2", "Utdrag", 1, {"against": 1})],
                                       [Quote(5, "Dette er **viktig** for _alle_", "against", "1.2")])])
    document = build(memo)
    assert_no_markdown(document)
    quote = next(p for p in document.paragraphs if p.style.name == "Quote")
    assert quote.text == "«Dette er viktig for alle» – innspill 5 · punkt 1.2 · Er imot"
    assert [run.text for run in quote.runs if run.bold] == ["viktig"]


def test_nesting_past_the_limit_is_written_as_text_and_indented_no_further(app):
    html = "<ul><li>" * 100 + "<em>dypt</em>" + "</li></ul>" * 100  # stored before markup.MAX_NESTING
    deep = Entry(1, "", None, "Kari", "", "", datetime(2026, 11, 3), "dypt", html)
    document = build(make_memo(), entries=[deep])
    _, body = appendix(document)[0]
    assert body[-1] == "dypt"
    last = document.paragraphs[-1]
    assert not last.runs[0].italic  # past the limit, the text without its formatting
    assert last.paragraph_format.left_indent.mm < 90
