"""A revised draft's public pages in Chromium (issue 16): the changes page, an earlier version, an earlier
version's paragraph and a paragraph whose comments were written on an earlier version have no axe
violations in any language, read without colour, and fit a 360 px phone."""
from __future__ import annotations

from datetime import timedelta

import pytest

from hoering.clock import utcnow
from hoering.consultations.services import create_consultation
from hoering.extensions import db
from tests.browser.checks import PHONE, assert_accessible, assert_fits
from tests.factories import DRAFT, make_comment
from tests.unit.revisions.test_history import EDITED_WORDS, MERGED_AWAY_WORDS, REMOVED_WORDS, revise, unit_with

pytestmark = pytest.mark.browser

SLUG = "revidert-strategi"
LANGUAGES = ["nb", "nn", "en"]


@pytest.fixture(scope="module")
def revised(live_server) -> dict:
    """A consultation of its own in the live server's database, revised once, with comments written
    on version 1 and explanations (one with a long address, which must wrap on a phone)."""
    with live_server.app_context():
        consultation = create_consultation(
            slug=SLUG, title="Strategi for digital dialog, revidert", organisation="Fjordvik kommune",
            opens_at=utcnow() - timedelta(days=5), closes_at=utcnow() + timedelta(days=20), draft=DRAFT)
        db.session.commit()
        edited, removed, merged_away = (unit_with(consultation, 1, words)
                                        for words in (EDITED_WORDS, REMOVED_WORDS, MERGED_AWAY_WORDS))
        anchors = {"edited": edited.anchor, "removed": removed.anchor}
        cited = make_comment(consultation, edited.anchor, text="Husk dem som ikke bruker nett.", author_name="Kari")
        make_comment(consultation, removed.anchor, text="Kommentarfeltet må være åpent i helgene.", author_name="Per")
        make_comment(consultation, merged_away.anchor, text="Facebook er ikke for alle.", author_name="Ali",
                     organisation="Fjordvik pensjonistlag", stance="against")
        revise(consultation, explanations={
            EDITED_WORDS: ("Flere innspill ba oss skrive «alle innbyggere». Se "
                           "https://www.fjordvik.kommune.no/politikk/horinger/digital-dialog/endringer-i-versjon-2",
                           [cited.id]),
            "-" + REMOVED_WORDS: "Reglene for kommentarfeltet flyttes til retningslinjene for sosiale medier.",
        })
    return anchors


def paths(anchors: dict) -> list[str]:
    base = f"/hoeringer/{SLUG}"
    return [
        f"{base}/versjoner/2/endringer",
        f"{base}/versjoner/1",
        f"{base}/versjoner/1/{anchors['removed']}",
        f"{base}/{anchors['edited']}",
        base,
    ]


def open_every_details(page) -> None:
    """Scan what is folded away too: the diff, the old text and the listed comments."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_version_pages_have_no_axe_violations(scan_context, revised, language):
    page = scan_context(language).new_page()
    failures = []
    for path in paths(revised):
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_attribute("html", "lang") == language, path
        open_every_details(page)
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


def test_the_diff_reads_without_colour(scan_context, revised):
    """Deleted words are struck through and added ones underlined; both are named for screen readers."""
    page = scan_context("nb").new_page()
    page.goto(f"/hoeringer/{SLUG}/versjoner/2/endringer")
    styles = page.evaluate("""() => ['del', 'ins'].map(tag => {
        const e = document.querySelector('.diff ' + tag);
        return [getComputedStyle(e).textDecorationLine, e.querySelector('.visually-hidden').textContent];
    })""")
    assert styles == [["line-through", "Slettet: "], ["underline", "Lagt til: "]]


def test_version_pages_fit_a_360_px_phone(browser, base_url, revised):
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page = context.new_page()
    failures = []
    for path in paths(revised):
        page.goto(path)
        open_every_details(page)
        try:
            assert_fits(page)
        except AssertionError as error:
            failures.append(str(error))
    context.close()
    assert not failures, "\n".join(failures)
