"""The staff's export form."""
from wtforms import HiddenField
from wtforms.validators import AnyOf

from hoering.exports.models import KINDS
from hoering.forms import ServiceForm


class ExportForm(ServiceForm):
    """Start an export: which file (each kind has its own form and button on the page)."""

    kind = HiddenField(validators=[AnyOf(KINDS)])
