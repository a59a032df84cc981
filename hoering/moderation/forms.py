"""Moderators' forms; each decision is its own small POST form so the queue works without JavaScript."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField
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


class PublishForm(ServiceForm):
    """Approve or restore. While the guard still finds personal data, the service asks for both fields."""

    reason = TextAreaField(_l("Hvorfor kan innspillet publiseres slik det står?"), validators=[Length(max=300)])
    confirm = BooleanField(_l("Jeg har sett på de merkede opplysningene, og de kan publiseres"))


class RedactMarkedForm(ServiceForm):
    """The pieces of personal data the guard marked that the moderator chose to remove (Marked.key)."""

    spans = SelectMultipleField(_l("Personopplysninger som fjernes"), choices=[], validate_choice=False)


class RedactForm(ServiceForm):
    span = TextAreaField(
        _l("Tekst som skal fjernes"),
        validators=[Length(max=10_000)],
        description=_l("Mellomrom og linjeskift trenger ikke stemme nøyaktig. Hver forekomst erstattes med [fjernet]."),
    )


class EraseForm(ServiceForm):
    remove_text = BooleanField(_l("Slett også selve teksten"))
