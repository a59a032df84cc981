"""Identity, account and phone numbers as people write them, found in the reader's copy of a
comment (normalised_text: ASCII digits, every space " ", line break "\\n", dash "-", dot ".").

A number is written as digit groups joined by a dot, a hyphen, up to three spaces, a line break
or a dash with spaces: a *chain* ("010190 12345", "01.01.90-12345", "912 34 567"). A finding is
a run of whole groups of a chain: never a piece of a digit group ("123456789012" holds no
eleven-digit number), and never cut out of a chain except at a line break or a dash with spaces
("12 345 678 901 23" is one amount; "91234567\\n22334455" are two phone numbers).

Eleven-digit numbers have check digits, so they are found in any writing that keeps the birth
date in one piece (all groups of two digits or more and a group boundary after the sixth
digit: "01.01.90 12345", "010 190 123 45", "010190 123 45"); date-and-time strings such as
"1.10.2025 18.00" are not written that way. Phone numbers have no check digit, so only the
usual groupings count and the context must not say the number is something else: an amount,
a decimal number, a case number, a reference ("journalnummer 23456789"), a year range or part
of a web address.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterator

from hoering.moderation.identity_numbers import (
    begins_with_birth_date,
    identity_kind,
    is_account_number,
)

NATIONAL_ID = "national_id"
POSSIBLE_NATIONAL_ID = "possible_national_id"
BANK_ACCOUNT = "bank_account"
PHONE = "phone"

_CHAIN = re.compile(r"[0-9]+(?:(?:\.| {1,3}| ?\n{1,2} ?| ?-{1,2} ?)[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")

_PHONE_GROUPINGS = {(8,), (3, 2, 3), (2, 2, 2, 2), (4, 4)}
_ACCOUNT_GROUPINGS = {(11,), (4, 2, 5)}

_DECIMAL_PART = re.compile(r",[0-9]{1,2}(?![0-9])")
_AMOUNT_BEFORE = re.compile(r"(?<!\w)(?:kr|nok)\.? *$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r" ?(?:,-|%|(?:kr|kroner|nok|prosent|mill|mrd|kvm|m2|km|kg|tonn|stk|liter)\b)", re.IGNORECASE
)
# A word that says the number is a reference of some kind, right before it: "journalnummer
# 23456789", "Vår ref.: 23456789", "org.nr. 912345678", "saksnummeret er 23456789", "planID 20230015".
_REFERENCE_BEFORE = re.compile(
    r"(?<!\w)(?:journal(?:post)?|saks?|arkiv(?:saks?)?|ref(?:eranse)?|løpe|dok(?:ument)?"
    r"|org(?:anisasjons)?|faktura|ordre|kunde|bestillings|avtale|kontrakts?|prosjekt|vedtaks?"
    r"|kid|postboks|pb|gnr|bnr|plan[ -]?id|objekt[ -]?id)"
    r"(?:nummer(?:et)?|nr)?[ .:#\n-]*(?:(?:nummer(?:et)?|nr)[ .:#\n-]*)?(?:er )?$",
    re.IGNORECASE,
)
# An eleven-digit KID (the reference of a payment) has the account number's check digit.
_KID_BEFORE = re.compile(r"(?<!\w)kid[ .:#-]*(?:nummer|nr)?[ .:#-]*$", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)


@dataclass(frozen=True)
class _Chain:
    """Digit groups (start, end) in the text, and the joiners between them."""

    text: str
    groups: list[tuple[int, int]]
    joiners: list[str]

    def digits(self, first: int, last: int) -> str:
        return "".join(self.text[start:end] for start, end in self.groups[first:last])

    def sizes(self, first: int, last: int) -> tuple[int, ...]:
        return tuple(end - start for start, end in self.groups[first:last])

    def stands_apart(self, first: int, last: int) -> bool:
        """The groups are the whole chain, or cut from it only at a line break or spaced dash."""
        return (first == 0 or _is_break(self.joiners[first - 1])) and (
            last == len(self.groups) or _is_break(self.joiners[last - 1])
        )

    def ranges(self, digit_count: int, max_groups: int) -> Iterator[tuple[int, int]]:
        """Every (i, j) where groups[i:j], at most `max_groups` of them, hold exactly
        `digit_count` digits and stand apart."""
        sizes = self.sizes(0, len(self.groups))
        total, j = 0, 0
        for i in range(len(sizes)):
            while j < len(sizes) and total < digit_count:
                total, j = total + sizes[j], j + 1
            if total == digit_count and j - i <= max_groups and self.stands_apart(i, j):
                yield i, j
            total -= sizes[i]


def find_numbers(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of every identity, account and phone number in the reader's copy."""
    context = _Context(text)
    for match in _CHAIN.finditer(text):
        if match.end() - match.start() < 8:
            continue  # fewer than eight digits: no number of ours
        chain = _chain(text, match)
        yield from _eleven_digit_numbers(chain, context)
        yield from _identity_numbers_with_full_year(chain)
        yield from _phone_numbers(chain, context)


def _chain(text: str, match: re.Match[str]) -> _Chain:
    groups = [(m.start() + match.start(), m.end() + match.start()) for m in _GROUP.finditer(match.group())]
    joiners = [text[end:start] for (_, end), (start, _) in zip(groups, groups[1:])]
    return _Chain(text, groups, joiners)


def _is_break(joiner: str) -> bool:
    return "\n" in joiner or ("-" in joiner and " " in joiner)


def _eleven_digit_numbers(chain: _Chain, context: _Context) -> Iterator[tuple[str, int, int]]:
    """Identity and account numbers; a number that begins with a birth date but fails its rules
    is a possible (mistyped) fødselsnummer when it is written like one and stands alone."""
    for first, last in chain.ranges(11, max_groups=5):
        sizes = chain.sizes(first, last)
        if not _keeps_the_date_together(sizes):
            continue
        start, end = chain.groups[first][0], chain.groups[last - 1][1]
        if context.is_decimal(start, end):
            continue
        digits = chain.digits(first, last)
        if identity_kind(digits):
            yield NATIONAL_ID, start, end
        elif sizes in _ACCOUNT_GROUPINGS and is_account_number(digits):
            if not context.is_payment_reference(start):
                yield BANK_ACCOUNT, start, end
        elif begins_with_birth_date(digits) and context.is_plain_number(start, end):
            yield POSSIBLE_NATIONAL_ID, start, end


def _keeps_the_date_together(sizes: tuple[int, ...]) -> bool:
    """11 digits in one group, or groups of two or more with a boundary after the sixth digit."""
    return len(sizes) == 1 or (min(sizes) >= 2 and 6 in accumulate(sizes))


def _identity_numbers_with_full_year(chain: _Chain) -> Iterator[tuple[str, int, int]]:
    """A birth date with its year written out, then the personnummer: "01.01.1990 12345"."""
    for first, last in chain.ranges(13, max_groups=4):
        if chain.sizes(first, last) != (2, 2, 4, 5):
            continue
        digits = chain.digits(first, last)
        if identity_kind(digits[:4] + digits[6:], full_year=int(digits[4:8])):
            yield NATIONAL_ID, chain.groups[first][0], chain.groups[last - 1][1]


def _phone_numbers(chain: _Chain, context: _Context) -> Iterator[tuple[str, int, int]]:
    """Norwegian eight-digit numbers, optionally after +47 or 0047, in the usual groupings."""
    text = chain.text
    first_start, first_end = chain.groups[0]
    prefix_start, skip = None, 0
    if text[first_start - 1:first_start] == "+" and text.startswith("47", first_start):
        prefix_start, skip = first_start - 1, 2
    elif text.startswith("0047", first_start):
        prefix_start, skip = first_start, 4
    if skip and first_end - first_start == skip:
        chain = _Chain(text, chain.groups[1:], chain.joiners[1:])
    elif skip:
        chain = _Chain(text, [(first_start + skip, first_end), *chain.groups[1:]], chain.joiners)
    for first, last in chain.ranges(8, max_groups=4):
        if not _written_like_a_phone(chain, first, last):
            continue
        start, end = chain.groups[first][0], chain.groups[last - 1][1]
        if first == 0 and prefix_start is not None:
            start, plain = prefix_start, context.is_plain_number(prefix_start, end, after_only=True)
        else:
            plain = context.is_plain_number(start, end)
        if plain:
            yield PHONE, start, end


def _written_like_a_phone(chain: _Chain, first: int, last: int) -> bool:
    sizes = chain.sizes(first, last)
    joiners = {" " if joiner.strip(" ") == "" else joiner for joiner in chain.joiners[first:last - 1]}
    digits = chain.digits(first, last)
    if sizes not in _PHONE_GROUPINGS or digits[0] in "01":
        return False
    if sizes == (4, 4):  # "2024 2025" (two years) and "2024-2028" (a range) are not phones
        return joiners == {" "} and not (_is_year(digits[:4]) and _is_year(digits[4:]))
    return len(joiners) <= 1 and joiners <= {" ", "-", "."}  # one kind of separator, or none


def _is_year(digits: str) -> bool:
    return 1900 <= int(digits) <= 2099


class _Context:
    """What the text around a number says about it."""

    def __init__(self, text: str):
        self.text = text
        self._urls: list[tuple[int, int]] | None = None
        self._url_starts: list[int] = []

    def is_decimal(self, start: int, end: int) -> bool:
        """ "12345678,50" and "1,01019012345": a number with a decimal comma is an amount."""
        text = self.text
        return bool(_DECIMAL_PART.match(text, end)) or (
            text[start - 1:start] == "," and text[start - 2:start - 1].isdigit()
        )

    def is_plain_number(self, start: int, end: int, after_only: bool = False) -> bool:
        """Not glued to letters, not an amount or a reference, not in a web address, not a
        case number ("2024/12345678") and not an international phone number ("+46...")."""
        text = self.text
        after = text[end:end + 1]
        if after.isalnum() or after == "_" or self.is_decimal(start, end) or _UNIT_AFTER.match(text, end):
            return False
        if self._in_url(start, end):
            return False
        if after_only:
            return True
        before = text[start - 1:start] if start else ""
        if before.isalnum() or before in ("_", "+") or (before == "/" and text[start - 2:start - 1].isdigit()):
            return False
        window = text[max(0, start - 48):start]
        return not (_AMOUNT_BEFORE.search(window) or _REFERENCE_BEFORE.search(window))

    def is_payment_reference(self, start: int) -> bool:
        """ "KID 12345678901": a payment's reference, not an account number."""
        return bool(_KID_BEFORE.search(self.text[max(0, start - 16):start]))

    def _in_url(self, start: int, end: int) -> bool:
        if self._urls is None:
            self._urls = [match.span() for match in _URL.finditer(self.text)]
            self._url_starts = [url_start for url_start, _ in self._urls]
        # URLs do not overlap: only the last one starting before `end` can reach the number.
        at = bisect.bisect_left(self._url_starts, end) - 1
        return at >= 0 and self._urls[at][1] > start
