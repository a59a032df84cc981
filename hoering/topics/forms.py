"""The admin's forms for the lists of topics and areas."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from hoering.forms import ServiceForm, stripped
from hoering.topics.models import AREA, TOPIC


class TopicForm(ServiceForm):
    kind = RadioField(_l("Hva slags"), choices=[
        SelectChoice(TOPIC, _l("Emne (for eksempel skole, vei og trafikk)")),
        SelectChoice(AREA, _l("Område (for eksempel en skolekrets eller bydel)"))], default=TOPIC,
        validators=[InputRequired(_l("Velg emne eller område."))])
    name = StringField(_l("Navn"), filters=[stripped], validators=[InputRequired(_l("Skriv et navn."))])


class RenameForm(ServiceForm):
    name = StringField(_l("Nytt navn"), filters=[stripped], validators=[InputRequired(_l("Skriv et navn."))])
