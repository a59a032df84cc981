"""The language a draft is written in: bokmål, nynorsk or English.

The planner states it (the form suggests one from the text) and the draft is marked with it
(``lang="nn"``), whatever language the reader's interface is in: screen readers pronounce by it,
and browsers hyphenate and spell-check by it.
"""
from __future__ import annotations

import re

BOKMAAL, NYNORSK, ENGLISH = "nb", "nn", "en"
DRAFT_LANGUAGES = (BOKMAAL, NYNORSK, ENGLISH)

# Common words that only one of the three uses (the others spell them differently), lower case.
_MARKERS = {
    BOKMAAL: frozenset("ikke jeg hva hvordan hvorfor hvis også bare noen mye eller hun fra nå".split()),
    NYNORSK: frozenset("ikkje eg kva korleis kvifor dersom òg berre nokon mykje ho frå no ein eit".split()),
    ENGLISH: frozenset("the and of is are this that with which will shall be".split()),
}
_WORD = re.compile(r"[a-zæøåàòé]+")
SAMPLE_CHARACTERS = 20_000  # the start of a draft says enough


def suggest_language(text: str) -> str:
    """The language whose marker words the text uses most; bokmål when none stands out."""
    counts = {language: 0 for language in DRAFT_LANGUAGES}
    for word in _WORD.findall((text or "")[:SAMPLE_CHARACTERS].lower()):
        for language, markers in _MARKERS.items():
            if word in markers:
                counts[language] += 1
    best = max(DRAFT_LANGUAGES, key=lambda language: counts[language])
    return best if counts[best] > 0 else BOKMAAL
