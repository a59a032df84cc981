"""The Atom feeds, read back with feedparser as a feed reader would: the consultations that have opened,
and a consultation's published comments and the municipality's answers, with absolute links, and
announced by every page."""
from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup

from hoering.clock import utcnow
from hoering.comments.models import HIDDEN
from hoering.extensions import db
from tests.factories import make_comment, make_consultation
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
HOST = "http://hoering.test"
ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.get_data())
    assert not parsed.bozo, parsed.bozo_exception  # well-formed XML
    return parsed


def test_the_consultations_feed_lists_those_that_have_opened_newest_first(app, client):
    older = make_consultation("eldre", opens_at=utcnow() - timedelta(days=20))
    newer = make_consultation("nyere", opens_at=utcnow() - timedelta(days=2))
    make_consultation("kommende", open_=False, opens_at=utcnow() + timedelta(days=5),
                      closes_at=utcnow() + timedelta(days=50))
    parsed = feed(client, "/hoeringer.atom")
    assert parsed.version == "atom10"
    assert parsed.feed.links[0]["rel"] == "self" and parsed.feed.links[0]["href"] == f"{HOST}/hoeringer.atom"
    assert [entry.link for entry in parsed.entries] == [f"{HOST}/hoeringer/nyere", f"{HOST}/hoeringer/eldre"]
    assert parsed.entries[0].title == newer.title and parsed.entries[0].author == newer.organisation
    assert "Høringsfrist" in parsed.entries[1].summary
    assert older.id and parsed.feed.updated.startswith(str(newer.opens_at.date()))


def test_the_comments_feed_has_published_comments_and_answers_newest_first(app, client, auth):
    consultation = make_consultation()
    first = make_comment(consultation, ANCHOR, text="Hva med de som **ikke** har Facebook?")
    hidden = make_comment(consultation, None, text="Dette er skjult.")
    hidden.status = HIDDEN
    db.session.commit()
    parsed = feed(client, "/hoeringer/digital-dialog/innspill.atom")
    assert parsed.feed.title == "Innspill til «Strategi for digital dialog med innbyggerne»"
    [entry] = parsed.entries
    assert entry.link == f"{HOST}/hoeringer/digital-dialog/kommentarer/{first.id}"
    assert entry.title == "Kari Nordmann om punkt 2.1.1"
    assert "<strong>ikke</strong>" in entry.content[0].value  # the comment's own sanitised HTML
    assert "@" not in client.get("/hoeringer/digital-dialog/innspill.atom").get_data(as_text=True)

    auth.login_as("caseworker")
    page = BeautifulSoup(client.get(f"/hoeringer/digital-dialog/{ANCHOR}?svar={first.id}").get_data(as_text=True),
                         "html.parser")
    data = {i["name"]: i.get("value", "") for i in page.select("#skjema form input[type=hidden]")}
    client.post(f"/hoeringer/digital-dialog/{ANCHOR}", data={**data, "author_name": "Sara", "official": "y",
                                                             "text": "Alt står også på nettsiden."})
    newest = feed(client, "/hoeringer/digital-dialog/innspill.atom").entries[0]
    assert newest.title == "Svar fra Fjordvik kommune om punkt 2.1.1"


def test_pages_announce_their_feeds(app, client):
    make_consultation()
    page = BeautifulSoup(client.get("/hoeringer/digital-dialog").get_data(as_text=True), "html.parser")
    feeds = [link["href"] for link in page.select('link[rel=alternate][type="application/atom+xml"]')]
    assert feeds == [f"{HOST}/hoeringer.atom", f"{HOST}/hoeringer/digital-dialog/innspill.atom"]


def test_a_draft_has_no_feed(app, client):
    make_consultation("utkast", phase="draft")
    assert client.get("/hoeringer/utkast/innspill.atom").status_code == 404


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_comments_stay_text_in_the_feed(app, client, payload):
    """The name comes back as the very text stored (escaped in the XML, not markup), the content as the
    comment's sanitised HTML."""
    comment = make_comment(make_consultation(), ANCHOR, text=payload, author_name=payload[:120])
    raw = client.get("/hoeringer/digital-dialog/innspill.atom").get_data()
    entry = ElementTree.fromstring(raw).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == f"{comment.author_name} om punkt 2.1.1"
    assert entry.find(f"{ATOM}content").text == comment.html
    assert_inert(entry.find(f"{ATOM}content").text)
