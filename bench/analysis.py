"""Benchmark: the analysis (hoering.analysis) of 10,000 to 100,000 generated comments.

Generates seeded Norwegian consultations with form-letter campaigns (the generator of the unit
tests, tests/unit/analysis/corpus.py), writes each as a JSON-lines file, and runs the command line
(``python -m hoering.analysis FILE -o REPORT``) on each in a fresh process, so that every size has
its own peak memory (ru_maxrss of that process). Prints the seconds of each stage, the peak memory,
and how the time grows from the smallest size to the largest.

Target: 100,000 comments in under 10 s and under 1.5 GB on the two-core machine (a missed target is
printed as MISSED). Measured there at 100,000 (load about 1 from other work): read 0.65 s, prepare
0.1, campaigns 3.3-3.8, themes 2.5-2.7, summary 1.8-1.9, participation 0.15; 8.4-9.5 s in all and
500-520 MB at peak. Before campaigns numbered their shingles and the summary batched its TF-IDF rows,
campaigns took 8.9-9.3 s and summary 3.1-3.2 s: 15.5-16.3 s and 1,056 MB.

Run from the repository root:  .venv/bin/python bench/analysis.py [--sizes 10000,25000,50000,100000]
                                                                   [--profile 100000]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 2026
TARGET_SIZE, TARGET_SECONDS, TARGET_MB = 100_000, 10.0, 1536.0
STAGES = ("read", "prepare", "campaigns", "themes", "summary", "participation")


def child(source: str, profile: bool) -> None:
    """Runs in the fresh process: the command line on one file, then its own figures as JSON."""
    from hoering.analysis.__main__ import main

    target = source + ".report.json"
    start = time.perf_counter()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(main, [source, "-o", target])
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    else:
        main([source, "-o", target])
    wall = time.perf_counter() - start
    report = json.loads(Path(target).read_text(encoding="utf-8"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(json.dumps({
        "wall": wall, "peak_mb": peak_mb, "timings": report["timings"], "comments": report["comments"],
        "distinct": report["distinct_comments"], "campaigns": len(report["campaigns"]),
        "largest_campaigns": [c["size"] for c in report["campaigns"][:3]], "themes": len(report["themes"]),
    }))


def write_corpus(size: int, folder: Path) -> Path:
    """A generated consultation of ``size`` comments as a JSON-lines file."""
    from tests.unit.analysis.corpus import as_jsonl, generate

    path = folder / f"comments-{size}.jsonl"
    path.write_text(as_jsonl(generate(size, SEED)), encoding="utf-8")
    return path


def measure(path: Path, profile: bool) -> dict:
    """Runs the child on one file in a fresh interpreter and returns its figures."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(path)]
    if profile:
        command.append("--profile-child")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the analysis of {path.name} failed:\n{result.stderr}")
    if profile:
        print(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def print_table(results: dict[int, dict]) -> None:
    print(f"{'comments':>9} " + " ".join(f"{stage:>13}" for stage in STAGES) + f" {'total s':>8} {'peak MB':>8}")
    for size, figures in results.items():
        timings = figures["timings"]
        print(f"{size:>9,} " + " ".join(f"{timings.get(stage, 0):>13.2f}" for stage in STAGES)
              + f" {timings['total']:>8.2f} {figures['peak_mb']:>8.0f}")
    print()
    for size, figures in results.items():
        print(f"{size:>9,}: {figures['distinct']:,} distinct texts after {figures['campaigns']:,} campaigns "
              f"(largest {figures['largest_campaigns']}), {figures['themes']} themes")


def print_growth(results: dict[int, dict]) -> None:
    sizes = list(results)
    base_size, base = sizes[0], results[sizes[0]]["timings"]["total"]
    print("\nGrowth (time relative to the smallest size; 'linear' is the size ratio):")
    for size in sizes:
        total = results[size]["timings"]["total"]
        print(f"{size:>9,}: {total:6.2f} s  x{total / base:5.2f} (linear x{size / base_size:4.1f})  "
              f"{1000 * total / size:5.2f} ms per comment")


def print_targets(results: dict[int, dict]) -> None:
    figures = results.get(TARGET_SIZE)
    if not figures:
        return
    total, peak = figures["timings"]["total"], figures["peak_mb"]
    time_ok = "ok" if total < TARGET_SECONDS else "MISSED"
    memory_ok = "ok" if peak < TARGET_MB else "MISSED"
    print(f"\nTarget at {TARGET_SIZE:,}: {total:.1f} s < {TARGET_SECONDS:.0f} s {time_ok}; "
          f"{peak:.0f} MB < {TARGET_MB:.0f} MB {memory_ok}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,25000,50000,100000")
    parser.add_argument("--profile", type=int, default=None, help="profile the run of this size (cProfile)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--profile-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.profile_child)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            start = time.perf_counter()
            path = write_corpus(size, Path(folder))
            print(f"generated {size:,} comments in {time.perf_counter() - start:.1f} s; analysing ...", flush=True)
            results[size] = measure(path, profile=args.profile == size)
    print()
    print_table(results)
    print_growth(results)
    print_targets(results)
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f} (other work on the machine slows every stage)")


if __name__ == "__main__":
    main()
