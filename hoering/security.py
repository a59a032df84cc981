"""Security headers for every response, and the URL converters that keep odd paths from the database."""
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.routing import IntegerConverter, UnicodeConverter, ValidationError

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


# Every id column is sa.Integer, which PostgreSQL stores in 32 bits (SQLite in 64): a larger number in
# a URL is an id no row can have.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: an ASCII number the id columns can hold, else a 404.

    Without the bound, a number past 64 bits reaches the database driver and fails there (a 500).
    """

    regex = r"[0-9]+"  # \d would also take other scripts' digits: a second spelling of the same id

    def to_python(self, value: str) -> int:
        if len(value.lstrip("0")) > len(str(MAX_ID)):
            raise ValidationError()  # before int(), which refuses numbers of more than 4,300 digits
        number = super().to_python(value)
        if number > MAX_ID:
            raise ValidationError()
        return number


def init_app(app: Flask) -> None:
    """Converters first: they are looked up when a rule is added, so before any blueprint is registered."""
    app.url_map.converters["default"] = PathSegmentConverter
    app.url_map.converters["int"] = IdConverter

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
