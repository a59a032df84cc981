"""Deadline rules by the kind of consultation, chosen when it is opened: plain dates in, findings out.

- state: utredningsinstruksen punkt 3-3. The deadline is normally three months and at least six
  weeks; a deadline shorter than three months needs a written reason, shown with the consultation.
- plan: plan- og bygningsloven (høring og offentlig ettersyn): at least six weeks, no exception.
- other (a municipal regulation and the rest): the body sets the deadline; under three weeks is
  only warned about.

Whatever the kind, a period that covers July, Easter (Maundy Thursday to Easter Monday) or Christmas
(24 December to 1 January) is warned about: fewer can answer then, and the deadline could be extended.

No Flask and no database here: the findings carry a code and the figures a message needs, and
planning words them for the planner.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

STATE = "state"
PLAN = "plan"
OTHER = "other"
KINDS = (STATE, PLAN, OTHER)

# What happens to a formal response that comes after the deadline, as the planner chose.
REFUSE_LATE = "refuse"
ACCEPT_LATE = "accept"  # accepted, and marked as late
LATE_RESPONSES = (REFUSE_LATE, ACCEPT_LATE)

MINIMUM_DAYS = 42  # six weeks: state and plan consultations, no exception
NORMAL_MONTHS = 3  # a state consultation's normal deadline
ADVISED_DAYS = 21  # three weeks: below this the form warns about other consultations

# Errors
TOO_SHORT = "too_short"  # figures: days, minimum_days
SHORT_WITHOUT_REASON = "short_without_reason"  # figures: days, normal_closes_on
# Warnings
SHORT = "short"  # figures: days, advised_days
HOLIDAYS = "holidays"  # figures: holidays (JULY, EASTER, CHRISTMAS in the order the period meets them)

JULY = "july"
EASTER = "easter"
CHRISTMAS = "christmas"


@dataclass(frozen=True)
class Finding:
    code: str
    figures: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DeadlineCheck:
    """What the rules say of a period: errors refuse it, warnings never do.

    ``reason_needed``: a state consultation with less than three months, whose reason is required
    and shown with it; for every other period a reason is not asked for and not shown.
    """

    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    reason_needed: bool


def check(kind: str, opens_on: date, closes_on: date, reason: str = "") -> DeadlineCheck:
    """The rules of ``kind`` applied to a consultation open from ``opens_on`` to ``closes_on`` (local
    dates), with ``reason`` as the written reason for a short deadline."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of consultation: {kind!r}")
    days = (closes_on - opens_on).days
    errors: list[Finding] = []
    warnings: list[Finding] = []
    normal_closes_on = add_months(opens_on, NORMAL_MONTHS)
    reason_needed = kind == STATE and closes_on < normal_closes_on
    if kind in (STATE, PLAN) and days < MINIMUM_DAYS:
        errors.append(Finding(TOO_SHORT, {"days": days, "minimum_days": MINIMUM_DAYS}))
    elif reason_needed and not reason.strip():
        errors.append(Finding(SHORT_WITHOUT_REASON, {"days": days, "normal_closes_on": normal_closes_on}))
    if kind == OTHER and days < ADVISED_DAYS:
        warnings.append(Finding(SHORT, {"days": days, "advised_days": ADVISED_DAYS}))
    holidays = holidays_between(opens_on, closes_on)
    if holidays:
        warnings.append(Finding(HOLIDAYS, {"holidays": holidays}))
    return DeadlineCheck(tuple(errors), tuple(warnings), reason_needed)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; a day the month lacks becomes its last (30 November + 3 → 28 or
    29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7  # the algorithm's "L"
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holidays_between(first: date, last: date) -> tuple[str, ...]:
    """The holidays (JULY, EASTER, CHRISTMAS) with at least one day from ``first`` to ``last``, each
    named once, in the order the period meets them."""
    met = sorted(
        (start, name)
        for start, end, name in _holiday_spans(first.year - 1, last.year)
        if start <= last and end >= first
    )
    return tuple(dict.fromkeys(name for _start, name in met))


def _holiday_spans(from_year: int, to_year: int):
    for year in range(from_year, to_year + 1):
        easter = easter_sunday(year)
        yield date(year, 7, 1), date(year, 7, 31), JULY
        yield easter - timedelta(days=3), easter + timedelta(days=1), EASTER
        yield date(year, 12, 24), date(year + 1, 1, 1), CHRISTMAS
