"""Norwegian organisation numbers (organisasjonsnummer): nine digits, the last a mod-11 check digit.

The check digit is 11 minus the weighted sum of the first eight digits (weights 3 2 7 6 5 4 3 2)
modulo 11; a result of 11 gives 0, and a result of 10 means no valid number has those eight digits.
Plain Python, no Flask: the import and the forms share it.
"""
from __future__ import annotations

import re

LENGTH = 9
WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
# "NO 974 760 673 MVA" is how the number is written as a VAT number on invoices and letterheads.
_VAT_FORM = re.compile(r"^NO(?P<number>.*?)(MVA)?$", re.IGNORECASE)


def normalised(number) -> str:
    """The number without spaces (and without "NO … MVA" around it): "974 760 673" → "974760673".

    Anything else is kept, so that is_valid() can refuse it; an int (a spreadsheet cell) is read as its digits.
    """
    text = "".join(str(number).split())
    vat = _VAT_FORM.match(text)
    return vat["number"] if vat else text


def check_digit(first_eight: str) -> int | None:
    """The check digit for eight digits, or None when no check digit makes a valid number (a result of 10)."""
    remainder = sum(int(digit) * weight for digit, weight in zip(first_eight, WEIGHTS)) % 11
    digit = (11 - remainder) % 11
    return None if digit == 10 else digit


def is_valid(number) -> bool:
    """Whether ``number`` (spaces allowed) is nine digits whose last is the right check digit."""
    digits = normalised(number)
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return False
    return check_digit(digits[:8]) == int(digits[8])


def formatted(number: str) -> str:
    """A valid number as it is usually written, in groups of three: "974 760 673"."""
    digits = normalised(number)
    return " ".join(digits[i:i + 3] for i in range(0, len(digits), 3))
