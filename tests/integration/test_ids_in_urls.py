"""An id in a URL that no row can have is a 404 on every route, never a database error (a 500)."""
import pytest
from werkzeug.routing import IntegerConverter

from hoering.security import MAX_ID, IdConverter
from tests.factories import make_comment, make_consultation

BEYOND_64_BITS = "9223372036854775813"
IMPOSSIBLE_IDS = [BEYOND_64_BITS, str(2**64), str(MAX_ID + 1), "9" * 5000, "٤٢"]


def id_rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if "int:" in rule.rule]
    assert len(rules) > 15, "the staff, moderation and comment routes all take ids"
    return rules


def url_with(rule, slug: str, number: str) -> str:
    url = rule.rule.replace("<slug>", slug)
    for name in rule.arguments:
        url = url.replace(f"<int:{name}>", number)
    return url


def test_every_int_in_a_route_is_the_bounded_id_converter(app):
    """Converters are bound when a rule is added: a blueprint registered first would escape the bound."""
    for rule in id_rules(app):
        numbers = [c for c in rule._converters.values() if isinstance(c, IntegerConverter)]
        assert numbers and all(isinstance(c, IdConverter) for c in numbers), rule.rule


@pytest.mark.parametrize("number", IMPOSSIBLE_IDS)
def test_an_impossible_id_is_not_found_on_every_route_for_an_admin(app, client, auth, number):
    slug = make_consultation().slug
    auth.login_as("admin")
    for rule in id_rules(app):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url_with(rule, slug, number), method=method, data={})
            assert response.status_code == 404, (method, rule.rule, number)


def test_the_reported_comment_links_are_not_found_for_a_reader(client):
    slug = make_consultation().slug
    for suffix in ("", "/meld-fra"):
        assert client.get(f"/hoeringer/{slug}/kommentarer/{BEYOND_64_BITS}{suffix}").status_code == 404
    assert client.post(f"/hoeringer/{slug}/kommentarer/{BEYOND_64_BITS}/meld-fra").status_code == 404
    assert client.post(f"/hoeringer/{slug}/kommentarer/{BEYOND_64_BITS}/enig").status_code == 404


def test_ids_the_columns_can_hold_still_reach_the_view(client):
    consultation = make_consultation()
    comment = make_comment(consultation)
    assert client.get(f"/hoeringer/{consultation.slug}/kommentarer/{comment.id}").status_code == 302
    assert client.get(f"/hoeringer/{consultation.slug}/kommentarer/000{comment.id}").status_code == 302
    assert client.get(f"/hoeringer/{consultation.slug}/kommentarer/{MAX_ID}").status_code == 404


def test_the_api_parameters_beyond_their_range_stay_a_bad_request(client):
    slug = make_consultation().slug
    for parameter in ("after", "limit"):
        response = client.get(f"/api/v1/consultations/{slug}/comments?{parameter}={BEYOND_64_BITS}")
        assert response.status_code == 400 and response.get_json()["error"]["status"] == 400
