"""What the public summary shows: quotes only while they are still true of a published comment."""
from hoering.comments.models import HIDDEN, PENDING, PUBLISHED
from hoering.summaries.presentation import MAX_QUOTES, campaign_quoted_once
from hoering.summaries.quotes import QuotedComment, honest_content

TEXT = "Kommentarfeltet på Facebook bør være åpent hele uka. Det er da folk har tid."
QUOTE = "Kommentarfeltet på Facebook bør være åpent hele uka."


def content(*quotes) -> dict:
    return {"comments": 3, "themes": [{"key": "1", "label": "Kommentarfelt", "quotes": list(quotes)}]}


def quote(comment_id: int, text: str = QUOTE, stance: str = "suggestion") -> dict:
    return {"comment_id": comment_id, "text": text, "stance": stance}


def comment(comment_id: int, text: str = TEXT, status: str = PUBLISHED) -> QuotedComment:
    return QuotedComment(comment_id, text, status, "Kari Nordmann", "Fjordvik pensjonistforening")


def shown(summary: dict, comments: dict) -> list[dict]:
    return honest_content(summary, comments, MAX_QUOTES)["themes"][0]["quotes"]


def test_a_quote_of_a_published_comment_that_still_says_it_is_shown_with_its_author():
    kept = shown(content(quote(1)), {1: comment(1)})
    assert kept == [{**quote(1), "author_name": "Kari Nordmann", "organisation": "Fjordvik pensjonistforening"}]


def test_a_quote_of_a_hidden_or_held_comment_is_dropped():
    comments = {1: comment(1, status=HIDDEN), 2: comment(2, status=PENDING), 3: comment(3)}
    assert [q["comment_id"] for q in shown(content(quote(1), quote(2), quote(3)), comments)] == [3]


def test_a_quote_the_comment_no_longer_contains_word_for_word_is_dropped():
    redacted = comment(1, text="Kommentarfeltet på [fjernet] bør være åpent hele uka. Det er da folk har tid.")
    assert shown(content(quote(1)), {1: redacted}) == []
    assert shown(content(quote(1, text=QUOTE.lower())), {1: comment(1)}) == []


def test_a_quote_of_a_comment_that_is_gone_or_an_empty_quote_is_dropped():
    assert shown(content(quote(1), quote(2, text="")), {2: comment(2)}) == []


def test_at_most_three_quotes_are_shown_per_theme_in_the_reviewed_order():
    quotes = [quote(n) for n in range(1, 6)]
    kept = shown(content(*quotes), {n: comment(n) for n in range(1, 6)})
    assert [q["comment_id"] for q in kept] == [1, 2, 3][:MAX_QUOTES]


def test_the_signed_off_content_itself_is_left_as_it_was():
    summary = content(quote(1))
    honest_content(summary, {})
    assert summary == content(quote(1))


def test_a_campaign_is_quoted_once_on_the_page_then_each_theme_is_cut_to_its_quotes():
    campaigns = [{"id": 7, "size": 120, "text": TEXT, "comment_ids": [1, 2, 3]}]
    summary = {"themes": [{"key": "1", "quotes": [quote(1), quote(2), quote(4), quote(5), quote(6)]},
                          {"key": "2", "quotes": [quote(3), quote(8)]}]}
    first, second = campaign_quoted_once(summary, campaigns, MAX_QUOTES)["themes"]
    assert [q["comment_id"] for q in first["quotes"]] == [1, 4, 5]
    assert first["quotes"][0]["campaign_size"] == 120 and "campaign_size" not in first["quotes"][1]
    assert [q["comment_id"] for q in second["quotes"]] == [8]


def test_a_different_excerpt_of_a_campaigns_comment_chosen_by_the_caseworker_is_kept():
    campaigns = [{"id": 7, "size": 120, "text": TEXT, "comment_ids": [1, 2, 3]}]
    summary = {"themes": [{"key": "1", "quotes": [quote(1), quote(2, text="Det er da folk har tid.")]}]}
    (theme,) = campaign_quoted_once(summary, campaigns, MAX_QUOTES)["themes"]
    assert [q["comment_id"] for q in theme["quotes"]] == [1, 2]
