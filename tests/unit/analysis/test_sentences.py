"""Sentences (text.sentence_spans): where they end, and that the quick paths taken to find the ends
give the spans of the plain rules."""
from __future__ import annotations

import random
import re

import pytest

from hoering.analysis.additions import Template
from hoering.analysis.text import sentence_spans
from hoering.analysis.wordlists import ABBREVIATIONS

# The plain rules, written the slow and obvious way: a candidate end is end punctuation (with closing
# quotes or brackets) before white space, or a line break; punctuation does not end a sentence before
# a lower-case letter or after an abbreviation.
_CANDIDATE = re.compile(r"[.!?…]+[\"»”’')\]]*(?=\s)|\n")
_NEXT = re.compile(r"\s*(\S)")
_ABBREVIATION = re.compile(r"(?:^|(?<=[\s(]))((?:[^\W\d_]+\.)*[^\W\d_]+)\.$")
_LETTER = re.compile(r"[^\W\d_]")


def plain_spans(text: str) -> list[tuple[int, int]]:
    ends = []
    for match in _CANDIDATE.finditer(text):
        if match.group() != "\n":
            following = _NEXT.match(text, match.end())
            if following and following.group(1).islower():
                continue
            if text[match.start()] == ".":
                before = _ABBREVIATION.search(text, max(0, match.start() - 20), match.start() + 1)
                if before and before.group(1).lower() in ABBREVIATIONS:
                    continue
        ends.append(match.end())
    spans, start = [], 0
    for end in ends + [len(text)]:
        piece = text[start:end]
        if piece.strip() and _LETTER.search(piece):
            first = start + len(piece) - len(piece.lstrip())
            spans.append((first, first + len(piece.strip())))
        start = end
    return spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("Skolen må bestå. Den er viktig!", ["Skolen må bestå.", "Den er viktig!"]),
    ("Vi trenger f.eks. Fortau. Og lys.", ["Vi trenger f.eks. Fortau.", "Og lys."]),
    ("Det gjelder bl.a. Haugen skole.", ["Det gjelder bl.a. Haugen skole."]),
    ("Møtet er kl. 18. Kom!", ["Møtet er kl. 18.", "Kom!"]),
    ("Jeg bor i vedr. Nei. Jeg bor i Tromsø. Ja.", ["Jeg bor i vedr. Nei.", "Jeg bor i Tromsø.", "Ja."]),
    ("Det er lenge. til neste buss.", ["Det er lenge. til neste buss."]),
    ("«Bevar skolen!» Det sa de.", ["«Bevar skolen!»", "Det sa de."]),
    ("Hei,\nskolen må bestå.   \n\n", ["Hei,", "skolen må bestå."]),
    ("Slutt.   ", ["Slutt."]),
    ("Første linje.\r\nAndre linje…\n…", ["Første linje.", "Andre linje…"]),
])
def test_sentences_end_at_punctuation_before_a_capital_and_at_line_breaks(text, expected):
    assert sentences(text) == expected
    assert sentence_spans(text) == plain_spans(text)


def test_the_spans_are_those_of_the_plain_rules_on_any_text():
    pieces = list("aA bB.!?…\"»”’')]\n\t  \u00a0\u2028\r(Σ½²1_-æØ") + [
        "f.eks. ", "bl.a.\n", " kl. ", "Dr. ", "\r\n", ". ", "! a", "? B", ".» ", "…\n", "vedr. ", "Inkl. ",
        "xprof. ", "e.l.\n c", "m.fl. ", "aaaaa. b", "ΣΣΣΣΣ. ", "İnkl. ", ".\n\nb", ". \n a"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    assert [sentence_spans(text) for text in texts] == [plain_spans(text) for text in texts]


def test_no_sentence_runs_over_a_line_break_so_lines_can_be_split_one_by_one():
    template = Template("Skolen må bestå. Den er viktig.")
    rng = random.Random(8)
    pieces = ["Skolen må bestå.", " Den er viktig.", " f.eks. ", "kl.", " hei", ".", " \n", "\n", "\r\n", " B", " b"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert template.sentence_spans(text) == sentence_spans(text), text
