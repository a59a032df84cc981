"""Markdown to safe HTML: the one path by which any stored text becomes HTML.

Markdown renders, then bleach keeps only an allowlist of tags, attributes and link protocols.
Disallowed markup is escaped, not stripped, so a citizen who typed ``<b>`` sees ``<b>``.
Links get ``rel="nofollow ugc"`` (comments) or ``rel="nofollow"`` (drafts), and bare URLs become links.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter


@dataclass(frozen=True)
class Profile:
    tags: frozenset[str]
    extensions: tuple[str, ...]
    rel: str


COMMENT = Profile(
    tags=frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "a"}),
    extensions=("sane_lists",),
    rel="nofollow ugc",
)
DRAFT = Profile(
    tags=COMMENT.tags
    | {"blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr", "h3", "h4", "h5", "h6"},
    extensions=("sane_lists", "tables", "fenced_code"),
    rel="nofollow",
)

ATTRIBUTES = {"a": ["href", "rel"], "th": ["align"], "td": ["align"]}
PROTOCOLS = frozenset({"http", "https", "mailto"})

_local = threading.local()
# Characters no person types: control characters (NUL cannot even be stored in PostgreSQL text), lone
# surrogates (a broken encoder's) and Unicode's noncharacters, U+FFFE and U+FFFF among them, which
# XML 1.0 forbids: one of them in a comment would fail every XLSX and DOCX export of its consultation.
_CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)


def clean_text(value):
    """``value`` without control characters, lone surrogates or noncharacters (tab, newline and
    carriage return are kept)."""
    return _CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


def _set_rel(rel: str, attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = rel
    return attrs


def _tools(profile: Profile):
    """One Markdown and one Cleaner per thread and profile: neither is safe to share."""
    cache = getattr(_local, "tools", None)
    if cache is None:
        cache = _local.tools = {}
    if profile not in cache:
        cleaner = bleach.Cleaner(
            tags=profile.tags,
            attributes=ATTRIBUTES,
            protocols=PROTOCOLS,
            strip=False,
            filters=[partial(LinkifyFilter, callbacks=[partial(_set_rel, profile.rel)], skip_tags={"pre", "code"})],
        )
        cache[profile] = (markdown.Markdown(extensions=list(profile.extensions)), cleaner)
    return cache[profile]


def render(text: str, profile: Profile = COMMENT) -> str:
    """Render Markdown ``text`` to sanitised HTML for the given profile."""
    converter, cleaner = _tools(profile)
    html = converter.reset().convert(text)
    return cleaner.clean(html)
