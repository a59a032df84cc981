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
