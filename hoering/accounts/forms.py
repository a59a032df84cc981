"""Forms for logging in and for administering staff users."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from hoering.accounts.models import ROLE_LABELS
from hoering.forms import ServiceForm


class LoginForm(ServiceForm):
    email = EmailField(_l("E-post"), validators=[DataRequired(_l("Skriv e-postadressen din.")), Length(max=254)])
    password = PasswordField(_l("Passord"), validators=[DataRequired(_l("Skriv passordet ditt.")), Length(max=200)])
    next = HiddenField()


class RolesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def role_choices():
    return [SelectChoice(role, label) for role, label in ROLE_LABELS.items()]


class NewUserForm(ServiceForm):
    name = StringField(_l("Navn"), validators=[DataRequired(_l("Skriv navnet.")), Length(max=120)])
    email = EmailField(_l("E-post"), validators=[DataRequired(_l("Skriv e-postadressen.")), Length(max=254)])
    password = PasswordField(
        _l("Passord"),
        validators=[DataRequired(_l("Skriv et passord.")), Length(max=200)],
        description=_l("Minst 12 tegn. Gi det til brukeren på en trygg måte."),
    )
    roles = RolesField(_l("Roller"), choices=role_choices())


class UserRolesForm(ServiceForm):
    roles = RolesField(_l("Roller"), choices=role_choices())
    active = BooleanField(_l("Kan logge inn"))
