"""A caseworker corrects the analysis and signs the summary off, through the pages."""
import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup

from hoering.audit.models import AuditEntry
from hoering.casework.services import run_now
from hoering.extensions import db
from hoering.casework import review as services
from hoering.casework.models import AnalysisRun, Correction
from hoering.casework.views import CAMPAIGN_SENDERS_SHOWN
from hoering.summaries.models import SummaryVersion
from hoering.summaries.services import published_summary
from tests.factories import TOPICAL_COMMENTS, make_comment, make_consultation

ANALYSIS = "/admin/hoeringer/digital-dialog/analyse"


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 3):
        make_comment(consultation, None, text=f"{text} ({n})", stance="support" if n % 2 else "against")
    run_now(consultation)
    return consultation


def themes(consultation):
    return services.current_review(consultation).reviewed.themes


def run_id(consultation):
    return services.current_review(consultation).run.id


def test_the_caseworker_renames_a_theme_and_writes_an_assessment(consultation, client, auth, pages):
    auth.login_as("caseworker")
    theme = themes(consultation)[0]
    url = f"{ANALYSIS}/temaer/{theme['id']}"
    page = pages.get(url)
    assert page.select_one("h1").get_text() == f"Tema: {theme['label']}"
    response = client.post(f"{url}/navn", data={"run_id": run_id(consultation), "label": "Åpningstider i biblioteket"})
    assert response.status_code == 302
    assert response.location.endswith(f"{url}?endret=navn-og-vurdering#navn-og-vurdering")  # back where it was made
    client.post(f"{url}/vurdering", data={"run_id": run_id(consultation), "assessment": "Kommunen utvider åpningstidene."})
    renamed = themes(consultation)[0]
    assert renamed["label"] == "Åpningstider i biblioteket"
    assert renamed["assessment"] == "Kommunen utvider åpningstidene."
    analysis = pages.get(ANALYSIS).get_text()
    assert "Åpningstider i biblioteket" in analysis and "Kommunen utvider åpningstidene." in analysis
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert "summary.rename" in actions and "summary.assess" in actions


def test_an_empty_name_is_refused_with_the_form_shown_again(consultation, client, auth):
    auth.login_as("caseworker")
    theme = themes(consultation)[0]
    response = client.post(f"{ANALYSIS}/temaer/{theme['id']}/navn", data={"run_id": run_id(consultation), "label": "  "})
    assert response.status_code == 400
    assert "Skriv et navn på temaet." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Correction)) == 0


def test_a_form_from_before_a_re_run_is_refused(consultation, client, auth):
    auth.login_as("caseworker")
    theme, old_run = themes(consultation)[0], run_id(consultation)
    make_comment(consultation, None, text="Et nytt innspill om bussen til biblioteket og åpningstidene der.")
    run_now(consultation)
    response = client.post(f"{ANALYSIS}/temaer/{theme['id']}/navn", data={"run_id": old_run, "label": "Nytt navn"},
                           follow_redirects=True)
    assert "Analysen er kjørt på nytt" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Correction)) == 0


def test_merge_then_move_then_quotes(consultation, client, auth):
    auth.login_as("caseworker")
    first, second = themes(consultation)[:2]
    client.post(f"{ANALYSIS}/temaer/{first['id']}/slaa-sammen", data={"run_id": run_id(consultation), "other": second["id"]})
    merged = themes(consultation)[0]
    assert set(merged["comment_ids"]) == set(first["comment_ids"]) | set(second["comment_ids"])
    moved = merged["comment_ids"][0]
    target = themes(consultation)[1]
    client.post(f"{ANALYSIS}/temaer/{merged['id']}/utvalg", data={"run_id": run_id(consultation), "selected": [moved],
                                                                   "theme": target["id"], "action": "move"})
    assert moved in services.current_review(consultation).reviewed.theme(target["id"])["comment_ids"]

    theme = services.current_review(consultation).reviewed.theme(target["id"])
    for quote in theme["quotes"]:
        client.post(f"{ANALYSIS}/temaer/{theme['id']}/sitater/fjern",
                    data={"run_id": run_id(consultation), "comment_id": quote["comment_id"], "text": quote["text"]})
    from hoering.comments.models import Comment
    text = db.session.get(Comment, moved).text
    client.post(f"{ANALYSIS}/temaer/{theme['id']}/utvalg",
                data={"run_id": run_id(consultation), "selected": [moved], "text": text[:30], "action": "quote"})
    quotes = services.current_review(consultation).reviewed.theme(target["id"])["quotes"]
    assert quotes == [{"comment_id": moved, "text": text[:30].strip(), "stance": quotes[0]["stance"]}]


def test_a_quote_must_be_word_for_word(consultation, client, auth):
    auth.login_as("caseworker")
    theme = themes(consultation)[0]
    comment_id = theme["comment_ids"][0]
    response = client.post(f"{ANALYSIS}/temaer/{theme['id']}/utvalg", data={
        "run_id": run_id(consultation), "selected": [comment_id], "text": "Dette sa ingen.", "action": "quote"})
    # The caseworker stays on the theme's page, with the reason, what was typed and what was selected.
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.select_one("h1").get_text() == f"Tema: {theme['label']}"
    assert "nøyaktig slik det står" in page.select_one(".error-summary").get_text()
    assert page.select_one("input#text")["value"] == "Dette sa ingen."
    assert page.select_one(f"#velg-{comment_id}").has_attr("checked")
    assert services.current_review(consultation).reviewed.theme(theme["id"])["quotes"] == theme["quotes"]


def test_corrections_survive_a_re_run_of_the_same_comments(consultation, client, auth):
    auth.login_as("caseworker")
    first, second = themes(consultation)[:2]
    client.post(f"{ANALYSIS}/temaer/{first['id']}/navn", data={"run_id": run_id(consultation), "label": "Samlet tema"})
    client.post(f"{ANALYSIS}/temaer/{first['id']}/slaa-sammen", data={"run_id": run_id(consultation), "other": second["id"]})
    before = [(t["label"], t["comment_ids"]) for t in themes(consultation)]
    run_now(consultation)
    after = [(t["label"], t["comment_ids"]) for t in themes(consultation)]
    assert after == before and after[0][0] == "Samlet tema"


SIGN_OFF = "/admin/hoeringer/digital-dialog/oppsummering/godkjenn"
INTERIM = "Foreløpige funn til formannskapets møte 10. desember."


def mark_all_reviewed(client, consultation) -> None:
    """The caseworker marks every theme as gone through, on the analysis page's overview."""
    for theme in themes(consultation):
        client.post(f"{ANALYSIS}/temaer/{theme['id']}/gjennomgatt", data={"run_id": run_id(consultation)})


def sign_off_data(consultation, **changes) -> dict:
    """The preview's sign-off form: confirmed, and with a reason, since the consultation is still open."""
    return {"run_id": run_id(consultation), "confirm": "y", "interim_reason": INTERIM, **changes}


def test_sign_off_makes_versions_and_a_later_change_needs_a_new_one(consultation, client, auth):
    auth.login_as("caseworker")
    assert published_summary(consultation) is None
    mark_all_reviewed(client, consultation)
    client.post("/admin/hoeringer/digital-dialog/oppsummering/godkjenn", data=sign_off_data(consultation))
    first = published_summary(consultation)
    assert first.number == 1 and first.signed_off_by_name
    # Nothing changed: no new version.
    response = client.post("/admin/hoeringer/digital-dialog/oppsummering/godkjenn",
                           data=sign_off_data(consultation), follow_redirects=True)
    assert "ikke endret siden versjon 1" in response.get_data(as_text=True)
    theme = themes(consultation)[0]
    client.post(f"{ANALYSIS}/temaer/{theme['id']}/navn", data={"run_id": run_id(consultation), "label": "Endret"})
    assert published_summary(consultation).content["themes"][0]["label"] == theme["label"]
    client.post("/admin/hoeringer/digital-dialog/oppsummering/godkjenn", data=sign_off_data(consultation))
    assert published_summary(consultation).number == 2
    assert published_summary(consultation).content["themes"][0]["label"] == "Endret"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SummaryVersion)) == 2


def test_sign_off_is_refused_when_comments_changed_after_the_analysis(consultation, client, auth):
    auth.login_as("caseworker")
    make_comment(consultation, None, text="Kom etter analysen.")
    response = client.post("/admin/hoeringer/digital-dialog/oppsummering/godkjenn",
                           data=sign_off_data(consultation), follow_redirects=True)
    assert "Kjør analysen på nytt før du godkjenner" in response.get_data(as_text=True)
    assert published_summary(consultation) is None


def test_review_pages_are_for_caseworkers(consultation, client, auth):
    theme = themes(consultation)[0]
    auth.login_as("moderator")
    assert client.get(f"{ANALYSIS}/temaer/{theme['id']}").status_code == 403
    assert client.post(f"{ANALYSIS}/temaer/{theme['id']}/navn", data={"label": "x"}).status_code == 403


def test_unthemed_page_and_unknown_theme(consultation, client, auth, pages):
    auth.login_as("caseworker")
    assert pages.get(f"{ANALYSIS}/uten-tema").select_one("h1").get_text() == "Innspill uten tema"
    assert client.get(f"{ANALYSIS}/temaer/999").status_code == 404


def test_a_large_theme_is_read_a_page_at_a_time(app, client, auth, pages):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 30):
        make_comment(consultation, None, text=f"{text} ({n})")
    run_now(consultation)
    theme = max(themes(consultation), key=lambda t: t["count"])
    assert theme["count"] > services.THEME_PAGE_SIZE
    auth.login_as("caseworker")
    url = f"{ANALYSIS}/temaer/{theme['id']}"
    first = pages.get(url)
    assert len(first.select("li.review-comment")) == services.THEME_PAGE_SIZE
    next_page = first.select_one(".pagination a[rel=next]")["href"]
    second = pages.get(next_page)
    assert second.select_one(".pagination [aria-current=page]").get_text() == "2"
    assert len(second.select("li.review-comment")) == min(theme["count"] - services.THEME_PAGE_SIZE,
                                                                 services.THEME_PAGE_SIZE)


def test_sign_off_goes_through_a_preview_of_the_public_page_and_a_confirmation(consultation, client, auth, pages):
    auth.login_as("caseworker")
    analysis = pages.get(ANALYSIS)
    assert analysis.select_one(f"a[href='/admin/hoeringer/digital-dialog/oppsummering/forhandsvis']")
    preview = pages.get("/admin/hoeringer/digital-dialog/oppsummering/forhandsvis")
    assert "Forhåndsvisning" in preview.select_one(".preview-notice").get_text()
    assert preview.select_one("h1").get_text(strip=True) == "Oppsummering av innspillene"
    assert preview.select_one("#godkjenn form textarea[name=interim_reason]")
    assert published_summary(consultation) is None  # looking is not publishing
    mark_all_reviewed(client, consultation)
    response = client.post(SIGN_OFF, data=sign_off_data(consultation, confirm=""), follow_redirects=True)
    assert "Bekreft at du har sett over oppsummeringen" in response.get_data(as_text=True)
    assert published_summary(consultation) is None


def test_a_summary_published_before_the_deadline_needs_a_reason_and_says_it_is_interim(consultation, client, auth):
    auth.login_as("caseworker")
    mark_all_reviewed(client, consultation)
    response = client.post(SIGN_OFF, data=sign_off_data(consultation, interim_reason="  "), follow_redirects=True)
    assert "Høringen er fortsatt åpen" in response.get_data(as_text=True)
    assert published_summary(consultation) is None
    client.post(SIGN_OFF, data=sign_off_data(consultation))
    assert published_summary(consultation).interim_reason == INTERIM
    page = client.get("/hoeringer/digital-dialog/oppsummering").get_data(as_text=True)
    assert "Foreløpig oppsummering" in page and INTERIM in page


def test_a_signed_off_summary_can_be_withdrawn_with_a_reason_and_the_public_page_says_so(consultation, client, auth):
    auth.login_as("caseworker")
    mark_all_reviewed(client, consultation)
    client.post(SIGN_OFF, data=sign_off_data(consultation))
    refused = client.post("/admin/hoeringer/digital-dialog/oppsummering/trekk-tilbake", data={"reason": ""},
                          follow_redirects=True)
    assert "Skriv hvorfor oppsummeringen trekkes tilbake" in refused.get_data(as_text=True)
    assert not published_summary(consultation).is_withdrawn
    client.post("/admin/hoeringer/digital-dialog/oppsummering/trekk-tilbake",
                data={"reason": "Temaene om skolevei var slått sammen ved en feil."})
    version = published_summary(consultation)
    assert version.is_withdrawn and version.withdrawal_reason.startswith("Temaene om skolevei")
    public = client.get("/hoeringer/digital-dialog/oppsummering").get_data(as_text=True)
    assert "en ny versjon er under arbeid" in public and "Temaene om skolevei" in public
    assert client.get("/api/v1/consultations/digital-dialog").get_json()["summary_url"] is None
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["summary.sign_off", "summary.withdraw"]
    # The same content may be signed off again: the withdrawn version no longer stands.
    client.post(SIGN_OFF, data=sign_off_data(consultation))
    assert published_summary(consultation).number == 2 and not published_summary(consultation).is_withdrawn


def test_a_re_run_after_new_comments_keeps_the_reviewed_themes(consultation, client, auth, pages):
    auth.login_as("caseworker")
    first, second = themes(consultation)[:2]
    client.post(f"{ANALYSIS}/temaer/{first['id']}/navn", data={"run_id": run_id(consultation), "label": "Samlet tema"})
    client.post(f"{ANALYSIS}/temaer/{first['id']}/vurdering",
                data={"run_id": run_id(consultation), "assessment": "Kommunen svarer på dette i vår."})
    client.post(f"{ANALYSIS}/temaer/{first['id']}/slaa-sammen", data={"run_id": run_id(consultation), "other": second["id"]})
    before = {t["key"]: (t["label"], set(t["comment_ids"])) for t in themes(consultation)}
    for n, text in enumerate(TOPICAL_COMMENTS):
        make_comment(consultation, None, text=f"Nytt: {text} ({n})")
    run_now(consultation)
    after = {t["key"]: (t["label"], set(t["comment_ids"])) for t in themes(consultation)}
    assert {key: label for key, (label, _) in after.items()} == {key: label for key, (label, _) in before.items()}
    assert all(ids <= after[key][1] for key, (_, ids) in before.items())
    review = services.current_review(consultation)
    assert review.unplaced == [] and review.reviewed.theme(themes(consultation)[0]["id"])["assessment"]
    assert "passer ikke lenger" not in pages.get(ANALYSIS).get_text()


def test_finding_the_themes_afresh_is_the_caseworkers_choice(consultation, client, auth, pages, monkeypatch):
    auth.login_as("caseworker")
    assert pages.get(ANALYSIS).select_one("input[type=checkbox][name=recluster]") is not None
    monkeypatch.setattr("hoering.casework.views.dispatch", lambda app, run_id: None)
    runs = []
    for data in ({}, {"recluster": "y"}):
        client.post(ANALYSIS, data=data)
        run = db.session.scalar(sa.select(AnalysisRun).order_by(AnalysisRun.id.desc()))
        runs.append(run.recluster)
        run.status = "failed"  # let the next request start a run of its own
        db.session.commit()
    assert runs == [False, True]


ASSESSMENT = "Kommunen har vurdert innspillene.\n\nVi foreslår å utrede saken videre før vedtak."


@pytest.fixture
def unplaced(consultation):
    """Two corrections made for themes this analysis does not have (their comments are gone)."""
    corrections = [Correction(consultation_id=consultation.id, kind="assess", target=[900001, 900002],
                              text=ASSESSMENT, theme_label="Gammelt tema"),
                   Correction(consultation_id=consultation.id, kind="rename", target=[900003],
                              text="Nytt navn", theme_label="Borte")]
    db.session.add_all(corrections)
    db.session.commit()
    return corrections


def test_a_correction_that_no_longer_fits_is_listed_with_all_it_said(consultation, unplaced, client, auth, pages):
    auth.login_as("caseworker")
    page = pages.get(ANALYSIS)
    listed = page.select("article.unplaced-correction")
    assert len(listed) == 2
    text = listed[0].get_text()
    assert "Gammelt tema" in text and "Kommunen har vurdert innspillene." in text and "utrede saken videre" in text
    assert listed[0].select_one("select[name=theme]") and listed[0].select_one("input[name=confirm][required]")
    response = client.post(SIGN_OFF, data=sign_off_data(consultation), follow_redirects=True)
    assert "Plasser eller forkast dem før du godkjenner" in response.get_data(as_text=True)
    assert published_summary(consultation) is None


def test_an_unplaced_correction_is_placed_on_a_theme_or_discarded_when_confirmed(consultation, unplaced, client, auth):
    auth.login_as("caseworker")
    assessment, rename = unplaced
    theme = themes(consultation)[1]
    client.post(f"{ANALYSIS}/rettelser/{assessment.id}/plasser", data={"run_id": run_id(consultation), "theme": theme["id"]})
    review = services.current_review(consultation)
    assert review.reviewed.theme(theme["id"])["assessment"] == ASSESSMENT
    assert [c.id for c in review.unplaced] == [rename.id]
    response = client.post(f"{ANALYSIS}/rettelser/{rename.id}/forkast", data={"run_id": run_id(consultation)},
                           follow_redirects=True)
    assert "Kryss av for å bekrefte" in response.get_data(as_text=True)
    assert [c.id for c in services.current_review(consultation).unplaced] == [rename.id]
    client.post(f"{ANALYSIS}/rettelser/{rename.id}/forkast", data={"run_id": run_id(consultation), "confirm": "y"})
    assert services.current_review(consultation).unplaced == []
    assert db.session.get(Correction, rename.id).status == "discarded"
    assert db.session.get(Correction, assessment.id).text == ASSESSMENT
    entries = {e.action: e for e in db.session.scalars(sa.select(AuditEntry))}
    assert entries["summary.correction_placed"].before["text"] == ASSESSMENT
    assert entries["summary.correction_discarded"].before["text"] == "Nytt navn"
    mark_all_reviewed(client, consultation)
    client.post(SIGN_OFF, data=sign_off_data(consultation))
    assert published_summary(consultation).content["themes"][1]["assessment"] == ASSESSMENT


def test_sign_off_waits_until_every_theme_is_marked_as_gone_through_and_a_change_resets_the_mark(
        consultation, client, auth, pages):
    auth.login_as("caseworker")
    first, second = themes(consultation)[:2]
    overview = pages.get(ANALYSIS).select_one("table.theme-overview")
    assert len(overview.select("tbody tr")) == len(themes(consultation))
    assert "Ikke gjennomgått" in overview.get_text() and "Mangler" in overview.get_text()
    mark_all_reviewed(client, consultation)
    client.post(f"{ANALYSIS}/temaer/{second['id']}/gjennomgatt", data={"run_id": run_id(consultation), "gjennomgatt": "0"})
    response = client.post(SIGN_OFF, data=sign_off_data(consultation), follow_redirects=True)
    assert "Ikke gjennomgått: «" + second["label"] + "»" in response.get_data(as_text=True)
    assert published_summary(consultation) is None
    mark_all_reviewed(client, consultation)
    assert all(theme["reviewed"] for theme in themes(consultation))
    # Moving a comment changes both themes: they must be gone through again.
    moved = first["comment_ids"][0]
    client.post(f"{ANALYSIS}/temaer/{first['id']}/utvalg",
                data={"run_id": run_id(consultation), "selected": [moved], "theme": second["id"], "action": "move"})
    changed = {theme["id"]: theme["reviewed"] for theme in themes(consultation)}
    assert changed[first["id"]] is False and changed[second["id"]] is False
    mark_all_reviewed(client, consultation)
    client.post(SIGN_OFF, data=sign_off_data(consultation))
    assert published_summary(consultation).number == 1


def test_where_the_consultation_requires_it_every_theme_needs_an_assessment_before_sign_off(consultation, client, auth, pages):
    auth.login_as("caseworker")
    client.post("/admin/hoeringer/digital-dialog/oppsummering/krav-om-vurdering", data={"required": "y"})
    assert pages.get(ANALYSIS).select_one("input[name=required]").has_attr("checked")
    mark_all_reviewed(client, consultation)
    first, *others = themes(consultation)
    client.post(f"{ANALYSIS}/temaer/{first['id']}/vurdering", data={"run_id": run_id(consultation), "assessment": ASSESSMENT})
    response = client.post(SIGN_OFF, data=sign_off_data(consultation), follow_redirects=True)
    (refusal,) = [text for text in BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings
                  if "Mangler vurdering" in text]
    assert "«" + others[0]["label"] + "»" in refusal and "«" + first["label"] + "»" not in refusal
    assert published_summary(consultation) is None
    for theme in others:
        client.post(f"{ANALYSIS}/temaer/{theme['id']}/vurdering",
                    data={"run_id": run_id(consultation), "assessment": "Kommunen tar dette med seg."})
    client.post(SIGN_OFF, data=sign_off_data(consultation))
    assert published_summary(consultation).number == 1
    assert "summary.assessments_required" in db.session.scalars(sa.select(AuditEntry.action)).all()


def test_the_last_change_can_be_undone_from_the_page_it_was_made_on(consultation, client, auth, pages):
    auth.login_as("caseworker")
    theme = themes(consultation)[0]
    client.post(f"{ANALYSIS}/temaer/{theme['id']}/navn", data={"run_id": run_id(consultation), "label": "Feil navn"})
    page = pages.get(f"{ANALYSIS}/temaer/{theme['id']}")
    undo = page.select_one("form.undo-last")
    assert "nytt navn «Feil navn»" in " ".join(undo.get_text().split())
    response = client.post(undo["action"], data={"run_id": run_id(consultation), "tilbake_til_tema": theme["id"]})
    assert response.headers["Location"].endswith(f"/analyse/temaer/{theme['id']}")
    assert services.current_review(consultation).reviewed.theme(theme["id"])["label"] == theme["label"]
    correction = db.session.scalars(sa.select(Correction).order_by(Correction.id.desc())).first()
    assert correction.status == "undone" and correction.text == "Feil navn"  # the row stays
    assert db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id.desc())).first() == "summary.undo"
    # Only the newest change can be undone: an older one may carry later ones.
    client.post(f"{ANALYSIS}/temaer/{theme['id']}/navn", data={"run_id": run_id(consultation), "label": "Nytt"})
    client.post(f"{ANALYSIS}/temaer/{theme['id']}/vurdering", data={"run_id": run_id(consultation), "assessment": "A"})
    older = db.session.scalars(sa.select(Correction).where(Correction.kind == "rename").order_by(Correction.id.desc())).first()
    refused = client.post(f"{ANALYSIS}/rettelser/{older.id}/angre", data={"run_id": run_id(consultation)}, follow_redirects=True)
    assert "Bare den siste endringen din kan angres" in refused.get_data(as_text=True)


def test_selected_comments_are_moved_together_and_the_move_is_undone_together(consultation, client, auth, pages):
    auth.login_as("caseworker")
    source, target = themes(consultation)[:2]
    url = f"{ANALYSIS}/temaer/{source['id']}"
    page = pages.get(url)
    form = page.select_one("form.selection")
    # One form for the whole list: no form under each comment.
    assert len(page.select("li.review-comment form")) == 0 and form["action"].endswith("/utvalg#innspillene")  # a refusal opens at the list
    assert {o["value"] for o in form.select("select#theme option")} == {str(t["id"]) for t in themes(consultation)} - {
        str(source["id"])}
    chosen = source["comment_ids"][:3]
    response = client.post(f"{url}/utvalg", data={"run_id": run_id(consultation), "selected": chosen,
                                                  "theme": target["id"], "action": "move", "side": 1})
    assert response.location.endswith(f"{url}?side=1&endret=innspillene#innspillene")
    moved_to = services.current_review(consultation).reviewed.theme(target["id"])["comment_ids"]
    assert set(chosen) <= set(moved_to)
    batch = db.session.scalars(sa.select(Correction).where(Correction.kind == "move")).all()
    assert len(batch) == 3 and len({c.batch for c in batch}) == 1 and batch[0].batch
    # The page returns to the list, says what changed there, and offers to undo it all.
    back = pages.get(response.location)
    notice = back.select_one("#innspillene ~ .change-notice") or back.select_one(".change-notice")
    said = " ".join(notice.get_text().split())
    assert f"3 innspill er flyttet til «{target['label']}»" in said
    assert f"Siste endring: 3 innspill flyttet til «{target['label']}»" in said
    assert len(back.select("form.undo-last")) == 1  # once, beside the change, not also at the top
    undo = notice.select_one("form.undo-last")
    fields = {i["name"]: i["value"] for i in undo.select("input[type=hidden]")}
    undone = client.post(undo["action"], data=fields)
    assert undone.location.endswith(f"{url}?side=1&endret=innspillene#innspillene")
    assert set(services.current_review(consultation).reviewed.theme(source["id"])["comment_ids"]) == set(
        source["comment_ids"])
    assert {c.status for c in db.session.scalars(sa.select(Correction).where(Correction.kind == "move"))} == {"undone"}


def test_selected_comments_are_quoted_by_their_first_sentence(consultation, client, auth):
    from hoering.analysis.text import first_sentence
    from hoering.comments.models import Comment
    auth.login_as("caseworker")
    theme = themes(consultation)[0]
    chosen = [i for i in theme["comment_ids"] if i not in {q["comment_id"] for q in theme["quotes"]}][:2]
    url = f"{ANALYSIS}/temaer/{theme['id']}/utvalg"
    refused = client.post(url, data={"run_id": run_id(consultation), "selected": chosen, "text": "Noe", "action": "quote"})
    assert refused.status_code == 400 and "bare brukes når du har valgt ett innspill" in refused.get_data(as_text=True)
    client.post(url, data={"run_id": run_id(consultation), "selected": chosen, "action": "quote"})
    quotes = services.current_review(consultation).reviewed.theme(theme["id"])["quotes"]
    for comment_id in chosen:
        assert {"comment_id": comment_id, "text": first_sentence(db.session.get(Comment, comment_id).text)} in [
            {"comment_id": q["comment_id"], "text": q["text"]} for q in quotes]


def test_an_action_with_nothing_selected_says_so_and_changes_nothing(consultation, client, auth):
    auth.login_as("caseworker")
    source, target = themes(consultation)[:2]
    response = client.post(f"{ANALYSIS}/temaer/{source['id']}/utvalg",
                           data={"run_id": run_id(consultation), "theme": target["id"], "action": "move"})
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "Velg minst ett innspill først" in page.select_one(".error-summary").get_text()
    assert page.select_one(".error-summary a")["href"] == "#selected" and page.select_one("fieldset#selected")
    assert db.session.scalar(sa.select(sa.func.count(Correction.id))) == 0


def test_comments_in_no_theme_can_be_moved_into_one(app, client, auth, pages):
    consultation = make_consultation()
    for n, text in enumerate(TOPICAL_COMMENTS * 3):
        make_comment(consultation, None, text=f"{text} ({n})")
    make_comment(consultation, None, text="Ok.")
    run_now(consultation)
    review = services.current_review(consultation)
    assert review.reviewed.unthemed
    auth.login_as("caseworker")
    page = pages.get(f"{ANALYSIS}/uten-tema")
    assert page.select_one("form.selection")["action"].endswith("/uten-tema/utvalg#innspillene")
    assert not page.select("button[value=quote]")
    target = review.reviewed.themes[0]
    client.post(f"{ANALYSIS}/uten-tema/utvalg", data={"run_id": review.run.id, "selected": review.reviewed.unthemed,
                                                      "theme": target["id"], "action": "move"})
    after = services.current_review(consultation).reviewed
    assert not after.unthemed and set(review.reviewed.unthemed) <= set(after.theme(target["id"])["comment_ids"])


def test_a_campaign_links_to_its_first_senders_and_counts_the_rest(app, auth, pages):
    """A campaign may have tens of thousands of senders: the page links to the first few."""
    consultation = make_consultation()
    letter = "Vi krever at biblioteket holder åpent på søndager, slik det var før. Det betyr mye for familiene."
    senders = CAMPAIGN_SENDERS_SHOWN + 4
    for n in range(senders):
        make_comment(consultation, None, text=letter, author_name=f"Innbygger {n}")
    for text in TOPICAL_COMMENTS:
        make_comment(consultation, None, text=text)
    run_now(consultation)
    (campaign,) = services.current_review(consultation).reviewed.campaigns
    assert campaign["size"] == senders
    auth.login_as("caseworker")
    (listed,) = pages.get(ANALYSIS).select("article.campaign details ul")
    items = listed.select("li")
    first = campaign["comment_ids"][:CAMPAIGN_SENDERS_SHOWN]
    assert [a.get_text() for a in listed.select("a")] == [str(i) for i in first]
    assert items[-1].get_text() == "og 4 til" and len(items) == CAMPAIGN_SENDERS_SHOWN + 1
