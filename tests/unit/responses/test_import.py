"""Importing a register of bodies from CSV or XLSX: every row checked first, all errors listed, nothing
half-imported; a known organisation number updates its body; the limits hold."""
import io

import openpyxl
import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.extensions import db
from hoering.responses import services
from hoering.responses.models import ANNET, KOMMUNE, NAERINGSLIV, STATLIG, Body, InvitedBody
from hoering.responses.services import BodyInput, import_bodies, save_body
from tests.factories import make_consultation

HEADER = ["name", "organisation_number", "email", "category"]
ROWS = [
    ["Statistisk sentralbyrå", "971 526 920", "ssb@ssb.no", "Statlig"],
    ["Oslo kommune", "958935420", "postmottak@oslo.kommune.no", " kommune "],
    ["Fjordvik Næringsforening", "", "post@fjordvik-naering.example.no", "NÆRINGSLIV"],
    ["Kari Nordmann", "", "kari@example.no", "annet"],
]


def csv_bytes(rows, header=HEADER, separator=";", bom=True, encoding="utf-8") -> bytes:
    lines = [separator.join(header)] + [separator.join(row) for row in rows]
    return ("\ufeff" if bom else "").encode(encoding) + "\r\n".join(lines).encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def registered() -> dict[str, tuple]:
    return {body.name: (body.organisation_number, body.email, body.category)
            for body in db.session.scalars(sa.select(Body))}


def test_a_semicolon_csv_with_a_bom_is_imported(app):
    result = import_bodies("instanser.csv", csv_bytes(ROWS))
    assert result.ok, result.errors
    assert len(result.created) == 4
    assert registered() == {
        "Statistisk sentralbyrå": ("971526920", "ssb@ssb.no", STATLIG),
        "Oslo kommune": ("958935420", "postmottak@oslo.kommune.no", KOMMUNE),
        "Fjordvik Næringsforening": (None, "post@fjordvik-naering.example.no", NAERINGSLIV),
        "Kari Nordmann": (None, "kari@example.no", ANNET),
    }


def test_a_comma_csv_without_a_bom_is_imported(app):
    rows = [[cell.replace(",", "") for cell in row] for row in ROWS]
    assert import_bodies("instanser.csv", csv_bytes(rows, separator=",", bom=False)).ok
    assert len(registered()) == 4


def test_excels_plain_csv_in_windows_1252_is_read(app):
    assert import_bodies("instanser.csv", csv_bytes(ROWS, bom=False, encoding="cp1252")).ok
    assert "Statistisk sentralbyrå" in registered()


def test_an_xlsx_file_is_imported_with_numbers_stored_as_numbers(app):
    rows = [list(row) for row in ROWS]
    rows[0][1] = 971526920  # Excel keeps a typed number as a number
    rows[1][1] = 958935420.0
    result = import_bodies("instanser.xlsx", xlsx_bytes(rows))
    assert result.ok, result.errors
    assert registered()["Statistisk sentralbyrå"][0] == "971526920"
    assert registered()["Oslo kommune"][0] == "958935420"


def test_columns_are_found_by_their_names_in_any_order_and_case(app):
    header = ["E-mail ignored", "Category", "EMAIL", "Name", "Organisation Number"]
    rows = [["x", "statlig", "ssb@ssb.no", "Statistisk sentralbyrå", "971526920"]]
    assert import_bodies("instanser.xlsx", xlsx_bytes(rows, header=header)).ok
    assert registered() == {"Statistisk sentralbyrå": ("971526920", "ssb@ssb.no", STATLIG)}


def test_every_bad_row_is_listed_and_nothing_is_imported(app):
    rows = ROWS + [
        ["Feil nummer AS", "123456789", "post@feil.example.no", "næringsliv"],
        ["", "974760673", "post@brreg.no", "statlig"],
        ["Uten e-post", "", "", "annet"],
        ["Rar e-post", "", "ikke en adresse", "annet"],
        ["Ukjent kategori", "", "post@ukjent.example.no", "forening"],
        ["Statistisk sentralbyrå igjen", "971526920", "annen@ssb.no", "statlig"],
    ]
    result = import_bodies("instanser.csv", csv_bytes(rows))
    assert not result.ok
    assert result.errors == [
        "Rad 6: Organisasjonsnummeret 123456789 er ikke gyldig. Det skal ha ni sifre, og det siste er et kontrollsiffer.",
        "Rad 7: Navnet mangler.",
        "Rad 8: E-postadressen mangler.",
        "Rad 9: E-postadressen «ikke en adresse» er ikke gyldig.",
        "Rad 10: Kategorien «forening» finnes ikke. Bruk en av disse: statlig, fylkeskommune, kommune, "
        "organisasjon, næringsliv, annet.",
        "Rad 11: Samme instans som i rad 2.",
    ]
    assert registered() == {}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_a_row_with_a_known_organisation_number_updates_that_body(app):
    save_body(None, BodyInput(name="SSB", organisation_number="971526920", email="gammel@ssb.no", category="annet"), None)
    save_body(None, BodyInput(name="Oslo kommune", organisation_number="958935420",
                              email="postmottak@oslo.kommune.no", category="kommune"), None)
    result = import_bodies("instanser.csv", csv_bytes(ROWS))
    assert result.ok
    assert [body.name for body in result.updated] == ["Statistisk sentralbyrå"]
    assert [body.name for body in result.unchanged] == ["Oslo kommune"]
    assert len(result.created) == 2
    assert registered()["Statistisk sentralbyrå"] == ("971526920", "ssb@ssb.no", STATLIG)
    assert len(registered()) == 4
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "body.import"))
    ssb = result.updated[0]
    assert entry.before == {str(ssb.id): {"name": "SSB", "organisation_number": "971526920",
                                          "email": "gammel@ssb.no", "category": "annet"}}
    assert entry.after["updated"] == [ssb.id]


def test_importing_the_same_file_twice_adds_nobody_twice(app):
    assert import_bodies("instanser.csv", csv_bytes(ROWS)).ok
    again = import_bodies("instanser.xlsx", xlsx_bytes(ROWS))
    assert again.ok
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 4)
    assert len(registered()) == 4


def test_an_import_into_a_consultation_picks_every_body_of_the_file(app):
    consultation = make_consultation()
    save_body(None, BodyInput(name="SSB", organisation_number="971526920", email="ssb@ssb.no", category="statlig"), None)
    result = import_bodies("instanser.csv", csv_bytes(ROWS), consultation=consultation)
    assert result.ok
    assert len(result.picked) == 4
    assert len(services.picked(consultation)) == 4
    again = import_bodies("instanser.csv", csv_bytes(ROWS), consultation=consultation)
    assert again.picked == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(InvitedBody)) == 4


@pytest.mark.parametrize("data, message", [
    (b"", "Første rad må ha kolonnenavnene"),
    ("name;email\nSSB;ssb@ssb.no\n".encode(), "Disse mangler: category."),
    ("name;organisation_number;email;category\n".encode(), "Filen har ingen instanser"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "det gamle Excel-formatet"),
    (b"PK\x03\x04 not really a zip", "ikke en Excel-arbeidsbok"),
    (bytes(range(256)) * 4, "verken en CSV-fil i UTF-8 eller en Excel-arbeidsbok"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "Første rad må ha kolonnenavnene"),
])
def test_a_file_that_cannot_be_read_gets_one_clear_error(app, data, message):
    result = import_bodies("instanser.csv", data)
    assert len(result.errors) == 1
    assert message in result.errors[0]
    assert registered() == {}


def test_a_word_document_is_not_taken_for_a_workbook(app):
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    result = import_bodies("instanser.xlsx", buffer.getvalue())
    assert result.errors == ["Filen er ikke en Excel-arbeidsbok (.xlsx) vi kan lese."]


def test_a_file_over_2_mb_is_refused(app):
    data = csv_bytes(ROWS) + b"\n" * (services.MAX_IMPORT_BYTES)
    assert import_bodies("instanser.csv", data).errors == ["Filen er større enn 2 MB. Del den opp i flere filer."]


def test_a_file_over_5000_rows_is_refused_and_one_of_5000_is_imported(app, monkeypatch):
    rows = [[f"Lag nummer {n}", "", f"lag{n}@example.no", "organisasjon"] for n in range(services.MAX_IMPORT_ROWS + 1)]
    too_many = import_bodies("instanser.csv", csv_bytes(rows))
    assert too_many.errors == ["Filen har mer enn 5\u00a0000 rader. Del den opp i flere filer."]
    result = import_bodies("instanser.csv", csv_bytes(rows[:-1] + [[""] * 4] * 3))  # empty rows do not count
    assert result.ok
    assert len(result.created) == services.MAX_IMPORT_ROWS


def test_a_sheet_of_endless_empty_rows_is_not_read_to_its_end(app, monkeypatch):
    monkeypatch.setattr(services, "MAX_IMPORT_ROWS", 10)
    data = csv_bytes(ROWS[:1] + [[""] * 4] * 200)
    assert "mer enn 10 rader" in import_bodies("instanser.csv", data).errors[0]
