"""The planner's form for a consultation: metadata, dates in local time, moderation mode and draft.

Dates and times are typed in the configured time zone (Europe/Oslo) and handed to the services as
aware datetimes, which store them as naive UTC; an existing consultation is shown back in local time.
"""
from __future__ import annotations

from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import DateField, RadioField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from hoering.consultations import deadlines
from hoering.consultations.docx_import import MAX_DOCX_BYTES, convert_docx
from hoering.consultations.docx_report import ConvertedDraft
from hoering.consultations.draft_language import BOKMAAL, ENGLISH, NYNORSK, suggest_language
from hoering.consultations.draft_files import own_title
from hoering.consultations.models import MODERATION_POST, MODERATION_PRE, Consultation
from hoering.consultations.planning import (
    CLOSES_AT_DEFAULT_TIME,
    MAX_DRAFT_LENGTH,
    MAX_REASON_LENGTH,
    MAX_TITLE_LENGTH,
    OPENS_AT_DEFAULT_TIME,
    ConsultationInput,
)
from hoering.forms import ServiceForm, stripped

MODERATION_LABELS = {
    MODERATION_POST: _l("Ettermoderering (standard)"),
    MODERATION_PRE: _l("Forhåndsmoderering"),
}
DRAFT_LANGUAGE_LABELS = {BOKMAAL: _l("Bokmål"), NYNORSK: _l("Nynorsk"), ENGLISH: _l("Engelsk")}
KIND_LABELS = {
    deadlines.STATE: _l("Statlig høring"),
    deadlines.PLAN: _l("Plan etter plan- og bygningsloven"),
    deadlines.OTHER: _l("Kommunal forskrift eller annen høring"),
}
# The rule of each kind, beside its choice on the form (deadlines says the same in code).
KIND_HINTS = {
    deadlines.STATE: _l("Utredningsinstruksen punkt 3-3: normalt tre måneder, minst seks uker. "
                        "En kortere frist enn tre måneder må begrunnes."),
    deadlines.PLAN: _l("Høring og offentlig ettersyn: minst seks uker, uten unntak."),
    deadlines.OTHER: _l("Dere setter fristen selv. Skjemaet varsler hvis den er kortere enn tre uker."),
}
LATE_RESPONSE_LABELS = {
    deadlines.REFUSE_LATE: _l("Avvis svar etter fristen"),
    deadlines.ACCEPT_LATE: _l("Ta imot svar etter fristen, merket som for sent"),
}


class _TypedByHand:
    """Blank is no value (the validators decide), and a typo gets a message in the reader's language."""

    formats: list[str] = []
    invalid_message = None

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=self.formats, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return  # not sent at all: keep the default
        text = " ".join(valuelist).strip()
        if not text:
            self.data = None
            return
        try:
            super().process_formdata([text])
        except ValueError as error:
            raise ValueError(self.invalid_message) from error


class LocalDateField(_TypedByHand, DateField):
    """A date as the browser's date picker sends it, or as Norwegians write it (31.12.2026)."""

    formats = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
    invalid_message = _l("Skriv en gyldig dato, for eksempel 31.12.2026.")


class LocalTimeField(_TypedByHand, TimeField):
    formats = ["%H:%M", "%H:%M:%S", "%H.%M"]
    invalid_message = _l("Skriv et gyldig klokkeslett, for eksempel 23:59.")


class ConsultationForm(ServiceForm):
    title = StringField(_l("Tittel"), filters=[stripped], validators=[InputRequired(_l("Skriv en tittel."))])
    slug = StringField(
        _l("Adresse (valgfritt)"),
        filters=[stripped],
        description=_l("Siste del av nettadressen, /hoeringer/…: små bokstaver, tall og bindestrek. "
                       "La feltet stå tomt for å lage adressen fra tittelen. Den kan ikke endres etter publisering."),
    )
    summary = TextAreaField(
        _l("Sammendrag"), description=_l("Kort om hva høringen gjelder. Vises øverst på høringssiden.")
    )
    organisation = StringField(
        _l("Ansvarlig enhet"), filters=[stripped], validators=[InputRequired(_l("Skriv hvilken enhet som har ansvaret."))]
    )
    contact = StringField(
        _l("Kontakt (valgfritt)"), filters=[stripped],
        description=_l("Navn, e-post eller telefon for spørsmål om høringen. Vises offentlig."),
    )
    opens_on = LocalDateField(_l("Åpner dato"), validators=[InputRequired(_l("Velg når høringen åpner."))])
    opens_time = LocalTimeField(_l("Åpner klokken"), validators=[Optional()], default=OPENS_AT_DEFAULT_TIME)
    closes_on = LocalDateField(_l("Høringsfrist dato"), validators=[InputRequired(_l("Velg høringsfristen."))])
    closes_time = LocalTimeField(_l("Høringsfrist klokken"), validators=[Optional()], default=CLOSES_AT_DEFAULT_TIME)
    kind = RadioField(
        _l("Hva slags høring"),
        choices=[SelectChoice(kind, label) for kind, label in KIND_LABELS.items()],
        default=deadlines.OTHER,
        validate_choice=False,  # the service names a wrong one on the field
        description=_l("Reglene for høringsfristen følger av hva slags høring det er."),
    )
    short_deadline_reason = TextAreaField(
        _l("Begrunnelse for kort frist"),
        filters=[stripped],
        description=_l("Trengs bare for en statlig høring med kortere frist enn tre måneder. "
                       "Begrunnelsen vises sammen med høringen."),
        render_kw={"maxlength": MAX_REASON_LENGTH},
    )
    late_responses = RadioField(
        _l("Svar som kommer etter fristen"),
        choices=[SelectChoice(choice, label) for choice, label in LATE_RESPONSE_LABELS.items()],
        default=deadlines.ACCEPT_LATE,
        validate_choice=False,
        description=_l("Gjelder høringssvar fra høringsinstansene."),
    )
    moderation_mode = RadioField(
        _l("Moderering"),
        choices=[SelectChoice(mode, label) for mode, label in MODERATION_LABELS.items()],
        default=MODERATION_POST,
        description=_l("Ettermoderering: innspill vises med en gang. "
                       "Forhåndsmoderering: hvert innspill venter til en moderator har godkjent det."),
    )
    language = RadioField(
        _l("Språket i høringsdokumentet"),
        choices=[SelectChoice(language, label) for language, label in DRAFT_LANGUAGE_LABELS.items()],
        validate_choice=False,  # the service names a wrong one on the field
        description=_l("Dokumentet merkes med språket, så skjermlesere leser det riktig. "
                       "Står det tomt, foreslås et ut fra teksten."),
    )
    draft = TextAreaField(
        _l("Høringsdokumentet (Markdown)"),
        description=_l("Overskrifter med #, ## og ###, tomme linjer mellom avsnitt, lister med - eller 1. "
                       "Dokumentet deles inn i nummererte punkter; se inndelingen før du lagrer."),
    )
    docx = FileField(
        _l("Eller last opp et Word-dokument (.docx)"),
        description=_l("Høyst 10 MB. Teksten erstatter det som står i feltet over, "
                       "så du kan se over den før du lagrer."),
        render_kw={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    )

    # Field names of the service (ConsultationInput) that are two fields here.
    _SERVICE_FIELDS = {"opens_at": "opens_on", "closes_at": "closes_on"}

    def show_rejection(self, rejection) -> None:
        field = self._SERVICE_FIELDS.get(rejection.field, rejection.field)
        super().show_rejection(type(rejection)(field, rejection.reason))

    def take_upload(self) -> ConvertedDraft | None:
        """Put the uploaded Word document's text into the draft field, and return the conversion: what
        it kept in another form, changed or left out (docx_report), and the pictures the text refers
        to, for the caller to store; None when no file was sent.

        Raises DocxRejected (with a reason for the planner) for a file that cannot be read.
        """
        upload = self.docx.data
        if not upload:
            return None
        # One byte over the limit is enough for convert_docx to refuse it by size.
        converted = convert_docx(upload.read(MAX_DOCX_BYTES + 1), max_length=MAX_DRAFT_LENGTH)
        self.draft.data = converted.markdown
        return converted

    def offer_title(self) -> None:
        """An empty title takes the draft's own (draft_files.own_title), for the planner to check."""
        if not (self.title.data or "").strip():
            self.title.data = own_title(self.draft.data or "")[:MAX_TITLE_LENGTH]

    def offer_language(self) -> None:
        """No language chosen: suggest the one the draft's words are in, for the planner to check."""
        if not self.language.data:
            self.language.data = suggest_language(self.draft.data or "")

    def fill_from(self, consultation: Consultation) -> None:
        """Show an existing consultation's values, its dates in local time."""
        for name in ("title", "slug", "summary", "organisation", "contact", "moderation_mode", "language", "kind",
                     "short_deadline_reason", "late_responses"):
            getattr(self, name).data = getattr(consultation, name)
        self.opens_on.data, self.opens_time.data = _local(consultation.opens_at)
        self.closes_on.data, self.closes_time.data = _local(consultation.closes_at)
        self.draft.data = consultation.current_version.source if consultation.current_version else ""

    def to_input(self) -> ConsultationInput:
        return ConsultationInput(
            title=self.title.data or "",
            slug=self.slug.data or "",
            summary=self.summary.data or "",
            organisation=self.organisation.data or "",
            contact=self.contact.data or "",
            opens_at=_aware(self.opens_on.data, self.opens_time.data or OPENS_AT_DEFAULT_TIME),
            closes_at=_aware(self.closes_on.data, self.closes_time.data or CLOSES_AT_DEFAULT_TIME),
            moderation_mode=self.moderation_mode.data or "",
            language=self.language.data or "",
            draft=self.draft.data or "",
            kind=self.kind.data or "",
            short_deadline_reason=self.short_deadline_reason.data or "",
            late_responses=self.late_responses.data or "",
        )


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _aware(day, moment: time) -> datetime | None:
    return datetime.combine(day, moment, tzinfo=_zone()) if day else None


def _local(moment: datetime):
    local = moment.replace(tzinfo=timezone.utc).astimezone(_zone())
    return local.date(), local.time().replace(second=0, microsecond=0)
