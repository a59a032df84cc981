"""The memo's "Endringer i utkastet": every revised version, its changes per part of the draft, and the
municipality's explanations, read back with python-docx."""
import io

from docx import Document
from flask_babel import force_locale

from hoering.exports.memo import write_memo
from hoering.exports.memo_data import memo_for
from hoering.revisions import explanations, services as revisions
from hoering.revisions.explanations import Entry
from tests.factories import make_comment, make_consultation
from tests.integration.test_revise_command import REVISED, unit_with

EXPLANATION = "Vi skriver «alle innbyggere», som innspillet foreslo."


def memo_document(consultation, language="nb"):
    target = io.BytesIO()
    with force_locale(language):
        write_memo(memo_for(consultation, language), [], target)
    return Document(io.BytesIO(target.getvalue()))


def headings(document):
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_a_memo_of_a_revised_draft_says_what_changed_and_why_per_part(app):
    consultation = make_consultation()
    comment = make_comment(consultation, unit_with(1, "enklere for innbyggerne").anchor, text="Skriv alle.")
    assert "Endringer i utkastet" not in headings(memo_document(consultation))  # nothing revised yet
    revisions.publish(consultation, revisions.propose(consultation, REVISED), None)
    edited = next(unit.key for unit in explanations.version_changes(consultation, 2).units if unit.status == "edited")
    explanations.explain(consultation, 2, {edited: Entry(EXPLANATION, str(comment.id))}, None)

    document = memo_document(consultation)
    shown = headings(document)
    assert "Endringer i utkastet" in shown
    start = shown.index("Endringer i utkastet")
    assert shown[start + 1].startswith("Versjon 2, publisert ")
    assert "1 Formål" in shown[start + 2:] and "2 Kanaler" in shown[start + 2:]
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Punkt", "Endring", "Hva vi endret og hvorfor"] in rows
    explained = next(row for row in rows if row[2].startswith(EXPLANATION))
    assert explained[:2] == ["1.1", "Endret"] and f"Bygger på innspill {comment.id}." in explained[2]
    assert any(row[1] == "Fjernet" and row[2] == "Ingen begrunnelse er skrevet." for row in rows)
    assert any(row[1] == "Slått sammen" for row in rows) and any(row[1] == "Nytt" for row in rows)


def test_the_section_is_in_the_requesters_language(app):
    consultation = make_consultation()
    revisions.publish(consultation, revisions.propose(consultation, REVISED), None)
    shown = headings(memo_document(consultation, "en"))
    assert "Changes to the draft" in shown
