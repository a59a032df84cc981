"""The høringsnotat as DOCX, written from plain data: python-docx opens it, the outline is made of real
headings, quotes and assessments are there, and the appendix holds every comment, never an e-mail."""
from __future__ import annotations

import io
from datetime import datetime

import pytest
from docx import Document

from hoering.exports.memo import Entry, Memo, Participation, Quote, Section, SignOff, UnitLine, write_memo

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


@pytest.fixture
def document(app):
    return build(make_memo())


def test_the_outline_has_the_memo_s_parts_as_word_headings(document):
    assert headings(document, 1) == ["Bakgrunn", "Høringsprosessen", "Innspill til hvert punkt i utkastet",
                                     "Temaer i innspillene", "Vedlegg: alle innspill"]
    assert headings(document, 2) == ["Hele dokumentet", "Innledning", "1 Formål", "2 Kanaler",
                                     "Kommentarfelt på Facebook", "Svartid og brøyting"]
    assert headings(document, 3).count("Kommunens vurdering") == 2
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Strategi for digital dialog med innbyggerne"


def test_background_and_process_give_dates_and_how_many_took_part(document):
    text = text_of(document)
    assert "Fjordvik kommune sendte «Strategi for digital dialog med innbyggerne» på offentlig høring." in text
    assert "Fristen er om to uker." in text and "Kontakt: Postmottak, Fjordvik kommune" in text
    assert "Høringsperioden var 1. november 2026 – 1. desember 2026." in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Innspill: 5", "Av dem svar på andre innspill: 1", "Personer: 4", "Organisasjoner: 1",
                       "Standpunkt: Støtter: 2, Er imot: 1, Har forslag: 1, Ikke oppgitt: 1"]
    assert "Analysen fant 1 kampanje" in text


def test_each_section_has_its_units_counts_and_quotes(document):
    table = document.tables[1]  # "1 Formål" (the whole document and the introduction have no table)
    assert [cell.text for cell in table.rows[0].cells] == ["Punkt", "Tekst", "Innspill", "Standpunkt"]
    assert [cell.text for cell in table.rows[1].cells] == ["2.1", "Facebook brukes til nyheter", "2",
                                                           "Støtter: 1, Har forslag: 1"]
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert "«To virkedager er for lenge» – innspill 5 · punkt 1.2 · Er imot" in quotes
    assert "Ingen innspill til denne delen." in text_of(document)  # the introduction


def test_themes_have_size_stances_quotes_and_the_assessment_or_a_place_for_it(document):
    text = text_of(document)
    assert "3 innspill, 60 % av alle." in text and "Nøkkelord: kommentarfelt, hverdager" in text
    assert "«Kommentarfeltet bør være åpent hele uka» – innspill 1 · punkt 2.1 · Har forslag" in text
    assert "Kommunen vil prøve åpent kommentarfelt i helgene." in text and "Se punkt 2.1." in text
    assert "[Skriv kommunens vurdering her.]" in text  # the second theme has no assessment yet


def test_the_appendix_lists_every_comment_in_order_with_norwegian_letters(document):
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Vedlegg: alle innspill")
    appendix = paragraphs[start + 2:]
    assert len(appendix) == len(ENTRIES)
    assert appendix[0] == ("Innspill 1 · punkt 2.1 · Åse Ødegård, Blåbær velforening · Har forslag · 03.11.2026\n"
                           "Kommentarfeltet bør være åpent hele uka.\nOgså i helgene, særlig om vinteren.")
    assert appendix[1].startswith("Innspill 2 · punkt 2.1 · Per Ås · Støtter · 04.11.2026 · svar på innspill 1\n")
    assert appendix[1].endswith("Enig med Åse – æøå ÆØÅ.")  # 23:30 UTC is the next day in Oslo
    assert appendix[2] == ("Innspill 3 · hele dokumentet · Kari Nordmann · Ikke oppgitt · 04.11.2026\n"
                           "Behold biblioteket på Ørnes! <b>&</b>")
    assert appendix[3].endswith("Behold biblioteket\ufffd på Ørnes!")  # a character XML cannot hold is replaced
    assert appendix[4].endswith("=HYPERLINK(\"http://ond.example\")")
    assert document.paragraphs[start + 2].runs[0].bold


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
    paragraphs = [p.text for p in build(make_memo(), entries=many).paragraphs]
    assert paragraphs[-1].endswith("Innspill nummer 1200")
    assert sum(p.startswith("Innspill ") and "Innbygger" in p for p in paragraphs) == 1200


def test_an_unapproved_summary_is_marked_as_a_draft_on_every_page(document):
    assert "Utkast – ikke godkjent" in [p.text for p in document.paragraphs[:4]]
    assert document.sections[0].header.paragraphs[0].text == "Utkast – ikke godkjent"


def test_a_signed_off_summary_is_named_with_its_version(app):
    document = build(make_memo(sign_off=SignOff(3, datetime(2026, 11, 24, 12), "Siri Saksbehandler")))
    text = text_of(document)
    assert ("Bygger på oppsummeringen av innspillene, versjon 3, godkjent 24. november 2026 av Siri Saksbehandler."
            in text)
    assert "Utkast – ikke godkjent" not in text
    assert not document.sections[0].header.paragraphs[0].text


def test_without_an_analysis_the_memo_still_has_counts_and_the_appendix(app):
    document = build(make_memo(summary=None))
    text = text_of(document)
    assert text.count("Ingen analyse av innspillene er gjennomgått ennå") == 2  # the process and the themes
    assert headings(document, 1)[-1] == "Vedlegg: alle innspill"
    assert "Kommunens vurdering" not in headings(document, 3)
    assert "Innspill: 5" in text and "Innspill 5 · punkt 1.2 · Mallory" in text


def test_the_document_is_in_the_requester_s_language(app):
    document = build(make_memo(language="nn"))
    assert document.core_properties.language == "nn-NO"
    styles = document.styles.element.xpath("//w:docDefaults//w:lang/@w:val")
    assert styles == ["nn-NO"]
