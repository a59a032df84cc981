"""Command line: ``python -m hoering.analysis INPUT.jsonl -o REPORT.json``.

Reads one comment per line as JSON (``-`` reads standard input), runs the analysis and writes the
report as JSON (``-o -`` writes to standard output). A line that is not a comment (broken JSON, a
missing id or text, a wrong type, an unknown stance, an id used before) is skipped with a warning
on standard error naming its line number, and listed under "skipped" in the report. Blank lines
are ignored. Exit status: 0 when a report was written, 1 when no comment could be read (nothing
is written then), 2 for wrong arguments.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import IO, Iterable

from hoering.analysis.comments import CommentIn, comment_from_json
from hoering.analysis.pipeline import analyse


def read_comments(lines: Iterable[bytes | str], warn: IO[str]) -> tuple[list[CommentIn], list[dict]]:
    """The comments of a JSON-lines input (lines as UTF-8 bytes or text), and the lines skipped
    as {"line", "error"}."""
    comments: list[CommentIn] = []
    skipped: list[dict] = []
    first_line_of: dict = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:  # UnicodeDecodeError and json.JSONDecodeError are ValueErrors
            text = line.decode("utf-8") if isinstance(line, bytes) else line
            comment = comment_from_json(json.loads(text))
            if comment.id in first_line_of:
                raise ValueError(f"id: {comment.id!r} is already used on line {first_line_of[comment.id]}")
        except (ValueError, TypeError) as error:
            skipped.append({"line": number, "error": str(error)})
            print(f"line {number}: skipped: {error}", file=warn)
            continue
        first_line_of[comment.id] = number
        comments.append(comment)
    return comments, skipped


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m hoering.analysis",
        description="Analyse consultation comments (one JSON object per line): campaigns, themes, "
                    "hot paragraphs and quoted summaries.",
    )
    parser.add_argument("input", help="JSON-lines file of comments, or - for standard input")
    parser.add_argument("-o", "--output", required=True, help="where to write the report (JSON), or - for standard output")
    parser.add_argument("--indent", type=int, default=None, help="indent the JSON by this many spaces")
    parser.add_argument("--progress", action="store_true", help="report each stage on standard error")
    return parser.parse_args(argv)


def _progress(stage: str, fraction: float) -> None:
    print(f"{stage}: {fraction:.0%}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _arguments(argv)
    start = time.perf_counter()
    if args.input == "-":
        comments, skipped = read_comments(sys.stdin.buffer, sys.stderr)
    else:
        with open(args.input, "rb") as handle:
            comments, skipped = read_comments(handle, sys.stderr)
    read_seconds = time.perf_counter() - start
    if not comments:
        print("no comment could be read: no report written", file=sys.stderr)
        return 1
    report = analyse(comments, progress=_progress if args.progress else None)
    report.skipped = skipped
    report.timings = {"read": round(read_seconds, 3), **report.timings}
    report.timings["total"] = round(report.timings["total"] + read_seconds, 3)
    text = report.to_json(indent=args.indent)
    if args.output == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    if skipped:
        print(f"{len(skipped)} line(s) skipped, {len(comments)} comments analysed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
