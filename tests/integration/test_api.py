"""The open-data API: field names are a promise to outside users."""
import pytest

from tests.factories import make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
CONSULTATION_FIELDS = {"slug", "title", "status", "opens_at", "closes_at", "comment_count", "url"}
UNIT_FIELDS = {"number", "label", "path", "anchor", "kind", "text", "comment_count", "url"}
COMMENT_FIELDS = {
    "id", "unit", "parent", "author_name", "organisation", "stance", "text", "html", "agree_count", "created_at",
    "removed_unit", "version", "official",
}


def test_consultation_list(app, client):
    consultation = make_consultation()
    make_comment(consultation)
    make_consultation("stengt", open_=False)
    body = client.get("/api/v1/consultations").get_json()
    by_slug = {c["slug"]: c for c in body["consultations"]}
    assert set(by_slug) == {"digital-dialog", "stengt"}
    item = by_slug["digital-dialog"]
    assert CONSULTATION_FIELDS <= set(item)
    assert (item["status"], item["comment_count"]) == ("open", 1)
    assert item["url"] == "http://hoering.test/hoeringer/digital-dialog"
    assert item["closes_at"].endswith("Z")
    assert by_slug["stengt"]["status"] == "closed"


def test_consultation_detail_lists_units_in_document_order(app, client):
    consultation = make_consultation()
    make_comment(consultation, ANCHOR)
    body = client.get("/api/v1/consultations/digital-dialog").get_json()
    assert CONSULTATION_FIELDS | {"summary", "units"} <= set(body)
    assert body["summary"].startswith("Kommunen ber om innspill")
    units = body["units"]
    assert all(UNIT_FIELDS <= set(u) for u in units)
    assert [u["number"] for u in units][:4] == ["0.1", "1", "1.1", "1.2"]
    assert {u["kind"] for u in units} == {"heading", "paragraph"}
    facebook = next(u for u in units if u["anchor"] == ANCHOR)
    assert facebook["comment_count"] == 1
    assert facebook["url"] == f"http://hoering.test/hoeringer/digital-dialog/{ANCHOR}"
    assert units[1]["text"] == "Formål"
    # A draft without numbers of its own is cited by ours; a path names each heading with its number.
    assert (units[2]["label"], units[2]["path"]) == ("1.1", ["1 Formål"])


def test_a_laws_units_carry_their_citable_label_and_their_path_of_headings(app, client):
    make_consultation(draft="# Kapittel 12 Reguleringsplan\n\n## § 12-3 Detaljregulering\n\nFørste.\n\nAndre.\n")
    units = client.get("/api/v1/consultations/digital-dialog").get_json()["units"]
    assert [(u["number"], u["label"], u["anchor"]) for u in units] == [
        ("1", "Kapittel 12", "kapittel-12"), ("1.1", "§ 12-3", "paragraf-12-3"),
        ("1.1.1", "§ 12-3 første ledd", "paragraf-12-3-forste-ledd"),
        ("1.1.2", "§ 12-3 andre ledd", "paragraf-12-3-andre-ledd")]
    assert units[3]["path"] == ["Kapittel 12 Reguleringsplan", "§ 12-3 Detaljregulering"]
    assert units[0]["path"] == []


def test_comments_are_paginated_oldest_first_with_a_next_link(app, client):
    consultation = make_consultation()
    root = make_comment(consultation, ANCHOR, text="Første", stance="support", organisation="Fjordvik FAU")
    ids = [root.id] + [make_comment(consultation, ANCHOR, text=f"Svar {n}", parent_id=root.id).id for n in range(4)]
    body = client.get("/api/v1/consultations/digital-dialog/comments?limit=2").get_json()
    first = body["comments"][0]
    assert set(first) == COMMENT_FIELDS
    assert (first["unit"], first["parent"], first["stance"], first["organisation"]) == (
        ANCHOR, None, "support", "Fjordvik FAU",
    )
    assert body["comments"][1]["parent"] == root.id
    seen = [c["id"] for c in body["comments"]]
    while body["next"]:
        body = client.get(body["next"]).get_json()
        seen += [c["id"] for c in body["comments"]]
    assert seen == ids


def test_whole_document_comments_have_unit_null(app, client):
    consultation = make_consultation()
    make_comment(consultation, None)
    [comment] = client.get("/api/v1/consultations/digital-dialog/comments").get_json()["comments"]
    assert comment["unit"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "limit=abc", "after=-1", "after=1.5", "limit=²"])
def test_bad_parameters_give_a_json_400(app, client, query):
    make_consultation()
    response = client.get(f"/api/v1/consultations/digital-dialog/comments?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["status"] == 400
    assert response.get_json()["error"]["message"]


def test_limit_of_a_thousand_is_allowed(app, client):
    make_consultation()
    assert client.get("/api/v1/consultations/digital-dialog/comments?limit=1000").status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/consultations/ukjent", "/api/v1/consultations/ukjent/comments", "/api/v1/nope"])
def test_unknown_things_give_a_json_404(app, client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_a_draft_consultation_is_not_in_the_api(app, client):
    make_consultation("utkast", phase="draft")
    assert client.get("/api/v1/consultations").get_json() == {"consultations": []}
    assert client.get("/api/v1/consultations/utkast").status_code == 404


def test_a_cursor_beyond_any_id_is_an_empty_page_on_every_database(app, client):
    """Found by the fuzzer on PostgreSQL, whose integer ids end at 2**31 - 1: the query failed (a 500)."""
    make_comment(make_consultation(), ANCHOR)
    body = client.get(f"/api/v1/consultations/digital-dialog/comments?after={2**40}").get_json()
    assert body == {"comments": [], "next": None}


@pytest.mark.parametrize("parameter", ["limit", "after"])
def test_an_empty_number_is_refused_as_the_description_says(app, client, parameter):
    """Found by the fuzzer: `limit=` was read as the default, which the description does not allow."""
    make_consultation()
    response = client.get(f"/api/v1/consultations/digital-dialog/comments?{parameter}=")
    assert response.status_code == 400 and parameter in response.get_json()["detail"]
