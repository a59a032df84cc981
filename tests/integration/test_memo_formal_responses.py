"""The memo's "Høringssvar": who answered and how, each published answer's text and attachments, and
the invited bodies that did not answer; a held answer is counted, never quoted. Read back with
python-docx."""
import io

from docx import Document
from flask_babel import force_locale

from hoering.exports.memo import write_memo
from hoering.exports.memo_data import memo_for
from hoering.responses.services import BodyInput
from tests.factories import ORSTA, invite_bodies, make_consultation
from tests.fixtures.documents import pdf_bytes
from tests.uploads import answer_invitation

IDENTITY_NUMBER = "01010112345"


def memo_document(consultation, language="nb"):
    target = io.BytesIO()
    with force_locale(language):
        write_memo(memo_for(consultation, language), [], target)
    return Document(io.BytesIO(target.getvalue()))


def test_the_memo_lists_the_formal_responses_and_who_did_not_answer(app, client):
    consultation = make_consultation()
    ørsta, volda, ssb, silent = invite_bodies(
        app, consultation, ORSTA, BodyInput("Volda kommune", "post@volda.example.no", "kommune"),
        BodyInput("Statistisk sentralbyrå", "ssb@ssb.example.no", "statlig", "971 526 920"),
        BodyInput("Naturvernforbundet", "post@nvf.example.no", "organisasjon"))
    answer_invitation(client, ørsta, "Kommunen støtter forslaget.\n\nMen kapittel 3 bør bli kortere.",
           [("Vedtak i formannskapet.pdf", pdf_bytes("Vedtak"))])
    answer_invitation(client, volda, "", no_comments="y")
    answer_invitation(client, ssb, f"Saksbehandler har fødselsnummer {IDENTITY_NUMBER}.")  # held by the guard

    document = memo_document(consultation)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Høringssvar" in texts
    assert "Det kom 3 formelle høringssvar. 1 av dem er ikke publisert, og er ikke med her." in texts
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Avsender", "Kategori", "Mottatt", "Svar"] in rows
    assert [row[0] for row in rows if row[1] == "Kommune"] == ["Volda kommune", "Ørsta kommune"]
    assert any(row[0] == "Volda kommune" and row[3] == "uten merknad" for row in rows)
    assert "Men kapittel 3 bør bli kortere." in texts
    assert "Vedlegg: Vedtak i formannskapet.pdf" in texts
    assert not any(IDENTITY_NUMBER in text for text in texts + [cell for row in rows for cell in row])
    start = texts.index("Inviterte instanser som ikke svarte")
    assert texts[start + 1] == "Naturvernforbundet"


def test_a_memo_without_invited_bodies_or_responses_has_no_such_section(app):
    consultation = make_consultation()
    texts = [paragraph.text for paragraph in memo_document(consultation).paragraphs]
    assert "Høringssvar" not in texts
