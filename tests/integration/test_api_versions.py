"""The open-data API of a revised draft: every version, what changed in each unit and why, and each
version's Markdown source. Field names are a promise to outside users."""
import pytest

from hoering.extensions import db
from hoering.revisions import explanations, history, services
from hoering.revisions.explanations import Entry
from tests.factories import DRAFT, make_comment, make_consultation
from tests.integration.test_query_counts import counting_queries, draft_with
from tests.integration.test_revise_command import REVISED, unit_with

API = "/api/v1/consultations/digital-dialog"
SITE = "http://hoering.test/hoeringer/digital-dialog"
UNIT_FIELDS = {"number", "label", "path", "anchor", "kind", "text", "html", "comment_count", "url", "changed_in",
               "explanation"}
VERSION_FIELDS = {"number", "published_at", "url", "changes_url"}

# Version 3: the lead paragraph edited, and the last two paragraphs swapped, their texts as they were.
THIRD = REVISED.replace("ikke bare til dem.", "ikke bare til dem, og lytte til dem.").replace(
    "Kommunen vil også lage en egen side for ungdom.\n\n"
    "Nettsiden er hovedkanalen. Alt som publiseres i sosiale medier, skal også finnes der.\n",
    "Nettsiden er hovedkanalen. Alt som publiseres i sosiale medier, skal også finnes der.\n\n"
    "Kommunen vil også lage en egen side for ungdom.\n")

WHY_ALL = "Vi skriver «alle innbyggere», som innspillene foreslo."
WHY_LISTEN = "Flere ba kommunen lytte, ikke bare svare."


def revise(consultation, source: str):
    return services.publish(consultation, services.propose(consultation, source), None)


def explain(consultation, number: int, unit, text: str) -> None:
    explanations.explain(consultation, number, {f"u{unit.id}": Entry(text)}, None)


@pytest.fixture
def revised(app):
    """Digital dialog in three versions: 2 edits, merges, removes and adds paragraphs; 3 edits the lead
    paragraph and moves the website paragraph. The edits of "alle innbyggere" (2) and the lead (3)
    are explained."""
    consultation = make_consultation()
    assert THIRD != REVISED
    revise(consultation, REVISED)
    explain(consultation, 2, unit_with(2, "enklere for alle innbyggere"), WHY_ALL)
    revise(consultation, THIRD)
    explain(consultation, 3, unit_with(3, "og lytte til dem"), WHY_LISTEN)
    db.session.expire_all()
    return consultation


def by_text(units: list[dict]) -> dict[str, dict]:
    """The units by their first words, e.g. {"Strategien skal gjøre": {…}}."""
    return {" ".join(unit["text"].split()[:3]): unit for unit in units}


def test_the_detail_lists_every_version_oldest_first_with_its_pages(revised, client):
    body = client.get(API).get_json()
    assert body["version"] == 3
    assert [set(version) for version in body["versions"]] == [VERSION_FIELDS] * 3
    assert [(v["number"], v["url"], v["changes_url"]) for v in body["versions"]] == [
        (1, f"{SITE}/versjoner/1", None),
        (2, f"{SITE}/versjoner/2", f"{SITE}/versjoner/2/endringer"),
        (3, f"{SITE}/versjoner/3", f"{SITE}/versjoner/3/endringer")]
    published = [v["published_at"] for v in body["versions"]]
    assert all(moment.endswith("Z") and "." not in moment for moment in published)
    assert published == sorted(published)
    assert body["source_url"] == f"{SITE}/versjoner/3/kilde.md"
    for version in body["versions"]:  # every link answers
        assert client.get(version["url"]).status_code == 200
        if version["changes_url"]:
            assert client.get(version["changes_url"]).status_code == 200


def test_each_unit_says_which_version_last_changed_its_text_and_why(revised, client):
    units = client.get(API).get_json()["units"]
    assert all(set(unit) == UNIT_FIELDS for unit in units)
    shown = {words: (unit["changed_in"], unit["explanation"]) for words, unit in by_text(units).items()}
    assert shown == {
        "Kommunen vil bli": (3, WHY_LISTEN),
        "Formål": (1, None),
        "Strategien skal gjøre": (2, WHY_ALL),  # explained in version 2, as it still reads
        "Kommunen skal svare": (2, None),  # merged in version 2, unexplained
        "Kanaler": (1, None),
        "Nettsiden": (1, None),
        "Nettsiden er hovedkanalen.": (1, None),  # moved in version 3, its text the first version's
        "Kommunen vil også": (2, None),  # new in version 2, stayed in place in version 3
    }
    website = by_text(units)["Nettsiden er hovedkanalen."]
    assert website["url"] == f"{SITE}/{website['anchor']}"  # the current unit's discussion page


def test_the_batch_agrees_with_following_each_unit_back(revised):
    for number in (1, 2, 3):
        version = history.version_numbered(revised, number)
        units = history.units_of(version)
        batch = history.last_changes(version, units)
        for unit in units:
            change = history.last_change(unit)
            expected = (change.version.number, change.change.explanation and change.change.explanation.text) \
                if change else (1, None)
            assert (batch[unit.id].number, batch[unit.id].explanation) == expected, unit.text


def test_a_version_lists_its_own_units_as_they_read_then(revised, client):
    body = client.get(f"{API}/versions/2").get_json()
    assert VERSION_FIELDS | {"source_url", "units"} <= set(body)
    assert (body["number"], body["url"], body["changes_url"], body["source_url"]) == (
        2, f"{SITE}/versjoner/2", f"{SITE}/versjoner/2/endringer", f"{SITE}/versjoner/2/kilde.md")
    assert body["published_at"].endswith("Z")
    units = body["units"]
    assert all(set(unit) == UNIT_FIELDS for unit in units)
    assert [u["text"] for u in units] == [u.text for u in history.units_of(history.version_numbered(revised, 2))]
    shown = {words: (unit["changed_in"], unit["explanation"]) for words, unit in by_text(units).items()}
    assert shown["Kommunen vil bli"] == (1, None)  # version 3's edit is not version 2's
    assert shown["Strategien skal gjøre"] == (2, WHY_ALL)
    assert shown["Kommunen vil også"] == (2, None)
    lead = by_text(units)["Kommunen vil bli"]
    assert lead["url"] == f"{SITE}/versjoner/2/{lead['anchor']}"
    assert client.get(lead["url"]).status_code == 200
    assert (lead["number"], lead["label"], lead["path"], lead["kind"]) == ("0.1", "0.1", [], "paragraph")
    heading = by_text(units)["Formål"]
    assert (heading["kind"], heading["html"]) == ("heading", "")
    assert by_text(units)["Strategien skal gjøre"]["path"] == ["1 Formål"]


def test_the_first_version_has_no_changes_page_and_every_unit_is_its_own(revised, client):
    body = client.get(f"{API}/versions/1").get_json()
    assert (body["number"], body["changes_url"]) == (1, None)
    assert {(unit["changed_in"], unit["explanation"]) for unit in body["units"]} == {(1, None)}
    removed = next(unit for unit in body["units"] if "Kommentarfeltet er åpent" in unit["text"])  # gone since 2
    assert removed["url"] == f"{SITE}/versjoner/1/{removed['anchor']}"


def test_a_version_counts_the_comments_that_sat_on_its_units(app, client):
    consultation = make_consultation()
    make_comment(consultation, unit_with(1, "hovedkanalen").anchor, text="Nettsiden må bli bedre på mobil.")
    revise(consultation, REVISED)
    later = by_text(client.get(f"{API}/versions/2").get_json()["units"])
    first = by_text(client.get(f"{API}/versions/1").get_json()["units"])
    assert first["Nettsiden er hovedkanalen."]["comment_count"] == 1
    assert later["Nettsiden er hovedkanalen."]["comment_count"] == 1  # the comment followed the paragraph
    assert later["Kommunen vil også"]["comment_count"] == 0


@pytest.mark.parametrize("number", ["4", "0", "99999999999999999999", "abc", "-1"])
def test_an_unknown_version_gives_a_json_404(revised, client, number):
    response = client.get(f"{API}/versions/{number}")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_a_draft_consultations_versions_are_not_in_the_api(app, client):
    make_consultation("utkast", phase="draft")
    assert client.get("/api/v1/consultations/utkast/versions/1").status_code == 404
    assert client.get("/hoeringer/utkast/versjoner/1/kilde.md").status_code == 404


def test_each_versions_markdown_source_is_public(revised, client):
    first = client.get("/hoeringer/digital-dialog/versjoner/1/kilde.md")
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert first.get_data(as_text=True).strip() == DRAFT.strip()
    current = client.get(client.get(API).get_json()["source_url"])
    assert current.get_data(as_text=True) == history.version_numbered(revised, 3).source
    assert "og lytte til dem" in current.get_data(as_text=True)
    assert client.get("/hoeringer/digital-dialog/versjoner/4/kilde.md").status_code == 404


def revised_with(slug: str, sections: int) -> None:
    """A consultation of ``sections`` x 3 units, revised once: a paragraph edited (and explained), one
    moved to the next chapter, and one added."""
    draft = draft_with(sections)
    consultation = make_consultation(slug, draft=draft)
    revision = (draft.replace("tiltak 1.", "tiltak 1 raskere.").replace("Kommunen skal gjøre tiltak 2.\n\n", "")
                .replace("- punkt 3b", "- punkt 3b\n\nKommunen skal gjøre tiltak 2.")
                + "\n\nKommunen vil også lage en egen side for ungdom.")
    revise(consultation, revision)
    edited = next(unit for unit in history.units_of(consultation.current_version) if "raskere" in unit.text)
    explain(consultation, 2, edited, "Innspillene ba om det.")


def test_the_apis_queries_do_not_grow_with_the_units(app, client):
    counts = {}
    for slug, sections in (("liten", 3), ("stor", 40)):
        revised_with(slug, sections)
        for url in (f"/api/v1/consultations/{slug}", f"/api/v1/consultations/{slug}/versions/2",
                    f"/api/v1/consultations/{slug}/versions/1"):
            db.session.expire_all()
            with counting_queries() as statements:
                assert client.get(url).status_code == 200
            counts.setdefault(slug, []).append(len(statements))
    assert counts["liten"] == counts["stor"]
    units = {unit["text"]: unit for unit in client.get("/api/v1/consultations/stor").get_json()["units"]}
    assert (units["Kommunen skal gjøre tiltak 1 raskere."]["changed_in"],
            units["Kommunen skal gjøre tiltak 1 raskere."]["explanation"]) == (2, "Innspillene ba om det.")
    assert units["Kommunen skal gjøre tiltak 2."]["changed_in"] == 1  # moved, not changed
    assert units["Kommunen skal gjøre tiltak 40."]["changed_in"] == 1
