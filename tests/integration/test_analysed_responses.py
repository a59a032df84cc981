"""Formal responses in the analysis: a published response with something to say (its text, its
attachments' text) takes part in themes, campaigns and quotes as an organisation's, under the body's
name; the caseworker reviews it as a comment, and the public summary and the memo quote it."""
import io

import pytest
from bs4 import BeautifulSoup
from docx import Document
from flask_babel import force_locale

from hoering.casework import review
from hoering.casework.services import is_stale, latest_result, run_now
from hoering.exports.memo import write_memo
from hoering.exports.memo_data import memo_for
from hoering.responses.models import FormalResponse
from hoering.responses.services import BodyInput
from hoering.extensions import db
from tests.factories import ORSTA, TOPICAL_COMMENTS, invite_bodies, make_comment, make_consultation
from tests.fixtures.documents import pdf_bytes
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.uploads import answer_invitation, post_files

SLUG = "digital-dialog"
ANALYSIS = f"/admin/hoeringer/{SLUG}/analyse"
STAFF_RESPONSES = f"/admin/hoeringer/{SLUG}/hoeringssvar"
# The letter from Ørsta says little in its text; what it says about snow clearing is in its PDF.
LETTER = "Svartiden for brøyting og veier må bli kortere enn to virkedager"
IDENTITY_NUMBER = "01010112345"


@pytest.fixture
def bodies(app, client):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 3):
        make_comment(consultation, None, text=f"{text} ({n})", stance="support" if n % 2 else "against")
    ørsta, volda, ssb = invite_bodies(
        app, consultation, ORSTA, BodyInput("Volda kommune", "post@volda.example.no", "kommune"),
        BodyInput("Statistisk sentralbyrå", "ssb@ssb.example.no", "statlig", "971 526 920"))
    answer_invitation(client, ørsta, "Se vedlagt uttale.",
                      [("Uttale.pdf", pdf_bytes(f"{LETTER}. Brøyting av veier haster om vinteren."))])
    answer_invitation(client, volda, no_comments="y")
    answer_invitation(client, ssb, f"Brøyting av veier. Saksbehandler har fødselsnummer {IDENTITY_NUMBER}.")
    assert post_files(client, f"/hoeringer/{SLUG}/hoeringssvar/ny", {
        "answering_as": "privatperson", "publish_name": "nei", "contact_name": "Ola Nordmann",
        "contact_email": "ola@example.no",
        "text": "Kommentarfeltet på Facebook må være åpent hele uka, også i helgene."}).status_code == 302
    return consultation, {row.body_name: row for row in db.session.scalars(db.select(FormalResponse))}


def analysed_ids(result: dict) -> set:
    ids = set(result["unthemed"]["comment_ids"])
    for theme in result["themes"]:
        ids.update(theme["comment_ids"])
    return ids


def theme_with(consultation, analysis_id: int) -> dict:
    return review.current_review(consultation).reviewed.theme_of(analysis_id)


def test_published_responses_are_analysed_as_organisations_with_their_attachments_text(bodies):
    consultation, responses = bodies
    run = run_now(consultation)
    ørsta, person = -responses["Ørsta kommune"].id, -responses["Ola Nordmann"].id
    ids = analysed_ids(run.result)
    assert {ørsta, person} <= ids
    # "No comments" has nothing to analyse; a held response is not public, so not analysed either.
    assert -responses["Volda kommune"].id not in ids and -responses["Statistisk sentralbyrå"].id not in ids
    assert run.comment_count == 18 and run.result["comments"] == 20
    assert run.result["participants"]["organisations"] == 1
    assert run.result["participants"]["organisation_comments"] == 1
    # The PDF's words put Ørsta's letter with the comments on snow clearing.
    theme = theme_with(consultation, ørsta)
    assert theme is not None and any(
        "brøyting" in text for text in (c.text for c in review.analysed_sources(consultation, theme["comment_ids"]).values()))


def test_the_analysis_is_stale_when_a_response_is_published_revised_or_hidden(bodies, client, auth):
    consultation, responses = bodies
    run_now(consultation)
    assert not is_stale(latest_result(consultation), consultation)
    auth.login_as("moderator")
    held = responses["Statistisk sentralbyrå"]
    assert client.post(f"{STAFF_RESPONSES}/{held.id}/publiser").status_code == 302
    assert is_stale(latest_result(consultation), consultation)
    assert -held.id in analysed_ids(run_now(consultation).result)
    assert client.post(f"{STAFF_RESPONSES}/{held.id}/skjul", data={"reason": "Personopplysninger"}).status_code == 302
    assert is_stale(latest_result(consultation), consultation)


def test_the_caseworker_reviews_moves_and_quotes_a_response_from_its_attachment(bodies, client, auth, pages):
    consultation, responses = bodies
    run_now(consultation)
    ørsta = responses["Ørsta kommune"]
    theme = theme_with(consultation, -ørsta.id)
    auth.login_as("caseworker")
    page = pages.get(f"{ANALYSIS}/temaer/{theme['id']}")
    item = page.select_one(f"#innspill--{ørsta.id}")
    assert f"høringssvar {ørsta.id} · Ørsta kommune" in item.select_one("label").get_text()
    assert item.select_one("a.review-comment-link")["href"] == f"{STAFF_RESPONSES}#svar-{ørsta.id}"
    assert LETTER in item.get_text()

    run_id = review.current_review(consultation).run.id
    refused = client.post(f"{ANALYSIS}/temaer/{theme['id']}/utvalg", data={
        "run_id": run_id, "selected": [-ørsta.id], "text": "Dette står ikke i brevet.", "action": "quote"})
    assert refused.status_code == 400
    assert client.post(f"{ANALYSIS}/temaer/{theme['id']}/utvalg", data={
        "run_id": run_id, "selected": [-ørsta.id], "text": LETTER, "action": "quote"}).status_code == 302
    quotes = theme_with(consultation, -ørsta.id)["quotes"]
    assert {"comment_id": -ørsta.id, "text": LETTER, "stance": "not_stated"} in quotes
    analysis = pages.get(ANALYSIS)
    link = next(a for a in analysis.select("blockquote a") if a.get_text() == f"høringssvar {ørsta.id}")
    assert link["href"] == f"{STAFF_RESPONSES}#svar-{ørsta.id}"

    other = next(t for t in review.current_review(consultation).reviewed.themes if t["id"] != theme["id"])
    assert client.post(f"{ANALYSIS}/temaer/{theme['id']}/utvalg", data={
        "run_id": run_id, "selected": [-ørsta.id], "theme": other["id"], "action": "move"}).status_code == 302
    assert theme_with(consultation, -ørsta.id)["id"] == other["id"]
    assert f"høringssvar {ørsta.id} flyttet til" in pages.get(f"{ANALYSIS}/temaer/{other['id']}").select_one(
        ".undo-last").get_text()


def quote_response(client, consultation, response: FormalResponse, text: str) -> None:
    """Make ``text`` of ``response`` its theme's only quote (the page shows a few per theme)."""
    theme = theme_with(consultation, -response.id)
    for quote in theme["quotes"]:
        client.post(f"{ANALYSIS}/temaer/{theme['id']}/sitater/fjern", data={
            "run_id": review.current_review(consultation).run.id, "comment_id": quote["comment_id"],
            "text": quote["text"]})
    assert client.post(f"{ANALYSIS}/temaer/{theme['id']}/utvalg", data={
        "run_id": review.current_review(consultation).run.id, "selected": [-response.id], "text": text,
        "action": "quote"}).status_code == 302


def sign_off(client, consultation) -> None:
    run_id = review.current_review(consultation).run.id
    for theme in review.current_review(consultation).reviewed.themes:
        client.post(f"{ANALYSIS}/temaer/{theme['id']}/gjennomgatt", data={"run_id": run_id})
    assert client.post(f"/admin/hoeringer/{SLUG}/oppsummering/godkjenn", data={
        "run_id": run_id, "confirm": "y", "interim_reason": "Til formannskapet."}).status_code == 302


def caption(figure) -> str:
    return " ".join(figure.select_one("figcaption").get_text().split())


def test_the_public_summary_quotes_a_response_under_its_published_name_while_it_is_published(bodies, client, auth):
    consultation, responses = bodies
    run_now(consultation)
    ørsta, person = responses["Ørsta kommune"], responses["Ola Nordmann"]
    auth.login_as("caseworker")
    quote_response(client, consultation, ørsta, LETTER)
    quote_response(client, consultation, person, "Kommentarfeltet på Facebook må være åpent hele uka")
    sign_off(client, consultation)
    auth.logout()

    page = BeautifulSoup(client.get(f"/hoeringer/{SLUG}/oppsummering").get_data(as_text=True), "html.parser")
    facts = dict(zip((dt.get_text() for dt in page.select(".facts dt")), (dd.get_text() for dd in page.select(".facts dd"))))
    assert (facts["Innspill"], facts["Av dem formelle høringssvar"]) == ("20", "2")
    figures = {figure.select_one("blockquote").get_text(strip=True): figure for figure in page.select(".summary-quote")}
    letter = figures[LETTER]
    assert caption(letter) == "Ørsta kommune · Høringssvar"
    assert letter.select_one("figcaption a")["href"].endswith(f"/hoeringer/{SLUG}/hoeringssvar#svar-{ørsta.id}")
    assert caption(figures["Kommentarfeltet på Facebook må være åpent hele uka"]) == "Privatperson · Høringssvar"
    assert "Ola Nordmann" not in page.get_text()

    auth.login_as("moderator")
    assert client.post(f"{STAFF_RESPONSES}/{ørsta.id}/skjul", data={"reason": "Feil mottaker"}).status_code == 302
    auth.logout()
    assert LETTER not in client.get(f"/hoeringer/{SLUG}/oppsummering").get_data(as_text=True)


def test_the_memo_quotes_a_response_as_the_bodys_and_counts_it_in_its_theme(bodies, client, auth):
    consultation, responses = bodies
    run_now(consultation)
    ørsta = responses["Ørsta kommune"]
    auth.login_as("caseworker")
    quote_response(client, consultation, ørsta, LETTER)
    theme = theme_with(consultation, -ørsta.id)
    target = io.BytesIO()
    with force_locale("nb"):
        memo = memo_for(consultation, "nb")
        write_memo(memo, [], target)
    counted = next(t for t in memo.summary["themes"] if t["key"] == theme["key"])
    assert counted["count"] == len(theme["comment_ids"])
    assert counted["stance"]["not_stated"] >= 1
    texts = [paragraph.text for paragraph in Document(io.BytesIO(target.getvalue())).paragraphs]
    assert f"«{LETTER}» – høringssvar fra Ørsta kommune" in texts


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_names_and_text_of_a_response_stay_text_in_the_review_and_the_summary(app, client, auth, payload):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 2):
        make_comment(consultation, None, text=f"{text} ({n})")
    assert post_files(client, f"/hoeringer/{SLUG}/hoeringssvar/ny", {
        "answering_as": "organisasjon", "organisation_name": payload[:200], "organisation_number": "",
        "category": "organisasjon", "contact_name": "Kari Nordmann", "contact_email": "kari@example.no",
        "text": f"Brøyting av veier haster. {payload}"}).status_code == 302
    response = db.session.scalars(db.select(FormalResponse)).one()
    run_now(consultation)
    auth.login_as("caseworker")
    quote_response(client, consultation, response, response.text[-200:].strip())
    theme = theme_with(consultation, -response.id)
    for path in (ANALYSIS, f"{ANALYSIS}/temaer/{theme['id']}"):
        assert_inert(without_charts(client.get(path)))
    sign_off(client, consultation)
    assert_inert(without_charts(client.get(f"/hoeringer/{SLUG}/oppsummering")))


def without_charts(response) -> str:
    """The page without the app's own SVG charts (which assert_inert would take for an attack)."""
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for chart in page.select("svg.chart, svg.chart-swatch"):
        chart.decompose()
    return str(page)


def test_organisations_sending_the_same_letter_are_found_as_a_campaign(app, client):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 2):
        make_comment(consultation, None, text=f"{text} ({n})")
    letter = ("Vi ber kommunen beholde det åpne kommentarfeltet på Facebook i helgene, fordi mange innbyggere "
              "bare har tid til å følge med da. Et stengt kommentarfelt gjør det vanskeligere å nå kommunen.")
    for name in ("Fjordvik vel", "Nordsida grendalag", "Sentrum beboerforening", "Fjordvik pensjonistlag"):
        assert post_files(client, f"/hoeringer/{SLUG}/hoeringssvar/ny", {
            "answering_as": "organisasjon", "organisation_name": name, "organisation_number": "",
            "category": "organisasjon", "contact_name": "Kari Nordmann", "contact_email": "kari@example.no",
            "text": f"{letter}\n\nHilsen {name}"}).status_code == 302
    responses = {-response.id for response in db.session.scalars(db.select(FormalResponse))}
    campaigns = run_now(consultation).result["campaigns"]
    assert [set(campaign["comment_ids"]) for campaign in campaigns] == [responses]
