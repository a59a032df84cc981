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
sketch object per text (as in datasketch) spent most of the time on per-object overhead here.
"""
from __future__ import annotations

import zlib
from itertools import chain
from typing import Sequence

import numpy as np

_CHUNK_SHINGLES = 200_000  # shingles per vectorised block: about 50 MB of temporaries at 64 permutations
_MIX = np.uint64(0x100000001B3)


class Shingles:
    """The distinct word 3-gram hashes of many texts, stored flat and sorted: text ``i`` owns
    ``values[offsets[i]:offsets[i+1]]``."""

    size = 3

    def __init__(self, token_lists: Sequence[list[str]]) -> None:
        vocabulary = {word: number for number, word in enumerate(dict.fromkeys(chain.from_iterable(token_lists)))}
        ids = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64)
        word_hash = np.fromiter((zlib.crc32(word.encode()) for word in vocabulary), dtype=np.uint64,
                                count=len(vocabulary))
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        self.values, self.offsets = _shingle_values(word_hash[ids], lengths, self.size)
        self._counts = np.diff(self.offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def counts(self, indices: np.ndarray | None = None) -> np.ndarray:
        """How many distinct shingles each text (or each of ``indices``) has."""
        return self._counts if indices is None else self._counts[indices]

    def set(self, index: int) -> set[int]:
        """Text ``index``'s distinct shingle hashes."""
        return set(self.values[self.offsets[index]:self.offsets[index + 1]].tolist())

    def gather(self, indices: np.ndarray) -> np.ndarray:
        """The shingles of the texts ``indices``, one run after the other."""
        lengths = self._counts[indices]
        starts = np.cumsum(lengths) - lengths
        return self.values[np.repeat(self.offsets[indices] - starts, lengths) + np.arange(lengths.sum())]

    def common(self, first: np.ndarray, second: np.ndarray, block: int = 20_000) -> np.ndarray:
        """For each pair (first[i], second[i]), how many shingles the two texts share."""
        result = np.zeros(len(first), dtype=np.int64)
        for start in range(0, len(first), block):
            part = slice(start, start + block)
            result[part] = self._common_block(first[part], second[part])
        return result

    def _common_block(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        # Tag each shingle with its pair's number: the second texts' tagged shingles are sorted,
        # so one binary search per shingle of the first texts finds what the pair shares.
        pair = np.arange(len(first), dtype=np.uint64)
        tagged_first = (np.repeat(pair, self._counts[first]) << np.uint64(32)) | self.gather(first)
        tagged_second = (np.repeat(pair, self._counts[second]) << np.uint64(32)) | self.gather(second)
        if not len(tagged_second):
            return np.zeros(len(first), dtype=np.int64)
        position = np.minimum(np.searchsorted(tagged_second, tagged_first), len(tagged_second) - 1)
        found = tagged_second[position] == tagged_first
        return np.bincount((tagged_first[found] >> np.uint64(32)).astype(np.int64), minlength=len(first))


def _shingle_values(hashes: np.ndarray, lengths: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct shingle hashes per text, and the offsets of each text's run."""
    empty = np.zeros(len(lengths) + 1, dtype=np.int64)
    if len(hashes) < size:
        return np.zeros(0, dtype=np.uint32), empty
    starts = np.concatenate(([0], np.cumsum(lengths)))
    mixed = hashes[: len(hashes) - size + 1].copy()
    for shift in range(1, size):
        mixed = mixed * _MIX ^ hashes[shift: len(hashes) - size + 1 + shift]
    mixed = (mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    # A shingle is valid when it lies inside one text: its position within the text <= length - size.
    text_of = np.repeat(np.arange(len(lengths)), lengths)[: len(mixed)]
    valid = (np.arange(len(mixed)) - starts[text_of]) <= (lengths[text_of] - size)
    keyed = sorted_unique((text_of[valid].astype(np.uint64) << np.uint64(32)) | mixed[valid])
    owner = (keyed >> np.uint64(32)).astype(np.int64)
    counts = np.bincount(owner, minlength=len(lengths))
    return (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32), np.concatenate(([0], np.cumsum(counts)))


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
    must have at least one shingle."""
    rng = np.random.default_rng(seed)
    a = (rng.integers(0, 2**31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1))
    b = rng.integers(0, 2**32, num_perm, dtype=np.uint32)
    result = np.empty((len(indices), num_perm), dtype=np.uint32)
    counts = shingles.offsets[indices + 1] - shingles.offsets[indices]
    if (counts == 0).any():
        raise ValueError("every text given to signatures() needs at least one shingle")
    first = 0
    while first < len(indices):
        last = first + max(1, int(np.searchsorted(np.cumsum(counts[first:]), _CHUNK_SHINGLES)))
        result[first:last] = _block(shingles, indices[first:last], counts[first:last], a, b)
        first = last
    return result


def _block(shingles: Shingles, indices: np.ndarray, counts: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    parts = [shingles.values[shingles.offsets[i]:shingles.offsets[i + 1]] for i in indices]
    values = _fmix32(np.concatenate(parts))
    permuted = values[:, None] * a[None, :] + b[None, :]  # uint32 arithmetic wraps: modulo 2^32
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    return np.minimum.reduceat(permuted, starts, axis=0)


def lsh_buckets(sketches: np.ndarray, bands: int, rows: int) -> list[np.ndarray]:
    """Buckets of two or more texts (row positions into ``sketches``, ascending) that agree on a
    whole band of ``rows`` values; ``bands * rows`` must not exceed the sketch length."""
    if bands * rows > sketches.shape[1]:
        raise ValueError("bands * rows is longer than the sketches")
    buckets: list[np.ndarray] = []
    for band in range(bands):
        columns = sketches[:, band * rows:(band + 1) * rows].astype(np.uint64)
        key = columns[:, 0].copy()
        for column in range(1, rows):
            key = key * _MIX ^ columns[:, column]
        order = np.argsort(key, kind="stable")  # stable: positions ascend within a bucket
        ordered = key[order]
        breaks = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
        starts = np.concatenate(([0], breaks))
        ends = np.concatenate((breaks, [len(order)]))
        shared = np.flatnonzero(ends - starts > 1)
        buckets += [order[start:end] for start, end in zip(starts[shared].tolist(), ends[shared].tolist())]
    return buckets


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
