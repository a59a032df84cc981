"""Every way of writing a number that issue 12 found published, one test each.

Each writing must be found with its exact span in the text as typed: the moderator's view
marks and redacts `text[start:end]`.
"""
import pytest

from hoering.comments.services import CommentInput, personal_data_in
from hoering.moderation.personal_data import Finding, find_personal_data, has_personal_data
from tests.unit.moderation.personal_data_corpus import (
    begins_with_a_date,
    is_account_number,
    is_identity_number,
    valid_number,
    with_check_digits,
)


def valid_fh_number() -> str:
    return next(n for n in (with_check_digits(f"8{i:08d}") for i in range(10_000, 20_000)) if n)


FODSELSNUMMER = valid_number("010190")
D_NUMBER = valid_number("410190")  # born 1 January 1990, day + 40
H_NUMBER = valid_number("014190")  # born 1 January 1990, month + 40
FH_NUMBER = valid_fh_number()
NUMBERS = {"fødselsnummer": FODSELSNUMMER, "D-nummer": D_NUMBER, "H-nummer": H_NUMBER, "FH-nummer": FH_NUMBER}


def writings(n: str) -> dict[str, str]:
    """The writings of issue 12 (item 1) and a few more of the same kind, for the number `n`."""
    fullwidth = "".join(chr(0xFF10 + int(d)) for d in n)
    return {
        "11 digits": n,
        "6 5": f"{n[:6]} {n[6:]}",
        "6-5": f"{n[:6]}-{n[6:]}",
        "dotted date, space": f"{n[:2]}.{n[2:4]}.{n[4:6]} {n[6:]}",
        "dotted date, hyphen": f"{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:]}",
        "narrow no-break space": f"{n[:6]}\u202f{n[6:]}",
        "no-break space": f"{n[:6]}\u00a0{n[6:]}",
        "line break": f"{n[:6]}\n{n[6:]}",
        "CRLF": f"{n[:6]}\r\n{n[6:]}",
        "<br>": f"{n[:6]}<br>{n[6:]}",
        "3-3-3-2": f"{n[:3]} {n[3:6]} {n[6:9]} {n[9:]}",
        "6-3-2": f"{n[:6]} {n[6:9]} {n[9:]}",
        "2-2-2-5": f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
        "en dash": f"{n[:6]}\u2013{n[6:]}",
        "spaced en dash": f"{n[:6]} \u2013 {n[6:]}",
        "minus sign": f"{n[:6]}\u2212{n[6:]}",
        "non-breaking hyphen": f"{n[:6]}\u2011{n[6:]}",
        "fullwidth digits": fullwidth,
        "fullwidth, ideographic space": f"{fullwidth[:6]}\u3000{fullwidth[6:]}",
        "soft hyphen": f"{n[:5]}\u00ad{n[5:]}",
        "&shy;": f"{n[:5]}&shy;{n[5:]}",
        "zero-width space": f"{n[:3]}\u200b{n[3:]}",
        "byte order mark": f"{n[:8]}\ufeff{n[8:]}",
        "decimal reference": f"{n[:4]}&#{48 + int(n[4])};{n[5:]}",
        "hexadecimal reference": f"{n[:4]}&#x{48 + int(n[4]):x};{n[5:]}",
        "reference under &amp;": f"{n[:4]}&amp;#{48 + int(n[4])};{n[5:]}",
        "&nbsp;": f"{n[:6]}&nbsp;{n[6:]}",
        "Markdown-escaped hyphen": f"{n[:6]}\\-{n[6:]}",
        "bold digits": f"{n[:4]}**{n[4:6]}**{n[6:]}",
        "<em>": f"{n[:4]}<em>{n[4:6]}</em>{n[6:]}",
        "HTML comment": f"{n[:4]}<!-- x -->{n[4:]}",
        "control character": f"{n[:4]}\x07{n[4:]}",
        "middle dots": f"{n[:2]}\u00b7{n[2:4]}\u00b7{n[4:6]} {n[6:]}",
        "full year": f"{n[:2]}.{n[2:4]}.{1900 + int(n[4:6])} {n[6:]}" if n[0] not in "89" else n,
    }


def writing_cases():
    for kind, number in NUMBERS.items():
        for name, written in writings(number).items():
            yield pytest.param(written, id=f"{kind}: {name}")


@pytest.mark.parametrize("written", list(writing_cases()))
def test_identity_numbers_are_found_in_every_writing(written):
    text = f"Mitt fnr: {written}. Hilsen Kari"
    assert find_personal_data(text) == [Finding("national_id", 10, 10 + len(written), written)]


def test_the_test_numbers_are_of_each_kind():
    assert int(D_NUMBER[:2]) > 40 and int(H_NUMBER[2:4]) > 40 and FH_NUMBER[0] in "89"
    assert all(is_identity_number(n) for n in NUMBERS.values())


@pytest.mark.parametrize("kind", NUMBERS)
def test_an_identity_number_is_found_before_a_numbered_line(kind):
    number = NUMBERS[kind]
    text = f"1. Fnr: {number[:6]} {number[6:]}\n2. Adresse: Storgata 1"
    assert [f.text for f in find_personal_data(text)] == [f"{number[:6]} {number[6:]}"]


@pytest.mark.parametrize("written", ["3337-44-67307", "3337.44.67307", "3337 44 67307", "33374467307",
                                     "3337\u201344\u201367307", "３３３７-４４-６７３０７", "3337-44-673&#48;7"])
def test_account_numbers(written):
    assert is_account_number("33374467307") and not is_identity_number("33374467307")
    text = f"Konto: {written}, takk."
    assert find_personal_data(text) == [Finding("bank_account", 7, 7 + len(written), written)]


def test_a_kid_with_the_account_check_digit_is_not_an_account():
    # For eleven digits, the KID's MOD11 weights (2-7 from the right) are the account number's.
    assert is_account_number("33374467307")
    for kid in ("KID 33374467307", "kid.nr. 33374467307", "KID-nummer: 33374467307"):
        assert find_personal_data(f"Jeg betalte med {kid} i går.") == []
    assert find_personal_data("Betal til 33374467307, KID-nummer 1234567.")[0].kind == "bank_account"


@pytest.mark.parametrize("written", [
    "912-34-567", "91.23.45.67", "912 34 567", "91 23 45 67", "+47 912 34 567", "91234567", "9123 4567",
    "912\u202f34\u202f567", "912\u201334\u2013567", "+47\u00a091\u00a023\u00a045\u00a067", "(+47) 912 34 567",
    "９１２ ３４ ５６７", "91&#50;34567", "912\u00ad34567", "0047 91 23 45 67", "20000101",
])
def test_phone_numbers(written):
    text = f"Ring meg på {written} etter kl. 16."
    found = find_personal_data(text)
    assert [f.kind for f in found] == ["phone"]
    assert written.endswith(found[0].text) and found[0].end == 12 + len(written)


@pytest.mark.parametrize("written", [
    "ola＠example.no", "ola (at) example.no", "ola[at]example.no", "ola krøllalfa example.no",
    "ola [at] example.no", "ola {at} example.no", "ola(at)example.no", "ola alfakrøll example.no",
    "ola (at) example (dot) no", "ola[at]example[dot]no", "ola&#64;example.no", "ola @ example.no",
    "kari.nordmann (AT) fjordvik.kommune.no", "ola snabel-a example.no",
])
def test_email_addresses_also_obfuscated(written):
    text = f"Skriv til {written} i dag."
    assert find_personal_data(text) == [Finding("email", 10, 10 + len(written), written)]


@pytest.mark.parametrize("text", [
    "kr 12 345 678", "Det koster kr 12\u202f345\u202f678.", "01.02.2025 kl. 18.00", "Møtet 1.10.2025 kl. 18.00.",
    "Saken har nummer 2024/12345.", "Org.nr. 974 760 673", "organisasjonsnummer 974760673", "Postnummer 6800 Førde.",
    "Postboks 1234 6800 Bergen", "I 2024 og 2025.", "Planen gjelder 2024-2028.", "Perioden 2024 \u2013 2028.",
    "journalnummer 23456789", "Journalnummer: 23456789", "saksnummeret er 23456789", "Vår ref.: 23456789",
    "arkivsak 23456789", "referanse 23456789", "løpenummer 23456789", "dokumentnummer 23456789",
    "Det gjelder 12,5 % av 23 456 innbyggere.", "Klokken 18.00-19.30 og 20.00-21.30.",
    "kr 1 234 567 890", "12 345 678 901 kroner", "1.2.2025-3.2.2025", "Se § 12-3 og kapittel 3.2.1.",
    "Nummer 12345678901 er ikke noe.", "Ikke en adresse: møtes at Fjordvik.no i morgen.",
    "Reguleringsplan med planID 20230015.", "plan-ID: 20230015", "Objekt-ID 23456789",
])
def test_harmless_numbers_stay_published(text):
    assert find_personal_data(text) == []


# Item 14: a mistyped fødselsnummer is still someone's

MISTYPED = FODSELSNUMMER[:10] + str((int(FODSELSNUMMER[10]) + 1) % 10)


@pytest.mark.parametrize("written", [
    MISTYPED, f"{MISTYPED[:6]} {MISTYPED[6:]}", f"{MISTYPED[:2]}.{MISTYPED[2:4]}.{MISTYPED[4:6]} {MISTYPED[6:]}",
    f"{MISTYPED[:6]}-{MISTYPED[6:]}", f"{MISTYPED[:3]} {MISTYPED[3:6]} {MISTYPED[6:9]} {MISTYPED[9:]}",
])
def test_a_mistyped_national_id_is_held_as_a_possible_one(written):
    assert begins_with_a_date(MISTYPED) and not is_identity_number(MISTYPED)
    text = f"Fnr {written}."
    found = find_personal_data(text)
    assert found == [Finding("possible_national_id", 4, 4 + len(written), written)]
    assert found[0].label == "mulig fødselsnummer" and has_personal_data(text)


@pytest.mark.parametrize("text", [
    "Nummer 12345678901.",  # no date: day 12 of month 34
    f"Det koster kr {MISTYPED}.",  # an amount
    f"Beløpet er {MISTYPED},50.",  # a decimal number
    f"Sak 2024/{MISTYPED}.",  # a case number
    f"Referanse {MISTYPED}.",
    f"Ring +46 {MISTYPED[:2]} {MISTYPED[2:5]} {MISTYPED[5:8]} {MISTYPED[8:]}.",  # written like an amount
    f"Kode AB{MISTYPED}.",
    "Møtet 1.10.2025 18.00.",  # a date and a time: 11 digits, but not written like an identity number
])
def test_eleven_digits_that_are_no_identity_number_are_not_possible_ones(text):
    assert find_personal_data(text) == []


def test_a_valid_number_wins_over_a_possible_one_and_both_are_reported_where_they_are():
    text = f"Mitt fnr er {FODSELSNUMMER}, ikke {MISTYPED}."
    assert [(f.kind, f.text) for f in find_personal_data(text)] == [
        ("national_id", FODSELSNUMMER), ("possible_national_id", MISTYPED)]


# Every published field

@pytest.mark.parametrize("field", ["text", "author_name", "organisation"])
def test_every_published_field_is_checked(field):
    values = {"author_name": "Kari Nordmann", "text": "Jeg er enig.", "organisation": ""}
    values[field] = f"Kari, fnr {writings(FODSELSNUMMER)['decimal reference']}"
    assert personal_data_in(CommentInput(**values)) == ("national_id",)
    values[field] = "Fjordvik velforening ola (at) example.no"
    assert personal_data_in(CommentInput(**values)) == ("email",)
