"""The staff header says who is logged in and in which roles; a planner's start page lists their
consultations with status, deadline, comments and the next step."""
from bs4 import BeautifulSoup

from hoering.comments.models import PENDING
from hoering.extensions import db
from tests.factories import make_comment, make_consultation, make_summary_version


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def next_steps(client) -> dict[str, str]:
    rows = page_of(client.get("/admin")).select("table.worklist tbody tr")
    return {row.find("td").get_text(strip=True): row.find_all("td")[-1].get_text(" ", strip=True) for row in rows}


def test_the_header_names_the_user_and_their_roles(app, client, auth):
    user = auth.login_as("planner", "moderator")
    who = page_of(client.get("/admin")).select_one(".staff-who").get_text(" ", strip=True)
    assert who == f"Logget inn som {user.name} (moderator, planlegger)"


def test_a_planner_sees_each_consultation_s_next_step(app, client, auth):
    draft = make_consultation("utkast", title="Et utkast")
    draft.phase = "draft"
    open_one = make_consultation("apen", title="En åpen høring")
    waiting = make_comment(open_one, text="Venter.")
    waiting.status = PENDING
    closed = make_consultation("stengt", title="En avsluttet høring", open_=False)
    summarised = make_consultation("oppsummert", title="En oppsummert høring", open_=False)
    db.session.commit()
    make_summary_version(summarised)
    auth.login_as("planner")
    steps = next_steps(client)
    assert steps["Et utkast"] == "Publiser høringen"
    assert steps["En åpen høring"] == "1 innspill venter på moderator"
    assert steps["En avsluttet høring"] == "Oppsummeringen er ikke godkjent ennå"
    assert steps["En oppsummert høring"] == "Merk som ferdig behandlet"
    page = page_of(client.get("/admin"))
    assert page.find("a", string="Publiser høringen")["href"] == "/admin/hoeringer/utkast/publiser"
    assert page.find("a", string="1 innspill venter på moderator") is None  # a planner does not moderate
    assert closed.id


def test_a_moderator_without_consultations_gets_no_table(app, client, auth):
    make_consultation()
    auth.login_as("moderator")
    assert page_of(client.get("/admin")).select("table.worklist") == []
