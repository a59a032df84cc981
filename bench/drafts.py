"""Benchmark: real documents from upload to public pages, a long law and a large Word file (issue 13).

Two documents, built in memory and written to a temporary directory as a planner would upload them:

* law: a plan- og bygningsloven-shaped Markdown of about 270 KB and 1,300 units (bench/law_text.py);
* word: a Word file of about 5 MB, Word-numbered headings, tables, lists, and a dozen pictures with
  captions (bench/word_file.py).

For each, ``--runs`` times (best and median printed, wall clock): *import* (the file's bytes to
Markdown: decoding the text, or ``convert_docx`` / ``docx_to_markdown(data, max_length=
MAX_DRAFT_LENGTH)``), *preview* (``planning.preview_units``), *publish* (``save_consultation`` of a
new consultation, then ``publish(open_now=True)``, in a fresh, migrated SQLite database; each run
gets a slug of its own).

Then the public pages of the last one, through the WSGI app (Flask's test client): the consultation
page, every distinct page it links to under /hoeringer/<slug>/ other than a unit's comment page
(section pages, the whole document's comments), and five unit pages spread over the draft; for each,
the HTML size and the p50/p95 of ``--requests`` requests, the pages taken in turn.

Targets (issue): each step under 2 s (median); no public page over 300 KB of HTML (KB = 1,024 bytes).
A missed target is printed as MISSED; nothing is asserted.

Run from the repository root:  .venv/bin/python bench/drafts.py [--requests 30] [--runs 3] [--only law|word]
"""
from __future__ import annotations

import argparse
import html
import math
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from bench.bench_pages import make_app, reset_database  # noqa: E402
from bench.law_text import long_law  # noqa: E402
from bench.word_file import word_report  # noqa: E402
from hoering.clock import utcnow  # noqa: E402
from hoering.consultations import docx_import, planning  # noqa: E402
from hoering.consultations.models import Unit  # noqa: E402
from hoering.consultations.services import get_public_consultation  # noqa: E402
from hoering.extensions import db  # noqa: E402

TARGET_STEP_S = 2.0
TARGET_PAGE_KB = 300
KB = 1024
UNIT_PAGES = 5
WARMUP = 2
_HREF = re.compile(r'href="([^"]*)"')


@dataclass(frozen=True)
class Document:
    name: str
    title: str
    filename: str
    build: Callable[[], bytes]


DOCUMENTS = {
    "law": Document("law", "Lov om planlegging og byggesaksbehandling (høringsutkast)", "plan-og-bygningsloven.md",
                    lambda: long_law().encode()),
    "word": Document("word", "Kommunedelplan for Fjordvik sentrum 2026–2038", "kommunedelplan.docx", word_report),
}


@dataclass
class Page:
    key: str
    url: str
    size: int = 0
    times_ms: list[float] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


# --------------------------------------------------------------------------- the steps


def import_markdown(path: Path) -> str:
    """What the planner's form does with the file: Word is converted, Markdown is read as text."""
    data = path.read_bytes()
    if path.suffix != ".docx":
        return data.decode("utf-8")
    result = converter()(data, max_length=planning.MAX_DRAFT_LENGTH)
    return getattr(result, "markdown", result)  # convert_docx returns the Markdown with a report


def converter():
    return getattr(docx_import, "convert_docx", None) or docx_import.docx_to_markdown


def publish(document: Document, markdown: str, slug: str):
    now = utcnow()
    entry = planning.ConsultationInput(
        title=document.title, organisation="Fjordvik kommune", opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=42), draft=markdown, slug=slug,
        summary="Kommunen ber om innspill til utkastet.",
    )
    consultation = planning.save_consultation(None, entry, actor=None)
    planning.publish(consultation, None, open_now=True)
    return consultation


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


def run_steps(app, document: Document, path: Path, runs: int) -> tuple[dict[str, list[float]], str, int, str]:
    """Seconds per step and run; the Markdown, the preview's unit count and the last slug."""
    seconds: dict[str, list[float]] = {"import": [], "preview": [], "publish": []}
    for run in range(1, runs + 1):
        with app.app_context():
            markdown, took = timed(import_markdown, path)
            seconds["import"].append(took)
            units, took = timed(planning.preview_units, markdown, "nb")
            seconds["preview"].append(took)
            slug = f"{document.name}-{run}"
            _, took = timed(publish, document, markdown, slug)
            seconds["publish"].append(took)
            db.session.remove()
    return seconds, markdown, len(units), slug


# --------------------------------------------------------------------------- the public pages


def public_pages(app, client, slug: str) -> tuple[list[Page], list[str]]:
    """The consultation page, the pages it links to under its address other than unit pages, and
    UNIT_PAGES unit pages spread over the draft; plus notes on links that answered no page."""
    with app.app_context():
        consultation = get_public_consultation(slug)
        anchors = list(db.session.scalars(
            sa.select(Unit.anchor).where(Unit.version_id == consultation.current_version_id).order_by(Unit.position)
        ))
    base = f"/hoeringer/{slug}"
    pages, notes, unit_links = [Page("consultation", base)], [], set()
    is_unit = set(anchors)
    for url in linked(_body(client, base), base):
        segment = urlsplit(url).path[len(base) + 1:]
        if segment in is_unit:
            unit_links.add(segment)
            continue
        response = client.get(url)
        if response.status_code != 200 or not response.mimetype.startswith("text/html"):
            notes.append(f"{url}: {response.status_code} {response.mimetype}, not measured")
            continue
        pages.append(Page(_page_key(url[len(base):].lstrip("/")), url))
        unit_links.update(urlsplit(u).path[len(base) + 1:] for u in linked(response.get_data(as_text=True), base))
    linked_anchors = [a for a in anchors if a in unit_links]
    for index in _spread(len(linked_anchors), UNIT_PAGES):
        anchor = linked_anchors[index]
        pages.append(Page(f"unit {anchors.index(anchor) + 1}/{len(anchors)}", f"{base}/{anchor}"))
    return pages, notes


def linked(body: str, base: str) -> list[str]:
    """Distinct links to the consultation's own pages (other than itself), fragments dropped, in page order."""
    urls = {}
    for href in _HREF.findall(body):
        parts = urlsplit(html.unescape(href))
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if not parts.netloc and (parts.path.startswith(base + "/") or (parts.path == base and parts.query)):
            urls.setdefault(url, None)
    return list(urls)


def _page_key(segment: str) -> str:
    return segment if len(segment) <= 24 else segment[:23] + "…"


def _spread(count: int, wanted: int) -> list[int]:
    if count <= wanted:
        return list(range(count))
    return sorted({round(i * (count - 1) / (wanted - 1)) for i in range(wanted)})


def _body(client, url: str) -> str:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response.get_data(as_text=True)


def measure(client, pages: list[Page], requests: int) -> None:
    """Warm up, then request the pages in turn, so a burst of noise on the machine spreads over all."""
    for page in pages:
        for _ in range(WARMUP):
            client.get(page.url)
    for _ in range(requests):
        for page in pages:
            start = time.perf_counter()
            response = client.get(page.url)
            body = response.get_data()
            page.times_ms.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"GET {page.url} answered {response.status_code}")
            page.size = len(body)


# --------------------------------------------------------------------------- report


def verdict(missed: bool) -> str:
    return "MISSED" if missed else "met"


def print_steps(seconds: dict[str, list[float]]) -> None:
    print(f"{'step':<10} {'best s':>8} {'median s':>9}  target < {TARGET_STEP_S:.0f} s")
    for step, values in seconds.items():
        median = statistics.median(values)
        print(f"{step:<10} {min(values):>8.3f} {median:>9.3f}  {verdict(median >= TARGET_STEP_S)}")


def print_pages(pages: list[Page], notes: list[str]) -> None:
    print(f"{'page':<26} {'KB':>8} {'p50 ms':>8} {'p95 ms':>8}  {'< ' + str(TARGET_PAGE_KB) + ' KB':<7} url")
    for page in pages:
        print(f"{page.key:<26} {page.size / KB:>8.1f} {statistics.median(page.times_ms):>8.1f} "
              f"{page.percentile(95):>8.1f}  {verdict(page.size > TARGET_PAGE_KB * KB):<7} {page.url}")
    for note in notes:
        print(f"  link {note}")
    longest = max(pages, key=lambda p: p.size)
    print(f"longest public page: {longest.key}, {longest.size / KB:.1f} KB of HTML, p95 {longest.percentile(95):.1f} ms"
          f"  {verdict(longest.size > TARGET_PAGE_KB * KB)}")


def bench_document(app, document: Document, tmp: Path, args) -> None:
    data, built = timed(document.build)
    path = tmp / document.filename
    path.write_bytes(data)
    seconds, markdown, units, slug = run_steps(app, document, path, args.runs)
    via = f", imported with {converter().__name__}" if path.suffix == ".docx" else ""
    print(f"\n== {document.name}: {path.name}, {len(data) / KB:,.0f} KB{via} to {len(markdown.encode()) / KB:,.0f} KB "
          f"of Markdown, {units:,} units (built in {built:.1f} s); {args.runs} runs")
    print_steps(seconds)
    client = app.test_client()
    pages, notes = public_pages(app, client, slug)
    measure(client, pages, args.requests)
    print(f"-- public pages of /hoeringer/{slug}: {WARMUP} warm-up and {args.requests} timed requests each, in turn")
    print_pages(pages, notes)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per public page (default 30)")
    parser.add_argument("--runs", type=int, default=3, help="runs of import, preview and publish (default 3)")
    parser.add_argument("--only", choices=sorted(DOCUMENTS), help="one document: law or word")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.runs < 1:
        parser.error("--requests and --runs take a number of at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"== drafts: a long law and a large Word file, import, preview, publish and their public pages "
          f"(Flask test client, SQLite); load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="hoering-bench-") as tmp:
        url = f"sqlite:///{tmp}/drafts.db"
        app = make_app(url)
        reset_database(app, url)
        for name in [args.only] if args.only else list(DOCUMENTS):
            bench_document(app, DOCUMENTS[name], Path(tmp), args)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs "
          "(wall-clock figures include waiting for a CPU when the machine is busy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
