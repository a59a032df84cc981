"""Benchmark: the personal-data guard (hoering/moderation/personal_data.py).

1. Score on a seeded corpus (tests/unit/moderation/personal_data_corpus.py): valid identity
   numbers (fødselsnummer, D-, H- and FH-numbers), account numbers, phone numbers and e-mail
   addresses in random writings (separators, fullwidth and other digits, soft hyphens and other
   invisible characters, character references, line breaks), each inside some Norwegian text;
   and harmless texts full of Norwegian numbers (amounts, dates with times, case numbers,
   organisation numbers, postcodes, years, journal numbers). A valid one counts as held when the
   guard reports exactly it, with its kind and its span in the original text.
   Target: every valid one held, no harmless text held.
2. Scan time on adversarial 10,000-character comments (long digit runs with separators, many
   @, references, tags, invisible characters …; personal_data_corpus.adversarial_comments): the
   median of a few runs each, wall clock and CPU time, and the worst. Target: well under 50 ms.

Run from the repository root:  .venv/bin/python bench/guard.py [--seed 12] [--valid 2000] [--harmless 2000]

No Flask app, no database.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hoering.moderation.personal_data import find_personal_data  # noqa: E402
from tests.unit.moderation import personal_data_corpus as corpus  # noqa: E402

SCAN_TARGET_MS = 50.0
LENGTH = 10_000


def expected_kind(kind: str, digits: str) -> str:
    """An account number that is also a valid identity number is reported as the identity number."""
    if kind == "bank_account" and corpus.is_identity_number(digits):
        return "national_id"
    return kind


def score(seed: int, valid: int, harmless: int) -> None:
    rng = random.Random(seed)
    held, total, misses = Counter(), Counter(), []
    for _ in range(valid):
        kind, digits, writing = corpus.valid_sample(rng)
        text, start = corpus.embedded(rng, writing, kind)
        kind = expected_kind(kind, digits)
        found = [(f.kind, f.start, f.end, f.text) for f in find_personal_data(text)]
        total[kind] += 1
        if found == [(kind, start, start + len(writing), writing)]:
            held[kind] += 1
        elif len(misses) < 10:
            misses.append((text, writing, found))
    published, false_alarms = 0, []
    for _ in range(harmless):
        text = corpus.harmless_text(rng)
        found = find_personal_data(text)
        if found:
            false_alarms.append((text, found))
        else:
            published += 1

    print(f"Corpus (seed {seed}): {valid} valid, {harmless} harmless")
    for kind in sorted(total):
        print(f"  {kind:<14} held {held[kind]:>5} / {total[kind]}")
    print(f"  valid held           {sum(held.values())} / {valid}")
    print(f"  harmless published   {published} / {harmless}")
    for text, writing, found in misses:
        print(f"  MISSED {writing!r} in {text!r}: {found}")
    for text, found in false_alarms[:10]:
        print(f"  HELD HARMLESS {text!r}: {found}")


def scan_times(runs: int) -> None:
    print(f"Scan time on adversarial {LENGTH:,}-character comments (median of {runs} runs; wall clock and "
          f"this process's CPU time, which a busy machine disturbs less):")
    worst_name, worst = "", 0.0
    for name, text in corpus.adversarial_comments(LENGTH).items():
        assert len(text) == LENGTH, name
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            find_personal_data(text)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        wall_ms, cpu_ms = statistics.median(walls), statistics.median(cpus)
        print(f"  {name:<32} wall {wall_ms:7.2f} ms   cpu {cpu_ms:7.2f} ms")
        if cpu_ms > worst:
            worst_name, worst = name, cpu_ms
    verdict = "ok" if worst < SCAN_TARGET_MS else "MISSED"
    print(f"  worst (cpu): {worst:.2f} ms ({worst_name}); target < {SCAN_TARGET_MS:.0f} ms: {verdict}; "
          f"load average {os.getloadavg()[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--valid", type=int, default=2000)
    parser.add_argument("--harmless", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    score(args.seed, args.valid, args.harmless)
    scan_times(args.runs)


if __name__ == "__main__":
    main()
