"""The deadline rules by kind of consultation, from plain dates: no app, no database."""
from datetime import date, timedelta

import pytest

from hoering.consultations import deadlines
from hoering.consultations.deadlines import (
    CHRISTMAS,
    EASTER,
    HOLIDAYS,
    JULY,
    OTHER,
    PLAN,
    SHORT,
    SHORT_WITHOUT_REASON,
    STATE,
    TOO_SHORT,
    add_months,
    check,
    easter_sunday,
    holidays_between,
)

# A period with no holiday in it: from early September into October.
AUTUMN = date(2026, 9, 1)


def codes(findings) -> list[str]:
    return [finding.code for finding in findings]


# State consultations: at least six weeks, and three months unless a reason is given


def test_a_state_consultation_of_exactly_six_weeks_is_allowed_with_a_reason():
    found = check(STATE, AUTUMN, AUTUMN + timedelta(days=42), "Lovendringen må tre i kraft 1. januar.")
    assert found.errors == ()
    assert found.reason_needed


def test_a_state_consultation_one_day_short_of_six_weeks_is_refused_even_with_a_reason():
    found = check(STATE, AUTUMN, AUTUMN + timedelta(days=41), "Det haster.")
    assert codes(found.errors) == [TOO_SHORT]
    assert found.errors[0].figures == {"days": 41, "minimum_days": 42}


def test_a_state_consultation_shorter_than_three_months_needs_a_written_reason():
    found = check(STATE, AUTUMN, date(2026, 11, 30), "")
    assert codes(found.errors) == [SHORT_WITHOUT_REASON]
    assert found.errors[0].figures["normal_closes_on"] == date(2026, 12, 1)


def test_blank_space_is_no_reason():
    assert codes(check(STATE, AUTUMN, date(2026, 11, 30), "  \n ").errors) == [SHORT_WITHOUT_REASON]


def test_a_state_consultation_of_exactly_three_months_needs_no_reason():
    found = check(STATE, AUTUMN, date(2026, 12, 1), "")
    assert found.errors == ()
    assert not found.reason_needed


def test_three_months_from_the_end_of_a_month_end_at_the_end_of_a_shorter_month():
    # 30 November + 3 months: 28 February, or 29 February in a leap year.
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 10, 31), 3) == date(2027, 1, 31)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)


def test_a_state_consultation_to_the_clamped_end_of_february_in_a_leap_year_has_three_months():
    opens = date(2027, 11, 30)
    assert check(STATE, opens, date(2028, 2, 29), "").errors == ()
    assert codes(check(STATE, opens, date(2028, 2, 28), "").errors) == [SHORT_WITHOUT_REASON]


# Plans under plan- og bygningsloven: six weeks, no exception


def test_a_plan_of_exactly_six_weeks_is_allowed():
    assert check(PLAN, AUTUMN, AUTUMN + timedelta(days=42)).errors == ()


def test_a_plan_shorter_than_six_weeks_is_refused_whatever_the_reason():
    found = check(PLAN, AUTUMN, AUTUMN + timedelta(days=41), "Kommunestyret møtes snart.")
    assert codes(found.errors) == [TOO_SHORT]


def test_a_plan_needs_no_three_months_and_no_reason():
    found = check(PLAN, AUTUMN, AUTUMN + timedelta(days=50))
    assert found.errors == () and found.warnings == ()
    assert not found.reason_needed


# Other consultations: the body sets the deadline, under three weeks is warned about


def test_another_consultation_shorter_than_three_weeks_is_only_warned_about():
    found = check(OTHER, AUTUMN, AUTUMN + timedelta(days=20))
    assert found.errors == ()
    assert codes(found.warnings) == [SHORT]
    assert found.warnings[0].figures == {"days": 20, "advised_days": 21}


def test_another_consultation_of_exactly_three_weeks_gets_no_warning():
    assert check(OTHER, AUTUMN, AUTUMN + timedelta(days=21)).warnings == ()


def test_a_short_state_or_plan_consultation_is_refused_not_warned_about_three_weeks():
    for kind in (STATE, PLAN):
        assert SHORT not in codes(check(kind, AUTUMN, AUTUMN + timedelta(days=10), "Grunn").warnings)


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        check("county", AUTUMN, AUTUMN + timedelta(days=60))


# Holidays, for every kind


@pytest.mark.parametrize("year, sunday", [(2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
                                          (2030, date(2030, 4, 21)), (2024, date(2024, 3, 31))])
def test_easter_sunday_by_the_anonymous_gregorian_algorithm(year, sunday):
    assert easter_sunday(year) == sunday


def test_easter_runs_from_maundy_thursday_to_easter_monday():
    # Easter 2026: Maundy Thursday 2 April, Easter Monday 6 April.
    assert holidays_between(date(2026, 3, 1), date(2026, 4, 2)) == (EASTER,)
    assert holidays_between(date(2026, 4, 6), date(2026, 4, 30)) == (EASTER,)
    assert holidays_between(date(2026, 3, 1), date(2026, 4, 1)) == ()
    assert holidays_between(date(2026, 4, 7), date(2026, 5, 31)) == ()


def test_any_day_of_july_counts():
    assert holidays_between(date(2026, 5, 1), date(2026, 7, 1)) == (JULY,)
    assert holidays_between(date(2026, 7, 31), date(2026, 9, 15)) == (JULY,)
    assert holidays_between(date(2026, 5, 1), date(2026, 6, 30)) == ()
    assert holidays_between(date(2026, 8, 1), date(2026, 9, 15)) == ()


def test_a_period_from_20_december_to_10_january_covers_christmas_once():
    assert holidays_between(date(2026, 12, 20), date(2027, 1, 10)) == (CHRISTMAS,)


def test_christmas_runs_from_24_december_to_1_january():
    assert holidays_between(date(2026, 11, 1), date(2026, 12, 24)) == (CHRISTMAS,)
    assert holidays_between(date(2027, 1, 1), date(2027, 2, 15)) == (CHRISTMAS,)  # last year's Christmas
    assert holidays_between(date(2026, 11, 1), date(2026, 12, 23)) == ()
    assert holidays_between(date(2027, 1, 2), date(2027, 2, 15)) == ()


def test_holidays_are_named_once_each_in_the_order_the_period_meets_them():
    assert holidays_between(date(2026, 6, 1), date(2027, 8, 1)) == (JULY, CHRISTMAS, EASTER)


@pytest.mark.parametrize("kind", deadlines.KINDS)
def test_every_kind_is_warned_about_holidays_and_the_warning_names_them(kind):
    found = check(kind, date(2026, 11, 15), date(2027, 4, 30), "Grunn")
    assert found.errors == ()
    assert [(w.code, w.figures) for w in found.warnings] == [(HOLIDAYS, {"holidays": (CHRISTMAS, EASTER)})]


def test_a_period_without_holidays_gets_no_holiday_warning():
    assert check(STATE, AUTUMN, date(2026, 12, 1)).warnings == ()
