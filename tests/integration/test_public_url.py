"""With PUBLIC_URL set, absolute links are built on it and never on a forged Host header."""
import pytest
from flask import url_for

from hoering import create_app
from tests.factories import make_comment, make_consultation

PUBLIC = "https://hoering.fjordvik.kommune.no"
VIA_PROXY = "http://hoering.fjordvik.kommune.no"  # the proxy ends TLS and passes the public Host on
FORGED = "http://evil.example"


@pytest.fixture
def settings(settings):
    return {**settings, "PUBLIC_URL": PUBLIC, "SERVER_NAME": None}


def links_in(body: dict) -> list[str]:
    found = []
    for key, value in body.items():
        if isinstance(value, dict):
            found += links_in(value)
        elif isinstance(value, list):
            found += [link for item in value if isinstance(item, dict) for link in links_in(item)]
        elif key.endswith("url") or key == "next":
            found.append(value)
    return found


def test_the_api_links_are_built_on_the_public_url(client):
    consultation = make_consultation()
    for n in range(3):
        make_comment(consultation, text=f"Innspill nummer {n} om gang- og sykkelveien.")
    bodies = [
        client.get(path, base_url=VIA_PROXY).get_json()
        for path in ("/api/v1/consultations", f"/api/v1/consultations/{consultation.slug}",
                     f"/api/v1/consultations/{consultation.slug}/comments?limit=1")
    ]
    links = [link for body in bodies for link in links_in(body) if link]
    assert len(links) > 5 and all(link.startswith(f"{PUBLIC}/") for link in links), links
    last = bodies[2]["comments"][-1]["id"]
    assert bodies[2]["next"] == f"{PUBLIC}/api/v1/consultations/{consultation.slug}/comments?after={last}&limit=1"


@pytest.mark.parametrize("path", ["/api/v1/consultations", "/", "/hoeringer/digital-dialog", "/logg-inn"])
def test_a_request_for_another_host_is_refused(client, path):
    make_consultation()
    response = client.get(path, base_url=FORGED)
    assert response.status_code == 400
    assert b"evil.example" not in response.data
    message = "Denne adressen hører ikke til dette nettstedet."
    if path.startswith("/api/"):
        assert response.get_json()["error"] == {"status": 400, "message": message}
        assert response.get_json()["detail"] == message
    else:
        assert message in response.get_data(as_text=True)


def test_a_post_for_another_host_is_refused_before_the_view(client):
    consultation = make_consultation()
    response = client.post(f"/hoeringer/{consultation.slug}/formal", base_url=FORGED,
                           data={"author_name": "Kari Nordmann", "text": "Jeg støtter forslaget."})
    assert response.status_code == 400
    assert "Jeg støtter forslaget." in response.get_data(as_text=True), "what was typed is shown back"


def test_the_public_host_on_another_port_is_answered_with_public_links(client):
    make_consultation()
    body = client.get("/api/v1/consultations", base_url=f"{VIA_PROXY}:8000").get_json()
    assert body["consultations"][0]["url"] == f"{PUBLIC}/hoeringer/digital-dialog"


def test_links_built_outside_a_request_use_the_public_url(app):
    """A command or a worker (e-mails, exports) has no request to take a host from."""
    with app.app_context():
        assert url_for("api.consultations", _external=True) == f"{PUBLIC}/api/v1/consultations"


def test_unset_the_site_answers_any_host(settings, client):
    app = create_app({**settings, "PUBLIC_URL": ""})
    response = app.test_client().get("/api/v1/consultations", base_url="http://127.0.0.1:5000")
    assert response.status_code == 200


@pytest.mark.parametrize("value", [
    "hoering.fjordvik.kommune.no", "ftp://hoering.fjordvik.kommune.no", "https://hoering.fjordvik.kommune.no/hoering",
    "https://hoering.fjordvik.kommune.no/?a=1", "https://bruker:passord@hoering.fjordvik.kommune.no", "https://",
])
def test_a_public_url_that_is_not_a_scheme_and_a_host_stops_the_start(settings, value):
    with pytest.raises(ValueError, match="PUBLIC_URL"):
        create_app({**settings, "PUBLIC_URL": value})


def test_the_host_is_checked_before_anything_else_runs(app):
    assert app.before_request_funcs[None][0].__name__ == "refuse_other_hosts"
