"""Staff log in and out; citizens never need to."""
from http.cookies import SimpleCookie

import pytest
from bs4 import BeautifulSoup

from tests.conftest import AuthActions


def test_staff_log_in_and_reach_the_start_page(app, pages, auth):
    user = auth.user("planner")
    page = pages.get("/logg-inn")
    assert page.find("input", attrs={"name": "password", "type": "password"})
    response = pages.client.post("/logg-inn", data={"email": user.email, "password": AuthActions.PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin")
    page = pages.get("/admin")
    assert "Ansatt planner" in page.get_text()
    assert page.find("form", action="/logg-ut")


def test_wrong_password_gives_one_message_that_does_not_say_which_part_was_wrong(app, pages, auth):
    user = auth.user("planner")
    page = pages.post("/logg-inn", {"email": user.email, "password": "feil passord"}, status=400)
    assert "Feil e-post eller passord." in page.select_one(".error-summary").get_text()
    page = pages.post("/logg-inn", {"email": "ukjent@fjordvik.example.no", "password": "feil"}, status=400)
    assert "Feil e-post eller passord." in page.select_one(".error-summary").get_text()
    assert page.find("input", attrs={"name": "email"})["value"] == "ukjent@fjordvik.example.no"


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(app, client, auth):
    user = auth.user("admin")
    response = client.get("/admin/brukere")
    assert response.status_code == 302 and "next=%2Fadmin%2Fbrukere" in response.headers["Location"]
    ok = client.post("/logg-inn", data={"email": user.email, "password": AuthActions.PASSWORD, "next": "/admin/brukere"})
    assert ok.headers["Location"].endswith("/admin/brukere")
    auth.logout()
    for evil in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        response = client.post("/logg-inn", data={"email": user.email, "password": AuthActions.PASSWORD, "next": evil})
        assert response.headers["Location"].endswith("/admin"), evil
        auth.logout()


def test_logging_out_ends_the_session(app, client, auth):
    auth.login_as("moderator")
    assert client.get("/admin").status_code == 200
    assert client.post("/logg-ut").status_code == 302
    assert client.get("/admin").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(app, client, auth):
    user = auth.user("planner")
    response = client.post("/logg-inn", data={"email": user.email, "password": AuthActions.PASSWORD})
    cookie = SimpleCookie(response.headers["Set-Cookie"])["session"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_login_is_rate_limited_with_a_friendly_page(rate_limited, app, pages):
    for _ in range(5):
        pages.client.post("/logg-inn", data={"email": "x@fjordvik.example.no", "password": "feil"})
    page = pages.post("/logg-inn", {"email": "x@fjordvik.example.no", "password": "feil"}, status=429)
    assert page.h1.get_text(strip=True) == "For mange forespørsler"


@pytest.fixture
def csrf_on(settings) -> dict:
    settings["WTF_CSRF_ENABLED"] = True
    return settings


def test_staff_forms_refuse_a_post_without_the_csrf_token(csrf_on, app, client):
    from tests.factories import make_comment, make_consultation

    comment = make_comment(make_consultation())
    user = AuthActions(client).user("moderator")
    login = {"email": user.email, "password": AuthActions.PASSWORD}
    token = BeautifulSoup(client.get("/logg-inn").get_data(as_text=True), "html.parser").find(
        "input", attrs={"name": "csrf_token"})["value"]
    assert client.post("/logg-inn", data=login).status_code == 400
    assert client.post("/logg-inn", data={**login, "csrf_token": token}).status_code == 302
    refused = client.post(f"/admin/moderering/{comment.id}/skjul", data={"reason": "Test"})
    assert refused.status_code == 400 and "Skjemaet var utløpt" in refused.get_data(as_text=True)
    assert comment.status == "published"


def test_a_caseworkers_assessment_survives_an_expired_form(csrf_on, app, client):
    """The session ran out while the caseworker wrote: the error page shows what was typed."""
    from tests.factories import make_consultation

    make_consultation()
    assessment = "Kommunen vil vurdere å holde kommentarfeltet åpent i helgene, og kommer tilbake til det."
    refused = client.post("/admin/hoeringer/digital-dialog/analyse/temaer/1/vurdering",
                          data={"run_id": 1, "assessment": assessment})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Skjemaet var utløpt" in body and assessment in body


class Browser:
    """A test client whose every request runs in an app context of its own, as on a server: in the
    test's app context Flask-Login would hand a request the user an earlier request loaded (it keeps
    it in ``g``), and a session ended on the server would seem to live on."""

    def __init__(self, app, client=None) -> None:
        self.app, self.client = app, client or app.test_client()

    def get(self, url: str, **kwargs):
        with self.app.app_context():
            return self.client.get(url, **kwargs)

    def post(self, url: str, **kwargs):
        with self.app.app_context():
            return self.client.post(url, **kwargs)

    def log_in(self, user) -> None:
        assert self.post("/logg-inn", data={"email": user.email, "password": AuthActions.PASSWORD}).status_code == 302

    def csrf_token(self, url: str) -> str:
        page = BeautifulSoup(self.get(url).get_data(as_text=True), "html.parser")
        return page.find("input", attrs={"name": "csrf_token"})["value"]

    def copy(self) -> "Browser":
        """Another browser holding a copy of this one's session cookie, as someone who copied it would."""
        thief = Browser(self.app)
        thief.client.set_cookie("session", self.client.get_cookie("session", domain="hoering.test").value,
                                domain="hoering.test")
        return thief


def refused(response) -> bool:
    return response.status_code == 302 and "/logg-inn" in response.headers["Location"]


def test_a_session_cookie_copied_before_logging_out_is_worthless_afterwards(app, auth):
    browser = Browser(app)
    browser.log_in(auth.user("planner"))
    thief = browser.copy()
    assert thief.get("/admin/hoeringer").status_code == 200
    browser.post("/logg-ut")
    assert refused(thief.get("/admin/hoeringer"))


def test_logging_out_ends_the_users_other_sessions_but_not_the_account(app, auth):
    user = auth.user("planner")
    laptop, phone = Browser(app), Browser(app)
    laptop.log_in(user)
    phone.log_in(user)
    laptop.post("/logg-ut")
    assert refused(phone.get("/admin/hoeringer"))
    phone.log_in(user)
    assert phone.get("/admin/hoeringer").status_code == 200


def test_a_copied_cookie_and_its_csrf_token_cannot_post_a_staff_form_after_logout(csrf_on, app, auth):
    from hoering.comments.models import Comment
    from hoering.extensions import db
    from tests.factories import make_comment, make_consultation

    comment = make_comment(make_consultation())
    user = auth.user("moderator")
    browser = Browser(app)
    login = {"email": user.email, "password": AuthActions.PASSWORD}
    browser.post("/logg-inn", data={**login, "csrf_token": browser.csrf_token("/logg-inn")})
    token = browser.csrf_token("/admin/moderering")
    thief = browser.copy()
    browser.post("/logg-ut", data={"csrf_token": token})
    assert refused(thief.post(f"/admin/moderering/{comment.id}/skjul", data={"reason": "Test", "csrf_token": token}))
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status == "published"


@pytest.mark.parametrize("change", ["password", "role taken", "account closed"])
def test_a_new_password_or_lost_rights_end_the_users_sessions(app, auth, change):
    from hoering.accounts import services
    from hoering.database import begin_write

    admin, user = auth.user("admin"), auth.user("planner", "moderator")
    browser = Browser(app)
    browser.log_in(user)
    assert browser.get("/admin/hoeringer").status_code == 200
    begin_write()  # as a command or another request would: the test's read transaction is stale
    if change == "password":
        services.set_password(user, "et nytt og langt passord", actor=admin)
    elif change == "role taken":
        services.update_user(user, ["planner"], active=True, actor=admin)
    else:
        services.update_user(user, ["planner", "moderator"], active=False, actor=admin)
    assert refused(browser.get("/admin/hoeringer"))


def test_being_given_a_role_keeps_the_session(app, auth):
    from hoering.accounts import services
    from hoering.database import begin_write

    admin, user = auth.user("admin"), auth.user("planner")
    browser = Browser(app)
    browser.log_in(user)
    begin_write()
    services.update_user(user, ["planner", "moderator"], active=True, actor=admin)
    assert browser.get("/admin/moderering").status_code == 200


def test_an_admin_who_gives_up_a_role_stays_logged_in(app, auth):
    admin = auth.user("admin", "planner")
    browser = Browser(app)
    browser.log_in(admin)
    assert browser.post(f"/admin/brukere/{admin.id}", data={"roles": ["admin"], "active": "y"}).status_code == 302
    assert browser.get("/admin/brukere").status_code == 200
