"""The memo's section "Høringssvar": the formal responses (hoering.responses) as the public list shows
them, a table of who answered and how, then each answer's text and attachments; and the invited
bodies that did not answer. Held and hidden responses are counted, not quoted: the memo becomes
public, and a held response may hold personal data."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_date, gettext as _, ngettext

from hoering.consultations.models import Consultation
from hoering.exports.memo_tables import table_with_header
from hoering.exports.xml_text import xml_safe
from hoering.responses.publication import public_list


@dataclass(frozen=True)
class ResponseLine:
    name: str
    category: str
    received_at: datetime
    no_comments: bool
    late: bool
    channel: str  # "mottatt per post" and the like, "" for one sent in hoering
    text: str
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class FormalResponses:
    lines: list[ResponseLine]
    received: int
    not_answered: list[str]


def formal_responses(consultation: Consultation) -> FormalResponses:
    listing = public_list(consultation)
    lines = [ResponseLine(response.public_name, response.category_label, response.submitted_at, response.no_comments,
                          response.late, response.channel_label, response.text,
                          tuple(attachment.name for attachment in response.attachments))
             for response in listing.published]
    return FormalResponses(lines, listing.received, [invited.body.name for invited in listing.not_answered])


def write_section(document, responses: FormalResponses | None) -> None:
    """The section, when any formal response came in or any body was invited."""
    if responses is None or not (responses.received or responses.not_answered):
        return
    document.add_heading(_("Høringssvar"), level=1)
    held_back = responses.received - len(responses.lines)
    sentence = ngettext("Det kom %(num)d formelt høringssvar.", "Det kom %(num)d formelle høringssvar.",
                        responses.received)
    if held_back:
        sentence += " " + ngettext("%(num)d av dem er ikke publisert, og er ikke med her.",
                                   "%(num)d av dem er ikke publisert, og er ikke med her.", held_back)
    document.add_paragraph(sentence)
    if responses.lines:
        _table(document, responses.lines)
        for line in responses.lines:
            _answer(document, line)
    if responses.not_answered:
        document.add_heading(_("Inviterte instanser som ikke svarte"), level=2)
        for name in responses.not_answered:
            document.add_paragraph(xml_safe(name), style="List Bullet")


def _table(document, lines: list[ResponseLine]) -> None:
    table = table_with_header(document, (_("Avsender"), _("Kategori"), _("Mottatt"), _("Svar")))
    for line in lines:
        cells = table.add_row().cells
        cells[0].text = xml_safe(line.name)
        cells[1].text = line.category
        cells[2].text = format_date(line.received_at, "long")
        cells[3].text = _kind(line)


def _kind(line: ResponseLine) -> str:
    words = [_("uten merknad") if line.no_comments else _("med merknad")]
    if line.late:
        words.append(_("kom etter fristen"))
    if line.channel:
        words.append(line.channel)
    return ", ".join(words)


def _answer(document, line: ResponseLine) -> None:
    if line.no_comments and not line.attachments:
        return
    document.add_heading(xml_safe(line.name), level=2)
    for paragraph in (part.strip() for part in line.text.split("\n\n")):
        if paragraph:
            document.add_paragraph(xml_safe(paragraph))
    if line.attachments:
        document.add_paragraph(_("Vedlegg: %(names)s", names=xml_safe(", ".join(line.attachments))))
