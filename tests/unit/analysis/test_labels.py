"""Theme labels read as a caseworker's heading: a noun phrase in the comments' own words."""
from __future__ import annotations

import json
import re

import pytest

from hoering.analysis import CommentIn, analyse, comment_from_json
from hoering.analysis.labels import MAX_LABEL_CHARS, surface_keywords, theme_label
from hoering.analysis.text import Terms, words, written_standard
from hoering.demo.loader import DATA_DIR

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

UNIVERSAL_DESIGN = [
    "Universell utforming av skolebyggene må komme før nye klasserom.",
    "Jeg sitter i rullestol, og universell utforming av skolebyggene har vært lovet i ti år.",
    "Det står for lite om universell utforming av skolebyggene i planen.",
    "Elever med nedsatt funksjonsevne trenger heis. Universell utforming av skolebyggene haster.",
    "Kommunen bør lage en plan for universell utforming av skolebyggene innen 2027.",
    "Heis og rampe mangler fortsatt på flere skoler.",
    "Uten universell utforming av skolebyggene blir ikke alle elever inkludert.",
]
SAFE_ROUTE = [
    "Vi må ha trafikksikker skolevei før skolen legges ned.",
    "Barna våre trenger trafikksikker skolevei langs fylkesveien.",
    "Uten fortau er det ingen trafikksikker skolevei for de minste.",
    "Skoleveien over fjellet er farlig om vinteren, og bilene kjører fort.",
    "Kommunen har lovet trafikksikker skolevei i mange år.",
    "Jeg vil ikke sende en seksåring langs en vei uten fortau.",
]
NYNORSK = [
    "Opningstidene på biblioteket er for korte for oss som jobbar.",
    "Eg rekk aldri biblioteket før det stengjer, så opningstidene må utvidast.",
    "Utvid opningstidene på biblioteket til klokka 20 nokre dagar i veka.",
    "Biblioteket er den einaste møteplassen i bygda, og opningstidene bør vere lengre.",
    "Kortare opningstider på biblioteket rammar dei som ikkje har bil.",
]
ENGLISH = [
    "The library opening hours are too short for people who work.",
    "Please extend the library opening hours on Saturdays.",
    "Longer library opening hours would help students a lot.",
    "I never reach the library before it closes at four.",
    "Library opening hours should match the bus timetable.",
]
VERBS = [
    "Bilene kjører altfor fort forbi skolen, og de kjører rett over gangfeltet.",
    "Jeg kjører selv, men vi må kjøre saktere forbi skolen.",
    "Folk kjører og kjører uten å se seg for ved skolen.",
    "Ingen stopper, alle kjører, og barna venter ved skolen.",
    "Når bilene kjører slik, tør ikke barna gå til skolen.",
]
NAMES = [
    "Kommunen bør prøve TikTok for å nå unge.",
    "TikTok er der ungdommen er, så prøveprosjektet med TikTok er lurt.",
    "Et prøveprosjekt med TikTok koster lite.",
    "Hvem skal moderere kommentarene på TikTok?",
]


def label_of(texts: list[str], keyword_words: list[str]) -> tuple[str, list[str]]:
    """The label (and keywords) of a theme whose central comments are ``texts``, in that order, and
    whose keywords are the terms of ``keyword_words``, best first."""
    terms = Terms()
    central = [CommentIn(id=number, text=text) for number, text in enumerate(texts, start=1)]
    standard = written_standard(words(" ".join(texts)))
    stems = [terms.term(word, standard) for word in keyword_words]
    keywords = surface_keywords(stems, central, terms)
    return theme_label(stems, keywords, central, terms), keywords


def written_words(texts: list[str]) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(text)}


def test_a_label_is_the_noun_phrase_the_comments_share():
    label, _ = label_of(UNIVERSAL_DESIGN, ["skolebyggene", "universell", "utforming", "heis", "elever"])
    assert label in {"Universell utforming av skolebyggene", "Universell utforming"}, label


def test_an_adjective_and_its_noun_make_the_label():
    label, _ = label_of(SAFE_ROUTE, ["skolevei", "trafikksikker", "fortau", "barna", "kjører"])
    assert "skolevei" in label.lower() and "," not in label, label
    assert label.split()[0].lower() != "ha", label


def test_nynorsk_comments_get_a_nynorsk_noun_phrase():
    label, _ = label_of(NYNORSK, ["opningstidene", "biblioteket", "utvid", "korte"])
    assert label in {"Opningstidene på biblioteket", "Opningstidene", "Biblioteket"}, label


RESIDENTS = [
    "Innbyggerne må få si fra.",
    "Innbyggerne skriver i kommentarfeltene.",
    "Innbyggerne vil bli hørt.",
    "Innbyggerne leser kommentarfeltene.",
    "Innbyggerne er sinte.",
    "Innbyggerne er mange.",
]


def test_the_residents_every_consultation_speaks_of_never_head_a_theme():
    label, keywords = label_of(RESIDENTS, ["innbyggerne", "kommentarfeltene"])
    assert keywords[0].lower() == "innbyggerne" and label == "Kommentarfeltene", label


def test_english_comments_get_an_english_noun_phrase():
    label, _ = label_of(ENGLISH, ["library", "hours", "opening", "extend"])
    assert "," not in label and label.lower().endswith("hours") and "library" in label.lower(), label


@pytest.mark.parametrize("keyword_words", [["kjører", "skolen", "bilene", "barna"], ["kjører"]])
def test_a_theme_led_by_a_verb_is_not_named_by_the_verb(keyword_words):
    label, keywords = label_of(VERBS, keyword_words)
    assert keywords[0] == "kjører"
    assert "kjør" not in label.lower() and "," not in label, label
    assert label in {"Skolen", "Bilene", "Barna"}, label


def test_names_keep_their_capitals_and_the_first_letter_is_a_capital():
    label, _ = label_of(NAMES, ["tiktok", "prøveprosjektet", "unge"])
    assert "TikTok" in label and label[0].isupper() and "," not in label, label


@pytest.mark.parametrize("texts, keyword_words", [
    (UNIVERSAL_DESIGN, ["skolebyggene", "universell", "utforming", "heis"]),
    (SAFE_ROUTE, ["skolevei", "trafikksikker", "fortau"]),
    (NYNORSK, ["opningstidene", "biblioteket"]),
    (ENGLISH, ["library", "hours"]),
    (VERBS, ["kjører", "skolen", "bilene"]),
    (NAMES, ["tiktok", "prøveprosjektet"]),
])
def test_every_word_of_a_label_is_written_in_the_comments_and_the_label_is_short(texts, keyword_words):
    label, _ = label_of(texts, keyword_words)
    assert label and len(label) <= MAX_LABEL_CHARS and "," not in label, label
    assert {word.lower() for word in WORD.findall(label)} <= written_words(texts), label


def test_a_long_phrase_is_never_the_label():
    long_phrase = "kommunikasjonsavdelingens retningslinjer for kriseinformasjonsberedskap"
    texts = [f"Vi trenger {long_phrase} nå. Beredskap er viktig." for _ in range(6)]
    label, _ = label_of(texts, ["kriseinformasjonsberedskap", "retningslinjer", "beredskap"])
    assert label and len(label) <= MAX_LABEL_CHARS, label


def test_the_same_comments_always_give_the_same_label():
    texts = UNIVERSAL_DESIGN + SAFE_ROUTE
    keyword_words = ["skolebyggene", "skolevei", "universell", "trafikksikker", "utforming"]
    labels = {label_of(texts, keyword_words)[0] for _ in range(3)}
    terms = Terms()  # a Terms that has seen other comments first
    terms.count_surfaces(" ".join(NYNORSK + ENGLISH))
    central = [CommentIn(id=number, text=text) for number, text in enumerate(texts, start=1)]
    stems = [terms.term(word) for word in keyword_words]
    labels.add(theme_label(stems, surface_keywords(stems, central, terms), central, terms))
    assert len(labels) == 1 and "," not in labels.pop(), labels


def _demo(name: str) -> list[CommentIn]:
    data = json.loads((DATA_DIR / f"{name}-comments.json").read_text(encoding="utf-8"))
    return [comment_from_json({**item, "id": number, "parent": None}) for number, item in enumerate(data, start=1)]


@pytest.fixture(scope="module", params=["sosiale-medier", "fritidstilbud"])
def demo(request):
    comments = _demo(request.param)
    return comments, analyse(comments)


def test_the_demos_labels_are_headings_that_name_one_of_their_keywords(demo):
    comments, report = demo
    by_id = {comment.id: comment for comment in comments}
    terms = Terms()
    assert report.themes
    for theme in report.themes:
        texts = [by_id[comment_id].text for comment_id in theme.comment_ids]
        label_words = [word.lower() for word in WORD.findall(theme.label)]
        assert "," not in theme.label and 1 <= len(label_words) <= 4, theme.label
        assert len(theme.label) <= MAX_LABEL_CHARS and theme.label[0].isupper(), theme.label
        assert set(label_words) <= written_words(texts), theme.label
        keyword_stems = {terms.term(keyword.lower()) for keyword in theme.keywords}
        assert any(terms.term(word) in keyword_stems for word in label_words), (theme.label, theme.keywords)
        infinitives = {match.lower() for text in texts for match in re.findall(r"(?i)\bå (\w+)", text)}
        assert label_words[-1] not in infinitives, theme.label
