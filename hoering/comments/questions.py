"""Whether a comment asks something: plain Python, text in, yes or no.

The rule is kept simple so a caseworker can predict it: a comment asks something when it has a
question mark, or when one of its sentences starts with a question word of bokmål, nynorsk or
English ("Hvorfor …", "Kvifor …", "When …"). Auxiliary verbs ("Kan …", "Er …") are left out: they
start as many statements as questions, and a question without its mark is usually a question-word
one. What the rule misses, the caseworker still finds in the threads; what it wrongly includes costs
one look on the list.
"""
from __future__ import annotations

import re

QUESTION_WORDS = frozenset({
    # bokmål
    "hva", "hvem", "hvor", "hvorfor", "hvordan", "hvilken", "hvilket", "hvilke", "når", "hvorledes",
    # nynorsk
    "kva", "kven", "kvar", "kvifor", "korleis", "kor", "kvi",
    # English
    "what", "who", "where", "why", "how", "which", "when",
})
_SENTENCE = re.compile(r"[^.!?\n]+")
_FIRST_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def asks_something(text: str) -> bool:
    """Whether ``text`` has a question mark, or a sentence that starts with a question word."""
    if "?" in text or "？" in text:
        return True
    for sentence in _SENTENCE.findall(text):
        first = _FIRST_WORD.search(sentence.lstrip(" \t*_>-•\"'«(“"))
        if first is not None and first.start() == 0 and first.group().casefold() in QUESTION_WORDS:
            return True
    return False
