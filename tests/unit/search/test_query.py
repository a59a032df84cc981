"""What a search reads from what was typed, and how the words found are marked: no database."""
import re

from hypothesis import given, strategies as st

from hoering.search.highlight import highlighted
from hoering.search.query import MAX_TERMS, fts5_expression, parse, tsquery_parts


def test_words_are_stemmed_and_match_as_word_beginnings_from_four_letters():
    query = parse("Skolene og vei")
    assert fts5_expression(query) == '"skol"* "og" "vei"'
    assert tsquery_parts(query) == [("to_tsquery", "skolene:*"), ("plainto_tsquery", "og"), ("plainto_tsquery", "vei")]


def test_a_quoted_phrase_is_kept_together_and_an_unbalanced_quote_is_ignored():
    query = parse('"trygg skolevei" brøyting "halv')
    assert [term.words for term in query.terms] == [("trygg", "skolevei"), ("brøyting",), ("halv",)]
    assert fts5_expression(query) == '"trygg skolevei" "brøyting"* "halv"*'


def test_search_syntax_is_only_words():
    query = parse('NEAR(skole* "" AND -vei) OR ^park: col:x')
    assert fts5_expression(query) == '"near"* "skol"* "and" "vei" "or" "park"* "col" "x"'


def test_nothing_to_search_for_is_an_empty_query():
    assert not parse("")
    assert not parse(None)
    assert not parse('"" *** ( ) - : ^')


def test_a_long_query_is_cut_to_a_few_terms():
    assert len(parse(" ".join(f"ord{n}" for n in range(100))).terms) == MAX_TERMS


@given(st.text(max_size=300))
def test_any_input_gives_quoted_words_only(text):
    assert re.fullmatch(r'("[^\W_]+( [^\W_]+)*"\*?( |$))*', fts5_expression(parse(text)))


def test_the_words_found_are_marked_and_everything_else_escaped():
    snippet = highlighted("Skolene <script>alert(1)</script> & skolen", parse("skole"))
    assert str(snippet) == ("<mark>Skolene</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                            "<mark>skolen</mark>")


def test_a_long_text_is_cut_around_the_first_word_found():
    text = " ".join(["fyll"] * 100 + ["brøyting"] + ["mer"] * 100)
    snippet = str(highlighted(text, parse("brøyting")))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>brøyting</mark>" in snippet
    assert len(snippet.split()) <= 41


def test_letters_of_their_own_are_not_folded():
    assert "<mark>" not in str(highlighted("Vi får se", parse("far")))
