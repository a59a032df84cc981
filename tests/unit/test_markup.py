"""markup.render: Markdown in, allowlisted HTML out."""
import pytest
from bs4 import BeautifulSoup

from hoering.markup import COMMENT, DRAFT, render

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klikk](javascript:alert(1))",
    '<a href="javascript:alert(1)">lenke</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
]


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("profile", [COMMENT, DRAFT])
def test_hostile_input_is_inert(payload, profile):
    assert_inert_html(render(payload, profile))


def assert_inert_html(html: str) -> None:
    """No active element, no event handler or style, no javascript: URL in any attribute."""
    tree = BeautifulSoup(html, "html.parser")
    assert not tree.find_all(["script", "img", "iframe", "svg", "object", "embed", "style"])
    for tag in tree.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on") and name != "style", tag
            assert "javascript:" not in str(value).lower(), tag


def test_comment_subset_renders_paragraphs_emphasis_lists_and_links_with_ugc_rel():
    html = render("Hei *du* og **deg**.\n\n- en\n- to\n\n[Kommunen](https://www.example.no)")
    assert "<em>du</em>" in html and "<strong>deg</strong>" in html and "<li>en</li>" in html
    assert '<a href="https://www.example.no" rel="nofollow ugc">Kommunen</a>' in html


def test_bare_urls_become_links_and_typed_tags_are_shown_not_run():
    html = render("Se https://www.example.no/side og <b>dette</b>")
    assert 'href="https://www.example.no/side"' in html
    assert "&lt;b&gt;dette&lt;/b&gt;" in html


def test_drafts_keep_tables_but_comments_do_not():
    table = "| a | b |\n|---|---|\n| 1 | 2 |"
    assert "<table>" in render(table, DRAFT)
    assert "<table>" not in render(table, COMMENT)
