"""The search pages and the API's q= through the WSGI app: what citizens and staff find, and how it shows."""
from urllib.parse import parse_qs, urlparse

import pytest

from hoering.comments import receipts
from hoering.comments.models import HIDDEN, PENDING
from hoering.extensions import db
from hoering.responses.models import HELD, FormalResponse
from tests.factories import make_comment, make_consultation
from tests.inert import assert_inert
from tests.fixtures.search_queries import NASTY_QUERIES


def _hits(page):
    return [li.select_one(".search-snippet").get_text(" ", strip=True) for li in page.select("#treff-innspill ~ ol li")]


def test_an_empty_search_is_a_page_with_the_form(app, pages):
    page = pages.get("/sok")
    assert page.select_one("main form[role=search] input[name=q]")
    assert not page.select("#treff-innspill")
    assert pages.get("/sok?q=%20%22%28*")("p", string="Skriv ett eller flere ord å søke etter.")


def test_every_page_has_a_search_box_in_its_header_and_a_consultation_one_for_itself(app, pages):
    make_consultation()
    page = pages.get("/hoeringer/digital-dialog")
    assert page.select_one("header form[role=search]")["action"] == "/sok"
    own = page.select_one("main form[role=search]")
    assert own["action"] == "/sok" and own.select_one("input[name=horing]")["value"] == "digital-dialog"


def test_citizens_find_published_comments_marked_escaped_and_linked_never_held_ones(app, pages):
    consultation = make_consultation()
    shown = make_comment(consultation, text="Lekeplassen <script>alert(1)</script> er nedslitt.",
                         email="kari@example.no", organisation="Velforeningen")
    for status in (PENDING, HIDDEN):
        make_comment(consultation, text=f"Lekeplassen er {status}.").status = status
    db.session.commit()
    response = pages.client.get("/sok?q=lekeplass")
    html = response.get_data(as_text=True)
    assert_inert(html)
    assert "<mark>Lekeplassen</mark> &lt;script&gt;alert(1)&lt;/script&gt; er nedslitt." in html
    assert "kari@example.no" not in html and "Lekeplassen er" not in html
    page = pages.get("/sok?q=lekeplass")
    hit = page.select_one(".search-hit")
    assert hit.a["href"] == f"/hoeringer/digital-dialog/kommentarer/{shown.id}"
    assert hit.a.get_text() == "Innspill fra Kari Nordmann (Velforeningen)"
    assert "«Strategi for digital dialog med innbyggerne»" in hit.get_text()
    assert page.select_one("#treff-horinger") is None
    assert len(page.select(".search-hit")) == 1


def test_an_edited_comment_is_found_by_its_new_words_and_a_withdrawn_one_not_at_all(app, pages):
    consultation = make_consultation()
    edited = make_comment(consultation, text="Bussen går for sjelden.", email="kari@example.no")
    withdrawn = make_comment(consultation, text="Bussen er alltid full.", email="ola@example.no")
    receipts.edit(edited, consultation, "Toget går for sjelden.", None)
    receipts.withdraw(withdrawn, consultation)
    assert _hits(pages.get("/sok?q=toget")) == ["Toget går for sjelden."]
    assert _hits(pages.get("/sok?q=bussen")) == []


def test_results_come_best_first_and_are_paged(app, pages):
    consultation = make_consultation()
    make_comment(consultation, text="Om brøyting, og mye annet: veier, fortau, parkering, lys og benker i byen.")
    for n in range(20):
        make_comment(consultation, text=f"Brøyting nummer {n} og brøyting igjen.")
    make_comment(consultation, text="Brøyting, brøyting, brøyting!")
    first = pages.get("/sok?q=br%C3%B8yting")
    assert str(first.select_one(".search-snippet")) == (
        '<p class="search-snippet"><mark>Brøyting</mark>, <mark>brøyting</mark>, <mark>brøyting</mark>!</p>')
    assert first.select_one(".search-count").get_text(strip=True) == "Treff 1–20 av 22"
    next_link = first.select_one("nav.pagination a[rel=next]")["href"]
    assert parse_qs(urlparse(next_link).query) == {"q": ["brøyting"], "side": ["2"]}
    second = pages.get(next_link)
    assert len(_hits(second)) == 2
    assert _hits(second)[-1] == "Om brøyting , og mye annet: veier, fortau, parkering, lys og benker i byen."
    assert second.select_one("ol.search-results")["start"] == "21"


def test_a_search_within_one_consultation(app, pages):
    here, there = make_consultation(), make_consultation("annen", title="Kommuneplan")
    make_comment(here, text="Sykkelveien er for smal.")
    make_comment(there, text="Sykkelveien er fin.")
    page = pages.get("/sok?q=sykkelveien&horing=digital-dialog")
    assert _hits(page) == ["Sykkelveien er for smal."]
    assert page.h1.get_text() == "Søk i «Strategi for digital dialog med innbyggerne»"
    assert len(_hits(pages.get("/sok?q=sykkelveien"))) == 2
    pages.get("/sok?q=sykkelveien&horing=finnes-ikke", status=404)


def test_consultations_are_found_above_the_comments(app, pages):
    make_consultation("badeplass", title="Ny badeplass ved fjorden")
    page = pages.get("/sok?q=badeplass")
    assert str(page.select_one("#treff-horinger ~ ul .card-title a")) == (
        '<a href="/hoeringer/badeplass">Ny <mark>badeplass</mark> ved fjorden</a>')


def test_staff_find_every_comment_with_its_status_and_formal_responses_held_ones_too(app, pages, auth):
    consultation = make_consultation()
    held = make_comment(consultation, text="Vannverket lekker.")
    held.status = PENDING
    db.session.add(FormalResponse(consultation_id=consultation.id, reference="HS-1", channel="form",
                                  body_name="Naboforeningen", category="organisasjon", contact_name="Nina",
                                  contact_email="nina@example.no", text="Vannverket må fornyes.", status=HELD))
    db.session.commit()
    response_id = db.session.scalar(db.select(FormalResponse.id))
    assert _hits(pages.get("/sok?q=vannverket")) == []
    pages.get("/admin/sok?q=vannverket", status=302)
    auth.login_as("moderator")
    page = pages.get("/admin/sok?q=vannverket")
    comment = page.select_one("#treff-innspill ~ ol .search-hit")
    assert comment.a["href"] == f"/admin/innspill/{held.id}"
    assert comment.select_one(".badge").get_text() == "Venter på moderator"
    response = page.select_one("#treff-hoeringssvar ~ ol .search-hit")
    assert response.a["href"] == f"/admin/hoeringer/digital-dialog/hoeringssvar#svar-{response_id}"
    assert "nina@example.no" not in str(page)
    auth.logout()
    auth.login_as("planner")
    pages.get("/admin/sok?q=vannverket", status=403)


def test_the_staff_start_page_links_to_the_search(app, pages, auth):
    auth.login_as("caseworker")
    assert pages.get("/admin").find("a", href="/admin/sok")


def test_the_api_filters_comments_by_q_and_its_next_link_keeps_it(app, client):
    consultation = make_consultation()
    ids = [make_comment(consultation, text=text).id
           for text in ("Fergen er full.", "Bussen er full.", "Fergen er sen.", "Fergene er gamle.")]
    body = client.get("/api/v1/consultations/digital-dialog/comments?q=ferge&limit=2").get_json()
    assert [c["id"] for c in body["comments"]] == [ids[0], ids[2]]
    assert parse_qs(urlparse(body["next"]).query) == {"after": [str(ids[2])], "limit": ["2"], "q": ["ferge"]}
    rest = client.get(body["next"]).get_json()
    assert ([c["id"] for c in rest["comments"]], rest["next"]) == ([ids[3]], None)
    everything = client.get("/api/v1/consultations/digital-dialog/comments?q=").get_json()
    assert len(everything["comments"]) == 4
    too_long = client.get("/api/v1/consultations/digital-dialog/comments", query_string={"q": "skole " * 40})
    assert too_long.status_code == 400
    assert too_long.get_json()["error"]["message"] == "Parameteren q kan ha høyst 200 tegn."


@pytest.mark.parametrize("q", NASTY_QUERIES)
def test_no_input_gives_an_error_page(app, client, auth, q):
    make_comment(make_consultation(), text="Skole og vei.")
    assert client.get("/sok", query_string={"q": q, "horing": "digital-dialog", "side": "x"}).status_code == 200
    api = client.get("/api/v1/consultations/digital-dialog/comments", query_string={"q": q})
    assert api.status_code == (200 if len(q) <= 200 else 400)
    auth.login_as("caseworker")
    assert client.get("/admin/sok", query_string={"q": q, "side": "999999999999"}).status_code == 200
