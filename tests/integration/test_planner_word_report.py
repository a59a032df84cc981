"""A Word upload tells the planner what its conversion kept in another form, changed or left out,
before anything is saved (issue 13)."""
import io

import docx
from bs4 import BeautifulSoup
from docx.oxml import OxmlElement, parse_xml

from hoering.consultations.services import current_units
from tests.fixtures.word import NS, add_notes, add_reference, picture_run, run_xml
from tests.integration.test_languages import NYNORSK, compiled_catalogues  # noqa: F401 (a fixture)
from tests.integration.test_planner_pages import NEW, consultations, form_data, post_form, upload, word_document


def marked_up_document() -> bytes:
    """A draft as planners write them: a footnote with a legal requirement, a figure with its caption,
    tracked changes and comments from the round of review."""
    document = docx.Document()
    document.add_heading("Formål", 1)
    paragraph = document.add_paragraph("Tiltaket krever konsekvensutredning.")
    add_reference(paragraph, "footnote", 1)
    for tag, text in (("w:ins", "Planen "), ("w:ins", "gjelder sentrum. ")):
        inserted = OxmlElement(tag)
        inserted.append(parse_xml(run_xml(text).replace("<w:r>", f"<w:r {NS}>")))
        document.add_paragraph()._p.append(inserted)
    document.add_paragraph()._p.append(picture_run(descr="Kart over planområdet"))
    document.add_paragraph("Figur 1: Planområdet sett fra sør", style="Caption")
    reviewed = document.add_paragraph("Innbyggerne inviteres til åpne møter.")
    for author in ("Kari", "Ola", "Per"):
        document.add_comment(reviewed.runs, text="Sjekk datoen", author=author)
    add_notes(document, "footnote", {1: "Forskrift om konsekvensutredninger § 6."})
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_upload_with_notes_pictures_changes_and_comments_shows_the_report_and_saves_nothing(
    app, client, pages, auth
):
    auth.login_as("planner")
    page = pages.post(NEW, upload(marked_up_document(), action="save"))  # 200: shown, not saved
    report = page.select_one(".conversion-report")
    assert report.h2.get_text(strip=True) == "Sjekk dette fra Word-dokumentet"
    assert [item.get_text(" ", strip=True) for item in report.select("li")] == [
        "1 fotnote er tatt med som note under avsnittet sitt.",
        "1 bilde eller diagram er vist som plassholder med bildeteksten: det er i et format nettlesere ikke kan "
        "vise (som EMF eller WMF), et diagram fra Word, eller det står i en overskrift. Lagre bildet som PNG "
        "eller JPEG i Word-dokumentet og last det opp på nytt hvis det skal vises.",
        "Sporede endringer er godtatt: 2 innsettinger er tatt med.",
        "3 kommentarer i Word-filen er ikke tatt med.",
    ]
    assert "Ingenting er lagret ennå." in report.get_text()
    assert consultations() == []
    draft = page.find(id="draft").get_text()
    assert "Tiltaket krever konsekvensutredning.[^1]\n[^1]: Forskrift om konsekvensutredninger § 6." in draft
    assert "*Bilde: Kart over planområdet*  \nFigur 1: Planområdet sett fra sør" in draft
    preview = page.select_one("#inndeling")
    note = preview.find(id="note:1")
    assert note.get_text(" ", strip=True) == "1 Forskrift om konsekvensutredninger § 6."
    assert preview.find(id="note-ref:1").find_parent("sup") and note.a["href"] == "#note-ref:1"
    assert preview.select_one("em").get_text() == "Bilde: Kart over planområdet"


def test_the_planner_saves_the_checked_text_and_the_draft_keeps_its_notes(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, upload(marked_up_document(), action="save"))
    response = post_form(client, NEW, form_data(draft=page.find(id="draft").get_text()))
    assert response.status_code == 302
    consultation, = consultations()
    assert "[^1]: Forskrift om konsekvensutredninger" in consultation.current_version.source
    unit = next(unit for unit in current_units(consultation) if "note:1" in unit.html)
    assert unit.number == "1.1" and "Tiltaket krever konsekvensutredning." in unit.html


def test_a_plain_upload_has_no_report_and_saves_at_once(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, upload(word_document(), action="preview"))
    assert page.select_one(".conversion-report") is None
    assert post_form(client, NEW, upload(word_document())).status_code == 302


def test_the_report_is_in_the_planner_s_language(app, client, auth):
    auth.login_as("planner")
    response = client.post(NEW, data=upload(marked_up_document(), action="preview"), headers=NYNORSK)
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    items = [item.get_text(" ", strip=True) for item in page.select(".conversion-report li")]
    assert items[-1] == "3 kommentarar i Word-fila er ikkje tekne med."
    assert page.select_one(".conversion-report h2").get_text(strip=True) == "Sjekk dette frå Word-dokumentet"
