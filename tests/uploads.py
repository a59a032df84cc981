"""Posting a form that takes files (a formal response and its attachments), as a browser does."""
from __future__ import annotations

import io

from hoering.background import wait_for_threads
from hoering.extensions import db


def post_files(client, url: str, data: dict, files=()):
    """POST ``data`` with ``files`` ((name, bytes) pairs) as the form's attachments; then let the
    receipt's sending thread finish and start a fresh read, so the test sees what was written."""
    response = client.post(url, data={**data, "attachments": [(io.BytesIO(content), name) for name, content in files]},
                           content_type="multipart/form-data")
    wait_for_threads()
    db.session.rollback()
    return response


def answer_invitation(client, invited, text: str = "", files=(), slug: str = "digital-dialog", **fields):
    """The body ``invited`` answers through its personal link (Kari Nordmann writing), and the answer
    is taken."""
    data = {"contact_name": "Kari Nordmann", "contact_email": "kari@example.no", "text": text, **fields}
    response = post_files(client, f"/hoeringer/{slug}/svar/{invited.token}", data, files)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response
