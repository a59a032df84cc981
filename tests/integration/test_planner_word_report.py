"""A Word upload tells the planner what its conversion kept in another form, changed or left out,
before anything is saved; its pictures are stored at once and shown from the site (issue 13)."""
import hashlib
import io

import docx
import pytest
from bs4 import BeautifulSoup
from docx.oxml import OxmlElement, parse_xml
from sqlalchemy import event

from hoering.consultations.images import DraftImage
from hoering.consultations.services import current_units
from hoering.extensions import db
from tests.fixtures.word import NS, PNG, add_notes, add_reference, image_picture_run, run_xml
from tests.integration.test_languages import NYNORSK, compiled_catalogues  # noqa: F401 (a fixture)
from tests.integration.test_planner_pages import NEW, consultations, form_data, post_form, upload, word_document
from tests.write_lock import lock_order

SHA = hashlib.sha256(PNG).hexdigest()


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
    document.add_paragraph()._p.append(image_picture_run(document, PNG, descr="Kart over planområdet"))
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
        "1 bilde er tatt med, med den alternative teksten og bildeteksten fra Word. "
        "Sjekk at teksten beskriver bildet.",
        "Sporede endringer er godtatt: 2 innsettinger er tatt med.",
        "3 kommentarer i Word-filen er ikke tatt med.",
    ]
    assert "Ingenting er lagret ennå." in report.get_text()
    assert consultations() == []
    draft = page.find(id="draft").get_text()
    assert "Tiltaket krever konsekvensutredning.[^1]\n[^1]: Forskrift om konsekvensutredninger § 6." in draft
    assert f"![Kart over planområdet](bilde:{SHA})  \nFigur 1: Planområdet sett fra sør" in draft
    preview = page.select_one("#inndeling")
    note = preview.find(id="note:1")
    assert note.get_text(" ", strip=True) == "1 Forskrift om konsekvensutredninger § 6."
    assert preview.find(id="note-ref:1").find_parent("sup") and note.a["href"] == "#note-ref:1"
    figure = preview.select_one("figure")
    assert figure.img["src"] == f"/hoeringer/bilder/{SHA}" and figure.img["alt"] == "Kart over planområdet"
    assert figure.figcaption.get_text() == "Figur 1: Planområdet sett fra sør"


def test_a_picture_is_stored_with_the_upload_and_the_public_page_shows_it_from_the_site(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, upload(marked_up_document(), action="save"))
    assert consultations() == [] and db.session.get(DraftImage, SHA).data == PNG  # stored for the preview
    response = post_form(client, NEW, form_data(draft=page.find(id="draft").get_text()))
    assert response.status_code == 302
    consultation, = consultations()
    pages.post(f"/admin/hoeringer/{consultation.slug}/publiser", {"when": "now"})

    public = pages.get(f"/hoeringer/{consultation.slug}")
    img = public.select_one(".unit-text figure img")
    assert img.attrs == {"alt": "Kart over planområdet", "loading": "lazy", "src": f"/hoeringer/bilder/{SHA}"}
    assert img.find_next_sibling("figcaption").get_text() == "Figur 1: Planområdet sett fra sør"
    client.post("/logg-ut")
    picture = client.get(img["src"])
    assert (picture.status_code, picture.mimetype, picture.data) == (200, "image/png", PNG)


def test_uploading_the_same_picture_again_stores_nothing_new_and_a_save_still_takes_the_lock(
    app, client, pages, auth, monkeypatch
):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the write lock taken up front is SQLite's; PostgreSQL has none")
    auth.login_as("planner")
    with lock_order(monkeypatch, "draft_image") as events:
        event.listen(db.engine, "commit", commit := lambda _connection: events.append("COMMIT"))
        page = pages.post(NEW, upload(marked_up_document(), action="preview"))
        event.remove(db.engine, "commit", commit)
    # The Word file is converted before the lock is taken, and the lock is let go before the preview.
    start = events.index("BEGIN IMMEDIATE")
    assert events.count("BEGIN IMMEDIATE") == 1 and events[start:start + 3] == ["BEGIN IMMEDIATE", "INSERT", "COMMIT"]
    assert "render" in events[start + 3:]
    with lock_order(monkeypatch, "draft_image") as events:
        pages.post(NEW, upload(marked_up_document(), action="preview"))
    assert events.count("BEGIN IMMEDIATE") == 1 and "INSERT" not in events
    assert db.session.scalars(db.select(DraftImage.sha256)).all() == [SHA]
    response = post_form(client, NEW, form_data(draft=page.find(id="draft").get_text()))
    assert response.status_code == 302 and len(consultations()) == 1


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


def test_a_word_files_title_is_offered_as_the_consultations(app, client, auth):
    from tests.unit.consultations.test_docx_import import to_bytes

    auth.login_as("planner")
    document = docx.Document()
    document.add_paragraph("Kommunedelplan for Fjordvik sentrum", style="Title")
    document.add_heading("Innledning", 1)
    document.add_paragraph("Planen gjelder sentrum.")
    response = post_form(client, NEW, upload(to_bytes(document), title="", action="preview"))
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.find(id="title")["value"] == "Kommunedelplan for Fjordvik sentrum"
