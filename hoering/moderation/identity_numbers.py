"""The rules of Norwegian eleven-digit numbers: identity numbers and bank account numbers.

Identity numbers (Skatteetaten's fødselsnummer and the health sector's help numbers):

- fødselsnummer: DDMMYY, a three-digit individual number and two mod-11 check digits. The
  individual number gives the century: 000-499 1900-1999, 500-749 with YY >= 54 1854-1899,
  500-999 with YY <= 39 2000-2039, 900-999 with YY >= 40 1940-1999.
- D-number: as a fødselsnummer with 40 added to the day (4 added to the first digit).
- H-number (hjelpenummer): as a fødselsnummer with 40 added to the month.
- FH-number (felles hjelpenummer, Norsk helsenett): first digit 8 or 9, then random digits,
  and the same two check digits. It holds no date.

A check digit that the rule makes 10 is never issued, so such a number is not valid. From 2032
new fødselsnumre may be given check digits by other rules (Skatteetaten's change for when the
individual numbers run out); those are not recognised here, but a number that begins with a
real date is still held as a possible fødselsnummer (see `begins_with_birth_date`).

Bank account numbers: eleven digits whose last one is the mod-11 check digit of the first ten.
"""
from __future__ import annotations

import datetime

FODSELSNUMMER = "fødselsnummer"
D_NUMBER = "D-nummer"
H_NUMBER = "H-nummer"
FH_NUMBER = "FH-nummer"

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)  # Also the account-number weights.


def identity_kind(digits: str, full_year: int | None = None) -> str | None:
    """Which identity number the eleven ASCII `digits` are, or None if they are none.

    `full_year`: the birth year written out beside the number ("01.01.1990 12345"); it must be
    the year the individual number gives."""
    if not _has_both_check_digits(digits):
        return None
    if digits[0] in "89":
        return FH_NUMBER if full_year is None else None
    day, month = int(digits[0:2]), int(digits[2:4])
    kind = FODSELSNUMMER
    if day > 40:
        day, kind = day - 40, D_NUMBER
    elif month > 40:
        month, kind = month - 40, H_NUMBER
    year = _year(int(digits[4:6]), int(digits[6:9]))
    if year is None or not _is_date(year, month, day) or full_year not in (None, year):
        return None
    return kind


def begins_with_birth_date(digits: str) -> bool:
    """True when the first six digits are a date as a fødselsnummer, D- or H-number writes it.

    Any century will do: a mistyped individual number may be why the number fails its rules."""
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:
        day -= 40
    elif month > 40:
        month -= 40
    return _is_date(2000 + year, month, day)  # 2000 + YY is a leap year whenever some century is


def is_account_number(digits: str) -> bool:
    """Eleven ASCII digits whose last one is the mod-11 check digit of the first ten."""
    return _check_digit(digits[:10], _K2_WEIGHTS) == int(digits[10])


def _has_both_check_digits(digits: str) -> bool:
    return (
        _check_digit(digits[:9], _K1_WEIGHTS) == int(digits[9])
        and _check_digit(digits[:10], _K2_WEIGHTS) == int(digits[10])
    )


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 check digit, or None when the rule gives 10: no such number is issued."""
    check = (11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11) % 11
    return None if check == 10 else check


def _year(year: int, individual: int) -> int | None:
    """The birth year from its last two digits and the individual number; None if no rule fits."""
    if individual <= 499:
        return 1900 + year
    if individual <= 749 and year >= 54:
        return 1800 + year
    if year <= 39:
        return 2000 + year
    if individual >= 900:
        return 1900 + year
    return None


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
