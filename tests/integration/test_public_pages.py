"""The citizen's pages through the test client: front page, consultation, unit, whole document."""
from tests.factories import make_comment, make_consultation

ANCHOR = "facebook-brukes-til-nyheter-arrangementer-og"


def test_front_page_shows_open_consultations_with_deadline_and_count_then_closed(app, pages):
    open_one = make_consultation()
    make_comment(open_one)
    make_consultation("gammel-horing", open_=False, title="Gammel plan for idrettsanlegg")
    page = pages.get("/")
    sections = page.find_all("section")
    assert "Strategi for digital dialog" in sections[0].get_text()
    assert "dager igjen" in sections[0].get_text()
    assert "Fjordvik kommune" in sections[0].get_text()
    assert "Gammel plan for idrettsanlegg" in sections[-1].get_text()
    counts = [dd.get_text(strip=True) for dd in sections[0].select("dd")]
    assert "1" in counts


def test_consultation_page_numbers_every_unit_and_links_to_its_page(app, pages):
    consultation = make_consultation()
    make_comment(consultation, ANCHOR)
    make_comment(consultation, ANCHOR)
    page = pages.get("/hoeringer/digital-dialog")
    units = page.select(".draft .unit")
    assert [u.select_one(".unit-number").get_text(strip=True) for u in units] == [
        "0.1", "1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.1.2", "2.2", "2.2.1",
    ]
    facebook = page.find(id=ANCHOR)
    assert facebook.find("a", href=f"/hoeringer/digital-dialog/{ANCHOR}")
    assert "Innspill: 2" in facebook.get_text()
    assert page.find("a", href="/hoeringer/digital-dialog/hele-dokumentet")
    assert "Kommunen ber om innspill" in page.select_one(".summary").get_text()


def test_unit_page_shows_the_unit_with_its_neighbours_threads_and_form(app, pages):
    consultation = make_consultation()
    root = make_comment(consultation, ANCHOR, text="Facebook er ikke for alle.")
    make_comment(consultation, ANCHOR, text="Enig, tenk på eldre.", parent_id=root.id, author_name="Per")
    page = pages.get(f"/hoeringer/digital-dialog/{ANCHOR}")
    assert page.h1.get_text(strip=True) == "Punkt 2.1.1"
    assert "Facebook brukes til nyheter" in page.select_one(".unit-current").get_text()
    assert [n.select_one(".neighbour-link").get_text(strip=True) for n in page.select(".unit-neighbour")] == [
        "Forrige: punkt 2.1",
        "Neste: punkt 2.1.2",
    ]
    thread = page.find(id=f"kommentar-{root.id}")
    reply = thread.select_one(".replies .comment")
    assert "Enig, tenk på eldre." in reply.get_text()
    assert page.find("form", action=f"/hoeringer/digital-dialog/kommentarer/{root.id}/enig")
    assert page.select_one("#skjema form textarea[name=text]") is not None


def test_a_unit_with_many_threads_is_paged_with_plain_links(app, pages, settings):
    app.config["THREADS_PER_PAGE"] = 3
    consultation = make_consultation()
    for n in range(7):
        make_comment(consultation, ANCHOR, text=f"Innspill nummer {n}")
    first = pages.get(f"/hoeringer/digital-dialog/{ANCHOR}")
    assert len(first.select(".comments > .comment")) == 3
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert next_link == f"/hoeringer/digital-dialog/{ANCHOR}?side=2"
    last = pages.get(f"/hoeringer/digital-dialog/{ANCHOR}?side=3")
    assert [c.select_one(".comment-body").get_text(strip=True) for c in last.select(".comments > .comment")] == [
        "Innspill nummer 6"
    ]
    assert pages.get(f"/hoeringer/digital-dialog/{ANCHOR}?side=abc").select(".comments > .comment")


def test_whole_document_page_has_its_own_comments(app, pages):
    consultation = make_consultation()
    make_comment(consultation, None, text="Hele strategien er for vag.")
    make_comment(consultation, ANCHOR, text="Om Facebook.")
    page = pages.get("/hoeringer/digital-dialog/hele-dokumentet")
    assert page.h1.get_text(strip=True) == "Hele dokumentet"
    text = page.select_one(".comments").get_text()
    assert "Hele strategien er for vag." in text and "Om Facebook." not in text


def test_closed_consultation_shows_comments_but_no_form(app, pages):
    consultation = make_consultation(open_=False)
    make_comment(consultation, ANCHOR, text="Kom inn før fristen.")
    page = pages.get(f"/hoeringer/digital-dialog/{ANCHOR}")
    assert "Kom inn før fristen." in page.get_text()
    assert page.select_one("#skjema form") is None
    assert "Høringsfristen gikk ut" in page.select_one("#skjema").get_text()
    assert not page.select(".reply-link")


def test_comment_link_leads_to_the_page_and_place_of_its_thread(app, client):
    app.config["THREADS_PER_PAGE"] = 2
    consultation = make_consultation()
    comments = [make_comment(consultation, ANCHOR) for _ in range(3)]
    response = client.get(f"/hoeringer/digital-dialog/kommentarer/{comments[2].id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/hoeringer/digital-dialog/{ANCHOR}?side=2#kommentar-{comments[2].id}")


def test_unknown_slug_anchor_or_comment_is_a_friendly_404(app, pages):
    make_consultation()
    for url in [
        "/hoeringer/finnes-ikke",
        "/hoeringer/finnes-ikke/hele-dokumentet",
        "/hoeringer/digital-dialog/finnes-ikke",
        "/hoeringer/digital-dialog/kommentarer/999",
        "/ingen-side",
    ]:
        page = pages.get(url, status=404)
        assert page.h1.get_text(strip=True) == "Siden finnes ikke"
        assert page.find("a", href="/")


def test_every_response_carries_the_security_headers(app, client):
    make_consultation()
    response = client.get("/hoeringer/digital-dialog")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_long_draft_has_contents_with_counts_and_a_unit_page_its_breadcrumbs(app, pages):
    from tests.unit.consultations.test_navigation import LAW

    consultation = make_consultation(draft=LAW)
    page = pages.get("/hoeringer/digital-dialog")
    paragraph = page.select(".draft .unit")[9]
    assert paragraph.select_one(".unit-number").get_text(strip=True) == "første avsnitt"
    make_comment(consultation, paragraph["id"])
    page = pages.get("/hoeringer/digital-dialog")
    entries = [" ".join(li.get_text(" ", strip=True).split()) for li in page.select("nav.contents li")]
    # The law numbers its own chapters and §§: the contents show those, not ours.
    assert entries[:4] == ["Kapittel 1 Alminnelige bestemmelser 0 innspill", "§ 1-1 Formål 0 innspill",
                           "§ 1-2 Virkeområde 0 innspill", "Kapittel 12 Reguleringsplan 1 innspill"]
    assert page.select_one("nav.contents a")["href"] == "#" + page.select(".draft .unit")[1]["id"]
    unit_page = pages.get(f"/hoeringer/digital-dialog/{paragraph['id']}")
    crumbs = [a.get_text(" ", strip=True) for a in unit_page.select("nav.breadcrumbs a")]
    assert crumbs[2:] == ["Kapittel 12 Reguleringsplan", "§ 12-3 Detaljregulering", "Krav til planforslaget"]


def test_a_ledd_is_named_as_the_law_names_it_on_its_page_and_in_the_comment_form(app, pages):
    consultation = make_consultation(draft="# Kapittel 12 Reguleringsplan\n\n## § 12-3 Detaljregulering\n\nFørste.\n\nAndre.\n")
    page = pages.get("/hoeringer/digital-dialog")
    assert [u.get_text(strip=True) for u in page.select(".draft .unit-number")] == ["første ledd", "andre ledd"]
    assert page.select_one("#paragraf-12-3-andre-ledd .unit-actions .visually-hidden").get_text(strip=True) == "§ 12-3 andre ledd"
    unit_page = pages.get("/hoeringer/digital-dialog/paragraf-12-3-andre-ledd")
    assert unit_page.select_one("h1").get_text(strip=True) == "§ 12-3 andre ledd"
    assert unit_page.select_one("#skjema-tittel").get_text(strip=True) == "Innspill til § 12-3 andre ledd"
    assert unit_page.select_one(".neighbour-link").get_text(strip=True) == "Forrige: § 12-3 første ledd"
    heading_page = pages.get("/hoeringer/digital-dialog/paragraf-12-3")
    assert heading_page.select_one("h1").get_text(strip=True) == "§ 12-3 Detaljregulering"
    make_comment(consultation, "paragraf-12-3-andre-ledd")


def test_a_long_law_is_read_a_part_at_a_time_and_no_page_is_over_300_kb(app, client, pages):
    from tests.fixtures.long_law import long_law_draft

    make_consultation("lov", draft=long_law_draft(parts=4, chapters=8, paragraphs=10))  # about 270 KB
    first = pages.get("/hoeringer/lov")
    following = first.select_one(".reading-pager a[rel=next]")["href"]
    assert following == "/hoeringer/lov/dokument/kapittel-2"
    assert first.select_one("nav.contents a[href='/hoeringer/lov/dokument/kapittel-2#kapittel-2']")
    part = pages.get(following)
    assert part.select_one(".draft .unit")["id"] == "kapittel-2"
    assert part.select_one(".reading-pager a[rel=prev]")["href"] == "/hoeringer/lov"
    assert part.select_one("nav.contents a[aria-current=page]").get_text(" ", strip=True).startswith("Kapittel 2")
    assert not part.select(".summary")
    links = {a["href"].split("#")[0] for a in first.select("nav.contents a")}
    sizes = [len(client.get(url).data) for url in links]
    assert len(links) > 20 and max(sizes) < 300_000


def test_a_units_anchor_leads_to_the_part_it_is_on(app, client):
    from tests.fixtures.long_law import long_law_draft

    make_consultation("lov", draft=long_law_draft(parts=4, chapters=8, paragraphs=10))
    response = client.get("/hoeringer/lov/dokument/paragraf-2-3-andre-ledd")
    assert response.status_code == 302
    assert response.headers["Location"] == "/hoeringer/lov/dokument/kapittel-2#paragraf-2-3-andre-ledd"
    first = client.get("/hoeringer/lov/dokument/paragraf-1-1")
    assert first.headers["Location"] == "/hoeringer/lov#paragraf-1-1"
    assert client.get("/hoeringer/lov/dokument/finnes-ikke").status_code == 404
    unit_page = client.get("/hoeringer/lov/paragraf-2-3-andre-ledd").get_data(as_text=True)
    assert 'href="/hoeringer/lov/dokument/kapittel-2#paragraf-2-3"' in unit_page  # its breadcrumbs


def test_a_short_draft_stays_on_one_page(app, pages):
    make_consultation()
    page = pages.get("/hoeringer/digital-dialog")
    assert not page.select(".reading-pager") and not page.select("[data-reading-pages]")
