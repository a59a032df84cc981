"""The personal-data guard: identity numbers, phone numbers, e-mail addresses and account numbers.

The validators (personal_data_corpus.py) are written independently of the module: check digits
are verified by "the weighted sum including the check digit is divisible by 11", dates with
`calendar`, and the century by the inverse table (which individual numbers a birth year may
have). The many ways of writing a number are in test_personal_data_writings.py and
test_personal_data_properties.py.
"""
import dataclasses
import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hoering.moderation.personal_data import LABELS, Finding, find_personal_data, has_personal_data
from tests.unit.moderation.personal_data_corpus import (
    K1,
    K2,
    append_check_digit,
    begins_with_a_date,
    is_account_number,
    is_identity_number,
    valid_number,
    with_check_digits,
)

NBSP = "\u00a0"
is_national_id = is_identity_number
valid_national_id = valid_number


def individual_numbers(year: int) -> st.SearchStrategy[int]:
    if year < 1900:
        return st.integers(500, 749)
    if year < 1940:
        return st.integers(0, 499)
    if year < 2000:
        return st.one_of(st.integers(0, 499), st.integers(900, 999))
    return st.integers(500, 999)


@st.composite
def national_ids(draw) -> str:
    """A valid fødselsnummer or D-number, born 1854-2039."""
    born = draw(st.dates(datetime.date(1854, 1, 1), datetime.date(2039, 12, 31)))
    day = born.day + (40 if draw(st.booleans()) else 0)
    individual = draw(individual_numbers(born.year))
    number = with_check_digits(f"{day:02d}{born.month:02d}{born.year % 100:02d}{individual:03d}")
    assume(number is not None)  # a check digit of 10: no such number is issued
    return number


@st.composite
def account_numbers(draw) -> str:
    number = append_check_digit(draw(st.text("0123456789", min_size=10, max_size=10)), K2)
    assume(number is not None)
    return number


WORDS = ["jeg", "mener", "at", "forslaget", "om", "ny", "skole", "i", "Fjordvik", "bør", "endres",
         "kommunen", "høringen", "Ærlig", "talt", "på", "vegne", "av", "borettslaget", "Øvre", "Å"]
OPENINGS = ["Mitt fødselsnummer er ", "Fnr: ", "personnummer (", "nr.", "Hei!\n", "", "Fnr.\u00a0"]
CLOSINGS = [" og jeg bor i Fjordvik.", ".", ")", ", takk.", "\nHilsen Kari", "", "!"]
sentences = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)


@st.composite
def embedded(draw, number: str) -> tuple[str, int]:
    """`number` inside some Norwegian text; returns the text and where the number starts."""
    before = draw(sentences) + " " + draw(st.sampled_from(OPENINGS))
    after = draw(st.sampled_from(CLOSINGS)) + " " + draw(sentences)
    return before + number + after, len(before)


def national_id_forms(number: str) -> list[str]:
    return [number, f"{number[:6]} {number[6:]}", f"{number[:6]}{NBSP}{number[6:]}"]


def account_forms(number: str) -> list[str]:
    return [number, f"{number[:4]}.{number[4:6]}.{number[6:]}", f"{number[:4]} {number[4:6]} {number[6:]}"]


def spans(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_personal_data(text)]




# National identity numbers and D-numbers

@settings(max_examples=300)
@given(st.data(), national_ids())
def test_every_valid_national_id_is_found_with_its_exact_span(data, number):
    for written in national_id_forms(number):
        text, start = data.draw(embedded(written))
        assert find_personal_data(text) == [Finding("national_id", start, start + len(written), written)]


@settings(max_examples=300)
@given(st.data(), st.text("0123456789", min_size=11, max_size=11))
def test_random_eleven_digits_are_national_ids_exactly_when_they_pass_the_rules(data, number):
    for written in national_id_forms(number):
        text, _ = data.draw(embedded(written))
        found = "national_id" in [f.kind for f in find_personal_data(text)]
        assert found == is_national_id(number)


@given(national_ids(), st.integers(0, 10), st.integers(1, 9))
def test_a_valid_number_with_one_digit_changed_is_at_most_a_possible_national_id(number, position, change):
    # Mod-11 catches every single-digit error: what is left is a mistyped number, held as a
    # possible fødselsnummer when it still begins with a birth date.
    changed = number[:position] + str((int(number[position]) + change) % 10) + number[position + 1:]
    expected = ["possible_national_id"] if begins_with_a_date(changed) else []
    assert [f.kind for f in find_personal_data(f"Fnr: {changed}.")] == expected


def test_a_check_digit_of_10_is_not_read_as_0():
    # Born 1 January 1970 with a first check digit that would be 10, written as 0.
    first_nine = next(f"010170{i:03d}" for i in range(500)
                      if append_check_digit(f"010170{i:03d}", K1) is None)
    number = append_check_digit(first_nine + "0", K2)
    assert number is not None and not is_national_id(number)
    assert "national_id" not in [kind for kind, _ in spans(number)]
    # An account number whose check digit would be 10.
    ten = next(f"1234567{i:03d}" for i in range(1000) if append_check_digit(f"1234567{i:03d}", K2) is None)
    assert spans(ten + "0") == []


def test_d_number_adds_four_to_the_first_digit_of_the_day():
    assert spans(valid_national_id("710199")) == [("national_id", valid_national_id("710199"))]
    assert is_national_id(valid_national_id("310199"))
    # There is no day 72 (32 + 40), nor a day 40.
    for first_six in ("720199", "400199"):
        assert not any(is_national_id(with_check_digits(f"{first_six}{i:03d}") or "0" * 11) for i in range(1000))


def test_29_february_depends_on_the_century_from_the_individual_number():
    born_2000 = valid_national_id("290200", range(500, 1000))  # 2000 is a leap year
    assert spans(born_2000) == [("national_id", born_2000)]
    born_1900 = with_check_digits("290200123")  # 1900 is not
    assert born_1900 is not None and spans(born_1900) != [("national_id", born_1900)]


@pytest.mark.parametrize("yy", [0, 39, 40, 53, 54, 99])
@pytest.mark.parametrize("individual", [0, 499, 500, 749, 750, 899, 900, 999])
def test_the_individual_number_must_fit_a_century(yy, individual):
    # 500-749 need a year of 54-99 (1800s) or 00-39 (2000s), 750-899 a year of 00-39.
    expected = individual < 500 or individual >= 900 or yy <= 39 or (individual < 750 and yy >= 54)
    number = next(n for n in (with_check_digits(f"{day:02d}01{yy:02d}{individual:03d}") for day in range(1, 29)) if n)
    assert is_national_id(number) == expected
    assert ("national_id" in [kind for kind, _ in spans(number)]) == expected


def test_born_in_the_1800s():
    number = valid_national_id("150560", range(500, 750))
    assert spans(f"Født 1860, fnr {number}.") == [("national_id", number)]


@pytest.mark.parametrize("template", ["1{n}", "{n}1", "12 {n}", "{n} 34", "1.{n}", "{n}-5", "{n},12"])
def test_a_national_id_inside_a_longer_number_is_not_found(template):
    assert spans(template.format(n=valid_national_id("010170"))) == []


# Bank account numbers

@settings(max_examples=300)
@given(st.data(), account_numbers())
def test_every_valid_account_number_is_found_in_all_three_forms(data, number):
    kind = "national_id" if is_national_id(number) else "bank_account"
    for written in account_forms(number):
        text, start = data.draw(embedded(written))
        assert find_personal_data(text) == [Finding(kind, start, start + len(written), written)]


@given(st.text("0123456789", min_size=11, max_size=11))
def test_account_numbers_with_a_wrong_check_digit_are_not_found(number):
    assume(not is_account_number(number))
    expected = ["possible_national_id"] if begins_with_a_date(number) else []  # a mistyped fødselsnummer?
    for written in account_forms(number):
        assert [f.kind for f in find_personal_data(f"Konto {written}.")] == expected


def test_a_valid_national_id_is_reported_as_national_id_not_as_account():
    number = valid_national_id("241285")
    assert is_account_number(number)  # the mod-11 rules share the last digit
    assert spans(f"Konto {number}") == [("national_id", number)]


def test_an_account_written_like_a_national_id_is_not_an_account():
    number = next(n for n in (append_check_digit(f"1234567{i:03d}", K2) for i in range(1000))
                  if n and not is_national_id(n))
    assert spans(f"{number[:6]} {number[6:]}") == []
    assert spans(number) == [("bank_account", number)]


# Phone numbers

@pytest.mark.parametrize("phone", [
    "91234567", "912 34 567", "+47 912 34 567", "0047 91234567", "+4791234567", "22 33 44 55",
    "9123 4567", f"912{NBSP}34{NBSP}567", "+47 22 33 44 55", "0047 2233 4455",
])
def test_phone_numbers_are_found_with_the_exact_span(phone):
    text = f"Ring meg på {phone} etter kl. 16."
    assert find_personal_data(text) == [Finding("phone", 12, 12 + len(phone), phone)]


@given(st.data(), st.from_regex(r"[2-9][0-9]{7}", fullmatch=True),
       st.sampled_from(["", "+47", "+47 ", "0047", "0047 "]), st.sampled_from([" ", NBSP]))
def test_generated_phone_numbers_are_found(data, digits, prefix, space):
    d = digits
    groupings = [d, f"{d[:3]}{space}{d[3:5]}{space}{d[5:]}", space.join([d[0:2], d[2:4], d[4:6], d[6:]])]
    if prefix or not (_year_like(d[:4]) and _year_like(d[4:])):  # "2000 2000" reads as two years, on purpose
        groupings.append(f"{d[:4]}{space}{d[4:]}")
    for grouped in groupings:
        written = prefix + grouped
        text, start = data.draw(embedded(written))
        assert find_personal_data(text) == [Finding("phone", start, start + len(written), written)]


def _year_like(digits: str) -> bool:
    return 1900 <= int(digits) <= 2099


@pytest.mark.parametrize("text", [
    "Møtet er 01.02.2024.", "Møtet er 1.2.2024.", "Møtet er 2024-02-01.", "Det koster 30 000 kroner.",
    "Budsjettet er 1 500 000.", "Budsjettet er kr 12345678.", "Budsjettet er kr 92345678.",
    "Budsjettet er kr. 92345678.", "Det koster NOK 92345678.", "Det koster 92345678,-", "92345678 kr",
    "92345678 kroner", "92 34 56 78 kroner", "kr 12 345 678,50", "92345678,50", "I 2024 og 2025.",
    "Postnummer 6800 Førde.", "Org.nr. 974 760 673.", "Org.nr. 974760673.", "Kl. 10.30.",
    "Se § 12-3 i loven.", "https://www.example.no/sak/2024/12345678", "www.example.no/sak/92345678",
    "Saken 2024/92345678.", "Referanse SAK92345678.", "Nummer 01017012345 er ikke gyldig.",
    "Tallene 123456789 og 1234567 og 023456789.", "Tlf 12345678 og 02345678 (ikke norske).",
    "Fra 3.92345678 til 92345678.5", "Bestillingsnummer 92345678B.", "9 234 567 8", "Vi var 2 34 56 78 personer.",
])
def test_not_phone_numbers(text):
    assert [f for f in find_personal_data(text) if f.kind == "phone"] == []


def test_a_phone_number_in_the_text_next_to_a_url_is_still_found():
    text = "Se https://www.example.no/sak/92345678 eller ring 92345678."
    assert spans(text) == [("phone", "92345678")]
    assert find_personal_data(text)[0].start == text.rindex("92345678")


def test_an_identity_number_inside_a_url_is_still_found():
    number = valid_national_id("010170")
    assert spans(f"https://example.no/?fnr={number}") == [("national_id", number)]


# E-mail addresses

@pytest.mark.parametrize(("text", "address"), [
    ("…skriv til ola.nordmann@example.no.", "ola.nordmann@example.no"),
    ("Kontakt: kari-østby+høring@fjordvik.kommune.no, takk", "kari-østby+høring@fjordvik.kommune.no"),
    ("<per_aas@Example.COM>", "per_aas@Example.COM"),
    ("mailto:ærlig.åse@blåbær.no?", "ærlig.åse@blåbær.no"),
    ("91234567@sms.example.no", "91234567@sms.example.no"),
    ("ola@91234567.no", "ola@91234567.no"),
    ("skrivefeil: ola@example.no2", "ola@example.no"),
    ("ola @ example.no", "ola @ example.no"),
])
def test_email_addresses_are_found_with_the_exact_span(text, address):
    start = text.index(address)
    assert find_personal_data(text) == [Finding("email", start, start + len(address), address)]


@pytest.mark.parametrize("text", ["a@b", "ola@localhost", "@example.no", "ola@example.n", "ola @ example"])
def test_not_email_addresses(text):
    assert find_personal_data(text) == []


# The result as a whole

def test_several_kinds_are_sorted_by_start_with_norwegian_labels():
    number = valid_national_id("010170")
    text = f"Ring 912 34 567 eller skriv til ola@example.no. Fnr {number}, konto 1234.56.78903."
    found = find_personal_data(text)
    assert [(f.kind, f.text) for f in found] == [
        ("phone", "912 34 567"), ("email", "ola@example.no"),
        ("national_id", number), ("bank_account", "1234.56.78903"),
    ]
    assert [f.label for f in found] == [
        "telefonnummer", "e-postadresse", "fødselsnummer eller D-nummer", "kontonummer"]
    assert has_personal_data(text) and not has_personal_data("Jeg er enig i forslaget.")


def test_overlapping_candidates_keep_the_more_sensitive_kind():
    number = valid_national_id("010170")
    assert spans(f"{number}@example.no") == [("national_id", number)]
    assert spans("ola@91234567.no") == [("email", "ola@91234567.no")]


def test_labels_cover_every_kind():
    assert LABELS == {
        "national_id": "fødselsnummer eller D-nummer", "possible_national_id": "mulig fødselsnummer",
        "phone": "telefonnummer",
        "email": "e-postadresse", "bank_account": "kontonummer",
    }


def test_findings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        find_personal_data("91234567")[0].start = 3


@settings(max_examples=500)
@given(st.text(st.sampled_from(list("0123456789    .,-/+@abø\u00a0")) | st.characters(), max_size=120))
def test_findings_are_sorted_exact_and_never_overlap(text):
    found = find_personal_data(text)
    assert all(text[f.start:f.end] == f.text and f.kind in LABELS for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
