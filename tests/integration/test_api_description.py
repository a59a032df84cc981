"""The OpenAPI description (GET /api/v1/openapi.json) is valid, names every route under /api/ and every
field the API answers with, and holds under Schemathesis: over every operation, generated requests
(valid and invalid) never get a 5xx, and every answer conforms to the description."""
from __future__ import annotations

import re

import pytest
import schemathesis
from schemathesis.generation.modes import GenerationMode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from hoering.api.description import _loaded, resolve
from hoering.demo.loader import load_demo
from tests.factories import make_comment, make_consultation

DEMO_SLUG = "strategi-sosiale-medier"  # the slug in the description's examples


def described(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()


def test_the_description_is_valid_openapi_3_1(app, client):
    body = described(client)
    validate(body)
    assert body["openapi"].startswith("3.1")
    assert body["servers"] == [{"url": "http://hoering.test"}]


def _path_of(rule) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)


def test_every_route_under_api_is_described_with_its_methods(app, client):
    paths = described(client)["paths"]
    routes = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")]
    assert len(routes) >= 8
    for rule in routes:
        path = _path_of(rule)
        assert path in paths, f"{rule.rule} is missing from hoering/api/openapi.yaml"
        methods = {method.lower() for method in rule.methods - {"HEAD", "OPTIONS"}}
        assert methods <= set(paths[path]), rule.rule
    assert set(paths) == {_path_of(rule) for rule in routes}, "the description names a route that is gone"


def _fields(description: dict, schema: dict) -> dict:
    """The properties a schema describes, ``allOf`` parts merged."""
    schema = resolve(description, schema)
    fields = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        fields.update(_fields(description, part))
    return fields


def _assert_described(description: dict, schema: dict, value, where: str) -> None:
    """Every key of every object in ``value`` is a property its schema describes, and the other way round."""
    schema = resolve(description, schema)
    if isinstance(value, dict):
        if "oneOf" in schema:
            schema = next(s for s in map(lambda s: resolve(description, s), schema["oneOf"]) if s.get("type") == "object")
        fields = _fields(description, schema)
        assert set(value) == set(fields), f"{where}: answered {sorted(set(value) - set(fields))}, described only"\
                                          f" {sorted(set(fields) - set(value))}"
        for name, item in value.items():
            _assert_described(description, fields[name], item, f"{where}.{name}")
    elif isinstance(value, list) and value:
        _assert_described(description, schema["items"], value[0], f"{where}[0]")


def _answer_schema(description: dict, path: str) -> dict:
    return description["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]


def test_every_field_answered_is_described_and_every_described_field_answered(app, client):
    load_demo()
    description = described(client)
    for path, url in [
        ("/api/v1/consultations", "/api/v1/consultations"),
        ("/api/v1/consultations/{slug}", f"/api/v1/consultations/{DEMO_SLUG}"),
        ("/api/v1/consultations/{slug}/versions/{number}", f"/api/v1/consultations/{DEMO_SLUG}/versions/1"),
        ("/api/v1/consultations/{slug}/comments", f"/api/v1/consultations/{DEMO_SLUG}/comments"),
        ("/api/v1/consultations/{slug}/responses", f"/api/v1/consultations/{DEMO_SLUG}/responses"),
    ]:
        body = client.get(url).get_json()
        _assert_described(description, _answer_schema(description, path), body, url)


def test_errors_are_problem_details_that_keep_the_older_error_member(app, client):
    make_consultation()
    for url, status in [("/api/v1/consultations/finnes-ikke", 404),
                        ("/api/v1/consultations/digital-dialog/comments?limit=x", 400)]:
        response = client.get(url)
        body = response.get_json()
        assert (response.status_code, response.mimetype) == (status, "application/problem+json")
        assert (body["type"], body["status"], body["error"]["status"]) == ("about:blank", status, status)
        assert body["detail"] == body["error"]["message"] and body["title"]


_REAL_PATH_PARAMETERS = {
    "getConsultation": {"slug": DEMO_SLUG},
    "getVersion": {"slug": DEMO_SLUG, "number": 1},
    "listComments": {"slug": DEMO_SLUG},
    "downloadCommentsCsv": {"slug": DEMO_SLUG},
    "downloadCommentsJsonLines": {"slug": DEMO_SLUG},
    "listResponses": {"slug": DEMO_SLUG},
}


def _fuzzed() -> list[tuple[str, GenerationMode]]:
    """Every operation with valid requests; with invalid ones too where a parameter in the path or the
    query can be invalid (a header the API reads is any string)."""
    description = _loaded()
    cases = []
    for item in description["paths"].values():
        for operation in item.values():
            places = {resolve(description, parameter)["in"] for parameter in operation.get("parameters", [])}
            cases.append((operation["operationId"], GenerationMode.POSITIVE))
            if places & {"path", "query"}:
                cases.append((operation["operationId"], GenerationMode.NEGATIVE))
    return cases


@pytest.mark.slow
@pytest.mark.parametrize(("operation_id", "mode"), _fuzzed())
def test_every_operation_holds_under_the_fuzzer(app, operation_id, mode):
    """Generated requests, valid ones and invalid ones, against the demo's consultations (the slug of
    the description's examples) and one more with a comment: no 5xx, and every answer (status, media
    type, headers, body) as described."""
    load_demo()
    make_comment(make_consultation(), "facebook-brukes-til-nyheter-arrangementer-og", text="Æ, ø og å i et innspill.")
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).include(operation_id=operation_id)
    # Half the requests are for the demo's consultation (and its first version), so that most answers
    # are real ones, not 404: a generated slug is almost never one that exists.
    real = operation.as_strategy(mode, path_parameters=_REAL_PATH_PARAMETERS[operation_id]) \
        if operation_id in _REAL_PATH_PARAMETERS else operation.as_strategy(mode)

    @given(case=st.one_of(real, operation.as_strategy(mode)))
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def holds(case):
        case.call_and_validate()

    holds()
