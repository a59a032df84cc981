"""The staff's export form."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField
from wtforms.validators import AnyOf

from hoering.exports.models import KINDS
from hoering.forms import ServiceForm


class ExportForm(ServiceForm):
    """Start an export: which file (each kind has its own form and button on the page)."""

    kind = HiddenField(validators=[AnyOf(KINDS)])
    # The memo only: by default a theme the caseworker has not assessed gets no placeholder text.
    open_fields = BooleanField(_l("Utkast med åpne felt"),
                               description=_l("Gir hvert tema uten kommunens vurdering et felt å skrive den i."))
