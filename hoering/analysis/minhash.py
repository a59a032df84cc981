"""Shingles, MinHash sketches and LSH buckets, computed for all texts at once with numpy.

* A text's shingles are its word 3-grams, each hashed to 32 bits. Word hashes are crc32 of the
  word, so a text's shingles depend on its own words only (not on the rest of the input).
* A MinHash sketch keeps, for each of ``num_perm`` random permutations of the hash space, the
  smallest permuted shingle hash. Two texts agree at a position with probability equal to the
  Jaccard similarity of their shingle sets (Broder, 1997). The permutations are h -> a*h + b
  modulo 2^32 with odd ``a``, applied after a MurmurHash3 finaliser that spreads the input bits.
* LSH banding (Indyk and Motwani, 1998): the sketch is cut into ``bands`` bands of ``rows`` values;
  texts whose values agree on a whole band share a bucket. With Jaccard similarity s, two texts
  share at least one bucket with probability 1 - (1 - s^rows)^bands, so near-duplicates meet and
  unrelated texts rarely do, without comparing every pair.

Computing every sketch in one vectorised pass is what keeps 100,000 comments within seconds; a
sketch object per text (as in datasketch) spent most of the time on per-object overhead here. And
each distinct shingle is numbered (Shingles): near-duplicates share most of their shingles, so the
sketches permute each one once and ``common`` looks shingles up by number in a table.
"""
from __future__ import annotations

import zlib
from itertools import chain
from typing import Sequence

import numpy as np

_CHUNK_SHINGLES = 200_000  # shingle numbers per block of texts sketched together
_TABLE_VALUES = 16_000_000  # permute every distinct shingle up front while that table stays within 64 MB
_CACHED_ROWS = 4096        # permuted rows gathered at a time when sketching: 1 MB at 64 permutations
_MIX = np.uint64(0x100000001B3)


class Shingles:
    """The distinct word 3-grams of many texts. Every distinct 3-gram has a number: its position
    in ``distinct``, the sorted distinct hashes. Text ``i`` owns the numbers
    ``ids[offsets[i]:offsets[i+1]]``, ascending.

    Numbering the shingles is what makes the rest cheap: near-duplicates repeat the same 3-grams
    over and over, so sketches permute each distinct 3-gram of a block once (not every occurrence),
    and ``common`` can look a shingle up by its number instead of searching for its hash."""

    size = 3

    def __init__(self, token_lists: Sequence[Sequence[str]]) -> None:
        vocabulary = {word: number for number, word in enumerate(dict.fromkeys(chain.from_iterable(token_lists)))}
        self._build([tuple(map(vocabulary.__getitem__, tokens)) for tokens in token_lists], list(vocabulary))

    @classmethod
    def of_word_numbers(cls, texts: Sequence[Sequence[int]], words: Sequence[str]) -> Shingles:
        """The shingles of texts given as word numbers: positions in ``words``."""
        shingles = cls.__new__(cls)
        shingles._build(texts, words)
        return shingles

    def _build(self, texts: Sequence[Sequence[int]], words: Sequence[str]) -> None:
        word_hash = np.fromiter((zlib.crc32(word.encode()) for word in words), dtype=np.uint64, count=len(words))
        hashes = word_hash[np.fromiter(chain.from_iterable(texts), dtype=np.int64)]
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.ids, self.offsets, self.distinct = _numbered_shingles(hashes, lengths, self.size)
        self._counts = np.diff(self.offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def counts(self, indices: np.ndarray | None = None) -> np.ndarray:
        """How many distinct shingles each text (or each of ``indices``) has."""
        return self._counts if indices is None else self._counts[indices]

    def set(self, index: int) -> set[int]:
        """Text ``index``'s distinct shingle hashes."""
        return set(self.distinct[self.ids[self.offsets[index]:self.offsets[index + 1]]].tolist())

    def gather(self, indices: np.ndarray, numbers: bool = False) -> np.ndarray:
        """The shingles (hashes, or with ``numbers`` their numbers) of the texts ``indices``, one
        run after the other."""
        lengths = self._counts[indices]
        starts = np.cumsum(lengths) - lengths
        found = self.ids[np.repeat(self.offsets[indices] - starts, lengths) + np.arange(lengths.sum())]
        return found if numbers else self.distinct[found]

    def common(self, first: np.ndarray, second: np.ndarray, block: int = 64) -> np.ndarray:
        """For each pair (first[i], second[i]), how many shingles the two texts share.

        The pairs are taken in batches of at most ``block`` (up to 64) distinct second texts,
        each given one bit: a table holds, for each shingle number, the bits of the batch's
        second texts that have it, and each shingle of a first text is looked up there."""
        first, second = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
        block = max(1, min(block, 64))
        result = np.zeros(len(first), dtype=np.int64)
        order = np.argsort(second, kind="stable")
        ordered = second[order]
        rank = np.cumsum(np.concatenate(([False], ordered[1:] != ordered[:-1])))
        holders = np.zeros(len(self.distinct), dtype=np.uint64)
        bounds = np.searchsorted(rank, np.arange(0, int(rank[-1]) + 1 + block if len(rank) else 0, block))
        for begin, end in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
            pairs = order[begin:end]
            bits = np.left_shift(np.uint64(1), (rank[begin:end] - rank[begin]).astype(np.uint64))
            result[pairs] = self._common_batch(first[pairs], ordered[begin:end], bits, holders)
        return result

    def _common_batch(self, first: np.ndarray, second: np.ndarray, bits: np.ndarray, holders: np.ndarray) -> np.ndarray:
        """``common`` for pairs whose second texts (ascending) have the one-bit masks ``bits``;
        ``holders`` is all zero before and after."""
        new = np.concatenate(([True], second[1:] != second[:-1]))
        owned = self.gather(second[new], numbers=True)
        np.bitwise_or.at(holders, owned, np.repeat(bits[new], self._counts[second[new]]))
        lengths = self._counts[first]
        shared = (holders[self.gather(first, numbers=True)] & np.repeat(bits, lengths)) != 0
        holders[owned] = 0
        running = np.concatenate(([0], np.cumsum(shared)))
        ends = np.cumsum(lengths)
        return running[ends] - running[ends - lengths]


def _numbered_shingles(hashes: np.ndarray, lengths: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each text's distinct shingles as ascending numbers, the offsets of each text's run, and the
    sorted distinct shingle hashes that the numbers index. (Millions of shingles: the arrays are
    reused in place where they can be, as fresh memory is slow to come by.)"""
    nothing = np.zeros(0, dtype=np.int64), np.zeros(len(lengths) + 1, dtype=np.int64), np.zeros(0, dtype=np.uint32)
    if len(hashes) < size:
        return nothing
    mixed = hashes[: len(hashes) - size + 1].copy()
    for shift in range(1, size):
        mixed *= _MIX
        mixed ^= hashes[shift: len(hashes) - size + 1 + shift]
    mixed ^= mixed >> np.uint64(32)
    # The shingles inside one text: those starting at most length - size words into it.
    per_text = np.maximum(lengths - size + 1, 0)
    inside = np.repeat(np.cumsum(lengths) - lengths - (np.cumsum(per_text) - per_text), per_text)
    inside += np.arange(len(inside))
    # Sorted by shingle, then text: the distinct (shingle, text) pairs, numbered by shingle ...
    pairs = mixed[inside]
    del mixed, inside
    pairs <<= np.uint64(32)
    pairs |= np.repeat(np.arange(len(lengths), dtype=np.uint64), per_text)
    if not len(pairs):
        return nothing
    pairs.sort()
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
    shingle = pairs >> np.uint64(32)
    new = np.concatenate(([True], shingle[1:] != shingle[:-1]))
    distinct = shingle[new].astype(np.uint32)
    del shingle
    number = np.cumsum(new, dtype=np.uint64)
    number -= np.uint64(1)
    # ... then sorted by text, then number (the order of the hashes).
    pairs <<= np.uint64(32)
    pairs |= number
    pairs.sort()
    offsets = np.searchsorted(pairs, np.arange(len(lengths) + 1, dtype=np.uint64) << np.uint64(32))
    pairs &= np.uint64(0xFFFFFFFF)
    return pairs.view(np.int64), offsets.astype(np.int64), distinct


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending (a plain sort: faster here than numpy's hashing unique)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser: a bijection that makes every output bit depend on every input bit."""
    h = values.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def signatures(shingles: Shingles, indices: np.ndarray, num_perm: int = 64, seed: int = 1) -> np.ndarray:
    """MinHash sketches (one row of ``num_perm`` uint32 per text) of the texts ``indices``; each
    must have at least one shingle.

    Each distinct shingle is permuted once: all of them up front when that table is small, else
    those of each block. Texts are taken in blocks of similar length (shortest first), about
    ``_CHUNK_SHINGLES`` shingles each, whose shingle numbers fill one padded table."""
    rng = np.random.default_rng(seed)
    a = (rng.integers(0, 2**31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1))
    b = rng.integers(0, 2**32, num_perm, dtype=np.uint32)
    indices = np.asarray(indices, dtype=np.int64)
    result = np.empty((len(indices), num_perm), dtype=np.uint32)
    counts = shingles.counts(indices)
    if (counts == 0).any():
        raise ValueError("every text given to signatures() needs at least one shingle")
    permuted = _permuted(shingles.distinct, a, b) if len(shingles.distinct) * num_perm <= _TABLE_VALUES else None
    order = np.argsort(counts, kind="stable")
    for rows in _blocks(counts[order], _CHUNK_SHINGLES):
        chosen = order[rows]
        numbers = _padded_numbers(shingles, indices[chosen], counts[chosen])
        if permuted is None:
            distinct, local = np.unique(numbers, return_inverse=True)
            result[chosen] = _row_minima(_permuted(shingles.distinct[distinct], a, b), local.reshape(numbers.shape))
        else:
            result[chosen] = _row_minima(permuted, numbers)
    return result


def _permuted(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each shingle hash under each permutation h -> a*h + b (uint32 arithmetic wraps: modulo 2^32)."""
    return _fmix32(hashes)[:, None] * a[None, :] + b[None, :]


def _blocks(ascending_counts: np.ndarray, budget: int):
    """Slices of consecutive texts (counts ascending) whose padded table, texts times the
    longest count, stays within ``budget``; at least one text each."""
    start = 0
    while start < len(ascending_counts):
        end = min(len(ascending_counts), start + max(1, budget // int(ascending_counts[start])))
        while end - start > 1 and (end - start) * int(ascending_counts[end - 1]) > budget:
            end = start + max(1, budget // int(ascending_counts[end - 1]))
        yield slice(start, end)
        start = end


def _padded_numbers(shingles: Shingles, indices: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """A table with one row of shingle numbers per text, padded to the longest by repeating the
    text's last shingle (which leaves its minimum alone)."""
    width = int(counts.max())
    columns = np.minimum(np.arange(width)[None, :], counts[:, None] - 1)
    return shingles.ids[shingles.offsets[indices][:, None] + columns]


def _row_minima(permuted: np.ndarray, numbers: np.ndarray) -> np.ndarray:
    """For each row of shingle numbers, the elementwise minimum of their rows of ``permuted``;
    a few columns at a time, so that the rows being compared stay in the processor's cache."""
    rows, width = numbers.shape
    step = max(1, _CACHED_ROWS // rows)
    minima = permuted[numbers[:, 0]]
    for column in range(1, width, step):
        np.minimum(minima, permuted[numbers[:, column:column + step]].min(axis=1), out=minima)
    return minima


def lsh_buckets(sketches: np.ndarray, bands: int, rows: int) -> list[np.ndarray]:
    """Buckets of two or more texts (row positions into ``sketches``, ascending) that agree on a
    whole band of ``rows`` values; ``bands * rows`` must not exceed the sketch length."""
    members, sizes = bucket_members(sketches, bands, rows)
    return np.split(members, np.cumsum(sizes)[:-1]) if len(sizes) else []


def bucket_members(sketches: np.ndarray, bands: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """The buckets of lsh_buckets in two flat arrays: their members, one bucket after the other,
    and the size of each bucket. (Hundreds of thousands of buckets are cheaper to handle so.)"""
    if bands * rows > sketches.shape[1]:
        raise ValueError("bands * rows is longer than the sketches")
    members: list[np.ndarray] = []
    sizes: list[np.ndarray] = []
    for band in range(bands):
        columns = sketches[:, band * rows:(band + 1) * rows].astype(np.uint64)
        key = columns[:, 0].copy()
        for column in range(1, rows):
            key = key * _MIX ^ columns[:, column]
        order = np.argsort(key, kind="stable")  # stable: positions ascend within a bucket
        ordered = key[order]
        breaks = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        run = np.diff(np.concatenate(([0], breaks, [len(order)])))
        members.append(order[np.repeat(run, run) > 1])
        sizes.append(run[run > 1])
    if not members:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(members), np.concatenate(sizes)


def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) whose S-curve 1 - (1 - s^rows)^bands crosses one half nearest ``threshold``,
    preferring more bands (fewer missed pairs) on a tie."""
    best = None
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        midpoint = (1 - 0.5 ** (1 / bands)) ** (1 / rows)
        score = (abs(midpoint - threshold), -bands)
        if best is None or score < best[0]:
            best = (score, bands, rows)
    return best[1], best[2]
