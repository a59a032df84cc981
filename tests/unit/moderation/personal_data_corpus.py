"""Valid personal numbers in the many ways people write them, and harmless Norwegian numbers.

Shared by the property tests (test_personal_data_properties.py, through Hypothesis' `randoms()`)
and by bench/guard.py (a seeded corpus). The rules are written independently of the guard:
check digits by "the weighted sum including the check digit is divisible by 11", the century
by the inverse table (which individual numbers a birth year may have), dates with `calendar`.
"""
from __future__ import annotations

import calendar
import datetime
import random

K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


# The rules

def divisible_by_11(digits: str, weights: tuple[int, ...]) -> bool:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def append_check_digit(digits: str, weights: tuple[int, ...]) -> str | None:
    """The digits plus the one check digit that makes the weighted sum divisible by 11."""
    for check in "0123456789":
        if divisible_by_11(digits + check, weights):
            return digits + check
    return None


def with_check_digits(first_nine: str) -> str | None:
    with_k1 = append_check_digit(first_nine, K1)
    return with_k1 and append_check_digit(with_k1, K2)


def individual_fits(year: int, individual: int) -> bool:
    if 1854 <= year <= 1899:
        return 500 <= individual <= 749
    if 1900 <= year <= 1999:
        return individual <= 499 or (year >= 1940 and individual >= 900)
    if 2000 <= year <= 2039:
        return individual >= 500
    return False


def is_identity_number(number: str) -> bool:
    """A fødselsnummer, D-number (day + 40), H-number (month + 40) or FH-number (first digit 8/9)."""
    if not (divisible_by_11(number[:10], K1) and divisible_by_11(number, K2)):
        return False
    if number[0] in "89":
        return True
    day, month, yy, individual = int(number[:2]), int(number[2:4]), int(number[4:6]), int(number[6:9])
    if day > 40:
        day -= 40
    elif month > 40:
        month -= 40
    for year in (1800 + yy, 1900 + yy, 2000 + yy):
        if individual_fits(year, individual) and 1 <= month <= 12:
            return 1 <= day <= calendar.monthrange(year, month)[1]
    return False


def is_account_number(number: str) -> bool:
    return divisible_by_11(number, K2)


def begins_with_a_date(number: str) -> bool:
    """DDMMYY, with 40 added to the day (D) or the month (H), a date in some century."""
    day, month, yy = int(number[:2]), int(number[2:4]), int(number[4:6])
    if day > 40:
        day -= 40
    elif month > 40:
        month -= 40
    if not 1 <= month <= 12:
        return False
    return any(1 <= day <= calendar.monthrange(year, month)[1] for year in (1900 + yy, 2000 + yy))


# Valid numbers

def individual_number(rng: random.Random, year: int) -> int:
    if year < 1900:
        return rng.randint(500, 749)
    if year < 1940:
        return rng.randint(0, 499)
    if year < 2000:
        return rng.choice([rng.randint(0, 499), rng.randint(900, 999)])
    return rng.randint(500, 999)


def identity_number(rng: random.Random, kind: str) -> str:
    """A valid number of `kind`: "fødselsnummer", "D-nummer", "H-nummer" or "FH-nummer"."""
    while True:
        if kind == "FH-nummer":
            number = with_check_digits(rng.choice("89") + "".join(rng.choices("0123456789", k=8)))
        else:
            born = datetime.date(1854, 1, 1) + datetime.timedelta(days=rng.randint(0, 67_500))
            day = born.day + (40 if kind == "D-nummer" else 0)
            month = born.month + (40 if kind == "H-nummer" else 0)
            individual = individual_number(rng, born.year)
            number = with_check_digits(f"{day:02d}{month:02d}{born.year % 100:02d}{individual:03d}")
        if number is not None:  # a check digit of 10: no such number is issued
            return number


def account_number(rng: random.Random) -> str:
    """A valid account number that is not also an identity number."""
    while True:
        number = append_check_digit("".join(rng.choices("0123456789", k=10)), K2)
        if number is not None and not is_identity_number(number):
            return number


def phone_digits(rng: random.Random) -> str:
    return rng.choice("23456789") + "".join(rng.choices("0123456789", k=7))


# Writings: what a person types for a number

IDENTITY_GROUPINGS = [(11,), (6, 5), (2, 2, 2, 5), (3, 3, 3, 2), (6, 3, 2), (2, 2, 2, 3, 2), (4, 2, 5), (2, 4, 5)]
ACCOUNT_GROUPINGS = [(11,), (4, 2, 5)]
PHONE_GROUPINGS = [(8,), (3, 2, 3), (2, 2, 2, 2), (4, 4)]
SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\u2007", "\u3000", "&nbsp;", "&#160;", "  "]
LINE_BREAKS = ["\n", "\r\n", " \n", "<br>"]
DASHES = ["-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d", "&ndash;", "&#8211;", "\\-",
          " - ", " \u2013 "]
DOTS = [".", "\uff0e", "\u2024", "\u00b7", "\\."]
SEPARATORS = SPACES + LINE_BREAKS + DASHES + DOTS
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "&shy;", "&#8203;", "&#x200B;",
             "\x07"]


def digit_as_typed(rng: random.Random, digit: str) -> str:
    """Mostly the digit; now and then fullwidth, a character reference or another script's digit."""
    roll = rng.random()
    if roll < 0.8:
        return digit
    return rng.choice([
        chr(0xFF10 + int(digit)),  # fullwidth
        f"&#{48 + int(digit)};",
        f"&#x{48 + int(digit):x};",
        f"&amp;#{48 + int(digit)};",  # the renderer shows this as the digit too
        chr(0x1D7CE + int(digit)),  # mathematical bold
        chr(0x0660 + int(digit)),  # Arabic-Indic
    ])


def written(rng: random.Random, digits: str, groupings: list[tuple[int, ...]], separators: list[str]) -> str:
    """`digits` in one of `groupings`, one separator (mostly the same one) between the groups,
    and now and then an invisible character between two digits."""
    grouping = rng.choice(groupings)
    separator = rng.choice(separators)
    out, position = [], 0
    for index, size in enumerate(grouping):
        if index:
            out.append(separator if rng.random() < 0.8 else rng.choice(separators))
        for offset in range(size):
            if offset and rng.random() < 0.08:
                out.append(rng.choice(INVISIBLE))
            out.append(digit_as_typed(rng, digits[position]))
            position += 1
    return "".join(out)


def identity_writing(rng: random.Random, digits: str) -> str:
    return written(rng, digits, IDENTITY_GROUPINGS, SEPARATORS)


def account_writing(rng: random.Random, digits: str) -> str:
    return written(rng, digits, ACCOUNT_GROUPINGS, SEPARATORS)


def phone_writing(rng: random.Random, digits: str) -> str:
    """A grouping with one separator kind (4-4 only with a space), after an optional +47/0047."""
    grouping = rng.choice(PHONE_GROUPINGS)
    separators = SPACES if grouping == (4, 4) else rng.choice([SPACES, ["-", "\u2013", "\u2011"], [".", "\uff0e"]])
    number = written(rng, digits, [grouping], [rng.choice(separators)])
    return rng.choice(["", "", "+47 ", "+47", "0047 ", "＋47 "]) + number


EMAIL_WRITINGS = [
    "{user}@{domain}", "{user}＠{domain}", "{user} (at) {domain}", "{user}[at]{domain}", "{user} [at] {domain}",
    "{user} krøllalfa {domain}", "{user} {{at}} {domain}", "{user}&#64;{domain}", "{user} @ {domain}",
    "{user} (at) {name} (dot) {tld}", "{user}(at){name}[dot]{tld}", "{user} alfakrøll {domain}",
]


def email_writing(rng: random.Random) -> str:
    user = rng.choice(["ola", "kari.nordmann", "per-åge", "ærlig_åse", "post", "h.berg"])
    name, tld = rng.choice([("example", "no"), ("fjordvik.kommune", "no"), ("blåbær", "com"), ("epost", "net")])
    return rng.choice(EMAIL_WRITINGS).format(user=user, domain=f"{name}.{tld}", name=name, tld=tld)


# Text around the numbers

WORDS = ["jeg", "mener", "at", "forslaget", "om", "ny", "skole", "i", "Fjordvik", "bør", "endres", "kommunen",
         "høringen", "Ærlig", "talt", "på", "vegne", "av", "borettslaget", "Øvre", "Å", "vi", "ønsker", "mer"]
OPENINGS = {
    "national_id": ["Mitt fødselsnummer er ", "Fnr: ", "personnummer (", "Fnr.\u00a0", "", "Hei!\n", "**Fnr:** "],
    "bank_account": ["Kontonummer: ", "konto ", "Betal til ", "", "(kto. "],
    "phone": ["Ring meg på ", "Tlf: ", "mobil ", "", "Hei!\n", "telefon: "],
    "email": ["Skriv til ", "E-post: ", "", "<", "kontakt "],
}
CLOSINGS = [" og jeg bor i Fjordvik.", ".", ")", ", takk.", "\nHilsen Kari", "", "!", "\n\n2. Neste punkt"]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(0, 8)))


def embedded(rng: random.Random, number: str, kind: str) -> tuple[str, int]:
    """`number` inside some Norwegian text; the text and where the number starts."""
    before = (sentence(rng) + " " + rng.choice(OPENINGS[kind])).lstrip()
    after = rng.choice(CLOSINGS) + " " + sentence(rng)
    return before + number + after, len(before)


def valid_sample(rng: random.Random) -> tuple[str, str, str]:
    """(expected kind, digits or address, writing) of one valid piece of personal data."""
    roll = rng.random()
    if roll < 0.6:
        kind = rng.choice(["fødselsnummer", "fødselsnummer", "D-nummer", "H-nummer", "FH-nummer"])
        digits = identity_number(rng, kind)
        return "national_id", digits, identity_writing(rng, digits)
    if roll < 0.75:
        digits = account_number(rng)
        return "bank_account", digits, account_writing(rng, digits)
    if roll < 0.9:
        digits = phone_digits(rng)
        return "phone", digits, phone_writing(rng, digits)
    address = email_writing(rng)
    return "email", address, address


# Harmless numbers: none of these is personal data

def _thousands(rng: random.Random, amount: int) -> str:
    separator = rng.choice([" ", "\u00a0", "\u202f", ".", "&nbsp;"])
    return f"{amount:,}".replace(",", separator)


def amount(rng: random.Random) -> str:
    value = rng.choice([rng.randint(100, 99_999), rng.randint(100_000, 99_999_999), rng.randint(10**8, 10**11)])
    written_value = _thousands(rng, value)
    return rng.choice([
        f"kr {written_value}", f"{written_value} kr", f"{written_value} kroner", f"kr {written_value},-",
        f"NOK {written_value}", f"kr {written_value},50", f"{written_value},- kr", f"budsjett på {written_value} kroner",
        f"kr {value}" if value < 10**8 else f"kr {written_value}",
    ])


def date_and_time(rng: random.Random) -> str:
    day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 3650))
    hour, minute = rng.randint(7, 22), rng.choice([0, 15, 30, 45])
    d = rng.choice([f"{day.day:02d}.{day.month:02d}.{day.year}", f"{day.day}.{day.month}.{day.year}",
                    f"{day.day:02d}.{day.month:02d}.{day.year % 100:02d}", day.isoformat()])
    t = rng.choice([f"{hour:02d}.{minute:02d}", f"{hour}:{minute:02d}", f"{hour:02d}{minute:02d}", f"{hour}"])
    return rng.choice([f"{d} kl. {t}", f"{d} kl {t}", f"{d} klokken {t}", f"den {d}, kl. {t}",
                       f"fra {d} til {(day + datetime.timedelta(days=rng.randint(1, 40))).strftime('%d.%m.%Y')}",
                       f"{d} kl. {t}–{hour + 1}.{minute:02d}"])


def case_number(rng: random.Random) -> str:
    year = rng.randint(2000, 2030)
    return rng.choice([f"{year}/{rng.randint(1, 99999)}", f"{year % 100:02d}/{rng.randint(1, 99999):05d}",
                       f"sak {year}/{rng.randint(1, 999999)}-{rng.randint(1, 40)}",
                       f"saksnr. {year % 100:02d}/{rng.randint(1000, 99999)}"])


def organisation_number(rng: random.Random) -> str:
    while True:
        number = append_check_digit(rng.choice("89") + "".join(rng.choices("0123456789", k=7)),
                                    (3, 2, 7, 6, 5, 4, 3, 2, 1))
        if number is not None:
            break
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    return rng.choice([f"org.nr. {spaced}", f"Org.nr.: {number}", f"organisasjonsnummer {spaced}",
                       f"(org. nr. {number})", f"orgnr {spaced}"])


def postcode(rng: random.Random) -> str:
    code = f"{rng.randint(1, 9999):04d}"
    return rng.choice([f"{code} Førde", f"Postboks {rng.randint(1, 9999)}, {code} Oslo", f"postnummer {code}",
                       f"Storgata {rng.randint(1, 120)}, {code} Fjordvik", f"Postboks {rng.randint(1, 9999)} {code} Bergen"])


def year_text(rng: random.Random) -> str:
    a = rng.randint(1950, 2040)
    b = a + rng.randint(1, 12)
    return rng.choice([f"i {a}", f"fra {a} til {b}", f"{a}–{b}", f"{a}-{b}", f"i {a} og {b}", f"årene {a}, {b}",
                       f"perioden {a} - {b}", f"budsjettene for {a} {b}"])


def reference(rng: random.Random) -> str:
    number = rng.choice("23456789") + "".join(rng.choices("0123456789", k=7))
    word = rng.choice(["journalnummer", "Journalnummer:", "saksnummer", "saksnummeret er", "arkivsak", "ref.",
                       "Vår ref.:", "referanse", "løpenummer", "dokumentnummer", "dok.nr.", "org.nr.", "journalpost",
                       "fakturanummer", "kundenummer", "Deres ref:"])
    return f"{word} {number}"


def payment_reference(rng: random.Random) -> str:
    """An eleven-digit KID with a MOD11 check digit: the account number's rule."""
    kid = account_number(rng)
    return rng.choice([f"KID {kid}", f"KID-nummer: {kid}", f"kid.nr. {kid}"])


def other_number(rng: random.Random) -> str:
    r = rng.randint
    return rng.choice([
        f"§ {r(1, 40)}-{r(1, 20)}", f"kapittel {r(1, 9)}.{r(1, 9)}.{r(1, 9)}", f"{r(1, 99)},{r(0, 9)} %",
        f"{r(2, 40)} 000 innbyggere", f"{r(1, 99)} prosent", f"versjon {r(1, 9)}.{r(0, 20)}.{r(0, 99)}",
        f"tabell {r(1, 12)}.{r(1, 30)}", f"{r(1000, 99999)} m2", f"{r(2, 9)} {r(100, 999)} {r(100, 999)} kroner",
        f"https://www.fjordvik.kommune.no/sak/{r(2000, 2030)}/{r(10**7, 10**8 - 1)}",
    ])


HARMLESS = [amount, date_and_time, case_number, organisation_number, postcode, year_text, reference, payment_reference,
            other_number]


def harmless_text(rng: random.Random) -> str:
    """A sentence or two with one to three harmless numbers, words between them."""
    parts = [sentence(rng)]
    for _ in range(rng.randint(1, 3)):
        parts += [rng.choice(HARMLESS)(rng), rng.choice(WORDS) + " " + sentence(rng)]
    return " ".join(parts).strip() + rng.choice([".", "", "!", "\n"])


# Comments that make a careless scanner slow

def adversarial_comments(length: int = 10_000) -> dict[str, str]:
    """Comments built to make a careless scanner slow (long digit runs with separators, many @,
    references, tags, invisible characters ...), every one `length` characters."""
    def fill(unit: str, tail: str = "") -> str:
        return (unit * (length // len(unit) + 1))[:length - len(tail)] + tail

    realistic = ("Jeg mener at forslaget om ny skole i Fjordvik bør endres, jf. § 12-3. Møtet 01.02.2024 "
                 "kostet 30 000 kroner. Ring 912 34 567, skriv til ola.nordmann (at) example.no eller se "
                 "https://www.example.no/sak/2024/12345678. Fnr 010190&#57;2345, konto 1234.56.78903. ")
    return {
        "realistic comment": fill(realistic),
        "one digit run": fill("7"),
        "digits and spaces": fill("1 "),
        "digit pairs and spaces": fill("12 "),
        "digits and dots": fill("1."),
        "digits and dashes": fill("1-"),
        "digits, spaced dashes": fill("1 - "),
        "digits and line breaks": fill("1\n"),
        "eleven-digit groups": fill("01019012345 "),
        "phones on lines": fill("91234567\n"),
        "+47 repeated": fill("+47"),
        "digits and soft hyphens": fill("1\u00ad"),
        "fullwidth digits": fill("１"),
        "zero-width spaces": fill("\u200b"),
        "combining marks": fill("e\u0301"),
        "lone combining marks": fill("\u0301"),
        "character references": fill("&#57;"),
        "ampersands": fill("&"),
        "&amp; chain": fill("&amp;", "#57;"),
        "numeric reference, 10k digits": "&#" + "9" * (length - 2),
        "named reference prefixes": fill("&notin"),
        "open tags": fill("<a"),
        "open tag, no end": "<a " + "x" * (length - 3),
        "open comments": fill("<!--"),
        "stars and digits": fill("*1"),
        "underscores and digits": fill("_1"),
        "many @": fill("@"),
        "a@": fill("a@"),
        "address characters then @": fill("ola.nordmann", "@"),
        "long domain": "a@" + fill("b.")[:length - 2],
        "labels then no TLD": fill("a@b.c1 "),
        "spaces then @": "a" + " " * (length - 2) + "@",
        "(at) repeated": fill("a (at) "),
        "krøllalfa repeated": fill("a krøllalfa "),
        "(dot) repeated": fill("a@b (dot) "),
        "words then reference": fill("journalnummer 23456789 "),
        "kr amounts": fill("kr 1 "),
        "slashes": fill("2024/1"),
        "commas and digits": fill("1,"),
        "urls": fill("www.a/1 "),
        "one long url": "https://example.no/" + fill("1/")[:length - 19],
        "letters": fill("a"),
        "Norwegian letters": fill("æøå "),
        "possible identity numbers": fill("010190 12344\n"),
        "dates and times": fill("01.02.2025 18.00 "),
        "&# repeated": fill("&#"),
        "escaped hyphens": fill("1\\-"),
        "<br> between digits": fill("1<br>"),
        "references and full years": fill("01.01.1990 12345 "),
    }


def valid_number(first_six: str, individuals=range(1000)) -> str:
    """The first valid identity number with this date part and one of these individual numbers."""
    for individual in individuals:
        number = with_check_digits(f"{first_six}{individual:03d}")
        if number and is_identity_number(number):
            return number
    raise AssertionError(f"no valid number for {first_six}")
