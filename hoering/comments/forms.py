"""The citizen's comment form and the agree button, with messages in the reader's language."""
from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from hoering.comments.services import (
    MAX_EMAIL_LENGTH,
    MAX_NAME_LENGTH,
    MAX_ORGANISATION_LENGTH,
    MAX_TEXT_LENGTH,
    CommentInput,
)
from hoering.forms import CitizenForm, Honeypot, email_checks, stripped
from hoering.comments.presentation import STANCE_LABELS


class CommentForm(Honeypot, CitizenForm):
    author_name = StringField(
        _l("Navn"),
        filters=[stripped],
        validators=[
            DataRequired(_l("Skriv navnet ditt.")),
            Length(max=MAX_NAME_LENGTH, message=_l("Navnet kan være høyst %(max)d tegn.")),
        ],
        description=_l("Navnet vises sammen med innspillet."),
    )
    email = EmailField(
        _l("E-post (valgfritt)"),
        filters=[stripped],
        validators=[
            Optional(),
            *email_checks(MAX_EMAIL_LENGTH),
        ],
        description=_l("Vises aldri offentlig. Kommunen kan bruke den til å kontakte deg om innspillet."),
    )
    notify = BooleanField(
        _l("Varsle meg når noen svarer"),
        description=_l("Du får en e-post når kommunen svarer på innspillet ditt. Du kan melde deg av i e-posten."),
    )
    organisation = StringField(
        _l("Organisasjon (valgfritt)"),
        filters=[stripped],
        validators=[Length(max=MAX_ORGANISATION_LENGTH, message=_l("Navnet på organisasjonen er for langt."))],
        description=_l("Fyll ut hvis du skriver på vegne av en organisasjon, et lag eller en bedrift."),
    )
    stance = SelectField(
        _l("Standpunkt (valgfritt)"),
        choices=[SelectChoice("", _l("Ikke oppgitt"))] + [SelectChoice(v, label) for v, label in STANCE_LABELS.items()],
        default="",
        validate_choice=False,
    )
    text = TextAreaField(
        _l("Innspill"),
        filters=[stripped],
        validators=[
            DataRequired(_l("Skriv innspillet ditt.")),
            Length(max=MAX_TEXT_LENGTH, message=_l("Innspillet kan være høyst %(max)d tegn.")),
        ],
        description=_l("Du kan bruke *kursiv*, **fet**, lister og lenker. Høyst 10 000 tegn."),
    )
    # Shown only to staff who may answer as the municipality (hoering.comments.answers), on a reply.
    official = BooleanField(_l("Svar på vegne av kommunen"), default=True,
                            description=_l("Svaret vises som svar fra kommunen, med navnet og rollen din."))
    parent_id = HiddenField()
    submission_key = HiddenField()

    def validate_notify(self, field) -> None:
        if field.data and not (self.email.data or "").strip():
            raise ValidationError(_l("Skriv e-postadressen din over for å få varsel når noen svarer."))

    def prepare(self, parent_id: int | None) -> None:
        """Set up a fresh form: a new submission key, and the comment being replied to."""
        self.submission_key.data = secrets.token_hex(16)
        self.parent_id.data = str(parent_id) if parent_id else ""

    def parent(self) -> int | None:
        value = (self.parent_id.data or "").strip()
        return int(value) if value.isdigit() else None

    def to_input(self) -> CommentInput:
        return CommentInput(
            author_name=self.author_name.data or "",
            text=self.text.data or "",
            email=self.email.data or "",
            organisation=self.organisation.data or "",
            stance=self.stance.data or "",
            parent_id=self.parent(),
            submission_key=(self.submission_key.data or "").strip(),
        )

    def ensure_submission_key(self) -> None:
        if not (self.submission_key.data or "").strip():
            self.submission_key.data = secrets.token_hex(16)


class AgreeForm(CitizenForm):
    """Only the CSRF token: agreeing is a plain POST that works without JavaScript."""


class FlagForm(CitizenForm):
    reason = TextAreaField(
        _l("Hvorfor bør en moderator se på innspillet?"),
        filters=[stripped],
        validators=[
            DataRequired(_l("Skriv hvorfor du melder fra om innspillet.")),
            Length(max=500, message=_l("Begrunnelsen kan være høyst %(max)d tegn.")),
        ],
        description=_l("For eksempel: personangrep, personopplysninger, reklame eller noe som ikke hører hjemme her."),
    )


class EditForm(CitizenForm):
    """The sender's edit of their comment, through the private link: its words and stance, checked as
    the comment form checks them."""

    stance = CommentForm.stance
    text = CommentForm.text


class WithdrawForm(CitizenForm):
    """Only the CSRF token: withdrawing is a plain POST that works without JavaScript."""
