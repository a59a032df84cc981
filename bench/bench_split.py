"""Benchmark: splitting a 2 MB Markdown draft into units, and rendering every unit to HTML.

Generates a realistic Norwegian draft of just under 2 MiB (the largest upload MAX_CONTENT_LENGTH
allows) from a fixed seed, then times

* ``split_markdown(draft)``: best and median of 5 runs. Target: under 1 s.
* ``markup.render(unit.text, markup.DRAFT)`` for every unit, once: what storing a draft costs on
  top of splitting it (``add_draft_version`` renders each non-heading unit). No target; reported.

Run from the repository root:  .venv/bin/python bench/bench_split.py [--runs 5] [--profile]

No Flask app, no database. (Importing ``hoering.*`` runs ``hoering/__init__.py``, which imports
Flask's module, but nothing here builds an app.)
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.draft_text import generate_draft  # noqa: E402
from hoering import markup  # noqa: E402
from hoering.consultations.drafting import HEADING, split_markdown  # noqa: E402

DRAFT_BYTES = 2 * 1024 * 1024
SEED = 2026
SPLIT_TARGET_S = 1.0


def time_split(draft: str, runs: int) -> tuple[list[float], list]:
    """Seconds per run of split_markdown, and the units of the last run."""
    times, units = [], []
    for _ in range(runs):
        start = time.perf_counter()
        units = split_markdown(draft)
        times.append(time.perf_counter() - start)
    return times, units


def time_render(units) -> tuple[float, float]:
    """Seconds to render every unit, and the part of it spent on non-heading units (what the app stores)."""
    markup.render("Oppvarming.", markup.DRAFT)  # builds the per-thread Markdown and Cleaner once
    total = paragraphs = 0.0
    for unit in units:
        start = time.perf_counter()
        markup.render(unit.text, markup.DRAFT)
        elapsed = time.perf_counter() - start
        total += elapsed
        if unit.kind != HEADING:
            paragraphs += elapsed
    return total, paragraphs


def describe(draft: str, units) -> str:
    kinds = Counter(unit.kind for unit in units)
    depth = max(unit.number.count(".") + 1 for unit in units)
    return (
        f"draft: {len(draft.encode('utf-8')):,} bytes UTF-8 ({len(draft):,} characters), seed {SEED}\n"
        f"units: {len(units):,} ({kinds[HEADING]:,} headings, {len(units) - kinds[HEADING]:,} blocks), "
        f"deepest number has {depth} parts, last unit {units[-1].number}"
    )


def profile(function, *args, lines: int = 20) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(function, *args)
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of split_markdown (default 5)")
    parser.add_argument("--profile", action="store_true", help="also print cProfile top lines of both steps")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    draft = generate_draft(SEED, max_bytes=DRAFT_BYTES)
    generated_in = time.perf_counter() - start

    times, units = time_split(draft, args.runs)
    print("== bench_split: split_markdown on a 2 MB draft")
    print(describe(draft, units) + f" (generated in {generated_in:.2f} s)")
    best, median = min(times), statistics.median(times)
    verdict = "met" if median < SPLIT_TARGET_S else "MISSED"
    print(f"split_markdown, {args.runs} runs: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms, "
          f"worst {max(times) * 1000:.0f} ms  (target < {SPLIT_TARGET_S * 1000:.0f} ms: {verdict})")

    total, paragraphs = time_render(units)
    print(f"render every unit (markup.DRAFT), 1 run: {total:.2f} s for {len(units):,} units "
          f"({total / len(units) * 1e6:.0f} µs per unit); non-heading units only, as add_draft_version does: "
          f"{paragraphs:.2f} s  (no target)")
    print(f"=> storing this draft costs about {median + paragraphs:.2f} s of CPU before any SQL")

    if args.profile:
        print("\n-- profile: split_markdown")
        profile(split_markdown, draft)
        print("-- profile: render every unit")
        profile(lambda: [markup.render(unit.text, markup.DRAFT) for unit in units])
    return 0


if __name__ == "__main__":
    sys.exit(main())
