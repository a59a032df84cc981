"""Deadline rules by the kind of consultation, through the planner's form, publishing, the public
page and the API."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from hoering.clock import utcnow
from hoering.consultations.deadlines import add_months
from hoering.consultations.models import Consultation
from hoering.extensions import db
from tests.factories import make_consultation
from tests.integration.test_planner_pages import NEW, error_on, form_data, post_form

SLUG = "kommunedelplan-for-fjordvik-sentrum"
OVERVIEW = f"/admin/hoeringer/{SLUG}"
REASON = "Endringen må tre i kraft 1. januar, da EØS-regelverket gjelder fra den dagen."


def oslo_today() -> date:
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


def period(opens: date, days: int | None = None, closes: date | None = None) -> dict:
    return {"opens_on": opens.isoformat(), "closes_on": (closes or opens + timedelta(days=days)).isoformat()}


def saved() -> list[Consultation]:
    return list(db.session.scalars(sa.select(Consultation)))


def flashed(client) -> list[tuple[str, str]]:
    with client.session_transaction() as session:
        return list(session.get("_flashes", []))


# The form


def test_the_form_offers_the_kinds_with_their_rules_the_reason_and_the_late_response_choice(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.get(NEW)
    kinds = page.select("input[name=kind]")
    assert [k["value"] for k in kinds] == ["state", "plan", "other"]
    assert page.find("input", attrs={"name": "kind", "value": "other"}).has_attr("checked")
    state = kinds[0]
    assert "tre måneder, minst seks uker" in page.find(id=state["aria-describedby"]).get_text()
    assert "minst seks uker, uten unntak" in page.find(id=kinds[1]["aria-describedby"]).get_text()
    assert "kortere enn tre uker" in page.find(id=kinds[2]["aria-describedby"]).get_text()
    assert page.find("textarea", id="short_deadline_reason") is not None
    late = {radio["value"]: page.find("label", attrs={"for": radio["id"]}).get_text(strip=True)
            for radio in page.select("input[name=late_responses]")}
    assert late == {"refuse": "Avvis svar etter fristen",
                    "accept": "Ta imot svar etter fristen, merket som for sent"}


def test_a_state_consultation_under_six_weeks_is_refused_at_the_deadline_with_everything_kept(
        app, client, pages, auth):
    auth.login_as("planner")
    data = form_data(kind="state", short_deadline_reason=REASON, late_responses="refuse",
                     **period(oslo_today() + timedelta(days=7), days=41))
    page = pages.post(NEW, data, status=400)
    assert "minst seks uker (42 dager)" in error_on(page, "closes_on")
    assert "Denne har 41 dager" in page.select_one(".error-summary").get_text()
    assert page.find("input", attrs={"name": "kind", "value": "state"}).has_attr("checked")
    assert page.find("input", attrs={"name": "late_responses", "value": "refuse"}).has_attr("checked")
    assert page.find(id="short_deadline_reason").get_text().strip() == REASON
    assert page.find(id="title")["value"] == "Kommunedelplan for Fjordvik sentrum"
    assert saved() == []


def test_a_state_consultation_under_three_months_without_a_reason_is_refused_at_the_reason(
        app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, form_data(kind="state", **period(oslo_today() + timedelta(days=7), days=60)), status=400)
    assert "normalt tre måneders frist" in error_on(page, "short_deadline_reason")
    assert error_on(page, "closes_on") == ""
    assert saved() == []


def test_a_state_consultation_under_three_months_with_a_reason_is_saved_with_it(app, client, pages, auth):
    auth.login_as("planner")
    response = post_form(client, NEW, form_data(kind="state", short_deadline_reason=REASON,
                                                **period(oslo_today() + timedelta(days=7), days=60)))
    assert response.status_code == 302
    consultation, = saved()
    assert (consultation.kind, consultation.short_deadline_reason) == ("state", REASON)


def test_a_plan_under_six_weeks_is_refused_whatever_the_reason(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, form_data(kind="plan", short_deadline_reason=REASON,
                                     **period(oslo_today() + timedelta(days=7), days=41)), status=400)
    assert "plan- og bygningsloven" in error_on(page, "closes_on")
    assert saved() == []


def test_an_unknown_kind_is_refused_at_the_field(app, client, pages, auth):
    auth.login_as("planner")
    page = pages.post(NEW, form_data(kind="fylke"), status=400)
    assert "Velg hva slags høring" in error_on(page, "kind")


def test_a_short_deadline_is_saved_with_a_warning_flashed_and_shown_on_the_overview(app, client, pages, auth):
    auth.login_as("planner")
    response = post_form(client, NEW, form_data(**period(date(2031, 9, 1), days=14)))
    assert response.status_code == 302
    warnings = [message for category, message in flashed(client) if category == "warning"]
    assert len(warnings) == 1 and "kortere enn tre uker (14 dager)" in warnings[0]
    overview = pages.get(OVERVIEW)
    text = overview.get_text()
    assert text.count("kortere enn tre uker (14 dager)") == 1  # flashed, and shown once, beside the dates
    assert "kan forlenges" in overview.select_one(".deadline-warnings").get_text()
    assert "Kommunal forskrift eller annen høring" in text
    assert "Ta imot svar etter fristen, merket som for sent" in text
    assert "kortere enn tre uker" in pages.get(OVERVIEW).select_one(".deadline-warnings").get_text()  # and stays


def test_a_period_over_july_christmas_and_easter_is_warned_about_by_name(app, client, pages, auth):
    auth.login_as("planner")
    post_form(client, NEW, form_data(kind="state", **period(date(2031, 6, 20), closes=date(2032, 4, 30))))
    warning = pages.get(OVERVIEW).select_one(".deadline-warnings").get_text()
    assert "omfatter juli, jula og påsken" in warning
    assert "Fristen kan forlenges" in warning


def test_the_warnings_are_not_shown_once_the_deadline_has_passed(app, client, pages, auth):
    auth.login_as("planner")
    consultation = make_consultation(SLUG, closes_at=utcnow() + timedelta(days=5))  # open 15 days in all
    assert "kortere enn tre uker" in pages.get(OVERVIEW).select_one(".deadline-warnings").get_text()
    consultation.closes_at = utcnow() - timedelta(days=1)
    db.session.commit()
    assert pages.get(OVERVIEW).select_one(".deadline-warnings") is None


# Publishing


def test_publishing_now_checks_the_rules_for_the_shorter_period(app, client, pages, auth):
    """Saved to open three weeks ago, the deadline was three months; opened now, it is shorter."""
    auth.login_as("planner")
    opens = oslo_today() - timedelta(days=21)
    post_form(client, NEW, form_data(kind="state", **period(opens, closes=add_months(opens, 3))))
    page = pages.post(f"{OVERVIEW}/publiser", {"when": "now"})
    assert "normalt tre måneders frist" in page.select_one(".notice-error").get_text()
    consultation, = saved()
    assert consultation.phase == "draft"

    data = form_data(kind="state", short_deadline_reason=REASON, **period(opens, closes=add_months(opens, 3)))
    assert post_form(client, f"{OVERVIEW}/rediger", data).status_code == 302
    page = pages.post(f"{OVERVIEW}/publiser", {"when": "now"})
    assert "publisert og åpen for innspill" in page.get_text()
    assert pages.get(f"/hoeringer/{SLUG}").select_one(".short-deadline-reason").get_text() == REASON


def test_publishing_a_plan_now_with_less_than_six_weeks_left_is_refused(app, client, pages, auth):
    auth.login_as("planner")
    opens = oslo_today() - timedelta(days=10)
    post_form(client, NEW, form_data(kind="plan", **period(opens, days=45)))
    page = pages.post(f"{OVERVIEW}/publiser", {"when": "now"})
    assert "plan- og bygningsloven" in page.select_one(".notice-error").get_text()
    assert saved()[0].phase == "draft"


# The public page and the API


def test_the_reason_for_a_short_state_deadline_is_shown_as_text_on_the_public_page_and_in_the_api(
        app, client, pages, auth):
    auth.login_as("planner")
    reason = '<script>alert("frist")</script> Fristen er kort fordi <b>loven</b> trer i kraft 1. januar.'
    post_form(client, NEW, form_data(kind="state", short_deadline_reason=reason, late_responses="refuse",
                                     **period(oslo_today() + timedelta(days=1), days=50)))
    pages.post(f"{OVERVIEW}/publiser", {"when": "start"})
    response = client.get(f"/hoeringer/{SLUG}")
    html = response.get_data(as_text=True)
    assert "&lt;script&gt;alert(" in html and "<script>alert(" not in html and "<b>loven</b>" not in html
    page = pages.get(f"/hoeringer/{SLUG}")
    shown = page.select_one(".short-deadline-reason")
    assert shown.find_previous_sibling("dt").get_text(strip=True) == "Kortere høringsfrist enn tre måneder"
    assert shown.get_text() == reason
    body = client.get(f"/api/v1/consultations/{SLUG}").get_json()
    assert (body["kind"], body["short_deadline_reason"], body["late_responses"]) == ("state", reason, "refuse")


def test_a_reason_is_not_shown_for_a_state_deadline_of_three_months(app, client, pages, auth):
    auth.login_as("planner")
    opens = oslo_today() + timedelta(days=1)
    post_form(client, NEW, form_data(kind="state", short_deadline_reason=REASON,
                                     **period(opens, closes=add_months(opens, 3))))
    pages.post(f"{OVERVIEW}/publiser", {"when": "start"})
    assert pages.get(f"/hoeringer/{SLUG}").select_one(".short-deadline-reason") is None
    assert client.get(f"/api/v1/consultations/{SLUG}").get_json()["short_deadline_reason"] == ""


def test_a_reason_is_kept_only_for_a_state_consultation(app, client, pages, auth):
    auth.login_as("planner")
    dates = period(oslo_today() + timedelta(days=1), days=50)
    post_form(client, NEW, form_data(kind="state", short_deadline_reason=REASON, **dates))
    assert saved()[0].short_deadline_reason == REASON
    post_form(client, f"{OVERVIEW}/rediger", form_data(kind="other", short_deadline_reason=REASON, **dates))
    db.session.expire_all()
    assert (saved()[0].kind, saved()[0].short_deadline_reason) == ("other", "")


def test_consultations_made_before_the_rules_are_of_the_other_kind_and_accept_late_responses(app, client, pages):
    make_consultation(closes_at=utcnow() + timedelta(days=3))  # short, but other consultations are only warned
    body = client.get("/api/v1/consultations/digital-dialog").get_json()
    assert (body["kind"], body["short_deadline_reason"], body["late_responses"]) == ("other", "", "accept")
    assert pages.get("/hoeringer/digital-dialog").select_one(".short-deadline-reason") is None
