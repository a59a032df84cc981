"""A revised draft as citizens see it, through the test client: every version readable, what changed
and why, the marks on the consultation's and the unit's pages, and where an old anchor leads."""
import pytest

from hoering.comments.models import HIDDEN
from hoering.extensions import db
from tests.factories import make_comment, make_consultation
from tests.integration.test_query_counts import counting_queries
from tests.unit.revisions.test_history import (EDITED_WORDS, MERGED_AWAY_WORDS, MERGED_WORDS, NEW_WORDS,
                                               REMOVED_WORDS, THIRD, revise, unit_with)

SLUG = "digital-dialog"
BASE = f"/hoeringer/{SLUG}"


@pytest.fixture
def revised(app):
    """Version 2 published, with comments written on version 1 (one on the removed list, one on the
    edited paragraph, one on the paragraph merged into its neighbour), and explanations."""
    consultation = make_consultation()
    units = {name: unit_with(consultation, 1, words) for name, words in [
        ("edited", EDITED_WORDS), ("removed", REMOVED_WORDS), ("merged_away", MERGED_AWAY_WORDS),
        ("merged", MERGED_WORDS)]}
    comments = {
        "edited": make_comment(consultation, units["edited"].anchor, text="Husk de som ikke bruker nett."),
        "removed": make_comment(consultation, units["removed"].anchor, text="Kommentarfeltet må være åpent i helgene."),
        "merged_away": make_comment(consultation, units["merged_away"].anchor, text="Facebook er ikke for alle."),
    }
    revise(consultation, explanations={
        EDITED_WORDS: ("Flere innspill ba oss skrive «alle innbyggere».", [comments["edited"].id]),
        "-" + REMOVED_WORDS: "Reglene for kommentarfeltet flyttes til retningslinjene.",
    })
    return consultation, units, comments


def test_the_consultation_page_names_the_version_and_links_to_what_changed(revised, pages):
    page = pages.get(BASE)
    note = page.select_one(".version-note")
    assert "Versjon 2, publisert" in note.get_text(" ", strip=True)
    assert note.find("a", href=f"{BASE}/versjoner/2/endringer").get_text(strip=True) == "Se hva som er endret"


def test_a_draft_never_revised_shows_no_version_mark_and_has_no_changes_page(app, pages):
    make_consultation()
    assert pages.get(BASE).select_one(".version-note") is None
    pages.get(f"{BASE}/endringer", status=404)
    pages.get(f"{BASE}/versjoner/1/endringer", status=404)
    assert "Versjon 1 av høringsdokumentet" in pages.get(f"{BASE}/versjoner/1").h1.get_text()


def test_the_changes_page_shows_every_change_as_a_word_diff_with_the_explanation_beside_it(revised, pages):
    consultation, units, comments = revised
    page = pages.get(f"{BASE}/versjoner/2/endringer")
    assert page.h1.get_text(strip=True) == "Endringer i versjon 2"
    statuses = [s.select_one(".change-status").get_text(strip=True) for s in page.select("section.change")]
    assert statuses == ["Endret", "Slått sammen", "Fjernet", "Fjernet", "Nytt"]
    edited = page.find(id=f"endring-{units['edited'].anchor}")
    assert edited.select_one("del").get_text() == "Slettet: innbyggerne"
    assert edited.select_one("ins").get_text() == "Lagt til: alle innbyggere"
    assert sorted(s.get_text() for s in edited.select("del .visually-hidden, ins .visually-hidden")) == ["Lagt til: ", "Slettet: "]
    explanation = edited.select_one(".change-body .change-explanation")
    assert "Flere innspill ba oss skrive" in explanation.get_text()
    assert explanation.find("a", href=f"{BASE}/kommentarer/{comments['edited'].id}")
    merged = page.find(id=f"endring-{units['merged'].anchor}")
    assert "Slått sammen av punkt 1.2 og punkt 2.1.1 i versjon 1." in merged.get_text(" ", strip=True)
    assert "Kommunen har ikke skrevet en begrunnelse" in merged.get_text()
    new = page.find(id=f"endring-{unit_with(consultation, 2, NEW_WORDS).anchor}")
    assert new.select_one("ins").get_text() == "Lagt til: Kommunen vil også lage en egen side for ungdom."


def test_a_removed_paragraph_s_comments_are_listed_on_the_changes_page_and_never_under_a_neighbour(revised, pages):
    consultation, units, comments = revised
    page = pages.get(f"{BASE}/versjoner/2/endringer")
    removed = page.find(id=f"endring-{units['removed'].anchor}")
    old_page = f"{BASE}/versjoner/1/{units['removed'].anchor}"
    text = removed.get_text(" ", strip=True)
    assert "1 innspill ble skrevet til dette avsnittet" in text
    assert "Reglene for kommentarfeltet flyttes" in text
    assert removed.find("a", href=old_page)
    assert removed.find("a", href=f"{old_page}#kommentar-{comments['removed'].id}")
    assert "Kommentarfeltet må være åpent i helgene." in removed.select_one(".change-comments-list").get_text()
    # Not on any unit of the current version: its neighbours' pages do not show it.
    for unit in (unit_with(consultation, 2, MERGED_WORDS), unit_with(consultation, 2, "Nettsiden er hovedkanalen")):
        assert "åpent i helgene" not in pages.get(f"{BASE}/{unit.anchor}").select_one(".comments").get_text()
    # It stays on the old version's page of the paragraph, read-only.
    old = pages.get(old_page)
    assert old.find(id=f"kommentar-{comments['removed'].id}")
    assert "Avsnittet ble fjernet i versjon 2" in old.select_one(".version-fate").get_text()
    assert old.select_one("form textarea") is None


def test_the_unit_page_shows_its_last_change_and_marks_comments_written_on_an_earlier_version(revised, pages):
    consultation, units, comments = revised
    page = pages.get(f"{BASE}/{units['edited'].anchor}")
    section = page.select_one(".unit-revision")
    assert section.h2.get_text(strip=True) == "Endret i versjon 2"
    assert "Flere innspill ba oss skrive" in section.select_one(".change-explanation").get_text()
    diff = section.select_one("details .diff")
    assert diff.select_one("del").get_text() == "Slettet: innbyggerne"
    assert section.find("a", href=f"{BASE}/versjoner/2/endringer?endring={units['edited'].anchor}")
    comment = page.find(id=f"kommentar-{comments['edited'].id}")
    mark = comment.select_one("details.written-on")
    assert mark.summary.get_text(" ", strip=True).startswith("Skrevet til versjon 1")
    assert "enklere for innbyggerne å delta" in mark.select_one(".written-on-text").get_text()
    assert mark.find("a", href=f"{BASE}/versjoner/1/{units['edited'].anchor}")
    # A comment written on the current version is not marked.
    late = make_comment(consultation, units["edited"].anchor, text="Skrevet etter endringen.")
    again = pages.get(f"{BASE}/{units['edited'].anchor}")
    assert again.find(id=f"kommentar-{late.id}").select_one(".written-on") is None
    # A unit never changed has no such section.
    assert pages.get(f"{BASE}/{unit_with(consultation, 2, 'snakke med').anchor}").select_one(".unit-revision") is None


def test_a_merged_paragraph_s_comments_follow_it_marked_with_the_text_they_were_written_on(revised, pages):
    consultation, units, comments = revised
    page = pages.get(f"{BASE}/{units['merged'].anchor}")
    comment = page.find(id=f"kommentar-{comments['merged_away'].id}")
    assert "Facebook brukes til nyheter" in comment.select_one(".written-on-text").get_text()
    assert page.select_one(".unit-revision h2").get_text(strip=True) == "Endret i versjon 2"


def test_every_version_stays_readable_and_says_which_it_is(revised, pages):
    consultation, units, _ = revised
    old = pages.get(f"{BASE}/versjoner/1")
    assert old.h1.get_text(strip=True) == "Versjon 1 av høringsdokumentet"
    assert "Dette er en tidligere versjon" in old.select_one(".version-notice").get_text()
    assert old.select_one(".version-notice").find("a", href=BASE)
    assert old.find(id=units["removed"].anchor)  # the removed list is still there
    assert old.find(id=units["removed"].anchor).find("a", href=f"{BASE}/versjoner/1/{units['removed'].anchor}")
    assert "Innspill: 1" in old.find(id=units["removed"].anchor).get_text()
    current = pages.get(f"{BASE}/versjoner/2")
    assert "gjeldende versjon" in current.select_one(".version-notice").get_text()
    assert current.find(id=units["removed"].anchor) is None
    assert current.find("a", href=f"{BASE}/versjoner/2/endringer")
    assert current.select_one(".version-list [aria-current=page]").get_text(strip=True) == "Versjon 2"
    # Comments that followed a merge count on the merged unit.
    assert "Innspill: 1" in current.find(id=units["merged"].anchor).get_text()


def test_an_old_version_s_unit_page_shows_what_was_written_on_it_and_links_to_its_successor(revised, pages):
    consultation, units, comments = revised
    page = pages.get(f"{BASE}/versjoner/1/{units['merged_away'].anchor}")
    assert page.find(id=f"kommentar-{comments['merged_away'].id}")
    fate = page.select_one(".version-fate")
    assert fate.find("a", href=f"{BASE}/{units['merged'].anchor}")
    assert page.select_one("main form") is None  # read-only: the discussion is on the current unit's page
    current = pages.get(f"{BASE}/versjoner/2/{units['edited'].anchor}")
    comment = current.find(id=f"kommentar-{comments['edited'].id}")
    assert "Skrevet til versjon 1" in comment.select_one(".written-on summary").get_text()


def test_an_anchor_only_an_earlier_version_has_leads_to_its_successor_or_to_that_version(revised, client, pages):
    _, units, comments = revised
    merged_away = client.get(f"{BASE}/{units['merged_away'].anchor}")
    assert merged_away.status_code == 302 and merged_away.location == f"{BASE}/{units['merged'].anchor}"
    removed = client.get(f"{BASE}/{units['removed'].anchor}")
    assert removed.status_code == 302 and removed.location == f"{BASE}/versjoner/1/{units['removed'].anchor}"
    # A comment's stable link still finds a comment on a removed paragraph.
    found = client.get(f"{BASE}/kommentarer/{comments['removed'].id}", follow_redirects=True)
    assert found.status_code == 200 and "åpent i helgene" in found.get_data(as_text=True)
    pages.get(f"{BASE}/aldri-brukt", status=404)
    # A comment sent to a removed paragraph is not redirected away: the 404 page shows its text again.
    sent = pages.post(f"{BASE}/{units['removed'].anchor}", {"author_name": "Kari", "text": "Mitt lange innspill."},
                      status=404)
    assert "Mitt lange innspill." in sent.get_text()


def test_the_short_address_leads_to_the_latest_version_s_changes(revised, client):
    consultation, _, _ = revised
    assert client.get(f"{BASE}/endringer").location == f"{BASE}/versjoner/2/endringer"
    revise(consultation, THIRD)
    assert client.get(f"{BASE}/endringer").location == f"{BASE}/versjoner/3/endringer"


@pytest.mark.parametrize("url", [
    "/versjoner/3", "/versjoner/0", "/versjoner/3/endringer", "/versjoner/1/finnes-ikke", "/versjoner/2/finnes-ikke",
])
def test_an_unknown_version_or_anchor_is_not_found(revised, pages, url):
    pages.get(BASE + url, status=404)


def test_a_consultation_not_yet_published_has_no_version_pages(app, pages):
    make_consultation(phase="draft")
    pages.get(f"{BASE}/versjoner/1", status=404)


def test_hidden_comments_are_neither_counted_nor_listed_on_version_pages(revised, pages):
    consultation, units, comments = revised
    comments["removed"].status = HIDDEN
    db.session.commit()
    page = pages.get(f"{BASE}/versjoner/2/endringer")
    assert "Ingen innspill ble skrevet" in page.find(id=f"endring-{units['removed'].anchor}").get_text()
    assert pages.get(f"{BASE}/versjoner/1/{units['removed'].anchor}").find(id=f"kommentar-{comments['removed'].id}") is None


def test_the_version_pages_take_as_many_queries_for_many_comments_as_for_few(revised, client):
    consultation, units, _ = revised
    client.application.config["PAGE_CACHE"] = False  # the queries of rendering, not of a cached copy
    urls = [f"{BASE}/{units['edited'].anchor}", f"{BASE}/versjoner/2/endringer", f"{BASE}/versjoner/1",
            f"{BASE}/versjoner/1/{units['removed'].anchor}", BASE]

    def counts():
        found = []
        for url in urls:
            db.session.expire_all()
            with counting_queries() as statements:
                assert client.get(url).status_code == 200
            found.append(len(statements))
        return found

    counts()  # the first page of a published version reads its outline; later pages keep it
    few = counts()
    for n in range(6):
        make_comment(consultation, units["edited"].anchor, text=f"Innspill {n}")
    assert counts() == few
