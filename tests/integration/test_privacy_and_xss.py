"""Hostile input in every field stays inert (a corpus of 60 payloads); an e-mail never reaches the public."""
from tests.factories import make_comment, make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"


def public_urls(client, slug: str) -> list[str]:
    units = client.get(f"/api/v1/consultations/{slug}").get_json()["units"]
    return ["/", f"/hoeringer/{slug}", f"/hoeringer/{slug}/hele-dokumentet"] + [
        u["url"].replace("http://hoering.test", "") for u in units
    ]


def assert_everything_inert(client, slug: str) -> None:
    for url in public_urls(client, slug):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.get_data(as_text=True))
    body = client.get(f"/api/v1/consultations/{slug}").get_json()
    for unit in body["units"]:
        assert_inert(unit["html"])
    feed = client.get(f"/api/v1/consultations/{slug}/comments?limit=1000").get_json()["comments"]
    for comment in feed:
        assert_inert(comment["html"])
    return feed


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50


def test_hostile_input_in_every_citizen_field_is_inert_in_pages_and_api(app, client):
    consultation = make_consultation()
    roots = []
    for n, payload in enumerate(PAYLOADS):
        roots.append(make_comment(consultation, ANCHOR if n % 2 else None, author_name=f"Navn {payload}"[:120],
                                  organisation=f"Lag {payload}"[:200], text=f"Tekst {payload}"))
    make_comment(consultation, ANCHOR, text=PAYLOADS[0], parent_id=roots[1].id)
    feed = assert_everything_inert(client, "digital-dialog")
    published = {c["text"] for c in feed}
    assert f"Tekst {PAYLOADS[0]}" in published  # the source text comes back exactly as typed
    for root in roots[:5]:
        response = client.get(f"/hoeringer/digital-dialog/{ANCHOR}?svar={root.id}")
        assert_inert(response.get_data(as_text=True))


def test_hostile_input_in_every_planner_field_and_the_draft_is_inert(app, client):
    draft = "\n\n".join(f"# Overskrift {p}\n\nAvsnitt {p}\n\n- {p}\n\n> {p}" for p in PAYLOADS)
    make_consultation(
        title=f"Tittel {PAYLOADS[0]}", summary="\n\n".join(PAYLOADS), organisation=f"Org {PAYLOADS[8]}",
        contact=PAYLOADS[22], draft=draft,
    )
    assert_everything_inert(client, "digital-dialog")


def test_hostile_text_in_an_uploaded_word_draft_is_inert(app, client):
    import io

    import docx

    from hoering.consultations.docx_import import docx_to_markdown

    document = docx.Document()
    for payload in (p for p in PAYLOADS if "\x00" not in p):  # XML cannot hold a NUL byte at all
        document.add_heading(f"Kapittel {payload}", level=1)
        document.add_paragraph(f"Avsnitt {payload}")
        document.add_paragraph(payload, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    make_consultation(draft=docx_to_markdown(buffer.getvalue()))
    assert_everything_inert(client, "digital-dialog")


def test_an_email_address_never_appears_in_any_public_response(app, client):
    consultation = make_consultation()
    root = make_comment(consultation, ANCHOR, email="hemmelig.adresse@example.no")
    make_comment(consultation, None, email="annen.hemmelig@example.no", parent_id=None)
    urls = [
        "/", "/hoeringer/digital-dialog", f"/hoeringer/digital-dialog/{ANCHOR}",
        f"/hoeringer/digital-dialog/{ANCHOR}?svar={root.id}", "/hoeringer/digital-dialog/hele-dokumentet",
        "/api/v1/consultations", "/api/v1/consultations/digital-dialog",
        "/api/v1/consultations/digital-dialog/comments",
    ]
    for url in urls:
        body = client.get(url, follow_redirects=True).get_data(as_text=True)
        assert "hemmelig" not in body, url


def test_control_characters_in_urls_and_forms_are_handled_without_an_error(app, client, auth):
    make_consultation()
    for url in ["/hoeringer/digital%00dialog", "/api/v1/consultations/x%00y", f"/hoeringer/digital-dialog/{ANCHOR}%00"]:
        assert client.get(url).status_code == 404, url
    response = client.post(f"/hoeringer/digital-dialog/{ANCHOR}",
                           data={"author_name": "Kari\x00", "text": "Hei\x00 du\x07", "submission_key": "k\x00"})
    assert response.status_code == 302
    assert "Hei du" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert client.post("/logg-inn", data={"email": "a\x00@b.no", "password": "x\x00"}).status_code == 400
