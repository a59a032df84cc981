"""A campaign member's own additions to the form letter (additions.py): which sentences are the
letter's, which are greetings and signatures, and which passages are the member's own."""
from __future__ import annotations

import unicodedata

import pytest

from hoering.analysis.additions import Template, added_passages
from hoering.analysis.text import words

LETTER_SENTENCES = [
    "Vi som skriver under, er imot at Bakken bibliotek skal stenges om kveldene.",
    "Biblioteket er den eneste gratis møteplassen i bydelen etter skoletid.",
    "Mange elever gjør lekser der fordi de ikke har ro hjemme.",
    "Vi ber bystyret om å beholde dagens åpningstider.",
]
LETTER = " ".join(LETTER_SENTENCES)
OWN = "Min datter på ni år bruker biblioteket hver dag."
OTHER_OWN = "Hun har ingen andre steder å gå."

NYNORSK_SENTENCES = [
    "Vi som skriv under, er imot at skulen på Haugen blir lagd ned.",
    "Borna har kort veg til skulen i dag og kan gå eller sykle åleine.",
    "Vi ber kommunestyret om å la skulen bestå.",
]


@pytest.fixture
def letter():
    return Template(LETTER)


def passages(text: str, template: Template, own_words=()) -> list[str]:
    return [text[start:end] for start, end in added_passages(text, template, own_words)]


# What the letter itself is


def test_a_copy_of_the_letter_adds_nothing(letter):
    assert added_passages(LETTER, letter) == []


def test_case_punctuation_spacing_and_line_breaks_do_not_make_additions(letter):
    reformatted = "\n".join(sentence.upper().replace(",", "").replace(".", "!").replace(" ", "  ")
                            for sentence in LETTER_SENTENCES)
    assert added_passages(reformatted + "\n", letter) == []


def test_letters_typed_as_a_base_letter_and_a_combining_mark_are_the_same_letters(letter):
    decomposed = unicodedata.normalize("NFD", LETTER)
    assert decomposed != LETTER
    assert added_passages(decomposed, letter) == []


def test_deleted_reordered_and_repeated_letter_sentences_add_nothing(letter):
    shuffled = " ".join([LETTER_SENTENCES[3], LETTER_SENTENCES[0], LETTER_SENTENCES[3], LETTER_SENTENCES[1]])
    assert added_passages(shuffled, letter) == []


def test_a_letter_sentence_with_a_word_doubled_changed_or_mistyped_is_still_the_letters(letter):
    assert letter.contains("Vi ber ber bystyret om å om å beholde dagens åpningstider.")
    assert letter.contains("Vi ber bystyret om å beholde åpningstidene.")  # 6 of 9 words shared
    assert letter.contains("Mange elevr gjør lekserr der fordi de ikek har ro hjemem.")  # 4 typos


def test_a_sentence_sharing_only_some_words_with_the_letter_is_not_the_letters(letter):
    assert not letter.contains("Vi ber kommunen om å droppe planene.")  # 4 of 11 words shared
    assert not letter.contains("Jeg er selv bibliotekar og ser hvor mye stedet betyr.")


def test_the_templates_answers_do_not_depend_on_the_questions_asked_before():
    questions = ["Vi ber kommunen om å droppe planene.", "Vi ber bystyret om å beholde åpningstidene.",
                 OWN, LETTER_SENTENCES[2].lower(), "Vi ber ber bystyret om å om å beholde dagens åpningstider."]
    asked_in_order = Template(LETTER)
    answers = [asked_in_order.contains(question) for question in questions]
    assert answers == [False, True, False, True, True]
    assert [asked_in_order.contains(question) for question in questions] == answers
    assert [Template(LETTER).contains(question) for question in questions] == answers
    asked_backwards = Template(LETTER)
    assert [asked_backwards.contains(question) for question in reversed(questions)] == answers[::-1]


# The member's own sentences


@pytest.mark.parametrize("before, after", [
    ("", " " + LETTER),  # at the start
    (" ".join(LETTER_SENTENCES[:2]) + " ", " " + " ".join(LETTER_SENTENCES[2:])),  # in the middle
    (LETTER + " ", ""),  # at the end
    (LETTER + "\n\n", "\n"),  # in a paragraph of its own
])
def test_an_own_sentence_is_found_wherever_it_stands(letter, before, after):
    text = before + OWN + after
    assert added_passages(text, letter) == [(len(before), len(before) + len(OWN))]


def test_consecutive_own_sentences_are_one_passage_and_a_letter_sentence_splits_them(letter):
    text = OWN + "\n" + OTHER_OWN + " " + LETTER + " Jeg er selv bibliotekar. Tenk dere om!"
    assert passages(text, letter) == [OWN + "\n" + OTHER_OWN, "Jeg er selv bibliotekar. Tenk dere om!"]
    text = OWN + " " + LETTER_SENTENCES[0] + " " + OTHER_OWN + " " + " ".join(LETTER_SENTENCES[1:])
    assert passages(text, letter) == [OWN, OTHER_OWN]


def test_an_own_sentence_written_twice_is_one_passage_of_both(letter):
    text = LETTER + " " + OWN + " " + OWN
    assert passages(text, letter) == [OWN + " " + OWN]


def test_an_own_sentence_that_repeats_a_word_is_still_an_addition(letter):
    shouted = "Nei, nei, nei og atter nei til stenging!"
    assert passages(LETTER + " " + shouted, letter) == [shouted]


def test_a_sentence_rewritten_in_other_words_is_an_addition(letter):
    rewritten = "Vi ber kommunen om å droppe planene."
    assert passages(LETTER_SENTENCES[0] + " " + rewritten, letter) == [rewritten]


def test_nynorsk_letter_and_own_sentence_with_æ_ø_å():
    template = Template(" ".join(NYNORSK_SENTENCES))
    own = "Eg køyrer sjølv forbi skulen kvar morgon, og vegen er trygg."
    text = "Hei!\n" + " ".join(NYNORSK_SENTENCES[:2]) + " " + own + " " + NYNORSK_SENTENCES[2] + "\nVenleg helsing\nÅse Ødegård"
    assert passages(text, template) == [own]


# Greetings and signatures


def test_greetings_and_sign_offs_are_not_additions(letter):
    for text in ["Hei!\n" + LETTER, "Hallo.\n" + LETTER + "\nTusen takk!",
                 LETTER + "\nMed vennlig hilsen\nKari Nordmann", LETTER + "\nMvh Kari N.",
                 "Kjære kommunestyret!\n" + LETTER + "\nBeste hilsen"]:
        assert added_passages(text, letter) == [], text


def test_the_senders_name_and_organisation_mark_a_signature_on_any_line(letter):
    own_words = ["kari", "nordmann", "bakken", "vel"]
    text = "Kari Nordmann, Bakken vel\n" + LETTER + "\nHilsen Kari Nordmann fra Bakken vel\n" + OWN
    assert passages(text, letter, own_words) == [OWN]
    assert passages(text, letter) == ["Kari Nordmann, Bakken vel", "Hilsen Kari Nordmann fra Bakken vel\n" + OWN]


def test_a_hyphenated_name_marks_a_signature_like_any_other_name(letter):
    # The pipeline passes words(name) + words(organisation): 'anne-lise' stays one word there.
    own_words = words("Anne-Lise Berg") + words("Bakken vel")
    assert own_words == ["anne-lise", "berg", "bakken", "vel"]
    text = LETTER + "\nMed vennlig hilsen Anne-Lise Berg, Bakken vel"
    assert passages(text, letter, own_words) == []
    assert passages(LETTER + "\nMed vennlig hilsen Kari Berg, Bakken vel", letter, words("Kari Berg") + own_words[2:]) == []


def test_a_short_capitalised_sentence_is_a_signature_only_on_the_last_line(letter):
    assert passages(LETTER + "\nKari N.", letter) == []
    assert passages(LETTER + "\nBevar Biblioteket!\nKari N.", letter) == ["Bevar Biblioteket!"]


# Empty and degenerate inputs


def test_an_empty_comment_adds_nothing(letter):
    assert added_passages("", letter) == []
    assert added_passages(" \n\t ", letter) == []
    assert added_passages("... !!! 123", letter) == []  # no letters: no sentence


def test_with_an_empty_template_every_own_sentence_is_an_addition():
    empty = Template("")
    assert added_passages("", empty) == []
    text = "  Hei!\n" + OWN + " " + OTHER_OWN + "\nKari N.\n"
    assert passages(text, empty) == [OWN + " " + OTHER_OWN]
    assert not empty.contains(OWN)
