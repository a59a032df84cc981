"""After sending, the citizen lands on a page that says what happens to their comment now, shows it
marked, and links to it; only the browser that sent it sees that page, and their own comment is
marked in the thread for them alone."""
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.comments.models import Comment
from hoering.extensions import db
from tests.factories import make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
URL = f"/hoeringer/digital-dialog/{ANCHOR}"
NATIONAL_ID = "010170 10170"


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def send(client, text, key=None, **fields):
    data = {"author_name": "Kari Nordmann", "text": text, "submission_key": key or text[:60], **fields}
    return client.post(URL, data=data)


def receipt_of(client, response) -> BeautifulSoup:
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "no-store" in page.headers["Cache-Control"]
    return page_of(page)


def test_a_held_comment_tells_its_sender_why_and_is_shown_to_them_alone(app, client):
    make_consultation()
    response = send(client, f"Mitt fødselsnummer er {NATIONAL_ID}, kan dere sjekke saken min?")
    receipt = receipt_of(client, response)
    status = receipt.select_one("[role=status]")
    assert status.h1.get_text() == "Takk! Innspillet ditt er mottatt"
    assert "personopplysninger (fødselsnummer eller D-nummer)" in status.get_text()
    assert "Du trenger ikke å sende det på nytt." in status.get_text()
    assert status.has_attr("data-focus-on-load")
    assert NATIONAL_ID in receipt.select_one(".comment-own").get_text()
    assert receipt.find("a", string="Se innspillet ditt i samtalen") is None  # not public: no thread to see

    other_browser = app.test_client()
    assert other_browser.get(response.headers["Location"]).status_code == 404
    assert NATIONAL_ID not in other_browser.get(URL).get_data(as_text=True)


def test_sending_twice_leads_to_the_same_receipt(app, client):
    make_consultation()
    first = send(client, "Samme innspill.", key="samme-nokkel")
    second = send(client, "Samme innspill.", key="samme-nokkel")
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 1


def test_the_sender_s_comment_is_marked_for_them_and_for_no_one_else(app, client):
    make_consultation()
    send(client, "Mitt eget innspill.")
    send(app.test_client(), "Noen andres innspill.")
    own = page_of(client.get(URL)).select(".comment-own")
    assert [c.select_one(".comment-body").get_text(strip=True) for c in own] == ["Mitt eget innspill."]
    assert page_of(app.test_client().get(URL)).select(".comment-own, .badge-own") == []


def test_a_receipt_asks_no_one_to_answer_for_an_unknown_comment(app, client):
    make_consultation()
    assert client.get("/hoeringer/digital-dialog/kommentarer/999/sendt").status_code == 404


def test_the_receipt_is_inert_to_hostile_text(app, client):
    make_consultation()
    for n, payload in enumerate(PAYLOADS):
        response = send(client, f"Innspill {payload}", key=f"xss-{n}", author_name=f"Navn {payload}"[:120],
                        organisation=f"Lag {payload}"[:200])
        assert_inert(client.get(response.headers["Location"]).get_data(as_text=True))
