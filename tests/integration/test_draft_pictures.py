"""/hoeringer/bilder/<sha256>: a stored picture of a draft, shown as what it is and kept by browsers;
`flask drafts import` stores a Word file's pictures and `flask drafts prune-images` deletes those no
draft refers to (issue 13)."""
import hashlib
from datetime import timedelta

import pytest
from docx import Document
from flask import url_for

from hoering.clock import utcnow
from hoering.consultations import planning
from hoering.consultations.docx_report import ConvertedImage
from hoering.consultations.images import DraftImage, save_images
from hoering.consultations.models import Consultation
from hoering.consultations.services import current_units
from hoering.draft_images import PATH
from hoering.extensions import db
from tests.fixtures.word import GIF, PNG, image_picture_run
from tests.unit.consultations.test_docx_import import to_bytes

SHA = hashlib.sha256(PNG).hexdigest()


def test_a_stored_picture_is_served_inline_as_its_type_and_cached_for_a_year(app, client):
    save_images([ConvertedImage(SHA, "image/png", PNG)])
    response = client.get(f"/hoeringer/bilder/{SHA}")
    assert (response.status_code, response.data) == (200, PNG)
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == "inline"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Set-Cookie" not in response.headers
    assert url_for("consultations.image", image_id=SHA, _external=False) == PATH + SHA


@pytest.mark.parametrize("name", [
    hashlib.sha256(b"never stored").hexdigest(),
    SHA.upper(),
    SHA[:-1],
    SHA + "0",
    "..%2F..%2Fadmin",
    "bilde:" + SHA,
])
def test_an_unknown_or_malformed_name_is_404(app, client, name):
    save_images([ConvertedImage(SHA, "image/png", PNG)])
    assert client.get(f"/hoeringer/bilder/{name}").status_code == 404


def test_no_consultation_can_take_the_pictures_address():
    assert "bilder" in planning.RESERVED_SLUGS


def test_the_import_command_stores_a_word_file_s_pictures_before_its_draft(app, tmp_path):
    document = Document()
    document.add_heading("Planområdet", 1)
    document.add_paragraph()._p.append(image_picture_run(document, PNG, descr="Kart"))
    document.add_paragraph("Figur 1: Sentrum", style="Caption")
    source = tmp_path / "plan.docx"
    source.write_bytes(to_bytes(document))
    result = app.test_cli_runner().invoke(args=["drafts", "import", str(source), "--organisation", "Plan"])
    assert result.exit_code == 0, result.output
    assert "  - 1 image is kept, with its alternative text and caption from Word." in result.output
    consultation = db.session.scalars(db.select(Consultation)).one()
    unit = current_units(consultation)[1]
    assert f'<img alt="Kart" loading="lazy" src="/hoeringer/bilder/{SHA}">' in unit.html
    assert db.session.get(DraftImage, SHA).data == PNG


def test_prune_images_deletes_the_pictures_no_draft_refers_to_and_says_how_many(app):
    gif = ConvertedImage(hashlib.sha256(GIF).hexdigest(), "image/gif", GIF)
    save_images([ConvertedImage(SHA, "image/png", PNG), gif])
    for image in db.session.scalars(db.select(DraftImage)):
        image.uploaded_at = utcnow() - timedelta(days=2)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["drafts", "prune-images"])
    assert result.exit_code == 0 and result.output == "Deleted 2 pictures that no draft refers to.\n"
    assert db.session.scalars(db.select(DraftImage)).all() == []


def test_prune_images_keeps_the_pictures_of_a_revision_waiting_to_be_published(app):
    from hoering.revisions.models import PendingRevision
    from tests.factories import make_consultation

    consultation = make_consultation()
    save_images([ConvertedImage(SHA, "image/png", PNG)])
    db.session.add(PendingRevision(consultation_id=consultation.id, base_version_id=consultation.current_version_id,
                                   source=f"Kartet:\n\n![Kart](bilde:{SHA})\n", corrections={}))
    image = db.session.get(DraftImage, SHA)
    image.uploaded_at = utcnow() - timedelta(days=2)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["drafts", "prune-images"])
    assert result.output == "Deleted 0 pictures that no draft refers to.\n"
    assert db.session.get(DraftImage, SHA) is not None
