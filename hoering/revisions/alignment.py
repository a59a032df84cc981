"""How a revised draft lines up with the version before it: for every new unit, the old units it comes
from, how it changed, and how sure the match is. Plain Python; no Flask, no database.

The matching goes from certain to less certain, and each step only looks at what the steps before
left over:

1. Units whose text is the same, in document order (difflib's longest common blocks over whole
   texts): the anchors of the alignment.
2. Units whose text is the same once case, punctuation, Markdown marks and spacing are set aside.
3. Fuzzy pairs, best first: similarity of the normalised texts (RapidFuzz's Indel ratio, computed for
   all remaining pairs at once), raised for a pair that sits where the anchors around the old unit
   say it should. A pair far from there needs a higher similarity: that is a move.
4. Splits and merges: an old unit whose text is spread over two neighbouring new units, or two
   neighbouring old units joined into one.

Text is compared as it is: æ, ø and å stay letters of their own (casefold keeps them), so "bør" and
"bor" differ, and nynorsk forms are never mapped to bokmål. A unit only matches a unit of its own
sort: headings match headings.

Whether a matched unit kept its place is decided last, over all pairs: the longest run of pairs in
the same order in both versions stays in place; the others moved.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

UNCHANGED = "unchanged"
EDITED = "edited"
MOVED = "moved"
SPLIT = "split"
MERGED = "merged"
NEW = "new"
REMOVED = "removed"

# Confidence of each kind of evidence; a fuzzy pair's is its similarity.
SAME_TEXT = 1.0
SAME_WORDS = 0.97
# A fuzzy pair is accepted at this similarity where the anchors expect it, and at MOVE_SIMILARITY
# elsewhere. A pair alone in its gap (one old and one new unit between the same anchors) is the
# same unit rewritten at any similarity from LONE_PAIR_SIMILARITY.
NEAR_SIMILARITY = 0.55
MOVE_SIMILARITY = 0.8
LONE_PAIR_SIMILARITY = 0.3
NEAR_BONUS = 0.1
# A split or merge is taken when the joined text is this similar, and clearly more similar than the
# single unit it would replace.
JOINED_SIMILARITY = 0.8
JOIN_GAIN = 0.08
# A unit's text counts as contained in another's from this share of matching characters.
CONTAINED = 0.9
# Below this confidence a match is shown to the planner first, to check.
UNCERTAIN = 0.75

_MARKS = re.compile(r"[\W_]+", re.UNICODE)
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Block:
    """A unit as the alignment sees it."""

    key: str  # the unit's anchor, unique within its version
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Match:
    """Where a new unit comes from (``old``: indices in the old version; empty for a new unit), or, with
    ``new`` None, an old unit that was removed."""

    new: int | None
    old: tuple[int, ...]
    status: str
    confidence: float

    @property
    def uncertain(self) -> bool:
        return self.confidence < UNCERTAIN


@dataclass(frozen=True)
class Alignment:
    """The matches of a revision: one per new unit in document order, then one per removed old unit;
    and for each old unit that lives on, the new unit its comments go to (for a split, the part that
    holds most of its text)."""

    matches: list[Match]
    old_count: int
    successors: dict[int, int]

    def successor(self, old_index: int) -> int | None:
        """The new unit an old unit's comments go to; None when it was removed."""
        return self.successors.get(old_index)

    def status_of_new(self, new_index: int) -> str:
        return self.matches[new_index].status

    @property
    def removed(self) -> list[int]:
        return [m.old[0] for m in self.matches if m.new is None]

    @property
    def changed_share(self) -> float:
        """The share of units changed, moved, new or removed, of the larger version: a prompt to think
        about whether the changes are substantial, never a rule."""
        changed = sum(1 for m in self.matches if m.status != UNCHANGED)
        return changed / max(1, len(self.matches) - len(self.removed), self.old_count)


def normalised(text: str) -> str:
    """The words of ``text``, case folded, without punctuation, Markdown marks or extra spacing; letters
    stay as they are (no folding to ASCII)."""
    return " ".join(_MARKS.sub(" ", unicodedata.normalize("NFC", text).casefold()).split())


def similarity(a: str, b: str) -> float:
    """0..1: how much of two normalised texts is the same (Indel: insertions and deletions)."""
    return float(fuzz.ratio(a, b)) / 100


def _sort(block: Block) -> str:
    return "heading" if block.kind == "heading" else "text"


class _Work:
    """The state of one alignment: which old unit each new unit is paired with so far."""

    def __init__(self, old: Sequence[Block], new: Sequence[Block]):
        self.old, self.new = old, new
        self.old_words = [normalised(b.text) for b in old]
        self.new_words = [normalised(b.text) for b in new]
        self.pair_of_new: dict[int, tuple[int, float]] = {}
        self.new_of_old: dict[int, int] = {}
        self.joined: dict[int, tuple[tuple[int, ...], str, float]] = {}  # new → (olds, SPLIT/MERGED, conf)

    def pair(self, old: int, new: int, confidence: float) -> None:
        self.pair_of_new[new] = (old, confidence)
        self.new_of_old[old] = new

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.new_of_old]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.new)) if j not in self.pair_of_new and j not in self.joined]


def align(old: Sequence[Block], new: Sequence[Block]) -> Alignment:
    """Line ``new`` up with ``old``."""
    work = _Work(old, new)
    _same_text_in_order(work)
    _same_words(work)
    _fuzzy(work)
    _splits_and_merges(work)
    return _result(work)


def _same_text_in_order(work: _Work) -> None:
    """The anchors: runs of identical units in the same order (per sort, so a heading never anchors a
    paragraph)."""
    old_texts = [(_sort(b), b.text.strip()) for b in work.old]
    new_texts = [(_sort(b), b.text.strip()) for b in work.new]
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            work.pair(block.a + k, block.b + k, SAME_TEXT)


def _same_words(work: _Work) -> None:
    """Identical text anywhere (a move), then the same words once case and marks are set aside; the
    nearest candidate first, so that repeated paragraphs pair with their own."""
    for confidence, texts_old, texts_new in (
        (SAME_TEXT, [b.text.strip() for b in work.old], [b.text.strip() for b in work.new]),
        (SAME_WORDS, work.old_words, work.new_words),
    ):
        waiting: dict[tuple[str, str], list[int]] = {}
        for j in work.free_new():
            if texts_new[j]:
                waiting.setdefault((_sort(work.new[j]), texts_new[j]), []).append(j)
        expected = _Expected(work)
        for i in work.free_old():
            candidates = waiting.get((_sort(work.old[i]), texts_old[i]))
            if not candidates:
                continue
            j = min(candidates, key=lambda c: abs(c - expected.centre(i)))
            candidates.remove(j)
            work.pair(i, j, confidence)


class _Expected:
    """Where an unpaired old unit is expected in the new version: between the new units paired with
    the nearest paired old units before and after it."""

    def __init__(self, work: _Work):
        paired = sorted(work.new_of_old.items())
        self.olds = [old for old, _ in paired]
        self.news = [new for _, new in paired]
        self.new_count = len(work.new)

    def gap(self, old: int) -> tuple[int, int]:
        """(after, before): the new units strictly between these are where ``old`` is expected."""
        k = bisect_left(self.olds, old)
        after = self.news[k - 1] if k > 0 else -1
        before = self.news[k] if k < len(self.news) else self.new_count
        return (after, before) if after < before else (min(after, before), max(after, before))

    def near(self, old: int, new: int) -> bool:
        after, before = self.gap(old)
        return after < new < before

    def centre(self, old: int) -> float:
        after, before = self.gap(old)
        return (after + before) / 2


def _fuzzy(work: _Work) -> None:
    """Pairs of similar units, best first; near pairs need less similarity than moves."""
    olds, news = work.free_old(), work.free_new()
    if not olds or not news:
        return
    expected = _Expected(work)
    scores = process.cdist([work.old_words[i] for i in olds], [work.new_words[j] for j in news],
                           scorer=fuzz.ratio, dtype=None, workers=1)
    lone = _lone_pairs(work, expected, olds, news)
    candidates = []
    for a, i in enumerate(olds):
        for b, j in enumerate(news):
            if _sort(work.old[i]) != _sort(work.new[j]):
                continue
            score = float(scores[a][b]) / 100
            near = expected.near(i, j)
            if score >= (NEAR_SIMILARITY if near else MOVE_SIMILARITY) or (i, j) in lone and score >= LONE_PAIR_SIMILARITY:
                candidates.append((score + (NEAR_BONUS if near else 0.0), score, i, j))
    for _, score, i, j in sorted(candidates, reverse=True):
        if i not in work.new_of_old and j not in work.pair_of_new:
            work.pair(i, j, round(float(score), 3))


def _lone_pairs(work: _Work, expected: _Expected, olds: list[int], news: list[int]) -> set[tuple[int, int]]:
    """Gaps between the same anchors that hold exactly one old and one new unit of the same sort: the
    same unit, rewritten, whatever their similarity says (it still sets the confidence)."""
    by_gap_old: dict[tuple[int, int], list[int]] = {}
    for i in olds:
        by_gap_old.setdefault(expected.gap(i), []).append(i)
    lone = set()
    news_sorted = sorted(news)
    for (after, before), gap_olds in by_gap_old.items():
        lo, hi = bisect_left(news_sorted, after + 1), bisect_left(news_sorted, before)
        gap_news = news_sorted[lo:hi]
        if len(gap_olds) == 1 and len(gap_news) == 1 and _sort(work.old[gap_olds[0]]) == _sort(work.new[gap_news[0]]):
            lone.add((gap_olds[0], gap_news[0]))
    return lone


def _splits_and_merges(work: _Work) -> None:
    """An old unit spread over two neighbouring new units (split), or two neighbouring old units joined
    into one new unit (merged), where the joined text explains the pair clearly better."""
    for j in range(len(work.new)):
        if j in work.joined:
            continue
        if j in work.pair_of_new:
            i, confidence = work.pair_of_new[j]
            if confidence < SAME_WORDS:
                _try_split(work, i, j, confidence) or _try_merge(work, i, j, confidence)
        else:
            _try_unpaired(work, j)


def _joined_similarity(whole: str, words: list[str], parts: tuple[int, int]) -> float:
    """How similar ``whole`` is to the two parts joined, in either order (a part may have come from
    elsewhere in the document)."""
    first, second = words[parts[0]], words[parts[1]]
    return max(similarity(whole, f"{first} {second}"), similarity(whole, f"{second} {first}"))


def _try_split(work: _Work, i: int, j: int, confidence: float) -> bool:
    for other in (_neighbour(work.new, j, 1, lambda k: _free_new(work, k)),
                  _neighbour(work.new, j, -1, lambda k: _free_new(work, k)),
                  _contained(work.new_words, work.new, work.old_words[i], work.new[j],
                             [k for k in range(len(work.new)) if _free_new(work, k)])):
        if other is None:
            continue
        parts = (j, other) if other > j else (other, j)
        joined = _joined_similarity(work.old_words[i], work.new_words, parts)
        if joined >= JOINED_SIMILARITY and joined >= confidence + JOIN_GAIN:
            _record_split(work, i, parts, joined)
            return True
    return False


def _try_merge(work: _Work, i: int, j: int, confidence: float) -> bool:
    for other in (_neighbour(work.old, i, 1, lambda k: _free_old(work, k)),
                  _neighbour(work.old, i, -1, lambda k: _free_old(work, k)),
                  _contained(work.old_words, work.old, work.new_words[j], work.old[i], work.free_old())):
        if other is None:
            continue
        parts = (i, other) if other > i else (other, i)
        joined = _joined_similarity(work.new_words[j], work.old_words, parts)
        if joined >= JOINED_SIMILARITY and joined >= confidence + JOIN_GAIN:
            work.pair_of_new.pop(j)
            work.joined[j] = (parts, MERGED, round(joined, 3))
            for old in parts:
                work.new_of_old[old] = j
            return True
    return False


def _contained(words: list[str], blocks: Sequence[Block], whole: str, like: Block, free: list[int]) -> int | None:
    """The free unit (of ``like``'s sort) whose text is most nearly contained in ``whole``: a paragraph
    merged from, or split off to, somewhere else in the document."""
    candidates = [k for k in free if _sort(blocks[k]) == _sort(like) and words[k] and len(words[k]) < len(whole)]
    if not candidates:
        return None
    scores = process.extractOne(whole, {k: words[k] for k in candidates}, scorer=fuzz.partial_ratio,
                                score_cutoff=CONTAINED * 100, processor=None)
    return scores[2] if scores else None


def _neighbour(blocks: Sequence[Block], index: int, step: int, free) -> int | None:
    """The next unit of the same sort from ``index`` in direction ``step``, if it is free; units of the
    other sort that are free too (a heading removed between two merged paragraphs) are passed over."""
    k = index + step
    while 0 <= k < len(blocks):
        if _sort(blocks[k]) == _sort(blocks[index]):
            return k if free(k) else None
        if not free(k):
            return None
        k += step
    return None


def _try_unpaired(work: _Work, j: int) -> None:
    """A new unit nobody claimed may be two old units joined, or one half of an old unit."""
    expected = _Expected(work)
    for i in range(len(work.old) - 1):
        pair = (i, i + 1)
        if not all(_free_old(work, k) for k in pair) or not expected.near(i, j):
            continue
        joined = _joined_similarity(work.new_words[j], work.old_words, pair)
        if joined >= JOINED_SIMILARITY:
            work.joined[j] = (pair, MERGED, round(joined, 3))
            for old in pair:
                work.new_of_old[old] = j
            return


def _free_new(work: _Work, j: int) -> bool:
    return 0 <= j < len(work.new) and j not in work.pair_of_new and j not in work.joined


def _free_old(work: _Work, i: int) -> bool:
    return 0 <= i < len(work.old) and i not in work.new_of_old


def _record_split(work: _Work, i: int, parts: tuple[int, int], confidence: float) -> None:
    for part in parts:
        work.pair_of_new.pop(part, None)
        work.joined[part] = ((i,), SPLIT, round(confidence, 3))
    work.new_of_old[i] = max(parts, key=lambda part: _share(work.new_words[part], work.old_words[i]))


def _share(part: str, whole: str) -> float:
    """How much of ``whole`` ``part`` holds: matched characters over the whole's length (0..1)."""
    if not whole:
        return 0.0
    return fuzz.partial_ratio(part, whole) / 100 * min(1.0, len(part) / len(whole))


def _result(work: _Work) -> Alignment:
    in_place = _in_place({j: old for j, (old, _) in work.pair_of_new.items()})
    matches = []
    for j, block in enumerate(work.new):
        if j in work.joined:
            olds, status, confidence = work.joined[j]
            matches.append(Match(j, olds, status, confidence))
        elif j in work.pair_of_new:
            i, confidence = work.pair_of_new[j]
            same = work.old[i].text.strip() == block.text.strip()
            status = (UNCHANGED if same else EDITED) if j in in_place else MOVED
            matches.append(Match(j, (i,), status, confidence))
        else:
            matches.append(Match(j, (), NEW, 1.0))
    matches += [Match(None, (i,), REMOVED, 1.0) for i in range(len(work.old)) if i not in work.new_of_old]
    return Alignment(matches, len(work.old), dict(work.new_of_old))


def _in_place(old_of_new: dict[int, int]) -> set[int]:
    """The new units of the longest run of pairs in the same order in both versions (patience-style
    longest increasing subsequence of the old indices, taken in new order)."""
    news = sorted(old_of_new)
    tails: list[int] = []  # old index ending the best run of each length
    tail_at: list[int] = []  # position in ``news`` of that end
    back: list[int] = [-1] * len(news)
    for position, j in enumerate(news):
        old = old_of_new[j]
        k = bisect_left(tails, old)
        if k == len(tails):
            tails.append(old)
            tail_at.append(position)
        else:
            tails[k] = old
            tail_at[k] = position
        back[position] = tail_at[k - 1] if k > 0 else -1
    kept = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(news[position])
        position = back[position]
    return kept


def word_diff(old_text: str, new_text: str) -> list[tuple[str, str]]:
    """The change from ``old_text`` to ``new_text`` word by word: ("equal" | "delete" | "insert", text)
    in reading order, a replacement as its deletion followed by its insertion."""
    old_tokens, new_tokens = _TOKENS.findall(old_text), _TOKENS.findall(new_text)
    parts: list[tuple[str, str]] = []
    for op in Indel.opcodes(old_tokens, new_tokens):
        if op.tag == "equal":
            _add(parts, "equal", "".join(old_tokens[op.src_start:op.src_end]))
            continue
        _add(parts, "delete", "".join(old_tokens[op.src_start:op.src_end]))
        _add(parts, "insert", "".join(new_tokens[op.dest_start:op.dest_end]))
    return parts


def _add(parts: list[tuple[str, str]], kind: str, text: str) -> None:
    if not text:
        return
    if parts and parts[-1][0] == kind:
        parts[-1] = (kind, parts[-1][1] + text)
    else:
        parts.append((kind, text))


def follow(alignments: Sequence[Alignment], old_index: int) -> int | None:
    """Where a unit of the first version sits after every revision in ``alignments`` (in order); None
    once a revision removed it."""
    index: int | None = old_index
    for alignment in alignments:
        if index is None:
            return None
        index = alignment.successor(index)
    return index
