"""What every form in hoering shares: clean input, and a service's rejection where the user will see it."""
from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Email, Length, ValidationError

from hoering.markup import clean_text
from hoering.rejections import Rejected


def unix_line_breaks(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class ServiceForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            """Every field drops control characters first: they can break storage and display. Line
            breaks are stored as "\n", whatever the browser sent ("\r\n" from every textarea)."""
            filters = [clean_text, unix_line_breaks, *unbound_field.kwargs.get("filters", ())]
            return unbound_field.bind(form=form, **{**options, "filters": filters})

    def show_rejection(self, rejection) -> None:
        """Put a service's rejection (``field``, ``reason``) on the field it names, or on the form."""
        target = getattr(self, rejection.field, None) if rejection.field else None
        if target is not None:
            target.errors = list(target.errors) + [rejection.reason]
        else:
            self.form_errors.append(rejection.reason)

    def carried_out(self, action: Callable[[], object]) -> bool:
        """Call ``action`` (a service call with this form's input): True when it went through, else
        False with its rejection shown on the form."""
        try:
            action()
        except Rejected as rejection:
            self.show_rejection(rejection)
            return False
        return True


class CitizenForm(ServiceForm):
    """A form whose CSRF failure is an ordinary, translated form error (nothing typed is lost).

    The views of the public's forms (comments, formal responses) are exempt from the global CSRF
    check so that an expired or missing token brings the form back with the text typed instead of
    an error page; the token is still required, here.
    """

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        csrf_field = getattr(self, "csrf_token", None)
        if csrf_field is not None and csrf_field.errors:
            csrf_field.errors = []
            self.form_errors.append(_l("Skjemaet var utløpt. Se over teksten din og send på nytt."))
        return valid


def email_checks(max_length: int) -> list:
    """A well-formed address that fits its column. Its domain is never looked up: that would make
    the form as slow and as fragile as DNS."""
    return [Length(max=max_length, message=_l("E-postadressen er for lang.")),
            Email(_l("Skriv en gyldig e-postadresse, for eksempel navn@example.no."), check_deliverability=False)]


def stripped(value):
    return value.strip() if isinstance(value, str) else value


class Honeypot:
    """A field hidden from people and filled in by bots (the public's forms mix it in). Filled in, the
    form comes back with everything typed, so a person who found it loses nothing."""

    website = StringField(_l("Nettsted (la dette feltet stå tomt)"), filters=[stripped])

    def validate_website(self, field) -> None:
        if field.data:
            raise ValidationError(_l("Dette feltet skal stå tomt. Fjern teksten i det og send igjen."))
