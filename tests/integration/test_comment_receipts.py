"""A comment sent with an e-mail address: a receipt with its words and a private link, where its sender
sees its state, edits it while they may, and withdraws it."""
import re
from datetime import timedelta

import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.background import wait_for_threads
from hoering.casework.services import is_stale, run_now
from hoering.clock import utcnow
from hoering.comments.models import PENDING, PUBLISHED, WITHDRAWN, Comment
from hoering.extensions import db
from hoering.mail.models import MailMessage
from tests.factories import make_comment, make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
URL = f"/hoeringer/digital-dialog/{ANCHOR}"
TEXT = "Kommunen bør svare på Facebook innen to dager."


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def send(client, text=TEXT, email="kari@example.no", language="nb", **fields):
    data = {"author_name": "Kari Nordmann", "email": email, "text": text, "submission_key": text[:60], **fields}
    response = client.post(URL, data=data, headers={"Accept-Language": language})
    wait_for_threads()  # the receipt is sent
    db.session.rollback()
    return response


def receipt() -> MailMessage:
    db.session.rollback()
    return db.session.scalars(sa.select(MailMessage).where(MailMessage.purpose == "comment_receipt")
                              .order_by(MailMessage.id.desc())).first()


def private_link(message: MailMessage) -> str:
    return re.search(r"http://hoering\.test(/innspill/\S+)", message.text).group(1)


def the_comment() -> Comment:
    db.session.rollback()
    return db.session.scalars(sa.select(Comment).order_by(Comment.id.desc())).first()


def test_the_receipt_holds_the_words_and_a_private_link_whose_token_is_not_stored(app, client):
    make_consultation()
    send(client, language="nn")
    message = receipt()
    assert message.recipient == "kari@example.no"
    assert message.subject == "Kvittering for innspelet ditt til «Strategi for digital dialog med innbyggerne»"
    assert f"> {TEXT}" in message.text
    link = private_link(message)
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 43
    comment = the_comment()
    assert comment.receipt_token_hash and token not in comment.receipt_token_hash
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert page_of(page).find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert client.get("/innspill/" + "x" * 43).status_code == 404
    assert client.get("/innspill/" + "x" * 65).status_code == 404


def test_no_address_no_receipt(app, client):
    make_consultation()
    send(client, email="")
    assert receipt() is None and the_comment().receipt_token_hash is None


def test_the_sender_edits_and_the_thread_says_it_was_edited(app, client):
    make_consultation()
    send(client)
    link = private_link(receipt())
    page = page_of(client.get(link))
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip() == TEXT
    response = client.post(link, data={"text": "Innen **én** dag, helst.", "stance": "suggestion"})
    assert response.status_code == 302
    comment = the_comment()
    assert (comment.text, comment.stance, comment.status) == ("Innen **én** dag, helst.", "suggestion", PUBLISHED)
    assert comment.edited_at is not None
    thread = page_of(app.test_client().get(URL))
    article = thread.find(id=f"kommentar-{comment.id}")
    assert "<strong>én</strong>" in str(article) and "(endret " in article.get_text()
    assert "Endringen er lagret og publisert." in page_of(client.get(link)).get_text()


def test_an_edit_with_personal_data_waits_for_a_moderator(app, client):
    make_consultation()
    send(client)
    link = private_link(receipt())
    client.post(link, data={"text": "Ring meg på 912 34 567.", "stance": ""})
    comment = the_comment()
    assert (comment.status, comment.held_reason) == (PENDING, "personal_data")
    assert "912 34 567" not in app.test_client().get(URL).get_data(as_text=True)
    status = page_of(client.get(link)).select_one(".comment-state").get_text(" ", strip=True)
    assert "Venter på en moderator." in status and "telefonnummer" in status


def test_a_bad_edit_keeps_the_words_and_says_why(app, client):
    make_consultation()
    send(client)
    link = private_link(receipt())
    response = client.post(link, data={"text": "", "stance": ""})
    assert response.status_code == 400
    assert page_of(response).select_one(".error-message").get_text() == "Skriv innspillet ditt."
    assert the_comment().text == TEXT


def test_no_edit_after_a_reply_a_moderator_or_the_deadline(app, client, auth):
    consultation = make_consultation()
    send(client)
    link = private_link(receipt())
    comment = the_comment()
    make_comment(consultation, ANCHOR, text="Et svar.", parent_id=comment.id)
    page = page_of(client.get(link))
    assert page.find("textarea") is None and "Noen har svart på innspillet" in page.get_text()
    assert client.post(link, data={"text": "Nytt", "stance": ""}).status_code == 400
    db.session.rollback()
    assert db.session.get(Comment, comment.id).text == TEXT
    assert page.find("form", action=f"{link}/trekk-tilbake")  # withdrawing is still possible

    send(client, text="Et annet innspill.", email="kari@example.no")
    second_link = private_link(receipt())
    second = the_comment()
    second.moderated_by_id = auth.user("moderator").id
    db.session.commit()
    assert "En moderator har behandlet innspillet" in page_of(client.get(second_link)).get_text()

    consultation.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    closed = page_of(client.get(second_link)).get_text()
    assert "Høringsfristen har gått ut, så innspillet kan ikke lenger trekkes tilbake." in closed


def test_the_sender_withdraws_and_the_thread_keeps_a_placeholder(app, client):
    consultation = make_consultation()
    send(client)
    link = private_link(receipt())
    comment = the_comment()
    make_comment(consultation, ANCHOR, text="Jeg er uenig med Kari.", parent_id=comment.id)
    assert client.post(f"{link}/trekk-tilbake").status_code == 302
    db.session.rollback()
    comment = db.session.get(Comment, comment.id)
    assert comment.status == WITHDRAWN and comment.withdrawn_at is not None
    reader = app.test_client()
    thread = page_of(reader.get(URL))
    article = thread.find(id=f"kommentar-{comment.id}")
    assert article.select_one(".removed-note").get_text() == "Trukket av innsenderen."
    assert TEXT not in str(thread) and "Jeg er uenig med Kari." in article.get_text()  # the reply stays
    for url in ("/api/v1/consultations/digital-dialog/comments", "/hoeringer/digital-dialog/innspill.atom"):
        assert TEXT not in reader.get(url).get_data(as_text=True)
    page = page_of(client.get(link))
    assert "Trukket tilbake" in page.select_one(".comment-state").get_text()
    assert page.find("form", action=f"{link}/trekk-tilbake") is None


def test_an_edit_or_a_withdrawal_makes_the_analysis_stale(app, client):
    consultation = make_consultation()
    for n in range(3):
        make_comment(consultation, ANCHOR, text=f"Et innspill om Facebook nummer {n}.")
    send(client)
    link = private_link(receipt())
    run = run_now(consultation)
    assert not is_stale(run, consultation)
    client.post(link, data={"text": "Et endret innspill.", "stance": ""})
    assert is_stale(run, consultation)


def test_hostile_words_in_an_edit_stay_inert(app, client):
    make_consultation()
    send(client)
    link = private_link(receipt())
    for payload in PAYLOADS:
        client.post(link, data={"text": f"Endret {payload}", "stance": ""})
        assert_inert(client.get(link).get_data(as_text=True))
        assert_inert(app.test_client().get(URL).get_data(as_text=True))
