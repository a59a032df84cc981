"""Sharing a page: Open Graph and Twitter Card tags with absolute URLs and a server-drawn card, and
"Del dette punktet" as plain links that keep the unit's address."""
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.factories import make_consultation, make_summary_version
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
HOST = "http://hoering.test"


def meta(page, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"]


def page_of(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_a_unit_page_has_its_own_tags_and_card(app, client):
    consultation = make_consultation()
    page = page_of(client, f"/hoeringer/digital-dialog/{ANCHOR}")
    url = f"{HOST}/hoeringer/digital-dialog/{ANCHOR}"
    assert meta(page, "og:url") == url and page.find("link", rel="canonical")["href"] == url
    assert meta(page, "og:title") == f"Punkt 2.1.1 – {consultation.title}"
    assert meta(page, "og:description").startswith("Facebook brukes til nyheter")
    image = meta(page, "og:image")
    assert image == f"{HOST}/hoeringer/digital-dialog/{ANCHOR}/deling.png" == meta(page, "twitter:image")
    assert meta(page, "twitter:card") == "summary_large_image"

    card = client.get(urlsplit(image).path)
    assert card.headers["Content-Type"] == "image/png" and "max-age" in card.headers["Cache-Control"]
    assert Image.open(io.BytesIO(card.get_data())).size == (1200, 630)


def test_the_consultation_and_its_summary_share_the_consultations_card(app, client):
    consultation = make_consultation()
    make_summary_version(consultation)
    for path in ("/hoeringer/digital-dialog", "/hoeringer/digital-dialog/oppsummering"):
        page = page_of(client, path)
        assert meta(page, "og:url") == f"{HOST}{path}"
        assert meta(page, "og:image") == f"{HOST}/hoeringer/digital-dialog/deling.png"
    assert client.get("/hoeringer/digital-dialog/deling.png").status_code == 200
    assert client.get("/hoeringer/digital-dialog/finnes-ikke/deling.png").status_code == 404


def test_del_dette_punktet_links_keep_the_units_address_and_load_no_script(app, client):
    make_consultation()
    page = page_of(client, f"/hoeringer/digital-dialog/{ANCHOR}")
    share = page.find("section", class_="share")
    assert share.find("h2").get_text() == "Del dette punktet"
    url = f"{HOST}/hoeringer/digital-dialog/{ANCHOR}"
    links = {a.get_text(" ", strip=True).split(" (")[0]: a["href"] for a in share.select(".share-links a")}
    assert parse_qs(urlsplit(links["Facebook"]).query)["u"] == [url]
    assert parse_qs(urlsplit(links["LinkedIn"]).query)["url"] == [url]
    assert parse_qs(urlsplit(links["X"]).query)["url"] == [url]
    assert parse_qs(urlsplit(links["E-post"]).query)["body"] == [url]
    assert share.find("input", id="delingslenke")["value"] == url
    scripts = [script.get("src", "") for script in page.find_all("script")]
    assert all(src.startswith("/static/") for src in scripts)  # nothing from the services themselves


def test_a_draft_has_no_card(app, client):
    make_consultation("utkast", phase="draft")
    assert client.get("/hoeringer/utkast/deling.png").status_code == 404


@pytest.mark.parametrize("payload", PAYLOADS[::4])
def test_hostile_titles_stay_text_in_the_tags(app, client, payload):
    make_consultation(title=f"Plan {payload}"[:200], summary=payload)
    page = client.get(f"/hoeringer/digital-dialog/{ANCHOR}").get_data(as_text=True)
    assert_inert(page)
    assert client.get(f"/hoeringer/digital-dialog/{ANCHOR}/deling.png").status_code == 200


def test_the_card_takes_the_organisations_main_colour(app, client):
    from hoering.branding.services import BrandSettings, save_brand

    make_consultation()
    save_brand(BrandSettings(organisation="Fjordvik kommune", main_colour="#0e6e63"), None, False, None)
    for url in ("/hoeringer/digital-dialog/deling.png", f"/hoeringer/digital-dialog/{ANCHOR}/deling.png"):
        card = Image.open(io.BytesIO(client.get(url).data)).convert("RGB")
        assert card.getpixel((600, 10)) == (14, 110, 99), url
