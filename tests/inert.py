"""One check that a piece of HTML can run nothing: used on every page and API field under attack."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

FORBIDDEN_TAGS = ["iframe", "object", "embed", "img", "svg", "math", "video", "audio", "source", "style",
                  "base", "frame", "frameset", "applet", "marquee", "details", "x"]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
# The site's own address in the tests (SERVER_NAME): where its feeds and canonical links point.
SITE = "http://hoering.test/"
# What a page's own <link> may be besides its stylesheets: its feeds and its canonical address.
OWN_LINKS = {"alternate", "canonical"}
_INVISIBLE = re.compile(r"[\x00-\x20\u200b-\u200f\u202a-\u202e]+")


def assert_inert(html: str) -> None:
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        assert script.get("src", "").startswith("/static/"), script
    assert not page.find_all(FORBIDDEN_TAGS), page.find_all(FORBIDDEN_TAGS)[:1]
    for meta in page.find_all("meta"):
        assert set(meta.attrs) <= {"charset", "name", "property", "content"} and "http-equiv" not in meta.attrs, meta
        assert not str(meta.get("content", "")).lower().startswith(("javascript:", "data:")), meta
    for link in page.find_all("link"):
        own = set(link.get("rel", [])) <= OWN_LINKS and link.get("href", "").startswith(SITE)
        assert own or link.get("href", "").startswith("/static/"), link
    for form in page.find_all("form"):
        assert form.get("action", "").startswith("/"), form
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            assert name.lower() not in {"style", "srcdoc", "contenteditable", "autofocus"}, tag
            if name.lower() in URL_ATTRIBUTES:
                target = _INVISIBLE.sub("", str(value)).lower()
                assert not target.startswith(("javascript:", "data:", "vbscript:")), tag
