"""Posting a comment renders it before taking SQLite's write lock, and a comment that cannot be
rendered comes back in the form instead of a 500."""
import threading

import pytest
import sqlalchemy as sa

from hoering import markup
from hoering.comments.models import Comment
from hoering.extensions import db
from tests.factories import make_consultation
from tests.write_lock import lock_order

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
URL = f"/hoeringer/digital-dialog/{ANCHOR}"


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the write lock taken up front is SQLite's; PostgreSQL has none")


def post(client, text: str, key: str):
    return client.post(URL, data={"author_name": "Kari Nordmann", "text": text, "submission_key": key})


def saved_texts() -> list[str]:
    return list(db.session.scalars(sa.select(Comment.text).order_by(Comment.id)))


def test_the_comment_is_rendered_before_the_write_lock_is_taken(app, client, sqlite_only, monkeypatch):
    make_consultation()
    with lock_order(monkeypatch, "comment") as events:
        response = post(client, "Svartid på to dager er for lenge.", "rekkefolge")
    assert response.status_code == 302
    assert events == ["render", "BEGIN IMMEDIATE", "INSERT"]


def test_a_slow_comment_keeps_no_other_citizen_waiting(app, settings, sqlite_only, monkeypatch):
    make_consultation()
    db.session.remove()
    rendering, other_saved = threading.Event(), threading.Event()
    released: list[bool] = []  # whether the other comment was saved while this one was rendering
    render = markup.render

    def slow_render(text, *args):
        if "tregt" in text:  # the slow comment renders until the other one is saved (or 5 s pass)
            rendering.set()
            released.append(other_saved.wait(timeout=5))
        return render(text, *args)

    monkeypatch.setattr(markup, "render", slow_render)
    statuses: dict[str, int] = {}

    def citizen(text: str, key: str) -> None:
        with app.app_context():
            statuses[key] = post(app.test_client(), text, key).status_code

    slow = threading.Thread(target=citizen, args=("Et tregt innspill.", "treg"))
    slow.start()
    assert rendering.wait(timeout=5)
    citizen("Et raskt innspill.", "rask")
    other_saved.set()
    slow.join()
    assert statuses == {"rask": 302, "treg": 302}
    assert released == [True], "the other comment waited for the slow one's lock"
    assert saved_texts() == ["Et raskt innspill.", "Et tregt innspill."]


def test_a_comment_nested_too_deep_comes_back_in_the_form_with_a_reason(app, pages):
    make_consultation()
    text = "- " * 500 + "x"
    page = pages.get(URL)
    form = page.select_one("#skjema form")
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    data.update(author_name="Kari Nordmann", text=text)
    page = pages.post(URL, data, status=400)
    assert "Innspillet har for mange nivåer eller tegn som ikke kan vises." in page.get_text()
    typed = page.find("textarea", attrs={"name": "text"}).get_text()
    assert typed.removeprefix("\r\n").removeprefix("\n") == text.strip()
    assert page.find("input", attrs={"name": "author_name"})["value"] == "Kari Nordmann"
    assert saved_texts() == []
