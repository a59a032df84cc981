"""Run every benchmark, one after the other, each in a fresh Python process, and print their figures.

    .venv/bin/python bench/run_all.py [--database-url URL] [--requests N]

``make bench`` calls this. --database-url and --requests are passed on to bench_pages.py, and
--database-url to search.py as well (a PostgreSQL database given there is wiped). Exits non-zero if
a benchmark failed; a missed target is printed, not an error.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def run(script: str, extra: list[str]) -> int:
    print(f"\n######## {script} {' '.join(extra)}".rstrip(), flush=True)
    start = time.perf_counter()
    code = subprocess.call([sys.executable, str(BENCH_DIR / script), *extra], cwd=ROOT)
    print(f"######## {script}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {time.perf_counter() - start:.0f} s",
          flush=True)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL for bench_pages.py and search.py (wiped)")
    parser.add_argument("--requests", type=int, help="timed requests per page for bench_pages.py")
    args = parser.parse_args(argv)
    pages_args = []
    if args.database_url:
        pages_args += ["--database-url", args.database_url]
    if args.requests:
        pages_args += ["--requests", str(args.requests)]
    search_args = ["--database-url", args.database_url] if args.database_url else []
    codes = [run("bench_split.py", []), run("bench_pages.py", pages_args), run("analysis.py", []),
             run("analysis_quality.py", []), run("exports.py", []), run("review.py", []), run("review_stability.py", []),
             run("guard.py", []), run("docx_upload.py", []), run("docx_report.py", []), run("markup.py", []),
             run("drafts.py", []), run("search.py", search_args)]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
