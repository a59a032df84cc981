"""The memo's section "Endringer i utkastet": for each revised version of the draft, what changed in
each part of it and the municipality's explanation (hoering.revisions), as the public changes page
says it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_date, gettext as _

from hoering.consultations.models import Consultation
from hoering.exports.memo_tables import table_with_header
from hoering.exports.xml_text import xml_safe
from hoering.revisions import history
from hoering.revisions.presentation import status_label


@dataclass(frozen=True)
class ChangeLine:
    citation: str  # the unit as its version numbers it (the removed unit's, for a removal)
    status: str
    explanation: str
    comment_ids: tuple[int, ...]  # the comments the explanation names


@dataclass(frozen=True)
class PartChanges:
    number: str  # the top-level number the changed units share ("3"), "" for units before the first
    title: str
    lines: list[ChangeLine]


@dataclass(frozen=True)
class RevisedVersion:
    number: int
    published_at: datetime
    parts: list[PartChanges]


def draft_revisions(consultation: Consultation) -> list[RevisedVersion]:
    """Every version after the first, each with its changes grouped by the top-level part they are in."""
    return [_revised(consultation, version) for version in history.versions(consultation) if version.number > 1]


def _revised(consultation: Consultation, version) -> RevisedVersion:
    changes = history.changes_in(consultation, version.number)
    titles = _part_titles(history.units_of(changes.previous)) | _part_titles(history.units_of(version))
    parts: dict[str, list[ChangeLine]] = {}
    for change in changes.changes:
        shown = change.unit if change.unit is not None else change.old_units[0]
        explanation = change.explanation
        parts.setdefault(_part(shown.number), []).append(ChangeLine(
            shown.citation, change.status, explanation.text if explanation else "",
            tuple(comment.id for comment in explanation.comments) if explanation else ()))
    return RevisedVersion(version.number, version.created_at,
                          [PartChanges(number, titles.get(number, ""), lines) for number, lines in parts.items()])


def _part(number: str) -> str:
    first = number.split(".")[0]
    return "" if first == "0" else first


def _part_titles(units) -> dict[str, str]:
    return {unit.number: unit.text for unit in units if unit.is_heading and "." not in unit.number}


def write_section(document, revisions: list[RevisedVersion]) -> None:
    """The section, when the draft was revised: per version a heading, per part a table of the changes
    with what was changed and why."""
    if not revisions:
        return
    document.add_heading(_("Endringer i utkastet"), level=1)
    document.add_paragraph(_("Kommunen publiserte nye versjoner av utkastet mens høringen pågikk. Her er hva som "
                             "ble endret i hver del av det, og hvorfor. Innspill følger punktet de gjelder."))
    for revision in revisions:
        document.add_heading(_("Versjon %(n)d, publisert %(date)s", n=revision.number,
                               date=format_date(revision.published_at, "long")), level=2)
        for part in revision.parts:
            document.add_heading(_part_heading(part), level=3)
            _change_table(document, part.lines)


def _part_heading(part: PartChanges) -> str:
    if not part.number:
        return _("Innledning")
    return xml_safe(f"{part.number} {part.title}".strip())


def _change_table(document, lines: list[ChangeLine]) -> None:
    table = table_with_header(document, (_("Punkt"), _("Endring"), _("Hva vi endret og hvorfor")))
    for line in lines:
        cells = table.add_row().cells
        cells[0].text = xml_safe(line.citation)
        cells[1].text = status_label(line.status)
        cells[2].text = xml_safe(line.explanation) if line.explanation else _("Ingen begrunnelse er skrevet.")
        if line.comment_ids:
            cells[2].add_paragraph(_("Bygger på innspill %(ids)s.", ids=", ".join(map(str, line.comment_ids))))
