"""The caseworker's forms: a run of the analysis, and the review. Each review form carries the
analysis run it was shown for, so a form made before a re-run cannot correct a theme that has since
changed."""
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, HiddenField, IntegerField, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from hoering.casework.review import ASSESSMENT_MAX, LABEL_MAX, QUOTE_MAX
from hoering.forms import ServiceForm


class RunForm(ServiceForm):
    """Start a run of the analysis; by default it keeps the themes of the last one."""

    recluster = BooleanField(_l("Finn temaene på nytt"),
                             description=_l("Ellers beholdes temaene, og nye innspill legges i det temaet de ligner mest på."))


class ReviewForm(ServiceForm):
    """A review step with nothing to fill in (sign off, not a campaign)."""

    run_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class RenameForm(ReviewForm):
    label = StringField(_l("Navn på temaet"), validators=[DataRequired(_l("Skriv et navn på temaet.")),
                                                          Length(max=LABEL_MAX)])


class AssessmentForm(ReviewForm):
    assessment = TextAreaField(_l("Kommunens vurdering"), validators=[Length(max=ASSESSMENT_MAX)],
                               description=_l("Vises på den offentlige oppsummeringen når den er godkjent."))


class MergeForm(ReviewForm):
    other = SelectField(_l("Slå sammen med"), coerce=int, validate_choice=False)


class SelectionForm(ReviewForm):
    """An action on the comments selected on a theme's page: move them, or quote them."""

    selected = SelectMultipleField(_l("Valgte innspill"), coerce=int, validate_choice=False)
    theme = SelectField(_l("Flytt valgte innspill til"), coerce=int, validate_choice=False)
    text = StringField(_l("Utdrag til sitatet (valgfritt)"), validators=[Length(max=QUOTE_MAX)],
                       description=_l("Ord for ord fra ett valgt innspill. Tomt: første setning."))
    side = IntegerField(widget=HiddenInput(), validators=[Optional()])


class DropQuoteForm(ReviewForm):
    comment_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    text = HiddenField(validators=[DataRequired()])


class SignOffForm(ReviewForm):
    """Signing off from the preview: the caseworker has seen the page as the public will see it."""

    interim_reason = TextAreaField(
        _l("Hvorfor publiseres oppsummeringen før fristen?"), validators=[Length(max=ASSESSMENT_MAX)],
        description=_l("Høringen er fortsatt åpen. Begrunnelsen vises på siden, som en foreløpig oppsummering."))
    confirm = BooleanField(_l("Jeg har sett over oppsummeringen slik den blir publisert"),
                           validators=[DataRequired(_l("Bekreft at du har sett over oppsummeringen."))])


class WithdrawForm(ServiceForm):
    reason = TextAreaField(_l("Hvorfor trekkes oppsummeringen tilbake?"),
                           validators=[DataRequired(_l("Skriv hvorfor oppsummeringen trekkes tilbake.")),
                                       Length(max=ASSESSMENT_MAX)],
                           description=_l("Vises på den offentlige siden til en ny versjon er godkjent."))


class PlaceCorrectionForm(ReviewForm):
    theme = SelectField(_l("Legg rettelsen på temaet"), coerce=int, validate_choice=False)


class DiscardCorrectionForm(ReviewForm):
    confirm = BooleanField(_l("Ja, forkast rettelsen"))


class AssessmentsRequiredForm(ServiceForm):
    required = BooleanField(_l("Hvert tema skal ha kommunens vurdering før oppsummeringen kan godkjennes"))
