"""Stored pictures of drafts: one row per picture however often it is uploaded, found by its name,
and deleted a day after no draft refers to it any longer (issue 13)."""
import hashlib
from datetime import timedelta

import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.consultations.docx_report import ConvertedImage
from hoering.consultations.images import DraftImage, get_image, prune_images, save_images
from hoering.draft_images import source
from hoering.extensions import db
from tests.factories import make_consultation
from tests.fixtures.word import GIF, PNG


def converted(data: bytes, content_type: str = "image/png") -> ConvertedImage:
    return ConvertedImage(hashlib.sha256(data).hexdigest(), content_type, data)


def stored() -> list[tuple[str, str, int]]:
    rows = db.session.execute(sa.select(DraftImage.sha256, DraftImage.content_type, DraftImage.size))
    return sorted(tuple(row) for row in rows)


def age(image: ConvertedImage, days: int) -> None:
    db.session.get(DraftImage, image.sha256).uploaded_at = utcnow() - timedelta(days=days)
    db.session.commit()


def test_a_picture_is_stored_once_however_often_it_is_uploaded(app):
    png, gif = converted(PNG), converted(GIF, "image/gif")
    assert save_images([png, gif, png]) == 2
    assert save_images([png]) == 0
    assert stored() == sorted([(png.sha256, "image/png", len(PNG)), (gif.sha256, "image/gif", len(GIF))])
    assert get_image(png.sha256).data == PNG


def test_uploading_a_picture_again_marks_it_as_just_uploaded(app):
    png = converted(PNG)
    save_images([png])
    age(png, 3)
    save_images([png])
    assert db.session.get(DraftImage, png.sha256).uploaded_at > utcnow() - timedelta(minutes=1)


def test_nothing_to_store_takes_no_lock_and_changes_nothing(app):
    assert save_images([]) == 0 and stored() == []


def test_a_name_no_picture_can_have_finds_nothing(app):
    save_images([converted(PNG)])
    name = hashlib.sha256(PNG).hexdigest()
    assert get_image(name.upper()) is None and get_image(name[:-1]) is None and get_image(f"{name[:-2]}%") is None
    assert get_image(hashlib.sha256(b"other").hexdigest()) is None


def test_pruning_deletes_pictures_no_draft_refers_to_a_day_after_their_last_upload(app):
    shown, dropped, fresh = converted(PNG), converted(GIF, "image/gif"), converted(PNG + b"2")
    save_images([shown, dropped, fresh])
    make_consultation(draft=f"# Kart\n\n![Kart]({source(shown.sha256)})\n")
    age(shown, 5)
    age(dropped, 2)
    assert prune_images() == 1
    assert [name for name, _type, _size in stored()] == sorted([shown.sha256, fresh.sha256])
    assert prune_images() == 0
