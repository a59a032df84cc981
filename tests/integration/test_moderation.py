"""Moderation end to end: held comments, the queue, decisions, reports from readers."""
import sqlalchemy as sa

from hoering.comments.models import Comment
from hoering.extensions import db
from tests.factories import make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
URL = f"/hoeringer/digital-dialog/{ANCHOR}"
NATIONAL_ID = "010170 10170"  # valid, written with a space after the date


def post_comment(client, text, **fields):
    data = {"author_name": "Kari Nordmann", "text": text, "submission_key": text[:60]}
    data.update(fields)
    return client.post(URL, data=data)


def public_responses(client):
    urls = ["/", "/hoeringer/digital-dialog", URL, "/api/v1/consultations/digital-dialog",
            "/api/v1/consultations/digital-dialog/comments"]
    return "".join(client.get(url).get_data(as_text=True) for url in urls)


def test_a_national_id_is_held_and_never_public_until_a_moderator_redacts_and_approves(app, client, auth, pages):
    make_consultation()
    response = post_comment(client, f"Jeg heter Kari, fødselsnummer {NATIONAL_ID}. Dette er viktig for meg.")
    page = pages.get(response.headers["Location"])
    assert "ser ut til å inneholde personopplysninger (fødselsnummer eller D-nummer)" in page.get_text()
    assert "010170" not in public_responses(client)

    auth.login_as("moderator")
    queue = pages.get("/admin/moderering")
    mark = queue.find("mark")
    assert mark.get_text() == NATIONAL_ID and mark["title"] == "fødselsnummer eller D-nummer"
    comment_id = db.session.scalar(sa.select(Comment.id))
    client.post(f"/admin/moderering/{comment_id}/sladd-personopplysninger")
    assert "010170" not in pages.get("/admin/moderering").get_text()
    client.post(f"/admin/moderering/{comment_id}/godkjenn")
    auth.logout()
    public = public_responses(client)
    assert "fødselsnummer [fjernet]" in public and "010170" not in public


def test_pre_moderated_comment_waits_and_the_citizen_is_told(app, client, auth, pages):
    make_consultation(moderation_mode="pre")
    response = post_comment(client, "Et innspill som må godkjennes først.")
    page = pages.get(response.headers["Location"])
    assert "blir vist når en moderator har godkjent det" in page.get_text()
    assert "må godkjennes først" not in public_responses(client)
    auth.login_as("moderator")
    comment_id = db.session.scalar(sa.select(Comment.id))
    assert "Venter: forhåndsmoderering" in pages.get("/admin/moderering").get_text()
    client.post(f"/admin/moderering/{comment_id}/godkjenn")
    assert "må godkjennes først" in client.get(URL).get_data(as_text=True)


def test_readers_report_a_comment_and_three_reports_hide_it(app, pages):
    consultation = make_consultation()
    comment = make_comment(consultation, ANCHOR, text="Kjøp billige klokker her!")
    report_url = f"/hoeringer/digital-dialog/kommentarer/{comment.id}/meld-fra"
    assert pages.get(URL).find("a", href=report_url)
    page = pages.post(report_url, {"reason": ""}, status=400)
    assert page.find(id="reason-feil")
    for n in range(3):
        reader = app.test_client()
        assert reader.post(report_url, data={"reason": f"Reklame {n}"}).status_code == 302
    assert "billige klokker" not in pages.client.get(URL).get_data(as_text=True)


def test_hidden_comment_leaves_a_placeholder_with_the_reason_and_its_replies(app, client, auth):
    consultation = make_consultation()
    rude = make_comment(consultation, ANCHOR, text="Et frekt innspill.")
    make_comment(consultation, ANCHOR, text="Et saklig svar.", parent_id=rude.id)
    auth.login_as("moderator")
    client.post(f"/admin/moderering/{rude.id}/skjul", data={"reason": "Personangrep"})
    body = client.get(URL).get_data(as_text=True)
    assert "Fjernet av moderator: Personangrep" in body
    assert "Et frekt innspill." not in body and "Et saklig svar." in body
    assert "Et frekt innspill." not in client.get("/api/v1/consultations/digital-dialog/comments").get_data(as_text=True)
    assert "Et frekt innspill." in client.get("/admin/moderering?vis=skjulte").get_data(as_text=True)
    client.post(f"/admin/moderering/{rude.id}/gjenopprett")
    assert "Et frekt innspill." in client.get(URL).get_data(as_text=True)


def test_hiding_without_a_reason_is_refused_with_a_message(app, client, auth, pages):
    comment = make_comment(make_consultation(), ANCHOR)
    auth.login_as("moderator")
    page = pages.post(f"/admin/moderering/{comment.id}/skjul", {"reason": ""})
    assert "Skriv en begrunnelse" in page.get_text()
    assert db.session.get(Comment, comment.id).status == "published"


def test_moderation_redirects_only_within_the_site(app, client, auth):
    comment = make_comment(make_consultation(), ANCHOR)
    auth.login_as("moderator")
    response = client.post(f"/admin/moderering/{comment.id}/godkjenn", data={"tilbake": "https://evil.example/"})
    assert response.headers["Location"].endswith("/admin/moderering")


def test_caseworkers_see_the_email_on_the_staff_page_and_admins_can_erase_it(app, client, auth, pages):
    comment = make_comment(make_consultation(), ANCHOR, email="kari@example.no")
    auth.login_as("caseworker")
    page = pages.get(f"/admin/innspill/{comment.id}")
    assert "kari@example.no" in page.get_text()
    assert page.find("form", action=f"/admin/innspill/{comment.id}/slett-personopplysninger") is None
    auth.logout()
    auth.login_as("admin")
    client.post(f"/admin/innspill/{comment.id}/slett-personopplysninger", data={})
    db.session.expire_all()
    erased = db.session.get(Comment, comment.id)
    assert (erased.author_name, erased.email) == ("(slettet)", None)


def test_moderators_judge_the_text_and_do_not_see_the_email(app, client, auth, pages):
    comment = make_comment(make_consultation(), ANCHOR, email="kari@example.no")
    auth.login_as("moderator")
    page = pages.get(f"/admin/innspill/{comment.id}")
    assert comment.text in page.get_text()
    assert "kari@example.no" not in str(page) and "E-post" not in page.select_one("dl.facts").get_text()
    auth.logout()
    auth.login_as("admin")
    assert "kari@example.no" in pages.get(f"/admin/innspill/{comment.id}").get_text()


def test_a_line_break_in_the_return_address_is_ignored(app, client, auth):
    comment = make_comment(make_consultation(), ANCHOR)
    auth.login_as("moderator")
    response = client.post(f"/admin/moderering/{comment.id}/godkjenn", data={"tilbake": "/admin\r\nX-Evil: 1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/moderering")
