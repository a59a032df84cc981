"""The rule for "asks something", on the unanswered questions page."""
import pytest

from hoering.comments.questions import asks_something


@pytest.mark.parametrize("text", [
    "Hva med de som ikke har Facebook?",
    "Kommer det en app?",
    "Det er bra.\n\nHvorfor stenger dere kommentarfeltet",
    "Korleis skal eldre få vite om dette",
    "Kvifor vert biblioteket stengt",
    "Når åpner svømmehallen igjen",
    "Flott plan. Hvordan skal den følges opp",
    "**Hvem** har ansvaret",
    "«Hva koster det» lurer mange på",
    "Why is the deadline so short",
    "Er det meningen at kommentarfeltet stenges？",
])
def test_questions_are_found(text):
    assert asks_something(text)


@pytest.mark.parametrize("text", [
    "Jeg støtter forslaget.",
    "Kan hende er det lurt å vente.",
    "Det er uklart hvorfor dere velger Facebook.",  # a question word inside a sentence asks nothing
    "Hvorvidt dette er lurt, får tiden vise.",
    "Kvarteret rundt skolen trenger fortau.",
    "Whatever happens, keep the library open.",
    "",
])
def test_statements_are_not_questions(text):
    assert not asks_something(text)
