"""Security headers for every response, set in this one place."""
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.routing import UnicodeConverter, ValidationError

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


def has_control_characters(value: str) -> bool:
    return any(ord(character) < 32 or ord(character) == 127 for character in value)


class PathSegmentConverter(UnicodeConverter):
    """The default URL converter, minus control characters: a %00 in a slug is a 404, not a query."""

    def to_python(self, value: str) -> str:
        value = super().to_python(value)
        if has_control_characters(value):
            raise ValidationError()
        return value


def init_app(app: Flask) -> None:
    app.url_map.converters["default"] = PathSegmentConverter
    @app.after_request
    def set_security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def safe_local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: never a URL that leads elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if has_control_characters(target):
        return None  # a line break would make the Location header itself fail
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
