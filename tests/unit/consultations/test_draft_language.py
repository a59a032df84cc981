"""The form suggests the draft's language from its words; the planner decides."""
import pytest

from hoering.consultations.draft_language import suggest_language


@pytest.mark.parametrize("text, language", [
    ("Kommunen vil ikke legge ned skolen, og vi ønsker også å høre hva innbyggerne mener.", "nb"),
    ("Kommunen vil ikkje leggje ned skulen, og me ønskjer òg å høyre kva innbyggjarane meiner.", "nn"),
    ("§ 1 Formål. Lova skal fremje bruken av nynorsk, og ho gjeld for eit kvart organ i staten.", "nn"),
    ("The municipality will not close the school, and this plan is open for comments.", "en"),
    ("§ 12-3 Detaljregulering 2026–2038", "nb"),  # nothing to go by: bokmål
])
def test_the_suggested_language_follows_the_words_of_the_draft(text, language):
    assert suggest_language(text) == language
