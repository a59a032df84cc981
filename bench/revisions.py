"""Benchmark: lining up a large revised draft with the version before it (issue 16).

A generated draft (tests/unit/revisions/revision_corpus.py, long paragraphs) of 6,800 units, about
1.7 MB (MB = 1,048,576 bytes), with 20,000 comments (skewed: a few paragraphs get many), against a
revision where 10 % of the units are edited (7 % light edits, 3 % spelling fixes), 2 % moved (half
of them as whole §s, so the §s between are renumbered), 0.5 % split and 0.5 % merged. Prints, per
language:

* the time of ``align(old, new)``: best and median of ``--runs`` (wall clock);
* peak memory of one more run: tracemalloc's peak of Python allocations during ``align()``, and the
  process's peak RSS (ru_maxrss) before and after all runs;
* the share of comments on their right successor, comments lost (their unit lives on but is marked
  removed) and comments pinned to a unit although theirs was deleted (none are deleted here).

Targets: at least 98 % of comments right and none lost (the quality test's floors); ``align()``
under ``--target-seconds`` (2 s, as each step of bench/drafts.py). A missed target is printed as
MISSED; nothing is asserted.

Run from the repository root:  .venv/bin/python bench/revisions.py [--units 6800] [--comments 20000]
[--runs 3] [--seed 1] [--languages nb,nn]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hoering.revisions.alignment import align  # noqa: E402
from tests.unit.revisions.revision_corpus import Rates, generate_revision, score  # noqa: E402

RATES = Rates(edited=0.07, spelling=0.03, rewritten=0.0, moved=0.02, split=0.005, merged=0.005, deleted=0.0,
              inserted=0.0)
TARGET_RIGHT = 0.98
MB = 1024 * 1024


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def traced_peak_mb(old, new) -> float:
    tracemalloc.start()
    align(old, new)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / MB


def measure(language: str, args) -> dict:
    started = time.perf_counter()
    revision = generate_revision(args.units, args.seed, language, RATES, comments_per_unit=args.comments / args.units,
                                 long_paragraphs=True)
    generated = time.perf_counter() - started
    rss_before = peak_rss_mb()
    seconds = []
    for _ in range(args.runs):
        started = time.perf_counter()
        alignment = align(revision.old, revision.new)
        seconds.append(time.perf_counter() - started)
    result = score(revision, alignment.successor)
    return {
        "language": language, "old": len(revision.old), "new": len(revision.new),
        "mb": revision.size_in_bytes() / MB, "comments": result.comments, "generated": generated,
        "best": min(seconds), "median": statistics.median(seconds),
        "traced": traced_peak_mb(revision.old, revision.new), "rss_before": rss_before, "rss_after": peak_rss_mb(),
        "right": result.share_right, "lost": result.lost, "pinned": result.pinned,
    }


def line(figures: dict) -> str:
    return (f"{figures['language']:<4} {figures['old']:>6,} {figures['new']:>6,} {figures['mb']:>5.2f}"
            f" {figures['comments']:>8,} {figures['generated']:>6.1f}"
            f" {figures['best']:>7.2f} {figures['median']:>7.2f}"
            f" {figures['traced']:>9.1f} {figures['rss_before']:>8.0f} {figures['rss_after']:>8.0f}"
            f" {100 * figures['right']:>8.2f} {figures['lost']:>5} {figures['pinned']:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=6800)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of align(); the median is the figure")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--languages", default="nb,nn", help="nb, nn or both, comma-separated")
    parser.add_argument("--target-seconds", type=float, default=2.0)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; rates: 7 % light edits, 3 % spelling fixes, 2 % moved, "
          f"0.5 % split, 0.5 % merged")
    print(f"{'lang':<4} {'units':>6} {'new':>6} {'MB':>5} {'comments':>8} {'gen s':>6} {'best s':>7} {'median':>7}"
          f" {'traced MB':>9} {'RSS0 MB':>8} {'RSS1 MB':>8} {'right %':>8} {'lost':>5} {'pinned':>6}")
    missed = []
    for language in args.languages.split(","):
        figures = measure(language, args)
        print(line(figures), flush=True)
        if figures["right"] < TARGET_RIGHT or figures["lost"]:
            missed.append(f"{language}: quality")
        if figures["median"] >= args.target_seconds:
            missed.append(f"{language}: time")
    print("\ntraced MB: tracemalloc's peak during one align(); RSS0/RSS1: peak RSS of the process before and after "
          "the timed runs (the generator's own peak may hide align()'s).")
    verdict = f"MISSED ({', '.join(missed)})" if missed else "ok"
    print(f"Target: >= {TARGET_RIGHT:.0%} of comments right, none lost, "
          f"align() < {args.target_seconds:g} s (median): {verdict}")


if __name__ == "__main__":
    main()
