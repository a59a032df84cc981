"""The caseworker's review of the analysis: the corrections (hoering.casework.sign_off signs it off).

Machines suggest; people decide. The newest analysis result with every correction replayed onto it
is the *current* summary; signing it off freezes a numbered version, and only a signed-off version
is public. A correction is refused with a reason (SummaryRejected) when it names a theme, quote or
comment that is not there, or when the analysis was run again since the form was shown.

A correction that no longer fits the analysis (its theme is gone) is *unplaced*: the review lists it
with all it said, and the caseworker places it on a theme or discards it; the summary cannot be
signed off before. Nothing a caseworker wrote is dropped without their word, and even a discarded
assessment stays in its row and in the audit log.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cached_property

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from hoering.analysis.text import first_sentence
from hoering.audit import services as audit
from hoering.casework import models
from hoering.casework.corrections import Reviewed
from hoering.casework.models import ACTIVE_CORRECTION, DISCARDED, PLACEABLE, PLACED, UNDONE, AnalysisRun, Correction
from hoering.casework.review_cache import reviewed_summary
from hoering.casework.services import Inputs, inputs_now, latest_result
from hoering.comments.models import Comment
from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.rejections import Rejected
from hoering.responses.analysed import AnalysedResponse, analysed_responses
from hoering.summaries.models import SummaryVersion
from hoering.summaries.services import published_summary

LABEL_MAX = 120
ASSESSMENT_MAX = 5000
QUOTE_MAX = 800
# What may differ between two summaries that say the same thing.
RUN_KEYS = ("run_id", "analysed_at")


class SummaryRejected(Rejected):
    """A correction or a sign-off that cannot be made."""


@dataclass
class Review:
    """The summary under review: the analysis run it is built on, with the corrections applied.
    ``reviewed`` and ``content`` are shared by the requests of this process until something they are
    built from changes (hoering.casework.review_cache): read them, never change them."""

    run: AnalysisRun
    reviewed: Reviewed
    content: dict
    published: SummaryVersion | None
    inputs: Inputs  # the published comments and responses the summary was built from

    @cached_property
    def unplaced(self) -> list[Correction]:
        """The corrections that could not be applied to this analysis, oldest first."""
        ids = [operation.get("id") for operation in self.reviewed.skipped]
        if not ids:
            return []
        return list(db.session.scalars(sa.select(Correction).where(Correction.id.in_(ids)).order_by(Correction.id)))

    @cached_property
    def changed_since_sign_off(self) -> bool:
        """Whether the current summary says something the newest signed-off version does not."""
        return (self.published is None or self.published.is_withdrawn
                or _essence(self.published.content) != _essence(self.content))


def current_review(consultation: Consultation) -> Review | None:
    """The newest analysis result with the corrections replayed; None before the first analysis.
    The replay is made once per process for what it is built from (hoering.casework.review_cache)."""
    run = latest_result(consultation)
    if run is None:
        return None
    inputs = inputs_now(consultation)
    reviewed, content = reviewed_summary(consultation, run, inputs)
    return Review(run, reviewed, content, published_summary(consultation), inputs)


def current_summary(consultation: Consultation) -> dict | None:
    """The current (possibly not yet signed-off) summary in the format of hoering.summaries.content."""
    review = current_review(consultation)
    return review.content if review else None


def analysed_sources(consultation: Consultation, ids: list[int]) -> dict[int, Comment | AnalysedResponse]:
    """The comments and formal responses among analysis ``ids``, by id, whatever their status now."""
    comment_ids = [i for i in ids if i > 0]
    comments = db.session.scalars(sa.select(Comment).where(
        Comment.consultation_id == consultation.id, Comment.id.in_(comment_ids))) if comment_ids else []
    sources: dict[int, Comment | AnalysedResponse] = {comment.id: comment for comment in comments}
    sources.update((response.id, response)
                   for response in analysed_responses(consultation.id, ids, published_only=False))
    return sources


def _essence(content: dict) -> dict:
    return {key: value for key, value in content.items() if key not in RUN_KEYS}


def review_for_change(consultation: Consultation, run_id: int | None) -> Review:
    """The review a change applies to; refused without an analysis, or when the form was made for
    an older run (the themes it names may have changed)."""
    review = current_review(consultation)
    if review is None:
        raise SummaryRejected(None, _l("Kjør analysen før du går gjennom oppsummeringen."))
    if run_id is not None and run_id != review.run.id:
        raise SummaryRejected(None, _l("Analysen er kjørt på nytt siden siden ble vist. Se over temaene og prøv igjen."))
    return review


def theme_of(review: Review, theme_id: int) -> dict:
    theme = review.reviewed.theme(theme_id)
    if theme is None:
        raise SummaryRejected(None, _l("Fant ikke temaet. Det kan være slått sammen med et annet."))
    return theme


def mark_reviewed(consultation: Consultation, actor, run_id: int, theme_id: int, reviewed: bool = True) -> None:
    """The caseworker has gone through the theme (or takes that back). The mark holds while the theme
    holds the same comments: a move, a merge or a re-run that changes them resets it."""
    review = review_for_change(consultation, run_id)
    theme = theme_of(review, theme_id)
    _record(consultation, actor, models.REVIEWED if reviewed else models.NOT_REVIEWED, theme)


def rename_theme(consultation: Consultation, actor, run_id: int, theme_id: int, label: str) -> None:
    review = review_for_change(consultation, run_id)
    theme = theme_of(review, theme_id)
    label = " ".join(label.split())
    if not label:
        raise SummaryRejected("label", _l("Skriv et navn på temaet."))
    if len(label) > LABEL_MAX:
        raise SummaryRejected("label", _l("Navnet kan ha høyst %(n)d tegn.", n=LABEL_MAX))
    _record(consultation, actor, models.RENAME, theme, text=label, before={"label": theme["label"]})


def assess_theme(consultation: Consultation, actor, run_id: int, theme_id: int, assessment: str) -> None:
    review = review_for_change(consultation, run_id)
    theme = theme_of(review, theme_id)
    assessment = assessment.strip()
    if len(assessment) > ASSESSMENT_MAX:
        raise SummaryRejected("assessment", _l("Vurderingen kan ha høyst %(n)d tegn.", n=ASSESSMENT_MAX))
    _record(consultation, actor, models.ASSESS, theme, text=assessment, before={"assessment": theme["assessment"]})


def merge_themes(consultation: Consultation, actor, run_id: int, theme_id: int, other_id: int | None) -> None:
    """Merge theme ``other_id`` into ``theme_id``, which keeps its name."""
    review = review_for_change(consultation, run_id)
    theme = theme_of(review, theme_id)
    other = review.reviewed.theme(other_id) if other_id is not None else None
    if other is None or other is theme:
        raise SummaryRejected("other", _l("Velg et annet tema å slå sammen med."))
    _record(consultation, actor, models.MERGE, theme, other=other["comment_ids"], text="",
            before={"merged": other["label"]})


def move_comments(consultation: Consultation, actor, run_id: int, comment_ids: list[int],
                  theme_id: int) -> tuple[dict, int]:
    """Move the selected comments into a theme, as one change (undone together); the theme, and how
    many comments moved (those already in it stay)."""
    review = review_for_change(consultation, run_id)
    theme = theme_of(review, theme_id)
    comment_ids = _selected(comment_ids)
    if any(i not in review.reviewed.unthemed and review.reviewed.theme_of(i) is None for i in comment_ids):
        raise SummaryRejected(None, _l("Fant ikke innspillet blant de analyserte innspillene."))
    moving = [i for i in comment_ids if i not in theme["comment_ids"]]
    if not moving:
        raise SummaryRejected("theme", _l("Innspillene er allerede i temaet «%(theme)s».", theme=theme["label"]))
    batch = _batch(moving)
    for comment_id in moving:
        source = review.reviewed.theme_of(comment_id)
        _store(consultation, actor, models.MOVE, theme, comment_id=comment_id, batch=batch,
               before={"theme": source["label"] if source else None})
    db.session.commit()
    return theme, len(moving)


def _selected(comment_ids: list[int]) -> list[int]:
    """The selected comments, each once, in the order shown; refused when none is selected."""
    selected = list(dict.fromkeys(comment_ids or []))
    if not selected:
        raise SummaryRejected("selected", _l("Velg minst ett innspill først."))
    return selected


def _batch(items: list) -> str | None:
    """A shared mark for corrections made by one action on several comments."""
    return uuid.uuid4().hex if len(items) > 1 else None


def not_a_campaign(consultation: Consultation, actor, run_id: int, campaign_id: int) -> None:
    review = review_for_change(consultation, run_id)
    campaign = next((c for c in review.reviewed.campaigns if c["id"] == campaign_id), None)
    if campaign is None:
        raise SummaryRejected(None, _l("Fant ikke kampanjen."))
    _record(consultation, actor, models.NOT_CAMPAIGN, {"comment_ids": campaign["comment_ids"], "label": ""},
            before={"campaign_size": campaign["size"]})


def drop_quote(consultation: Consultation, actor, run_id: int, theme_id: int, comment_id: int, text: str) -> None:
    review = review_for_change(consultation, run_id)
    theme = theme_of(review, theme_id)
    if not any(q["comment_id"] == comment_id and q["text"] == text for q in theme["quotes"]):
        raise SummaryRejected(None, _l("Fant ikke sitatet. Det kan allerede være fjernet."))
    _record(consultation, actor, models.DROP_QUOTE, theme, comment_id=comment_id, text=text)


def add_quotes(consultation: Consultation, actor, run_id: int, theme_id: int, comment_ids: list[int],
               excerpt: str = "") -> int:
    """Quote the selected comments of a theme: ``excerpt`` when one comment is selected and the
    caseworker wrote one (it must be word for word from the comment), otherwise each comment's first
    sentence. One change, undone together; how many quotes were added."""
    review = review_for_change(consultation, run_id)
    theme = theme_of(review, theme_id)
    comment_ids = _selected(comment_ids)
    if any(i not in theme["comment_ids"] for i in comment_ids):
        raise SummaryRejected(None, _l("Innspillet hører ikke til dette temaet."))
    excerpt = (excerpt or "").strip()
    if excerpt and len(comment_ids) > 1:
        raise SummaryRejected("text", _l("Et utdrag kan bare brukes når du har valgt ett innspill. Velg ett, eller tøm feltet "
                                         "for å bruke første setning i hvert innspill."))
    comments = analysed_sources(consultation, comment_ids)
    quotes = [(i, excerpt or first_sentence(comments[i].text)[:QUOTE_MAX].strip()) for i in comment_ids if i in comments]
    for comment_id, text in quotes:
        _check_quote(comments[comment_id], text)
    quoted = {(q["comment_id"], q["text"]) for q in theme["quotes"]}
    new = [(i, text) for i, text in quotes if (i, text) not in quoted]
    if not new:
        raise SummaryRejected(None, _l("Sitatet er allerede brukt."))
    batch = _batch(new)
    for comment_id, text in new:
        _store(consultation, actor, models.ADD_QUOTE, theme, comment_id=comment_id, text=text, batch=batch)
    db.session.commit()
    return len(new)


def _check_quote(comment: Comment | AnalysedResponse, text: str) -> None:
    """A quote is an exact excerpt of its comment, of a length a summary can show."""
    if not text:
        raise SummaryRejected("text", _l("Skriv inn sitatet."))
    if len(text) > QUOTE_MAX:
        raise SummaryRejected("text", _l("Et sitat kan ha høyst %(n)d tegn.", n=QUOTE_MAX))
    if text not in comment.text:
        raise SummaryRejected("text", _l("Sitatet må være nøyaktig slik det står i innspillet. Du kan korte det ned, men ikke endre ordene."))


def _record(consultation: Consultation, actor, kind: str, theme: dict, **details) -> None:
    """Store one correction with its audit entry, and commit."""
    _store(consultation, actor, kind, theme, **details)
    db.session.commit()


def _store(consultation: Consultation, actor, kind: str, theme: dict, *, text: str = "",
           comment_id: int | None = None, other: list | None = None, before: dict | None = None,
           batch: str | None = None) -> None:
    """Add a correction naming its theme by the theme's comments, with its audit entry."""
    correction = Correction(consultation_id=consultation.id, actor_id=getattr(actor, "id", None), kind=kind,
                            target=list(theme["comment_ids"]), other=other, comment_id=comment_id, text=text,
                            theme_label=theme["label"], batch=batch)
    db.session.add(correction)
    db.session.flush()
    after = {"theme": theme["label"], "correction": correction.id}
    if text:
        after["text"] = text
    if comment_id is not None:
        after["comment"] = comment_id
    if batch:
        after["batch"] = batch
    audit.record(actor, f"summary.{kind}", "consultation", consultation.id, before=before, after=after)


def last_change(consultation: Consultation, actor) -> list[Correction]:
    """The caseworker's newest change of this consultation that still counts, the one "Angre" takes
    back: its corrections, newest first (several when it was made on several selected comments)."""
    active = (Correction.consultation_id == consultation.id, Correction.actor_id == getattr(actor, "id", None),
              Correction.status == ACTIVE_CORRECTION)
    newest = db.session.scalar(sa.select(Correction).where(*active).order_by(Correction.id.desc()).limit(1))
    if newest is None or newest.batch is None:
        return [newest] if newest else []
    return list(db.session.scalars(
        sa.select(Correction).where(*active, Correction.batch == newest.batch).order_by(Correction.id.desc())))


def undo_correction(consultation: Consultation, actor, correction_id: int) -> list[Correction]:
    """Take back the caseworker's newest change (only that one: an older one may carry later ones);
    the rows and the audit entries stay."""
    change = last_change(consultation, actor)
    if not change or change[0].id != correction_id:
        raise SummaryRejected(None, _l("Bare den siste endringen din kan angres."))
    for correction in change:
        correction.status = UNDONE
    audit.record(actor, "summary.undo", "consultation", consultation.id,
                 before={"corrections": [c.id for c in change], "kind": change[0].kind, "theme": change[0].theme_label,
                         "text": change[0].text, "comments": [c.comment_id for c in change if c.comment_id]})
    db.session.commit()
    return change


def _unplaced(review: Review, correction_id: int) -> Correction:
    correction = next((c for c in review.unplaced if c.id == correction_id), None)
    if correction is None:
        raise SummaryRejected(None, _l("Fant ikke rettelsen. Den kan allerede være plassert eller forkastet."))
    return correction


def correction_content(correction: Correction) -> dict:
    """All a correction said, for the audit log: an assessment's full text is never lost."""
    return {"correction": correction.id, "kind": correction.kind, "theme": correction.theme_label,
            "text": correction.text, "comment": correction.comment_id, "comments": len(correction.target or []),
            "merged_comments": correction.other}


def place_correction(consultation: Consultation, actor, run_id: int, correction_id: int, theme_id: int) -> None:
    """Carry an unplaced correction over to a theme of the current analysis: a new correction on
    that theme does what it did; the old one is kept as placed."""
    review = review_for_change(consultation, run_id)
    correction = _unplaced(review, correction_id)
    if correction.kind not in PLACEABLE:
        raise SummaryRejected(None, _l("Denne rettelsen kan ikke legges på et annet tema. Gjør endringen på nytt, eller forkast den."))
    theme = theme_of(review, theme_id)
    if correction.kind == models.ADD_QUOTE and correction.comment_id not in theme["comment_ids"]:
        raise SummaryRejected(None, _l("Innspillet hører ikke til dette temaet."))
    placed = Correction(consultation_id=consultation.id, actor_id=getattr(actor, "id", None), kind=correction.kind,
                        target=list(theme["comment_ids"]), comment_id=correction.comment_id, text=correction.text,
                        theme_label=theme["label"])
    correction.status = PLACED
    db.session.add(placed)
    db.session.flush()
    audit.record(actor, "summary.correction_placed", "consultation", consultation.id,
                 before=correction_content(correction), after={"correction": placed.id, "theme": theme["label"]})
    db.session.commit()


def discard_correction(consultation: Consultation, actor, run_id: int, correction_id: int, confirmed: bool) -> None:
    """Drop an unplaced correction, only when the caseworker confirms it; its row and the audit
    entry keep what it said."""
    review = review_for_change(consultation, run_id)
    correction = _unplaced(review, correction_id)
    if not confirmed:
        raise SummaryRejected("confirm", _l("Kryss av for å bekrefte at rettelsen skal forkastes."))
    correction.status = DISCARDED
    audit.record(actor, "summary.correction_discarded", "consultation", consultation.id,
                 before=correction_content(correction))
    db.session.commit()


@dataclass(frozen=True)
class ThemePage:
    """A theme under review (or, with ``theme`` None, the comments in no theme), a page of its comments."""

    review: Review
    theme: dict | None
    comments: list[Comment | AnalysedResponse]
    page: int
    pages: int


THEME_PAGE_SIZE = 50


def theme_page(consultation: Consultation, theme_id: int | None, page: int) -> ThemePage | None:
    """None when there is no analysis or no such theme (it may have been merged away)."""
    review = current_review(consultation)
    if review is None:
        return None
    theme = review.reviewed.theme(theme_id) if theme_id is not None else None
    if theme_id is not None and theme is None:
        return None
    ids = theme["comment_ids"] if theme else review.reviewed.unthemed
    pages = max(1, -(-len(ids) // THEME_PAGE_SIZE))
    page = min(max(page, 1), pages)
    wanted = ids[(page - 1) * THEME_PAGE_SIZE: page * THEME_PAGE_SIZE]
    by_id = analysed_sources(consultation, wanted)
    return ThemePage(review, theme, [by_id[i] for i in wanted if i in by_id], page, pages)
