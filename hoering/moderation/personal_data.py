"""The personal-data guard: finds identity numbers, phone numbers, e-mail addresses and bank
account numbers in what a citizen wrote, so that the comment is held for review before it is
published. Callers run it on every published field: the text, the name and the organisation.

Pure functions: no Flask, no I/O. The guard reads the text as the reader will see it
(normalised_text: fullwidth digits, soft hyphens, character references, odd spaces and dashes
read as what they show), finds numbers as people write them (written_numbers) and e-mail
addresses, also spelt out ("ola (at) example.no"), and reports each finding as a span of the
ORIGINAL text, which the moderator's view marks and redacts.

The guard only decides whether a moderator looks first, so it leans towards flagging: an
eleven-digit number that begins with a birth date but fails the check digits is held as a
possible (mistyped) fødselsnummer. Phone numbers have no checksum, so there the rules keep the
common Norwegian ways of writing dates, amounts, postcodes, years, organisation numbers and
references out.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from hoering.moderation.normalised_text import normalise
from hoering.moderation.written_numbers import (
    BANK_ACCOUNT,
    NATIONAL_ID,
    PHONE,
    POSSIBLE_NATIONAL_ID,
    find_numbers,
)

EMAIL = "email"

__all__ = [
    "BANK_ACCOUNT", "EMAIL", "LABELS", "NATIONAL_ID", "PHONE", "POSSIBLE_NATIONAL_ID",
    "Finding", "find_personal_data", "has_personal_data",
]

LABELS = {
    NATIONAL_ID: "fødselsnummer eller D-nummer",
    POSSIBLE_NATIONAL_ID: "mulig fødselsnummer",
    PHONE: "telefonnummer",
    EMAIL: "e-postadresse",
    BANK_ACCOUNT: "kontonummer",
}

# When spans overlap, the lower number wins. An e-mail address beats a phone number inside it
# ("91234567@sms.example.no" is one address); a valid identity number beats everything.
_PRIORITY = {NATIONAL_ID: 0, BANK_ACCOUNT: 1, POSSIBLE_NATIONAL_ID: 2, EMAIL: 3, PHONE: 4}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: `text == comment[start:end]` in the original comment."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        """The Norwegian description shown to moderators."""
        return LABELS[self.kind]


# "@", or the sign spelt out: "(at)", "[at]", "{at}", " krøllalfa ", " snabel-a ", " @ ".
_AT = (
    r"(?:@| *[(\[{<] *(?:at|@|krøllalfa|alfakrøll) *[)\]}>] *"
    r"| +(?:@|krøllalfa|alfakrøll|snabel-a) +)"
)
# ".", or the dot spelt out: "(dot)", "[punktum]", " dot ".
_DOT = r"(?:\.| *[(\[{<] *(?:dot|punktum|prikk) *[)\]}>] *| +(?:dot|punktum) +)"
# The lookbehind makes a match start only where a run of address characters starts, which
# keeps long runs of letters linear to scan. The domain ends in letters, so a full stop ending
# the sentence stays outside the span.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-](?:[\w.%+-]*[\w%+-])?"
    + _AT
    + r"(?:[^\W_](?:[\w-]*[^\W_])?" + _DOT + r")+[^\W\d_]{2,}",
    re.IGNORECASE,
)


def find_personal_data(text: str) -> list[Finding]:
    """All personal data in `text`, sorted by start, without overlapping findings."""
    reader = normalise(text)
    candidates = []
    for kind, start, end in [*find_numbers(reader.text), *_emails(reader.text)]:
        start, end = reader.span_in_original(start, end)
        candidates.append(Finding(kind, start, end, text[start:end]))
    return _without_overlaps(candidates)


def has_personal_data(text: str) -> bool:
    """True when the comment must be held for review before publication."""
    return bool(find_personal_data(text))


def _emails(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _EMAIL.finditer(text):
        yield EMAIL, match.start(), match.end()


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keeps the highest-priority candidates whose spans do not overlap, sorted by start."""
    kept: list[Finding] = []
    starts: list[int] = []
    for candidate in sorted(candidates, key=lambda f: (_PRIORITY[f.kind], f.start)):
        at = bisect.bisect_left(starts, candidate.start)
        if at > 0 and kept[at - 1].end > candidate.start:
            continue
        if at < len(kept) and kept[at].start < candidate.end:
            continue
        starts.insert(at, candidate.start)
        kept.insert(at, candidate)
    return kept
