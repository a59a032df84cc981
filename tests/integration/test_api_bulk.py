"""The open data as whole files (issue 21): every published comment as CSV and as JSON Lines, the same
records as the JSON endpoint's, streamed a batch at a time, and linked from the consultation page."""
from __future__ import annotations

import contextvars
import csv
import io
import json

import pytest

from hoering.api import bulk
from hoering.comments.models import HIDDEN, PENDING, WITHDRAWN
from hoering.extensions import db
from tests.factories import make_comment, make_consultation
from tests.integration.test_revise_command import REVISED, run, unit_with

CSV_URL = "/api/v1/consultations/digital-dialog/comments.csv"
JSONL_URL = "/api/v1/consultations/digital-dialog/comments.jsonl"
ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
# The CSV's columns as the README promises them: scripts read them by position, so new fields go last.
COLUMNS = ["id", "unit", "removed_unit", "version", "parent", "author_name", "organisation", "stance", "text", "html",
           "agree_count", "created_at", "official"]


@pytest.fixture
def consultation(app):
    """Published comments of every shape (on a unit, on the whole document, a reply, an organisation's,
    the municipality's answer, æøå, text a spreadsheet would run as a formula, a Markdown list), and a
    held, a hidden and a withdrawn one, each with an e-mail address."""
    consultation = make_consultation()
    first = make_comment(consultation, ANCHOR, text="Blåbærsyltetøy på skolen, takk!", author_name="Åse Ødegård",
                         email="ase@example.no", stance="support", organisation="Blåbær velforening")
    make_comment(consultation, ANCHOR, text="Enig med Åse.", parent_id=first.id, author_name="Per Ås",
                 email="per@example.no")
    make_comment(consultation, None, text="=HYPERLINK(\"http://ond.example\",\"Klikk her\")", stance="against")
    make_comment(consultation, None, text="- Mer åpenhet\n- Svar innen to dager", stance="suggestion")
    answer = make_comment(consultation, ANCHOR, text="Takk, vi tar det med.", parent_id=first.id,
                          author_name="Siri Saksbehandler")
    answer.official = True
    for status in (PENDING, HIDDEN, WITHDRAWN):
        comment = make_comment(consultation, ANCHOR, text=f"Ikke offentlig: {status}", email=f"{status}@example.no")
        comment.status = status
    db.session.commit()
    return consultation


def json_endpoint_comments(client, limit: int = 2) -> list[dict]:
    """Every comment the JSON endpoint gives, following ``next``."""
    body = client.get(f"/api/v1/consultations/digital-dialog/comments?limit={limit}").get_json()
    comments = body["comments"]
    while body["next"]:
        body = client.get(body["next"]).get_json()
        comments += body["comments"]
    return comments


def read_jsonl(response) -> list[dict]:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/jsonl"
    assert response.headers["Content-Disposition"] == 'attachment; filename="digital-dialog-innspill.jsonl"'
    text = response.data.decode("utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def read_csv(response) -> tuple[list[str], list[list[str]]]:
    """The header and the rows, as strings."""
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="digital-dialog-innspill.csv"'
    assert response.data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    header, *rows = csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""))
    return header, rows


def as_cell(value) -> str:
    """What the README promises a JSON value becomes in the CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def get_as_served(client, url: str):
    """GET ``url`` as a WSGI server serves it: outside the tests' app context, the body read only after
    the view has returned and the request's context (and database session) has been torn down."""
    def serve():
        response = client.get(url, buffered=False)
        response.get_data()
        return response
    return contextvars.Context().run(serve)


def test_the_jsonl_holds_exactly_the_json_endpoints_records(app, client, consultation):
    expected = json_endpoint_comments(client)
    assert len(expected) == 5
    assert read_jsonl(client.get(JSONL_URL)) == expected


def test_the_csv_holds_the_json_endpoints_records_field_by_field(app, client, consultation):
    expected = json_endpoint_comments(client)
    header, rows = read_csv(client.get(CSV_URL))
    first_line = client.get(JSONL_URL).data.decode("utf-8").splitlines()[0]
    assert header == list(json.loads(first_line)) == bulk.field_names()  # the record's order
    assert header[:len(COLUMNS)] == COLUMNS
    assert len(rows) == len(expected)
    for row, comment in zip(rows, expected):
        assert len(row) == len(header)
        for name, cell in zip(header, row):
            assert cell == as_cell(comment[name]), (comment["id"], name)


def test_the_csv_guards_against_formulas_and_writes_booleans_and_empty_cells(app, client, consultation):
    header, rows = read_csv(client.get(CSV_URL))
    by_text = {row[header.index("text")]: dict(zip(header, row)) for row in rows}
    formula = by_text["'=HYPERLINK(\"http://ond.example\",\"Klikk her\")"]
    assert formula["parent"] == "" and formula["unit"] == "" and formula["official"] == "false"
    assert "'- Mer åpenhet\n- Svar innen to dager" in by_text
    assert by_text["Takk, vi tar det med."]["official"] == "true"
    assert by_text["Blåbærsyltetøy på skolen, takk!"]["unit"] == ANCHOR


def test_a_comment_on_a_removed_paragraph_names_it_as_json_in_its_cell(app, client, tmp_path):
    consultation = make_consultation()
    removed = unit_with(1, "Kommentarfeltet er åpent")
    make_comment(consultation, removed.anchor, text="Hold det åpent.")
    draft = tmp_path / "revidert.md"
    draft.write_text(REVISED, encoding="utf-8")
    assert run(app, "digital-dialog", draft, "--publish").exit_code == 0
    [expected] = json_endpoint_comments(client)
    assert expected["removed_unit"] == {"version": 1, "anchor": removed.anchor, "number": removed.number}
    assert read_jsonl(client.get(JSONL_URL)) == [expected]
    header, [row] = read_csv(client.get(CSV_URL))
    assert json.loads(row[header.index("removed_unit")]) == expected["removed_unit"]
    assert row[header.index("version")] == "1" and row[header.index("unit")] == ""


def test_held_hidden_and_withdrawn_comments_and_email_addresses_never_appear(app, client, consultation):
    for url in (CSV_URL, JSONL_URL):
        data = client.get(url).data
        assert b"Ikke offentlig" not in data
        assert b"@example.no" not in data and b"email" not in data and b"e-post" not in data.lower()
    assert {c["id"] for c in read_jsonl(client.get(JSONL_URL))} == {c["id"] for c in json_endpoint_comments(client)}


def test_norwegian_letters_survive_in_utf8(app, client, consultation):
    jsonl = client.get(JSONL_URL).data
    assert "Åse Ødegård".encode() in jsonl and "Blåbær velforening".encode() in jsonl  # not \u00c5 escapes
    assert not jsonl.startswith(b"\xef\xbb\xbf")
    header, rows = read_csv(client.get(CSV_URL))
    assert ["Åse Ødegård", "Blåbær velforening"] == rows[0][header.index("author_name"):header.index("stance")]


@pytest.mark.parametrize("url", [CSV_URL, JSONL_URL])
def test_the_files_are_streamed_and_their_batches_join_up(app, client, consultation, monkeypatch, url):
    batches = []

    def spy(consultation, after, limit):
        batches.append(after)
        return comments_after(consultation, after, limit)

    comments_after = bulk.comments_after
    monkeypatch.setattr(bulk, "BATCH_SIZE", 2)
    monkeypatch.setattr(bulk, "comments_after", spy)
    expected = json_endpoint_comments(client, limit=1000)
    batches.clear()
    response = client.get(url, buffered=False)
    assert response.is_streamed
    if url == JSONL_URL:
        assert read_jsonl(response) == expected
    else:
        header, rows = read_csv(response)
        assert [int(row[0]) for row in rows] == [c["id"] for c in expected]
        assert "id" not in [row[0] for row in rows]  # one header
    ids = [c["id"] for c in expected]
    assert batches == [0, ids[1], ids[3]]  # 5 comments, 2 a batch: the last id is the next cursor


def test_comments_that_fill_the_last_batch_exactly_are_all_there_once(app, client, monkeypatch):
    consultation = make_consultation()
    ids = [make_comment(consultation, None, text=f"Innspill {n}").id for n in range(4)]
    monkeypatch.setattr(bulk, "BATCH_SIZE", 2)
    assert [c["id"] for c in read_jsonl(client.get(JSONL_URL))] == ids
    assert [int(row[0]) for row in read_csv(client.get(CSV_URL))[1]] == ids


@pytest.mark.parametrize("url", [CSV_URL, JSONL_URL])
def test_the_body_is_read_after_the_request_has_ended_as_a_server_reads_it(app, client, consultation, url):
    expected = json_endpoint_comments(client)
    response = get_as_served(client, url)
    if url == JSONL_URL:
        assert read_jsonl(response) == expected
    else:
        assert [int(row[0]) for row in read_csv(response)[1]] == [c["id"] for c in expected]


def test_a_consultation_without_comments_gives_a_header_and_nothing_more(app, client):
    make_consultation()
    header, rows = read_csv(client.get(CSV_URL))
    assert header == bulk.field_names() and rows == []
    assert read_jsonl(client.get(JSONL_URL)) == []


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
@pytest.mark.parametrize("slug", ["ukjent", "utkast"])
def test_unknown_and_unpublished_consultations_give_a_json_404(app, client, slug, suffix):
    make_consultation("utkast", phase="draft")
    assert client.get(f"/api/v1/consultations/{slug}/comments").status_code == 404  # as the JSON endpoint
    response = client.get(f"/api/v1/consultations/{slug}/comments.{suffix}")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_the_consultation_page_links_to_both_files(app, pages, consultation):
    page = pages.get("/hoeringer/digital-dialog")
    [paragraph] = page.select("p.open-data")
    assert "Last ned innspillene som åpne data" in paragraph.get_text()
    links = {a.get_text(strip=True): a["href"] for a in paragraph.select("a")}
    assert links == {"CSV": CSV_URL, "JSON Lines": JSONL_URL}


def test_a_consultation_page_without_comments_offers_no_files(app, pages):
    make_consultation()
    assert pages.get("/hoeringer/digital-dialog").select("p.open-data") == []
