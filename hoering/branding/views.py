"""The admin's brand page, and the logo and theme that every page links to."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hoering.accounts.access import public, requires
from hoering.accounts.models import ADMIN
from hoering.branding import services
from hoering.branding.forms import BrandForm
from hoering.branding.logos import SVG

blueprint = Blueprint("branding", __name__)
# The addresses carry the brand's version (?v=…): a change gets a new address, so caches may keep these.
CACHE = "public, max-age=31536000, immutable"
# An SVG opened on its own is a document: no script, no loading, no forms, nothing from elsewhere.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


@blueprint.route("/admin/merkevare", methods=["GET", "POST"])
@requires(ADMIN)
def settings():
    brand = services.current_brand()
    form = BrandForm(data={name: getattr(brand, name) for name in services.SETTING_NAMES})
    if form.validate_on_submit() and form.carried_out(lambda: services.save_brand(
            form.settings(), form.uploaded_logo(), form.remove_logo.data, current_user)):
        flash(_("Endringene er lagret. Slik ser sidene ut nå."), "success")
        return redirect(url_for(".settings"))
    status = 400 if request.method == "POST" else 200
    return render_template("branding/settings.html", form=form), status


@blueprint.get("/merke/logo")
@public
def logo():
    current = services.current_logo()
    if current is None:
        abort(404)
    headers = {"Content-Type": current.media_type, "Cache-Control": CACHE,
               "Content-Disposition": f"inline; filename=logo.{current.extension}"}
    if current.media_type == SVG:
        headers["Content-Security-Policy"] = SVG_POLICY
    return current.data, 200, headers


@blueprint.get("/merke/tema.css")
@public
def theme():
    return services.theme_css(services.current_brand()), 200, {"Content-Type": "text/css; charset=utf-8",
                                                               "Cache-Control": CACHE}
