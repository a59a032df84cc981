"""The admin's GDPR access-request page: the summary, the JSON download, who may use it, and its log."""
from __future__ import annotations

import json
import re

import pytest
import sqlalchemy as sa

from hoering.audit.models import AuditEntry
from hoering.extensions import db
from hoering.privacy.access_requests import AUDIT_ACTION, address_digest
from tests.factories import make_comment, make_consultation

PAGE = "/admin/personvern/innsyn"
DOWNLOAD = "/admin/personvern/innsyn.json"
KARI = "kari.nordmann@example.no"


@pytest.fixture
def kari(app):
    consultation = make_consultation()
    make_comment(consultation, email="Kari.Nordmann@Example.no", author_name="Kari Nordmann",
                 text="Kommentarfeltet bør være åpent i helgene.")
    make_comment(consultation, email="ola@example.no", author_name="Ola Nordmann", text="Svartiden er for lang.")
    return consultation


def _logged_requests() -> list[AuditEntry]:
    db.session.rollback()  # a fresh read after the requests' own transactions
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == AUDIT_ACTION)))


def test_admin_sees_a_summary_per_category_and_the_rows(app, pages, auth, kari):
    auth.login_as("admin")

    page = pages.post(PAGE, {"email": " KARI.Nordmann@example.no"})

    counts = {row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text(strip=True)
              for row in page.select("table tbody tr")}
    assert counts["Innspill"] == "1"
    assert counts["Ansattkonto"] == "0"
    text = page.get_text()
    assert "Kommentarfeltet bør være åpent i helgene." in text
    assert "Svartiden er for lang" not in text and "Ola" not in text
    assert page.select_one(f"form[action='{DOWNLOAD}'] input[name=email]")["value"] == KARI


def test_admin_downloads_everything_as_json(app, client, auth, kari):
    auth.login_as("admin")

    response = client.post(DOWNLOAD, data={"email": KARI.upper()})

    assert response.status_code == 200
    assert response.content_type == "application/json; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="innsyn-\d{4}-\d{2}-\d{2}\.json"',
                        response.headers["Content-Disposition"])
    body = response.get_data(as_text=True)
    assert "Kommentarfeltet bør være åpent i helgene." in body  # UTF-8, not \u escapes
    assert "\n  " in body  # pretty
    data = json.loads(body)
    assert data["address"] == KARI
    assert data["counts"]["comments"] == 1
    assert [c["name"] for c in data["comments"]] == ["Kari Nordmann"]


def test_every_request_is_logged_without_the_address(app, client, auth, kari):
    admin = auth.login_as("admin")

    client.post(PAGE, data={"email": KARI})
    client.post(DOWNLOAD, data={"email": KARI})

    entries = _logged_requests()
    assert [e.after["delivered_as"] for e in entries] == ["page", "json"]
    for entry in entries:
        assert entry.actor == admin.email
        assert entry.after["rows"] == 1
        assert entry.after["address_hmac"] == address_digest(KARI, app.secret_key)
        stored = json.dumps([entry.target_type, entry.target_id, entry.before, entry.after]).lower()
        assert "kari" not in stored and "example.no" not in stored


@pytest.mark.parametrize("text", ["kari.nordmann", "kari@", "", "a" * 300 + "@example.no"])
def test_a_bad_address_gives_the_form_back_with_a_message(app, pages, auth, text):
    auth.login_as("admin")

    page = pages.post(PAGE, {"email": text}, status=400)

    assert page.select_one("#email")
    assert page.select_one(".error-message").get_text(strip=True)
    assert pages.client.post(DOWNLOAD, data={"email": text}).status_code == 400
    assert _logged_requests() == []


def test_the_message_says_what_to_write(app, pages, auth):
    auth.login_as("admin")

    page = pages.post(PAGE, {"email": "kari.nordmann"}, status=400)

    assert page.select_one(".error-message").get_text(strip=True) == (
        "Skriv en gyldig e-postadresse, for eksempel navn@example.no.")


def test_the_command_writes_the_same_json_and_logs_it(app, kari, tmp_path):
    output = tmp_path / "innsyn.json"

    result = app.test_cli_runner().invoke(args=["privacy", "access", "Kari.Nordmann@example.no", "--output",
                                                str(output)])

    assert result.exit_code == 0, result.output
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["address"] == KARI and data["counts"]["comments"] == 1
    [entry] = _logged_requests()
    assert entry.actor == "system" and entry.after["delivered_as"] == "command"
    printed = app.test_cli_runner().invoke(args=["privacy", "access", KARI])
    assert json.loads(printed.output)["comments"][0]["text"] == "Kommentarfeltet bør være åpent i helgene."


def test_the_command_refuses_what_is_not_an_address(app):
    result = app.test_cli_runner().invoke(args=["privacy", "access", "kari"])

    assert result.exit_code == 2
    assert "Skriv en gyldig e-postadresse" in result.output
    assert _logged_requests() == []


@pytest.mark.parametrize("role", ["moderator", "caseworker", "planner"])
def test_other_roles_are_refused(app, client, auth, kari, role):
    auth.login_as(role)

    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"email": KARI}).status_code == 403
    assert client.post(DOWNLOAD, data={"email": KARI}).status_code == 403
    assert _logged_requests() == []


def test_anonymous_visitors_are_sent_to_login(app, client, kari):
    for response in (client.get(PAGE), client.post(PAGE, data={"email": KARI}),
                     client.post(DOWNLOAD, data={"email": KARI})):
        assert response.status_code == 302
        assert "/logg-inn" in response.headers["Location"]


def test_the_forms_need_a_csrf_token(app, client, auth, kari):
    auth.login_as("admin")
    app.config["WTF_CSRF_ENABLED"] = True  # the tests' default is off; production's is on

    form = client.get(PAGE).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)

    assert client.post(PAGE, data={"email": KARI}).status_code == 400
    assert client.post(DOWNLOAD, data={"email": KARI}).status_code == 400
    assert _logged_requests() == []
    assert client.post(PAGE, data={"email": KARI, "csrf_token": token}).status_code == 200
    assert client.post(DOWNLOAD, data={"email": KARI, "csrf_token": token}).status_code == 200


def test_the_staff_start_page_links_to_it_for_admins_only(app, client, auth):
    auth.login_as("admin")
    assert PAGE in client.get("/admin").get_data(as_text=True)
    auth.logout()
    auth.login_as("caseworker")
    assert PAGE not in client.get("/admin").get_data(as_text=True)
