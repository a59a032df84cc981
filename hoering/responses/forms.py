"""The planner's forms: a body of the register, a file to import, the picks for a consultation, the
invitation letter, the sending actions and a later deadline for one body; and a body's response."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, EmailField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from werkzeug.exceptions import RequestEntityTooLarge

from hoering.consultations.forms import LocalDateField
from hoering.consultations.planning import CLOSES_AT_DEFAULT_TIME, OPENS_AT_DEFAULT_TIME
from hoering.forms import CitizenForm, Honeypot, ServiceForm
from hoering.mail.models import MAX_SUBJECT_LENGTH
from hoering.responses.answers import AS_ORGANISATION, AS_PERSON, OpenInput, ResponseInput
from hoering.responses.attachment_files import MAX_FILE_BYTES
from hoering.responses.attaching import Upload
from hoering.responses.invitations import MAX_LETTER_LENGTH, MAX_REASON_LENGTH, MAX_REMINDER_DAYS, LetterInput
from hoering.responses.models import (
    CATEGORY_LABELS,
    CHANNEL_EMAIL,
    CHANNEL_MEETING,
    CHANNEL_POST,
    MAX_CONTACT_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_NAME_LENGTH,
    MAX_RESPONSE_LENGTH,
    Body,
    FormalResponse,
    InvitationLetter,
    InvitedBody,
)
from hoering.responses.publication import MAX_DECISION_REASON
from hoering.responses.registering import FROM_INVITED, RegisteredInput
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


class LetterForm(ServiceForm):
    """The invitation letter and the reminder, with their placeholders (letters.PLACEHOLDERS)."""

    subject = StringField(_l("Emne"), validators=[DataRequired(_l("Skriv emnet.")), Length(max=MAX_SUBJECT_LENGTH)])
    text = TextAreaField(_l("Tekst"), validators=[DataRequired(_l("Skriv teksten i høringsbrevet.")),
                                                  Length(max=MAX_LETTER_LENGTH)], render_kw={"rows": 18})
    reminder_subject = StringField(_l("Emne i påminnelsen"), validators=[DataRequired(_l("Skriv emnet.")),
                                                                          Length(max=MAX_SUBJECT_LENGTH)])
    reminder_text = TextAreaField(_l("Tekst i påminnelsen"),
                                  validators=[DataRequired(_l("Skriv teksten i påminnelsen.")),
                                              Length(max=MAX_LETTER_LENGTH)], render_kw={"rows": 12})
    reminder_days = IntegerField(
        _l("Send påminnelse dette antallet dager før fristen (valgfritt)"),
        validators=[Optional(), NumberRange(min=1, max=MAX_REMINDER_DAYS, message=_l("Velg mellom 1 og 60 dager."))],
        description=_l("Påminnelsen går til instansene som ikke har svart. La feltet stå tomt for ingen påminnelse."),
        render_kw={"inputmode": "numeric"},
    )

    def fill_from(self, letter: InvitationLetter) -> None:
        for name in ("subject", "text", "reminder_subject", "reminder_text", "reminder_days"):
            getattr(self, name).data = getattr(letter, name)

    def to_input(self) -> LetterInput:
        return LetterInput(subject=self.subject.data or "", text=self.text.data or "",
                           reminder_subject=self.reminder_subject.data or "",
                           reminder_text=self.reminder_text.data or "", reminder_days=self.reminder_days.data)


class SendForm(ServiceForm):
    """The tracking page's actions: send the invitations, remind, or resend to the ticked bodies."""

    @staticmethod
    def chosen(formdata) -> set[int]:
        return _ids(formdata.getlist("instans"))


class DeadlineForm(ServiceForm):
    deadline = LocalDateField(_l("Ny frist for denne instansen"),
                              description=_l("Fristen er klokken 23:59 den dagen. La feltet stå tomt for høringens egen frist."))
    reason = TextAreaField(_l("Begrunnelse"), validators=[Length(max=MAX_REASON_LENGTH)],
                           description=_l("Begrunnelsen lagres med fristen og vises for saksbehandlerne."),
                           render_kw={"rows": 3})

    def fill_from(self, deadline: date | None, reason: str) -> None:
        self.deadline.data = deadline
        self.reason.data = reason

    def moment(self) -> datetime | None:
        """The new deadline: the end of the chosen day, in the site's time zone."""
        day = self.deadline.data
        zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
        return datetime.combine(day, CLOSES_AT_DEFAULT_TIME, tzinfo=zone) if day else None


def posted(form_class):
    """The form with what was posted; when the files were too large to read at all, an empty one that
    says so (nothing typed could be read, so nothing can be kept)."""
    try:
        return form_class()
    except RequestEntityTooLarge:
        form = form_class(formdata=None)
        form.form_errors.append(_l("Filene var til sammen for store (høyst 10 filer på 20 MB). Ingenting ble "
                                   "lagret; skriv svaret på nytt og velg færre eller mindre filer."))
        return form


class ResponseForm(CitizenForm):
    """A body's formal response through its personal link. The body's name and number are not
    fields: they come from the register, shown above the form."""

    contact_name = StringField(_l("Kontaktperson"), validators=[
        DataRequired(_l("Skriv navnet på kontaktpersonen.")), Length(max=MAX_CONTACT_LENGTH)],
        description=_l("Den som kan svare på spørsmål om høringssvaret."), render_kw={"autocomplete": "name"})
    contact_email = EmailField(_l("E-post for kvitteringen"), validators=[
        DataRequired(_l("Skriv e-postadressen kvitteringen skal sendes til.")), Length(max=MAX_EMAIL_LENGTH)],
        description=_l("Kvitteringen med hele svaret sendes hit. Adressen vises ikke offentlig."),
        render_kw={"autocomplete": "email"})
    text = TextAreaField(_l("Høringssvaret"), validators=[Length(max=MAX_RESPONSE_LENGTH)],
                         description=_l("Du kan bruke *kursiv*, **fet**, lister og lenker."), render_kw={"rows": 14})
    no_comments = BooleanField(_l("Vi har ingen merknader"))
    attachments = MultipleFileField(
        _l("Vedlegg (valgfritt)"),
        description=_l("PDF, Word (.docx) eller OpenDocument (.odt), høyst 10 filer på opptil 20 MB hver. "
                       "Filer med passord eller kryptering kan ikke tas imot."),
        render_kw={"accept": ".pdf,.docx,.odt,application/pdf,"
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                             "application/vnd.oasis.opendocument.text"},
    )

    def uploads(self) -> list[Upload]:
        """The chosen files, each read to one byte past the limit so that the check refuses a larger
        one; a file input left empty sends a nameless part, which is no file."""
        return [Upload(storage.filename, storage.stream.read(MAX_FILE_BYTES + 1))
                for storage in self.attachments.data or [] if getattr(storage, "filename", "")]

    @staticmethod
    def kept(formdata) -> set[int]:
        """The current attachments left ticked ("behold")."""
        return _ids(formdata.getlist("behold"))

    def fill_from(self, response: FormalResponse | None, invited: InvitedBody) -> None:
        if response is None:
            self.contact_email.data = invited.body.email
            return
        for name in ("contact_name", "contact_email", "text", "no_comments"):
            getattr(self, name).data = getattr(response, name)

    def to_input(self) -> ResponseInput:
        return ResponseInput(contact_name=self.contact_name.data or "", contact_email=self.contact_email.data or "",
                             text=self.text.data or "", no_comments=bool(self.no_comments.data))


class DecisionForm(ServiceForm):
    """A moderator's decision on a formal response: publishing needs nothing, hiding a reason."""

    reason = StringField(_l("Hvorfor skjules svaret?"), validators=[Length(max=MAX_DECISION_REASON)])


class OpenResponseForm(Honeypot, ResponseForm):
    """A formal response without a personal link: from an organisation, or from a private person
    who chooses whether the name is published."""

    answering_as = RadioField(
        _l("Du svarer"),
        choices=[SelectChoice(AS_ORGANISATION, _l("På vegne av en organisasjon, en bedrift eller et offentlig organ")),
                 SelectChoice(AS_PERSON, _l("Som privatperson"))],
        validators=[InputRequired(_l("Velg hvem du svarer for."))],
        validate_choice=False,  # the service names a wrong one on the field
    )
    organisation_name = StringField(_l("Navnet på organisasjonen"), validators=[Length(max=MAX_NAME_LENGTH)],
                                    description=_l("Fyll ut når du svarer på vegne av en organisasjon."))
    organisation_number = StringField(
        _l("Organisasjonsnummer (valgfritt)"), validators=[Length(max=30)],
        description=_l("Ni sifre, som 974 760 673."), render_kw={"inputmode": "numeric", "autocomplete": "off"})
    category = RadioField(
        _l("Hva slags organisasjon"),
        choices=[SelectChoice(key, label) for key, label in CATEGORY_LABELS.items()],
        validate_choice=False,
    )
    contact_name = StringField(_l("Navnet ditt"), validators=[
        DataRequired(_l("Skriv navnet ditt.")), Length(max=MAX_CONTACT_LENGTH)],
        description=_l("For en organisasjon: du er kontaktpersonen, som kan svare på spørsmål om svaret."),
        render_kw={"autocomplete": "name"})
    publish_name = RadioField(
        _l("Når du svarer som privatperson"),
        choices=[SelectChoice("ja", _l("Publiser svaret med navnet mitt")),
                 SelectChoice("nei", _l("Publiser svaret uten navnet mitt (det vises som «Privatperson»)"))],
        default="ja",
        validate_choice=False,
        description=_l("Kommunen tar uansett vare på navnet ditt i saken og i arkivet."),
    )
    def to_open_input(self) -> OpenInput:
        return OpenInput(
            response=self.to_input(), answering_as=self.answering_as.data or "",
            organisation_name=self.organisation_name.data or "", organisation_number=self.organisation_number.data or "",
            category=self.category.data or "", publish_name=self.publish_name.data != "nei",
        )


REGISTERED_CHANNEL_CHOICES = {CHANNEL_POST: _l("Per post"), CHANNEL_EMAIL: _l("Per e-post til postmottaket"),
                              CHANNEL_MEETING: _l("I et møte")}


class RegisteredResponseForm(OpenResponseForm):
    """A response that came by letter, e-mail or in a meeting, typed in by staff: how and when it
    came, from an invited body or anyone else, a transcript and the scan."""

    channel = RadioField(_l("Hvordan kom svaret inn?"), choices=[
        SelectChoice(key, label) for key, label in REGISTERED_CHANNEL_CHOICES.items()],
        validators=[InputRequired(_l("Velg hvordan svaret kom inn."))], validate_choice=False)
    received_on = LocalDateField(_l("Dato mottatt"), validators=[InputRequired(_l("Skriv datoen svaret kom inn."))],
                                 description=_l("Om svaret kom for sent, avgjøres av denne datoen."))
    answering_as = RadioField(
        _l("Svaret er fra"),
        choices=[SelectChoice(FROM_INVITED, _l("En invitert høringsinstans")),
                 SelectChoice(AS_ORGANISATION, _l("En annen organisasjon, bedrift eller et offentlig organ")),
                 SelectChoice(AS_PERSON, _l("En privatperson"))],
        validators=[InputRequired(_l("Velg hvem svaret er fra."))], validate_choice=False)
    invited_id = SelectField(_l("Instansen"), choices=[], validate_choice=False,
                             description=_l("Bare inviterte instanser som ikke har svart, står i listen."))
    contact_name = StringField(_l("Avsender eller kontaktperson"), validators=[
        DataRequired(_l("Skriv hvem som sendte svaret.")), Length(max=MAX_CONTACT_LENGTH)])
    contact_email = EmailField(_l("E-post for kvittering (valgfritt)"), validators=[Length(max=MAX_EMAIL_LENGTH)],
                               description=_l("Med en adresse får avsenderen en kvittering med referansen."))
    text = TextAreaField(_l("Avskrift"), validators=[Length(max=MAX_RESPONSE_LENGTH)],
                         description=_l("Skriv av svaret, eller skriv ned det som ble sagt i møtet. Det skannede "
                                        "brevet eller filen legges ved under."), render_kw={"rows": 12})

    def offer(self, bodies) -> None:
        self.invited_id.choices = [SelectChoice("", _l("Velg instansen"))] + [
            SelectChoice(str(invited.id), invited.body.name) for invited in bodies]

    def moment(self) -> datetime | None:
        """The day it came, at the start of it in the site's time zone: on the deadline's day is in time."""
        day = self.received_on.data
        zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
        return datetime.combine(day, OPENS_AT_DEFAULT_TIME, tzinfo=zone) if day else None

    def to_registered_input(self) -> RegisteredInput:
        chosen = self.invited_id.data or ""
        return RegisteredInput(who=self.to_open_input(), channel=self.channel.data or "", received_at=self.moment(),
                               invited_id=int(chosen) if chosen.isdigit() and len(chosen) < 10 else None)
