"""Norwegian organisation numbers: nine digits and a mod-11 check digit, checked with real numbers."""
import pytest

from hoering.responses.organisation_numbers import check_digit, formatted, is_valid, normalised

# Real bodies' numbers (Enhetsregisteret), each worked through the algorithm: e.g. Brønnøysundregistrene
# 9 7 4 7 6 0 6 7 weighted 3 2 7 6 5 4 3 2 sum to 173; 173 mod 11 = 8; 11 - 8 = 3, the last digit.
REAL = {
    "974760673": "Brønnøysundregistrene",  # remainder 8: check digit 3
    "971526920": "Statistisk sentralbyrå",  # sum 143, remainder 0: 11 becomes 0
    "889640782": "Arbeids- og velferdsetaten",  # sum 196, remainder 9: check digit 2
    "958935420": "Oslo kommune",  # sum 198, remainder 0: check digit 0
}


@pytest.mark.parametrize("number", REAL)
def test_real_numbers_are_valid(number):
    assert is_valid(number), REAL[number]


@pytest.mark.parametrize("number", ["974 760 673", " 974760673 ", "974\u00a0760\u00a0673", "NO 974 760 673 MVA",
                                    "no974760673mva"])
def test_spaces_and_the_vat_form_are_allowed(number):
    assert is_valid(number)
    assert normalised(number) == "974760673"


def test_a_spreadsheet_cell_holding_the_number_as_an_int_is_read_as_its_digits():
    assert is_valid(974760673)


@pytest.mark.parametrize("number", [
    "974760674",  # the last digit changed
    "974760637",  # two digits swapped
    "979760673",  # one digit changed
    "97476067",  # eight digits
    "9747606730",  # ten
    "",
    "abcdefghi",
    "974-760-673",
    "٩٧٤٧٦٠٦٧٣",  # Arabic-Indic digits are digits to str.isdigit, not to the register
    "974760690",  # 97476069 gives remainder 1, so a check digit of 10: no number starts with it
])
def test_wrong_numbers_are_refused(number):
    assert not is_valid(number)


def test_eight_digits_whose_check_digit_would_be_10_have_no_valid_number():
    assert check_digit("97476069") is None
    assert not any(is_valid(f"97476069{digit}") for digit in range(10))


def test_a_remainder_of_0_gives_check_digit_0():
    assert check_digit("97152692") == 0


def test_the_number_is_shown_in_groups_of_three():
    assert formatted("974760673") == "974 760 673"
