"""Following a consultation or one unit by e-mail, with no account: double opt-in, notices and daily
digests that carry the words of what was said, each covering its follower's own window, so a late or
missed run of `flask notifications digest` neither skips nor repeats anything."""
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.background import wait_for_threads
from hoering.clock import utcnow
from hoering.comments.models import PENDING, PUBLISHED, Comment
from hoering.consultations.services import add_draft_version
from hoering.extensions import db
from hoering.mail.models import MailMessage
from hoering.notifications import following
from hoering.notifications import digests
from hoering.notifications.digests import last_digest_moment, send_due
from hoering.notifications.models import DAILY, IMMEDIATE, Subscription
from hoering.responses import publication
from hoering.responses.models import HELD, FormalResponse
from tests.factories import make_comment, make_consultation, make_summary_version
from tests.fixtures.xss import PAYLOADS

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
OTHER_ANCHOR = "nettsiden-er-hovedkanalen-alt-som-publiseres"
FOLLOWER = "ola@example.no"
LATER = timedelta(minutes=5)


@pytest.fixture(autouse=True)
def no_settling(settings):
    """Each run's window ends at the run: what the test did before it is in it, what it does after is not."""
    settings["NOTIFICATION_SETTLE_SECONDS"] = 0


@pytest.fixture
def follow_limits(rate_limited):
    rate_limited.update(FOLLOW_ADDRESS_RATE_LIMIT="2 per hour", FOLLOW_RATE_LIMIT="3 per hour")


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def messages(purpose: str | None = None) -> list[MailMessage]:
    db.session.rollback()
    query = sa.select(MailMessage).order_by(MailMessage.id)
    if purpose:
        query = query.where(MailMessage.purpose == purpose)
    return list(db.session.scalars(query))


def subscriptions() -> list[Subscription]:
    db.session.rollback()
    return list(db.session.scalars(sa.select(Subscription).order_by(Subscription.id)))


def ask_to_follow(client, url="/hoeringer/digital-dialog/folg", email=FOLLOWER, frequency=IMMEDIATE, language="nb",
                  **fields):
    response = client.post(url, data={"email": email, "frequency": frequency, **fields},
                           headers={"Accept-Language": language})
    wait_for_threads()  # the confirmation request is sent
    return response


def follower(consultation=None, anchor=None, frequency=IMMEDIATE, language="nb", email=FOLLOWER,
             since: datetime | None = None, topic=None) -> Subscription:
    """A confirmed follower of the consultation, its unit ``anchor`` or ``topic``, whose window starts
    at ``since`` (default: now)."""
    unit = next((u for u in consultation.current_version.units if u.anchor == anchor), None) if anchor else None
    following.follow(following.Followed(consultation=consultation, unit=unit, topic=topic), email, frequency, language)
    subscription = db.session.scalars(sa.select(Subscription).order_by(Subscription.id.desc())).first()
    following.confirm(subscription)
    if since is not None:
        subscription.covered_until = since
        db.session.commit()
    return subscription


def published_at(comment: Comment, moment: datetime) -> Comment:
    comment.created_at = moment
    db.session.commit()
    return comment


# --- Asking, and confirming -------------------------------------------------------------------------


def test_following_a_unit_asks_for_confirmation_and_only_the_button_confirms(app, client):
    make_consultation()
    page = page_of(client.get(f"/hoeringer/digital-dialog/{ANCHOR}"))
    link = page.find("a", string="Følg dette punktet på e-post")
    assert link["href"] == f"/hoeringer/digital-dialog/{ANCHOR}/folg"
    form = page_of(client.get(link["href"]))
    assert form.h1.get_text(strip=True).startswith("Følg")
    assert {i["value"] for i in form.select("input[name=frequency]")} == {IMMEDIATE, DAILY}

    response = ask_to_follow(client, link["href"], email=" Ola@Example.no ", frequency=DAILY, language="nn")
    assert response.status_code == 302
    assert page_of(client.get(response.location)).find(string=lambda s: s and "Sjekk e-posten" in s)
    [subscription] = subscriptions()
    assert (subscription.email, subscription.anchor, subscription.frequency, subscription.language) == (
        FOLLOWER, ANCHOR, DAILY, "nn")
    assert subscription.confirmed_at is None and subscription.covered_until is None
    [request] = messages("follow_confirmation")
    assert request.recipient == FOLLOWER
    assert request.subject == "Stadfest at du vil følgje punkt 2.1.1 i «Strategi for digital dialog med innbyggerne»"
    confirm_url = f"http://hoering.test/varsler/bekreft/{subscription.token}"
    assert confirm_url in request.text
    assert request.headers["List-Unsubscribe"] == f"<http://hoering.test/varsler/avmeld/{subscription.token}>"
    assert f"http://hoering.test/varsler/avmeld/{subscription.token}" in request.text

    # Opening the link (as a mail scanner does) confirms nothing.
    page = page_of(client.get(f"/varsler/bekreft/{subscription.token}"))
    assert page.select_one(f"form[action='/varsler/bekreft/{subscription.token}'] button")
    assert subscriptions()[0].confirmed_at is None
    response = client.post(f"/varsler/bekreft/{subscription.token}")
    assert response.status_code == 200
    assert "Du følger nå" in page_of(response).h1.get_text()
    confirmed = subscriptions()[0]
    assert confirmed.confirmed_at is not None and confirmed.covered_until == confirmed.confirmed_at

    # Confirming again moves nothing.
    client.post(f"/varsler/bekreft/{subscription.token}")
    assert subscriptions()[0].covered_until == confirmed.covered_until


def test_the_consultation_page_links_to_following_it(app, client):
    make_consultation()
    page = page_of(client.get("/hoeringer/digital-dialog"))
    assert page.find("a", string="Følg høringen på e-post")["href"] == "/hoeringer/digital-dialog/folg"
    whole = page_of(client.get("/hoeringer/digital-dialog/hele-dokumentet"))
    assert whole.find("a", string="Følg høringen på e-post")["href"] == "/hoeringer/digital-dialog/folg"


def test_asking_again_sends_the_same_link_and_a_follower_gets_nothing_new(app, client):
    make_consultation()
    ask_to_follow(client)
    ask_to_follow(client, frequency=DAILY)
    [subscription] = subscriptions()
    assert subscription.frequency == DAILY
    first, second = messages("follow_confirmation")
    assert subscription.token in first.text and subscription.token in second.text

    client.post(f"/varsler/bekreft/{subscription.token}")
    response = ask_to_follow(client)
    assert response.status_code == 302  # the same page as for a new address: nothing tells who follows
    assert len(messages("follow_confirmation")) == 2
    assert len(subscriptions()) == 1


@pytest.mark.parametrize("email, message", [
    ("", "Skriv e-postadressen din."),
    ("ikke-en-adresse", "Skriv en gyldig e-postadresse, for eksempel navn@example.no."),
    ("<script>alert(1)</script>@example.no", "Skriv en gyldig e-postadresse, for eksempel navn@example.no."),
])
def test_a_bad_address_gets_a_clear_message_and_nothing_is_sent(app, client, email, message):
    make_consultation()
    response = ask_to_follow(client, email=email)
    assert response.status_code == 400
    page = page_of(response)
    assert page.select_one(".error-message").get_text(strip=True) == message
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert subscriptions() == [] and messages() == []


def test_the_honeypot_keeps_bots_out(app, client):
    make_consultation()
    assert ask_to_follow(client, website="http://spam.example").status_code == 400
    assert subscriptions() == []


def test_only_public_consultations_and_current_units_can_be_followed(app, client):
    make_consultation()
    make_consultation("utkast")
    db.session.execute(sa.text("UPDATE consultation SET phase = 'draft' WHERE slug = 'utkast'"))
    db.session.commit()
    assert client.get("/hoeringer/utkast/folg").status_code == 404
    assert ask_to_follow(client, "/hoeringer/utkast/folg").status_code == 404
    assert client.get("/hoeringer/digital-dialog/ingen-slik/folg").status_code == 404
    assert client.get("/varsler/bekreft/ukjent").status_code == 404
    assert client.post("/varsler/bekreft/ukjent").status_code == 404
    assert subscriptions() == []


def test_confirmation_requests_are_rate_limited_per_address_and_per_ip(follow_limits, app, client):
    make_consultation()
    ip = lambda n: {"REMOTE_ADDR": f"10.0.0.{n}"}  # noqa: E731
    for n in range(2):
        assert client.post("/hoeringer/digital-dialog/folg", data={"email": "offer@example.no", "frequency": IMMEDIATE},
                           environ_base=ip(n)).status_code == 302
    # A third request to the same inbox, from yet another address: refused.
    refused = client.post("/hoeringer/digital-dialog/folg", data={"email": "OFFER@example.no", "frequency": IMMEDIATE},
                          environ_base=ip(9))
    assert refused.status_code == 429
    assert "Vent litt" in refused.get_data(as_text=True)
    assert len(messages("follow_confirmation")) == 2
    # One IP asking for many addresses: refused after three.
    codes = [client.post("/hoeringer/digital-dialog/folg", data={"email": f"n{n}@example.no", "frequency": IMMEDIATE},
                         environ_base=ip(50)).status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]


def test_unconfirmed_requests_are_deleted_after_a_week(app, client):
    consultation = make_consultation()
    ask_to_follow(client)
    confirmed = follower(consultation, email="bekreftet@example.no")
    confirmed.created_at = utcnow() - timedelta(days=30)
    db.session.commit()
    assert following.delete_unconfirmed(utcnow() + timedelta(days=6)) == 0
    assert following.delete_unconfirmed(utcnow() + timedelta(days=8)) == 1
    assert [s.email for s in subscriptions()] == ["bekreftet@example.no"]


# --- Notices -------------------------------------------------------------------------------------


def test_an_immediate_follower_gets_the_words_of_new_comments_once(app):
    consultation = make_consultation()
    make_comment(consultation, ANCHOR, text="Skrevet før jeg fulgte.")
    subscription = follower(consultation)
    make_comment(consultation, ANCHOR, text="Første linje.\nAndre linje.", author_name="Per Hansen")
    make_comment(consultation, OTHER_ANCHOR, text="Om noe annet.", organisation="Fjordvik Idrettslag")

    sent = send_due()
    assert (sent.notices, sent.digests) == (1, 0)
    [notice] = messages("follow_notice")
    assert notice.recipient == FOLLOWER
    assert notice.subject == "Nytt fra «Strategi for digital dialog med innbyggerne»"
    assert "Per Hansen skriver:\n  Første linje.\n  Andre linje.\n" in notice.text
    assert "Kari Nordmann (Fjordvik Idrettslag) skriver:\n  Om noe annet." in notice.text
    assert "Skrevet før jeg fulgte" not in notice.text
    assert f"http://hoering.test/varsler/avmeld/{subscription.token}" in notice.text
    assert notice.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The next run has nothing new to tell, and says nothing.
    assert send_due().message_ids == []
    make_comment(consultation, text="Et nytt innspill.")
    assert len(send_due().message_ids) == 1
    assert "Et nytt innspill." in messages("follow_notice")[-1].text
    assert "Første linje." not in messages("follow_notice")[-1].text


def test_a_unit_follower_hears_only_of_that_unit(app):
    consultation = make_consultation()
    follower(consultation, ANCHOR, language="en")
    make_comment(consultation, OTHER_ANCHOR, text="Et annet punkt.")
    assert send_due().message_ids == []
    make_comment(consultation, ANCHOR, text="Om Facebook.")
    send_due()
    [notice] = messages("follow_notice")
    assert notice.subject == "News from section 2.1.1 in «Strategi for digital dialog med innbyggerne»"
    assert "Kari Nordmann writes:\n  Om Facebook." in notice.text
    assert "Et annet punkt" not in notice.text


def test_a_held_comment_is_told_of_when_a_moderator_publishes_it(app):
    consultation = make_consultation()
    follower(consultation)
    comment = make_comment(consultation, text="Vent på moderator.")
    comment.status = PENDING
    db.session.commit()
    assert send_due(utcnow() + LATER).message_ids == []
    comment = db.session.get(Comment, comment.id)
    comment.status, comment.moderated_at = PUBLISHED, utcnow() + 2 * LATER
    db.session.commit()
    assert send_due(utcnow() + LATER).message_ids == []  # published after this run's window
    send_due(utcnow() + 3 * LATER)
    assert "Vent på moderator." in messages("follow_notice")[0].text


def test_official_answers_show_who_answered_for_the_municipality(app, client, auth):
    consultation = make_consultation()
    question = make_comment(consultation, ANCHOR, text="Hva med de som ikke har Facebook?")
    follower(consultation, ANCHOR)
    caseworker = auth.login_as("caseworker")
    url = f"/hoeringer/digital-dialog/{ANCHOR}"
    page = page_of(client.get(f"{url}?svar={question.id}"))
    data = {i["name"]: i.get("value", "") for i in page.select("#skjema form input[type=hidden]")}
    client.post(url, data={**data, "author_name": caseworker.name, "official": "y", "text": "Alt står på nettsiden."})
    send_due()
    [notice] = messages("follow_notice")
    answer = f"Svar fra Fjordvik kommune, skrevet av {caseworker.name}, saksbehandler:\n  Alt står på nettsiden."
    assert answer in notice.text


def test_a_notice_tells_of_a_revision_formal_responses_and_the_summary(app):
    consultation = make_consultation()
    follower(consultation)
    unit_follower = follower(consultation, ANCHOR, email="punkt@example.no")
    add_draft_version(consultation, consultation.current_version.source + "\n\nEt nytt avsnitt.")
    held = FormalResponse(consultation_id=consultation.id, reference="2026/1-1", channel="form",
                          body_name="Naboforeningen",
                          category="organisasjon", contact_name="Nina", contact_email="nina@example.no", status=HELD)
    db.session.add(held)
    db.session.commit()
    make_summary_version(consultation)
    send_due()
    by_recipient = {m.recipient: m.text for m in messages("follow_notice")}
    text = by_recipient[FOLLOWER]
    assert "Et revidert utkast er publisert (versjon 2)" in text
    assert "http://hoering.test/hoeringer/digital-dialog/versjoner/2/endringer" in text
    assert ("Fjordvik kommune har godkjent oppsummeringen av innspillene:\n"
            "http://hoering.test/hoeringer/digital-dialog/oppsummering") in text
    assert "høringssvar" not in text  # the held response is not public
    assert "høringssvar" not in by_recipient[unit_follower.email]
    assert "versjon 2" in by_recipient[unit_follower.email]

    publication.publish(db.session.get(FormalResponse, held.id), None)
    send_due()
    assert "1 nytt formelt høringssvar:\nhttp://hoering.test/hoeringer/digital-dialog/hoeringssvar" in messages(
        "follow_notice")[-1].text
    assert len(messages("follow_notice")) == 3  # the unit's follower hears nothing of responses


def test_three_days_left_is_told_once(app):
    consultation = make_consultation()
    follower(consultation, since=consultation.closes_at - timedelta(days=4))
    warning = consultation.closes_at - timedelta(days=3)
    assert send_due(warning - timedelta(hours=1)).message_ids == []
    send_due(warning + LATER)
    [notice] = messages("follow_notice")
    assert "Tre dager igjen: høringsfristen er" in notice.text
    assert send_due(warning + 10 * LATER).message_ids == []


def test_xss_in_comments_reaches_the_e_mail_as_plain_text(app):
    consultation = make_consultation()
    follower(consultation)
    for payload in PAYLOADS[:5]:
        make_comment(consultation, text=f"Tekst {payload}")
    send_due()
    [notice] = messages("follow_notice")
    for payload in PAYLOADS[:5]:
        assert payload.strip().splitlines()[0] in notice.text  # the words as written; the e-mail is text/plain


def test_at_most_thirty_comments_are_quoted_and_the_rest_counted(app):
    consultation = make_consultation()
    follower(consultation)
    for n in range(33):
        make_comment(consultation, text=f"Innspill nummer {n}.")
    send_due()
    text = messages("follow_notice")[0].text
    assert "33 nye innspill og svar:" in text
    assert "Innspill nummer 29." in text and "Innspill nummer 30." not in text
    assert "… og 3 til. Les alle:" in text


# --- Daily digests and their windows ---------------------------------------------------------------


def oslo(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in December 2026 (UTC+1 in Oslo) as naive UTC."""
    return datetime(2026, 12, day, hour, minute) - timedelta(hours=1)


def test_the_daily_digest_covers_the_day_up_to_seven_whenever_cron_runs(app):
    consultation = make_consultation(opens_at=oslo(1, 8), closes_at=oslo(30, 23, 59))
    follower(consultation, frequency=DAILY, since=oslo(6, 12))
    morning = make_comment(consultation, text="Skrevet klokka seks.")
    published_at(morning, oslo(7, 6))
    late = make_comment(consultation, text="Skrevet kvart over sju.")
    published_at(late, oslo(7, 7, 15))

    assert send_due(oslo(7, 6, 55)).message_ids == []  # before seven: not yet
    sent = send_due(oslo(7, 7, 20))
    assert (sent.digests, sent.notices) == (1, 0)
    [digest] = messages("follow_digest")
    assert digest.subject == "Dagens nytt fra «Strategi for digital dialog med innbyggerne»"
    assert ("Dette er nytt i «Strategi for digital dialog med innbyggerne» fra 6. desember 2026 kl. 12:00 til "
            "7. desember 2026 kl. 07:00.") in digest.text
    assert "Skrevet klokka seks." in digest.text and "kvart over sju" not in digest.text
    assert send_due(oslo(7, 23)).message_ids == []  # once a day

    # Cron misses two days: the next run's digest holds everything since, once.
    third = make_comment(consultation, text="Skrevet på tirsdag.")
    published_at(third, oslo(8, 12))
    send_due(oslo(10, 9))
    digest = messages("follow_digest")[-1]
    assert "kvart over sju" in digest.text and "Skrevet på tirsdag." in digest.text
    assert "Skrevet klokka seks." not in digest.text
    assert send_due(oslo(10, 10)).message_ids == []


def test_a_run_that_another_run_overtook_sends_nothing(app, monkeypatch):
    """Two runs at once read the same window; the one that writes second finds it moved, and stops."""
    consultation = make_consultation()
    subscription = follower(consultation)
    start = subscription.covered_until
    make_comment(consultation, text="Bare én gang.")
    read_news = digests.news_of

    def overtaken(*args):
        news = read_news(*args)
        with db.engine.begin() as other_run:
            other_run.execute(sa.update(Subscription).where(Subscription.id == subscription.id)
                              .values(covered_until=start + timedelta(seconds=1)))
        return news

    monkeypatch.setattr(digests, "news_of", overtaken)
    assert send_due().message_ids == []
    assert messages() == [m for m in messages() if m.purpose == "follow_confirmation"]


def test_the_digest_moment_follows_oslo_time_across_summer_time(app):
    assert last_digest_moment(datetime(2026, 12, 7, 6, 30)) == datetime(2026, 12, 7, 6, 0)  # 07:30 in Oslo
    assert last_digest_moment(datetime(2026, 12, 7, 5, 30)) == datetime(2026, 12, 6, 6, 0)  # 06:30: yesterday's
    assert last_digest_moment(datetime(2026, 7, 1, 5, 30)) == datetime(2026, 7, 1, 5, 0)  # 07:30 summer time


def test_unsubscribing_from_a_digest_deletes_the_address(app, client):
    consultation = make_consultation()
    subscription = follower(consultation, ANCHOR)
    page = page_of(client.get(f"/varsler/avmeld/{subscription.token}"))
    assert f"Du får e-post til {FOLLOWER} når det skjer noe i" in page.get_text(" ", strip=True)
    one_click = client.post(f"/varsler/avmeld/{subscription.token}", data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert subscriptions() == []


# --- The command -------------------------------------------------------------------------------------


def test_the_command_sends_through_real_smtp_in_the_follower_s_language(mail_server, app):
    consultation = make_consultation()
    follower(consultation, language="nn", since=utcnow() - timedelta(hours=1))
    make_comment(consultation, text="Eit innspel på nynorsk.")
    for message in messages():
        db.session.delete(message)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 notice(s) and 0 daily digest(s); deleted 0 unconfirmed follow request(s)." in result.output
    [received] = mail_server.received
    assert received.recipients == [FOLLOWER]
    assert received.message["Subject"] == "Nytt frå «Strategi for digital dialog med innbyggerne»"
    assert "Eit innspel på nynorsk." in received.message.get_content()
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_command_needs_a_public_address_for_its_links(app):
    app.config["SERVER_NAME"] = None
    result = app.test_cli_runner().invoke(args=["notifications", "digest"])
    assert result.exit_code != 0 and "PUBLIC_URL" in result.output
