"""The politician's summary page, /hoeringer/<slug>/oppsummering: only a signed-off version, quotes
that are still true and link to their comments, charts with tables, and a page that prints."""
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from hoering.comments.models import Comment
from hoering.consultations.models import DRAFT
from hoering.extensions import db
from hoering.moderation import services as moderation
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation, make_summary_version, summary_content_of

URL = "/hoeringer/digital-dialog/oppsummering"
ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"
STANCES = ["support", "against", "suggestion", "", "neutral", "support"]


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    for n, (text, stance) in enumerate(zip(TOPICAL_COMMENTS, STANCES)):
        make_comment(consultation, ANCHOR if n < 4 else None, text=text, stance=stance,
                     author_name=f"Innbygger {n}", organisation="Fjordvik idrettslag" if n == 1 else "")
    return consultation


def glance(page) -> dict:
    section = page.find(id="kort-fortalt").find_parent("section")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in section.select("dt")}


def test_without_a_signed_off_version_the_summary_is_a_friendly_not_found_page(consultation, pages):
    page = pages.get(URL, status=404)
    assert page.h1.get_text(strip=True) == "Siden finnes ikke"
    assert "ikke klar ennå" in page.main.get_text()


def test_a_consultation_still_in_draft_has_no_public_summary(app, pages):
    draft = make_consultation("utkast", phase=DRAFT)
    make_summary_version(draft)
    pages.get("/hoeringer/utkast/oppsummering", status=404)


def test_the_newest_signed_off_version_is_shown_with_its_date_and_number(consultation, pages):
    make_summary_version(consultation)
    newer = make_summary_version(consultation)
    newer.content = {**newer.content, "themes": [{**newer.content["themes"][0], "label": "Åpent kommentarfelt"}]}
    db.session.commit()
    page = pages.get(URL)
    assert page.h1.get_text(strip=True) == "Oppsummering av innspillene"
    sign_off = page.select_one(".sign-off")
    assert sign_off.get_text(" ", strip=True).startswith("Godkjent av saksbehandler")
    assert sign_off.get_text(strip=True).endswith("versjon 2")
    assert sign_off.time["datetime"]
    assert [h3.get_text(strip=True) for h3 in page.select(".summary-theme h3")] == ["Åpent kommentarfelt"]


def test_at_a_glance_gives_comments_people_organisations_campaigns_and_stances(consultation, pages):
    version = make_summary_version(consultation)
    version.content = {**version.content, "comments": 12345, "campaigns": [
        {"id": 1, "size": 1200, "text": "Behold kommentarfeltet!", "comment_ids": [1, 2]},
        {"id": 2, "size": 45, "text": "Raskere svar!", "comment_ids": [3]}]}
    db.session.commit()
    page = pages.get(URL)
    facts = glance(page)
    assert facts["Innspill"] == "12\xa0345"  # the number filter: Norwegian thousands
    assert facts["Personer"] == "5"
    assert facts["Organisasjoner"] == "1"
    assert facts["Kampanjer"] == "2"
    assert [li.get_text(strip=True) for li in page.select(".campaign-sizes li")] == [
        "Kampanje med 1\xa0200 nesten like innspill", "Kampanje med 45 nesten like innspill"]
    table = page.find(id="kort-fortalt").find_parent("section").select_one("table.chart-table")
    rows = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")] for tr in table.tbody.select("tr")}
    assert rows == {"Støtter": ["2", "33\xa0%"], "Er imot": ["1", "17\xa0%"], "Nøytral": ["1", "17\xa0%"],
                    "Har forslag": ["1", "17\xa0%"], "Ikke oppgitt": ["1", "17\xa0%"]}


def test_every_quote_is_an_exact_excerpt_of_the_comment_its_cite_links_to(consultation, pages, client):
    make_summary_version(consultation)
    page = pages.get(URL)
    figures = page.select("figure.summary-quote")
    assert len(figures) == 3
    for figure in figures:
        blockquote = figure.blockquote
        cite = urlsplit(blockquote["cite"])
        assert (cite.scheme, cite.netloc) == ("http", "hoering.test")
        comment_id = int(cite.path.rsplit("/", 1)[1])
        assert cite.path == f"/hoeringer/digital-dialog/kommentarer/{comment_id}"
        assert blockquote.get_text(strip=True) in db.session.get(Comment, comment_id).text
        assert figure.figcaption.a["href"] == blockquote["cite"]
        assert client.get(cite.path).status_code == 302  # the comment's stable link leads to it


def test_a_quote_is_dropped_once_its_comment_is_hidden_or_redacted(consultation, pages, auth):
    make_summary_version(consultation)
    first, second, third = db.session.scalars(db.select(Comment).order_by(Comment.id).limit(3))
    moderator = auth.user("moderator")
    moderation.hide(first, moderator, "Personangrep")
    moderation.redact(second, moderator, "Stenger dere")
    page = pages.get(URL)
    cited = [figure.blockquote["cite"] for figure in page.select("figure.summary-quote")]
    assert cited == [f"http://hoering.test/hoeringer/digital-dialog/kommentarer/{third.id}"]
    assert "Personangrep" not in page.get_text()


def test_themes_come_largest_first_with_size_stance_assessment_and_charts(consultation, pages):
    version = make_summary_version(consultation)
    theme = version.content["themes"][0]
    small = {**theme, "key": "2", "label": "Nettsiden", "count": 2, "share": 0.3333, "assessment": "",
             "quotes": [], "stance": {"support": 1, "against": 0, "neutral": 1, "suggestion": 0, "not_stated": 0}}
    version.content = {**version.content, "themes": [theme, small]}
    db.session.commit()
    page = pages.get(URL)
    articles = page.select(".summary-theme")
    assert [a.h3.get_text(strip=True) for a in articles] == ["Kommentarfelt og svartid", "Nettsiden"]
    assert "6 innspill, 100\xa0% av alle." in articles[0].get_text()
    assert "Kommunen vil vurdere" in articles[0].select_one(".assessment").get_text()
    assert articles[1].select_one(".assessment") is None
    for svg in page.select("main svg[role=img]"):
        assert svg.title.get_text(strip=True), "every chart has a text alternative"
        assert svg.find_parent("figure").find("table"), "and its numbers in a table"
    sizes = page.select_one("svg.chart-bars")
    assert sizes.title.get_text() == "Antall innspill per tema: Kommentarfelt og svartid: 6, Nettsiden: 2"
    assert len(page.select("svg.chart-stacked")) == 3  # all comments, then each theme


def test_the_most_discussed_paragraphs_link_to_their_pages(consultation, pages):
    make_summary_version(consultation)
    page = pages.get(URL)
    (unit,) = page.select(".discussed-units li")
    assert unit.a.get_text(strip=True) == "Punkt 2.1.1"
    assert unit.a["href"] == f"http://hoering.test/hoeringer/digital-dialog/{ANCHOR}"
    assert "Facebook brukes til nyheter" in unit.select_one(".unit-excerpt").get_text()
    assert "Innspill: 4 · personer: 3 · organisasjoner: 1" in unit.get_text()
    whole = page.find("a", href="http://hoering.test/hoeringer/digital-dialog/hele-dokumentet")
    assert "Innspill: 2" in whole.parent.get_text()


def test_text_from_caseworkers_and_citizens_is_escaped_in_the_page_and_its_charts(consultation, pages):
    version = make_summary_version(consultation)
    theme = {**version.content["themes"][0], "label": '<img src=x onerror="alert(1)">',
             "assessment": "<script>alert(2)</script>"}
    version.content = {**version.content, "themes": [theme]}
    db.session.commit()
    page = pages.get(URL)
    assert not page.select("main img, main script")
    assert '<img src=x onerror="alert(1)">' in page.select_one(".summary-theme h3").get_text()


def test_the_api_gives_the_summary_url_once_a_version_is_signed_off(consultation, client):
    body = client.get("/api/v1/consultations/digital-dialog").get_json()
    assert body["summary_url"] is None
    make_summary_version(consultation)
    body = client.get("/api/v1/consultations/digital-dialog").get_json()
    assert body["summary_url"] == f"http://hoering.test{URL}"


def test_the_consultation_page_links_to_the_summary_once_signed_off(consultation, pages):
    assert pages.get("/hoeringer/digital-dialog").find("a", href=URL) is None
    make_summary_version(consultation)
    link = pages.get("/hoeringer/digital-dialog").find("a", href=URL)
    assert link.get_text(strip=True) == "Les oppsummeringen av innspillene"


def test_the_page_links_a_print_stylesheet_that_hides_navigation_and_prints_link_addresses(consultation, pages, client):
    make_summary_version(consultation)
    page = pages.get(URL)
    (link,) = page.select('head link[rel=stylesheet][media="print"]')
    css = client.get(link["href"]).get_data(as_text=True)
    assert "size: A4" in css
    assert ".site-header" in css and ".language-switcher" in css and ".skip-link" in css
    assert 'a[href]:not([href^="#"])::after { content: " (" attr(href) ")"' in css
    assert "break-before: page" in css
    assert len(page.select(".summary-section")) == 3


LETTER = "Kommentarfeltet på Facebook må være åpent i helgene, for det er da vi har tid til å skrive til kommunen."


def campaign_of_letters(consultation, version, senders: int = 4) -> list[Comment]:
    """``senders`` published copies of LETTER, counted as a campaign in ``version``."""
    letters = [make_comment(consultation, text=LETTER, author_name=f"Avsender {n}") for n in range(senders)]
    version.content = {**version.content, "campaigns": [
        {"id": 1, "size": senders, "text": LETTER, "comment_ids": [c.id for c in letters]}]}
    db.session.commit()
    return letters


def test_a_campaigns_shared_text_is_shown_once_with_how_many_sent_it_while_still_published(consultation, pages, auth):
    version = make_summary_version(consultation)
    letters = campaign_of_letters(consultation, version)
    page = pages.get(URL)
    (campaign,) = page.select(".campaign-sizes li")
    assert campaign.figcaption.get_text(strip=True) == "Kampanje med 4 nesten like innspill. Teksten i ett av dem:"
    assert campaign.blockquote.get_text(strip=True) == LETTER
    assert page.main.get_text().count(LETTER) == 1

    # Once no published comment says it word for word, only the count is left.
    moderator = auth.user("moderator")
    for letter in letters[:3]:
        moderation.hide(letter, moderator, "Personangrep")
    moderation.redact(letters[3], moderator, "Facebook")
    page = pages.get(URL)
    assert [li.get_text(strip=True) for li in page.select(".campaign-sizes li")] == ["Kampanje med 4 nesten like innspill"]
    assert "for det er da vi har tid" not in page.main.get_text()


def test_a_campaign_is_quoted_once_on_the_page_and_its_quote_says_how_many_sent_it(consultation, pages):
    version = make_summary_version(consultation)
    letters = campaign_of_letters(consultation, version)
    first, second = version.content["themes"][0], {**version.content["themes"][0], "key": "2", "label": "Helger"}
    quote = {"text": "Kommentarfeltet på Facebook må være åpent i helgene", "stance": ""}
    first = {**first, "quotes": [{**quote, "comment_id": letters[0].id}, {**quote, "comment_id": letters[1].id},
                                 *first["quotes"]]}
    second = {**second, "quotes": [{**quote, "comment_id": letters[2].id}]}
    version.content = {**version.content, "themes": [first, second]}
    db.session.commit()
    page = pages.get(URL)
    first_quotes, second_quotes = [theme.select("figure.summary-quote") for theme in page.select(".summary-theme")]
    assert len(first_quotes) == 3, "the second quote of the campaign gives way to the theme's next quote"
    assert first_quotes[0].blockquote["cite"].endswith(f"/kommentarer/{letters[0].id}")
    assert "fra en kampanje med 4 nesten like innspill" in first_quotes[0].figcaption.get_text(" ", strip=True)
    assert "kampanje" not in first_quotes[1].figcaption.get_text()
    assert second_quotes == []


@pytest.mark.parametrize("language, numbering", [("nb", ("Side ", " av ", "")), ("en", ("Page ", " of ", ""))])
def test_the_page_gives_print_the_running_header_and_the_words_of_its_page_numbers(consultation, pages, language,
                                                                                    numbering):
    make_summary_version(consultation)
    html = pages.get(URL, headers={"Accept-Language": language}).html
    assert (html["data-print-organisation"], html["data-print-title"]) == (
        "Fjordvik kommune", "Strategi for digital dialog med innbyggerne")
    assert (html["data-print-page-before"], html["data-print-page-between"], html["data-print-page-after"]) == numbering


def test_on_paper_a_quote_cites_its_comment_by_number_and_says_where_numbers_are_found(consultation, pages, client):
    make_summary_version(consultation)
    page = pages.get(URL)
    css = client.get(page.select_one('head link[media="print"]')["href"]).get_data(as_text=True)
    assert ".summary-page .summary-quote a[href]::after { content: none; }" in css
    assert "@top-left { content: attr(data-print-organisation)" in css
    hint = page.select_one(".print-only").get_text(strip=True)
    assert hint == "På papir finner du innspill nummer N på http://hoering.test/hoeringer/digital-dialog/kommentarer/N."


def test_a_theme_split_between_support_and_against_quotes_each_side_under_its_own_heading(consultation, pages):
    make_comment(consultation, None, text="Jeg er imot at kommentarfeltet stenges om kvelden.", stance="against")
    content = summary_content_of(consultation)
    theme = content["themes"][0]
    comments = db.session.scalars(sa.select(Comment).where(Comment.consultation_id == consultation.id)
                                  .order_by(Comment.id)).all()
    theme["quotes"] = [{"comment_id": c.id, "text": c.text.split(".")[0] + ".", "stance": c.stance}
                       for c in comments if c.stance in ("support", "against", "neutral")]
    make_summary_version(consultation, content)
    page = pages.get(URL)
    article = page.select_one("article.summary-theme")
    sides = {heading.get_text(strip=True): heading for heading in article.select("h5.quote-side")}
    assert list(sides) == ["De som støtter forslaget", "De som er imot forslaget", "Andre synspunkter"]
    against = sides["De som er imot forslaget"].find_next_siblings(["figure", "h5"])
    under_against = [f for f in against[:against.index(sides["Andre synspunkter"])]]
    assert len(under_against) == 2 and all("Er imot" in f.figcaption.get_text() for f in under_against)


def test_a_theme_that_does_not_split_lists_its_quotes_without_side_headings(consultation, pages):
    make_summary_version(consultation)
    assert not pages.get(URL).select("h5.quote-side")
