"""The "corrections survive" scenario on a generated consultation, for the unit test and the bench.

A caseworker reviews the analysis of ``n`` comments (renames and assesses every theme, merges the
two smallest, moves a few comments, picks and drops quotes); then 5 % new comments arrive and the
analysis runs again, continuing the reviewed run's themes (or, for comparison, finding them afresh),
and the corrections are replayed as the review page does. Two figures say whether the caseworker
can trust the review after the re-run:

* kept: the share of the earlier comments whose reviewed theme is still the same theme (themes
  matched one to one by the comments they share, so two themes joined count once);
* applied: the share of the corrections that still apply (none unplaced);

and one that says the new comments were not forced into wrong themes to keep the old ones still:

* placed: the share of the new comments (those on a theme of the corpus) in the reviewed theme that
  holds most of the earlier comments on the same theme of the corpus.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from hoering.analysis import analyse, comment_from_json
from hoering.casework.corrections import CommentFacts, apply_corrections
from hoering.casework.services import theme_assignments
from tests.unit.analysis.corpus import generate

NEW_SHARE = 0.05
MOVES = 10


@dataclass(frozen=True)
class Figures:
    comments: int
    new: int
    corrections: int
    kept: float
    applied: float
    placed: float
    mapped: int
    unplaced: int
    seconds: float  # the re-run's analysis


def scenario(n: int, seed: int = 2026, recluster: bool = False) -> Figures:
    labelled = generate(round(n * (1 + NEW_SHARE)), seed)
    comments = [comment_from_json({**item.comment, "parent": None}) for item in labelled]
    earlier = comments[:n]
    facts = {c.id: CommentFacts(c.stance_key, c.is_organisation) for c in comments}
    first = analyse(earlier).to_dict()
    operations = review(first, earlier, {c.id: facts[c.id] for c in earlier})
    before = themes_of(apply_corrections(first, operations, facts), earlier)
    start = time.perf_counter()
    second = analyse(comments, prior=None if recluster else theme_assignments(first)).to_dict()
    seconds = time.perf_counter() - start
    reviewed = apply_corrections(second, operations, facts)
    after = themes_of(reviewed, comments)
    return Figures(n, len(comments) - n, len(operations), kept_share(before, after),
                   1 - len(reviewed.skipped) / len(operations), placed_share(labelled, n, after),
                   len(reviewed.mapped), len(reviewed.skipped), seconds)


def review(result: dict, earlier, facts) -> list[dict]:
    """A caseworker's corrections, each naming its theme as the review service does: by the
    comments the theme holds at that moment, with every earlier correction applied."""
    text = {c.id: c.text for c in earlier}
    operations: list[dict] = []

    def current():
        return apply_corrections(result, operations, facts)

    def correct(kind, theme, **fields):
        operations.append({"kind": kind, "target": list(theme["comment_ids"]), "other": fields.get("other"),
                           "comment_id": fields.get("comment_id"), "text": fields.get("text", "")})

    for number, theme in enumerate(current().themes):
        correct("rename", theme, text=f"Tema {number}: {theme['label']}")
        correct("assess", theme, text=f"Kommunens vurdering av tema {number}.\n\nMed et andre avsnitt.")
    themes = current().themes
    if len(themes) >= 3:
        correct("merge", themes[-2], other=themes[-1]["comment_ids"])
    for step in range(MOVES):
        themes = current().themes
        source, target = themes[step % len(themes)], themes[(step + 1) % len(themes)]
        correct("move", target, comment_id=source["comment_ids"][step])
    reviewed = current()
    if reviewed.unthemed:
        correct("move", reviewed.themes[0], comment_id=reviewed.unthemed[0])
    theme = current().themes[0]
    quoted = theme["comment_ids"][-1]
    correct("add_quote", theme, comment_id=quoted, text=text[quoted][:60].strip())
    if theme["quotes"]:
        correct("drop_quote", theme, comment_id=theme["quotes"][0]["comment_id"], text=theme["quotes"][0]["text"])
    return operations


def themes_of(reviewed, comments) -> dict:
    """Each comment's reviewed theme (by the theme's key), None when in no theme."""
    theme_of = {c: theme["key"] for theme in reviewed.themes for c in theme["comment_ids"]}
    return {c.id: theme_of.get(c.id) for c in comments}


def placed_share(labelled, n: int, after: dict) -> float:
    """Share of the new comments on a corpus theme that are in that theme's reviewed home."""
    votes: dict[str, Counter] = {}
    for item in labelled[:n]:
        if item.theme:
            votes.setdefault(item.theme, Counter())[after[item.comment["id"]]] += 1
    home = {truth: counter.most_common(1)[0][0] for truth, counter in votes.items()}
    new = [item for item in labelled[n:] if item.theme in home]
    return sum(after[item.comment["id"]] == home[item.theme] for item in new) / len(new) if new else 1.0


def kept_share(before: dict, after: dict) -> float:
    """Share of comments in the same theme before and after, themes matched one to one by the
    comments they share ("no theme" matches only itself)."""
    old = sorted({k for k in before.values() if k is not None})
    new = sorted({k for k in after.values() if k is not None})
    shared = np.zeros((len(old), len(new)))
    old_index, new_index = {k: i for i, k in enumerate(old)}, {k: i for i, k in enumerate(new)}
    for comment, key in before.items():
        if key is not None and after[comment] is not None:  # after also has the new comments
            shared[old_index[key], new_index[after[comment]]] += 1
    rows, columns = linear_sum_assignment(-shared)
    same = shared[rows, columns].sum() + sum(1 for c, k in before.items() if k is None and after[c] is None)
    return float(same / len(before))
