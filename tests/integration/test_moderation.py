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


def submit(client, form, **changes):
    """Post ``form`` as a browser would: its hidden fields and ticked boxes, with ``changes`` on top."""
    data = {}
    for field in form.find_all(["input", "textarea"]):
        if field.get("type") == "checkbox" and not field.has_attr("checked"):
            continue
        data.setdefault(field["name"], []).append(field.get("value", field.get_text()))
    data.update(changes)
    return client.post(form["action"], data=data)


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
    submit(client, queue.find("form", action=f"/admin/moderering/{comment_id}/sladd-personopplysninger"))
    assert "010170" not in pages.get("/admin/moderering").get_text()
    client.post(f"/admin/moderering/{comment_id}/godkjenn")
    auth.logout()
    public = public_responses(client)
    assert "fødselsnummer [fjernet]" in public and "010170" not in public


def test_pre_moderated_comment_waits_and_the_citizen_is_told(app, client, auth, pages):
    make_consultation(moderation_mode="pre")
    response = post_comment(client, "Et innspill som må godkjennes først.")
    page = pages.get(response.headers["Location"])
    receipt = page.select_one("[role=status]").get_text(" ", strip=True)
    assert "I denne høringen leser en moderator alle innspill før de blir vist." in receipt
    assert "må godkjennes først" in page.select_one(".comment-own").get_text()  # the sender sees it
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


def actions_of(page, comment_id):
    return page.find("article", id=f"innspill-{comment_id}") or page.find("section", attrs={"aria-labelledby": "moderering"})


def test_removing_the_marked_data_is_the_main_action_and_publishing_it_needs_a_reason(app, client, auth, pages):
    comment = make_comment(make_consultation(), ANCHOR, text=f"Fødselsnummeret mitt er {NATIONAL_ID}.")
    auth.login_as("moderator")
    for url in ["/admin/moderering", f"/admin/innspill/{comment.id}"]:
        actions = actions_of(pages.get(url), comment.id)
        solid = [b.get_text(strip=True) for b in actions.find_all("button")
                 if b["class"] == ["ds-button", "button"] and not b.has_attr("data-variant")]
        assert solid == ["Fjern personopplysningene"], url
        box = actions.find("input", attrs={"name": "spans"})
        assert box.has_attr("checked") and box.find_parent("fieldset").legend
        anyway = actions.find("form", action=f"/admin/moderering/{comment.id}/godkjenn")
        assert anyway.find("button").get_text(strip=True) == "Godkjenn og publiser likevel"
        assert "button-secondary" in anyway.find("button")["class"]
        assert anyway.find("textarea", attrs={"name": f"publiser-{comment.id}-reason"}).has_attr("required")
        assert anyway.find("input", attrs={"type": "checkbox", "name": f"publiser-{comment.id}-confirm"})


def test_publishing_personal_data_without_a_confirmation_is_refused_and_keeps_the_reason(app, client, auth, pages):
    from hoering.audit.models import AuditEntry

    comment = make_comment(make_consultation(), ANCHOR, text=f"Fødselsnummeret mitt er {NATIONAL_ID}.")
    auth.login_as("moderator")
    url, reason = f"/admin/moderering/{comment.id}/godkjenn", "Innsenderen vil at nummeret skal stå."
    assert client.post(url).status_code == 400
    page = pages.post(url, {f"publiser-{comment.id}-reason": reason, "tilbake": "/admin/moderering"}, status=400)
    assert "Kryss av for at opplysningene kan publiseres." in page.select_one(".error-summary").get_text()
    assert page.find("textarea", id=f"publiser-{comment.id}-reason").get_text().strip() == reason
    assert page.find("details", class_="publish-anyway").has_attr("open")
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status == "pending"
    response = client.post(url, data={f"publiser-{comment.id}-reason": reason, f"publiser-{comment.id}-confirm": "y",
                                      "tilbake": "/admin/moderering"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/moderering")
    assert "010170" in public_responses(client)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "comment.approve"))
    assert entry.after["reason"] == reason and entry.after["published_with_personal_data"] == ["national_id"]
    assert "010170" not in str(entry.after)


def test_a_moderator_picks_which_marked_pieces_to_remove_also_in_the_name(app, client, auth, pages):
    comment = make_comment(make_consultation(), ANCHOR, author_name="Kari 912 34 567",
                           text=f"Ring meg på 913 45 678. Fødselsnummer {NATIONAL_ID}.")
    auth.login_as("moderator")
    queue = pages.get("/admin/moderering")
    item = queue.find("article", id=f"innspill-{comment.id}")
    assert item.h2.find("mark").get_text() == "912 34 567"
    boxes = {box.find_next_sibling("label").get_text(strip=True): box["value"]
             for box in item.find_all("input", attrs={"name": "spans"})}
    assert list(boxes) == ["telefonnummer i navnet: «912 34 567»", "telefonnummer i teksten: «913 45 678»",
                           f"fødselsnummer eller D-nummer i teksten: «{NATIONAL_ID}»"]
    chosen = [value for label, value in boxes.items() if "913" not in label]
    submit(client, item.find("form", action=f"/admin/moderering/{comment.id}/sladd-personopplysninger"),
           spans=chosen)
    db.session.expire_all()
    redacted = db.session.get(Comment, comment.id)
    assert redacted.author_name == "Kari [fjernet]"
    assert redacted.text == "Ring meg på 913 45 678. Fødselsnummer [fjernet]."


def test_marked_pieces_that_changed_meanwhile_are_not_removed_blindly(app, client, auth, pages):
    comment = make_comment(make_consultation(), ANCHOR, text=f"Fødselsnummer {NATIONAL_ID}.")
    auth.login_as("moderator")
    url = f"/admin/moderering/{comment.id}/sladd-personopplysninger"
    page = pages.post(url, {"spans": "text:0:5"})
    assert "Innspillet er endret siden du åpnet siden" in page.get_text()
    page = pages.post(url, {})
    assert "Velg minst én opplysning som skal fjernes." in page.get_text()
    db.session.expire_all()
    assert NATIONAL_ID in db.session.get(Comment, comment.id).text


def test_other_text_is_removed_even_if_the_spaces_are_not_copied_exactly(app, client, auth):
    comment = make_comment(make_consultation(), ANCHOR, text="Naboen min,\nOla   Hansen, bor i Storgata 5.")
    auth.login_as("moderator")
    client.post(f"/admin/moderering/{comment.id}/sladd", data={"span": " Ola Hansen "})
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).text == "Naboen min,\n[fjernet], bor i Storgata 5."


def test_a_too_long_reason_for_publishing_is_refused_and_kept(app, client, auth, pages):
    comment = make_comment(make_consultation(), ANCHOR, text=f"Fødselsnummeret mitt er {NATIONAL_ID}.")
    auth.login_as("moderator")
    reason = "Innsenderen ønsker det. " * 20
    page = pages.post(f"/admin/moderering/{comment.id}/godkjenn",
                      {f"publiser-{comment.id}-reason": reason, f"publiser-{comment.id}-confirm": "y"}, status=400)
    assert "lenger enn 300 tegn" in page.select_one(".error-summary").get_text()
    assert page.find("textarea", id=f"publiser-{comment.id}-reason").get_text().strip() == reason.strip()
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status == "pending"
