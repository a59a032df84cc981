"""Invitations and formal responses in a real browser: a planner picks bodies, writes the letter, sends,
reminds and gives one body a later deadline, all without JavaScript; a body answers on a phone from the
personal link in its e-mail, gets its receipt and changes its answer; and every page on the way, with its
error states and a held response, passes axe and fits a 360 px phone in nb, nn and en."""
from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hoering.background import wait_for_threads
from hoering.presentation import local_date
from hoering.responses import answers, invitations, tracking
from hoering.responses.answers import ResponseInput
from hoering.responses.services import BodyInput, save_body, set_picks
from tests.browser.checks import PHONE, assert_accessible, assert_fits, assert_notice, focused, login
from tests.factories import make_consultation
from tests.fixtures.documents import pdf_bytes

pytestmark = pytest.mark.browser

PLANNER = "planlegger@fjordvik.example.no"
MODERATOR = "moderator@fjordvik.example.no"
SLUG = "invitasjoner-og-svar"
TITLE = "Strategi for digital dialog: invitasjoner og høringssvar"
LANGUAGES = ["nb", "nn", "en"]
DESKTOP = {"width": 1280, "height": 900}
# Picked and invited by the planner in the browser.
KOMMUNE = BodyInput("Kristiansand kommune", "postmottak@kristiansand.example.no", "kommune")
DIREKTORAT = BodyInput("Norges vassdrags- og energidirektorat", "nve@nve.example.no", "statlig")
# Invited before the tests: one answers on a phone, one has answered with personal data (held), one
# never answers (its form is scanned empty and with an error).
ANSWERING = BodyInput("Naturvernforbundet i Agder", "agder@naturvern.example.no", "organisasjon")
HOLDING = BodyInput("Agder fylkeskommune", "post@agderfk.example.no", "fylkeskommune")
SILENT = BodyInput("Agder kunstsenter og et langt navn som må brytes på en smal skjerm",
                   "post@kunstsenter.example.no", "organisasjon")
IDENTITY_NUMBER = "01010112345"  # a valid fødselsnummer: the guard holds the response
FIRST_ANSWER = ("Naturvernforbundet støtter at kommunen svarer innen to virkedager.\n\n"
                "Vi ber om at svarfristen også gjelder i **sommerferien**.")
# A long link and a long address, as real answers have: they must wrap on a phone.
SOURCE = "https://www.regjeringen.no/no/dokumenter/horing-forslag-til-endringer-i-forvaltningsloven/id2999999/"
CHANGED_ANSWER = ("Naturvernforbundet støtter strategien, med ett forbehold.\n\n"
                  f"Kapittel 3 bør si hvem som svarer i helgene. Se {SOURCE}")
LETTER_PDF = pdf_bytes("Naturvernforbundet i Agder: høringssvar om strategien for digital dialog.")
CONTACT = "kari.nordmann.saksbehandler@naturvernforbundet-agder.example.no"


@pytest.fixture(scope="module")
def consultation(live_server) -> dict:
    """The module's consultation, with five bodies in the register: three invited (letters sent), one of
    which has answered with a fødselsnummer and is held; two left for the planner to pick."""
    app = live_server
    with app.test_request_context(base_url=app.base_url):
        consultation = make_consultation(SLUG, title=TITLE)
        for entry in (KOMMUNE, DIREKTORAT):
            save_body(None, entry, None)
        invited_first = {save_body(None, entry, None).id for entry in (ANSWERING, HOLDING, SILENT)}
        set_picks(consultation, set(), invited_first, None)
        invitations.send_invitations(consultation, None)
        invited = {state.invited.body.name: state.invited for state in tracking.tracking(consultation).states}
        held = answers.answer(consultation, invited[HOLDING.name], ResponseInput(
            "Kari Nordmann", "kari.nordmann.saksbehandler@agderfylkeskommune.example.no",
            f"Kontakt saksbehandler, fødselsnummer {IDENTITY_NUMBER}. Bakgrunn: {SOURCE}", False))
        wait_for_threads()
        return {
            "tokens": {name: row.token for name, row in invited.items()},
            "silent_id": invited[SILENT.name].id,
            "held_id": held.id,
            "later_day": (local_date(consultation.closes_at) + timedelta(days=7)).isoformat(),
            "outbox": Path(app.config["MAIL_OUTBOX"]),
        }


def mails_to(outbox: Path, recipient: str) -> list[EmailMessage]:
    """The messages written to ``recipient``, oldest first (the file names begin with the time)."""
    messages = [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(outbox.glob("*.eml"))]
    return [message for message in messages if message["To"] == recipient]


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def row(page, name: str):
    return page.locator(".invited-table tbody tr", has_text=name)


# 1. A planner invites, reminds and tracks, without JavaScript.

def test_a_planner_invites_reminds_and_tracks_without_javascript(browser, base_url, consultation):
    context = browser.new_context(base_url=base_url, java_script_enabled=False, viewport=DESKTOP,
                                  extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    page = context.new_page()
    login(page, PLANNER)
    page.goto(f"/admin/hoeringer/{SLUG}")
    page.get_by_role("link", name="Høringsinstanser", exact=True).click()
    page.get_by_label(KOMMUNE.name).check()
    page.get_by_label(DIREKTORAT.name).check()
    page.get_by_role("button", name="Lagre valget").click()
    assert_notice(page, "2 instanser er valgt.")

    page.goto(f"/admin/hoeringer/{SLUG}")
    page.get_by_role("link", name="Høringsbrev", exact=True).click()
    page.get_by_label("Emne", exact=True).fill("Høring: {høring} – svar innen {fris}")
    page.get_by_label("Tekst", exact=True).fill(
        "Til {instans}\n\nVi ber særlig om innspill til kapittel 3.\n\nSvar her: {svarlenke}\n\n{avsender}")
    page.get_by_role("button", name="Lagre høringsbrevet").click()
    expect(page.locator("#subject-feil")).to_contain_text("{fris} er ikke en av plassholderne")
    expect(page.locator(".error-summary")).to_contain_text("Høringsbrevet ble ikke lagret")
    assert page.input_value("#text").startswith("Til {instans}\n\nVi ber særlig")  # nothing typed is lost
    page.get_by_label("Emne", exact=True).fill("Høring: {høring} – svar innen {frist}")
    page.get_by_role("button", name="Lagre høringsbrevet").click()
    assert_notice(page, "Høringsbrevet er lagret.")
    preview = page.locator(".letter-preview")
    expect(preview.locator(".letter-subject").first).to_contain_text(f"Høring: {TITLE} – svar innen ")
    expect(preview.locator(".letter-text").first).to_contain_text("Vi ber særlig om innspill til kapittel 3.")
    expect(preview.locator(".letter-text").first).to_contain_text(f"/hoeringer/{SLUG}/svar/")

    page.get_by_role("link", name="Til invitasjonene").click()
    expect(row(page, KOMMUNE.name).locator(".badge")).to_have_text("Ikke sendt")
    page.get_by_role("button", name="Send høringsbrevet til 2 instanser").click()
    assert_notice(page, "Høringsbrevet sendes til 2 instanser.")
    wait_for_threads()  # the live server sends in threads of this process
    page.reload()
    for body in (KOMMUNE, DIREKTORAT):
        expect(row(page, body.name).locator(".badge").first).to_have_text("Sendt")
        letter, = mails_to(consultation["outbox"], body.email)
        assert letter["Subject"].startswith(f"Høring: {TITLE} – svar innen ")
        assert "Vi ber særlig om innspill til kapittel 3." in text_of(letter)

    page.get_by_role("button", name="Send påminnelse nå til dem som ikke har svart").click()
    expect(page.locator(".notice", has_text=re.compile(r"Påminnelse sendes til \d+ instanser\."))).to_be_visible()
    wait_for_threads()
    page.reload()
    expect(row(page, KOMMUNE.name)).to_contain_text("Påminnelse")
    expect(row(page, KOMMUNE.name).locator(".badge").first).to_have_text("Sendt")
    assert len(mails_to(consultation["outbox"], KOMMUNE.email)) == 2

    row(page, KOMMUNE.name).get_by_role("link", name=KOMMUNE.name).click()
    expect(page.locator(".mailings > li")).to_have_count(2)
    page.get_by_label("Ny frist for denne instansen").fill(consultation["later_day"])
    page.get_by_label("Begrunnelse").fill("Bystyret behandler saken i sitt møte etter høringsfristen.")
    page.get_by_role("button", name="Lagre fristen").click()
    assert_notice(page, f"Fristen for {KOMMUNE.name} er lagret.")
    expect(page.locator(".facts")).to_contain_text("egen frist")
    expect(page.locator(".facts")).to_contain_text("Bystyret behandler saken i sitt møte etter høringsfristen.")
    page.get_by_role("link", name="Invitasjoner", exact=True).click()
    expect(row(page, KOMMUNE.name)).to_contain_text("egen frist")
    expect(row(page, DIREKTORAT.name)).not_to_contain_text("egen frist")
    context.close()


# 2. A body answers on a phone.

def test_a_body_answers_on_a_phone_from_its_letter_and_changes_the_answer(page, consultation):
    page.set_viewport_size(PHONE)
    invitation = mails_to(consultation["outbox"], ANSWERING.email)[0]  # a reminder may have followed it
    link = re.search(rf"https?://\S+/hoeringer/{SLUG}/svar/[A-Za-z0-9_-]+", text_of(invitation)).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text(f"Høringssvar fra {ANSWERING.name}")
    assert page.input_value("#contact_email") == ANSWERING.email  # the register's address, to change
    assert_fits(page)

    page.get_by_label("Kontaktperson").fill("Kari Nordmann")
    page.get_by_label("E-post for kvitteringen").fill(CONTACT)
    page.get_by_role("button", name="Send høringssvaret").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Skriv høringssvaret eller legg det ved som fil, eller kryss av for at dere "
                                    "ikke har merknader.")
    assert page.input_value("#contact_name") == "Kari Nordmann"
    assert page.get_attribute("#text", "aria-invalid") == "true"
    assert "text-feil" in page.get_attribute("#text", "aria-describedby")
    summary.get_by_role("link").click()  # the summary leads to the field
    assert focused(page)["id"] == "text"
    assert_fits(page)

    page.get_by_role("textbox", name="Høringssvaret", exact=True).fill(FIRST_ANSWER)
    page.set_input_files("#attachments", {"name": "Høringssvar fra Ørsta.pdf", "mimeType": "application/pdf",
                                          "buffer": LETTER_PDF})
    page.get_by_role("button", name="Send høringssvaret").click()
    notice = page.locator(".notice", has_text="Høringssvaret er mottatt med referanse")
    expect(notice).to_contain_text(f"En kvittering er sendt til {CONTACT}.")
    reference = re.search(r"HS-\d{4}-\d{5}", notice.inner_text()).group(0)
    expect(page.locator("#svaret .response-text strong")).to_have_text("sommerferien")
    assert_fits(page)
    wait_for_threads()
    receipt, = mails_to(consultation["outbox"], CONTACT)
    assert reference in receipt["Subject"]
    assert FIRST_ANSWER in text_of(receipt)  # the whole text, as written
    assert "Høringssvar fra Ørsta.pdf" in text_of(receipt)
    assert hashlib.sha256(LETTER_PDF).hexdigest() in text_of(receipt)  # the body can check its own copy
    expect(page.locator("#svaret .attachment-list")).to_contain_text("Høringssvar fra Ørsta.pdf")

    page.get_by_role("textbox", name="Høringssvaret", exact=True).fill(CHANGED_ANSWER)
    page.get_by_role("button", name="Lagre det endrede svaret").click()
    expect(page.locator(".notice", has_text=f"med referanse {reference}")).to_be_visible()
    expect(page.locator("#svaret")).to_contain_text("Kapittel 3 bør si hvem som svarer i helgene.")
    wait_for_threads()
    assert CHANGED_ANSWER in text_of(mails_to(consultation["outbox"], CONTACT)[-1])

    page.goto(f"/hoeringer/{SLUG}/hoeringssvar")
    published = page.locator(".response-item", has_text=ANSWERING.name)
    expect(published).to_contain_text("Kapittel 3 bør si hvem som svarer i helgene.")
    expect(published).not_to_contain_text("sommerferien")
    link = published.get_by_role("link", name="Høringssvar fra Ørsta.pdf")  # kept with the changed answer
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == LETTER_PDF
    expect(page.locator(".not-answered")).to_contain_text(SILENT.name)
    assert IDENTITY_NUMBER not in page.content()  # the held response stays out of the list
    assert_fits(page)


# 3. Every page, with its error states, passes axe and fits a phone.

@pytest.mark.parametrize("language", LANGUAGES)
def test_invitation_and_response_pages_pass_axe_and_fit_a_phone(scan_context, consultation, language):
    failures = []

    def check(page, path: str | None = None, status: int = 200) -> None:
        """Scan the page, after going to ``path`` when given; failures are gathered, not raised, so one
        run names every page that needs a fix."""
        if path is not None:
            response = page.goto(path)
            assert response.status == status, path
        assert page.get_attribute("html", "lang") == language, page.url
        for assertion in (assert_accessible, assert_fits):
            try:
                assertion(page)
            except AssertionError as error:
                failures.append(str(error))

    def submit(page, form: str) -> None:
        with page.expect_navigation():
            page.locator(f"{form} button[type=submit]").first.click()

    planner = scan_context(language).new_page()
    planner.set_viewport_size(PHONE)
    login(planner, PLANNER)
    check(planner, f"/admin/hoeringer/{SLUG}/instanser")
    check(planner, f"/admin/hoeringer/{SLUG}/hoeringsbrev")
    planner.fill("#subject", "Høring: {hoering}")
    submit(planner, "form.letter-form")
    expect(planner.locator("#subject-feil")).to_be_visible()
    check(planner)
    check(planner, f"/admin/hoeringer/{SLUG}/hoeringssvar/registrer")  # a letter, by staff
    submit(planner, "form.narrow-form")
    expect(planner.locator(".error-summary")).to_be_visible()
    check(planner)
    check(planner, f"/admin/hoeringer/{SLUG}/invitasjoner")
    check(planner, f"/admin/hoeringer/{SLUG}/invitasjoner/{consultation['silent_id']}")
    planner.fill("#deadline", consultation["later_day"])
    planner.fill("#reason", "")
    submit(planner, "form.narrow-form")
    expect(planner.locator("#reason-feil")).to_be_visible()
    check(planner)

    moderator = scan_context(language).new_page()
    moderator.set_viewport_size(PHONE)
    login(moderator, MODERATOR)
    held = f"#svar-{consultation['held_id']}"
    check(moderator, f"/admin/hoeringer/{SLUG}/hoeringssvar")
    expect(moderator.locator(f"{held} .notice-error")).to_be_visible()  # held back: personal data
    submit(moderator, f"{held} form[action*='/skjul']")
    expect(moderator.locator(f"#skjul-{consultation['held_id']}-feil")).to_be_visible()
    check(moderator)

    body = scan_context(language).new_page()
    body.set_viewport_size(PHONE)
    tokens = consultation["tokens"]
    check(body, f"/hoeringer/{SLUG}/svar/{tokens[SILENT.name]}")
    body.fill("#contact_name", "Ola Nordmann")
    submit(body, "#skjema form")
    expect(body.locator("#text-feil")).to_be_visible()
    check(body)
    check(body, f"/hoeringer/{SLUG}/svar/{tokens[HOLDING.name]}")  # answered: the answer above the form
    expect(body.locator("#svaret")).to_be_visible()
    check(body, f"/hoeringer/{SLUG}/hoeringssvar")
    check(body, f"/hoeringer/{SLUG}/hoeringssvar/ny")  # the open form, for anyone
    body.check("input[name=answering_as][value=organisasjon]")
    submit(body, "form.narrow-form")
    expect(body.locator(".error-summary")).to_be_visible()
    check(body)
    assert not failures, "\n\n".join(failures)
