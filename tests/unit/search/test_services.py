"""Searching on the suite's database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): who finds
what, best first, and that the index follows every change to a comment."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from hoering.comments import receipts
from hoering.comments.models import HIDDEN, PENDING, WITHDRAWN
from hoering.consultations.models import DRAFT
from hoering.extensions import db
from hoering.responses.models import HELD, FormalResponse
from hoering.search import services
from tests.factories import make_comment, make_consultation
from tests.fixtures.search_queries import NASTY_QUERIES


def _ids(page):
    return [hit.id for hit in page.hits]


def test_words_match_their_inflections(app):
    consultation = make_consultation()
    skolene = make_comment(consultation, text="Skolene i sentrum trenger nye lekeplasser.")
    skole = make_comment(consultation, text="Skolen på Hauge er for liten.")
    make_comment(consultation, text="Parken må ryddes.")
    assert set(_ids(services.search_public("skoler").comments)) == {skolene.id, skole.id}
    assert set(_ids(services.search_public("lekeplass").comments)) == {skolene.id}


def test_the_best_match_comes_first(app):
    consultation = make_consultation()
    once = make_comment(consultation, text="Brøyting er viktig, men også mye annet i denne lange teksten om "
                                           "veier, fortau, parkering, belysning og gatelys.")
    often = make_comment(consultation, text="Brøyting, brøyting og atter brøyting.")
    assert _ids(services.search_public("brøyting").comments) == [often.id, once.id]


def test_every_word_must_be_found_and_a_phrase_in_order(app):
    consultation = make_consultation()
    both = make_comment(consultation, text="Trygg skolevei for alle barn.")
    make_comment(consultation, text="Skolevei uten fortau er ikke trygg.")
    assert len(services.search_public("trygg skolevei").comments.hits) == 2
    assert _ids(services.search_public('"trygg skolevei"').comments) == [both.id]


def test_citizens_never_find_held_hidden_or_withdrawn_comments_nor_a_draft_consultation(app):
    consultation = make_consultation()
    found = make_comment(consultation, text="Fotballbanen trenger kunstgress.")
    for status in (PENDING, HIDDEN, WITHDRAWN):
        make_comment(consultation, text="Fotballbanen er for liten.").status = status
    draft = make_consultation("utkast", title="Fotballbanen i utkast")
    make_comment(draft, text="Fotballbanen er gammel.")
    draft.phase = DRAFT  # a consultation back in draft (no page shows it): nothing of it is found
    db.session.commit()
    results = services.search_public("fotballbanen")
    assert _ids(results.comments) == [found.id]
    assert [hit.consultation.slug for hit in results.consultations] == []
    staff = services.search_staff("fotballbanen")
    assert len(staff.comments.hits) == 5
    assert {hit.status for hit in staff.comments.hits} == {"published", PENDING, HIDDEN, WITHDRAWN}


def test_the_municipalitys_answers_are_found_like_published_comments(app):
    consultation = make_consultation()
    question = make_comment(consultation, text="Når kommer gatelysene?")
    answer = make_comment(consultation, text="Gatelysene kommer i mars.", parent_id=question.id)
    answer.official = True
    db.session.commit()
    hits = services.search_public("gatelysene").comments.hits
    assert {hit.id: hit.official for hit in hits} == {question.id: False, answer.id: True}


def test_an_edited_comment_is_found_by_its_new_words_not_its_old(app):
    consultation = make_consultation()
    comment = make_comment(consultation, text="Bussen går for sjelden.", email="kari@example.no")
    receipts.edit(comment, consultation, "Toget går for sjelden.", None)
    assert _ids(services.search_public("toget").comments) == [comment.id]
    assert _ids(services.search_public("bussen").comments) == []


def test_a_withdrawn_comment_disappears_for_citizens(app):
    consultation = make_consultation()
    comment = make_comment(consultation, text="Svømmehallen må pusses opp.", email="kari@example.no")
    receipts.withdraw(comment, consultation)
    assert _ids(services.search_public("svømmehallen").comments) == []
    assert _ids(services.search_staff("svømmehallen").comments) == [comment.id]


def test_a_deleted_comment_leaves_the_index(app):
    consultation = make_consultation()
    comment = make_comment(consultation, text="Biblioteket bør ha lengre åpningstider.")
    db.session.delete(comment)
    db.session.commit()
    assert _ids(services.search_staff("biblioteket").comments) == []


def test_consultations_are_found_by_title_and_summary_title_first(app):
    in_title = make_consultation("badeplass", title="Ny badeplass ved fjorden", summary="Om sommeren.")
    in_summary = make_consultation("park", title="Parkplan", summary="Planen omfatter også en badeplass.")
    hits = services.search_public("badeplass").consultations
    assert [hit.consultation.id for hit in hits] == [in_title.id, in_summary.id]
    assert str(hits[0].title) == "Ny <mark>badeplass</mark> ved fjorden"


def test_within_one_consultation(app):
    here = make_consultation()
    there = make_consultation("annen")
    mine = make_comment(here, text="Sykkelveien er for smal.")
    make_comment(there, text="Sykkelveien er fin.")
    results = services.search_public("sykkelveien", here)
    assert _ids(results.comments) == [mine.id]
    assert results.consultations == []


def test_staff_find_formal_responses_held_ones_too_by_body_and_text(app):
    consultation = make_consultation()
    for n, (name, text, status) in enumerate([("Statens vegvesen", "Vegvesenet har ingen merknader til trafikken.",
                                               "published"),
                                              ("Naboforeningen", "Trafikken i boligområdet øker.", HELD)]):
        db.session.add(FormalResponse(consultation_id=consultation.id, reference=f"HS-{n}", channel="form",
                                      body_name=name, category="organisasjon", contact_name="Nina",
                                      contact_email="nina@example.no", text=text, status=status))
    db.session.commit()
    hits = services.search_staff("trafikken").responses
    assert {hit.status for hit in hits} == {"published", HELD}
    assert [str(hit.name) for hit in services.search_staff("naboforeningen").responses] == ["<mark>Naboforeningen</mark>"]
    assert services.search_public("trafikken").responses == []


def test_results_are_paged_and_counted(app):
    consultation = make_consultation()
    for n in range(services.PER_PAGE + 3):
        make_comment(consultation, text=f"Gatelys nummer {n} er mørkt.")
    first = services.search_public("gatelys")
    assert (first.comments.total, first.comments.pages, len(first.comments.hits)) == (23, 2, 20)
    second = services.search_public("gatelys", page=2)
    assert (second.comments.number, len(second.comments.hits), second.consultations) == (2, 3, [])
    assert not set(_ids(first.comments)) & set(_ids(second.comments))
    assert services.search_public("gatelys", page=99).comments.number == 2


def test_the_api_filter_keeps_id_order_and_the_cursor(app):
    consultation = make_consultation()
    ids = [make_comment(consultation, text=text).id
           for text in ("Fergen er full.", "Bussen er full.", "Fergen er sen.", "Fergene er gamle.")]
    assert [c.id for c in services.published_comments_after(consultation, 0, 10, "ferge")] == [ids[0], ids[2], ids[3]]
    assert [c.id for c in services.published_comments_after(consultation, ids[0], 1, "ferge")] == [ids[2]]


@pytest.mark.parametrize("q", NASTY_QUERIES)
def test_no_input_breaks_a_search(app, q):
    consultation = make_consultation()
    make_comment(consultation, text="Skole og vei.")
    services.search_public(q)
    services.search_public(q, consultation, page=2)
    services.search_staff(q)
    services.published_comments_after(consultation, 0, 10, q)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_no_generated_input_breaks_a_search(app, q):
    services.search_public(q)
    services.search_staff(q)
