"""The admin's form for the brand."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, URLField
from wtforms.validators import Optional

from hoering.branding.models import MAX_EMAIL_LENGTH
from hoering.branding.services import BrandSettings, problems
from hoering.forms import ServiceForm, email_checks, stripped


class BrandForm(ServiceForm):
    organisation = StringField(_l("Navnet på organisasjonen"), filters=[stripped],
                               description=_l("Vises øverst på hver side og i sidetitlene, for eksempel Fjordvik kommune."))
    logo = FileField(_l("Logo"), description=_l("SVG eller PNG, høyst 300 kB. Den vises i toppen, ved siden av navnet."))
    remove_logo = BooleanField(_l("Fjern logoen"))
    main_colour = StringField(_l("Hovedfarge"), filters=[stripped], description=_l(
        "Heksadesimal kode, for eksempel #1e5b8c. Brukes på knapper med hvit tekst og på lenker, så den må gi "
        "kontrast på minst 4,5:1 mot hvitt."))
    contact_email = StringField(_l("E-post for spørsmål"), filters=[stripped],
                                validators=[Optional(), *email_checks(MAX_EMAIL_LENGTH)])
    contact_phone = StringField(_l("Telefon"), filters=[stripped])
    contact_address = StringField(_l("Postadresse"), filters=[stripped])
    privacy_url = URLField(_l("Personvernerklæring (adresse)"), filters=[stripped])
    accessibility_url = URLField(_l("Tilgjengelighetserklæring (adresse)"), filters=[stripped])
    website_url = URLField(_l("Organisasjonens nettsted (adresse)"), filters=[stripped])
    dpo_name = StringField(_l("Personvernombudets navn"), filters=[stripped],
                           description=_l("Vises i personvernerklæringen for tjenesten."))
    dpo_email = StringField(_l("Personvernombudets e-post"), filters=[stripped],
                            validators=[Optional(), *email_checks(MAX_EMAIL_LENGTH)])

    def validate(self, extra_validators=None) -> bool:
        """WTForms' checks, then the brand's own rules on every field, so all mistakes show at once."""
        valid = super().validate(extra_validators)
        for name, reason in problems(self.settings()).items():
            field = getattr(self, name)
            if not field.errors:
                field.errors = [*field.errors, reason]
                valid = False
        return valid

    def settings(self) -> BrandSettings:
        return BrandSettings(**{name: getattr(self, name).data or "" for name in BrandSettings.__dataclass_fields__})

    def uploaded_logo(self) -> bytes | None:
        """The chosen file's bytes, or None when no file was chosen (a browser sends an empty part)."""
        upload = self.logo.data
        if upload is None or not getattr(upload, "filename", ""):
            return None
        return upload.read()
