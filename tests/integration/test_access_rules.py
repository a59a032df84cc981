"""Every route has an explicit rule, and every staff route answers each role as its rule says.

A new route without ``@public`` or ``@requires(...)`` fails here, and so does a staff route that
lets in the wrong people.
"""
import pytest
import sqlalchemy as sa

from hoering.accounts.access import ANY_STAFF, PUBLIC
from hoering.accounts.models import ROLES
from hoering.casework.services import run_now
from hoering.exports.services import execute_export, request_export
from hoering.extensions import db
from hoering.responses.models import (
    AttachmentBlob,
    FormalResponse,
    InvitedBody,
    ResponseAttachment,
    ResponseVersion,
)
from hoering.responses.services import BodyInput, save_body, set_picks
from hoering.topics.models import TOPIC
from hoering.topics.services import create_topic
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation


# GET routes that answer with a redirect by design: the old XLSX address leads to the exports page.
REDIRECTING_GETS = {"exports.comments_xlsx"}


def routes(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def test_every_route_declares_who_may_use_it(app):
    missing = [rule.rule for rule in routes(app) if not hasattr(app.view_functions[rule.endpoint], "access_rule")]
    assert missing == []


@pytest.fixture
def sample_values(app, auth):
    consultation = make_consultation()
    comment = make_comment(consultation)
    for n, text in enumerate(TOPICAL_COMMENTS * 3):
        make_comment(consultation, text=f"{text} ({n})")
    run_now(consultation)  # so the review pages of theme 1 have a theme to show
    planner = auth.user("planner", email="planlegger-eksempel@fjordvik.example.no")
    job, _ = request_export(consultation, planner, "xlsx", "nb")
    execute_export(job.id)
    user = auth.user("caseworker", email="eksempel@fjordvik.example.no")
    body = save_body(None, BodyInput(name="Statistisk sentralbyrå", organisation_number="971526920",
                                     email="ssb@ssb.no", category="statlig"), None)
    set_picks(consultation, set(), {body.id}, None)
    invited = db.session.scalar(sa.select(InvitedBody))
    response = FormalResponse(consultation_id=consultation.id, reference="HS-1", channel="link", body_name=body.name,
                              category=body.category, contact_name="Kari", contact_email="kari@ssb.no", text="Svar")
    db.session.add(response)
    db.session.flush()
    version = ResponseVersion(response_id=response.id, contact_name="Kari", contact_email="kari@ssb.no", text="Svar")
    db.session.add_all([version, AttachmentBlob(sha256="0" * 64, data=b"%PDF-1.7")])
    db.session.flush()
    attachment = ResponseAttachment(response_id=response.id, version_id=version.id, name="svar.pdf", kind="pdf",
                                    content_type="application/pdf", size=8, sha256="0" * 64)
    db.session.add(attachment)
    db.session.commit()
    topic = create_topic(TOPIC, "Skole", None)
    return {
        "topic_id": topic.id,
        "slug": consultation.slug,
        "anchor": "formal",
        "comment_id": comment.id,
        "user_id": user.id,
        "theme_id": 1,
        "campaign_id": 1,
        "correction_id": 1,
        "job_id": job.id,
        "number": 1,
        "body_id": body.id,
        "invited_id": invited.id,
        "response_id": response.id,
        "attachment_id": attachment.id,
    }


def staff_routes(app):
    for rule in routes(app):
        access = app.view_functions[rule.endpoint].access_rule
        if access != PUBLIC:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method, access


def call(client, rule, method, values):
    url = rule.rule
    for name in rule.arguments:
        url = url.replace(f"<{name}>", str(values[name])).replace(f"<int:{name}>", str(values[name]))
    return client.open(url, method=method, data={})


def test_anonymous_visitors_are_sent_to_login_from_every_staff_route(app, client, sample_values):
    staff = list(staff_routes(app))
    assert staff, "there are staff routes to check"
    for rule, method, _ in staff:
        response = call(client, rule, method, sample_values)
        assert response.status_code == 302, (method, rule.rule)
        assert "/logg-inn" in response.headers["Location"], (method, rule.rule)


@pytest.mark.parametrize("role", ROLES + ("",))
def test_each_role_gets_exactly_the_staff_routes_its_rule_allows(app, client, auth, sample_values, role):
    auth.login_as(*([role] if role else []))
    for rule, method, access in staff_routes(app):
        if rule.endpoint == "accounts.logout":
            continue  # would end this session; it is covered by the login tests
        response = call(client, rule, method, sample_values)
        allowed = access == ANY_STAFF or role in access
        if allowed:
            assert response.status_code != 403, (role, method, rule.rule)
            assert response.status_code < 500, (role, method, rule.rule)
            if method == "GET":
                expected = 302 if rule.endpoint in REDIRECTING_GETS else 200
                assert response.status_code == expected, (role, method, rule.rule)
        else:
            assert response.status_code == 403, (role, method, rule.rule)
