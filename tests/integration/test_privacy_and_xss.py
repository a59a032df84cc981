"""Hostile input in every field stays inert; an e-mail address never reaches a public response."""
import pytest
from bs4 import BeautifulSoup

from tests.factories import make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "[lenke](javascript:alert(1))",
    "<a href='javascript:alert(1)'>klikk</a>",
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}",
]


def assert_inert(html: str) -> None:
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        assert script.get("src", "").startswith("/static/"), script
    assert not page.find_all(["img", "iframe", "svg"])
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), tag
            assert "javascript:" not in str(value).lower(), tag
    assert "49" not in page.get_text() or "{{ 7*7 }}" in page.get_text()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_input_in_every_field_is_inert_in_pages_and_api(app, client, payload):
    consultation = make_consultation(
        title=f"Tittel {payload}", summary=f"Sammendrag {payload}", organisation=f"Org {payload}",
        draft=f"# Overskrift {payload}\n\nAvsnitt {payload}\n\n- {payload}\n",
    )
    root = make_comment(consultation, None, author_name=f"Navn {payload}", organisation=f"Lag {payload}",
                        text=f"Tekst {payload}")
    make_comment(consultation, None, author_name="Svar", text=payload, parent_id=root.id)
    urls = ["/", "/hoeringer/digital-dialog", "/hoeringer/digital-dialog/hele-dokumentet",
            f"/hoeringer/digital-dialog/hele-dokumentet?svar={root.id}"]
    units = client.get("/api/v1/consultations/digital-dialog").get_json()["units"]
    urls += [u["url"].replace("http://hoering.test", "") for u in units]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.get_data(as_text=True))
    comments = client.get("/api/v1/consultations/digital-dialog/comments").get_json()["comments"]
    assert comments[0]["text"] == f"Tekst {payload}"  # the source text, exactly as typed
    for comment in comments:
        assert_inert(comment["html"])
    for unit in units:
        assert_inert(unit["html"])


def test_an_email_address_never_appears_in_any_public_response(app, client):
    consultation = make_consultation()
    root = make_comment(consultation, ANCHOR, email="hemmelig.adresse@example.no")
    make_comment(consultation, None, email="annen.hemmelig@example.no", parent_id=None)
    urls = [
        "/", "/hoeringer/digital-dialog", f"/hoeringer/digital-dialog/{ANCHOR}",
        f"/hoeringer/digital-dialog/{ANCHOR}?svar={root.id}", "/hoeringer/digital-dialog/hele-dokumentet",
        "/api/v1/consultations", "/api/v1/consultations/digital-dialog",
        "/api/v1/consultations/digital-dialog/comments",
    ]
    for url in urls:
        body = client.get(url, follow_redirects=True).get_data(as_text=True)
        assert "hemmelig" not in body, url
