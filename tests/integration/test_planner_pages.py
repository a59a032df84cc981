"""The planner's pages through the browser's eyes: create, preview, upload, publish, and who may do what."""
import io
import os
import zipfile
from datetime import date, timedelta

import docx
import pytest
import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.consultations import planning
from hoering.consultations.docx_import import (
    CORRUPT,
    MAX_DOCX_BYTES,
    NOT_DOCX,
    PASSWORD_PROTECTED,
    TOO_LARGE,
    TOO_LONG,
)
from hoering.consultations.models import Consultation, DraftVersion
from hoering.consultations.planning import ConsultationInput
from hoering.extensions import db
from hoering.markup import clean_text
from tests.factories import DRAFT, make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert
from tests.write_lock import lock_order

NEW = "/admin/hoeringer/ny"


def form_data(**changes) -> dict:
    today = date.today()
    data = {
        "title": "Kommunedelplan for Fjordvik sentrum",
        "slug": "",
        "summary": "Kommunen ber om innspill til planen for sentrum.",
        "organisation": "Plan og bygg",
        "contact": "Ola Nordmann, 55 55 55 55",
        "opens_on": (today + timedelta(days=7)).isoformat(),
        "opens_time": "09:00",
        "closes_on": (today + timedelta(days=37)).isoformat(),
        "closes_time": "23:59",
        "moderation_mode": "post",
        "draft": DRAFT,
        "action": "save",
    }
    data.update(changes)
    return data


def consultations() -> list[Consultation]:
    return list(db.session.scalars(sa.select(Consultation)))


def word_document() -> bytes:
    document = docx.Document()
    document.add_heading("Formål", level=1)
    document.add_paragraph("Planen skal gjøre sentrum til et godt sted å bo og å være.")
    document.add_paragraph("Flere boliger nær kollektivknutepunktet", style="List Bullet")
    document.add_paragraph("Trygge skoleveier", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["Tiltak", "År", "Ny bussterminal", "2031"]):
        cell.text = text
    document.add_heading("Medvirkning", level=2)
    document.add_paragraph("Innbyggerne inviteres til åpne møter.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "utkast.docx", **changes) -> dict:
    return form_data(draft="", docx=(io.BytesIO(content), name), **changes)


def post_form(client, url: str, data: dict):
    return client.post(url, data=data, content_type="multipart/form-data")


def error_on(page, field_id: str) -> str:
    message = page.find(id=f"{field_id}-feil")
    return message.get_text(strip=True) if message else ""


# Creating, previewing and publishing


def test_preview_shows_the_numbered_units_keeps_the_fields_and_saves_nothing(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, form_data(action="preview"))
    numbers = [n.get_text(strip=True) for n in page.select("#inndeling .unit-number")]
    assert numbers[:5] == ["0.1", "1", "1.1", "1.2", "2"]
    assert "Avsnitt" in page.select_one("#inndeling").get_text()
    assert "ingen egne numre" in page.select_one("#inndeling").get_text()
    assert page.find(id="title")["value"] == "Kommunedelplan for Fjordvik sentrum"
    assert page.find(id="draft").get_text().strip() == DRAFT.strip()
    assert consultations() == []


def test_the_preview_shows_the_labels_a_law_is_cited_by_in_its_language(app, client, pages, auth):
    auth.login_as("planner")
    law = "## § 1 Føremål\n\n" + "\n\n".join(f"Ledd {n}." for n in range(1, 8)) + "\n"
    page = pages.post(NEW, form_data(action="preview", draft=law, language="nn"))
    labels = [n.get_text(strip=True) for n in page.select("#inndeling .unit-number")]
    assert labels[0] == "§ 1" and labels[-1] == "§ 1 sjuande ledd"
    assert "dokumentets egne numre" in page.select_one("#inndeling").get_text()


def test_the_preview_shows_the_draft_as_citizens_will_see_it(app, client, pages, auth):
    """Rendered, not escaped Markdown: a planner checking the split saw "\\[2\\]" and "&lt;"."""
    auth.login_as("planner")
    draft = "# Formål\n\nPlanen gjelder *sentrum*, jf. kilde \\[2\\] og regel 3 < 4.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    page = pages.post(NEW, form_data(action="preview", draft=draft))
    preview = page.select_one("#inndeling")
    assert preview.select_one("em").get_text() == "sentrum"
    assert "kilde [2] og regel 3 < 4." in preview.get_text()
    assert preview.select_one("table[tabindex='0'] td").get_text() == "1"
    assert consultations() == []


def test_front_matter_offers_its_title_and_is_no_part_of_the_draft(app, client, pages, auth):
    auth.login_as("planner")
    draft = "---\ntitle: Kommunedelplan for Fjordvik sentrum\nstatus: utkast\n---\n\n# Formål\n\nPlanen gjelder sentrum.\n"
    page = pages.post(NEW, form_data(action="preview", title="", draft=draft))
    assert page.find(id="title")["value"] == "Kommunedelplan for Fjordvik sentrum"
    assert [n.get_text(strip=True) for n in page.select("#inndeling .unit-number")] == ["1", "1.1"]
    assert "status: utkast" not in page.select_one("#inndeling").get_text()
    pages.post(NEW, form_data(title="Min egen tittel", draft=draft))
    assert [c.title for c in consultations()] == ["Min egen tittel"]  # a title typed in is kept


def test_the_draft_is_marked_with_its_language_whatever_the_interface_language(app, client, pages, auth):
    auth.login_as("planner")
    draft = "# Føremål\n\nKommunen vil ikkje leggje ned skulen, og me ønskjer òg å høyre kva de meiner.\n"
    page = pages.post(NEW, form_data(action="preview", draft=draft))
    assert page.select_one("input[name=language][checked]")["value"] == "nn"  # suggested from the words
    assert page.select_one("#inndeling .preview-text[lang]")["lang"] == "nn"
    pages.post(NEW, form_data(draft=draft, language="nn"))
    slug = consultations()[0].slug
    planning.publish(consultations()[0], None, open_now=True)
    public = pages.get(f"/hoeringer/{slug}")
    assert public.html["lang"] == "nb"
    assert {tag["lang"] for tag in public.select(".draft .unit-text, .draft .unit-heading")} == {"nn"}
    assert client.get(f"/api/v1/consultations/{slug}").get_json()["language"] == "nn"
    unit_page = pages.get(public.select_one(".draft .unit-actions a")["href"])
    assert unit_page.select_one(".unit-current .unit-heading, .unit-current .unit-text")["lang"] == "nn"


def test_a_language_that_is_not_offered_is_refused_on_its_field(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, form_data(language="de"), status=400)
    assert "Velg hvilket språk høringsdokumentet er skrevet på." in page.get_text()
    assert consultations() == []


def test_preview_of_an_empty_draft_says_what_is_missing(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, form_data(action="preview", draft=""), status=400)
    assert "Skriv eller lim inn høringsdokumentet" in error_on(page, "draft")
    assert page.select_one("#inndeling") is None


def test_a_saved_consultation_is_a_hidden_draft_until_published_now(app, client, pages, auth):
    planner = auth.login_as("planner")
    response = post_form(client, NEW, form_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum")
    consultation, = consultations()
    assert consultation.phase == "draft" and consultation.owner_id == planner.id

    overview = pages.get("/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum")
    assert overview.h1.get_text(strip=True) == "Kommunedelplan for Fjordvik sentrum"
    assert "Utkast" in overview.select_one(".badge").get_text()
    assert [n.get_text(strip=True) for n in overview.select(".draft .unit-number")][:2] == ["0.1", "1"]
    assert client.get("/hoeringer/kommunedelplan-for-fjordvik-sentrum").status_code == 404
    assert client.get("/api/v1/consultations/kommunedelplan-for-fjordvik-sentrum").status_code == 404
    assert "kommunedelplan" not in client.get("/").get_data(as_text=True)

    page = pages.post("/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/publiser", {"when": "now"})
    assert "publisert og åpen for innspill" in page.get_text()
    public = pages.get("/hoeringer/kommunedelplan-for-fjordvik-sentrum")
    assert "Åpen for innspill" in public.get_text()
    assert client.get("/api/v1/consultations/kommunedelplan-for-fjordvik-sentrum").get_json()["status"] == "open"


def test_publishing_for_the_start_date_shows_it_as_upcoming(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data())
    pages.post("/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/publiser", {"when": "start"})
    assert client.get("/api/v1/consultations/kommunedelplan-for-fjordvik-sentrum").get_json()["status"] == "upcoming"


def test_dates_are_local_time_and_shown_back_in_local_time(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data(opens_on="2031-01-10", opens_time="09:00",
                                     closes_on="2031-07-01", closes_time="12:00"))
    consultation, = consultations()
    assert (consultation.opens_at.hour, consultation.closes_at.hour) == (8, 10)  # winter +1, summer +2
    page = pages.get("/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/rediger")
    assert page.find(id="opens_on")["value"] == "2031-01-10" and page.find(id="opens_time")["value"] == "09:00"
    assert page.find(id="closes_time")["value"] == "12:00"


def test_the_start_page_and_index_lead_to_the_planners_consultations(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data())
    start = pages.get("/admin")
    assert start.find("a", href="/admin/hoeringer")
    index = pages.get("/admin/hoeringer")
    assert index.find("a", string="Kommunedelplan for Fjordvik sentrum")


def test_editing_a_published_consultation_leaves_its_draft_to_a_revision(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data())
    client.post("/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/publiser", data={"when": "now"})
    page = pages.get("/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/rediger")
    assert page.find(id="slug").has_attr("readonly") and page.find(id="draft").has_attr("readonly")
    assert page.find("a", href="/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/ny-versjon")
    assert page.find(id="docx") is None
    data = form_data(draft="Et nytt innledende avsnitt.\n\n" + DRAFT, title="Kommunedelplan, revidert")
    refused = post_form(client, "/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/rediger", data)
    assert refused.status_code == 400 and "Ny versjon av utkastet" in refused.get_data(as_text=True)
    response = post_form(client, "/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/rediger",
                         form_data(title="Kommunedelplan, revidert"))
    assert response.status_code == 302
    consultation, = consultations()
    assert consultation.title == "Kommunedelplan, revidert" and consultation.current_version.number == 1


# Word documents


def test_an_uploaded_word_document_becomes_markdown_in_the_draft_field(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, upload(word_document(), action="preview"), status=200)
    draft = page.find(id="draft").get_text()
    assert "# Formål" in draft and "## Medvirkning" in draft
    assert "- Flere boliger nær kollektivknutepunktet" in draft
    assert "| Tiltak | År |" in draft and "| Ny bussterminal | 2031 |" in draft
    numbers = [n.get_text(strip=True) for n in page.select("#inndeling .unit-number")]
    assert numbers == ["1", "1.1", "1.2", "1.3", "1.4", "1.4.1"]
    assert consultations() == []


def test_saving_with_a_word_document_stores_its_text(app, client, auth):
    auth.login_as("planner")
    response = post_form(client, NEW, upload(word_document()))
    assert response.status_code == 302
    consultation, = consultations()
    assert consultation.current_version.source.startswith("# Formål")


BAD_FILES = {
    "random bytes": (os.urandom(4000), {NOT_DOCX}),
    "a broken zip": (b"PK\x03\x04" + os.urandom(4000), {CORRUPT, NOT_DOCX}),
    "password protected": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 500,
        {PASSWORD_PROTECTED},
    ),
    "a renamed PDF": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", {NOT_DOCX}),
}


@pytest.mark.parametrize("action", ["preview", "save"])
@pytest.mark.parametrize("name", BAD_FILES)
def test_an_unreadable_upload_is_refused_on_its_field_with_everything_else_kept(app, client, pages, auth, name, action):
    auth.login_as("planner")
    content, messages = BAD_FILES[name]
    page = pages.post(NEW, upload(content, action=action, title="Min plan"), status=400)
    assert error_on(page, "docx") in messages
    assert page.find(id="title")["value"] == "Min plan"
    assert page.find(id="organisation")["value"] == "Plan og bygg"
    assert consultations() == [] and db.session.scalar(sa.select(sa.func.count()).select_from(DraftVersion)) == 0


def test_a_word_document_over_10_mb_is_refused_by_its_size(app, client, pages, auth):
    auth.login_as("planner")
    content = b"PK\x03\x04" + b"\x00" * MAX_DOCX_BYTES
    page = pages.post(NEW, upload(content), status=400)
    assert error_on(page, "docx") == TOO_LARGE


def word_document_of(paragraph: bytes, count: int) -> bytes:
    """A Word document whose body is ``count`` copies of ``paragraph``, packed as it is written."""
    with zipfile.ZipFile(io.BytesIO(word_document())) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    head, tail = parts.pop("word/document.xml").split(b"<w:body>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
        with target.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(head + b"<w:body>")
            for _ in range(count):
                stream.write(paragraph)
            stream.write(b"</w:body>" + tail.split(b"</w:body>")[1])
    return out.getvalue()


def paragraph_of(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


@pytest.mark.parametrize("what, paragraph, count", [
    ("a zip bomb: 97 MB of markup in a few hundred KB", paragraph_of("Tiltak og konsekvenser.") * 18_000, 97),
    ("a text longer than a draft may be", paragraph_of("Planen gjelder sentrum. " * 50), 1_000),
])
def test_a_word_document_too_long_for_a_draft_is_refused_at_once(app, client, pages, auth, what, paragraph, count):
    auth.login_as("planner")
    content = word_document_of(paragraph, count)
    page = pages.post(NEW, upload(content, action="preview", title="Min plan"), status=400)
    assert error_on(page, "docx") == TOO_LONG
    assert page.find(id="title")["value"] == "Min plan"
    assert consultations() == []


@pytest.fixture
def small_upload_limit(settings):
    settings["MAX_CONTENT_LENGTH"] = 50_000
    return settings


def test_a_request_over_the_upload_limit_gets_a_friendly_page(small_upload_limit, app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, upload(os.urandom(60_000)), status=413)
    assert "høyst 10 MB" in page.get_text()


# Bad input


def test_a_deadline_before_the_opening_is_refused_on_its_field(app, client, pages, auth):
    auth.login_as("planner")
    today = date.today()
    data = form_data(opens_on=(today + timedelta(days=10)).isoformat(),
                     closes_on=(today + timedelta(days=3)).isoformat())
    page = pages.post(NEW, data, status=400)
    assert error_on(page, "closes_on") == "Høringsfristen må være etter at høringen åpner."
    assert page.select_one(".error-summary a[href='#closes_on']")
    assert page.find(id="draft").get_text().strip() == DRAFT.strip()
    assert consultations() == []


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"closes_on": "31.02.2031"}, "closes_on", "Skriv en gyldig dato"),
        ({"closes_on": ""}, "closes_on", "Velg høringsfristen."),
        ({"opens_time": "25:99"}, "opens_time", "Skriv et gyldig klokkeslett"),
        ({"title": ""}, "title", "Skriv en tittel."),
        ({"slug": "Å være eller ikke"}, "slug", "Adressen kan bare ha små bokstaver"),
        ({"moderation_mode": "ingen"}, "moderation_mode", "Ikke et gyldig valg"),
        ({"draft": ""}, "draft", "Skriv eller lim inn høringsdokumentet"),
    ],
)
def test_bad_input_gets_a_norwegian_message_on_its_field(app, client, pages, auth, changes, field, message):
    auth.login_as("planner")
    page = pages.post(NEW, form_data(**changes), status=400)
    assert error_on(page, field).startswith(message)
    assert consultations() == []


def test_a_norwegian_date_is_understood(app, client, auth):
    auth.login_as("planner")
    response = post_form(client, NEW, form_data(opens_on="10.01.2031", closes_on="10.02.2031"))
    assert response.status_code == 302
    assert consultations()[0].opens_at.date() == date(2031, 1, 10)


def test_a_slug_in_use_is_refused(app, client, pages, auth):
    make_consultation("sentrum")
    auth.login_as("planner")
    page = pages.post(NEW, form_data(slug="sentrum"), status=400)
    assert error_on(page, "slug") == "Adressen er allerede i bruk. Velg en annen."
    assert len(consultations()) == 1


# Who may do what


@pytest.fixture
def someone_elses(app, auth):
    owner = auth.user("planner", email="eier@fjordvik.example.no")
    now = utcnow()
    entry = ConsultationInput(title="Eiers plan", organisation="Plan og bygg", draft=DRAFT,
                              opens_at=now, closes_at=now + timedelta(days=30))
    return planning.save_consultation(None, entry, owner)


def test_another_planner_cannot_see_or_change_someone_elses_consultation(someone_elses, client, pages, auth):
    auth.login_as("planner")
    slug = someone_elses.slug
    assert client.get(f"/admin/hoeringer/{slug}").status_code == 403
    assert client.get(f"/admin/hoeringer/{slug}/rediger").status_code == 403
    assert post_form(client, f"/admin/hoeringer/{slug}/rediger", form_data(title="Kapret")).status_code == 403
    assert client.post(f"/admin/hoeringer/{slug}/publiser", data={"when": "now"}).status_code == 403
    assert client.post(f"/admin/hoeringer/{slug}/slett", data={"confirm": "yes"}).status_code == 403
    assert "Eiers plan" not in pages.get("/admin/hoeringer").get_text()
    db.session.refresh(someone_elses)
    assert someone_elses.title == "Eiers plan" and someone_elses.phase == "draft"


def test_an_admin_can_manage_anyones_consultation(someone_elses, client, pages, auth):
    auth.login_as("admin")
    slug = someone_elses.slug
    assert "Eiers plan" in pages.get("/admin/hoeringer").get_text()
    pages.get(f"/admin/hoeringer/{slug}")
    pages.get(f"/admin/hoeringer/{slug}/rediger")


def test_an_unknown_consultation_is_404(app, client, auth):
    auth.login_as("planner")
    assert client.get("/admin/hoeringer/finnes-ikke").status_code == 404


# Life cycle through the pages


def test_deleting_a_published_consultation_is_refused_with_a_message(app, client, pages, auth):
    make_consultation("publisert")
    auth.login_as("planner")
    page = pages.post("/admin/hoeringer/publisert/slett", {"confirm": "yes"})
    assert "Bare utkast kan slettes" in page.select_one(".notice-error").get_text()
    assert client.get("/hoeringer/publisert").status_code == 200


def test_a_draft_is_deleted_only_when_confirmed(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data())
    url = "/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum/slett"
    page = pages.post(url, {})
    assert "Kryss av" in page.select_one(".notice-error").get_text() and len(consultations()) == 1
    page = pages.post(url, {"confirm": "yes"})
    assert "er slettet" in page.get_text() and consultations() == []


def test_a_closed_consultation_can_be_marked_processed_but_an_open_one_cannot(app, client, pages, auth):
    make_consultation("apen")
    make_consultation("stengt", open_=False)
    auth.login_as("planner")
    page = pages.post("/admin/hoeringer/apen/ferdigbehandlet", {})
    assert "Bare en høring som er avsluttet" in page.select_one(".notice-error").get_text()
    overview = pages.get("/admin/hoeringer/stengt")
    assert overview.find("a", href="/admin/hoeringer/stengt/ferdigbehandlet")
    page = pages.post("/admin/hoeringer/stengt/ferdigbehandlet", {})
    assert "Ferdig behandlet" in page.select_one(".badge").get_text()


# Steps that ask first: a page says what the step does, and its button takes it


def test_publishing_asks_first_and_shows_the_address_in_full(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data())
    staff = "/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum"
    overview = pages.get(staff)
    assert overview.find("a", href=f"{staff}/publiser") and overview.find("a", href=f"{staff}/publiser?naar=start")
    assert overview.find("form", action=f"{staff}/publiser") is None  # one click publishes nothing

    page = pages.get(f"{staff}/publiser")
    consequences = [li.get_text(" ", strip=True) for li in page.select(".consequences li")]
    assert consequences[0] == "Alle kan lese høringen på http://hoering.test/hoeringer/kommunedelplan-for-fjordvik-sentrum."
    assert consequences[1].startswith("Den åpner for innspill med en gang. Høringsfristen er ")
    assert "Adressen kan ikke endres etterpå." in consequences
    form = page.find("form", action=f"{staff}/publiser")
    assert form.find("input", attrs={"name": "when"})["value"] == "now"
    assert consultations()[0].phase == "draft"  # asking changed nothing
    later = pages.get(f"{staff}/publiser?naar=start")
    assert later.find("input", attrs={"name": "when"})["value"] == "start"
    assert later.select(".consequences li")[1].get_text().startswith("Den åpner for innspill ")

    overview = pages.post(f"{staff}/publiser", {"when": "now"})
    assert overview.find("input", id="offentlig-adresse")["value"] == (
        "http://hoering.test/hoeringer/kommunedelplan-for-fjordvik-sentrum")
    again = pages.get(f"{staff}/publiser")
    assert again.select_one(".notice-error").get_text() == "Høringen er allerede publisert."
    assert again.find("form", action=f"{staff}/publiser") is None


def test_deleting_a_draft_asks_first_with_a_destructive_button(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data())
    staff = "/admin/hoeringer/kommunedelplan-for-fjordvik-sentrum"
    assert pages.get(staff).find("a", href=f"{staff}/slett", class_="link-danger")
    page = pages.get(f"{staff}/slett")
    assert "Dette kan ikke angres." in page.select_one(".consequences").get_text()
    button = page.find("form", action=f"{staff}/slett").button
    assert "button-danger" in button["class"] and button.get_text() == "Slett utkastet for godt"
    assert len(consultations()) == 1
    pages.post(f"{staff}/slett", {"confirm": "yes"})
    assert consultations() == []


def test_marking_processed_asks_first_and_says_why_it_cannot_be_done_yet(app, client, pages, auth):
    make_consultation("apen")
    make_consultation("stengt", open_=False)
    auth.login_as("planner")
    early = pages.get("/admin/hoeringer/apen/ferdigbehandlet")
    assert "Bare en høring som er avsluttet" in early.select_one(".notice-error").get_text()
    assert early.find("form", action="/admin/hoeringer/apen/ferdigbehandlet") is None
    page = pages.get("/admin/hoeringer/stengt/ferdigbehandlet")
    assert page.find("form", action="/admin/hoeringer/stengt/ferdigbehandlet")
    assert "kan ikke lenger redigeres" in page.select_one(".consequences").get_text()


# Hostile input from a planner


def test_a_planners_hostile_input_is_inert_on_public_and_staff_pages_and_in_the_api(app, client, pages, auth):
    auth.login_as("planner")
    for number, payload in enumerate(PAYLOADS):
        data = form_data(
            title=f"Plan {number} {payload}"[:300], summary=f"Sammendrag {payload}", contact=f"Kontakt {payload}"[:300],
            organisation=f"Enhet {payload}"[:200], draft=f"# Del {payload}\n\nAvsnitt {payload}\n\n- {payload}\n",
        )
        preview = post_form(client, NEW, dict(data, action="preview"))
        assert preview.status_code == 200, payload
        assert_inert(preview.get_data(as_text=True))
        response = post_form(client, NEW, data)
        assert response.status_code == 302, payload
        staff_url = response.headers["Location"]
        slug = staff_url.rsplit("/", 1)[1]
        client.post(f"{staff_url}/publiser", data={"when": "now"})
        for url in (staff_url, f"{staff_url}/rediger", "/admin/hoeringer", "/", f"/hoeringer/{slug}"):
            page = client.get(url)
            assert page.status_code == 200, (url, payload)
            assert_inert(page.get_data(as_text=True))
        body = client.get(f"/api/v1/consultations/{slug}").get_json()
        assert body["title"] == clean_text(data["title"])  # as typed, less control characters
        for unit in body["units"]:
            assert_inert(unit["html"])


def test_a_draft_is_rendered_before_the_write_lock_is_taken(app, client, auth, monkeypatch):
    """Rendering a long draft takes seconds; citizens posting comments meanwhile must not wait for it."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the write lock taken up front is SQLite's; PostgreSQL has none")
    auth.login_as("planner")
    with lock_order(monkeypatch, "unit") as events:
        response = client.post(NEW, data=form_data())
    assert response.status_code == 302
    assert events.count("BEGIN IMMEDIATE") == 1 and "render" in events
    assert "render" not in events[events.index("BEGIN IMMEDIATE"):]
    assert events[-1] == "INSERT"
