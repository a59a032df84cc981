"""What the memo says, gathered from the database: counts per section that agree with the appendix,
quotes placed in their section, the signed-off summary preferred, and hidden comments never quoted."""
from __future__ import annotations

from dataclasses import astuple
from datetime import datetime
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from hoering import markup
from hoering.comments.models import Comment
from hoering.consultations.models import Unit
from hoering.consultations.services import current_units
from hoering.exports.memo_data import appendix_entries, group_sections, memo_for
from hoering.extensions import db
from hoering.presentation import excerpt
from tests.factories import make_comment, make_consultation

FACEBOOK = "facebook-brukes-til-nyheter-arrangementer-og"


def unit(number: str, anchor: str, kind: str = "paragraph", text: str = "Tekst") -> Unit:
    return Unit(number=number, anchor=anchor, kind=kind, level=1, position=0, text=text, html="")


def stances(**counts) -> dict:
    return {"support": 0, "against": 0, "neutral": 0, "suggestion": 0, "not_stated": 0, **counts}


def test_units_are_grouped_by_top_level_section_with_their_counts_and_quotes():
    units = [unit("0.1", "innledning"), unit("1", "formal", "heading", "Formål"), unit("1.1", "strategien"),
             unit("2", "kanaler", "heading", "Kanaler"), unit("2.1", "facebook", "heading", "Facebook"),
             unit("2.1.1", "facebook-brukes")]
    counts = {"strategien": stances(support=2), "facebook-brukes": stances(against=1, not_stated=2),
              None: stances(neutral=4), "fjernet-avsnitt": stances(support=3)}
    quotes = [{"comment_id": 7, "text": "Bra!", "stance": "support", "unit": "1.1"},
              {"comment_id": 9, "text": "Hele greia", "stance": "", "unit": ""}]
    whole, sections, removed = group_sections(units, counts, quotes, {7: "strategien", 9: None})
    assert [(s.number, s.title, s.comments) for s in sections] == [("0", "", 0), ("1", "Formål", 2), ("2", "Kanaler", 3)]
    assert [(line.number, line.comments) for line in sections[2].units] == [("2.1.1", 3)]
    assert [q.comment_id for q in sections[1].quotes] == [7] and not sections[2].quotes
    assert whole.comments == 4 and [q.comment_id for q in whole.quotes] == [9]
    assert removed == 3


@pytest.mark.parametrize("text, expected", [
    ("Kort **tekst** med _vekt_.", "Kort tekst med vekt."),
    ("- Kommentarfeltet er åpent på hverdager.\n- Innlegg skjules.", "Kommentarfeltet er åpent på hverdager. Innlegg skjules."),
    ("Ord " * 40, ("Ord " * 20).strip() + " …"),
])
def test_an_excerpt_is_plain_and_short(text, expected):
    assert excerpt(text) == expected


@pytest.fixture
def consultation(app):
    consultation = make_consultation()
    first = make_comment(consultation, FACEBOOK, text="Kommentarfeltet bør være åpent hele uka, også i helgene.",
                         author_name="Åse Ødegård", organisation="Blåbær velforening", stance="suggestion",
                         email="ase@example.no")
    make_comment(consultation, FACEBOOK, text="Enig med Åse.", parent_id=first.id, author_name="Per Ås",
                 stance="support")
    make_comment(consultation, None, text="Hele strategien er for vag.", author_name="åse ødegård", stance="against")
    hidden = make_comment(consultation, "formal", text="Dette er et stygt innspill.", author_name="Troll")
    hidden.status = "hidden"
    db.session.commit()
    return consultation


def summary_quoting(*comments) -> dict:
    quotes = [{"comment_id": c.id, "text": c.text[:20], "stance": c.stance or ""} for c in comments]
    theme = {"key": "0", "label": "Kommentarfelt", "keywords": ["kommentarfelt"], "count": len(comments),
             "share": 1.0, "stance": stances(), "assessment": "", "quotes": quotes,
             "comment_ids": [c.id for c in comments]}
    return {"run_id": 1, "analysed_at": "2026-11-20T10:00:00", "comments": 3, "people": 2, "organisations": 1,
            "organisation_comments": 1, "individual_comments": 2, "stance": stances(), "campaigns": [],
            "themes": [theme], "units": []}


def test_the_memo_counts_published_comments_and_quotes_only_published_ones(consultation, monkeypatch):
    every = db.session.scalars(sa.select(Comment).order_by(Comment.id)).all()
    reviewing(monkeypatch, summary_quoting(every[0], every[3]))
    memo = memo_for(consultation, "nb")
    assert (memo.participation.comments, memo.participation.replies) == (3, 1)
    assert (memo.participation.people, memo.participation.organisations) == (2, 1)  # Åse counted once
    assert memo.participation.stance == stances(support=1, against=1, suggestion=1)
    assert memo.whole_document.comments == 1
    kanaler = next(s for s in memo.sections if s.number == "2")
    assert kanaler.title == "Kanaler"
    assert kanaler.comments == 2 and [line.number for line in kanaler.units] == ["2.1.1"]
    assert [q.comment_id for q in kanaler.quotes] == [every[0].id]
    assert [q["comment_id"] for q in memo.summary["themes"][0]["quotes"]] == [every[0].id]  # the hidden one is gone
    assert memo.summary["themes"][0]["quotes"][0]["unit"] == "2.1.1"
    assert memo.sign_off is None


def test_a_quote_of_a_comment_redacted_since_is_left_out(consultation, monkeypatch):
    every = db.session.scalars(sa.select(Comment).order_by(Comment.id)).all()
    reviewing(monkeypatch, summary_quoting(every[0]))
    every[0].text = "[fjernet] " + every[0].text[10:]
    db.session.commit()
    memo = memo_for(consultation, "nb")
    assert memo.summary["themes"][0]["quotes"] == []
    assert not any(section.quotes for section in memo.sections)


class Version:
    number, signed_off_at, signed_off_by_name = 2, datetime(2026, 11, 24), "Siri Saksbehandler"
    content = summary_quoting()


def reviewing(monkeypatch, content: dict, published=None, changed: bool = True) -> None:
    """The summary under review as the memo reads it (hoering.casework.review.current_review)."""
    review = SimpleNamespace(content=content, published=published, changed_since_sign_off=changed)
    monkeypatch.setattr("hoering.exports.memo_data.current_review", lambda c: review)


def test_a_summary_unchanged_since_its_sign_off_names_the_version(consultation, monkeypatch):
    reviewing(monkeypatch, summary_quoting(), published=Version, changed=False)
    memo = memo_for(consultation, "nb")
    assert memo.sign_off.number == 2 and memo.sign_off.signed_off_by == "Siri Saksbehandler"


def test_a_summary_corrected_after_its_sign_off_is_a_draft_with_the_corrections(consultation, monkeypatch):
    corrected = summary_quoting()
    corrected["themes"][0]["assessment"] = "Skrevet etter godkjenningen."
    reviewing(monkeypatch, corrected, published=Version, changed=True)
    memo = memo_for(consultation, "nb")
    assert memo.sign_off is None
    assert memo.summary["themes"][0]["assessment"] == "Skrevet etter godkjenningen."


def test_the_appendix_has_every_published_comment_in_order_and_no_e_mail(consultation):
    entries = list(appendix_entries(consultation))
    assert [e.author for e in entries] == ["Åse Ødegård", "Per Ås", "åse ødegård"]
    numbers = {u.anchor: u.number for u in current_units(consultation)}
    assert entries[0].unit == numbers[FACEBOOK] and entries[2].unit == ""
    assert entries[1].parent_id == entries[0].id
    assert not any("ase@example.no" in str(value) for entry in entries for value in astuple(entry))


def test_unit_excerpts_and_section_titles_are_plain_text_not_markdown(app):
    table = "| Kanal | Svartid |\n|---|---|\n| [Facebook](https://facebook.com) | **to** dager |"
    units = [unit("1", "kanaler", "heading", "Kanaler og **svartid**"),
             Unit(number="1.1", anchor="tabell", kind="paragraph", level=2, position=1, text=table,
                  html=markup.render(table, markup.DRAFT))]
    _, sections, _ = group_sections(units, {"tabell": stances(support=1)}, [], {})
    assert sections[0].title == "Kanaler og svartid"
    assert sections[0].units[0].excerpt == "Kanal Svartid Facebook to dager"


def test_theme_and_campaign_sizes_count_the_comments_published_now(consultation, monkeypatch):
    every = db.session.scalars(sa.select(Comment).order_by(Comment.id)).all()
    summary = summary_quoting(*every)  # the analysis saw all four; one is hidden now
    summary["themes"][0]["count"] = 4
    summary["campaigns"] = [{"id": 1, "size": 2, "text": "", "comment_ids": [every[0].id, every[3].id]}]
    reviewing(monkeypatch, summary)
    memo = memo_for(consultation, "nb")
    theme = memo.summary["themes"][0]
    assert theme["count"] == 3 and theme["share"] == 1.0
    assert theme["stance"] == stances(support=1, against=1, suggestion=1)
    assert memo.summary["campaigns"][0]["size"] == 1


def test_the_memo_knows_the_consultation_s_state_and_the_open_fields_option(consultation):
    assert (memo_for(consultation, "nb").status, memo_for(consultation, "nb").open_fields) == ("open", False)
    assert memo_for(consultation, "nb", open_fields=True).open_fields
