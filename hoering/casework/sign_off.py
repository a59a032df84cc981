"""Signing a version of the summary off, and withdrawing it.

Only a signed-off version is public. Signing off is refused while the analysis is stale, while a
correction is unplaced, while a theme is not marked as gone through, and while an assessment the
consultation requires is missing; while the consultation is open it needs a reason, shown on the
public page as an interim summary. A withdrawn version's page says a new one is being prepared.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import defer

from hoering import markup
from hoering.audit import services as audit
from hoering.casework.review import ASSESSMENT_MAX, Review, SummaryRejected, current_review, review_for_change
from hoering.casework.services import is_stale
from hoering.clock import utcnow
from hoering.consultations.models import Consultation
from hoering.extensions import db
from hoering.summaries.models import SummaryVersion
from hoering.summaries.services import published_summary


def versions(consultation: Consultation) -> list[SummaryVersion]:
    """Every signed-off version, newest first; the content of each is read when used (megabytes at
    100,000 comments, and the list of versions shows who signed off and when)."""
    return list(db.session.scalars(
        sa.select(SummaryVersion)
        .where(SummaryVersion.consultation_id == consultation.id)
        .order_by(SummaryVersion.number.desc())
        .options(defer(SummaryVersion.content))
    ))


def sign_off(consultation: Consultation, actor, run_id: int | None = None, interim_reason: str = "") -> SummaryVersion:
    """Freeze the current summary as a new version; refused when comments came, went or were moderated
    after the analysis (its numbers would be wrong), when nothing changed since the last version, while
    a correction is unplaced, and while a theme is not marked as gone through.

    While the consultation is open a summary is an interim one: it needs ``interim_reason``, which the
    public page shows with it."""
    review = review_for_change(consultation, run_id)
    if is_stale(review.run, consultation, review.inputs):
        raise SummaryRejected(None, _l("Innspillene er endret siden analysen ble kjørt. Kjør analysen på nytt før du godkjenner."))
    if not review.changed_since_sign_off:
        raise SummaryRejected(None, _l("Oppsummeringen er ikke endret siden versjon %(n)d ble godkjent.",
                                       n=review.published.number))
    _refuse_unplaced_corrections(review)
    _refuse_unreviewed_themes(review)
    _refuse_missing_assessments(consultation, review)
    interim_reason = markup.clean_text(interim_reason or "").strip() if consultation.is_open else ""
    if consultation.is_open and not interim_reason:
        raise SummaryRejected("interim_reason", _l(
            "Høringen er fortsatt åpen. Skriv hvorfor oppsummeringen publiseres før fristen: den blir vist "
            "som en foreløpig oppsummering."))
    if len(interim_reason) > ASSESSMENT_MAX:
        raise SummaryRejected("interim_reason", _l("Begrunnelsen kan være høyst %(n)d tegn.", n=ASSESSMENT_MAX))
    number = review.published.number + 1 if review.published else 1
    version = SummaryVersion(consultation_id=consultation.id, number=number, run_id=review.run.id,
                             signed_off_by_id=getattr(actor, "id", None),
                             signed_off_by_name=getattr(actor, "name", "") or "", content=review.content,
                             interim_reason=interim_reason)
    db.session.add(version)
    db.session.flush()
    audit.record(actor, "summary.sign_off", "consultation", consultation.id,
                 after={"version": number, "run": review.run.id, "interim_reason": interim_reason})
    db.session.commit()
    return version


def preview_version(consultation: Consultation) -> SummaryVersion | None:
    """The current summary as the version signing it off would make: shown to the caseworker exactly
    as the public will see it, never stored."""
    review = current_review(consultation)
    if review is None:
        return None
    number = review.published.number + 1 if review.published else 1
    return SummaryVersion(consultation_id=consultation.id, number=number, run_id=review.run.id,
                          signed_off_at=utcnow(), signed_off_by_name="", content=review.content, interim_reason="")


def withdraw(consultation: Consultation, actor, reason: str) -> SummaryVersion:
    """Take the public summary down: its page says a new version is being prepared, and why."""
    version = published_summary(consultation)
    if version is None or version.is_withdrawn:
        raise SummaryRejected(None, _l("Det er ingen publisert oppsummering å trekke tilbake."))
    reason = markup.clean_text(reason or "").strip()
    if not reason:
        raise SummaryRejected("reason", _l("Skriv hvorfor oppsummeringen trekkes tilbake."))
    if len(reason) > ASSESSMENT_MAX:
        raise SummaryRejected("reason", _l("Begrunnelsen kan være høyst %(n)d tegn.", n=ASSESSMENT_MAX))
    version.withdrawn_at = utcnow()
    version.withdrawn_by_name = getattr(actor, "name", "") or ""
    version.withdrawal_reason = reason
    audit.record(actor, "summary.withdraw", "consultation", consultation.id,
                 after={"version": version.number, "reason": reason})
    db.session.commit()
    return version


def _refuse_unplaced_corrections(review: Review) -> None:
    """Sign-off waits until every correction that no longer fits is placed on a theme or discarded."""
    if review.unplaced:
        raise SummaryRejected(None, _l("Noen rettelser passer ikke lenger til analysen. Plasser eller forkast dem før du godkjenner."))


def require_assessments(consultation: Consultation, actor, required: bool) -> None:
    """Whether signing off needs the municipality's assessment of every theme (audited; commits)."""
    before = {"assessments_required": consultation.assessments_required}
    consultation.assessments_required = required
    audit.record(actor, "summary.assessments_required", "consultation", consultation.id,
                 before=before, after={"assessments_required": required})
    db.session.commit()


def _refuse_missing_assessments(consultation: Consultation, review: Review) -> None:
    if not consultation.assessments_required:
        return
    missing = [theme["label"] for theme in review.reviewed.themes if not (theme.get("assessment") or "").strip()]
    if missing:
        raise SummaryRejected(None, _l(
            "Hvert tema skal ha kommunens vurdering før oppsummeringen godkjennes. Mangler vurdering: %(themes)s%(more)s.",
            themes=", ".join(f"«{label}»" for label in missing[:5]),
            more=_l(" og %(n)d til", n=len(missing) - 5) if len(missing) > 5 else ""))


def _refuse_unreviewed_themes(review: Review) -> None:
    waiting = [theme["label"] for theme in review.reviewed.themes if not theme.get("reviewed")]
    if waiting:
        shown = ", ".join(f"«{label}»" for label in waiting[:5])
        raise SummaryRejected(None, _l(
            "Gå gjennom alle temaene og merk dem som gjennomgått før du godkjenner. Ikke gjennomgått: %(themes)s%(more)s.",
            themes=shown, more=_l(" og %(n)d til", n=len(waiting) - 5) if len(waiting) > 5 else ""))
