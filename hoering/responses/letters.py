"""The invitation letter (høringsbrev) and the reminder: their default wording, and the placeholders
a planner writes in them, filled in per body when a letter is sent.

Placeholders are ``{name}``, looked up in a fixed table. Nothing else in the text is interpreted:
no ``str.format`` (which would let ``{x.__class__}`` reach into objects), no Markdown; the e-mail is
plain text, as the planner typed it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

BODY = "instans"
TITLE = "høring"
DEADLINE = "frist"
RESPONSE_LINK = "svarlenke"
CONSULTATION_LINK = "lenke"
SENDER = "avsender"
PLACEHOLDERS = {
    BODY: _l("instansens navn"),
    TITLE: _l("høringens tittel"),
    DEADLINE: _l("høringsfristen (instansens egen, om den har fått en senere frist)"),
    RESPONSE_LINK: _l("instansens personlige lenke til svarskjemaet"),
    CONSULTATION_LINK: _l("lenken til høringen"),
    SENDER: _l("organisasjonen som har høringen"),
}
# A letter without the personal link would leave the body no way to answer in hoering.
REQUIRED = (RESPONSE_LINK,)
_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,40})\}")

DEFAULT_SUBJECT = _l("Høring: {høring}")
DEFAULT_TEXT = _l("""Til {instans}

{avsender} sender «{høring}» på høring.

Høringsfristen er {frist}.

Høringsdokumentet og innspillene fra andre ligger her:
{lenke}

Dere svarer med denne lenken, som er laget for dere:
{svarlenke}

Med lenken kan dere skrive et høringssvar, legge ved dokumenter eller svare at dere ikke har merknader.
Dere kan endre svaret fram til fristen.

Høringssvar er offentlige dokumenter etter offentleglova, og de blir arkivert.

Med vennlig hilsen
{avsender}""")
DEFAULT_REMINDER_SUBJECT = _l("Påminnelse om høringsfrist {frist}: {høring}")
DEFAULT_REMINDER_TEXT = _l("""Til {instans}

Vi minner om høringen «{høring}». Fristen er {frist}, og vi har ikke fått svar fra dere.

Dere svarer med denne lenken, som er laget for dere:
{svarlenke}

Har dere ingen merknader, kan dere svare det med den samme lenken.

Med vennlig hilsen
{avsender}""")
DEFAULT_REMINDER_DAYS = 7


@dataclass(frozen=True)
class LetterValues:
    """What the placeholders stand for in one body's letter."""

    body: str
    title: str
    deadline: str
    response_link: str
    consultation_link: str
    sender: str

    def as_placeholders(self) -> dict[str, str]:
        return {BODY: self.body, TITLE: self.title, DEADLINE: self.deadline, RESPONSE_LINK: self.response_link,
                CONSULTATION_LINK: self.consultation_link, SENDER: self.sender}


def unknown_placeholders(text: str) -> list[str]:
    """The ``{names}`` in ``text`` that are no placeholder, each once, in order."""
    found = [name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]
    return list(dict.fromkeys(found))


def missing_placeholders(text: str) -> list[str]:
    """The required placeholders ``text`` does not have."""
    used = set(_PLACEHOLDER.findall(text))
    return [name for name in REQUIRED if name not in used]


def fill(text: str, values: LetterValues) -> str:
    """``text`` with every placeholder replaced by its value; anything else left as typed."""
    table = values.as_placeholders()
    return _PLACEHOLDER.sub(lambda match: table.get(match.group(1), match.group(0)), text)


def one_line(text: str) -> str:
    """A subject on one line: a filled-in value must not start a new header."""
    return " ".join(text.split())
