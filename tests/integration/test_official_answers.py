"""The municipality answers: a caseworker or the consultation's planner replies as the municipality,
the answer stands out in the thread and the API, and the staff see the questions still unanswered."""
import pytest
import sqlalchemy as sa

from hoering.casework.services import run_now
from hoering.comments.models import Comment
from hoering.consultations.models import MODERATION_PRE
from hoering.exports.memo_data import memo_for
from hoering.extensions import db
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
URL = f"/hoeringer/digital-dialog/{ANCHOR}"
QUESTIONS = "/admin/hoeringer/digital-dialog/ubesvarte-sporsmal"
QUESTION = "Hva med de som ikke har Facebook?"
ANSWER = "Alt som står på Facebook, står også på kommunens nettside."


def reply_form(pages, comment) -> tuple:
    """The reply form of ``comment``'s discussion page, reached through its reply link."""
    page = pages.get(URL)
    page = pages.get(page.find(id=f"kommentar-{comment.id}").select_one(".reply-link")["href"])
    form = page.select_one("#skjema form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    return page, data


def answer(pages, comment, text=ANSWER, status=200, **fields):
    page, data = reply_form(pages, comment)
    data.update({"author_name": page.select_one("#author_name").get("value", ""), "official": "y", "text": text,
                 **fields})
    return pages.post(URL, data, status=status)


def saved() -> Comment:
    """The newest comment."""
    return db.session.scalars(sa.select(Comment).order_by(Comment.id.desc())).first()


@pytest.fixture
def question(app):
    return make_comment(make_consultation(), ANCHOR, text=QUESTION)


def test_a_caseworker_answers_as_the_municipality_and_the_answer_stands_out(question, auth, pages, client):
    auth.login_as("caseworker")
    page, _ = reply_form(pages, question)
    official = page.select_one("#official")
    assert official.has_attr("checked")
    assert page.select_one("#author_name")["value"] == "Ansatt caseworker"
    assert page.select_one("#email") is None  # the citizen's fields are not the staff's

    page = answer(pages, question)
    posted = saved()
    assert (posted.official, posted.answered_as, posted.parent_id) == (True, "caseworker", question.id)
    assert posted.author_name == "Ansatt caseworker" and posted.email is None
    assert "Svaret fra kommunen er publisert." in page.get_text()
    shown = page.find(id=f"kommentar-{posted.id}")
    assert "comment-official" in shown["class"]
    assert shown.select_one(".official-label").get_text() == "Svar fra Fjordvik kommune"
    assert shown.select_one(".comment-author").get_text() == "Ansatt caseworker, saksbehandler"
    assert ANSWER in shown.select_one(".comment-body").get_text()

    auth.logout()
    comments = client.get("/api/v1/consultations/digital-dialog/comments").get_json()["comments"]
    assert [(c["id"], c["official"]) for c in comments] == [(question.id, False), (posted.id, True)]


def test_the_planner_of_the_consultation_answers_but_not_a_moderator_or_another_planner(app, auth, pages):
    consultation = make_consultation()
    question = make_comment(consultation, ANCHOR, text=QUESTION)
    planner = auth.login_as("planner")
    consultation.owner_id = planner.id
    db.session.commit()
    answer(pages, question)
    assert (saved().official, saved().answered_as) == (True, "planner")

    for roles, email in ((("planner",), "annen-planlegger@fjordvik.example.no"), (("moderator",), None)):
        auth.logout()
        auth.login_as(*roles, email=email)
        page, _ = reply_form(pages, question)
        assert page.select_one("#official") is None
        answer(pages, question, text="Jeg prøver å svare som kommunen.", author_name="Per")
        assert saved().official is False  # a plain comment under the name typed


def test_a_citizen_cannot_make_an_answer_official(question, pages):
    page, data = reply_form(pages, question)
    assert page.select_one("#official") is None
    pages.post(URL, {**data, "author_name": "Per", "official": "y", "text": "Svar fra kommunen: nei."})
    assert saved().official is False


def test_an_answer_with_personal_data_is_refused_with_the_text_kept(question, auth, pages):
    auth.login_as("caseworker")
    text = "Ring saksbehandler, fødselsnummer 01010112345."
    page = answer(pages, question, text=text, status=400)
    assert "personopplysninger" in page.select_one(".error-summary").get_text()
    assert text in page.find("textarea", attrs={"name": "text"}).get_text()
    assert saved().id == question.id


def test_an_answer_is_published_at_once_in_a_pre_moderated_consultation(app, auth, pages):
    question = make_comment(make_consultation(moderation_mode=MODERATION_PRE), ANCHOR, text=QUESTION)
    question.status = "published"  # a moderator approved the citizen's question
    db.session.commit()
    auth.login_as("caseworker")
    answer(pages, question)
    assert (saved().official, saved().status) == (True, "published")


def test_answers_are_not_input_to_the_analysis_or_the_memo(app, auth, pages):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 2):
        make_comment(consultation, ANCHOR, text=f"{text} ({n})")
    question = make_comment(consultation, ANCHOR, text=QUESTION)
    auth.login_as("caseworker")
    answer(pages, question)
    official = saved()
    run = run_now(consultation)
    analysed = set(run.result["unthemed"]["comment_ids"]).union(*(t["comment_ids"] for t in run.result["themes"]))
    assert question.id in analysed and official.id not in analysed
    assert run.comment_count == 13
    assert memo_for(consultation, "nb").participation.comments == 13


def test_the_unanswered_questions_oldest_first_until_the_municipality_answers(app, auth, pages, client):
    consultation = make_consultation()
    first = make_comment(consultation, ANCHOR, text="Hvorfor stenger dere kommentarfeltet")
    make_comment(consultation, ANCHOR, text="Jeg støtter forslaget.")
    whole = make_comment(consultation, None, text="Når kommer neste versjon?")
    make_comment(consultation, ANCHOR, text="Svar til deg: hvorfor ikke?", parent_id=first.id)
    auth.login_as("caseworker")
    page = pages.get(QUESTIONS)
    listed = [int(item["id"].removeprefix("sporsmal-")) for item in page.select(".question")]
    assert listed[:2] == [first.id, whole.id] and len(listed) == 3  # the citizen's reply asks too
    link = page.find(id=f"sporsmal-{first.id}").select_one("a")["href"]
    assert link == f"{URL}?svar={first.id}#skjema"
    assert "hele dokumentet" in page.find(id=f"sporsmal-{whole.id}").get_text()

    answer(pages, first)
    listed = [item["id"] for item in pages.get(QUESTIONS).select(".question")]
    assert f"sporsmal-{first.id}" not in listed and f"sporsmal-{whole.id}" in listed


def test_the_unanswered_questions_are_for_those_who_may_answer(app, auth, client):
    make_consultation()
    assert client.get(QUESTIONS).status_code == 302  # to the login page
    auth.login_as("moderator")
    assert client.get(QUESTIONS).status_code == 403
    auth.logout()
    auth.login_as("planner")
    assert client.get(QUESTIONS).status_code == 200  # a consultation without an owner is every planner's


@pytest.mark.parametrize("payload", PAYLOADS[::3])
def test_hostile_questions_and_answers_stay_text(app, auth, pages, client, payload):
    question = make_comment(make_consultation(), ANCHOR, text=f"{payload}?", author_name=payload[:120])
    auth.login_as("caseworker")
    answer(pages, question, text=f"Svar: {payload}")
    assert_inert(client.get(QUESTIONS).get_data(as_text=True))
    assert_inert(client.get(URL).get_data(as_text=True))
