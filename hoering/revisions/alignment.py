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
LONE_PAIR_SHARED = 0.3  # ... and sharing this share of their content words
NEAR_SHARED = 0.5  # a near pair that is not alone in its gap needs more of them in common
FUZZY_PASSES = 4
NEAR_BONUS = 0.1
# A split or merge is taken when the joined text is this similar, and clearly more similar than the
# single unit it would replace.
JOINED_SIMILARITY = 0.8
JOIN_GAIN = 0.08
# A unit's text counts as contained in another's from this share of matching characters.
CONTAINED = 0.97
# Below this confidence a match is shown to the planner first, to check.
UNCERTAIN = 0.75

_MARKS = re.compile(r"[\W_]+", re.UNICODE)
_HEADING_NUMBER = re.compile(
    r"^\s*(?:§+\s*[\w.\-]+|(?:kapittel|kap\.|del|artikkel|vedlegg|punkt)\s+[\w.\-]+|\d+(?:\.\d+)*)\.?\s*",
    re.IGNORECASE | re.UNICODE)
_CONTENT_WORD = 4  # letters at least: shorter words say little about what a paragraph is about
_STEM = 5
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


def _comparable(block: Block) -> str:
    """What is compared of a unit: its normalised words; for a heading, without its number or label
    ("§ 29", "Kapittel 3", "5.2"), since a revision renumbers headings it does not otherwise change."""
    text = _HEADING_NUMBER.sub("", block.text, count=1) if block.kind == "heading" else block.text
    return normalised(text) or normalised(block.text)


def similarity(a: str, b: str) -> float:
    """0..1: how much of two normalised texts is the same (Indel: insertions and deletions)."""
    return float(fuzz.ratio(a, b)) / 100


def _sort(block: Block) -> str:
    return "heading" if block.kind == "heading" else "text"


class _Work:
    """The state of one alignment: which old unit each new unit is paired with so far."""

    def __init__(self, old: Sequence[Block], new: Sequence[Block]):
        self.old, self.new = old, new
        self.old_words = [_comparable(b) for b in old]
        self.new_words = [_comparable(b) for b in new]
        self.pair_of_new: dict[int, tuple[int, float]] = {}
        self.new_of_old: dict[int, int] = {}
        self.joined: dict[int, tuple[tuple[int, ...], str, float]] = {}  # new → (olds, SPLIT/MERGED, conf)

    def pair(self, old: int, new: int, confidence: float) -> None:
        self.pair_of_new[new] = (old, confidence)
        self.new_of_old[old] = new

    def context(self, old: int, new: int) -> int:
        """How many of the old unit's two neighbours are paired with the new unit's neighbours."""
        return (self.new_of_old.get(old - 1, -2) == new - 1) + (self.new_of_old.get(old + 1, -2) == new + 1)

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.new_of_old]

    def free_new(self) -> list[int]:
        return [j for j in range(len(self.new)) if j not in self.pair_of_new and j not in self.joined]


def align(old: Sequence[Block], new: Sequence[Block]) -> Alignment:
    """Line ``new`` up with ``old``."""
    work = _Work(old, new)
    _same_text_in_order(work)
    _same_words(work)
    _fuzzy(work, lenient=False)
    _splits_and_merges(work)
    _fuzzy(work, lenient=True)
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
    """Identical text anywhere (a move), then the same words once case and marks (and a heading's
    number) are set aside. Where several units share the words (headings such as "Formål" under every
    §), they pair in document order when both versions have as many, else nearest first."""
    for confidence, texts_old, texts_new in (
        (SAME_TEXT, [b.text.strip() for b in work.old], [b.text.strip() for b in work.new]),
        (SAME_WORDS, work.old_words, work.new_words),
    ):
        groups: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        for i in work.free_old():
            if texts_old[i]:
                groups.setdefault((_sort(work.old[i]), texts_old[i]), ([], []))[0].append(i)
        for j in work.free_new():
            key = (_sort(work.new[j]), texts_new[j])
            if key in groups:
                groups[key][1].append(j)
        expected = _Expected(work)
        for olds, news in groups.values():
            for i, j in _pair_up(work, olds, news, expected):
                work.pair(i, j, confidence)


def _pair_up(work: _Work, olds: list[int], news: list[int], expected: _Expected) -> list[tuple[int, int]]:
    """Units with the same words paired: those whose neighbours went the same way first, then the
    nearest. A heading pairs only where it is expected or its neighbours agree: short titles recur."""
    pairs, used_old, used_new = [], set(), set()
    ranked = sorted((-work.context(i, j), abs(j - expected.centre(i)), i, j) for i in olds for j in news)
    for context, _, i, j in ranked:
        if i in used_old or j in used_new:
            continue
        if _sort(work.old[i]) == "heading" and not context and not expected.near(i, j):
            continue
        pairs.append((i, j))
        used_old.add(i)
        used_new.add(j)
    return pairs


class _Expected:
    """Where an unpaired old unit is expected in the new version: between the new units paired with
    the nearest paired old units before and after it."""

    def __init__(self, work: _Work):
        """Only pairs that kept their order count: a neighbour that moved far away says nothing about
        where a unit went."""
        old_of_new = {j: i for j, (i, _) in work.pair_of_new.items()}
        kept = _in_place(old_of_new)
        paired = sorted((old_of_new[j], j) for j in kept)
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


def _fuzzy(work: _Work, lenient: bool) -> None:
    """Pairs of similar units, in passes: each pass recomputes where units are expected from the pairs
    found so far, so a rewrite beside another change is found once its neighbour is paired. The
    ``lenient`` passes, after splits and merges are found, also take rewrites by the words they share."""
    for _ in range(FUZZY_PASSES):
        if not _fuzzy_pass(work, lenient):
            return


def _fuzzy_pass(work: _Work, lenient: bool) -> bool:
    """One pass, best first: a unit alone with one other in its gap first (the same unit, rewritten,
    when they share what they are about), then near pairs, which need less similarity than moves.
    Whether any pair was found."""
    olds, news = work.free_old(), work.free_new()
    if not olds or not news:
        return False
    expected = _Expected(work)
    scores = process.cdist([work.old_words[i] for i in olds], [work.new_words[j] for j in news],
                           scorer=fuzz.ratio, dtype=None, workers=1)
    lone = _lone_pairs(work, expected, olds, news)
    candidates, shared = [], {}
    for a, i in enumerate(olds):
        for b, j in enumerate(news):
            if _sort(work.old[i]) != _sort(work.new[j]):
                continue
            score = float(scores[a][b]) / 100
            near = expected.near(i, j)
            if lenient and near and score >= LONE_PAIR_SIMILARITY:
                shared[i, j] = _shared_words(work.old_words[i], work.new_words[j])
            if (i, j) in lone and (score >= NEAR_SIMILARITY or shared.get((i, j), 0) >= LONE_PAIR_SHARED):
                candidates.append((2, score, i, j))
            elif near and (score >= NEAR_SIMILARITY or shared.get((i, j), 0) >= NEAR_SHARED):
                candidates.append((1, score, i, j))
            elif score >= MOVE_SIMILARITY and (_sort(work.old[i]) != "heading" or work.context(i, j)):
                candidates.append((0, score, i, j))
    candidates += [(1, float(scores[olds.index(i)][news.index(j)]) / 100, i, j) for i, j in _clear_favourites(shared)]
    found = False
    for _, score, i, j in sorted(candidates, key=lambda c: (c[0] > 0, c[0] == 2, c[1] + (NEAR_BONUS if c[0] else 0)),
                                 reverse=True):
        if i not in work.new_of_old and j not in work.pair_of_new:
            work.pair(i, j, round(score, 3))
            found = True
    return found


def _clear_favourites(shared: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Near pairs that share enough content words and are clearly each other's best: twice what either
    shares with any other unit of the gap. A rewrite beside a deleted or an inserted paragraph."""
    best_old: dict[int, list[float]] = {}
    best_new: dict[int, list[float]] = {}
    for (i, j), value in shared.items():
        best_old.setdefault(i, []).append(value)
        best_new.setdefault(j, []).append(value)
    return [(i, j) for (i, j), value in shared.items() if value >= LONE_PAIR_SHARED
            and value >= 2 * _second(best_old[i]) and value >= 2 * _second(best_new[j])]


def _second(values: list[float]) -> float:
    return sorted(values, reverse=True)[1] if len(values) > 1 else 0.0


def _shared_words(a: str, b: str) -> float:
    """The share of the shorter text's content words that the other has too; words are compared by
    their first letters, a crude stem that lets "lekeplasser" meet "lekeplass" and compounds their head."""
    first = {w[:_STEM] for w in a.split() if len(w) >= _CONTENT_WORD}
    second = {w[:_STEM] for w in b.split() if len(w) >= _CONTENT_WORD}
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


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
        kind = "equal" if op.tag == "equal" else op.tag
        tokens = new_tokens[op.dest_start:op.dest_end] if kind == "insert" else old_tokens[op.src_start:op.src_end]
        _add(parts, kind, "".join(tokens))
    return _deletions_first(parts)


def _deletions_first(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Between two equal parts, what was deleted reads before what was inserted in its place."""
    ordered: list[tuple[str, str]] = []
    for kind, text in parts:
        if kind == "delete" and ordered and ordered[-1][0] == "insert":
            inserted = ordered.pop()
            _add(ordered, "delete", text)
            _add(ordered, *inserted)
        else:
            _add(ordered, kind, text)
    return ordered


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
