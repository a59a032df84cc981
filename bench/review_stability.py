"""Benchmark: do the caseworker's themes and corrections survive a re-run after 5 % new comments?

On generated consultations (tests/unit/analysis/corpus.py) a caseworker renames and assesses every
theme, merges two, moves eleven comments and picks and drops quotes; then 5 % new comments arrive
and the analysis runs again (tests/unit/casework/stability.py). Prints, for a re-run that continues
the reviewed run's themes (what the analysis page does by default) and for one that finds the
themes afresh ("Finn temaene på nytt"), the share of earlier comments still in the same theme, the
share of corrections that still apply, and the share of new comments placed in the theme of the
earlier comments on the same matter, over several seeds per size (mean and worst).

140 comments is the issue's story (seven new comments reshuffled the themes). Target for the
default re-run: at least 95 % kept and 100 % of corrections applied at every size and seed (a
missed target is printed as MISSED).

Run from the repository root:  .venv/bin/python bench/review_stability.py [--sizes 140:10,2000:3,10000:1]
(size:seeds)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_KEPT, TARGET_APPLIED = 0.95, 1.0


def measure(size: int, seeds: int, recluster: bool) -> list:
    from tests.unit.casework.stability import scenario

    return [scenario(size, seed, recluster=recluster) for seed in range(1, seeds + 1)]


def line(size: int, how: str, figures: list) -> str:
    kept = [f.kept for f in figures]
    applied = [f.applied for f in figures]
    seconds = sum(f.seconds for f in figures) / len(figures)
    return (f"{size:>7,} {how:<10} {len(figures):>5} {figures[0].new:>5} {figures[0].corrections:>5}"
            f" {100 * sum(kept) / len(kept):>9.1f} {100 * min(kept):>9.1f}"
            f" {100 * sum(applied) / len(applied):>9.1f} {100 * min(applied):>9.1f}"
            f" {100 * sum(f.placed for f in figures) / len(figures):>8.1f}"
            f" {sum(f.mapped for f in figures):>7} {sum(f.unplaced for f in figures):>9} {seconds:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="140:10,2000:3,10000:1", help="size:seeds, comma-separated")
    args = parser.parse_args()
    plan = [tuple(int(part) for part in item.split(":")) for item in args.sizes.split(",")]
    print(f"{'comments':>7} {'re-run':<10} {'seeds':>5} {'new':>5} {'corr.':>5} {'kept %':>9} {'worst %':>9}"
          f" {'applied %':>9} {'worst %':>9} {'placed %':>8} {'mapped':>7} {'unplaced':>9} {'run s':>8}")
    missed = []
    for size, seeds in plan:
        keep = measure(size, seeds, recluster=False)
        print(line(size, "continue", keep), flush=True)
        print(line(size, "afresh", measure(size, seeds, recluster=True)), flush=True)
        if min(f.kept for f in keep) < TARGET_KEPT or min(f.applied for f in keep) < TARGET_APPLIED:
            missed.append(size)
    print("\nmapped: corrections that followed a clear majority of their comments to another theme; "
          "unplaced: corrections listed for the caseworker to place or discard (summed over the seeds).")
    print(f"Target for the default re-run (continue): kept >= {TARGET_KEPT:.0%} and applied = 100 % at every "
          f"size and seed: {'MISSED at ' + ', '.join(map(str, missed)) if missed else 'ok'}")


if __name__ == "__main__":
    main()
