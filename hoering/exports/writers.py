"""CSV and XLSX writers for rows of plain values, safe to open in Excel and LibreOffice.

A text cell that begins with = + - @ (or a tab or carriage return, which some spreadsheets skip
before reading a formula) gets a leading apostrophe, so it is shown as text and never executed
(OWASP, "CSV injection"). Numbers are left alone: a negative number is not a formula.

The XLSX is made to work in at once: its header row stays in view (frozen), it has filters on every
column, columns are as wide as their header and the first rows need (within limits), and dates are
dates, shown in the reader's format, which sort and filter as dates.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import chain, islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from hoering.exports.xml_text import xml_safe

BOM = "\ufeff"  # lets Excel read the CSV as UTF-8, so æ ø å come out right
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 500
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd hh:mm"
SAMPLE_ROWS = 100  # rows read ahead to size the columns
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths, in characters


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


def write_xlsx(header: list[str], rows: Iterable[list], target, sheet_title: str = "Innspill",
               date_format: str = DATE_FORMAT) -> None:
    """Write the rows to ``target`` (a path or a binary file) as one sheet, in constant memory.

    openpyxl's write-only mode streams each row to a temporary XML file instead of keeping cells, so
    all that comes before the rows (frozen header, column widths) is set from the header and the
    first SAMPLE_ROWS rows, read ahead; the filter's range is written after them. A datetime is
    shown in ``date_format``.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])  # Excel's limit on sheet names
    rows = iter(rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    for column, width in enumerate(column_widths(header, sample), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_value(label) for label in header])
    count = 0
    for count, row in enumerate(chain(sample, rows), start=1):
        sheet.append([_date_cell(sheet, value, date_format) if isinstance(value, datetime) else _xlsx_value(value)
                      for value in row])
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    workbook.save(target)


def column_widths(header: list[str], sample: list[list]) -> list[float]:
    """A width per column: its header's or its longest first line in ``sample``, within limits."""
    widths = []
    for column, label in enumerate(header):
        values = [row[column] for row in sample if column < len(row) and row[column] is not None]
        longest = max([len(str(label)) + 3, *(_shown_length(value) for value in values)])  # + 3: the filter button
        widths.append(float(min(max(longest + 1, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _shown_length(value) -> int:
    if isinstance(value, datetime):
        return len(DATE_FORMAT)
    return len(str(value).split("\n", 1)[0])


def _date_cell(sheet, value: datetime, date_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = date_format
    return cell


def _xlsx_value(value):
    """Neutralised, with any character XML cannot hold replaced (openpyxl and lxml refuse them)."""
    if isinstance(value, str):
        return neutralise(xml_safe(value)) if value else None
    return value
