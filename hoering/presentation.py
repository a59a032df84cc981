"""How domain values are shown to people: dates, deadlines, stances and statuses, in their language."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Flask
from markupsafe import Markup
from flask_babel import format_date, format_datetime, format_decimal, get_timezone, gettext as _, lazy_gettext as _l, ngettext

from hoering.analysis.text import sentence_spans
from hoering.consultations import docx_images, docx_report
from hoering.consultations.models import utcnow
from hoering.moderation import personal_data

EXCERPT_LENGTH = 80
_MARKDOWN = re.compile(r"[*_`#>|\\~]+|^\s*(\d{1,9}[.)]|[-+])\s+", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]*\)")  # a picture (hoering.draft_images) reads as its text

STANCE_LABELS = {
    "support": _l("Støtter"),
    "against": _l("Er imot"),
    "neutral": _l("Nøytral"),
    "suggestion": _l("Har forslag"),
}

STATUS_LABELS = {
    "draft": _l("Utkast"),
    "upcoming": _l("Åpner snart"),
    "open": _l("Åpen for innspill"),
    "closed": _l("Avsluttet"),
    "processed": _l("Ferdig behandlet"),
}

# What the personal-data guard found, as the citizen and the moderators read it.
PERSONAL_DATA_LABELS = {
    personal_data.NATIONAL_ID: _l("fødselsnummer eller D-nummer"),
    personal_data.POSSIBLE_NATIONAL_ID: _l("mulig fødselsnummer"),
    personal_data.PHONE: _l("telefonnummer"),
    personal_data.EMAIL: _l("e-postadresse"),
    personal_data.BANK_ACCOUNT: _l("kontonummer"),
}


def local_date(moment: datetime):
    """The calendar date of a stored (naive UTC) moment in the configured time zone."""
    return moment.replace(tzinfo=timezone.utc).astimezone(get_timezone()).date()


def days_until(moment: datetime, now: datetime | None = None) -> int:
    """Whole calendar days from today until ``moment``'s date, as people count to a deadline."""
    return (local_date(moment) - local_date(now or utcnow())).days


def date_and_time(moment: datetime) -> str:
    """'1. desember 2026 kl. 23:59', '1 December 2026 at 23:59': a moment in the reader's language."""
    # One pattern per language rather than a date and a time pieced together: this runs for every
    # comment on a page, and one format_datetime() costs half or less of two calls and a gettext.
    # TRANSLATORS: a Unicode CLDR date pattern (d day, MMMM month name, y year, HH:mm 24-hour time);
    # words go in single quotes. English: d MMMM y 'at' HH:mm
    return format_datetime(moment, _("d. MMMM y 'kl.' HH:mm"))


def deadline_text(moment: datetime) -> str:
    """'2 dager igjen', 'siste dag i dag' and the like, for an open consultation's deadline."""
    days = days_until(moment)
    if days <= 0:
        return str(_l("siste dag i dag"))
    return ngettext("%(num)d dag igjen", "%(num)d dager igjen", days)


def conversion_notice(code: str, count: int) -> str:
    """One line of the report on a converted Word draft (consultations.docx_report), for the planner."""
    wording = _CONVERSION_NOTICES.get(code)
    return wording(count) if wording else f"{code} ({count})"


_CONVERSION_NOTICES = {
    docx_report.FOOTNOTES: lambda n: ngettext(
        "%(num)d fotnote er tatt med som note under avsnittet sitt.",
        "%(num)d fotnoter er tatt med som noter under avsnittet sitt.", n),
    docx_report.ENDNOTES: lambda n: ngettext(
        "%(num)d sluttnote er tatt med som note under avsnittet sitt.",
        "%(num)d sluttnoter er tatt med som noter under avsnittet sitt.", n),
    docx_report.NOTES_MOVED: lambda n: ngettext(
        "%(num)d note i en overskrift eller tabell står under avsnittet etter overskriften eller under tabellen.",
        "%(num)d noter i overskrifter eller tabeller står under avsnittet etter overskriften eller under tabellen.", n),
    docx_report.TEXT_BOXES: lambda n: ngettext(
        "%(num)d tekstboks er tatt med som avsnitt etter avsnittet den står ved.",
        "%(num)d tekstbokser er tatt med som avsnitt etter avsnittet de står ved.", n),
    docx_report.IMAGES: lambda n: ngettext(
        "%(num)d bilde er tatt med, med den alternative teksten og bildeteksten fra Word. "
        "Sjekk at teksten beskriver bildet.",
        "%(num)d bilder er tatt med, med den alternative teksten og bildeteksten fra Word. "
        "Sjekk at teksten beskriver bildene.", n),
    docx_report.IMAGES_WITHOUT_TEXT: lambda n: ngettext(
        "%(num)d bilde har verken alternativ tekst eller bildetekst. Skriv hva bildet viser mellom "
        "klammene i ![](bilde:…) i feltet over, så skjermlesere kan lese det opp.",
        "%(num)d bilder har verken alternativ tekst eller bildetekst. Skriv hva bildene viser mellom "
        "klammene i ![](bilde:…) i feltet over, så skjermlesere kan lese det opp.", n),
    docx_report.IMAGE_PLACEHOLDERS: lambda n: ngettext(
        "%(num)d bilde eller diagram er vist som plassholder med bildeteksten: det er i et format nettlesere "
        "ikke kan vise (som EMF eller WMF), et diagram fra Word, eller det står i en overskrift. "
        "Lagre bildet som PNG eller JPEG i Word-dokumentet og last det opp på nytt hvis det skal vises.",
        "%(num)d bilder eller diagrammer er vist som plassholdere med bildeteksten: de er i et format nettlesere "
        "ikke kan vise (som EMF eller WMF), diagrammer fra Word, eller de står i en overskrift. "
        "Lagre bildene som PNG eller JPEG i Word-dokumentet og last det opp på nytt hvis de skal vises.", n),
    docx_report.IMAGES_OVER_LIMIT: lambda n: ngettext(
        "%(num)d bilde er vist som plassholder med bildeteksten: et dokument kan ha høyst %(images)d bilder "
        "på til sammen %(megabytes)d MB.",
        "%(num)d bilder er vist som plassholdere med bildeteksten: et dokument kan ha høyst %(images)d bilder "
        "på til sammen %(megabytes)d MB.", n,
        images=docx_images.MAX_IMAGES, megabytes=docx_images.MAX_IMAGE_BYTES // (1024 * 1024)),
    docx_report.INSERTIONS: lambda n: ngettext(
        "Sporede endringer er godtatt: %(num)d innsetting er tatt med.",
        "Sporede endringer er godtatt: %(num)d innsettinger er tatt med.", n),
    docx_report.DELETIONS: lambda n: ngettext(
        "Sporede endringer er godtatt: %(num)d sletting er fjernet fra teksten.",
        "Sporede endringer er godtatt: %(num)d slettinger er fjernet fra teksten.", n),
    docx_report.MOVES: lambda n: ngettext(
        "Sporede endringer er godtatt: %(num)d flytting står der teksten ble flyttet til.",
        "Sporede endringer er godtatt: %(num)d flyttinger står der teksten ble flyttet til.", n),
    docx_report.COMMENTS: lambda n: ngettext(
        "%(num)d kommentar i Word-filen er ikke tatt med.",
        "%(num)d kommentarer i Word-filen er ikke tatt med.", n),
    docx_report.HIDDEN_TEXT: lambda n: ngettext(
        "Skjult tekst i %(num)d avsnitt eller tabell er ikke tatt med.",
        "Skjult tekst i %(num)d avsnitt eller tabeller er ikke tatt med.", n),
    docx_report.EQUATIONS: lambda n: ngettext(
        "%(num)d formel er ikke tatt med. Skriv den inn som tekst hvis den trengs.",
        "%(num)d formler er ikke tatt med. Skriv dem inn som tekst hvis de trengs.", n),
    docx_report.TABLES_OF_CONTENTS: lambda n: ngettext(
        "Innholdsfortegnelsen er ikke tatt med. Høringssiden lager sin egen.",
        "%(num)d innholdsfortegnelser er ikke tatt med. Høringssiden lager sin egen.", n),
}


def citation(label: str | None, capitalised: bool = False) -> str:
    """How a unit is named in a sentence: "punkt 2.3.1" for a bare number, else the document's own
    label as it is ("§ 12-3 andre ledd", "Kapittel 12", "Sammendrag")."""
    if not label:
        return ""
    if label[0].isdigit():
        return _("Punkt %(number)s", number=label) if capitalised else _("punkt %(number)s", number=label)
    return label


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.add_template_filter(lambda m: format_date(m, "long") if m else "", "date")
    app.add_template_filter(lambda m: date_and_time(m) if m else "", "datetime")
    app.add_template_filter(lambda m: format_datetime(m, "yyyy-MM-dd'T'HH:mm") if m else "", "isodatetime")
    app.add_template_filter(deadline_text, "deadline")
    app.add_template_filter(format_decimal, "number")  # 12 345 in Norwegian, 12,345 in English
    app.add_template_filter(lambda s: STANCE_LABELS.get(s, ""), "stance")
    app.add_template_filter(lambda s: STATUS_LABELS.get(s, s), "status")
    app.add_template_filter(paragraphs, "paragraphs")
    app.add_template_filter(first_sentence, "first_sentence")
    app.add_template_filter(excerpt, "excerpt")
    app.add_template_filter(draft_html, "draft_html")
    app.add_template_filter(citation, "citation")
    app.add_template_global(conversion_notice, "conversion_notice")
    app.add_template_filter(lambda label: citation(label, capitalised=True), "Citation")


def draft_html(html: str) -> Markup:
    """A unit's stored HTML (markup.render's, so ``<table>`` and ``<pre>`` carry no attributes) with its
    tables and code blocks reachable by keyboard: on a narrow screen they scroll inside their own box,
    and a box that scrolls must take focus to be scrolled without a mouse (WCAG 2.1.1)."""
    return Markup((html or "").replace("<table>", '<table tabindex="0">').replace("<pre>", '<pre tabindex="0">'))


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """A unit's first words without Markdown marks, cut at a word and marked with … when cut."""
    plain = " ".join(_MARKDOWN.sub("", _IMAGE.sub(r"\1", text or "")).split())
    if len(plain) <= length:
        return plain
    return plain[:length].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def first_sentence(text: str) -> str:
    """The first sentence of a plain text, word for word (a quote the caseworker can shorten)."""
    spans = sentence_spans(text or "")
    return text[spans[0][0]:spans[0][1]] if spans else (text or "")


def paragraphs(text: str) -> Markup:
    """Plain text with blank-line paragraphs as escaped HTML paragraphs."""
    parts = [part.strip() for part in (text or "").replace("\r\n", "\n").split("\n\n")]
    return Markup("").join(Markup("<p>%s</p>") % part for part in parts if part)
