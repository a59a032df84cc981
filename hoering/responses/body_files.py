"""Reading a register of bodies from a CSV or XLSX file: the rows under the header, by column name.

The header row names the columns ``name, organisation_number, email, category`` (any order, any case;
extra columns are ignored; organisation_number may be left out). A CSV file is UTF-8, with or without
a byte-order mark, separated by commas or semicolons (Norwegian Excel writes semicolons). Excel's
plain "CSV (semikolondelt)" is Windows-1252, not UTF-8: a file that is not UTF-8 is read as that.
An XLSX file is read from its first sheet, streamed (openpyxl's read-only mode).

Checking what the rows say is the service's job (services.import_bodies); this module only finds them.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _

from hoering.markup import clean_text
from hoering.rejections import Rejected

COLUMNS = ("name", "organisation_number", "email", "category")
REQUIRED_COLUMNS = ("name", "email", "category")
ZIP_SIGNATURE = b"PK\x03\x04"  # an XLSX file is a zip package
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # the old .xls format (and password-protected Office files)
# Empty rows are skipped, but a sheet of endless empty rows is not read to its end: a file may have
# at most this many rows (empty or not) per row allowed.
EMPTY_ROWS_PER_ROW = 10
_SEPARATORS_IN_NAME = re.compile(r"[\s-]+")


class BodyFileRejected(Rejected):
    """A file that cannot be read as a register of bodies at all (as opposed to a row that is wrong)."""

    def __init__(self, reason) -> None:
        super().__init__("file", reason)


@dataclass(frozen=True)
class FileRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    values: dict[str, str]  # column → the cell's text, stripped; "" for an empty cell


def read_rows(filename: str, data: bytes, max_rows: int) -> list[FileRow]:
    """The non-empty rows under the header, or BodyFileRejected (unreadable, no header, too many rows)."""
    table = _table(filename, data)
    try:
        return _rows(table, max_rows)
    finally:
        table.close()


def _table(filename: str, data: bytes):
    if data.startswith(ZIP_SIGNATURE):
        return _xlsx_table(data)
    if data.startswith(OLE_SIGNATURE):
        raise BodyFileRejected(_("Filen er i et format vi ikke kan lese (det gamle Excel-formatet .xls, eller "
                                 "en fil med passord). Lagre den som Excel-arbeidsbok (.xlsx) eller CSV."))
    if filename.lower().endswith(".xlsx"):
        raise BodyFileRejected(_("Filen er ikke en gyldig Excel-arbeidsbok (.xlsx)."))
    return _csv_table(_decoded(data))


def _rows(table, max_rows: int) -> list[FileRow]:
    header = next(table, None)
    columns = _columns(header or [])
    rows = []
    for number, cells in enumerate(table, start=2):
        values = {name: _cell(cells, index) for name, index in columns.items()}
        filled = any(values.values())  # blank lines, and the empty rows a spreadsheet often ends with, are skipped
        if (filled and len(rows) == max_rows) or number > max_rows * EMPTY_ROWS_PER_ROW:
            raise BodyFileRejected(_("Filen har mer enn %(max)s rader. Del den opp i flere filer.",
                                     max=format_decimal(max_rows)))
        if filled:
            rows.append(FileRow(number, values))
    return rows


def _columns(header) -> dict[str, int]:
    """Where each known column is: the header's names are matched without regard to case or spacing."""
    found = {}
    for index, cell in enumerate(header):
        name = _SEPARATORS_IN_NAME.sub("_", _text(cell).casefold())
        if name in COLUMNS and name not in found:
            found[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in found]
    if missing:
        raise BodyFileRejected(_(
            "Første rad må ha kolonnenavnene name, organisation_number, email og category. Disse mangler: %(missing)s.",
            missing=", ".join(missing)))
    return found


def _cell(cells, index: int) -> str:
    return _text(cells[index]) if index < len(cells) else ""


def _text(value) -> str:
    """A cell's text, spaces tidied: a number a spreadsheet stored as 974760673.0 reads as 974760673."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(clean_text(str(value)).split())


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise BodyFileRejected(_("Filen er verken en CSV-fil i UTF-8 eller en Excel-arbeidsbok (.xlsx).")) from error


def _csv_table(text: str):
    first_line = text.split("\n", 1)[0]
    separator = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    except csv.Error as error:
        raise BodyFileRejected(_("Filen kunne ikke leses som CSV (%(problem)s).", problem=str(error))) from error


def _xlsx_table(data: bytes):
    """The first sheet's rows as tuples of values, the workbook closed when the caller closes this.

    openpyxl raises many kinds of error on a damaged or foreign zip (a Word document, say), while
    opening it or while reading a row, so any error from it means "not a workbook we can read".
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise BodyFileRejected(_("Filen er ikke en Excel-arbeidsbok (.xlsx) vi kan lese.")) from error
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    except Exception as error:
        raise BodyFileRejected(_("Excel-arbeidsboken er skadet og kunne ikke leses helt.")) from error
    finally:
        workbook.close()
