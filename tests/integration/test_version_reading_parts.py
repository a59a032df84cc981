"""A long revised draft's old version is read a part at a time, as the current draft is
(consultations.reading), and its changes page a page of changes at a time: no public page over
300 KB of HTML (bench/drafts.py)."""
import pytest
import sqlalchemy as sa

from hoering.consultations.models import DraftVersion, Unit
from hoering.extensions import db
from hoering.revisions.history import CHANGES_PER_PAGE, changes_in
from hoering.revisions.services import propose, publish
from tests.factories import make_consultation
from tests.unit.revisions.revision_corpus import generate_revision

SLUG = "digital-dialog"
BASE = f"/hoeringer/{SLUG}"
MAX_PAGE_BYTES = 300 * 1024


def markdown(blocks) -> str:
    """The generated draft as a planner uploads it (as bench/revisions.py writes it)."""
    return "\n\n".join(("## " if b.text.startswith("§ ") else "# ") + b.text if b.kind == "heading" else b.text
                       for b in blocks) + "\n"


@pytest.fixture
def long_revised(app):
    """A draft of 1,000 units (about 300 KB) revised once, changing more than 200 of them."""
    revision = generate_revision(units=1000, seed=3, long_paragraphs=True)
    consultation = make_consultation(draft=markdown(revision.old))
    publish(consultation, propose(consultation, markdown(revision.new)), None)
    return consultation


def anchors_of(consultation, number: int) -> list[str]:
    return list(db.session.scalars(
        sa.select(Unit.anchor).join(DraftVersion, DraftVersion.id == Unit.version_id)
        .where(DraftVersion.consultation_id == consultation.id, DraftVersion.number == number)
        .order_by(Unit.position)))


def read_part(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert len(response.data) < MAX_PAGE_BYTES, (url, len(response.data))
    return response


def test_an_old_version_is_read_in_parts_that_hold_every_unit_once(long_revised, client, pages):
    anchors = anchors_of(long_revised, 1)
    read_part(client, f"{BASE}/versjoner/1")
    url, seen, parts = f"{BASE}/versjoner/1", [], 0
    while url:
        read_part(client, url)
        page = pages.get(url)
        parts += 1
        draft = page.select_one("section.version-draft")
        seen += [unit["id"] for unit in draft.find_all("div", id=True, recursive=False)]
        assert f"(del {parts} av" in draft.h2.get_text()
        pager = draft.select_one("nav.reading-pager")
        assert (pager.select_one("a[rel=prev]") is None) == (parts == 1)
        following = pager.select_one("a[rel=next]")
        url = following["href"] if following else None
        if url:
            assert url.startswith(f"{BASE}/versjoner/1/dokument/")
    assert parts > 2
    assert f"(del {parts} av {parts})" in draft.h2.get_text()
    assert seen == anchors  # every unit once, in document order
    # A unit's own page is linked as before.
    assert draft.find("a", href=f"{BASE}/versjoner/1/{seen[-1]}")


def test_any_unit_s_anchor_leads_to_the_part_it_is_on(long_revised, client, pages):
    anchors = anchors_of(long_revised, 1)
    second = pages.get(f"{BASE}/versjoner/1").select_one("nav.reading-pager a[rel=next]")["href"]
    first_of_second = second.rsplit("/", 1)[1]
    inside = anchors[anchors.index(first_of_second) + 1]
    response = client.get(f"{BASE}/versjoner/1/dokument/{inside}")
    assert response.status_code == 302 and response.location == f"{second}#{inside}"
    # The contents lead to the parts.
    contents = [a["href"] for a in pages.get(f"{BASE}/versjoner/1").select("nav.contents a")]
    assert any(href.startswith(f"{BASE}/versjoner/1/dokument/") and "#" in href for href in contents)
    # The first part's units (its first one too) are on the version's own page.
    for anchor in (anchors[0], anchors[1]):
        response = client.get(f"{BASE}/versjoner/1/dokument/{anchor}")
        assert response.status_code == 302 and response.location == f"{BASE}/versjoner/1#{anchor}"


def test_an_anchor_not_in_the_version_is_not_found(long_revised, pages):
    only_in_2 = next(a for a in anchors_of(long_revised, 2) if a not in set(anchors_of(long_revised, 1)))
    for url in ["/versjoner/1/dokument/finnes-ikke", f"/versjoner/1/dokument/{only_in_2}",
                f"/versjoner/3/dokument/{anchors_of(long_revised, 1)[0]}"]:
        pages.get(BASE + url, status=404)


def test_the_changes_page_shows_200_changes_a_page_with_the_whole_version_s_counts(long_revised, client, pages):
    total = len(changes_in(long_revised, 2).changes)
    assert CHANGES_PER_PAGE == 200 and total > CHANGES_PER_PAGE
    pages_needed = -(-total // CHANGES_PER_PAGE)
    url = f"{BASE}/versjoner/2/endringer"
    first = pages.get(url)
    read_part(client, url)
    counts = [li.get_text(strip=True) for li in first.select(".change-counts li")]
    assert sum(int(c.rsplit(":", 1)[1]) for c in counts) == total
    assert len(first.select("section.change")) == CHANGES_PER_PAGE
    assert first.select_one(".pagination a[rel=next]")["href"] == f"{url}?side=2"
    assert f"(side 1 av {pages_needed})" in first.find(id="endringene").get_text()
    listed = [s["id"] for s in first.select("section.change")]
    for n in range(2, pages_needed + 1):
        page = pages.get(f"{url}?side={n}")
        read_part(client, f"{url}?side={n}")
        assert [li.get_text(strip=True) for li in page.select(".change-counts li")] == counts
        assert page.select_one(".pagination [aria-current=page]").get_text(strip=True) == str(n)
        listed += [s["id"] for s in page.select("section.change")]
    assert len(listed) == len(set(listed)) == total
    # Out of range is the nearest page, as the comment pages do; not a number is the first.
    assert pages.get(f"{url}?side=99").select_one(".pagination [aria-current=page]").get_text() == str(pages_needed)
    assert pages.get(f"{url}?side=abc").select_one(".pagination [aria-current=page]").get_text() == "1"


def test_a_change_s_address_leads_to_the_page_that_lists_it(long_revised, client, pages):
    changes = changes_in(long_revised, 2).changes
    url = f"{BASE}/versjoner/2/endringer"
    late, early = changes[CHANGES_PER_PAGE].anchor, changes[0].anchor
    response = client.get(f"{url}?endring={late}")
    assert response.status_code == 302 and response.location == f"{url}?side=2#endring-{late}"
    assert client.get(f"{url}?endring={early}").location == f"{url}#endring-{early}"
    pages.get(f"{url}?endring=finnes-ikke", status=404)
