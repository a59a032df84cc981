"""The reader's language: bokmål, nynorsk or English.

The browser's Accept-Language decides, unless the reader has chosen with the switcher in the page
header (a plain form, POST /sprak), which holds for the rest of the browser session. The msgids are
bokmål, so bokmål needs no catalogue; nynorsk and English live in translations/ (README, "Languages
and translations").
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Flask, abort, g, has_request_context, redirect, request, session, url_for
from flask_babel import get_locale, refresh

from hoering.accounts.access import public
from hoering.security import safe_local_path

DEFAULT = "nb"
# Each language by the code used in <html lang>, the session and the switcher, with the locale whose
# conventions format its dates and numbers: English as written in Britain (1 December 2026, 23:59).
LOCALES = {"nb": "nb", "nn": "nn", "en": "en_GB"}
# The switcher names each language in that language, so a reader finds their own in any of them.
NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
# Other tags browsers send for our languages ("no" is Norwegian unspecified: in practice bokmål).
ALIASES = {"no": "nb", "nob": "nb", "nno": "nn"}
SESSION_KEY = "language"

blueprint = Blueprint("languages", __name__)


def language_from_header(accept_languages) -> str | None:
    """The first language the browser asks for that we offer, in the browser's order of preference.

    Werkzeug's ``best_match`` prefers any exact match to a regional one, so for "nb-NO, en;q=0.5" it
    would pick English; here "nb-NO" counts as "nb", and a tag is only skipped if it is refused (q=0).
    """
    for tag, quality in accept_languages:
        primary = tag.lower().replace("_", "-").split("-")[0]
        code = ALIASES.get(primary, primary)
        if quality > 0 and code in LOCALES:
            return code
    return None


def select_language() -> str:
    """nb, nn or en for this request: the reader's choice, else the browser's, else bokmål."""
    if not has_request_context():
        return DEFAULT  # the command line and background work speak bokmål
    g.language_negotiated = True
    chosen = session.get(SESSION_KEY)
    if chosen in LOCALES:
        return chosen
    return language_from_header(request.accept_languages) or DEFAULT


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    return LOCALES[select_language()]


def current_language() -> str:
    """The language of the page being rendered: the value of <html lang>."""
    return get_locale().language


def current_path() -> str:
    """This page's address (path and query), where the switcher sends the reader back."""
    path = quote(request.script_root + request.path)
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path


@blueprint.post("/sprak")
@public
def choose():
    """The switcher: remember the reader's language for this browser session, and go back to the page."""
    language = request.form.get("sprak", "")
    if language not in LOCALES:
        abort(400)
    session[SESSION_KEY] = language
    return redirect(safe_local_path(request.form.get("tilbake")) or url_for("consultations.front_page"), 303)


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)
    uncompiled = [
        str(po) for directory in app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")
        for po in Path(directory).glob("*/LC_MESSAGES/*.po") if not po.with_suffix(".mo").exists()
    ]
    if uncompiled:  # the pages would quietly stay in bokmål
        app.logger.warning("Translations not compiled (make catalogues, or pybabel compile -d translations): %s",
                           ", ".join(uncompiled))

    @app.before_request
    def forget_last_language():
        # Every request chooses afresh, even when requests share one app context (as in tests).
        refresh()
        g.pop("language_negotiated", None)

    @app.after_request
    def vary_by_language(response):
        # A page in the reader's language depends on Accept-Language and on the session cookie: caches
        # must keep one copy per combination, or hand a nynorsk page to an English reader.
        if g.get("language_negotiated"):
            response.vary.update(("Accept-Language", "Cookie"))
        return response

    @app.context_processor
    def language_context():
        if not has_request_context():
            return {"current_language": DEFAULT}
        return {
            "current_language": current_language(),
            "language_names": NAMES,
            "language_return_path": current_path(),
        }
