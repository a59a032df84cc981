"""A draft read from a file, as the planner's form reads an upload: Word converted with its report,
Markdown and plain text as written.

The command line (``flask drafts import``) reads files by name; the form reads the Word upload.
Both get the same Markdown and the same report, and the same reasons for refusing a file; and both
store a Word file's pictures (consultations.images) before the draft that refers to them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _

from hoering.consultations import planning

from hoering.consultations.docx_import import MAX_DOCX_BYTES, DocxRejected, convert_docx
from hoering.consultations.docx_report import ConvertedImage, Notice
from hoering.consultations.images import save_images
from hoering.consultations.drafting import HEADING, split_markdown
from hoering.consultations.front_matter import front_matter_title
from hoering.consultations.draft_language import suggest_language
from hoering.consultations.models import Consultation
from hoering.consultations.planning import MAX_DRAFT_LENGTH, MAX_TITLE_LENGTH, ConsultationInput

WORD_SUFFIXES = frozenset({".docx"})
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt"})

NOT_UTF8 = _("Filen er ikke lagret som UTF-8-tekst. Lagre den som UTF-8 og prøv igjen.")
UNKNOWN_KIND = _("Bare Word-dokumenter (.docx) og Markdown- eller tekstfiler (.md, .txt) kan leses.")
TEXT_TOO_LONG = _("Høringsdokumentet er for langt (høyst %(n)d tegn). Del det opp, eller kort det ned.")


class DraftFileRejected(ValueError):
    """A file that cannot be a draft; ``reason`` says why, in the planner's language."""

    def __init__(self, reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class DraftFile:
    markdown: str
    notices: tuple[Notice, ...]  # what converting a Word file kept differently, changed or left out
    title: str  # the draft's own title, for an empty title field: its front matter's, or its first heading
    images: tuple[ConvertedImage, ...] = ()  # the pictures of a Word file, which the Markdown refers to


def read_draft_file(name: str, data: bytes) -> DraftFile:
    """The draft in a file's bytes, by the kind its name says, or DraftFileRejected."""
    suffix = PurePath(name).suffix.lower()
    if suffix in WORD_SUFFIXES:
        try:
            converted = convert_docx(data[:MAX_DOCX_BYTES + 1], max_length=MAX_DRAFT_LENGTH)
        except DocxRejected as rejection:
            raise DraftFileRejected(rejection.reason) from rejection
        markdown, notices, images = converted.markdown, converted.notices, converted.images
    elif suffix in TEXT_SUFFIXES:
        markdown, notices, images = _text(data), (), ()
    else:
        raise DraftFileRejected(UNKNOWN_KIND)
    return DraftFile(markdown, notices, own_title(markdown), images)


def _text(data: bytes) -> str:
    if len(data) > 4 * MAX_DRAFT_LENGTH:  # a character is at most four bytes: too long, unread
        raise DraftFileRejected(TEXT_TOO_LONG % {"n": MAX_DRAFT_LENGTH})
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        raise DraftFileRejected(NOT_UTF8) from error


def own_title(markdown: str) -> str:
    """The draft's own title, to fill an empty title field: its front matter's, else the text of a
    heading that opens the draft (a Word file's title)."""
    title = front_matter_title(markdown)
    if title:
        return title
    units = split_markdown(markdown[:20_000])
    return units[0].text if units and units[0].kind == HEADING else ""


DEFAULT_WEEKS_OPEN = 6  # the shortest deadline the instructions for state consultations allow


def create_from_file(draft: DraftFile, *, title: str = "", slug: str = "", organisation: str = "",
                     language: str | None = None, opens: date | None = None, closes: date | None = None,
                     publish: bool = False) -> Consultation:
    """A consultation made from a file's draft, as the planner's form makes one (planning's checks,
    the audit log under the command line's name), published at once if asked; commits.

    Unset, the title is the draft's own, the organisation the ORGANISATION setting, the language
    suggested from the text, and it opens today and closes at the end of the day six weeks later.
    Raises planning.ConsultationRejected for what the form would refuse.
    """
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    opening_day = opens or datetime.now(zone).date()
    entry = ConsultationInput(
        title=title or draft.title[:MAX_TITLE_LENGTH],
        slug=slug,
        organisation=organisation or current_app.config["ORGANISATION"],
        opens_at=datetime.combine(opening_day, planning.OPENS_AT_DEFAULT_TIME, tzinfo=zone),
        closes_at=datetime.combine(closes or opening_day + timedelta(weeks=DEFAULT_WEEKS_OPEN), planning.CLOSES_AT_DEFAULT_TIME, tzinfo=zone),
        draft=draft.markdown,
        language=language or suggest_language(draft.markdown),
    )
    save_images(draft.images)
    consultation = planning.save_consultation(None, entry, actor=None)
    if publish:
        planning.publish(consultation, None, open_now=opens is None)
    return consultation
