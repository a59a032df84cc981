"""The site's public address, ``PUBLIC_URL``: what every absolute URL is built on, and the only host answered.

Flask builds absolute URLs (the API's ``url`` and ``next``, the links in a printed summary, later the
links in e-mails) from the request's Host header, which anyone can forge: ``Host: evil.example`` would
put evil.example into the links others follow. With ``PUBLIC_URL`` set, links are built on it, inside
a request and outside one (a command, a worker), and a request for another host is refused with a 400
before any view runs (except the health checks, marked ``any_host``). Unset (development, ``make run``),
links follow the request as Flask does.
"""
from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l
from werkzeug.sansio.utils import host_is_trusted

UNKNOWN_HOST = _l("Denne adressen hører ikke til dette nettstedet.")
ANY_HOST = "answers_any_host"


class PublicUrlFlask(Flask):
    """Flask, with URLs built on ``PUBLIC_URL`` instead of the request's Host when it is set."""

    public_url: SplitResult | None = None

    def create_url_adapter(self, request):
        adapter = super().create_url_adapter(request)
        public = self.public_url
        if public is None:
            return adapter
        if request is None:  # a command or a worker: no request to take a host from
            return self.url_map.bind(public.netloc, url_scheme=public.scheme)
        if adapter is not None:
            adapter.server_name, adapter.url_scheme = public.netloc, public.scheme
        return adapter


def parse(value: str) -> SplitResult:
    """``PUBLIC_URL`` as parts, or ValueError: a scheme and a host (a port if need be), nothing more.

    A path is refused rather than half supported: the site answers at the root of its host.
    """
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ValueError(f"PUBLIC_URL must be a scheme and a host, like https://hoering.kommune.no; not {value!r}")
    return parts._replace(path="")


def links_outside_requests() -> bool:
    """Whether a command or a worker can build absolute links: PUBLIC_URL (or Flask's SERVER_NAME) is set."""
    return bool(current_app.config.get("PUBLIC_URL") or current_app.config.get("SERVER_NAME"))


def any_host(view):
    """Mark a view answered whatever Host a request names: a health check, which a load balancer or
    Kubernetes sends to the server's own address. Such a view must build no links from the request."""
    setattr(view, ANY_HOST, True)
    return view


def init_app(app: PublicUrlFlask) -> None:
    from hoering.errors import render_error  # the error pages need the app's packages, not the other way round

    if not app.config.get("PUBLIC_URL"):
        return
    app.public_url = public = parse(app.config["PUBLIC_URL"])

    def refuse_other_hosts():
        # The port is not compared: a proxy may or may not pass on the public one.
        if host_is_trusted(request.host, [public.hostname]):
            return None
        if getattr(app.view_functions.get(request.endpoint), ANY_HOST, False):
            return None  # a health check, asked by the server's address
        return render_error(400, UNKNOWN_HOST)

    # First of all: a refused request takes no write lock, counts against no rate limit, runs nothing.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_other_hosts)
