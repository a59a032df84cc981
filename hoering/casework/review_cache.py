"""The reviewed summary (the corrections replayed onto the newest analysis result), made once per
process and kept in memory while nothing it is built from has changed.

Replaying the corrections onto an analysis result reads every published comment (its stance and
whether it came from an organisation) and took 0.5–0.9 s at 100,000 comments, on every review
page. So each process keeps, per consultation, in three slots:

- the run's result (megabytes of JSON to read), keyed by the run: its id, and when it finished
  (ids start again in an emptied database);
- the comments' facts, keyed by casework.services.Inputs: the published comments (how many, the
  newest, and when any comment was last moderated, edited or withdrawn: the signs that make an
  analysis stale) and the published formal responses. Hiding, publishing or editing a comment
  after the run changes the counts and the comments in no theme;
- the reviewed summary, keyed by all of those and by the ids of the active corrections, in order,
  and the citations of the current draft's units (the summary names its units by them). A
  correction's row is never changed but for its status, and a status that is no longer active
  never becomes active again, so a new correction, an undo, a placed or a discarded one each give
  another list. A correction makes the summary afresh (0.2 s at 100,000 comments), not the facts.

Several workers on several machines share only the database, and any of them may serve the next
page, so every request reads the keys from the database (small queries, and one aggregate over the
consultation's comments, 50 ms at 100,000); a process that holds nothing for a key makes it once,
from what the key names (the corrections by their ids, not those active by then), and keeps it
only if the comments did not change while it read them.

Kept in memory rather than in a table or in Redis: a stored summary would have to be read and
parsed (several megabytes of JSON at 100,000 comments) on every page and written from every
worker, while a key read afresh each time cannot be stale, so nothing needs to be invalidated. The
cost is one replay per process after each change, paid by the first page that process serves.

What is kept is shared by every request the process serves until its key changes: read it, never
change it.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Hashable

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm.attributes import set_committed_value

from hoering.analysis.comments import STANCE_KEYS
from hoering.casework.corrections import CommentFacts, Reviewed, apply_corrections
from hoering.casework.models import ACTIVE_CORRECTION, AnalysisRun, Correction
from hoering.casework.services import Inputs, inputs_now
from hoering.comments.models import Comment, citizens_published
from hoering.consultations.models import Consultation
from hoering.consultations.services import unit_citations
from hoering.extensions import db
from hoering.responses.analysed import analysed_responses
from hoering.summaries.content import summary_content

# A consultation takes three slots (its run's result, its comments' facts, its summary): some 25 MB
# together at 100,000 comments.
SLOTS_KEPT = 12
EXTENSION = "hoering.review_cache"


def reviewed_summary(consultation: Consultation, run: AnalysisRun, inputs: Inputs) -> tuple[Reviewed, dict]:
    """The corrections replayed onto ``run``'s result (Reviewed), and the summary they make
    (hoering.summaries.content); ``inputs`` is casework.services.inputs_now()."""
    citations = unit_citations(consultation)
    corrections = _active_corrections(consultation)
    # Everything the summary is built from (the module's docstring says why each is there).
    key = (run.id, run.finished_at, corrections, inputs, tuple(sorted(citations.items())))
    result = _result_of(run)
    summary = kept_reviews().find(("review", consultation.id), key)
    if summary is None:
        summary = _replay(consultation, run, result, corrections, inputs, citations, key)
    return summary


def _active_corrections(consultation: Consultation) -> tuple[int, ...]:
    return tuple(db.session.scalars(
        sa.select(Correction.id)
        .where(Correction.consultation_id == consultation.id, Correction.status == ACTIVE_CORRECTION)
        .order_by(Correction.id)
    ))


def _result_of(run: AnalysisRun) -> dict:
    """The run's result, read once per process: a finished run's result never changes. The run
    holds it too, for the analysis page's overview."""
    kept = kept_reviews()
    slot, key = ("result", run.consultation_id), (run.id, run.finished_at)
    result = kept.find(slot, key)
    if result is None:
        result = run.result
        kept.put(slot, key, result)
    elif "result" in sa.inspect(run).unloaded:
        set_committed_value(run, "result", result)
    return result


def _replay(consultation: Consultation, run: AnalysisRun, result: dict, corrections: tuple[int, ...],
            inputs: Inputs, citations: dict[str, str], key: tuple) -> tuple[Reviewed, dict]:
    """The ``corrections`` replayed onto the run's result, and the summary they make, kept for ``key``.
    The comments' facts are kept apart, by ``inputs`` alone (a correction changes the summary, not
    them); read afresh, they are kept, and the summary with them, only if the comments did not change
    while they were read (PostgreSQL's statements may each see a newer state)."""
    kept = kept_reviews()
    facts = kept.find(("facts", consultation.id), inputs)
    read_now = facts is None
    if read_now:
        facts = _facts(consultation)
    reviewed = apply_corrections(result, _operations(consultation, corrections), facts)
    summary = reviewed, summary_content(result, reviewed, run.id, run.finished_at.isoformat(), citations)
    if read_now:
        if inputs_now(consultation) != inputs:
            return summary
        kept.put(("facts", consultation.id), inputs, facts)
    kept.put(("review", consultation.id), key, summary)
    return summary


def _operations(consultation: Consultation, ids: tuple[int, ...]) -> list[dict]:
    """The corrections ``ids``, in order, as operations: those of the key, even if one was undone
    since it was read, so that what is kept for a key is what the key says."""
    if not ids:
        return []
    named = set(ids)
    rows = db.session.scalars(
        sa.select(Correction)
        .where(Correction.consultation_id == consultation.id, Correction.id.between(ids[0], ids[-1]))
        .order_by(Correction.id)
    )
    return [correction.as_operation() for correction in rows if correction.id in named]


# The facts of a comment are one of these few: shared, not made 100,000 times.
_SHARED_FACTS = {(stance, organisation): CommentFacts(stance, organisation)
                 for stance in STANCE_KEYS for organisation in (False, True)}


def _facts(consultation: Consultation) -> dict:
    """What the corrections need of each published comment and formal response, by analysis id."""
    rows = db.session.execute(
        sa.select(Comment.id, Comment.stance, Comment.organisation).where(citizens_published(consultation.id))
    )
    facts = {comment_id: _SHARED_FACTS[stance if stance in STANCE_KEYS else "not_stated", bool(organisation)]
             for comment_id, stance, organisation in rows}
    facts.update((response.id, _SHARED_FACTS["not_stated", bool(response.organisation)])
                 for response in analysed_responses(consultation.id))
    return facts


class KeptReviews:
    """The newest key and what was made for it, in each of a few slots (a consultation's run's
    result, its comments' facts, its reviewed summary), the least recently used dropped beyond
    ``size``. A lock guards the store; what is kept is made outside it (two threads may make the
    same thing, once each)."""

    def __init__(self, size: int = SLOTS_KEPT):
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[Hashable, object]] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, slot: Hashable, key: Hashable):
        """What is kept in ``slot`` for ``key``; None when the slot holds nothing, or another key's."""
        with self._lock:
            kept = self._kept.get(slot)
            if kept is None or kept[0] != key:
                return None
            self._kept.move_to_end(slot)
            return kept[1]

    def put(self, slot: Hashable, key: Hashable, value) -> None:
        """Keep ``value`` for ``key`` in ``slot``, in place of what the slot held."""
        with self._lock:
            self._kept[slot] = (key, value)
            self._kept.move_to_end(slot)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def kept_reviews() -> KeptReviews:
    """This app's store (each app its own, so that tests, each with a new app and database, share none)."""
    return current_app.extensions.setdefault(EXTENSION, KeptReviews())
