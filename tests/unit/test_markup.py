"""markup.render: Markdown in, allowlisted HTML out, quickly, or a clear refusal."""
import copy
import threading

import pytest
from bleach import html5lib_shim
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoering import markup
from hoering.markup import COMMENT, DRAFT, MarkupRejected, clean_text, render
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
ORDINARY = "Hei *du* og **deg**.\n\n- en\n- to"
ORDINARY_HTML = "<p>Hei <em>du</em> og <strong>deg</strong>.</p>\n<ul>\n<li>en</li>\n<li>to</li>\n</ul>"


def _render_or_refuse(text: str, profile) -> str | None:
    """The HTML, or None when the text is refused; in a thread of its own, so with fresh converters
    whatever an earlier test did to ours."""
    results = []

    def run() -> None:
        try:
            results.append(render(text, profile))
        except MarkupRejected:
            results.append(None)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    return results[0]


@pytest.mark.parametrize("profile", [COMMENT, DRAFT])
def test_deeply_nested_lists_are_rejected_with_a_reason_not_a_crash(profile):
    with pytest.raises(MarkupRejected) as rejected:
        render("- " * 500 + "x", profile)
    assert "nivåer" in str(rejected.value.reason)


def test_a_few_levels_of_lists_and_quotes_still_render():
    assert render("- en\n    - to\n        - tre").count("<ul>") == 3
    assert render("> > > sitat", DRAFT).count("<blockquote>") == 3


def test_a_row_of_spaced_dashes_is_a_rule_not_a_nesting():
    assert "<hr" in render("- " * 60, DRAFT)


def test_the_converter_renders_an_ordinary_comment_after_it_failed(monkeypatch):
    monkeypatch.setattr(markup, "MAX_NESTING", 100_000)  # let the converter itself fail on the depth
    with pytest.raises(MarkupRejected):
        render("- " * 500 + "x")
    assert render(ORDINARY) == ORDINARY_HTML


@pytest.mark.parametrize("text", [
    "![" * 5000,
    "[" * 10_000,
    "[a](" * 2500,
    "[a][" * 2500,
    "*_[`<" * 2000,
    "[[a]()" * 1666,
    "(" * 10_000,
    "<a\n" * 3333,
    "a-b." * 2500,
], ids=["images", "brackets", "unclosed-links", "references", "mixed", "links-between-unclosed", "parentheses",
        "unclosed-tags", "dotted-names"])
@pytest.mark.parametrize("profile", [COMMENT, DRAFT], ids=["comment", "draft"])
def test_pathological_runs_render_or_are_refused_without_an_error(text, profile):
    """These took 0.7 to 11 s each before the renderer was bounded; bench/markup.py times them now."""
    html = _render_or_refuse(text, profile)
    assert html is None or "<script" not in html


def test_unclosed_brackets_stay_text():
    assert render("[" * 10_000).count("[") == 10_000
    assert render("![" * 5000).count("![") == 5000


def test_links_survive_next_to_a_run_of_unclosed_brackets():
    html = render("[" * 3000 + " [Kommunen](https://www.example.no) og (se https://www.example.no/side)")
    assert '<a href="https://www.example.no" rel="nofollow ugc">Kommunen</a>' in html
    assert '(se <a href="https://www.example.no/side" rel="nofollow ugc">https://www.example.no/side</a>)' in html


def test_typed_html_is_shown_as_text_even_where_the_tag_is_allowed():
    assert render("<em>x</em> <b>y</b>") == "<p>&lt;em&gt;x&lt;/em&gt; &lt;b&gt;y&lt;/b&gt;</p>"


def test_bare_urls_in_parentheses_and_hyphenated_hosts_still_become_links():
    html = render("((https://www.example.no/side)) og sub-domene.example.no")
    assert '((<a href="https://www.example.no/side" rel="nofollow ugc">https://www.example.no/side</a>))' in html
    assert '<a href="http://sub-domene.example.no" rel="nofollow ugc">sub-domene.example.no</a>' in html


def test_nested_links_and_long_link_texts_still_render():
    text = "[" + "Lov om behandling av personopplysninger " * 20 + "[kap. 3]](https://lovdata.no/lov)"
    assert 'href="https://lovdata.no/lov"' in render(text, DRAFT)


MARKDOWN_CHARACTERS = "[]()!*_`<>-+#1. \n\\&:/|~\"'ahw"
# Pieces of Markdown syntax, repeated in runs the way the pathological inputs repeat them.
MARKDOWN_PIECES = ["[", "]", "![", "](", ")", "[a]", "*", "**", "_", "`", "```\n", "<", ">", "<a ", "- ", "1. ",
                   "> ", "    ", "\n", "\n\n", "&", "\\", "|", "a-b.", "http://a.no", "x"]
markdown_text = st.one_of(
    st.text(alphabet=MARKDOWN_CHARACTERS, max_size=3000),
    st.lists(st.tuples(st.sampled_from(MARKDOWN_PIECES), st.integers(1, 400)), max_size=12).map(
        lambda runs: "".join(piece * count for piece, count in runs)[:10_000]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdown_text, profile=st.sampled_from([COMMENT, DRAFT]))
def test_no_input_breaks_the_renderer_or_the_next_comment(text, profile):
    try:
        assert isinstance(render(text, profile), str)
    except MarkupRejected:
        pass
    assert render(ORDINARY) == ORDINARY_HTML


def test_lists_nested_line_by_line_past_the_limit_are_rejected():
    text = "".join("    " * level + "- x\ny\n" for level in range(markup.MAX_NESTING + 1))
    with pytest.raises(MarkupRejected):
        render(text, DRAFT)


def test_deep_indentation_outside_lists_is_not_nesting():
    page_number = " " * 200 + "- 3 -"
    assert "3" in render(f"Slutt på kapittelet.\n\n{page_number}\n\n```\n{' ' * 200}kode\n```", DRAFT)


def test_a_comment_of_thousands_of_elements_is_refused_before_cleaning_them():
    line = "- " * 4 + "x\n"
    with pytest.raises(MarkupRejected):
        render(line * (10_000 // len(line)))
    assert render(line * 50).count("<li>") == 200


def test_drafts_keep_every_element_of_a_long_table():
    table = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 1000
    assert render(table, DRAFT).count("<td>") == 2000


def test_a_draft_section_of_hundreds_of_long_links_keeps_every_one():
    text = " ".join(f"[Lenke {n}](https://lovdata.no/dokument/NL/lov/{'a' * 280}/{n})" for n in range(800))
    assert render(text, DRAFT).count(">Lenke ") == 800


def test_a_draft_table_of_twenty_thousand_rows_keeps_every_row():
    """13 s when the cleaner searched each row among its siblings; bench/markup.py times it now."""
    table = "| Gnr/bnr | Adresse |\n|---|---|\n" + "| 12/4 | Storgata 1 |\n" * 20_000
    assert _render_or_refuse(table, DRAFT).count("<tr>") == 20_001


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdown_text)
def test_the_cleaner_walks_the_tree_as_bleach_does(text):
    converter, cleaner = markup._tools(DRAFT)
    stock = copy.copy(cleaner)
    stock.walker = html5lib_shim.getTreeWalker("etree")
    try:
        html = converter.reset().convert(text)
    except RecursionError:
        return
    assert cleaner.clean(html) == stock.clean(html)


def test_a_paragraph_of_endless_inline_markup_is_refused_before_rendering(monkeypatch):
    """Rendering it took 22 s of copying the paragraph for every emphasis: the converter is never asked."""
    converted = []
    converter, _cleaner = markup._tools(DRAFT)
    monkeypatch.setattr(converter, "convert", lambda text: converted.append(text) or "")
    with pytest.raises(MarkupRejected):
        render("*a* " * 100_000, DRAFT)
    assert converted == []


def test_long_drafts_with_paragraphs_of_ordinary_formatting_pass_the_structure_check():
    paragraph = "Kommunen *skal* sikre **medvirkning** etter [loven](https://lovdata.no/lov) & forskrift. " * 20
    markup.check_structure("\n\n".join([paragraph] * 500))


def test_a_draft_of_more_tags_than_characters_is_refused_before_cleaning_them():
    """Lists nested 31 deep on every line: 19,000 tags from 10,000 characters, 300 ms to clean."""
    line = "- " * (markup.MAX_NESTING - 1) + "x\n"
    with pytest.raises(MarkupRejected):
        render(line * (10_000 // len(line)), DRAFT)
    assert render(line, DRAFT).count("<li>") == markup.MAX_NESTING - 1  # one such line is fine


@pytest.mark.parametrize("text", [
    "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 2_000,
    "- x\n" * 2_500,
    "1. Punkt\n    - a\n    - b\n" * 500,
    "- Del 1\n    - Kapittel 2\n        - § 3\n            - første ledd\n" * 100,
    "*a* **b** [c](https://lovdata.no) " * 300,
], ids=["table", "list", "nested-list", "law", "inline"])
def test_dense_but_honest_drafts_stay_under_the_tag_limit(text):
    assert "<" in render(text, DRAFT)
