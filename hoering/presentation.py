"""How values are shown to people, whatever the feature: dates, deadlines, numbers and plain text, in
their language. Each feature words its own values (comments.presentation, consultations.presentation,
moderation.presentation) and registers its own filters."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Flask
from markupsafe import Markup
from flask_babel import format_date, format_datetime, format_decimal, get_timezone, gettext as _, lazy_gettext as _l, ngettext

from hoering.analysis.report import quote_groups
from hoering.analysis.text import first_sentence
from hoering.clock import utcnow

EXCERPT_LENGTH = 80
_MARKDOWN = re.compile(r"[*_`#>|\\~]+|^\s*(\d{1,9}[.)]|[-+])\s+", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]*\)")  # a picture (hoering.draft_images) reads as its text


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


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.add_template_filter(lambda m: format_date(m, "long") if m else "", "date")
    app.add_template_filter(lambda m: date_and_time(m) if m else "", "datetime")
    app.add_template_filter(lambda m: format_datetime(m, "yyyy-MM-dd'T'HH:mm") if m else "", "isodatetime")
    app.add_template_filter(deadline_text, "deadline")
    app.add_template_filter(format_decimal, "number")  # 12 345 in Norwegian, 12,345 in English
    app.add_template_filter(paragraphs, "paragraphs")
    app.add_template_filter(first_sentence, "first_sentence")
    app.add_template_filter(excerpt, "excerpt")
    app.add_template_filter(file_size, "filesize")
    app.add_template_global(quote_groups)  # a theme's quotes, side by side when its stances split
    app.add_template_global(SIDE_HEADINGS, "side_headings")


# The headings over a split theme's quotes (hoering.analysis.report.quote_groups).
SIDE_HEADINGS = {"support": _l("De som støtter forslaget"), "against": _l("De som er imot forslaget"),
                 "other": _l("Andre synspunkter")}


def file_size(size: int) -> str:
    """'820 kB', '1,4 MB' in the reader's language: a file's size as people read it."""
    if size < 1000 * 1000:
        return f"{format_decimal(max(1, round(size / 1000)))} kB"
    return f"{format_decimal(round(size / 1_000_000, 1))} MB"


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """A unit's first words without Markdown marks, cut at a word and marked with … when cut."""
    plain = " ".join(_MARKDOWN.sub("", _IMAGE.sub(r"\1", text or "")).split())
    if len(plain) <= length:
        return plain
    return plain[:length].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def paragraphs(text: str) -> Markup:
    """Plain text with blank-line paragraphs as escaped HTML paragraphs."""
    parts = [part.strip() for part in (text or "").replace("\r\n", "\n").split("\n\n")]
    return Markup("").join(Markup("<p>%s</p>") % part for part in parts if part)
