"""The personal-data guard: finds identity numbers, phone numbers, e-mail addresses and bank
account numbers in a citizen's comment, so that the comment is held for review before it is
published.

Pure functions: no Flask, no I/O. The guard only decides whether a moderator looks first, so
it leans towards flagging, except where a kind has no checksum (phone numbers): there the
rules keep common Norwegian ways of writing dates, amounts, postcodes, years, organisation
numbers and references out.

Rules shared by all numbers: a number is never a piece of a longer digit run, neither directly
("123456789") nor across one grouping character ("1 500 000", "01.02.2024", "2024/12345678").
A comma followed by one or two digits is a decimal part ("12345678,50"), so the number before
it is an amount.
"""
from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from typing import Iterator

NATIONAL_ID = "national_id"
BANK_ACCOUNT = "bank_account"
PHONE = "phone"
EMAIL = "email"

LABELS = {
    NATIONAL_ID: "fødselsnummer eller D-nummer",
    PHONE: "telefonnummer",
    EMAIL: "e-postadresse",
    BANK_ACCOUNT: "kontonummer",
}

# When spans overlap, the lower number wins. An e-mail address beats a phone number inside it
# ("91234567@sms.example.no" is one address).
_PRIORITY = {NATIONAL_ID: 0, BANK_ACCOUNT: 1, EMAIL: 2, PHONE: 3}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: `text == comment[start:end]` in the original comment."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        """The Norwegian description shown to moderators."""
        return LABELS[self.kind]


_SPACE = "[ \u00a0]"
_NUMBER_START = r"(?<!\d)(?<!\d[ \u00a0.,/-])"
_NUMBER_END = r"(?!\d)(?![ \u00a0.-]\d)(?!,\d{1,2}(?!\d))"

# Eleven digits: "01017012345", "010170 12345" (identity numbers), "1234.56.78903" and
# "1234 56 78903" (account numbers; the two separators must be the same character).
_ELEVEN_DIGITS = re.compile(
    _NUMBER_START
    + r"(?:[0-9]{11}|[0-9]{6}" + _SPACE + r"[0-9]{5}"
    + r"|[0-9]{4}(?P<sep>[ \u00a0.])[0-9]{2}(?P=sep)[0-9]{5})"
    + _NUMBER_END
)

# Eight digits starting with 2-9, grouped 8, 3-2-3, 2-2-2-2 or 4-4 (no other grouping: 2-3-3
# is how amounts are written), with an optional +47/0047. Phones must also stand apart from
# letters ("SAK12345678" is a reference). Below, S is one space.
_PHONE_TAILS = ("[0-9]{7}", "[0-9]{2}S[0-9]{2}S[0-9]{3}", "[0-9]S[0-9]{2}S[0-9]{2}S[0-9]{2}",
                "[0-9]{3}S[0-9]{4}")
_PHONE = re.compile(
    r"(?<!\w)" + _NUMBER_START
    + r"(?:(?:\+|00)47" + _SPACE + r"?)?"
    + "[2-9](?:" + "|".join(_PHONE_TAILS).replace("S", _SPACE) + ")"
    + _NUMBER_END + r"(?!\w)"
)

_AMOUNT_BEFORE = re.compile(r"\b(?:kr|nok)\.?[ \u00a0]*$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"[ \u00a0]*(?:,[-\u2013]|(?:kr|kroner|nok)\b)", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)

# The lookbehind makes a match start only where a run of address characters starts, which
# keeps long runs of letters linear to scan. The domain ends in letters, so a full stop ending
# the sentence stays outside the span.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-](?:[\w.%+-]*[\w%+-])?"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}"
)

_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)  # Also the account-number weights.


def find_personal_data(text: str) -> list[Finding]:
    """All personal data in `text`, sorted by start, without overlapping findings."""
    candidates = [*_eleven_digit_numbers(text), *_emails(text), *_phones(text)]
    return _without_overlaps(candidates)


def has_personal_data(text: str) -> bool:
    """True when the comment must be held for review before publication."""
    return bool(find_personal_data(text))


def _eleven_digit_numbers(text: str) -> Iterator[Finding]:
    """Identity and account numbers. A valid identity number is always a valid account number
    too (same mod-11 rule on its last digit), so the identity reading is tried first."""
    for match in _ELEVEN_DIGITS.finditer(text):
        digits = re.sub("[^0-9]", "", match.group())
        if _is_national_id(digits):
            kind = NATIONAL_ID
        elif _is_account_number(digits) and _written_as_account(match):
            kind = BANK_ACCOUNT
        else:
            continue
        yield Finding(kind, match.start(), match.end(), match.group())


def _written_as_account(match: re.Match[str]) -> bool:
    """Contiguous or 4-2-5; "010170 12345" is how identity numbers are written, not accounts."""
    return match.group("sep") is not None or len(match.group()) == 11


def _phones(text: str) -> Iterator[Finding]:
    """Norwegian phone numbers, leaving out amounts and anything inside a URL.

    Digits in a URL path are mostly case or document ids; phones have no checksum to tell them
    apart, so they are not flagged there. Identity and account numbers in URLs still are."""
    urls = [match.span() for match in _URL.finditer(text)]
    for match in _PHONE.finditer(text):
        start, end = match.span()
        if any(url_start < end and start < url_end for url_start, url_end in urls):
            continue
        if _is_amount(text, start, end):
            continue
        yield Finding(PHONE, start, end, match.group())


def _is_amount(text: str, start: int, end: int) -> bool:
    """"kr 12345678", "NOK 12345678", "12345678,-", "12345678 kr", "12345678 kroner"."""
    return bool(
        _AMOUNT_BEFORE.search(text, max(0, start - 8), start) or _AMOUNT_AFTER.match(text, end)
    )


def _emails(text: str) -> Iterator[Finding]:
    if "@" not in text:
        return
    for match in _EMAIL.finditer(text):
        yield Finding(EMAIL, match.start(), match.end(), match.group())


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keeps the highest-priority candidates whose spans do not overlap, sorted by start."""
    kept: list[Finding] = []
    starts: list[int] = []
    for candidate in sorted(candidates, key=lambda f: (_PRIORITY[f.kind], f.start)):
        at = bisect.bisect_left(starts, candidate.start)
        if at > 0 and kept[at - 1].end > candidate.start:
            continue
        if at < len(kept) and kept[at].start < candidate.end:
            continue
        starts.insert(at, candidate.start)
        kept.insert(at, candidate)
    return kept


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 check digit, or None when the rule gives 10: no such number is issued."""
    check = (11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11) % 11
    return None if check == 10 else check


def _is_account_number(digits: str) -> bool:
    return _check_digit(digits[:10], _K2_WEIGHTS) == int(digits[10])


def _is_national_id(digits: str) -> bool:
    """Fødselsnummer or D-number: a real birth date and both check digits."""
    return (
        _check_digit(digits[:9], _K1_WEIGHTS) == int(digits[9])
        and _check_digit(digits[:10], _K2_WEIGHTS) == int(digits[10])
        and _has_valid_birth_date(digits)
    )


def _has_valid_birth_date(digits: str) -> bool:
    """DDMMYY, with 40 added to the day for D-numbers; the century comes from digits 7-9."""
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:
        day -= 40
    century = _century(year, int(digits[6:9]))
    if century is None:
        return False
    try:
        datetime.date(century + year, month, day)
    except ValueError:
        return False
    return True


def _century(year: int, individual: int) -> int | None:
    """The century of a birth year from the individual number; None if no rule covers it."""
    if individual <= 499:
        return 1900
    if individual <= 749 and year >= 54:
        return 1800
    if year <= 39:
        return 2000
    if individual >= 900:
        return 1900
    return None
