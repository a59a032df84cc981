"""An attachment as a download: always saved, never shown by the browser as a page of this site.

``Content-Disposition: attachment`` (with the name in UTF-8 as RFC 6266 and 5987 write it),
``X-Content-Type-Options: nosniff`` and a sandboxing Content-Security-Policy: even a file that a
browser would render cannot run script in the site's origin.
"""
from __future__ import annotations

from urllib.parse import quote

from flask import current_app
from werkzeug.http import dump_options_header

from hoering.responses.attaching import data_of
from hoering.responses.models import ResponseAttachment

SANDBOX_POLICY = "sandbox; default-src 'none'"


def download(attachment: ResponseAttachment):
    response = current_app.response_class(data_of(attachment), mimetype=attachment.content_type)
    ascii_name = attachment.name.encode("ascii", "replace").decode().replace("?", "_")
    response.headers["Content-Disposition"] = dump_options_header(
        "attachment", {"filename": ascii_name, "filename*": f"UTF-8''{_quoted(attachment.name)}"})
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = SANDBOX_POLICY
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _quoted(name: str) -> str:
    return quote(name, safe="")
