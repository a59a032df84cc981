"""The høringsnotat draft as a Word document (DOCX), written from plain data.

Background, the process (dates, how many took part), the comments to each part of the draft, the
themes with quotes and the municipality's assessment, and an appendix with every published comment.
Headings use Word's own heading styles, so the navigation pane and a table of contents work in Word
and LibreOffice alike.

python-docx builds everything before the appendix in memory; that part is small (a line per
commented unit, a few quotes per theme). The appendix may hold 100,000 comments, and python-docx
adds each paragraph by scanning every paragraph already in the body: 40,000 comments took 6½ minutes,
and every comment would be held in memory at once. Instead the document is saved with a marker where the appendix goes,
and ``word/document.xml`` is copied into the final file with the comments written at the marker as
plain WordprocessingML, one batch at a time.

Comments and quotes are written from their sanitised HTML (hoering.exports.wordml), so a list, an
emphasis or a table a citizen wrote in Markdown is a Word list, bold or italic text or a Word table,
never Markdown syntax. Comments have no tables on the site (the COMMENT profile shows a pipe table
as typed), so a comment with one is rendered by the draft's rules for the memo (``comment_html``).
Every count says what it counts and is read from the database as it is (hoering.exports.memo_data);
the wording follows the consultation's state (open, closed, processed).

Every text from the database passes through ``xml_safe`` on its way in: one character XML cannot hold
would fail the whole file.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from flask_babel import format_date, format_decimal, gettext as _, ngettext
from lxml import etree

from hoering import markup
from hoering.analysis.comments import STANCE_KEYS
from hoering.analysis.report import quote_groups
from hoering.exports.memo_changes import RevisedVersion, write_section as write_draft_changes
from hoering.exports.memo_responses import FormalResponses, write_section as write_formal_responses
from hoering.exports.memo_tables import table_with_header
from hoering.exports.wordml import Numbering, WordML
from hoering.exports.xml_text import xml_safe
from hoering.comments.presentation import STANCE_LABELS
from hoering.consultations.models import DRAFT, PROCESSED, STATUS_CLOSED, STATUS_OPEN, STATUS_UPCOMING
from hoering.consultations.presentation import citation
from hoering.presentation import SIDE_HEADINGS, local_date

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}
APPENDIX_MARK = "hoering-appendix"
ENTRIES_PER_WRITE = 500


@dataclass(frozen=True)
class Quote:
    comment_id: int
    text: str
    stance: str
    unit: str  # the unit's number, "" for the whole document
    response_from: str = ""  # a quote from a formal response: the name it is published under

    @classmethod
    def from_summary(cls, quote: dict) -> "Quote":
        """A quote of a summary, as hoering.summaries.quotes.honest_content leaves it."""
        return cls(quote["comment_id"], quote["text"], quote.get("stance", ""), quote.get("unit", ""),
                   quote.get("author_name", "") if quote.get("response_id") else "")


@dataclass(frozen=True)
class UnitLine:
    """A unit of the draft that received comments."""

    number: str
    excerpt: str
    comments: int
    stance: dict[str, int]


@dataclass(frozen=True)
class Section:
    """A top-level section of the draft ("0" is the text before the first heading)."""

    number: str
    title: str
    comments: int
    units: list[UnitLine]
    quotes: list[Quote]


@dataclass(frozen=True)
class Participation:
    comments: int
    replies: int
    people: int
    organisations: int
    stance: dict[str, int]


@dataclass(frozen=True)
class SignOff:
    number: int
    signed_off_at: datetime
    signed_off_by: str


@dataclass(frozen=True)
class Memo:
    """Everything the memo says but the appendix; ``summary`` is the reviewed summary (or None)."""

    title: str
    organisation: str
    summary_text: str
    contact: str
    opens_at: datetime
    closes_at: datetime
    language: str
    participation: Participation
    whole_document: Section
    sections: list[Section]
    removed_comments: int  # on units a revised draft no longer has
    summary: dict | None
    sign_off: SignOff | None
    status: str = STATUS_CLOSED  # the consultation's (Consultation.status): the wording follows it
    open_fields: bool = False  # a draft with a place for each assessment not written yet
    revisions: tuple[RevisedVersion, ...] = ()  # the draft's later versions and what changed in them
    responses: FormalResponses | None = None  # the formal responses (høringssvar), as published


@dataclass(frozen=True, slots=True)
class Entry:
    """One published comment in the appendix (never with its e-mail address)."""

    id: int
    unit: str
    parent_id: int | None
    author: str
    organisation: str
    stance: str
    created_at: datetime
    text: str
    html: str = ""  # the text as the site shows it (hoering.markup); without it, the text as it is


def write_memo(memo: Memo, entries: Iterable[Entry], target) -> None:
    """Write the memo to ``target`` (a path or a binary file); ``entries`` are read once, in order.

    ``numbering.xml`` is written last: the appendix's ordered lists add to it as they are written.
    """
    draft = io.BytesIO()
    document, words = _document(memo)
    document.save(draft)
    draft.seek(0)
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as result:
        numbering = None
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with result.open(info.filename, "w") as stream:
                    _write_body(source.read(info), entries, stream, words)
            elif info.filename == "word/numbering.xml":
                numbering = info
            else:
                result.writestr(info, source.read(info))
        with result.open(numbering.filename, "w") as stream:
            words.numbering.write(source.read(numbering), stream)


def _write_body(document_xml: bytes, entries: Iterable[Entry], stream, words: WordML) -> None:
    head, tail = document_xml.split(f"<!--{APPENDIX_MARK}-->".encode())
    stream.write(head)
    header = _EntryHeader()
    entries = iter(entries)
    while batch := list(islice(entries, ENTRIES_PER_WRITE)):
        stream.write("".join(_entry_xml(header(entry), _entry_body(entry, words)) for entry in batch).encode())
    stream.write(tail)


def _document(memo: Memo):
    """The memo up to the appendix's marker, and the writer of HTML into it (with its lists)."""
    document = Document()
    words = WordML(Numbering(document.part.numbering_part.element))
    _set_language(document, LANGUAGE_TAGS.get(memo.language, LANGUAGE_TAGS["nb"]))
    _set_properties(document, memo)
    _page_header_and_footer(document, memo)
    _front(document, memo)
    _background(document, memo)
    _process(document, memo)
    _units(document, memo, words)
    write_draft_changes(document, list(memo.revisions))
    write_formal_responses(document, memo.responses)
    _themes(document, memo, words)
    _appendix_start(document, memo)
    return document, words


def _set_language(document, tag: str) -> None:
    """The language Word and LibreOffice check spelling in, and the file's own metadata."""
    document.core_properties.language = tag
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)


def _set_properties(document, memo: Memo) -> None:
    """A4 paper (python-docx's template is US Letter) and the file's title and author."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    properties = document.core_properties
    properties.title = _("Høringsnotat: %(title)s", title=xml_safe(memo.title))
    properties.author = properties.last_modified_by = xml_safe(memo.organisation)
    properties.created = properties.modified = datetime.now(timezone.utc).replace(tzinfo=None)
    properties.revision = 1


def _page_header_and_footer(document, memo: Memo) -> None:
    """On every page: the municipality and the consultation above (and the draft mark while the
    summary is not signed off), the page number and the page count below."""
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{xml_safe(memo.organisation)} – {xml_safe(memo.title)}"
    if memo.sign_off is None:
        section.header.add_paragraph().add_run(_("Utkast – ikke godkjent")).bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # TRANSLATORS: the memo's footer; %(page)s and %(pages)s become Word's page number and page count.
    for part in _PAGE_PARTS.split(_("Side %(page)s av %(pages)s")):
        if part in _FIELDS:
            for run in _field_runs(_FIELDS[part]):
                footer._p.append(run)
        elif part:
            footer.add_run(part)


_PAGE_PARTS = re.compile(r"(%\((?:page|pages)\)s)")
_FIELDS = {"%(page)s": "PAGE", "%(pages)s": "NUMPAGES"}


def _field_runs(instruction: str) -> list:
    """A Word field (PAGE, NUMPAGES) as the runs Word and LibreOffice fill in when they lay out the page."""
    runs = (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r {nsdecls("w")}><w:t>1</w:t></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')
    return [parse_xml(run) for run in runs]


def _front(document, memo: Memo) -> None:
    document.add_heading(xml_safe(memo.title), level=0)
    document.add_paragraph(_("Høringsnotat – %(organisation)s", organisation=xml_safe(memo.organisation)),
                           style="Subtitle")
    if memo.sign_off is None:
        document.add_paragraph().add_run(_("Utkast – ikke godkjent")).bold = True
    else:
        document.add_paragraph(_(
            "Bygger på oppsummeringen av innspillene, versjon %(number)d, godkjent %(date)s av %(name)s.",
            number=memo.sign_off.number, date=format_date(memo.sign_off.signed_off_at, "long"),
            name=xml_safe(memo.sign_off.signed_off_by or "–")))


def _background(document, memo: Memo) -> None:
    document.add_heading(_("Bakgrunn"), level=1)
    document.add_paragraph(_("%(organisation)s sendte «%(title)s» på offentlig høring.",
                             organisation=xml_safe(memo.organisation), title=xml_safe(memo.title)))
    for part in _paragraphs(memo.summary_text):
        document.add_paragraph(part)
    if memo.contact:
        document.add_paragraph(_("Kontakt: %(contact)s", contact=xml_safe(memo.contact)))


def _process(document, memo: Memo) -> None:
    document.add_heading(_("Høringsprosessen"), level=1)
    document.add_paragraph(_period(memo))
    document.add_paragraph(_("Utkastet ble lagt ut på nettet, delt inn i nummererte punkter. Alle kunne gi innspill "
                             "til hvert punkt eller til hele dokumentet, og svare på andres innspill."))
    taking_part = memo.participation
    for line in (_("Publiserte innspill: %(n)s", n=format_decimal(taking_part.comments)),
                 _("Av dem svar på andre innspill: %(n)s", n=format_decimal(taking_part.replies)),
                 _("Personer som har sendt innspill: %(n)s", n=format_decimal(taking_part.people)),
                 _("Organisasjoner som har sendt innspill: %(n)s", n=format_decimal(taking_part.organisations)),
                 _("Publiserte innspill etter standpunkt: %(stances)s", stances=_stances(taking_part.stance))):
        document.add_paragraph(line, style="List Bullet")
    if memo.summary is None:
        document.add_paragraph(_no_analysis())
        return
    document.add_paragraph(_(
        "Innspillene ble analysert %(date)s; analysen omfattet %(n)s innspill. Saksbehandler har gått gjennom "
        "temaene og sitatene. Antallet innspill i hvert tema gjelder dem som er publisert nå.",
        date=format_date(datetime.fromisoformat(memo.summary["analysed_at"]), "long"),
        n=format_decimal(memo.summary["comments"])))
    campaigns = memo.summary["campaigns"]
    if campaigns:
        document.add_paragraph(ngettext(
            "Analysen fant %(num)d kampanje: like eller nesten like innspill fra flere avsendere (%(members)s innspill).",
            "Analysen fant %(num)d kampanjer: like eller nesten like innspill fra flere avsendere (%(members)s innspill).",
            len(campaigns), members=format_decimal(sum(c["size"] for c in campaigns))))


def _period(memo: Memo) -> str:
    """The consultation's period, worded by its state: a deadline to come, or one that has passed."""
    dates = {"opens": format_date(memo.opens_at, "long"), "closes": format_date(memo.closes_at, "long")}
    if memo.status == STATUS_OPEN:
        return _("Høringen ble åpnet %(opens)s. Høringsfristen er %(closes)s. "
                 "Notatet er et utkast så lenge høringen er åpen.", **dates)
    if memo.status in (DRAFT, STATUS_UPCOMING):
        return _("Høringen er ikke åpnet ennå. Den åpner %(opens)s, og høringsfristen er %(closes)s.", **dates)
    period = _("Høringen ble åpnet %(opens)s. Høringsfristen var %(closes)s.", **dates)
    if memo.status == PROCESSED:
        return f"{period} {_('Høringen er ferdig behandlet.')}"
    return period


def _units(document, memo: Memo, words: WordML) -> None:
    document.add_heading(_("Innspill til hvert punkt i utkastet"), level=1)
    document.add_paragraph(_("Tallene gjelder publiserte innspill, svar medregnet. Punktnumrene viser til "
                             "gjeldende versjon av utkastet."))
    if memo.whole_document.comments:
        _section(document, _("Hele dokumentet"), memo.whole_document, words)
    for section in memo.sections:
        title = f"{section.number} {xml_safe(section.title)}" if section.number != "0" else _("Innledning")
        _section(document, title, section, words)
    if memo.removed_comments:
        document.add_heading(_("Punkter som er tatt ut av utkastet"), level=2)
        document.add_paragraph(_count_sentence(memo.removed_comments))


def _section(document, title: str, section: Section, words: WordML) -> None:
    document.add_heading(title, level=2)
    document.add_paragraph(_count_sentence(section.comments) if section.comments
                           else _("Ingen innspill til denne delen."))
    if section.units:
        _unit_table(document, section.units)
    if section.quotes:
        document.add_heading(_("Sitater fra innspillene"), level=3)
        for quote in section.quotes:
            _quote(document, quote, words)


def _count_sentence(count: int) -> str:
    return ngettext("%(num)d innspill.", "%(num)d innspill.", count)


def _unit_table(document, units: list[UnitLine]) -> None:
    table = table_with_header(document, (_("Punkt"), _("Tekst"), _("Innspill"), _("Standpunkt")))
    for unit in units:
        cells = table.add_row().cells
        for cell, value in zip(cells, (unit.number, unit.excerpt, format_decimal(unit.comments), _stances(unit.stance))):
            cell.text = xml_safe(value)


def _themes(document, memo: Memo, words: WordML) -> None:
    document.add_heading(_("Temaer i innspillene"), level=1)
    if memo.summary is None:
        document.add_paragraph(_no_analysis())
        return
    if not memo.summary["themes"]:
        document.add_paragraph(_("Analysen fant ingen temaer."))
    for theme in memo.summary["themes"]:
        document.add_heading(xml_safe(theme["label"]), level=2)
        document.add_paragraph(_("%(n)s av %(total)s publiserte innspill (%(share)s %%).",
                                 n=format_decimal(theme["count"]), total=format_decimal(memo.participation.comments),
                                 share=format_decimal(round(theme["share"] * 100))))
        if theme["keywords"]:
            document.add_paragraph(_("Nøkkelord: %(words)s", words=xml_safe(", ".join(theme["keywords"]))))
        document.add_paragraph(_("Standpunkt: %(stances)s", stances=_stances(theme["stance"])))
        for side, quotes in quote_groups(theme["quotes"], theme["stance"]):
            if side:
                document.add_heading(str(SIDE_HEADINGS[side]), level=3)
            for quote in quotes:
                _quote(document, Quote.from_summary(quote), words)
        _assessment(document, theme.get("assessment", ""), memo.open_fields)


def _assessment(document, text: str, open_fields: bool) -> None:
    """The municipality's assessment of a theme; a theme without one gets a place to write it only
    in a draft with open fields, so a memo handed in has no placeholder text."""
    assessment = _paragraphs(text)
    if not assessment and not open_fields:
        return
    document.add_heading(_("Kommunens vurdering"), level=3)
    for part in assessment:
        document.add_paragraph(part)
    if not assessment:
        document.add_paragraph().add_run(_("[Skriv kommunens vurdering her.]")).italic = True


def _quote(document, quote: Quote, words: WordML) -> None:
    """A quote as the site shows it: a citizen's ``**`` is bold, a list's items are lines."""
    paragraph = document.add_paragraph("«", style="Quote")
    for run in list(parse_xml(f"<w:p {nsdecls('w')}>{words.runs(comment_html(quote.text))}</w:p>")):
        paragraph._p.append(run)
    paragraph.add_run("»")
    source = [_("høringssvar fra %(name)s", name=quote.response_from) if quote.response_from
              else _("innspill %(id)s", id=quote.comment_id)]
    if quote.unit:
        source.append(citation(quote.unit))
    if STANCE_LABELS.get(quote.stance):
        source.append(str(STANCE_LABELS[quote.stance]))
    paragraph.add_run(" – " + " · ".join(source))


def _appendix_start(document, memo: Memo) -> None:
    document.add_heading(_("Vedlegg: alle innspill"), level=1)
    document.add_paragraph(ngettext(
        "%(num)d publisert innspill, eldste først. E-postadresser er ikke med.",
        "%(num)d publiserte innspill, eldste først. E-postadresser er ikke med.",
        memo.participation.comments))
    document.element.body.sectPr.addprevious(etree.Comment(APPENDIX_MARK))


class _EntryHeader:
    """The line above each comment in the appendix: id, unit, who, stance, date (and what it answers).

    The labels are translated once rather than for each of up to 100,000 comments: Flask-Babel's
    gettext without arguments returns the translated pattern, filled in here.
    """

    def __init__(self) -> None:
        self.comment = _("Innspill %(id)s")
        self.unit = _("punkt %(number)s")
        self.whole = _("hele dokumentet")
        self.reply = _("svar på innspill %(id)s")
        self.stances = {key: str(label) for key, label in STANCE_LABELS.items()}
        self.not_stated = _("Ikke oppgitt")
        self.dates: dict = {}

    def __call__(self, entry: Entry) -> str:
        who = f"{entry.author}, {entry.organisation}" if entry.organisation else entry.author
        parts = [self.comment % {"id": entry.id},
                 self._cite(entry.unit) if entry.unit else self.whole,
                 who, self.stances.get(entry.stance, self.not_stated), self._date(entry.created_at)]
        if entry.parent_id:
            parts.append(self.reply % {"id": entry.parent_id})
        return " · ".join(parts)

    def _cite(self, label: str) -> str:
        """"punkt 2.3" for a number, the document's own label ("§ 12-3 andre ledd") as it is."""
        return self.unit % {"number": label} if label[0].isdigit() else label

    def _date(self, moment: datetime) -> str:
        day = local_date(moment)
        if day not in self.dates:
            self.dates[day] = format_date(day, "short")
        return self.dates[day]


# A pipe table's delimiter row: "|---|:--:|", "--- | ---".
_TABLE_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$", re.MULTILINE)


def comment_html(text: str, html: str | None = None) -> str:
    """A comment's HTML for the memo: as stored (``html``; rendered if None), or for a text with a
    pipe table rendered by the draft's rules, which make it a table (the same sanitiser)."""
    table = "|" in text and _TABLE_DELIMITER.search(text) is not None
    if html is not None and not table:
        return html
    try:
        return markup.render(text, markup.DRAFT if table else markup.COMMENT)
    except markup.MarkupRejected:
        return html if html is not None else f"<p>{escape(text)}</p>"


def _entry_body(entry: Entry, words: WordML) -> str:
    """The comment as Word paragraphs, lists and tables; its text with its line breaks if it has no HTML."""
    return words.blocks(entry.html) or _plain_xml(entry.text)


def _plain_xml(text: str) -> str:
    lines = xml_safe(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:p><w:r>{body}</w:r></w:p>"


def _entry_xml(header: str, body: str) -> str:
    """One comment in the appendix: the header in bold, kept on the page of the text below it."""
    return (f'<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(xml_safe(header))}</w:t></w:r></w:p>{body}')


def _stances(stance: dict[str, int]) -> str:
    """The stances with their counts ("Støtter: 3, Ikke oppgitt: 2"), leaving out those with none."""
    labels = {**STANCE_LABELS, "not_stated": _("Ikke oppgitt")}
    parts = [f"{labels[key]}: {format_decimal(stance[key])}" for key in STANCE_KEYS if stance.get(key)]
    return ", ".join(parts) or "–"


def _no_analysis() -> str:
    return _("Ingen analyse av innspillene er gjennomgått ennå, så notatet har ingen temaer eller sitater. "
             "Tallene og vedlegget omfatter alle publiserte innspill.")


def _paragraphs(text: str) -> list[str]:
    parts = (part.strip() for part in xml_safe(text or "").replace("\r\n", "\n").split("\n\n"))
    return [part for part in parts if part]

