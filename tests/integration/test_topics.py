"""Topics and areas: the admin keeps the lists, a planner tags a consultation, residents find it on the
topic's page and feed from the front page, and a follower of an area hears when a consultation in it
opens, once."""
from datetime import timedelta

import feedparser
import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.background import wait_for_threads
from hoering.clock import utcnow
from hoering.extensions import db
from hoering.mail.models import MailMessage
from hoering.notifications import following
from hoering.notifications.digests import send_due
from hoering.notifications.models import Subscription
from hoering.topics import services
from hoering.topics.models import AREA, TOPIC, Topic, consultation_topic
from tests.factories import make_consultation
from tests.fixtures.xss import PAYLOADS


@pytest.fixture(autouse=True)
def no_settling(settings):
    settings["NOTIFICATION_SETTLE_SECONDS"] = 0


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def topic(kind, name):
    return services.create_topic(kind, name, None)


def test_the_admin_keeps_the_lists(app, client, auth):
    auth.login_as("admin")
    response = client.post("/admin/emner", data={"kind": TOPIC, "name": "  Vei og   trafikk "})
    assert response.status_code == 302
    client.post("/admin/emner", data={"kind": AREA, "name": "Østbyen skolekrets"})
    road, east = db.session.scalars(sa.select(Topic).order_by(Topic.id)).all()
    assert (road.kind, road.name, road.slug) == (TOPIC, "Vei og trafikk", "vei-og-trafikk")
    assert (east.kind, east.slug) == (AREA, "ostbyen-skolekrets")

    again = client.post("/admin/emner", data={"kind": AREA, "name": "østbyen SKOLEKRETS"})
    assert again.status_code == 400
    assert "«østbyen SKOLEKRETS» finnes allerede." in page_of(again).select_one(".error-message").get_text()
    assert client.post("/admin/emner", data={"kind": TOPIC, "name": "   "}).status_code == 400
    assert client.post("/admin/emner", data={"kind": TOPIC, "name": "!!!"}).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Topic)) == 2

    client.post(f"/admin/emner/{east.id}/navn", data={"name": "Østbyen"})
    db.session.rollback()
    renamed = db.session.get(Topic, east.id)
    assert (renamed.name, renamed.slug) == ("Østbyen", "ostbyen-skolekrets")  # the address stays
    page = page_of(client.get("/admin/emner"))
    assert [a.get_text() for a in page.select("table td:first-child a")] == ["Vei og trafikk", "Østbyen"]


def test_deleting_a_topic_untags_and_forgets_its_followers(app, client, auth):
    consultation = make_consultation()
    school = topic(TOPIC, "Skole")
    services.set_topics(consultation, [school.id], None)
    following.follow(following.Followed(topic=school), "ola@example.no", "immediate", "nb")
    auth.login_as("admin")
    warning = page_of(client.get(f"/admin/emner/{school.id}/slett")).get_text(" ", strip=True)
    assert "1 høring er merket med det." in warning and "1 adresse følger det. Den slettes" in warning
    assert client.post(f"/admin/emner/{school.id}/slett").status_code == 302
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(consultation_topic)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Subscription)) == 0
    assert client.get("/emner/skole").status_code == 404


def test_a_planner_tags_a_consultation(app, client, auth):
    consultation = make_consultation()
    school, area = topic(TOPIC, "Skole"), topic(AREA, "Nordbyen")
    topic(TOPIC, "Helse")
    auth.login_as("planner")
    page = page_of(client.get("/admin/hoeringer/digital-dialog/emner"))
    every = {str(t.id) for t in db.session.scalars(sa.select(Topic))}
    assert {i["value"] for i in page.select("input[name=emne]")} == every
    response = client.post("/admin/hoeringer/digital-dialog/emner", data={"emne": [str(school.id), str(area.id), "999",
                                                                                   "x"]})
    assert response.status_code == 302
    db.session.rollback()
    assert [t.name for t in services.topics_of(consultation)] == ["Skole", "Nordbyen"]
    checked = page_of(client.get("/admin/hoeringer/digital-dialog/emner")).select("input[name=emne][checked]")
    assert {i["value"] for i in checked} == {str(school.id), str(area.id)}

    public = page_of(client.get("/hoeringer/digital-dialog"))
    assert [(a.get_text(), a["href"]) for a in public.select(".topics a")] == [("Skole", "/emner/skole"),
                                                                             ("Nordbyen", "/omrader/nordbyen")]


def test_a_planner_cannot_tag_another_planner_s_consultation(app, client, auth):
    owner = auth.user("planner", email="eier@fjordvik.example.no")
    consultation = make_consultation()
    consultation.owner_id = owner.id
    db.session.commit()
    auth.login_as("planner")
    assert client.get("/admin/hoeringer/digital-dialog/emner").status_code == 403
    assert client.post("/admin/hoeringer/digital-dialog/emner", data={"emne": ["1"]}).status_code == 403


def test_the_front_page_leads_to_each_topic_and_area_page_and_feed(app, client):
    tagged = make_consultation()
    make_consultation("annen-horing", title="Parkering i sentrum")
    hidden = make_consultation("utkast", title="Et utkast")
    hidden.phase = "draft"
    db.session.commit()
    school, area = topic(TOPIC, "Skole"), topic(AREA, "Nordbyen skolekrets")
    services.set_topics(tagged, [school.id, area.id], None)
    services.set_topics(hidden, [school.id], None)

    front = page_of(client.get("/"))
    links = {a.get_text(): a["href"] for a in front.select(".topic-filter a")}
    assert links == {"Skole": "/emner/skole", "Nordbyen skolekrets": "/omrader/nordbyen-skolekrets"}

    for url in links.values():
        page = page_of(client.get(url))
        assert [h.get_text(strip=True) for h in page.select(".card-title")] == [tagged.title]
        feed_link = page.find("link", rel="alternate", href=lambda href: href.endswith(f"{url}.atom"))["href"]
        feed = feedparser.parse(client.get(feed_link.replace("http://hoering.test", "")).get_data())
        assert not feed.bozo
        assert [entry.title for entry in feed.entries] == [tagged.title]
        assert feed.feed.links[0].href.startswith("http://hoering.test/")
    assert client.get("/emner/finnes-ikke").status_code == 404
    assert client.get("/omrader/skole").status_code == 404  # a topic is not an area
    assert client.get("/emner/finnes-ikke.atom").status_code == 404


def test_topic_names_are_escaped_everywhere(app, client, auth):
    consultation = make_consultation()
    for n, payload in enumerate(PAYLOADS[:6]):
        tag = topic(TOPIC, f"Emne {n} {payload}"[:80])
        services.set_topics(consultation, [tag.id], None)
        for url in ("/", f"/emner/{tag.slug}", "/hoeringer/digital-dialog"):
            body = client.get(url).get_data(as_text=True)
            assert "<script>alert" not in body and "onerror=alert" not in body.replace("onerror=alert(1)&gt;", "")
        feed = client.get(f"/emner/{tag.slug}.atom").get_data(as_text=True)
        assert not feedparser.parse(feed).bozo


def test_an_area_follower_hears_once_when_a_consultation_there_opens(app, client):
    area = topic(AREA, "Nordbyen skolekrets")
    response = client.post("/omrader/nordbyen-skolekrets/folg", headers={"Accept-Language": "en"},
                           data={"email": "ola@example.no", "frequency": "immediate"})
    assert response.status_code == 302
    wait_for_threads()
    subscription = db.session.scalar(sa.select(Subscription))
    assert (subscription.topic_id, subscription.kind, subscription.language) == (area.id, "topic", "en")
    request = db.session.scalar(sa.select(MailMessage).where(MailMessage.purpose == "follow_confirmation"))
    assert request.subject == "Confirm that you want to follow the area «Nordbyen skolekrets»"
    assert "when a new consultation opens there" in request.text
    client.post(f"/varsler/bekreft/{subscription.token}")
    db.session.rollback()

    upcoming = make_consultation("ny-skolevei", title="Trygg skolevei", opens_at=utcnow() + timedelta(days=2))
    make_consultation("annet", title="Noe annet sted")
    services.set_topics(upcoming, [area.id], None)
    assert send_due().message_ids == []  # tagged, but not open yet
    assert send_due(upcoming.opens_at + timedelta(minutes=5)).notices == 1
    notice = db.session.scalars(sa.select(MailMessage).where(MailMessage.purpose == "follow_notice")).one()
    assert notice.subject == "New consultation: «Trygg skolevei»"
    assert "A new consultation tagged the area «Nordbyen skolekrets» has opened:" in notice.text
    assert "http://hoering.test/hoeringer/ny-skolevei" in notice.text
    assert "Noe annet sted" not in notice.text
    assert send_due(upcoming.opens_at + timedelta(hours=1)).message_ids == []


@pytest.fixture
def two_per_address(rate_limited):
    rate_limited.update(FOLLOW_ADDRESS_RATE_LIMIT="2 per hour")


def test_following_a_topic_shares_the_rate_limits_with_following_a_consultation(two_per_address, app, client):
    make_consultation()
    topic(TOPIC, "Skole")
    data = {"email": "offer@example.no", "frequency": "immediate"}
    assert client.post("/hoeringer/digital-dialog/folg", data=data).status_code == 302
    assert client.post("/emner/skole/folg", data=data).status_code == 302
    assert client.post("/emner/skole/folg", data=data).status_code == 429
