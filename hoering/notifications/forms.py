"""The follow form: an address, and how often."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from hoering.comments.services import MAX_EMAIL_LENGTH
from hoering.forms import CitizenForm, Honeypot, email_checks, stripped
from hoering.notifications.models import DAILY, IMMEDIATE


class FollowForm(Honeypot, CitizenForm):
    email = EmailField(
        _l("E-post"),
        filters=[stripped],
        validators=[
            DataRequired(_l("Skriv e-postadressen din.")),
            *email_checks(MAX_EMAIL_LENGTH),
        ],
        description=_l("Vises aldri offentlig, og brukes bare til disse varslene."),
    )
    frequency = RadioField(
        _l("Hvor ofte vil du få e-post?"),
        choices=[SelectChoice(IMMEDIATE, _l("Med en gang det skjer noe")),
                 SelectChoice(DAILY, _l("Én samlet e-post om dagen"))],
        default=IMMEDIATE,
        validators=[DataRequired(_l("Velg hvor ofte du vil få e-post."))],
    )
