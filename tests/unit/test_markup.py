"""markup.render: Markdown in, allowlisted HTML out."""
import pytest

from hoering.markup import COMMENT, DRAFT, clean_text, render
from tests.fixtures.xss import PAYLOADS
from tests.inert import assert_inert

@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("profile", [COMMENT, DRAFT])
def test_hostile_input_is_inert(payload, profile):
    assert_inert(render(payload, profile))


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


def test_clean_text_drops_what_no_person_types_and_xml_cannot_hold():
    typed = "Hei\x00 du\x07\x7f, «æøå»\ufffe og\uffff\ud800 \U0001fffe\ufdd0 😀\tslutt\r\n"
    assert clean_text(typed) == "Hei du, «æøå» og  😀\tslutt\r\n"
    assert clean_text("\ufffd og \ufeff blir stående") == "\ufffd og \ufeff blir stående"
    assert clean_text(None) is None
