"""Moderators' forms; each decision is its own small POST form so the queue works without JavaScript."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length

from hoering.forms import ServiceForm


class DecisionForm(ServiceForm):
    """Approve or restore: nothing but the CSRF token."""


class HideForm(ServiceForm):
    reason = StringField(
        _l("Begrunnelse (vises offentlig)"),
        validators=[Length(max=300)],
        description=_l("For eksempel: «personangrep», «reklame», «personopplysninger»."),
    )


class RedactForm(ServiceForm):
    span = TextAreaField(
        _l("Tekst som skal fjernes"),
        validators=[Length(max=10_000)],
        description=_l("Kopier teksten nøyaktig. Hver forekomst erstattes med [fjernet]."),
    )


class EraseForm(ServiceForm):
    remove_text = BooleanField(_l("Slett også selve teksten"))
