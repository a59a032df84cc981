"""The deadline rules' findings (deadlines.check) in the planner's words, and the warnings that
apply to a consultation while its deadline can still be acted on."""
from __future__ import annotations

from babel.lists import format_list
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _
from flask_babel import lazy_ngettext as _n

from hoering.consultations import deadlines
from hoering.consultations.models import DRAFT, STATUS_OPEN, STATUS_UPCOMING, Consultation
from hoering.presentation import local_date


def deadline_warnings(consultation: Consultation) -> list:
    """What the planner is warned about in the consultation's period (a short deadline, holidays),
    while it can still be acted on: not once the deadline has passed."""
    if consultation.status not in (DRAFT, STATUS_UPCOMING, STATUS_OPEN):
        return []
    found = deadlines.check(consultation.kind, local_date(consultation.opens_at), local_date(consultation.closes_at),
                            consultation.short_deadline_reason)
    return [deadline_message(consultation.kind, warning) for warning in found.warnings]


def deadline_message(kind: str, finding: deadlines.Finding):
    """A finding of deadlines.check in the planner's words."""
    figures = finding.figures
    if finding.code == deadlines.TOO_SHORT and kind == deadlines.PLAN:
        return _n("En høring etter plan- og bygningsloven skal ha minst seks uker (%(minimum)d dager) til "
                  "fristen, uten unntak. Denne har %(num)d dag.",
                  "En høring etter plan- og bygningsloven skal ha minst seks uker (%(minimum)d dager) til "
                  "fristen, uten unntak. Denne har %(num)d dager.", figures["days"], minimum=figures["minimum_days"])
    if finding.code == deadlines.TOO_SHORT:
        return _n("En statlig høring skal ha minst seks uker (%(minimum)d dager) til fristen "
                  "(utredningsinstruksen punkt 3-3). Denne har %(num)d dag.",
                  "En statlig høring skal ha minst seks uker (%(minimum)d dager) til fristen "
                  "(utredningsinstruksen punkt 3-3). Denne har %(num)d dager.", figures["days"],
                  minimum=figures["minimum_days"])
    if finding.code == deadlines.SHORT_WITHOUT_REASON:
        return _("En statlig høring har normalt tre måneders frist (her til %(date)s). Skriv hvorfor fristen er "
                 "kortere; begrunnelsen vises sammen med høringen.",
                 date=format_date(figures["normal_closes_on"], "long"))
    if finding.code == deadlines.SHORT:
        return _n("Fristen er kortere enn tre uker (%(num)d dag). Den kan forlenges, så flere rekker å svare.",
                  "Fristen er kortere enn tre uker (%(num)d dager). Den kan forlenges, så flere rekker å svare.",
                  figures["days"])
    names = [str(HOLIDAY_NAMES[name]) for name in figures["holidays"]]
    return _("Høringsperioden omfatter %(holidays)s, da mange har fri. Fristen kan forlenges, så flere rekker å svare.",
             holidays=format_list(names, locale=get_locale()))


HOLIDAY_NAMES = {deadlines.JULY: _("juli"), deadlines.EASTER: _("påsken"), deadlines.CHRISTMAS: _("jula")}
