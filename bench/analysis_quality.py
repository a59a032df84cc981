"""Benchmark: how well the analysis finds the topics and campaigns of generated, labelled corpora.

For each corpus of tests/unit/analysis/corpus.py (CORPORA: the municipal consultation the unit tests
use, a school-structure plan whose topics share most of their words, and a consultation of very
uneven topics and terse writers) and each seed, prints campaign pair precision and recall, the
adjusted Rand index of themes against topics, the number of themes, purity (the lowest share a
theme's largest topic holds) and topics led (the share of topics with at least 5 % of the comments
that lead a theme of their own), then the lowest of each per corpus. tests/unit/analysis/quality.py
says how each figure is counted. Issue 20's floors: purity 0.8, topics led 1.0, ARI 0.8, campaigns
0.95 / 0.90; a figure below its floor is marked with '<'.

Run from the repository root:  .venv/bin/python bench/analysis_quality.py [--seeds 12] [--size 900] [-v]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hoering.analysis import analyse, comment_from_json  # noqa: E402
from tests.unit.analysis.corpus import CORPORA, generate  # noqa: E402
from tests.unit.analysis.quality import campaign_figures, mixed_themes, theme_figures  # noqa: E402

FLOORS = {"campaign pair precision": 0.95, "campaign pair recall": 0.90, "theme ARI": 0.80,
          "theme purity (lowest)": 0.80, "topics led": 1.0}
COLUMNS = {"campaign pair precision": "camp P", "campaign pair recall": "camp R", "theme ARI": "ARI",
           "themes found": "themes", "theme purity (lowest)": "purity", "topics led": "led"}
SEEDS = (2026, 7, 99, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=12, help="seeds per corpus (at most 15)")
    parser.add_argument("--size", type=int, default=900, help="comments per wider corpus (the default corpus has 600)")
    parser.add_argument("-v", action="store_true", help="print each theme's topics")
    args = parser.parse_args(argv)
    print(f"{'corpus':14s} {'seed':>5s} " + " ".join(f"{name:>7s}" for name in COLUMNS.values()) + "  seconds")
    below = 0
    for name, recipe in CORPORA.items():
        lowest: dict[str, float] = {}
        for seed in SEEDS[:args.seeds]:
            labelled = generate(600 if name == "kommune" else args.size, seed, recipe)
            start = time.perf_counter()
            report = analyse([comment_from_json(item.comment) for item in labelled])
            seconds = time.perf_counter() - start
            figures = {**campaign_figures(report, labelled), **theme_figures(report, labelled)}
            cells = []
            for key in COLUMNS:
                mark = "<" if figures[key] < FLOORS.get(key, 0) else " "
                below += mark == "<" and not (name == "ujevn" and key == "campaign pair precision")
                cells.append(f"{figures[key]:6.3f}{mark}" if key != "themes found" else f"{figures[key]:6.0f} ")
                lowest[key] = min(lowest.get(key, figures[key]), figures[key])
            print(f"{name:14s} {seed:5d} " + " ".join(cells) + f"  {seconds:6.2f}", flush=True)
            if args.v:
                for line in mixed_themes(report, labelled):
                    print("      ", line)
        print(f"{name:14s} {'min':>5s} " + " ".join(
            f"{lowest[key]:6.3f} " if key != "themes found" else f"{lowest[key]:6.0f} " for key in COLUMNS))
    print(f"\nfigures below a floor: {below} (the uneven corpus's campaign precision not counted: its one-sentence "
          "comments from small pools are word for word alike)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
