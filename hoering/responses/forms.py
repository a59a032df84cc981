"""The planner's forms for the register of bodies: a body, a file to import, and the picks for a consultation."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import EmailField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from hoering.forms import ServiceForm
from hoering.responses.models import CATEGORY_LABELS, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, Body
from hoering.responses.services import MAX_IMPORT_BYTES, BodyInput


class BodyForm(ServiceForm):
    name = StringField(_l("Navn"), validators=[DataRequired(_l("Skriv navnet på instansen.")),
                                               Length(max=MAX_NAME_LENGTH)])
    organisation_number = StringField(
        _l("Organisasjonsnummer (valgfritt)"),
        validators=[Length(max=30)],
        description=_l("Ni sifre, som 974 760 673. La feltet stå tomt for en person eller en instans uten."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    email = EmailField(_l("E-post"), validators=[DataRequired(_l("Skriv e-postadressen invitasjonen skal til.")),
                                                 Length(max=MAX_EMAIL_LENGTH)],
                       render_kw={"autocomplete": "off"})
    category = RadioField(
        _l("Kategori"),
        choices=[SelectChoice(key, label) for key, label in CATEGORY_LABELS.items()],
        validators=[InputRequired(_l("Velg en kategori."))],
        validate_choice=False,  # the service names a wrong one on the field
    )

    def fill_from(self, body: Body) -> None:
        self.name.data = body.name
        self.organisation_number.data = body.organisation_number_text
        self.email.data = body.email
        self.category.data = body.category

    def to_input(self) -> BodyInput:
        return BodyInput(name=self.name.data or "", organisation_number=self.organisation_number.data or "",
                         email=self.email.data or "", category=self.category.data or "")


class ImportForm(ServiceForm):
    file = FileField(
        _l("Fil med instanser"),
        description=_l("CSV- eller Excel-fil (.csv, .xlsx), høyst 2 MB og 5 000 rader. Første rad er "
                       "kolonnenavnene name, organisation_number, email og category."),
        render_kw={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    )

    def upload(self) -> tuple[str, bytes] | None:
        """The uploaded file's name and bytes, read to one byte past the limit for the service to refuse
        a larger file; None when no file was chosen (the field says so)."""
        upload = self.file.data
        if not upload or not getattr(upload, "filename", ""):
            self.file.errors = [_l("Velg filen du vil importere.")]
            return None
        return upload.filename, upload.read(MAX_IMPORT_BYTES + 1)


class PickForm(ServiceForm):
    """One checkbox "instans" per body shown, and a hidden "vist" per body shown: a body shown but not
    ticked is unpicked, one not shown (outside a search) is left as it is."""

    @staticmethod
    def shown(formdata) -> set[int]:
        return _ids(formdata.getlist("vist"))

    @staticmethod
    def chosen(formdata) -> set[int]:
        return _ids(formdata.getlist("instans"))


def _ids(values) -> set[int]:
    """The ids among ``values``; anything else (a tampered form) is left out."""
    return {int(value) for value in values if value.isascii() and value.isdigit() and len(value) < 10}
