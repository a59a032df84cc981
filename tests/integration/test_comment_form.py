"""Posting, replying and agreeing through the forms, as a browser without JavaScript would."""
import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.comments.models import Comment
from hoering.extensions import db
from tests.factories import make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
URL = f"/hoeringer/digital-dialog/{ANCHOR}"


def form_data(page, **fields):
    """The hidden fields of the page's comment form, plus what the citizen types."""
    form = page.select_one("#skjema form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    data.update(fields)
    return data


def typed_text(page) -> str:
    """The comment text as the browser shows it (it drops the newline right after <textarea>)."""
    return page.find("textarea", attrs={"name": "text"}).get_text().removeprefix("\r\n").removeprefix("\n")


def saved_comments():
    return list(db.session.scalars(sa.select(Comment).order_by(Comment.id)))


def test_citizen_comments_on_a_paragraph_and_sees_it_published(app, pages):
    make_consultation()
    page = pages.get(URL)
    data = form_data(page, author_name="Kari Nordmann", text="To dager er *for lenge*.", stance="against",
                     organisation="", email="kari@example.no")
    response = pages.client.post(URL, data=data)
    [comment] = saved_comments()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/hoeringer/digital-dialog/kommentarer/{comment.id}/sendt")
    receipt = pages.get(response.headers["Location"])
    assert receipt.select_one("[role=status] h1").get_text() == "Takk! Innspillet ditt er publisert"
    assert "<em>for lenge</em>" in str(receipt.select_one(".comment-own .comment-body"))
    thread_link = receipt.find("a", string="Se innspillet ditt i samtalen")["href"]
    assert thread_link.endswith(f"{URL}#kommentar-{comment.id}")
    page = pages.get(thread_link)
    article = page.find(id=f"kommentar-{comment.id}")
    assert "Er imot" in article.get_text() and "<em>for lenge</em>" in str(article)
    assert "comment-own" in article["class"] and "Ditt innspill" in article.select_one(".badge-own").get_text()
    assert (comment.anchor, comment.email, comment.stance) == (ANCHOR, "kari@example.no", "against")


def test_organisation_comment_is_marked_as_such(app, pages):
    make_consultation()
    page = pages.get(URL)
    pages.post(URL, form_data(page, author_name="Liv", organisation="Fjordvik pensjonistforening", text="Husk oss."))
    page = pages.get(URL)
    assert "På vegne av Fjordvik pensjonistforening" in page.select_one(".comment").get_text()


def test_empty_text_comes_back_with_a_message_per_field_and_nothing_typed_is_lost(app, pages):
    make_consultation()
    page = pages.get(URL)
    data = form_data(page, author_name="", email="ikke-en-adresse", organisation="Fjordvik FAU", text="   ")
    page = pages.post(URL, data, status=400)
    assert saved_comments() == []
    form = page.select_one("#skjema form")
    assert page.find(id="author_name-feil").get_text(strip=True) == "Skriv navnet ditt."
    assert page.find(id="text-feil").get_text(strip=True) == "Skriv innspillet ditt."
    assert "gyldig e-postadresse" in page.find(id="email-feil").get_text()
    assert form.find("input", attrs={"name": "email"})["value"] == "ikke-en-adresse"
    assert form.find("input", attrs={"name": "organisation"})["value"] == "Fjordvik FAU"
    assert "author_name-feil" in form.find("input", attrs={"name": "author_name"})["aria-describedby"]
    summary = page.select_one(".error-summary")
    assert summary.find("a", href="#text")


def test_a_too_long_text_is_kept_and_explained(app, pages):
    make_consultation()
    page = pages.get(URL)
    long_text = "Dette er et langt innspill. " * 400
    page = pages.post(URL, form_data(page, author_name="Kari", text=long_text), status=400)
    assert typed_text(page) == long_text.strip()
    assert "høyst 10000 tegn" in page.find(id="text-feil").get_text()


def test_unknown_stance_is_refused_in_norwegian(app, pages):
    make_consultation()
    page = pages.get(URL)
    page = pages.post(URL, form_data(page, author_name="Kari", text="Hei", stance="kanskje"), status=400)
    assert page.find(id="stance-feil").get_text(strip=True) == "Velg et av standpunktene i lista."


def test_double_click_on_send_creates_one_comment(app, pages):
    make_consultation()
    data = form_data(pages.get(URL), author_name="Kari", text="Bare én gang, takk.")
    first = pages.client.post(URL, data=data)
    second = pages.client.post(URL, data=data)
    assert len(saved_comments()) == 1
    assert first.headers["Location"] == second.headers["Location"]


def test_post_to_a_closed_consultation_is_refused_and_the_text_is_shown_back(app, pages):
    make_consultation(open_=False)
    data = {"author_name": "Kari", "text": "Kom for sent med dette.", "submission_key": "abc"}
    page = pages.post(URL, data, status=403)
    assert saved_comments() == []
    assert "ikke åpen for innspill" in page.select_one(".error-summary").get_text()
    assert page.select_one(".rejected-text").get_text() == "Kom for sent med dette."


def test_reply_through_the_reply_link(app, pages):
    consultation = make_consultation()
    root = make_comment(consultation, ANCHOR, text="Hva med de som ikke har Facebook?")
    page = pages.get(URL)
    reply_href = page.find(id=f"kommentar-{root.id}").select_one(".reply-link")["href"]
    page = pages.get(reply_href)
    assert "Svar til Kari Nordmann" in page.select_one("#skjema h2").get_text()
    pages.post(URL, form_data(page, author_name="Per", text="Nettsiden har alt."))
    reply = saved_comments()[-1]
    assert (reply.parent_id, reply.root_id) == (root.id, root.id)
    page = pages.get(URL)
    assert "Nettsiden har alt." in page.find(id=f"kommentar-{root.id}").select_one(".replies").get_text()


def test_reply_to_a_comment_on_another_unit_is_refused_without_losing_the_text(app, pages):
    consultation = make_consultation()
    elsewhere = make_comment(consultation, None)
    page = pages.get(URL)
    data = form_data(page, author_name="Per", text="Mitt svar", parent_id=str(elsewhere.id))
    page = pages.post(URL, data, status=400)
    assert typed_text(page) == "Mitt svar"
    assert len(saved_comments()) == 1


def test_agree_counts_once_per_browser_session(app, client):
    consultation = make_consultation()
    comment = make_comment(consultation, ANCHOR)
    url = f"/hoeringer/digital-dialog/kommentarer/{comment.id}/enig"
    assert client.post(url).status_code == 302
    client.post(url)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 1
    page = client.get(URL, follow_redirects=True).get_data(as_text=True)
    assert "Du er enig" in page
    other_browser = app.test_client()
    other_browser.post(url)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 2


def test_agreement_can_be_taken_back_and_agreed_again(app, client):
    consultation = make_consultation()
    comment = make_comment(consultation, ANCHOR)
    url = f"/hoeringer/digital-dialog/kommentarer/{comment.id}/enig"
    client.post(url)
    page = BeautifulSoup(client.get(URL).get_data(as_text=True), "html.parser")
    pressed = page.find("form", action=url).button
    assert pressed["aria-pressed"] == "true" and "Du er enig (1)" in pressed.get_text()
    assert page.find("form", action=url).find("input", attrs={"name": "action"})["value"] == "withdraw"
    client.post(url, data={"action": "withdraw"})
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 0
    client.post(url, data={"action": "withdraw"})  # twice takes nothing more
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 0
    page = BeautifulSoup(client.get(URL).get_data(as_text=True), "html.parser")
    assert page.find("form", action=url).button["aria-pressed"] == "false"
    client.post(url)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 1


def test_no_one_agrees_with_their_own_comment(app, client):
    make_consultation()
    client.post(URL, data={"author_name": "Kari", "text": "Mitt innspill.", "submission_key": "eget"})
    [comment] = saved_comments()
    url = f"/hoeringer/digital-dialog/kommentarer/{comment.id}/enig"
    page = BeautifulSoup(client.get(URL).get_data(as_text=True), "html.parser")
    assert page.find("form", action=url) is None
    assert page.find(id=f"kommentar-{comment.id}").select_one(".agree-count").get_text() == "0 er enige"
    client.post(url)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 0
    app.test_client().post(url)  # another browser may
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 1


def test_threads_sort_and_filter_with_plain_links(app, client):
    consultation = make_consultation()
    old = make_comment(consultation, ANCHOR, text="Gammelt og for.", stance="support")
    new = make_comment(consultation, ANCHOR, text="Nytt og imot.", stance="against")
    page = BeautifulSoup(client.get(URL).get_data(as_text=True), "html.parser")
    controls = page.select_one("nav.thread-controls")
    assert controls.find("a", attrs={"aria-current": "true"}, string="Eldste først")
    newest = controls.find("a", string="Nyeste først")["href"]
    assert newest == f"{URL}?sortering=nyeste#innspill"
    page = BeautifulSoup(client.get(newest).get_data(as_text=True), "html.parser")
    assert [a["id"] for a in page.select("section.comments > article")] == [f"kommentar-{new.id}", f"kommentar-{old.id}"]
    against = page.select_one("nav.thread-controls").find("a", string="Er imot")["href"]
    assert against == f"{URL}?sortering=nyeste&standpunkt=against#innspill"
    page = BeautifulSoup(client.get(against).get_data(as_text=True), "html.parser")
    assert [a["id"] for a in page.select("section.comments > article")] == [f"kommentar-{new.id}"]
    assert "1 tråd der det første innspillet har standpunktet «Er imot»." in page.get_text()
    # The reply link and the form keep the reader's view.
    assert f"?sortering=nyeste&standpunkt=against&svar={new.id}" in page.select_one(".reply-link")["href"]
    assert client.get(f"{URL}?sortering=%3Cscript%3E&standpunkt=x&side=abc").status_code == 200


def test_a_unit_page_leads_to_the_form_and_the_draft_ends_with_the_whole_document(app, client):
    make_consultation()
    page = BeautifulSoup(client.get(URL).get_data(as_text=True), "html.parser")
    assert page.select_one(".write-link a")["href"] == "#skjema" and page.find(id="skjema")
    draft = BeautifulSoup(client.get("/hoeringer/digital-dialog").get_data(as_text=True), "html.parser")
    assert draft.select_one(".whole-document-end a")["href"] == "/hoeringer/digital-dialog/hele-dokumentet#skjema"


def test_agree_with_an_unknown_comment_is_404(app, client):
    make_consultation()
    assert client.post("/hoeringer/digital-dialog/kommentarer/12345/enig").status_code == 404


@pytest.fixture
def csrf_settings(settings):
    settings["WTF_CSRF_ENABLED"] = True
    return settings


def test_with_csrf_on_a_post_without_token_comes_back_with_the_text_kept(csrf_settings, app, pages):
    make_consultation()
    page = pages.get(URL)
    data = form_data(page, author_name="Kari", text="Teksten min skal ikke forsvinne.")
    data.pop("csrf_token")
    page = pages.post(URL, data, status=400)
    assert saved_comments() == []
    assert "Skjemaet var utløpt" in page.select_one(".error-summary").get_text()
    assert typed_text(page) == "Teksten min skal ikke forsvinne."


def test_with_csrf_on_the_forms_carry_a_valid_token(csrf_settings, app, pages):
    consultation = make_consultation()
    comment = make_comment(consultation, ANCHOR)
    page = pages.get(URL)
    pages.post(URL, form_data(page, author_name="Kari", text="Med gyldig nøkkel."))
    assert len(saved_comments()) == 2
    agree_form = page.find("form", action=f"/hoeringer/digital-dialog/kommentarer/{comment.id}/enig")
    token = agree_form.find("input", attrs={"name": "csrf_token"})["value"]
    pages.client.post(agree_form["action"], data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).agree_count == 1


def test_a_filled_honeypot_saves_nothing_but_keeps_the_text(app, pages):
    make_consultation()
    page = pages.get(URL)
    assert page.select_one(".honeypot input[name=website]")["tabindex"] == "-1"
    page = pages.post(URL, form_data(page, author_name="Bot", text="Kjøp billig!", website="https://spam.example"),
                      status=400)
    assert saved_comments() == []
    assert typed_text(page) == "Kjøp billig!"


def test_posting_too_fast_is_limited_and_the_text_is_shown_back(rate_limited, app, pages):
    app.config["COMMENT_RATE_LIMIT"] = "2 per minute"
    make_consultation()
    page = pages.get(URL)
    for n in range(2):
        pages.client.post(URL, data=form_data(page, author_name="Kari", text=f"Innspill {n}", submission_key=f"k{n}"))
    page = pages.post(URL, form_data(page, author_name="Kari", text="Det tredje innspillet mitt."), status=429)
    assert page.select_one(".rejected-text").get_text() == "Det tredje innspillet mitt."
    assert len(saved_comments()) == 2
