"""A revised draft the planner has uploaded and not yet published: one per consultation (a new upload
replaces it), kept with the planner's corrections to the proposed matches until it is published or
discarded.

The alignment is not stored: the preview, a correction and publishing each line the stored text up
with the current version again, and apply the stored corrections, so what the planner checked is what
is published. A revision is lined up with the version that was current when it was uploaded
(``base_version_id``); when another revision was published since, publishing it is refused and the
planner uploads it again. After publishing, the pending row is deleted.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from hoering import markup
from hoering.audit import services as audit
from hoering.consultations.draft_files import DraftFile, DraftFileRejected, read_draft_file
from hoering.consultations.drafting import split_markdown
from hoering.consultations.images import save_images
from hoering.consultations.models import DRAFT, PROCESSED, Consultation, DraftVersion
from hoering.consultations.planning import MAX_DRAFT_LENGTH
from hoering.database import begin_write
from hoering.extensions import db
from hoering.revisions import services
from hoering.revisions.alignment import EDITED, MERGED, NEW, SPLIT, UNCERTAIN, UNCHANGED, word_diff
from hoering.revisions.models import PendingRevision
from hoering.revisions.services import STALE, OldUnit, Proposal, RevisionRejected

# From this share of changed units the preview asks whether the changes are substantial.
SUBSTANTIAL_SHARE = 0.25
# A select of where an old unit's comments go offers every new unit up to this many; beyond it, the
# units around the proposed one (the planner may ask for all of them for one unit).
FULL_CHOICE_LIMIT = 40
CHOICE_WINDOW = 8
OPTION_TEXT = 70  # characters of a unit's text in its option

NO_PENDING = _l("Det er ikke lastet opp noen ny versjon av utkastet. Last opp filen først.")
REPLACED = _l("Det reviderte utkastet er forkastet eller byttet ut i mellomtiden. Se over forhåndsvisningen igjen.")
CHANGED_MEANWHILE = _l("Koblingene ble endret i en annen fane eller av en kollega. Se over forhåndsvisningen igjen.")


@dataclass(frozen=True)
class NewUnitLine:
    """A unit of the revised draft as the preview shows it: where it comes from and how it changed."""

    index: int
    row: dict  # as consultations.services.rendered_units makes it
    status: str
    confidence: float
    sources: tuple[OldUnit, ...]
    diff: tuple[tuple[str, str], ...]  # alignment.word_diff from the sources' text; empty when nothing changed
    corrected: bool

    @property
    def uncertain(self) -> bool:
        return self.confidence < UNCERTAIN

    @property
    def citation(self) -> str:
        return self.row["label"] or self.row["number"]


@dataclass(frozen=True)
class CommentedUnitLine:
    """A unit of the current version that has comments, and where they will go."""

    index: int
    unit: OldUnit
    comments: int
    target: int | None  # the new unit's index; None: removed, the comments stay on this version
    target_citation: str
    status: str
    confidence: float
    corrected: bool
    choices: tuple[tuple[int, str], ...]  # (new index, label) the planner may pick
    complete: bool  # whether ``choices`` holds every new unit

    @property
    def uncertain(self) -> bool:
        return self.confidence < UNCERTAIN

    @property
    def citation(self) -> str:
        return self.unit.label or self.unit.number


@dataclass(frozen=True)
class Preview:
    pending: PendingRevision
    version_number: int  # the current version's
    old_count: int  # units in the current version
    stale: bool  # another version was published since the upload: publishing is refused
    new_units: list[NewUnitLine]  # uncertain matches first, then in document order
    commented: list[CommentedUnitLine]  # likewise
    removed: list[OldUnit]  # units of the current version that go, in document order
    changed_share: float
    comments_follow: int
    comments_on_removed: int

    @property
    def next_number(self) -> int:
        return self.version_number + 1

    @property
    def substantial(self) -> bool:
        """A prompt to think about whether the changes are substantial (vesentlige), never a rule."""
        return self.changed_share >= SUBSTANTIAL_SHARE


def start(consultation: Consultation, file_name: str, data: bytes, actor) -> tuple[PendingRevision, DraftFile]:
    """Read an uploaded file as the draft import does, check that it lines up with the current version,
    store its pictures, and keep it as the consultation's pending revision (replacing any before it);
    commits. Returns the pending revision and the file read (with the Word conversion's notices).
    Raises RevisionRejected (field "file") for a file that cannot be a revised draft."""
    _check_revisable(consultation)
    try:
        draft = read_draft_file(file_name, data)
    except DraftFileRejected as rejection:
        raise RevisionRejected("file", rejection.reason) from rejection
    source = _checked_source(draft.markdown)
    base_version_id = consultation.current_version_id
    try:
        proposal = services.propose(consultation, source)  # the slow part, before any write lock
    except markup.MarkupRejected as rejection:
        raise RevisionRejected("file", rejection.reason) from rejection
    save_images(draft.images)  # commits; the preview shows them
    begin_write()
    db.session.execute(sa.delete(PendingRevision).where(PendingRevision.consultation_id == consultation.id))
    pending = PendingRevision(consultation_id=consultation.id, base_version_id=base_version_id, source=source,
                              file_name=file_name[:255], corrections={}, created_by_id=getattr(actor, "id", None))
    db.session.add(pending)
    audit.record(actor, "consultation.revision_upload", "consultation", consultation.id,
                 after={"file": pending.file_name, "base_version": proposal.version_number,
                        "units": len(proposal.new), "changed_share": round(proposal.alignment.changed_share, 3)})
    db.session.commit()
    return pending, draft


def pending_sources() -> list[str]:
    """The text of every revision waiting to be published (the pictures they show must be kept): a
    few per consultation at most, read at once (a second streamed result beside prune_images' own
    is refused by PostgreSQL's driver)."""
    return list(db.session.scalars(sa.select(PendingRevision.source)))


def pending_for(consultation: Consultation) -> PendingRevision | None:
    return db.session.scalar(sa.select(PendingRevision).where(PendingRevision.consultation_id == consultation.id)
                             .order_by(PendingRevision.id.desc()).limit(1))


def proposal_for(consultation: Consultation, pending: PendingRevision) -> Proposal:
    """The pending revision lined up with the current version, with the planner's corrections."""
    proposal = services.propose(consultation, pending.source)
    index_of = {unit.anchor: i for i, unit in enumerate(proposal.old)}
    for anchor, target in (pending.corrections or {}).items():
        i = index_of.get(anchor)
        if i is not None and (target is None or 0 <= target < len(proposal.new)):
            proposal.correct(i, target)
    return proposal


def is_stale(consultation: Consultation, pending: PendingRevision) -> bool:
    return pending.base_version_id != consultation.current_version_id


def preview(consultation: Consultation, show_all_for: str | None = None) -> Preview | None:
    """What the planner checks before publishing, or None when nothing is pending. ``show_all_for``:
    the anchor of an old unit whose choice offers every new unit, however many there are."""
    pending = pending_for(consultation)
    if pending is None:
        return None
    proposal = proposal_for(consultation, pending)
    sources = _sources_of_new(proposal)
    new_units = [_new_line(proposal, j, sources.get(j, [])) for j in range(len(proposal.new))]
    commented = [_commented_line(proposal, i, show_all_for == unit.anchor)
                 for i, unit in enumerate(proposal.old) if proposal.comment_counts.get(unit.anchor, 0)]
    follow = sum(line.comments for line in commented if line.target is not None)
    return Preview(
        pending=pending, version_number=proposal.version_number, old_count=len(proposal.old), stale=is_stale(consultation, pending),
        new_units=sorted(new_units, key=lambda line: not line.uncertain),
        commented=sorted(commented, key=lambda line: not line.uncertain),
        removed=[unit for i, unit in enumerate(proposal.old) if proposal.successors.get(i) is None],
        changed_share=proposal.alignment.changed_share, comments_follow=follow,
        comments_on_removed=proposal.comments_on_removed(),
    )


def correct(consultation: Consultation, old_anchor: str, target: int | None, actor) -> None:
    """The planner's choice of where the comments of the current version's unit ``old_anchor`` go: the
    new unit at index ``target``, or None for "removed" (they stay on the current version). Choosing
    what the alignment proposed takes the correction back. Commits."""
    pending = _pending(consultation)
    _refuse_stale(consultation, pending)
    proposal = services.propose(consultation, pending.source)
    old_index = next((i for i, unit in enumerate(proposal.old) if unit.anchor == old_anchor), None)
    if old_index is None:
        raise RevisionRejected("old", _l("Punktet finnes ikke i versjon %(n)d.", n=proposal.version_number))
    if target is not None and not 0 <= target < len(proposal.new):
        raise RevisionRejected("target", _l("Velg et punkt i det nye utkastet, eller «Fjernet»."))
    corrections = dict(pending.corrections or {})
    if target == proposal.alignment.successor(old_index):
        corrections.pop(old_anchor, None)
    else:
        corrections[old_anchor] = target
    pending = _locked(pending.id)
    pending.corrections = corrections  # a new dict, so the JSON column sees the change
    db.session.commit()


def discard(consultation: Consultation, actor) -> None:
    """Forget the pending revision; commits."""
    pending = _pending(consultation)
    audit.record(actor, "consultation.revision_discard", "consultation", consultation.id,
                 before={"file": pending.file_name})
    db.session.delete(pending)
    db.session.commit()


def publish(consultation: Consultation, actor) -> DraftVersion:
    """Publish the pending revision, with the planner's corrections, as the next version (services.publish:
    the lineage, the comments' places and the audit log), and delete the pending row; commits.
    Refused when another version was published since the upload."""
    _check_revisable(consultation)
    pending = _pending(consultation)
    _refuse_stale(consultation, pending)
    corrections = dict(pending.corrections or {})
    proposal = proposal_for(consultation, pending)  # the slow part, before the write lock
    pending = _locked(pending.id)
    _refuse_stale(consultation, pending)
    if dict(pending.corrections or {}) != corrections:
        raise RevisionRejected(None, CHANGED_MEANWHILE)
    db.session.delete(pending)
    return services.publish(consultation, proposal, actor)


def refusal(consultation: Consultation):
    """Why the consultation's draft cannot get a new version now, or None."""
    if consultation.phase == DRAFT:
        return _l("Høringen er ikke publisert ennå. Endre utkastet på redigeringssiden.")
    if consultation.phase == PROCESSED:
        return _l("Høringsdokumentet kan ikke endres etter at høringen er ferdig behandlet.")
    if consultation.current_version_id is None:
        return _l("Høringen har ikke noe dokument å lage en ny versjon av.")
    return None


def _check_revisable(consultation: Consultation) -> None:
    reason = refusal(consultation)
    if reason is not None:
        raise RevisionRejected(None, reason)


def _checked_source(markdown: str) -> str:
    """The draft's text as it will be stored, or RevisionRejected: the checks of the draft import."""
    source = markup.clean_text(markdown or "").replace("\r\n", "\n").replace("\r", "\n")
    if len(source) > MAX_DRAFT_LENGTH:
        raise RevisionRejected("file", _l("Høringsdokumentet er for langt (høyst %(n)d tegn). Del det opp, eller "
                                          "kort det ned.", n=MAX_DRAFT_LENGTH))
    try:
        markup.check_structure(source)
    except markup.MarkupRejected as rejection:
        raise RevisionRejected("file", rejection.reason) from rejection
    if not source.strip() or not split_markdown(source):
        raise RevisionRejected("file", _l("Filen har ingen tekst som kan deles inn i punkter."))
    return source


def _pending(consultation: Consultation) -> PendingRevision:
    pending = pending_for(consultation)
    if pending is None:
        raise RevisionRejected(None, NO_PENDING)
    return pending


def _refuse_stale(consultation: Consultation, pending: PendingRevision) -> None:
    if is_stale(consultation, pending):
        raise RevisionRejected(None, STALE)


def _locked(pending_id: int) -> PendingRevision:
    """The pending revision again, under the write lock (views that line drafts up are ``writes_later``)."""
    begin_write()
    pending = db.session.get(PendingRevision, pending_id)
    if pending is None:
        raise RevisionRejected(None, REPLACED)
    return pending


def _sources_of_new(proposal: Proposal) -> dict[int, list[int]]:
    sources: dict[int, list[int]] = {}
    for i, j in sorted(proposal.successors.items()):
        if j is not None:
            sources.setdefault(j, []).append(i)
    return sources


def _new_line(proposal: Proposal, j: int, sources: list[int]) -> NewUnitLine:
    """A new unit's status as it will be published: the alignment's, unless the planner's corrections
    changed where it comes from (then it is certain: merged, edited or unchanged)."""
    row, match = proposal.new[j], proposal.alignment.matches[j]
    corrected = any(i in proposal.corrected for i in sources)
    if not sources:
        parts = [i for i, k in proposal.orphaned_parts() if k == j]
        status, confidence, sources = (SPLIT, match.confidence, parts) if parts else (NEW, 1.0, [])
    elif not corrected and tuple(sources) == tuple(sorted(match.old)):
        status, confidence = match.status, match.confidence
    else:
        same = len(sources) == 1 and proposal.old[sources[0]].text.strip() == row["text"].strip()
        status = MERGED if len(sources) > 1 else UNCHANGED if same else EDITED
        confidence = 1.0 if corrected else match.confidence
    olds = tuple(proposal.old[i] for i in sources)
    diff = () if status in (NEW, UNCHANGED) else tuple(word_diff(" ".join(u.text for u in olds), row["text"]))
    if all(kind == "equal" for kind, _ in diff):
        diff = ()
    return NewUnitLine(j, row, status, confidence, olds, diff, corrected)


def _commented_line(proposal: Proposal, i: int, show_all: bool) -> CommentedUnitLine:
    unit = proposal.old[i]
    j, status, confidence = proposal.match(i)
    choices, complete = _choices(proposal, i, j, show_all)
    return CommentedUnitLine(i, unit, proposal.comment_counts.get(unit.anchor, 0), j,
                             _option_label(proposal.new[j]) if j is not None else "", status, confidence,
                             i in proposal.corrected, choices, complete)


def _choices(proposal: Proposal, i: int, j: int | None, show_all: bool) -> tuple[tuple[tuple[int, str], ...], bool]:
    """The new units an old unit's comments may go to: all of them, or those around where it is expected
    (its match, the alignment's proposal, or its place in the draft), with those two always included."""
    count = len(proposal.new)
    if show_all or count <= FULL_CHOICE_LIMIT:
        indices = range(count)
    else:
        proposed = proposal.alignment.successor(i)
        centre = j if j is not None else proposed if proposed is not None else round(i * count / max(1, len(proposal.old)))
        window = set(range(max(0, centre - CHOICE_WINDOW), min(count, centre + CHOICE_WINDOW + 1)))
        indices = sorted(window | {k for k in (j, proposed) if k is not None})
    return tuple((k, _option_label(proposal.new[k])) for k in indices), len(indices) == count


def _option_label(row: dict) -> str:
    text = " ".join(row["text"].split())
    if len(text) > OPTION_TEXT:
        text = text[:OPTION_TEXT].rstrip() + "…"
    return f"{row['label'] or row['number']} {text}"
