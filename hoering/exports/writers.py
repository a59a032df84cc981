"""CSV and XLSX writers for rows of plain values, safe to open in Excel and LibreOffice.

A text cell that begins with = + - @ (or a tab or carriage return, which some spreadsheets skip
before reading a formula) gets a leading apostrophe, so it is shown as text and never executed
(OWASP, "CSV injection"). Numbers are left alone: a negative number is not a formula.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from hoering.exports.xml_text import xml_safe

BOM = "\ufeff"  # lets Excel read the CSV as UTF-8, so æ ø å come out right
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 500
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """The value, with an apostrophe in front if it is text a spreadsheet could run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(header: list[str], rows: Iterable[list], rows_per_chunk: int = ROWS_PER_CHUNK) -> Iterator[str]:
    """The CSV text in pieces of ``rows_per_chunk`` rows: the BOM and header first, None as empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(label) for label in header])
    yield BOM + buffer.getvalue()
    buffer.seek(0), buffer.truncate()
    for n, row in enumerate(rows, start=1):
        writer.writerow(["" if value is None else neutralise(value) for value in row])
        if n % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0), buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def write_xlsx(header: list[str], rows: Iterable[list], target, sheet_title: str = "Innspill") -> None:
    """Write the rows to ``target`` (a path or a binary file) as one sheet, in constant memory.

    openpyxl's write-only mode streams each row to a temporary XML file instead of keeping cells.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])  # Excel's limit on sheet names
    sheet.append([_xlsx_value(label) for label in header])
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    workbook.save(target)


def _xlsx_value(value):
    """Neutralised, with any character XML cannot hold replaced (openpyxl and lxml refuse them)."""
    if isinstance(value, str):
        return neutralise(xml_safe(value)) if value else None
    return value
