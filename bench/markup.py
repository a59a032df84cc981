"""Benchmark: the worst time ``markup.render`` takes on hostile Markdown, and on a long honest draft.

Every input of the adversarial corpus is 10,000 characters (the longest comment): runs of brackets,
images, links left open, references, emphasis, backticks, angle brackets, parentheses, entities,
nested lists and quotes, and mixtures. Each is rendered with both profiles (COMMENT and DRAFT);
the time of an input is the median of ``--runs`` renders. An input the renderer refuses
(MarkupRejected, e.g. nesting past MAX_NESTING) counts with the time it took to refuse.

Then a generated 272 KB draft (the size of a long law): every unit rendered as
``add_draft_version`` does, and the whole text as one unit, checking that every one of its links
still becomes a link (the link scans' budget must never cut an honest document short).

Target: every adversarial input under 200 ms.

Run from the repository root:  .venv/bin/python bench/markup.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.draft_text import generate_draft  # noqa: E402
from hoering import markup  # noqa: E402
from hoering.consultations.drafting import HEADING, split_markdown  # noqa: E402

LENGTH = 10_000
TARGET_MS = 200
DRAFT_BYTES = 272 * 1024
SEED = 2026

# pattern -> the pieces repeated (and cut) to LENGTH characters, or a whole input of about LENGTH
CORPUS: dict[str, list[str]] = {
    "brackets": ["[", "]", "[]", "[a", "[[a]()", "[`]`", "[" * 50 + "\n\n"],
    "images": ["![", "![a", "![](", "![a](", "![a][", "[![", "[![a](b)"],
    "links left open": ["[a](", "[a](<", "[a](b \"", "[a](b '\"", "[]((", "[a](" + "(" * 20],
    "references": ["[a][", "[a][b", "[a]: ", "[a] [", "![a][b]["],
    "emphasis runs": ["*", "_", "**", "*a", "**a", "_a", "*a_", "**a _", "***a", "*_", "a*b_"],
    "backticks": ["`", "`a", "``a", "`` ` ", "```\n", "`a\\`"],
    "angle brackets": ["<", "<a", "<a ", "<a\n", "<a b=\"", "x <a", "<http://", "<http://a.no ", "<!--",
                       "</a", "<a@b", "<a@"],
    "parentheses": ["(", "((a", "(a.", "a(", "(https://www.example.no"],
    "entities": ["&", "&a", "&#", "&#1", "&amp"],
    "urls": ["a.", "a-", "www.a", "http://a", "a.no.", "a@b.", "x.no/(", "https://x.no?a=("],
    "lists and quotes": ["- ", "1. ", "> ", ">", "* ", "- > ", "> - ", "- x\n", "> x\n", "1. x\n    "],
}
NESTED = {  # whole inputs: nesting by indentation and by markers, within and past MAX_NESTING
    "lists and quotes": [
        "\n".join("    " * (i % markup.MAX_NESTING) + "- x" for i in range(LENGTH // 70)),
        ("- " * (markup.MAX_NESTING - 1) + "x\n") * (LENGTH // (2 * markup.MAX_NESTING)),
        ("> " * (markup.MAX_NESTING - 1) + "x\n") * (LENGTH // (2 * markup.MAX_NESTING)),
        "- " * 500 + "x",
    ],
    "mixed": [],
}
MIXED_PIECES = ["*_[`<", "[*a*](", "![`a`](", "<[*", "**[a](b)**[", "`[`](", "[a]*b*<c>"]


def corpus() -> dict[str, list[str]]:
    """Every input, by pattern, each cut to LENGTH characters."""
    inputs = {pattern: [_fill(piece) for piece in pieces] for pattern, pieces in CORPUS.items()}
    inputs["mixed"] = [_fill(piece) for piece in MIXED_PIECES]
    for pattern, whole in NESTED.items():
        inputs[pattern] += [text[:LENGTH] for text in whole]
    return inputs


def _fill(piece: str) -> str:
    return (piece * (LENGTH // len(piece) + 1))[:LENGTH]


def render_ms(text: str, profile: markup.Profile, runs: int) -> tuple[float, bool]:
    """Median milliseconds to render (or refuse) ``text``, and whether it was refused."""
    times, refused = [], False
    for _ in range(runs):
        start = time.perf_counter()
        try:
            markup.render(text, profile)
        except markup.MarkupRejected:
            refused = True
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), refused


PROFILES = {"COMMENT": markup.COMMENT, "DRAFT": markup.DRAFT}


def adversarial(runs: int) -> None:
    """Print the worst time per pattern and profile, then the overall worst per profile."""
    print(f"{'pattern':18} {'inputs':>6} {'COMMENT ms':>11} {'DRAFT ms':>9} {'refused':>8}  slowest input")
    overall = dict.fromkeys(PROFILES, (0.0, ""))
    for pattern, texts in corpus().items():
        worst = dict.fromkeys(PROFILES, (0.0, ""))
        refused = 0
        for text in texts:
            for name, profile in PROFILES.items():
                ms, was_refused = render_ms(text, profile, runs)
                refused += was_refused
                worst[name] = max(worst[name], (ms, text[:14]))
                overall[name] = max(overall[name], (ms, f"{pattern}: {text[:14]!r}"))
        print(f"{pattern:18} {len(texts):6} {worst['COMMENT'][0]:11.1f} {worst['DRAFT'][0]:9.1f} "
              f"{refused:8}  {max(worst.values())[1]!r}")
    for name, (ms, which) in overall.items():
        verdict = "met" if ms < TARGET_MS else "MISSED"
        print(f"=> {name}: worst render of a {LENGTH:,}-character input {ms:.1f} ms, {which}  "
              f"(target < {TARGET_MS} ms: {verdict})")


def honest_draft() -> None:
    draft = generate_draft(SEED, max_bytes=DRAFT_BYTES)
    units = [unit for unit in split_markdown(draft) if unit.kind != HEADING]
    markup.render("Oppvarming.", markup.DRAFT)
    times = []
    for unit in units:
        start = time.perf_counter()
        markup.render(unit.text, markup.DRAFT)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    whole = markup.render(draft, markup.DRAFT)
    whole_s = time.perf_counter() - start
    links, rendered = draft.count("]("), whole.count("<a href=\"https://www.digdir.no")
    print(f"draft of {len(draft):,} characters, seed {SEED}: {len(units):,} units rendered in {sum(times):.2f} s "
          f"(slowest unit {max(times) * 1000:.1f} ms); the whole text as one unit: {whole_s:.2f} s, "
          f"{rendered} of its {links} links rendered{'' if rendered == links else ' (LINKS LOST)'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="renders per input; the median counts (default 3)")
    args = parser.parse_args(argv)
    print(f"== bench/markup.py: markup.render on hostile input (load average {os.getloadavg()[0]:.1f})")
    adversarial(args.runs)
    honest_draft()
    return 0


if __name__ == "__main__":
    sys.exit(main())
