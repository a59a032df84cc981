"""The printed summary: /hoeringer/<slug>/oppsummering printed to A4 by Chromium, read back with pypdf.

A consultation of its own has eight themes (some with long names), quotes of many lengths, and a
campaign of eight copies of one letter, quoted by the caseworker in two themes. The page is printed
as a reader's Ctrl+P prints it (print media, the page's own @page rules, no Playwright header or
footer), and the PDF's text is checked line by line: no page ends with a heading, every page carries
the municipality, the title and its page number, quotes cite "Innspill <id>" rather than an address,
and the campaign's letter is printed once.

Where a page breaks depends on the fonts of the machine, so the layout test prints the page five
times, each time with the content pushed down a little further: every break moves, and a heading
that could be left at the foot of a page is found on any machine.
"""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from hoering.extensions import db
from tests.browser.checks import PHONE, assert_accessible
from tests.factories import make_comment, make_consultation, make_summary_version, summary_content_of

pytestmark = pytest.mark.browser

SLUG = "trygge-skoleveier-utskrift"
ORGANISATION = "Fjordvik kommune"
TITLE = "Plan for trygge skoleveier 2026–2030"
URL = f"/hoeringer/{SLUG}/oppsummering"
A4_CONTENT_WIDTH = 658  # CSS px: 210 mm less the 18 mm margins each side
SHIFTS_MM = [0, 9, 18, 27, 36]

LETTER = ("Vi krever fortau langs hele Skoleveien før neste skoleår. "
          "Barna våre går i veibanen hver morgen fordi snøen blir brøytet inn på gangstripen. "
          "Kommunen har visst om dette i mange år, og foreldrene har skrevet til kommunen før. "
          "Sett ned farten til 30 km/t forbi skolen og sett opp lys ved fotgjengerovergangen.")
LETTER_QUOTE = "Vi krever fortau langs hele Skoleveien før neste skoleår."
CAMPAIGN_SIZE = 8

LONG = ("Det er mørkt om morgenen fra november til februar, og mange av elevene går alene i nesten "
        "tre kilometer langs en vei uten belysning, der lastebilene til pukkverket kjører tett forbi. ")
THEMES = [
    ("Fortau og gangvei langs Skoleveien", 3, [LONG + "Vi trenger fortau nå.", "Fortauet må komme før brua."]),
    ("Fartsgrense og fartsdumper ved barneskolen og ungdomsskolen", 1,
     ["Fartsdumpene ved skolen virker bare om sommeren.", LONG * 2 + "Sett ned farten."]),
    ("Belysning", 2, [LONG + "Vi trenger lys.", "Gatelysene slukkes klokka elleve.", "Lys ved busslommen."]),
    ("Trafikksikkerhetsopplæringsprogrammene i barnehagene", 1,
     ["Refleksvestene fra barnehagen er for små.", LONG + "Opplæringen må starte tidligere."]),
    ("Skoleskyss", 3, [LONG * 3 + "Bussen kommer for sjelden.", "Skyssgrensen på fire kilometer er for lang."]),
    ("Brøyting og strøing om vinteren", 2, ["Gangstripen blir brøytet sist.", LONG + "Strø før klokka sju."]),
    ("Sykkelparkering og sykkelvei", 1, [LONG * 2 + "Vi vil ha tak over sykkelstativet."]),
    ("Henting og levering med bil", 2, ["Foreldrekjøringen er det farligste på skoleveien.", LONG + "Lag en droppsone."]),
]
ASSESSMENT = ("Kommunen er enig i at dette må prioriteres, og tar det med i handlingsdelen av planen.\n\n"
              + LONG + "Tiltaket vurderes på nytt ved rulleringen av planen.")


@pytest.fixture(scope="module")
def printed(live_server) -> list[int]:
    """The consultation, its comments and a signed-off summary with eight themes and a campaign;
    returns the ids of the comments quoted (other than the letter's)."""
    with live_server.app_context():
        consultation = make_consultation(SLUG, open_=False, title=TITLE, organisation=ORGANISATION)
        letters = [make_comment(consultation, text=LETTER, author_name=f"Forelder {n}") for n in range(CAMPAIGN_SIZE)]
        quoted = [[make_comment(consultation, text=f"{text} Hilsen nabo {t}-{q}.", author_name=f"Nabo {t}-{q}",
                                stance=["support", "against", "suggestion"][q % 3])
                   for q, text in enumerate(texts)] for t, (_, _, texts) in enumerate(THEMES)]
        content = summary_content_of(consultation)
        base = content["themes"][0]
        content["themes"] = [
            {**base, "key": str(t + 1), "label": label, "count": 40 - 4 * t, "share": (40 - 4 * t) / 200,
             "keywords": ["skolevei", "trafikk"], "assessment": ASSESSMENT if paragraphs > 1 else ASSESSMENT.split("\n\n")[0],
             "quotes": [{"comment_id": c.id, "text": c.text.rsplit(" Hilsen", 1)[0], "stance": c.stance}
                        for c in quoted[t]]}
            for t, (label, paragraphs, _) in enumerate(THEMES)]
        # The caseworker quoted the letter in two themes, from two of its senders.
        for theme, letter in ((0, letters[0]), (2, letters[1])):
            content["themes"][theme]["quotes"].insert(0, {"comment_id": letter.id, "text": LETTER_QUOTE, "stance": ""})
        content["campaigns"] = [{"id": 1, "size": CAMPAIGN_SIZE, "text": LETTER, "comment_ids": [c.id for c in letters]}]
        make_summary_version(consultation, content=content)
        ids = [c.id for theme in quoted for c in theme]
        db.session.remove()
        return ids


@pytest.fixture
def printing(browser, base_url):
    """A page in print media. It bypasses the CSP only so the layout test may add a style (the shift)."""
    context = browser.new_context(base_url=base_url, bypass_csp=True, extra_http_headers={"Accept-Language": "nb"})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(URL)
    page.emulate_media(media="print")
    yield page
    context.close()


# Reading the PDF back: its text in lines, from the top of each page down.

def print_to_pdf(page) -> PdfReader:
    """What a reader's Ctrl+P makes: the page's own @page size, margins and margin boxes."""
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def lines_of(pdf_page) -> list[tuple[float, str]]:
    """(height from the bottom of the page in pt, text) of each line, top line first."""
    fragments = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            fragments.append((y, x, text))

    pdf_page.extract_text(visitor_text=visit)
    lines: list[tuple[float, list]] = []
    for y, x, text in sorted(fragments, key=lambda f: (-f[0], f[1])):
        if lines and abs(lines[-1][0] - y) < 3:
            lines[-1][1].append(text)
        else:
            lines.append((y, [text]))
    return [(y, squeeze("".join(texts))) for y, texts in lines]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def body_lines(pdf_page) -> list[str]:
    """The lines between the running header and the page number (the margin boxes)."""
    return [text for text in (text for _, text in lines_of(pdf_page))
            if not (text.startswith(ORGANISATION) or re.fullmatch(r"Side \d+ av \d+", text))]


def headings(page) -> list[str]:
    return [squeeze(text) for text in page.locator(".summary-page :is(h1, h2, h3, h4)").all_inner_texts()]


def ends_with_a_heading(last_line: str, heading_texts: list[str]) -> bool:
    """The page's last line is a heading, or the last line of a heading that wrapped."""
    return any(last_line == heading or (len(last_line) > 3 and heading.endswith(last_line)) for heading in heading_texts)


# The tests.

def test_no_printed_page_ends_with_a_heading(printing, printed):
    heading_texts = headings(printing)
    assert len(heading_texts) >= 15
    for shift in SHIFTS_MM:
        printing.add_style_tag(content=f".summary-page {{ padding-top: {shift}mm; }}")
        pages = print_to_pdf(printing).pages
        assert len(pages) >= 3
        for number, pdf_page in enumerate(pages, start=1):
            last = body_lines(pdf_page)[-1]
            assert not ends_with_a_heading(last, heading_texts), (
                f"page {number} of {len(pages)} (content {shift} mm down) ends with the heading {last!r}")


def test_every_printed_page_has_the_municipality_the_title_and_its_number(printing, printed):
    pages = print_to_pdf(printing).pages
    assert len(pages) >= 3
    for number, pdf_page in enumerate(pages, start=1):
        top = [text for _, text in lines_of(pdf_page)]
        assert f"{ORGANISATION} {TITLE}" in top[0], f"page {number} lacks the running header: {top[:2]}"
        assert f"Side {number} av {len(pages)}" in top, f"page {number} lacks its number: {top[:3]}"


def test_quotes_cite_their_comment_by_number_and_the_campaign_letter_is_printed_once(printing, printed):
    text = squeeze(" ".join(page.extract_text() for page in print_to_pdf(printing).pages))
    solid = "".join(text.split())  # an address may be broken across lines
    for comment_id in printed:
        assert f"Innspill {comment_id}" in text
        assert f"/kommentarer/{comment_id}" not in solid, f"the address of innspill {comment_id} is printed"
    assert f"Kampanje med {CAMPAIGN_SIZE} nesten like innspill" in text
    assert text.count(squeeze(LETTER)) == 1
    assert text.count(LETTER_QUOTE) == 2, "the letter in full, and quoted once (not once per sender quoted)"
    assert f"fra en kampanje med {CAMPAIGN_SIZE} nesten like innspill" in text
    assert f"/hoeringer/{SLUG}/kommentarer/N" in solid, "paper says where innspill N is found"


# Every label's box inside its chart's box, and the chart inside the page.
LABELS_OUTSIDE = """() => [...document.querySelectorAll('svg.chart-bars')].flatMap(svg => {
  const chart = svg.getBoundingClientRect(), page = document.documentElement.clientWidth;
  return [...svg.querySelectorAll('text')].map(text => [text.textContent, text.getBoundingClientRect()])
    .filter(([, box]) => box.right > Math.min(chart.right, page) + 2 || box.left < chart.left - 2)
    .map(([label, box]) => `${label}: ${box.left}-${box.right} in ${chart.left}-${chart.right}`);
})"""


@pytest.mark.parametrize("width, media", [(A4_CONTENT_WIDTH, "print"), (PHONE["width"], "screen")],
                         ids=["a4", "phone"])
def test_chart_labels_are_never_cut_off(printing, printed, width, media):
    printing.set_viewport_size({"width": width, "height": 900})
    printing.emulate_media(media=media)
    drawn = printing.locator("svg.chart-bars text").all_text_contents()
    for (label, _, _), text in zip(THEMES, drawn, strict=True):  # whole, if broken into lines
        assert "".join(label.split()) in "".join(text.split()).replace("-", ""), f"{label!r} is drawn as {text!r}"
    assert printing.evaluate(LABELS_OUTSIDE) == []


def test_the_summary_with_a_campaign_has_no_axe_violations(scan_context, printed):
    page = scan_context("nb").new_page()
    page.goto(URL)
    assert page.locator(".campaign-text blockquote").count() == 1
    assert_accessible(page)
