"""Pictures in drafts: a stored picture (``bilde:<sha256>``) is shown from the site, as a figure with
its caption; no other image is ever shown, in a draft or a comment (issue 13)."""
import pytest
from bs4 import BeautifulSoup

from hoering import markup
from hoering.draft_images import PATH, is_image_attribute, is_image_id, referenced_images, source
from hoering.markup import COMMENT, DRAFT, render

SHA = "3f5a" + "0" * 56 + "c9d1"
SERVED = f"/hoeringer/bilder/{SHA}"


def page(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_stored_picture_is_shown_from_the_site_as_a_figure():
    html = render(f"![Kart over planområdet]({source(SHA)})", DRAFT)
    assert html == f'<figure><img alt="Kart over planområdet" loading="lazy" src="{SERVED}"></figure>'
    assert PATH + SHA == SERVED


def test_a_picture_with_its_caption_after_a_line_break_is_a_figure_with_its_caption():
    figure = page(render(f"![Kart]({source(SHA)})  \nFigur 1: Planområdet *sett fra sør*", DRAFT)).figure
    assert figure.img["src"] == SERVED and figure.img["alt"] == "Kart"
    assert figure.figcaption.get_text() == "Figur 1: Planområdet sett fra sør"
    assert figure.figcaption.em.get_text() == "sett fra sør"


def test_a_picture_among_text_stays_in_its_paragraph():
    html = page(render(f"Kartet ![Kart]({source(SHA)}) viser planområdet.", DRAFT))
    assert html.figure is None and html.p.img["src"] == SERVED
    assert html.p.get_text() == "Kartet  viser planområdet."


@pytest.mark.parametrize("text", [
    "![Kart](https://evil.example/pixel.png) over sentrum",
    "![Kart](//evil.example/pixel.png) over sentrum",
    "![Kart](javascript:alert(1)) over sentrum",
    "![Kart](data:image/png;base64,iVBORw0KGgo=) over sentrum",
    "![Kart](/hoeringer/bilder/" + SHA + ") over sentrum",  # the path typed by hand: not a stored picture's source
    "![Kart](bilde:" + SHA[:63] + ") over sentrum",
    "![Kart](bilde:" + SHA.upper() + ") over sentrum",
    "![Kart][kilde] over sentrum\n\n[kilde]: https://evil.example/pixel.png",
])
def test_any_other_image_is_its_alternative_text_and_nothing_is_fetched(text):
    html = render(text, DRAFT)
    assert html == "<p>Kart over sentrum</p>"


def test_other_images_beside_a_stored_one_leave_it_and_the_text_in_order():
    html = render(f"a ![b](https://x.example/1.png) c ![d]({source(SHA)}) e ![f](x.png) g", DRAFT)
    assert html == f'<p>a b c <img alt="d" loading="lazy" src="{SERVED}"> e f g</p>'


@pytest.mark.parametrize("html, kept", [
    ('<img src="https://evil.example/x.png" alt="a">', '<img alt="a">'),
    ('<img src="javascript:alert(1)">', "<img>"),
    (f'<img src="{SERVED}" onerror="alert(1)" loading="eager" style="x">', f'<img src="{SERVED}">'),
    (f'<img src="{SERVED}/../../admin">', "<img>"),
    (f'<img src="https://evil.example{SERVED}">', "<img>"),
])
def test_the_sanitiser_lets_an_img_keep_only_a_stored_picture_s_path_its_text_and_lazy_loading(html, kept):
    _converter, cleaner = markup._tools(DRAFT)
    assert cleaner.clean(html) == kept


def test_typed_html_images_are_text():
    html = render('<img src=x onerror=alert(1)> and <img src="/hoeringer/bilder/' + SHA + '">', DRAFT)
    assert page(html).img is None and "&lt;img" in html


@pytest.mark.parametrize("text", [
    f"![Kart]({source(SHA)})",
    "![Kart](https://evil.example/pixel.png)",
    '<img src="x" onerror="alert(1)">',
    f'<img src="{SERVED}">',
])
def test_a_citizen_s_comment_shows_no_image_at_all(text):
    assert page(render(text, COMMENT)).img is None


def test_names_and_references_of_stored_pictures():
    assert is_image_id(SHA) and not is_image_id(SHA.upper()) and not is_image_id(SHA + "0")
    assert not is_image_id("../" + SHA[3:])
    other = "ab" * 32
    draft = f"![a]({source(SHA)})\n\nTekst bilde:{other} og bilde:{SHA[:60]}.\n\n![b]({source(SHA)})"
    assert referenced_images(draft) == {SHA, other}
    assert is_image_attribute("img", "alt", "x") and not is_image_attribute("img", "title", "x")


def test_an_excerpt_of_a_picture_s_unit_reads_its_alternative_text_not_its_name():
    from hoering.presentation import excerpt

    text = f"![Kart over planområdet]({source(SHA)})  \nFigur 1: Planområdet sett fra sør"
    assert excerpt(text) == "Kart over planområdet Figur 1: Planområdet sett fra sør"
