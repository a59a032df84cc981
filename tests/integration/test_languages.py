"""Bokmål, nynorsk and English: chosen by Accept-Language, overridden by the switcher, dates in each."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import render_template_string

from hoering.clock import utcnow
from tests.factories import make_consultation

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
NYNORSK = {"Accept-Language": "nn-NO,nn;q=0.9,nb;q=0.8"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.8"}


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """The .mo files as `make test` compiles them, so that running pytest alone tests the .po files too."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with open(po_path, "rb") as po:
                catalogue = read_po(po)
            with open(mo_path, "wb") as mo:
                write_mo(mo, catalogue)


def test_front_page_in_nynorsk_when_the_browser_asks_for_it(app, pages):
    make_consultation(closes_at=utcnow() + timedelta(days=3))
    page = pages.get("/", headers=NYNORSK)
    assert page.html["lang"] == "nn"
    assert page.h1.get_text(strip=True) == "Høyringar"
    assert "Opne høyringar" in page.get_text()
    assert "3 dagar igjen" in page.get_text()
    assert "Høyringsfrist" in page.get_text()


def test_front_page_in_english_when_the_browser_asks_for_it(app, pages):
    make_consultation(closes_at=utcnow() + timedelta(days=3))
    page = pages.get("/", headers=ENGLISH)
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Consultations"
    assert "Open consultations" in page.get_text()
    assert "3 days left" in page.get_text()
    assert page.title.get_text(strip=True) == "Consultations"


@pytest.mark.parametrize(
    "accept_language, expected",
    [
        ("", "nb"),
        ("nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en;q=0.5", "nb"),
        ("nb-NO, en;q=0.5", "nb"),  # Werkzeug's best_match would say "en": it prefers exact matches
        ("no", "nb"),
        ("nn-NO", "nn"),
        ("en-US,en;q=0.9", "en"),
        ("de-DE,fr;q=0.8", "nb"),
        ("sv-SE,en;q=0.5", "en"),
        ("en;q=0,nn", "nn"),
    ],
)
def test_the_language_follows_accept_language(app, pages, accept_language, expected):
    page = pages.get("/", headers={"Accept-Language": accept_language} if accept_language else {})
    assert page.html["lang"] == expected
    current = page.select_one(".language-switcher button[aria-current]")
    assert current["value"] == expected and current["lang"] == expected


def test_the_switcher_overrides_accept_language_for_the_session_and_returns_to_the_page(app, client, pages):
    make_consultation()
    response = client.post("/sprak", data={"sprak": "en", "tilbake": "/hoeringer/digital-dialog?x=1"}, headers=NYNORSK)
    assert response.status_code == 303
    assert response.headers["Location"] == "/hoeringer/digital-dialog?x=1"
    page = pages.get("/hoeringer/digital-dialog?x=1", headers=NYNORSK)
    assert page.html["lang"] == "en"
    assert "The consultation document" in page.get_text()
    assert pages.get("/", headers=NYNORSK).html["lang"] == "en"

    client.post("/sprak", data={"sprak": "nb", "tilbake": "/"})
    assert pages.get("/", headers=ENGLISH).html["lang"] == "nb"


def test_every_page_has_the_switcher_pointing_back_at_itself(app, pages):
    make_consultation()
    page = pages.get("/hoeringer/digital-dialog/formal?side=2", headers=ENGLISH)
    form = page.select_one("form.language-switcher")
    assert form["action"] == "/sprak" and form["method"] == "post"
    assert form.select_one("input[name=tilbake]")["value"] == "/hoeringer/digital-dialog/formal?side=2"
    buttons = {button["value"]: button.get_text(strip=True) for button in form.select("button[name=sprak]")}
    assert buttons == {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
    assert not page.find("script", src=False)


def test_the_return_path_of_a_page_with_non_ascii_characters_is_encoded(app, client):
    page = client.get("/hoeringer/høring-om-økonomi", headers=ENGLISH).get_data(as_text=True)
    assert 'name="tilbake" value="/hoeringer/h%C3%B8ring-om-%C3%B8konomi"' in page


@pytest.mark.parametrize(
    "back",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=1", "", None],
)
def test_the_switcher_ignores_an_unsafe_return_address(app, client, back):
    data = {"sprak": "nn"} if back is None else {"sprak": "nn", "tilbake": back}
    response = client.post("/sprak", data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_the_switcher_refuses_an_unknown_language(app, client, pages):
    assert client.post("/sprak", data={"sprak": "sv", "tilbake": "/"}).status_code == 400
    assert pages.get("/").html["lang"] == "nb"


def test_the_switcher_refuses_a_post_without_a_csrf_token(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/sprak", data={"sprak": "en", "tilbake": "/"}).status_code == 400
    assert b'<html lang="nb">' in client.get("/").data


def test_dates_and_deadlines_are_written_in_each_language(app, pages):
    year = utcnow().year + 1
    make_consultation(closes_at=datetime(year, 12, 1, 10, 59))  # stored in UTC: 11:59 in Oslo
    expected = {
        "nb": f"1. desember {year} kl. 11:59",
        "nn": f"1. desember {year} kl. 11:59",
        "en": f"1 December {year} at 11:59",
    }
    for language, text in expected.items():
        page = pages.get("/hoeringer/digital-dialog", headers={"Accept-Language": language})
        deadline = page.find("time", datetime=f"{year}-12-01T11:59")
        assert deadline.get_text(strip=True) == text
    assert "dagar igjen" in pages.get("/", headers=NYNORSK).get_text()
    assert "days left" in pages.get("/", headers=ENGLISH).get_text()


def test_one_day_left_is_singular_in_every_language(app, pages):
    make_consultation(closes_at=utcnow() + timedelta(days=1))
    texts = {lang: pages.get("/", headers={"Accept-Language": lang}).select_one(".deadline").get_text(strip=True)
             for lang in ("nb", "nn", "en")}
    assert texts == {"nb": "(1 dag igjen)", "nn": "(1 dag igjen)", "en": "(1 day left)"}


@pytest.mark.parametrize("language, expected", [("nb", "12\u00a0345"), ("nn", "12\u00a0345"), ("en", "12,345")])
def test_numbers_are_written_in_each_language(app, language, expected):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert render_template_string("{{ 12345|number }}") == expected


def test_api_errors_follow_the_language_too(app, client):
    make_consultation()
    response = client.get("/api/v1/consultations/digital-dialog/comments?limit=mange", headers=ENGLISH)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "The parameter limit must be a whole number."


def test_pages_vary_by_language_and_cookie_but_static_files_do_not(app, client):
    page = client.get("/", headers=ENGLISH)
    assert {"accept-language", "cookie"} <= {value.lower() for value in page.vary}
    static = client.get("/static/css/hoering.css")
    assert "accept-language" not in {value.lower() for value in static.vary}
