"""Campaigns: form letters and near-duplicates, found without comparing every pair of comments.

1. Comments with the same words (ignoring case, punctuation and spacing) are one group at once.
2. Each distinct text of at least ``min_words`` words is sketched with MinHash and put into LSH
   buckets (minhash.py): only texts that share a bucket are ever compared.
3. In each bucket, every text is paired with the bucket's head: its most shared text (the one
   whose buckets hold the most comments; typically the untouched form letter). Pairs whose
   sketches could still match are verified on the real shingle sets (``match_scores``).
4. Heads, most shared first, become leaders unless they matched an earlier leader; each text joins
   the leader it matches best, and a text that matched only a member is verified against that
   member's leader. Texts are compared with leaders, never member with member, so a comment that
   pastes two form letters cannot chain the two campaigns into one.

A text matches a leader when their shingle sets have Jaccard similarity of at least
``jaccard``, or when one mostly contains the other (``containment``) and is not much shorter
(``min_length_ratio``): a form letter with the sender's own paragraph added, or with a sentence
deleted. Comments that merely share a topic share words but few 3-word sequences, and fail.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import count
from typing import Sequence

import numpy as np

from hoering.analysis.minhash import Shingles, band_layout, bucket_members, signatures, sorted_unique
from hoering.analysis.text import shingle_words


@dataclass(frozen=True)
class CampaignGroup:
    """Indices (into the texts given to find_campaigns) of one campaign's comments, ascending, and
    the index of the comment whose text is the campaign's template (its leader)."""

    members: tuple[int, ...]
    template: int


@dataclass(frozen=True)
class CampaignSettings:
    """The knobs of find_campaigns."""

    min_words: int = 10          # shorter texts are only grouped when identical
    min_exact_words: int = 6     # identical texts shorter than this ('Helt enig!') are not a campaign
    min_size: int = 3            # two alike texts are often one person sending twice, or chance; a campaign has more senders
    jaccard: float = 0.5
    containment: float = 0.75    # share of the shorter text's shingles found in the longer one ...
    min_length_ratio: float = 0.3  # ... when the shorter text is at least this share of the longer
    estimate_margin: float = 0.15  # allowance for the sketch's error before skipping a verification
    lsh_threshold: float = 0.35
    num_perm: int = 64
    seed: int = 1


def find_campaigns(texts: Sequence[str], settings: CampaignSettings = CampaignSettings()) -> list[CampaignGroup]:
    """Group near-duplicate texts; campaigns come largest first, then by their first member."""
    exact, vocabulary = _exact_groups(texts)
    long_groups = [group for words, group in exact.items() if len(words) >= settings.min_words]
    shingles = Shingles.of_word_numbers([words for words in exact if len(words) >= settings.min_words], vocabulary)
    weights = np.array([len(group) for group in long_groups], dtype=np.float64)
    leader_of = _Grouping(shingles, weights, settings).run()
    campaigns = _campaigns_from_leaders(long_groups, leader_of)
    campaigns += [group for words, group in exact.items()
                  if settings.min_exact_words <= len(words) < settings.min_words]
    return _finish(campaigns, settings)


def _exact_groups(texts: Sequence[str]) -> tuple[dict[tuple[int, ...], list[int]], list[str]]:
    """The texts with the same words (shingle_words): the list of their indices keyed by those
    words, in the order the words first appear; and the vocabulary. Words are numbers, positions in
    the vocabulary: 100,000 comments repeat a few thousand words millions of times, and a string
    for each took hundreds of megabytes. A text sent many times over is split into words once."""
    groups: dict[tuple[int, ...], list[int]] = {}
    words_of: dict[str, tuple[int, ...]] = {}
    number: defaultdict[str, int] = defaultdict(count().__next__)  # a new word takes the next number
    for index, text in enumerate(texts):
        words = words_of.get(text)
        if words is None:
            words = words_of[text] = tuple(map(number.__getitem__, shingle_words(text)))
        groups.setdefault(words, []).append(index)
    return groups, list(number)


def match_scores(common, size_a, size_b, settings: CampaignSettings) -> np.ndarray:
    """How well texts match (numpy arrays of shared and own shingle counts): 0 where they are no
    near-duplicates, else the larger of the Jaccard similarity and the qualifying containment."""
    common, size_a, size_b = (np.asarray(x, dtype=np.float64) for x in (common, size_a, size_b))
    jaccard = common / np.maximum(size_a + size_b - common, 1)
    small, large = np.minimum(size_a, size_b), np.maximum(size_a, size_b)
    contained = common / np.maximum(small, 1)
    by_containment = (small >= settings.min_length_ratio * large) & (contained >= settings.containment)
    return np.where(jaccard >= settings.jaccard, jaccard, np.where(by_containment, contained, 0.0))


def _worth_verifying(estimate, size_a, size_b, settings: CampaignSettings) -> np.ndarray:
    """Whether a sketch estimate of the Jaccard similarity leaves room for a match: the lowest
    similarity at which texts of these sizes can still match, less the sketch's error margin."""
    small, large = np.minimum(size_a, size_b), np.maximum(size_a, size_b)
    shared = settings.containment * small
    by_containment = shared / np.maximum(small + large - shared, 1)
    needed = np.where(small >= settings.min_length_ratio * large,
                      np.minimum(settings.jaccard, by_containment), settings.jaccard)
    return estimate >= needed - settings.estimate_margin


class _Grouping:
    """Leader-based grouping of the sketched texts (see the module's docstring)."""

    def __init__(self, shingles: Shingles, weights: np.ndarray, settings: CampaignSettings) -> None:
        self.shingles, self.settings, self.weights = shingles, settings, weights
        self.sizes = shingles.counts()
        self.leader_of = np.full(len(shingles), -1, dtype=np.int64)

    def run(self) -> np.ndarray:
        """For each text, the position of its campaign's leader, or -1."""
        sketched = np.flatnonzero(self.sizes > 0)
        if len(sketched) < 2:
            return self.leader_of
        self.sketches = np.zeros((len(self.sizes), self.settings.num_perm), dtype=np.uint32)
        self.sketches[sketched] = signatures(self.shingles, sketched, self.settings.num_perm, self.settings.seed)
        bands, rows = band_layout(self.settings.lsh_threshold, self.settings.num_perm)
        in_buckets, sizes = bucket_members(self.sketches[sketched], bands, rows)
        if not len(sizes):
            return self.leader_of
        members, heads, popularity = _members_and_heads(sketched[in_buckets], sizes, self.weights)
        edges = self._verified(members, heads)
        leaders = self._choose_leaders(edges, popularity)
        self._assign(edges, leaders)
        return self.leader_of

    def _verified(self, members: np.ndarray, heads: np.ndarray) -> dict[tuple[int, int], float]:
        """Exact match scores of the (member, head) pairs whose sketches leave room for a match."""
        count = len(self.sizes)
        keys = sorted_unique(heads * count + members)
        heads, members = keys // count, keys % count
        keep = self._promising(members, heads)
        heads, members = heads[keep], members[keep]
        scores = self._scores(members, heads)
        matched = scores > 0
        return dict(zip(zip(members[matched].tolist(), heads[matched].tolist()), scores[matched].tolist()))

    def _promising(self, texts: np.ndarray, others: np.ndarray) -> np.ndarray:
        keep = np.zeros(len(texts), dtype=bool)
        for start in range(0, len(texts), 100_000):  # bounded temporaries
            part = slice(start, start + 100_000)
            estimate = (self.sketches[texts[part]] == self.sketches[others[part]]).mean(axis=1)
            keep[part] = _worth_verifying(estimate, self.sizes[texts[part]], self.sizes[others[part]], self.settings)
        return keep

    def _scores(self, texts: np.ndarray, others: np.ndarray) -> np.ndarray:
        common = self.shingles.common(texts, others)
        return match_scores(common, self.sizes[texts], self.sizes[others], self.settings)

    def _choose_leaders(self, edges, popularity: np.ndarray) -> list[int]:
        """Heads of verified pairs, most shared first, unless they match an earlier leader."""
        heads = sorted({head for _, head in edges}, key=lambda h: (-popularity[h], h))
        leaders: list[int] = []
        chosen: set[int] = set()
        members_of: dict[int, list[int]] = {}
        for (text, head) in edges:
            members_of.setdefault(text, []).append(head)
        for head in heads:
            if not any(other in chosen for other in members_of.get(head, ())):
                leaders.append(head)
                chosen.add(head)
        return leaders

    def _assign(self, edges, leaders: list[int]) -> None:
        """Each text joins the leader it matches best; a text matched only by a member of a
        campaign is verified against that campaign's leader."""
        is_leader = set(leaders)
        best: dict[int, tuple[float, int]] = {}
        for (text, head), score in edges.items():
            if head in is_leader and text not in is_leader:
                if text not in best or (score, -head) > (best[text][0], -best[text][1]):
                    best[text] = (score, head)
        for leader in leaders:
            self.leader_of[leader] = leader
        for text, (_, leader) in best.items():
            self.leader_of[text] = leader
        self._attach_stragglers(edges)
        members = np.bincount(self.leader_of[self.leader_of >= 0], minlength=len(self.sizes))
        lonely = [leader for leader in leaders if members[leader] == 1]
        self.leader_of[lonely] = -1

    def _attach_stragglers(self, edges) -> None:
        pairs = sorted({(text, int(self.leader_of[head])) for (text, head) in edges
                        if self.leader_of[text] < 0 and self.leader_of[head] >= 0})
        if not pairs:
            return
        texts, leaders = (np.array(column, dtype=np.int64) for column in zip(*pairs))
        scores = self._scores(texts, leaders)
        order = np.lexsort((leaders, -scores, texts))  # per text: best score, then lowest leader
        first = np.concatenate(([True], texts[order][1:] != texts[order][:-1]))
        for position in order[first & (scores[order] > 0)].tolist():
            self.leader_of[texts[position]] = leaders[position]


def _members_and_heads(members: np.ndarray, sizes: np.ndarray, weights: np.ndarray):
    """Pair every text in a bucket (``members``, one bucket of ``sizes`` after the other) with the
    bucket's head: its most shared text (the one whose buckets hold the most comments), lowest
    position on a tie."""
    starts = np.cumsum(sizes) - sizes
    bucket_weight = np.add.reduceat(weights[members], starts)
    popularity = np.bincount(members, weights=np.repeat(bucket_weight, sizes), minlength=len(weights))
    # The head: the lowest position among the bucket's members of the top popularity.
    shared = popularity[members]
    top = np.repeat(np.maximum.reduceat(shared, starts), sizes)
    candidate = np.where(shared == top, members, len(weights))
    heads = np.repeat(np.minimum.reduceat(candidate, starts), sizes)
    others = members != heads
    return members[others], heads[others], popularity


def _campaigns_from_leaders(groups: list[list[int]], leader_of: np.ndarray) -> list[list[int]]:
    """Expand each leader's texts to all comments with those texts; the leader's comes first."""
    by_leader: dict[int, list[int]] = {}
    for position in np.flatnonzero(leader_of >= 0).tolist():
        by_leader.setdefault(int(leader_of[position]), []).append(position)
    campaigns = []
    for leader, positions in by_leader.items():
        others = sorted(index for p in positions if p != leader for index in groups[p])
        campaigns.append(groups[leader] + others)
    for position in np.flatnonzero(leader_of < 0).tolist():
        if len(groups[position]) > 1:
            campaigns.append(groups[position])
    return campaigns


def _finish(campaigns: list[list[int]], settings: CampaignSettings) -> list[CampaignGroup]:
    result = [
        CampaignGroup(members=tuple(sorted(members)), template=members[0])
        for members in campaigns if len(members) >= settings.min_size
    ]
    return sorted(result, key=lambda c: (-len(c.members), c.members[0]))
