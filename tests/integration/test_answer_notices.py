"""A citizen asks to hear when someone answers, and gets the municipality's answer by e-mail through a
real SMTP server, in the language they wrote in, with a one-click unsubscribe that deletes the address."""
import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.background import wait_for_threads
from hoering.comments.models import Comment
from hoering.extensions import db
from hoering.notifications.models import Subscription
from tests.factories import make_comment, make_consultation
from tests.fixtures.xss import PAYLOADS

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
URL = f"/hoeringer/digital-dialog/{ANCHOR}"
QUESTION = "Hva med de som ikke har Facebook?"
ANSWER = "Alt som står på Facebook, står også på kommunens nettside."
CITIZEN = "kari@example.no"


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def hidden_fields(page) -> dict:
    return {i["name"]: i.get("value", "") for i in page.select("#skjema form input[type=hidden]")}


def comment_as_citizen(client, text=QUESTION, language="nb", **fields):
    """A citizen writes a comment in ``language``; returns the response to the POST."""
    headers = {"Accept-Language": language}
    data = {**hidden_fields(page_of(client.get(URL, headers=headers))), "author_name": "Kari Nordmann",
            "email": CITIZEN, "notify": "y", "text": text, **fields}
    response = client.post(URL, data=data, headers=headers)
    wait_for_threads()  # the receipt is sent
    db.session.rollback()
    return response


def answer_as_municipality(client, auth, comment, text=ANSWER):
    auth.login_as("caseworker")
    page = page_of(client.get(f"{URL}?svar={comment.id}"))
    data = {**hidden_fields(page), "author_name": "Ansatt caseworker", "official": "y", "text": text}
    assert client.post(URL, data=data).status_code == 302
    auth.logout()
    wait_for_threads()
    db.session.rollback()


def notices(mail_server) -> list:
    """What the server received besides the receipts each comment with an address gets
    (tests/integration/test_comment_receipts.py)."""
    return [r for r in mail_server.received if not r.message["Subject"].startswith(("Kvittering", "Receipt"))]


def newest_comment() -> Comment:
    return db.session.scalars(sa.select(Comment).order_by(Comment.id.desc())).first()


def test_the_citizen_gets_the_answer_in_nynorsk_with_a_one_click_unsubscribe(mail_server, app, client, auth):
    make_consultation()
    assert comment_as_citizen(client, language="nn").status_code == 302
    question = newest_comment()
    subscription = db.session.scalar(sa.select(Subscription))
    assert (subscription.email, subscription.language, subscription.comment_id) == (CITIZEN, "nn", question.id)

    answer_as_municipality(client, auth, question)
    [received] = notices(mail_server)
    email = received.message
    assert received.recipients == [CITIZEN]
    assert email["Subject"] == "Svar frå Fjordvik kommune på innspelet ditt"
    body = email.get_content().replace("\r\n", "\n")
    assert "Fjordvik kommune har svart på innspelet ditt" in body
    assert f"Du skreiv:\n> {QUESTION}\n\nSvaret frå Fjordvik kommune, skrive av Ansatt caseworker, sakshandsamar:\n\n{ANSWER}\n" in body
    answer = newest_comment()
    assert f"/hoeringer/digital-dialog/kommentarer/{answer.id}" in body
    unsubscribe = f"http://hoering.test/varsler/avmeld/{subscription.token}"
    assert unsubscribe in body
    assert email["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.get_content_type() == "text/plain"

    # The mail program's one-click POST: no page, no CSRF token.
    response = client.post(f"/varsler/avmeld/{subscription.token}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 0  # the address is gone
    answer_as_municipality(client, auth, question, text="Et svar til.")
    assert len(notices(mail_server)) == 1


def test_the_unsubscribe_link_opens_a_page_and_only_its_button_unsubscribes(mail_settings, app, client):
    make_consultation()
    comment_as_citizen(client)
    token = db.session.scalar(sa.select(Subscription.token))
    page = page_of(client.get(f"/varsler/avmeld/{token}"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 1  # a mail scanner's GET
    form = page.select_one("main form")
    assert form["method"] == "post" and form["action"] == f"/varsler/avmeld/{token}"
    assert "Du er meldt av" in page_of(client.post(form["action"])).get_text()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 0
    assert client.get(f"/varsler/avmeld/{token}").status_code == 404
    assert client.post(f"/varsler/avmeld/{token}").status_code == 200  # once more: nothing left, no error


def test_asking_for_a_notice_needs_an_address_and_the_text_is_kept(mail_settings, app, client):
    make_consultation()
    response = comment_as_citizen(client, email="")
    assert response.status_code == 400
    page = page_of(response)
    assert "Skriv e-postadressen din over" in page.select_one(".error-summary").get_text()
    assert QUESTION in page.find("textarea", attrs={"name": "text"}).get_text()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


def test_a_citizens_reply_sends_no_notice(mail_server, app, client):
    consultation = make_consultation()
    comment_as_citizen(client)
    question = newest_comment()
    make_comment(consultation, ANCHOR, text="Jeg lurer på det samme.", parent_id=question.id)
    wait_for_threads()
    assert notices(mail_server) == []


def test_without_asking_no_subscription_is_made(mail_settings, app, client):
    make_consultation()
    comment_as_citizen(client, notify="")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 0


@pytest.mark.parametrize("payload", PAYLOADS[::6])
def test_hostile_words_reach_the_mail_as_plain_text(mail_server, app, client, auth, payload):
    make_consultation()
    comment_as_citizen(client, text=f"{payload} ?")
    answer_as_municipality(client, auth, newest_comment(), text=f"Svar: {payload}")
    [received] = notices(mail_server)
    assert received.message.get_content_type() == "text/plain"
    assert received.message["Subject"] == "Svar fra Fjordvik kommune på innspillet ditt"
