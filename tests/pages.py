"""One page checker for every HTML page the tests fetch (after GOV.UK Notify's client_request).

It parses the page and checks what every page must have: a title, one h1, unique ids, a label for
every visible form field, the language on <html>, no inline script. Then it hands back the parsed page.
"""
from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup


class PageChecker:
    def __init__(self, client) -> None:
        self.client = client
        self.last_response = None

    def get(self, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        return self._check(self.client.get(url, **kwargs), status)

    def post(self, url: str, data: dict, status: int = 200, follow_redirects: bool = True) -> BeautifulSoup:
        return self._check(self.client.post(url, data=data, follow_redirects=follow_redirects), status)

    def _check(self, response, status: int) -> BeautifulSoup:
        self.last_response = response
        assert response.status_code == status, response.get_data(as_text=True)[:2000]
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        check_page(page)
        return page


def check_page(page: BeautifulSoup) -> None:
    assert page.html is not None and page.html.get("lang") in {"nb", "nn", "en"}
    assert page.title is not None and page.title.get_text(strip=True)
    assert len(page.find_all("h1")) == 1, "a page has exactly one h1"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for field in page.find_all(["input", "textarea", "select"]):
        if field.name == "input" and field.get("type") in {"hidden", "submit"}:
            continue
        labelled = field.find_parent("label") or (
            field.get("id") and page.find("label", attrs={"for": field["id"]})
        )
        assert labelled, f"unlabelled field: {field}"
    for script in page.find_all("script"):
        assert script.get("src"), "no inline script: the CSP forbids it"


def checked_page(response) -> BeautifulSoup:
    """The page of a response, parsed and checked as every page is (whatever its status)."""
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    check_page(page)
    return page


def field_error(page: BeautifulSoup, field_id: str) -> str:
    """The text of the marked-up box around field ``field_id`` (its label, hint and error message);
    a group of radio buttons is its own box."""
    control = page.select_one(f"#{field_id}")
    box = control if "field-error" in control.get("class", []) else control.find_parent(class_="field-error")
    return box.get_text()
