"""The planner's pages for a revised draft: upload, preview, correct, publish and explain, and who may."""
import io

import docx
import pytest
import sqlalchemy as sa

from hoering.comments.models import Comment
from hoering.consultations.models import DraftVersion
from hoering.extensions import db
from hoering.revisions.models import ChangeExplanation, PendingRevision
from tests.factories import make_comment, make_consultation
from tests.integration.test_revise_command import REVISED, unit_with

BASE = "/admin/hoeringer/digital-dialog"
UPLOAD, PREVIEW = f"{BASE}/ny-versjon", f"{BASE}/ny-versjon/forhandsvis"
CORRECT, PUBLISH, DISCARD = f"{BASE}/ny-versjon/rett", f"{BASE}/ny-versjon/publiser", f"{BASE}/ny-versjon/forkast"
EXPLAIN = f"{BASE}/versjoner/2/begrunnelser"


def send(client, content: bytes, name: str = "revidert.md"):
    return client.post(UPLOAD, data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def word_revision() -> bytes:
    document = docx.Document()
    for paragraph in REVISED.split("\n\n"):
        text = paragraph.strip()
        if text.startswith("## "):
            document.add_heading(text[3:], level=2)
        elif text.startswith("# "):
            document.add_heading(text[2:], level=1)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def versions() -> int:
    return db.session.scalar(sa.select(sa.func.count(DraftVersion.id)))


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    removed = unit_with(1, "Kommentarfeltet er åpent")
    make_comment(consultation, removed.anchor, text="Kommentarfeltet bør være åpent i helgene også.")
    make_comment(consultation, unit_with(1, "enklere for innbyggerne").anchor, text="Skriv «alle innbyggere».")
    return consultation


def test_the_staff_page_links_to_a_new_version(consultation, auth, pages):
    auth.login_as("planner")
    page = pages.get(BASE)
    assert page.find("a", string="Ny versjon av utkastet")["href"].endswith("/ny-versjon")
    page = pages.get(UPLOAD)
    assert page.find("input", attrs={"type": "file", "name": "file"}) is not None


def test_a_planner_uploads_corrects_publishes_and_explains(consultation, auth, pages, client):
    auth.login_as("planner")
    removed = unit_with(1, "Kommentarfeltet er åpent")
    response = send(client, REVISED.encode())
    assert response.status_code == 302 and response.location.endswith("/ny-versjon/forhandsvis")

    page = pages.get(PREVIEW)
    statuses = {li.select_one(".revision-status").get_text(strip=True) for li in page.select(".revision-unit")}
    assert {"Endret", "Slått sammen", "Nytt", "Uendret"} <= statuses
    edited = next(li for li in page.select(".revision-unit") if "Strategien" in li.get_text())
    assert edited.select_one("del") and edited.select_one("ins")
    link = page.find(id=f"kobling-{removed.anchor}")
    assert "fjernet: innspillene blir stående på versjon 1" in link.get_text(" ", strip=True)
    assert page.select_one(".revision-substantial") is not None  # REVISED changes more than a quarter
    assert page.select_one(".revision-substantial form")["action"].endswith("/admin/hoeringer/ny")
    options = link.select("option")
    website = next(o["value"] for o in options if "hovedkanalen" in o.get_text())
    assert options[0]["value"] == "fjernet" and options[0].has_attr("selected")

    response = client.post(CORRECT, data={"old": removed.anchor, "target": website})
    assert response.status_code == 302 and response.location.endswith(f"#kobling-{removed.anchor}")
    page = pages.get(PREVIEW)
    link = page.find(id=f"kobling-{removed.anchor}")
    assert "Rettet av deg" in link.get_text() and link.find("option", attrs={"value": website}).has_attr("selected")

    pages.post(PUBLISH, {}, follow_redirects=True)  # not confirmed
    assert versions() == 1
    response = client.post(PUBLISH, data={"confirm": "y"})
    assert response.status_code == 302 and response.location.endswith("/versjoner/2/begrunnelser")
    assert versions() == 2 and db.session.scalar(sa.select(sa.func.count(PendingRevision.id))) == 0
    comment = db.session.scalar(sa.select(Comment).where(Comment.unit_id == removed.id))
    assert comment.anchor == unit_with(1, "hovedkanalen").anchor  # went where the planner said

    page = pages.get(EXPLAIN)
    sections = page.select(".revision-explanation")
    assert sections and all(s.find("textarea") and s.find("label", string="Innspill som førte til endringen")
                            for s in sections)
    key = next(s["id"].removeprefix("endring-") for s in sections if "Strategien" in s.get_text())
    other = next(s["id"].removeprefix("endring-") for s in sections if s["id"] != f"endring-{key}")
    cited = db.session.scalar(sa.select(Comment.id).where(Comment.text.contains("alle innbyggere")))

    # A bad id: refused, with everything typed shown again and nothing saved.
    page = pages.post(EXPLAIN, {f"tekst-{key}": "Vi skriver «alle innbyggere».", f"innspill-{key}": "12x",
                                f"tekst-{other}": "Annen begrunnelse.", "lagre": "alle"}, status=400)
    assert "er ikke et innspillnummer" in page.select_one(".error-summary").get_text()
    assert page.find(id=f"tekst-{key}").get_text() == "Vi skriver «alle innbyggere»."
    assert page.find(id=f"tekst-{other}").get_text() == "Annen begrunnelse."
    assert page.find(id=f"innspill-{key}")["aria-invalid"] == "true"
    assert db.session.scalar(sa.select(sa.func.count(ChangeExplanation.id))) == 0

    # One unit's button saves only that unit.
    response = client.post(EXPLAIN, data={f"tekst-{key}": "Vi skriver «alle innbyggere».", f"innspill-{key}": f"{cited}",
                                          f"tekst-{other}": "Ikke lagret ennå.", "lagre": key})
    assert response.status_code == 302 and response.location.endswith(f"#endring-{key}")
    saved = db.session.scalars(sa.select(ChangeExplanation)).all()
    assert len(saved) == 1 and saved[0].comment_ids == [cited]
    page = pages.get(EXPLAIN)
    section = page.find(id=f"endring-{key}")
    assert section.find("a", string=f"innspill {cited}")["href"].endswith(f"/kommentarer/{cited}")
    assert pages.get(BASE).find("a", string="Begrunnelser for endringene i versjon 2")


def test_a_word_file_is_read_as_the_import_reads_it(consultation, auth, pages, client):
    auth.login_as("planner")
    response = send(client, word_revision(), "revidert.docx")
    assert response.status_code == 302
    page = pages.get(PREVIEW)
    assert "revidert.docx" in page.select_one(".lead").get_text()
    assert page.select(".revision-unit")


@pytest.mark.parametrize("content, name, message", [
    (b"%PDF-1.4", "utkast.pdf", "Bare Word-dokumenter"),
    (b"PK\x03\x04 ikke et dokument", "utkast.docx", ""),
    ("Æ".encode("latin-1"), "utkast.md", "UTF-8"),
    (b"  \n", "utkast.md", "ingen tekst"),
])
def test_a_bad_file_is_refused_in_words_never_a_500(consultation, auth, client, content, name, message):
    auth.login_as("planner")
    response = send(client, content, name)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Filen ble ikke lastet opp" in text and message in text
    assert db.session.scalar(sa.select(sa.func.count(PendingRevision.id))) == 0


def test_no_file_chosen(consultation, auth, pages):
    auth.login_as("planner")
    page = pages.post(UPLOAD, {}, status=400)
    assert "Velg filen med det reviderte utkastet." in page.select_one(".error-summary").get_text()


def test_without_an_upload_the_preview_shows_the_upload_form(consultation, auth, pages):
    auth.login_as("planner")
    page = pages.get(PREVIEW)
    assert "Det er ikke lastet opp noen ny versjon" in page.get_text()
    assert page.find("form", attrs={"enctype": "multipart/form-data"})["action"].endswith("/ny-versjon")


def test_a_bad_correction_is_refused_with_a_message(consultation, auth, pages, client):
    auth.login_as("planner")
    send(client, REVISED.encode())
    anchor = unit_with(1, "Kommentarfeltet er åpent").anchor
    for target in ("abc", "999"):
        page = pages.post(CORRECT, {"old": anchor, "target": target})
        assert page.select_one(".notice-error") is not None
    assert db.session.scalar(sa.select(PendingRevision.corrections)) == {}


def test_discarding_forgets_the_upload(consultation, auth, pages, client):
    auth.login_as("planner")
    send(client, REVISED.encode())
    assert "Fortsett til forhåndsvisningen" in pages.get(UPLOAD).get_text()
    page = pages.post(DISCARD, {})
    assert "Det reviderte utkastet er forkastet." in page.get_text()
    assert db.session.scalar(sa.select(sa.func.count(PendingRevision.id))) == 0


def test_a_stale_upload_cannot_be_published(consultation, auth, pages, client):
    auth.login_as("planner")
    send(client, REVISED.encode())
    from hoering.revisions import services

    services.publish(consultation, services.propose(consultation, REVISED + "\nEt annet avsnitt.\n"), None)
    page = pages.get(PREVIEW)
    assert page.select_one(".notice-error[role=alert]") is not None and page.select_one(".revision-correct") is None
    page = pages.post(PUBLISH, {"confirm": "y"})
    assert "ny versjon siden denne filen ble lastet opp" in page.get_text()
    assert versions() == 2


def test_a_draft_or_processed_consultation_gets_no_new_version(app, auth, pages, client):
    auth.login_as("planner")
    make_consultation(phase="draft")
    page = pages.get(UPLOAD)
    assert "Endre utkastet på redigeringssiden" in page.get_text() and page.find("input", attrs={"type": "file"}) is None
    assert send(client, REVISED.encode()).status_code == 400


def test_the_first_version_has_nothing_to_explain_and_a_missing_one_is_not_found(consultation, auth, pages):
    auth.login_as("planner")
    page = pages.get(f"{BASE}/versjoner/1/begrunnelser")
    assert "Det er ingen endringer å begrunne." in page.get_text() and page.find("textarea") is None
    pages.get(f"{BASE}/versjoner/9/begrunnelser", status=404)


@pytest.mark.parametrize("url", [UPLOAD, PREVIEW, EXPLAIN])
def test_only_planners_who_manage_the_consultation_get_in(consultation, auth, client, url):
    assert client.get(url).status_code == 302  # to the login page
    auth.login_as("caseworker")
    assert client.get(url).status_code == 403
    auth.logout()
    owner = auth.user("planner", email="eier@fjordvik.example.no")
    consultation.owner_id = owner.id
    db.session.commit()
    auth.login_as("planner")
    assert client.get(url).status_code == 403
    assert client.post(PUBLISH, data={"confirm": "y"}).status_code == 403
