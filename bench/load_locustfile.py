"""Locust users for bench/load.py (issue 22); not run on its own. bench/load.py starts
``locust -f bench/load_locustfile.py --headless …`` with these environment variables:

    LOAD_SLUG         the consultation's slug
    LOAD_ANCHORS      comma-separated anchors of units with comments (the first has the most)
    LOAD_ACK_FILE     where each comment the app acknowledged is written, its marker on a line of its own
    LOAD_READERS      how many Reader users (fixed count)
    LOAD_COMMENTERS   how many Commenter users (fixed count)

Readers ask for pages without pause (the server's throughput is what is measured): the front page, the
consultation page, a unit page with comments and the API's consultation and comments. Commenters do what
a citizen's browser does: GET a unit page, read the comment form (its CSRF token, submission key and the
other fields) out of the HTML, POST it with a text carrying a unique marker, follow the redirect to the
"sent" page, and count the comment as acknowledged only when that page shows the marker. bench/load.py
then looks for every marker in the database: each must be there exactly once.

Without a user class on the command line, Reader and Commenter run; ``ConsultationReader`` (only the
consultation page) and ``Hello`` (only ``/``, for the ceiling app) are named on the command line.
"""
from __future__ import annotations

import os
import random
import re
import uuid
from html import unescape
from html.parser import HTMLParser

from locust import FastHttpUser, between, constant, task

SLUG = os.environ.get("LOAD_SLUG", "kommuneplan-2026")
ANCHORS = [a for a in os.environ.get("LOAD_ANCHORS", "").split(",") if a]
ACK_FILE = os.environ.get("LOAD_ACK_FILE", "")
MARKER_PREFIX = "LASTTEST-"
TEXTS = [
    "Jeg støtter forslaget, men fristen er for kort.",
    "Kommunen bør bygge fortau langs skoleveien før nye boliger tas i bruk.",
    "Formuleringen «bør» er for svak. Skriv **skal**.",
    "Takk for en ryddig høring! Legg gjerne ved hva tiltakene koster.",
]
NAMES = ["Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Per Ødegård", "Åse Bjørnstad"]


def unit_path() -> str:
    # Half of the unit pages read are the one with the most comments, the rest spread over the others.
    anchor = ANCHORS[0] if random.random() < 0.5 or len(ANCHORS) == 1 else random.choice(ANCHORS[1:])
    return f"/hoeringer/{SLUG}/{anchor}"


class Reader(FastHttpUser):
    fixed_count = int(os.environ.get("LOAD_READERS", "200"))
    wait_time = constant(0)

    @task(1)
    def front(self):
        self.client.get("/", name="front page")

    @task(3)
    def consultation(self):
        self.client.get(f"/hoeringer/{SLUG}", name="consultation page")

    @task(3)
    def unit(self):
        self.client.get(unit_path(), name="unit page")

    @task(1)
    def api_consultation(self):
        self.client.get(f"/api/v1/consultations/{SLUG}", name="api consultation")

    @task(1)
    def api_comments(self):
        self.client.get(f"/api/v1/consultations/{SLUG}/comments", name="api comments")


class CommentForm(HTMLParser):
    """The fields of the comment form (the <form> inside <section id="skjema">), as a browser sends them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_section = self.in_form = self.done = False
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "section" and a.get("id") == "skjema":
            self.in_section = True
        elif tag == "form" and self.in_section and (a.get("method") or "").lower() == "post":
            self.in_form, self.action = True, a.get("action")
        elif self.in_form and tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.fields[a["name"]] = a.get("value") or ""
        elif self.in_form and tag == "textarea" and a.get("name"):
            self.fields[a["name"]] = ""
        elif self.in_form and tag == "select" and a.get("name"):
            self._select = a["name"]
            self.fields[a["name"]] = ""
        elif self._select and tag == "option" and "selected" in a:
            self.fields[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


class Commenter(FastHttpUser):
    fixed_count = int(os.environ.get("LOAD_COMMENTERS", "20"))
    wait_time = between(1, 2)

    @task
    def post_comment(self):
        path = unit_path()
        with self.client.get(path, name="comment form (GET unit page)", catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"unit page answered {page.status_code}")
                return
            form = CommentForm()
            form.feed(page.text)
            if "csrf_token" not in form.fields or "submission_key" not in form.fields:
                page.failure("no comment form (csrf_token, submission_key) on the unit page")
                return
        marker = f"{MARKER_PREFIX}{uuid.uuid4().hex}"
        fields = dict(form.fields)
        fields.update(author_name=random.choice(NAMES), text=f"{random.choice(TEXTS)}\n\nMerke: {marker}",
                      email="", organisation="", website="")
        fields.pop("notify", None)
        action = unescape(form.action or path).split("#", 1)[0]
        with self.client.post(action, data=fields, name="post comment (and its redirect)",
                              catch_response=True) as sent:
            if sent.status_code != 200:
                sent.failure(f"posting answered {sent.status_code}")
            elif "/sendt" not in (sent.url or ""):
                errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]{0,120})', sent.text or "")
                sent.failure(f"not acknowledged: ended on {sent.url} {errors[:2]}")
            elif marker not in (sent.text or ""):
                sent.failure("the sent page does not show the comment")
            else:
                acknowledge(marker)


def acknowledge(marker: str) -> None:
    if ACK_FILE:
        with open(ACK_FILE, "a", encoding="utf-8") as out:  # one short line, appended whole (O_APPEND)
            out.write(marker + "\n")


class ConsultationReader(FastHttpUser):
    """The consultation page alone, without pause: its throughput against the ceiling's."""

    wait_time = constant(0)

    @task
    def consultation(self):
        self.client.get(f"/hoeringer/{SLUG}", name="consultation page (alone)")


class Hello(FastHttpUser):
    """The ceiling: a bare Flask app's "hello" under the same gunicorn."""

    wait_time = constant(0)

    @task
    def hello(self):
        self.client.get("/", name="hello (ceiling)")
