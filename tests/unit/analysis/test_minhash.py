"""MinHash and LSH (minhash.py): shingles, sketches, buckets and the band layout, on small inputs
whose right answers follow from the definitions."""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from hoering.analysis import minhash
from hoering.analysis.minhash import Shingles, band_layout, bucket_members, lsh_buckets, signatures, sorted_unique
from hoering.analysis.text import shingle_words

REPO = Path(__file__).resolve().parents[3]

LETTER = ("Vi som skriver under er imot at Bakken bibliotek skal stenges om kveldene. Biblioteket er den "
          "eneste gratis møteplassen i bydelen etter skoletid. Mange elever gjør lekser der fordi de ikke "
          "har ro hjemme. Vi ber bystyret om å beholde dagens åpningstider.")
OTHER_TOPIC = ("Kommunen må bygge fortau langs hele Strandvegen før skolestart. Barna går i veibanen sammen "
               "med tungtrafikk hver morgen, og sikten er dårlig i svingene ved Moen.")
NYNORSK = ("Eg meiner at skulen på Haugen ikkje må leggjast ned. Borna har kort veg til skulen no, og "
           "bygda treng ein stad der folk møtest.")


def words(count: int, start: int = 0) -> list[str]:
    """``count`` distinct made-up words, numbered from ``start``: their 3-grams never repeat."""
    return [f"ord{number}" for number in range(start, start + count)]


def jaccard(first: set, second: set) -> float:
    return len(first & second) / len(first | second)


def sketch(token_lists: list[list[str]], num_perm: int = 64, seed: int = 1) -> np.ndarray:
    shingles = Shingles(token_lists)
    return signatures(shingles, np.arange(len(shingles)), num_perm, seed)


# Shingles


def test_a_text_has_one_shingle_per_distinct_word_3_gram():
    shingles = Shingles([["a", "b", "c", "d", "e"], ["a", "b", "a", "b", "a"], ["a", "b", "c"]])
    # a b c d e: abc, bcd, cde; a b a b a: aba, bab, aba (twice the same); a b c: abc.
    assert shingles.counts().tolist() == [3, 2, 1]
    assert len(shingles) == 3
    assert shingles.set(2) <= shingles.set(0)
    assert shingles.set(0).isdisjoint(shingles.set(1))


def test_texts_shorter_than_three_words_have_no_shingles():
    shingles = Shingles([[], ["ja"], ["helt", "enig"], ["helt", "enig", "ja"]])
    assert shingles.counts().tolist() == [0, 0, 0, 1]
    assert shingles.set(0) == shingles.set(1) == shingles.set(2) == set()
    assert shingles.offsets.tolist() == [0, 0, 0, 0, 1]


def test_no_texts_or_only_short_ones_give_no_shingles():
    assert len(Shingles([])) == 0
    assert Shingles([]).counts().tolist() == []
    short = Shingles([["helt", "enig"], ["enig"], ["ja", "takk"]])  # five words in all, but no 3-gram in one text
    assert short.counts().tolist() == [0, 0, 0]


def test_shingles_never_span_two_texts():
    apart = Shingles([["a", "b"], ["c", "d"]])
    assert apart.counts().tolist() == [0, 0]
    together = Shingles([["a", "b", "c", "d"]])
    assert together.counts().tolist() == [2]


def test_a_texts_shingles_depend_on_its_own_words_only():
    alone = Shingles([shingle_words(LETTER)])
    among_others = Shingles([shingle_words(OTHER_TOPIC), shingle_words(NYNORSK), shingle_words(LETTER)])
    assert among_others.set(2) == alone.set(0)
    assert among_others.counts()[2] == alone.counts()[0]


def test_word_order_matters():
    shingles = Shingles([["skolen", "må", "bestå"], ["bestå", "må", "skolen"]])
    assert shingles.set(0) != shingles.set(1)


def test_letters_æ_ø_å_make_other_shingles_than_their_plain_look_alikes():
    shingles = Shingles([["blåbær", "på", "ørland"], ["blabaer", "pa", "orland"], ["blåbær", "på", "ørland"]])
    assert shingles.set(0) == shingles.set(2)
    assert shingles.set(0) != shingles.set(1)


def test_case_punctuation_spacing_and_decomposed_letters_do_not_change_the_shingles_of_shingle_words():
    variant = unicodedata.normalize("NFD", LETTER.upper().replace(" ", "  ").replace(".", "!"))
    shingles = Shingles([shingle_words(LETTER), shingle_words(variant)])
    assert shingles.set(0) == shingles.set(1)


def test_counts_gather_and_common_agree_with_the_shingle_sets():
    token_lists = [shingle_words(LETTER), [], shingle_words(NYNORSK), shingle_words(LETTER + " " + NYNORSK),
                   ["helt", "enig", "ja"]]
    shingles = Shingles(token_lists)
    indices = np.array([3, 1, 0, 0, 4])
    assert shingles.counts(indices).tolist() == [len(shingles.set(i)) for i in indices.tolist()]
    expected_run = [value for i in indices.tolist() for value in sorted(shingles.set(i))]
    assert shingles.gather(indices).tolist() == expected_run

    first = np.array([0, 0, 3, 3, 1, 2, 4])
    second = np.array([3, 2, 0, 2, 0, 2, 0])
    expected = [len(shingles.set(a) & shingles.set(b)) for a, b in zip(first.tolist(), second.tolist())]
    assert expected[0] > 0 and expected[1] == 0  # the test compares both kinds of pair
    assert shingles.common(first, second).tolist() == expected
    assert shingles.common(first, second, block=2).tolist() == expected


def test_common_of_a_text_with_itself_is_its_count():
    shingles = Shingles([shingle_words(LETTER), shingle_words(NYNORSK)])
    both = np.array([0, 1])
    assert shingles.common(both, both).tolist() == shingles.counts().tolist()


def test_common_with_texts_without_shingles_is_zero():
    shingles = Shingles([["ja"], [], shingle_words(LETTER)])
    assert shingles.common(np.array([0, 2, 1]), np.array([1, 0, 1])).tolist() == [0, 0, 0]


def test_shingles_are_numbered_by_their_hashes_in_ascending_order():
    shingles = Shingles([shingle_words(LETTER), shingle_words(NYNORSK), ["helt", "enig"], shingle_words(LETTER)])
    assert shingles.distinct.tolist() == sorted(shingles.set(0) | shingles.set(1))
    for text in range(len(shingles)):
        numbers = shingles.gather(np.array([text]), numbers=True)
        assert numbers.tolist() == sorted(numbers.tolist())
        assert set(shingles.distinct[numbers].tolist()) == shingles.set(text)
    assert (shingles.gather(np.array([0]), numbers=True) == shingles.gather(np.array([3]), numbers=True)).all()


def test_shingles_of_word_numbers_equal_those_of_the_words():
    token_lists = [shingle_words(LETTER), [], ["helt", "enig", "ja"], shingle_words(NYNORSK), shingle_words(LETTER)]
    vocabulary = list(dict.fromkeys(word for tokens in token_lists for word in tokens))[::-1]  # any numbering
    number = {word: position for position, word in enumerate(vocabulary)}
    numbered = Shingles.of_word_numbers([[number[word] for word in tokens] for tokens in token_lists], vocabulary)
    plain = Shingles(token_lists)
    assert numbered.offsets.tolist() == plain.offsets.tolist()
    assert [numbered.set(i) for i in range(len(plain))] == [plain.set(i) for i in range(len(plain))]
    assert (numbered.distinct == plain.distinct).all()


def test_common_takes_many_second_texts_in_batches_and_counts_as_the_sets_do():
    rng = np.random.default_rng(4)
    token_lists = [words(int(rng.integers(0, 40)), int(rng.integers(0, 60))) for _ in range(150)]
    shingles = Shingles(token_lists)
    first, second = rng.integers(0, len(token_lists), 3000), rng.integers(0, len(token_lists), 3000)
    expected = [len(shingles.set(a) & shingles.set(b)) for a, b in zip(first.tolist(), second.tolist())]
    assert sum(expected) > 1000
    for block in (1, 3, 64):
        assert shingles.common(first, second, block=block).tolist() == expected


def test_sorted_unique_gives_the_distinct_values_ascending():
    values = np.array([2**40 + 5, 3, 2**40 + 5, 0, 3, 7], dtype=np.uint64)
    assert sorted_unique(values).tolist() == [0, 3, 7, 2**40 + 5]
    assert sorted_unique(np.array([], dtype=np.uint64)).tolist() == []


# Sketches


def test_the_same_shingle_set_gives_the_same_sketch():
    # Different texts, the same 3-grams: {a b c, b c a, c a b}.
    sketches = sketch([["a", "b", "c", "a", "b", "c"], ["b", "c", "a", "b", "c", "a"], ["a", "b", "c", "a", "b"]])
    assert (sketches[0] == sketches[1]).all()
    assert (sketches[0] == sketches[2]).all()


def test_a_sketch_holds_the_minimum_so_the_union_is_the_elementwise_minimum():
    # a b c d = {abc, bcd}, b c d e = {bcd, cde}, a b c d e = their union.
    sketches = sketch([["a", "b", "c", "d"], ["b", "c", "d", "e"], ["a", "b", "c", "d", "e"]], num_perm=128)
    assert (sketches[2] == np.minimum(sketches[0], sketches[1])).all()


def test_sketches_have_num_perm_values_per_text():
    sketches = sketch([shingle_words(LETTER), ["helt", "enig", "ja"]], num_perm=32)
    assert sketches.shape == (2, 32) and sketches.dtype == np.uint32


def test_a_text_with_one_shingle_has_a_sketch():
    one, same = sketch([["helt", "enig", "ja"], ["Helt", "enig", "ja"]])
    assert (one != same).any()  # tokens are taken as given: normalising is shingle_words' job
    assert (sketch([["helt", "enig", "ja"]])[0] == one).all()


def test_a_text_without_shingles_is_refused():
    shingles = Shingles([shingle_words(LETTER), ["helt", "enig"]])
    with pytest.raises(ValueError, match="at least one shingle"):
        signatures(shingles, np.array([0, 1]))
    assert signatures(shingles, np.array([0])).shape == (1, 64)


def test_no_indices_give_no_sketches():
    assert signatures(Shingles([shingle_words(LETTER)]), np.array([], dtype=np.int64), 16).shape == (0, 16)


def test_the_estimated_jaccard_similarity_is_close_to_the_true_one():
    base = words(200)
    others = [words(200, start) for start in (20, 60, 100, 140, 180)]
    shingles = Shingles([base] + others)
    sketches = signatures(shingles, np.arange(len(shingles)), num_perm=256, seed=7)
    errors = []
    for other in range(1, len(shingles)):
        true = jaccard(shingles.set(0), shingles.set(other))
        estimate = (sketches[0] == sketches[other]).mean()
        errors.append(abs(estimate - true))
    trues = [jaccard(shingles.set(0), shingles.set(i)) for i in range(1, len(shingles))]
    assert trues[0] > 0.8 and trues[2] == pytest.approx(98 / 298)  # from near-duplicate to little overlap
    # The standard error of 256 permutations is at most sqrt(0.25 / 256) = 0.031.
    assert max(errors) < 0.1
    assert sum(errors) / len(errors) < 0.05


def test_disjoint_shingle_sets_never_agree_at_any_position():
    # Every permutation is a bijection, so distinct shingles never share their permuted minimum.
    sketches = sketch([words(50), words(50, 100), shingle_words(LETTER), shingle_words(OTHER_TOPIC)], num_perm=128)
    assert (sketches[0] == sketches[1]).mean() == 0.0
    assert (sketches[2] == sketches[3]).mean() == 0.0


def test_the_same_seed_gives_the_same_sketches_and_another_seed_other_ones():
    token_lists = [shingle_words(LETTER), shingle_words(NYNORSK)]
    assert (sketch(token_lists, seed=3) == sketch(token_lists, seed=3)).all()
    assert (sketch(token_lists, seed=3) != sketch(token_lists, seed=4)).any()


def test_a_sketch_does_not_depend_on_the_other_texts_sketched_with_it():
    alone = sketch([shingle_words(LETTER)])
    shingles = Shingles([shingle_words(NYNORSK), ["ja"], shingle_words(LETTER), shingle_words(OTHER_TOPIC)])
    among_others = signatures(shingles, np.array([3, 2, 0]))
    assert (among_others[1] == alone[0]).all()


def test_sketches_computed_in_many_blocks_equal_those_computed_in_one(monkeypatch):
    token_lists = [words(30, 10 * i) for i in range(12)] + [shingle_words(LETTER), ["helt", "enig", "ja"]]
    whole = sketch(token_lists)
    monkeypatch.setattr(minhash, "_CHUNK_SHINGLES", 45)  # blocks of one or two texts
    assert (sketch(token_lists) == whole).all()


def test_sketches_permuting_each_blocks_shingles_equal_those_permuting_all_up_front(monkeypatch):
    token_lists = [words(30, 10 * i) for i in range(12)] + [shingle_words(LETTER), ["helt", "enig", "ja"], words(300)]
    whole = sketch(token_lists)
    monkeypatch.setattr(minhash, "_TABLE_VALUES", 0)  # too many shingles to permute all at once
    monkeypatch.setattr(minhash, "_CHUNK_SHINGLES", 100)
    monkeypatch.setattr(minhash, "_CACHED_ROWS", 3)  # a column or a few at a time
    assert (sketch(token_lists) == whole).all()


def test_sketches_are_the_minimum_of_each_permuted_shingle():
    shingles = Shingles([shingle_words(LETTER), words(5), ["helt", "enig", "ja"]])
    rng = np.random.default_rng(1)  # signatures' own permutations, for seed 1
    a = rng.integers(0, 2**31, 64, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = rng.integers(0, 2**32, 64, dtype=np.uint32)
    sketches = signatures(shingles, np.arange(3))
    for text in range(3):
        hashes = np.array(sorted(shingles.set(text)), dtype=np.uint32)
        permuted = minhash._fmix32(hashes)[:, None] * a[None, :] + b[None, :]
        assert (sketches[text] == permuted.min(axis=0)).all()


def test_sketches_do_not_depend_on_pythons_hash_randomisation():
    program = ("import numpy as np\n"
               "from hoering.analysis.minhash import Shingles, signatures\n"
               "from hoering.analysis.text import shingle_words\n"
               f"shingles = Shingles([shingle_words({LETTER!r}), shingle_words({NYNORSK!r})])\n"
               "print(sorted(shingles.set(0)), signatures(shingles, np.arange(2), 16).tolist())\n")
    outputs = set()
    for hash_seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(REPO)}
        result = subprocess.run([sys.executable, "-c", program], cwd=REPO, env=environment,
                                capture_output=True, text=True, check=True)
        outputs.add(result.stdout)
    shingles = Shingles([shingle_words(LETTER), shingle_words(NYNORSK)])
    here = f"{sorted(shingles.set(0))} {signatures(shingles, np.arange(2), 16).tolist()}\n"
    assert outputs == {here}


# LSH buckets


def test_buckets_hold_the_texts_that_agree_on_a_whole_band():
    sketches = np.array([
        [1, 2, 3, 4],
        [1, 2, 9, 9],
        [5, 6, 3, 4],
        [1, 2, 3, 4],
        [7, 7, 7, 7],
        [1, 6, 3, 9],  # agrees with others value by value, never on a whole band
    ], dtype=np.uint32)
    buckets = lsh_buckets(sketches, bands=2, rows=2)
    assert sorted(bucket.tolist() for bucket in buckets) == [[0, 1, 3], [0, 2, 3]]


def test_a_band_agrees_only_with_the_same_band_in_the_same_order():
    sketches = np.array([[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3]], dtype=np.uint32)
    assert lsh_buckets(sketches, bands=2, rows=2) == []


def test_values_after_the_last_band_are_ignored():
    sketches = np.array([[1, 2, 3, 4, 5], [1, 2, 3, 4, 6], [9, 9, 9, 9, 5]], dtype=np.uint32)
    assert [bucket.tolist() for bucket in lsh_buckets(sketches, bands=2, rows=2)] == [[0, 1], [0, 1]]
    assert [bucket.tolist() for bucket in lsh_buckets(sketches, bands=1, rows=4)] == [[0, 1]]


def test_bucket_positions_ascend():
    sketches = np.array([[5], [1], [5], [1], [5]], dtype=np.uint32)
    assert sorted(bucket.tolist() for bucket in lsh_buckets(sketches, bands=1, rows=1)) == [[0, 2, 4], [1, 3]]


def test_bucket_members_are_the_buckets_one_after_the_other():
    rng = np.random.default_rng(2)
    sketches = rng.integers(0, 3, (200, 6)).astype(np.uint32)
    buckets = lsh_buckets(sketches, bands=3, rows=2)
    members, sizes = bucket_members(sketches, bands=3, rows=2)
    assert len(buckets) > 10 and all(len(bucket) >= 2 for bucket in buckets)
    assert sizes.tolist() == [len(bucket) for bucket in buckets]
    assert members.tolist() == [position for bucket in buckets for position in bucket.tolist()]
    nothing = bucket_members(np.arange(12, dtype=np.uint32).reshape(4, 3), bands=1, rows=3)
    assert nothing[0].tolist() == [] and nothing[1].tolist() == []


def test_bands_longer_than_the_sketches_are_refused():
    with pytest.raises(ValueError, match="longer than the sketches"):
        lsh_buckets(np.zeros((3, 8), dtype=np.uint32), bands=3, rows=3)
    assert lsh_buckets(np.zeros((3, 9), dtype=np.uint32), bands=3, rows=3)  # exactly the length is fine


def test_near_duplicates_share_a_bucket_and_unrelated_texts_do_not():
    one_word_changed = LETTER.replace("kveldene", "ettermiddagene")
    with_own_sentence = LETTER + " Min datter på ni år går dit hver dag etter skolen."
    texts = [LETTER, one_word_changed, with_own_sentence, OTHER_TOPIC, NYNORSK, " ".join(words(40))]
    shingles = Shingles([shingle_words(text) for text in texts])
    assert jaccard(shingles.set(0), shingles.set(1)) > 0.8 and jaccard(shingles.set(0), shingles.set(2)) > 0.6
    sketches = signatures(shingles, np.arange(len(texts)), num_perm=64, seed=1)
    bands, rows = band_layout(0.35, 64)  # campaigns' settings
    buckets = [set(bucket.tolist()) for bucket in lsh_buckets(sketches, bands, rows)]
    assert any({0, 1} <= bucket for bucket in buckets)
    assert any({0, 2} <= bucket for bucket in buckets)
    assert all(bucket <= {0, 1, 2} for bucket in buckets)


# Band layout


def s_curve_midpoint(bands: int, rows: int) -> float:
    """The similarity at which two texts share a bucket with probability one half."""
    return (1 - 0.5 ** (1 / bands)) ** (1 / rows)


@pytest.mark.parametrize("threshold, num_perm, expected", [
    (0.5, 1, (1, 1)),
    (0.3, 2, (2, 1)),  # midpoints: 2 bands of 1 row 0.29, 1 band of 2 rows 0.71
    (0.7, 2, (1, 2)),
    (0.5, 2, (2, 1)),  # exactly between the two: more bands win the tie
    (0.35, 64, (21, 3)),
    (0.9, 64, (4, 16)),
])
def test_band_layout_of_hand_computed_cases(threshold, num_perm, expected):
    assert band_layout(threshold, num_perm) == expected


@pytest.mark.parametrize("threshold", [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
@pytest.mark.parametrize("num_perm", [16, 64, 128])
def test_band_layout_fits_the_sketch_and_its_midpoint_is_the_nearest_one(threshold, num_perm):
    bands, rows = band_layout(threshold, num_perm)
    assert bands * rows <= num_perm
    distance = abs(s_curve_midpoint(bands, rows) - threshold)
    for other_rows in range(1, num_perm + 1):
        assert distance <= abs(s_curve_midpoint(num_perm // other_rows, other_rows) - threshold) + 1e-12


def test_a_higher_threshold_never_takes_fewer_rows():
    rows = [band_layout(threshold / 100, 64)[1] for threshold in range(1, 100)]
    assert rows == sorted(rows)
    assert rows[0] == 1 and rows[-1] > 16
