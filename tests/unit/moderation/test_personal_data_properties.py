"""Property tests of the personal-data guard on generated writings (personal_data_corpus.py).

Valid numbers of every kind, written in random ways (separators of every kind, fullwidth and
other digits, soft hyphens, zero-width characters, character references, line breaks) inside
Norwegian text, must all be found, each as one finding whose span is the writing in the text
as typed. Harmless Norwegian numbers (amounts, dates with times, case numbers, organisation
numbers, postcodes, years, journal numbers) must never be held.
"""
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoering.moderation.personal_data import find_personal_data
from tests.unit.moderation import personal_data_corpus as corpus

randoms = st.randoms(use_true_random=False)
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def found(text: str) -> list[tuple[str, int, int, str]]:
    return [(f.kind, f.start, f.end, f.text) for f in find_personal_data(text)]


def expected(kind: str, text: str, start: int, writing: str) -> list[tuple[str, int, int, str]]:
    assert text[start:start + len(writing)] == writing
    return [(kind, start, start + len(writing), writing)]


@SETTINGS
@given(randoms, st.sampled_from(["fødselsnummer", "D-nummer", "H-nummer", "FH-nummer"]))
def test_valid_identity_numbers_are_found_in_any_writing(rng: random.Random, kind):
    number = corpus.identity_number(rng, kind)
    writing = corpus.identity_writing(rng, number)
    text, start = corpus.embedded(rng, writing, "national_id")
    assert found(text) == expected("national_id", text, start, writing)


@SETTINGS
@given(randoms)
def test_valid_account_numbers_are_found_in_any_writing(rng: random.Random):
    writing = corpus.account_writing(rng, corpus.account_number(rng))
    text, start = corpus.embedded(rng, writing, "bank_account")
    assert found(text) == expected("bank_account", text, start, writing)


@SETTINGS
@given(randoms)
def test_phone_numbers_are_found_in_any_writing(rng: random.Random):
    writing = corpus.phone_writing(rng, corpus.phone_digits(rng))
    text, start = corpus.embedded(rng, writing, "phone")
    assert found(text) == expected("phone", text, start, writing)


@SETTINGS
@given(randoms)
def test_email_addresses_are_found_in_any_writing(rng: random.Random):
    writing = corpus.email_writing(rng)
    text, start = corpus.embedded(rng, writing, "email")
    assert found(text) == expected("email", text, start, writing)


@SETTINGS
@given(randoms, st.integers(0, 10), st.integers(1, 9))
def test_a_mistyped_identity_number_is_a_possible_one_when_it_begins_with_a_date(rng: random.Random, position, change):
    number = corpus.identity_number(rng, rng.choice(["fødselsnummer", "D-nummer", "H-nummer"]))
    mistyped = number[:position] + str((int(number[position]) + change) % 10) + number[position + 1:]
    writing = corpus.identity_writing(rng, mistyped)
    text, start = corpus.embedded(rng, writing, "national_id")
    if corpus.begins_with_a_date(mistyped):
        assert found(text) == expected("possible_national_id", text, start, writing)
    else:
        assert found(text) == []


@settings(max_examples=400, deadline=None)
@given(randoms)
def test_harmless_norwegian_numbers_are_never_held(rng: random.Random):
    text = corpus.harmless_text(rng)
    assert found(text) == []


@SETTINGS
@given(randoms, st.lists(st.sampled_from(["identity", "account", "phone", "email", "harmless"]), min_size=2,
                         max_size=5))
def test_several_findings_in_one_comment_each_map_to_their_writing(rng: random.Random, parts):
    text, wanted = "", []
    for part in parts:
        text += corpus.sentence(rng) + " " + rng.choice(["Her: ", "\n", "og ", "(", "- "])
        if part == "harmless":
            text += corpus.harmless_text(rng)
            continue
        kind, writing = {
            "identity": lambda: ("national_id",
                                 corpus.identity_writing(rng, corpus.identity_number(rng, "fødselsnummer"))),
            "account": lambda: ("bank_account", corpus.account_writing(rng, corpus.account_number(rng))),
            "phone": lambda: ("phone", corpus.phone_writing(rng, corpus.phone_digits(rng))),
            "email": lambda: ("email", corpus.email_writing(rng)),
        }[part]()
        wanted.append((kind, len(text), len(text) + len(writing), writing))
        text += writing + rng.choice([". ", ") ", ", og ", "\n\n"])
    assert found(text) == wanted
