"""Norwegian text handling: normalisation, words, stop words, stems and sentences."""
from __future__ import annotations

import unicodedata

import pytest

from hoering.analysis.text import STOP_WORDS, Terms, sentence_spans, shingle_words, words, written_standard
from hoering.analysis.wordlists import BOKMAAL_STOP_WORDS, ENGLISH_STOP_WORDS, NYNORSK_STOP_WORDS


@pytest.fixture(scope="module")
def terms():
    return Terms()


def test_decomposed_letters_are_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Blåbærsyltetøy på Ørland")
    assert decomposed != "Blåbærsyltetøy på Ørland"
    assert words(decomposed) == ["blåbærsyltetøy", "på", "ørland"]


def test_words_keep_æøå_and_hyphenated_compounds():
    assert words("Æresord: øya og Åsane-skolen, 3 km unna!") == ["æresord", "øya", "og", "åsane-skolen", "km", "unna"]
    assert shingle_words("Rute 12 går kl. 7") == ["rute", "12", "går", "kl", "7"]


@pytest.mark.parametrize("word", ["jeg", "ikke", "hva", "hvordan", "og", "at", "være", "mye"])
def test_bokmaal_function_words_are_stop_words(word):
    assert word in BOKMAAL_STOP_WORDS


@pytest.mark.parametrize("word", ["eg", "ikkje", "kva", "korleis", "ein", "eit", "dei", "frå", "berre", "mykje"])
def test_nynorsk_function_words_are_stop_words(word):
    assert word in NYNORSK_STOP_WORDS


@pytest.mark.parametrize("word", ["skole", "skule", "bibliotek", "fortau", "basseng", "kommentarfelt", "buss"])
def test_content_words_are_not_stop_words(word):
    assert word not in STOP_WORDS


def test_stop_words_leave_only_content_in_bokmaal_nynorsk_and_english(terms):
    assert terms.of("Jeg mener at det er for lite fortau, og det er ikke bra.") == ["fortau"]
    assert terms.of("Eg meiner at det er for lite fortau, og det er ikkje bra.") == ["fortau"]
    assert terms.of("I think that there is not enough of the sidewalk.") == ["enough", "fortau"]
    assert "the" in ENGLISH_STOP_WORDS


@pytest.mark.parametrize("pair", [("skolen", "skolene"), ("skolen", "skulen"), ("høring", "høyring")])
def test_bokmaal_and_nynorsk_forms_meet_in_one_stem(terms, pair):
    first, second = pair
    assert terms.stem(first) == terms.stem(second)


def test_nynorsk_text_and_bokmaal_text_share_their_terms(terms):
    nynorsk = terms.of("Borna våre treng ein trygg skuleveg og ei open symjehall.")
    bokmaal = terms.of("Barna våre trenger en trygg skolevei og en åpen svømmehall.")
    assert set(nynorsk) & set(bokmaal) >= {terms.stem("barna"), terms.stem("skolevei"), terms.stem("svømmehall")}


def test_written_standard_is_guessed_from_marker_words():
    assert written_standard(words("Eg meiner at skulen ikkje må leggjast ned.")) == "nn"
    assert written_standard(words("Jeg mener at skolen ikke må legges ned.")) == "nb"
    assert written_standard(words("The school should stay open for the children.")) == "en"
    assert written_standard(words("The school must stay open.")) == "nb"  # one English marker is too few
    assert written_standard(words("Jeg bor i Storgata og the bus er for sen.")) == "nb"


def test_english_comments_get_terms_without_errors(terms):
    found = terms.of("Closing the school would force children onto long bus rides.")
    assert {terms.stem("skole"), terms.stem("barn"), terms.stem("buss")} <= set(found)
    assert not {"the", "would"} & set(found)
    assert terms.of("") == []
    assert terms.of("!!! 123 ...") == []


def test_surface_names_a_stem_with_its_most_frequent_written_form(terms):
    terms.count_surfaces("Skolen er fin. Skolen er gammel. Vi elsker skolen.")
    assert terms.surface(terms.stem("skolen")) == "skolen"


@pytest.mark.parametrize("text, expected", [
    ("Hei! Jeg bor på Lia. Skolen må bestå?", ["Hei!", "Jeg bor på Lia.", "Skolen må bestå?"]),
    ("Se f.eks. punkt 3.1 i forslaget. Det er uklart.", ["Se f.eks. punkt 3.1 i forslaget.", "Det er uklart."]),
    ("Dette er bra... men ikke nok! «Nei.» Takk.", ["Dette er bra... men ikke nok!", "«Nei.»", "Takk."]),
    ("Til kommunen:\n\nFørste linje\nMvh Kari", ["Til kommunen:", "Første linje", "Mvh Kari"]),
    ("  ...  ", []),
])
def test_sentences_are_exact_stripped_substrings(text, expected):
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == expected


def test_an_english_comment_meets_the_norwegian_ones_on_the_same_matter(terms):
    english = terms.standard_and_terms("The schools should have lifts, and the pupils in wheelchairs need ramps.")
    norwegian = terms.of("Skolene må ha heis og rampe for elevene i rullestol.")
    assert english[0] == "en"
    assert {"skol", "heis", "elev", "rullestol", "ramp"} <= set(english[1]) & set(norwegian)
