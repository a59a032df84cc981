"""Benchmark: formal responses with attachments (issue 17).

On a fresh, migrated SQLite database (or ``--database-url``): ``--bodies`` bodies (500) imported from a
CSV file and invited (their letters written to an outbox folder), then each body answers through its
personal link, with the Flask test client as a browser would post the form: a text and two PDF
attachments (1,000 in all), of 1 to 12 pages of Norwegian text each (generated beforehand, outside
the timing; each body writes about one of six topics, so the analysis has themes to find). Printed:

* the invitations: the time to write and send ``--bodies`` letters;
* the uploads: per response (a request with two PDFs of 60 kB a page, as scanned letters: checking by content, text extraction, the guard,
  storing, the receipt), p50 / p95 / max, and the total; the time of ``attachment_files.check`` alone
  over every PDF (the extraction's share);
* memory: the process's RSS after each tenth of the uploads (flat means no upload is kept in memory
  after its request) and the peak RSS (Linux's high-water mark);
* the public list (``/hoeringer/<slug>/hoeringssvar``, every response with its attachments) and the
  API (``/api/v1/consultations/<slug>/responses``): p50 / p95 and SQL queries per request over
  ``--requests`` requests.

Targets: a response with two attachments under 1 s at p95; the public list and the API under 500 ms
at p95 with 500 responses; RSS after the last tenth within 50 MB of the RSS after the first. A missed
target is printed as MISSED; nothing is asserted. Then an analysis run over the responses and their
attachments' text (hoering.responses.analysed) and, last, the archive package
(hoering.responses.archive, as ``flask responses archive`` writes it): their time, and the peak RSS
after each.

Run from the repository root:  .venv/bin/python bench/responses.py [--bodies 500] [--requests 20]
[--seed 1] [--database-url URL]
"""
from __future__ import annotations

import argparse
import io
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from email import message_from_bytes, policy
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402
from pypdf.generic import StreamObject  # noqa: E402

from bench.bench_pages import QueryCounter, reset_database  # noqa: E402
from hoering import create_app  # noqa: E402
from hoering.background import wait_for_threads  # noqa: E402
from hoering.casework.services import run_now  # noqa: E402
from hoering.clock import utcnow  # noqa: E402
from hoering.consultations.planning import get_staff_consultation  # noqa: E402
from hoering.consultations.services import create_consultation  # noqa: E402
from hoering.extensions import db  # noqa: E402
from hoering.responses import attachment_files  # noqa: E402
from hoering.responses.analysed import response_inputs  # noqa: E402
from hoering.responses.archive import write_archive  # noqa: E402
from hoering.responses.invitations import send_invitations  # noqa: E402
from hoering.responses.models import FormalResponse, InvitedBody, ResponseAttachment  # noqa: E402
from hoering.responses.services import import_bodies  # noqa: E402
from tests.fixtures.documents import pdf_bytes  # noqa: E402

SLUG = "kommuneplanens-arealdel"
WORDS = "kommunen planen arealet forslaget høringen innspill vurdering".split()
# Each body writes about one topic, so the analysis has themes to find.
TOPICS = [words.split() for words in (
    "boliger fortetting sentrum leiligheter eneboliger tomter byggehøyde",
    "friluftsliv strandsonen turstier natur badeplasser allmenningen sjøen",
    "vegen trafikk støy parkering kollektivtilbud sykkelveg gangfelt",
    "skolen barnehagen skolevegen elevene kapasitet uteområdet foreldre",
    "landbruk jordvern dyrka jord bonden beite gardsbruk matjord",
    "flom klima overvann skred havnivå kvikkleire beredskap",
)]
LINES_PER_PAGE = 40
SCAN_BYTES = 60_000  # a page image of a scanned letter, compressed
PAGE_TARGET_S = 1.0
LIST_TARGET_MS = 500
RSS_GROWTH_TARGET_MB = 50
TOKEN = re.compile(r"/svar/([A-Za-z0-9_-]+)")


def rss_mb() -> float:
    """The process's resident set now (Linux: /proc/self/statm), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1_048_576


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sentence(rng: random.Random, topic: list[str]) -> str:
    """A sentence of 8 to 14 words, most of them from ``topic``."""
    words = [rng.choice(topic if rng.random() < 0.7 else WORDS) for _ in range(rng.randint(8, 14))]
    return " ".join(words).capitalize() + "."


def topic_of(body: int) -> list[str]:
    return TOPICS[body % len(TOPICS)]


def pdf_document(rng: random.Random, pages: int, topic: list[str]) -> bytes:
    """A PDF of ``pages`` pages of text and, like a scanned letter's page images, ``SCAN_BYTES`` of
    incompressible data a page (an image stream the pages do not draw)."""
    text = " ".join(sentence(rng, topic) for _ in range(LINES_PER_PAGE // 4))
    reader = PdfReader(io.BytesIO(pdf_bytes(text, pages=pages)))
    writer = PdfWriter(clone_from=reader)
    for _ in range(pages):
        picture = StreamObject()
        picture.set_data(rng.randbytes(SCAN_BYTES))
        writer._add_object(picture)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_app(url: str, outbox: str):
    return create_app({
        "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "PROPAGATE_EXCEPTIONS": True,
        "WTF_CSRF_ENABLED": False, "SERVER_NAME": "bench.test", "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": "", "MAIL_OUTBOX": outbox, "MAIL_RETRY_DELAYS": (0, 0),
    })


def bodies_csv(count: int) -> bytes:
    rows = ["name,organisation_number,email,category"]
    categories = ["statlig", "fylkeskommune", "kommune", "organisasjon", "næringsliv", "annet"]
    for n in range(count):
        rows.append(f"Høringsinstans {n:04d},,post{n}@instans{n}.example.no,{categories[n % len(categories)]}")
    return ("\n".join(rows) + "\n").encode()


def invite(app, count: int) -> tuple[float, list[str]]:
    """Create the consultation, import and invite ``count`` bodies; (seconds to send, tokens)."""
    with app.app_context(), app.test_request_context():
        now = utcnow()
        consultation = create_consultation(slug=SLUG, title="Kommuneplanens arealdel 2027–2039",
                                           organisation="Fjordvik kommune", summary="Høring.",
                                           opens_at=now, closes_at=now.replace(year=now.year + 1),
                                           draft="# Arealdel\n\nKommunen foreslår nye boligområder.")
        db.session.commit()
        result = import_bodies("instanser.csv", bodies_csv(count), None, consultation)
        assert result.ok, result.errors[:3]
        start = time.perf_counter()
        send_invitations(consultation, None)
        wait_for_threads()
        seconds = time.perf_counter() - start
        tokens = list(db.session.scalars(sa.select(InvitedBody.token).order_by(InvitedBody.id)))
    return seconds, tokens


def upload_all(client, tokens: list[str], documents: list[tuple[bytes, bytes]], rng) -> tuple[list[float], list[float]]:
    """Each body answers with its two PDFs; returns the request times and the RSS after each tenth."""
    times, rss = [], []
    tenth = max(1, len(tokens) // 10)
    for n, (token, (first, second)) in enumerate(zip(tokens, documents), start=1):
        data = {"contact_name": f"Saksbehandler {n}", "contact_email": f"saksbehandler{n}@example.no",
                "text": " ".join(sentence(rng, topic_of(n - 1)) for _ in range(5)),
                "attachments": [(io.BytesIO(first), f"Høringssvar {n}.pdf"), (io.BytesIO(second), f"Vedlegg {n}.pdf")]}
        start = time.perf_counter()
        response = client.post(f"/hoeringer/{SLUG}/svar/{token}", data=data, content_type="multipart/form-data")
        times.append(time.perf_counter() - start)
        if response.status_code != 302:
            raise SystemExit(f"response {n} was refused ({response.status_code}): "
                             f"{response.get_data(as_text=True)[:500]}")
        if n % tenth == 0:
            wait_for_threads()
            rss.append(rss_mb())
    wait_for_threads()
    return times, rss


def time_requests(client, counter: QueryCounter, url: str, requests: int) -> tuple[list[float], list[int], int]:
    client.get(url)
    times, queries = [], []
    for _ in range(requests):
        counter.reset()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        queries.append(len(counter.statements))
        assert response.status_code == 200
    return times, queries, len(response.data)


def report_line(label: str, values: list[float], unit: str, target: float | None = None) -> str:
    p95 = percentile(values, 0.95)
    line = (f"{label}: p50 {statistics.median(values):.1f} {unit}, p95 {p95:.1f} {unit}, "
            f"max {max(values):.1f} {unit}")
    if target is not None:
        line += f"  (target < {target:g} {unit}: {'met' if p95 < target else 'MISSED'})"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=500)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        app = make_app(url, f"{folder}/outbox")
        reset_database(app, url)
        print(f"{args.bodies} bodies, {2 * args.bodies} PDF attachments; database {url.split(':')[0]}")

        documents = [tuple(pdf_document(rng, rng.randint(1, 12), topic_of(n)) for _ in range(2))
                     for n in range(args.bodies)]
        sizes = [len(pdf) for pair in documents for pdf in pair]
        print(f"PDFs: {len(sizes)}, {sum(sizes) / 1_048_576:.1f} MB in all, "
              f"median {statistics.median(sizes) / 1000:.0f} kB, largest {max(sizes) / 1000:.0f} kB")

        start = time.perf_counter()
        for first, second in documents:
            attachment_files.check("a.pdf", first)
            attachment_files.check("b.pdf", second)
        check_seconds = time.perf_counter() - start
        print(f"attachment_files.check alone (type by content + text extraction), all PDFs: {check_seconds:.2f} s, "
              f"{1000 * check_seconds / len(sizes):.1f} ms a file")

        invite_seconds, tokens = invite(app, args.bodies)
        print(f"invitations: {len(tokens)} letters written and sent to the outbox in {invite_seconds:.2f} s")

        rss_before = rss_mb()
        with app.app_context():
            client = app.test_client()
            times, rss = upload_all(client, tokens, documents, rng)
            counts = (db.session.scalar(sa.select(sa.func.count(FormalResponse.id))),
                      db.session.scalar(sa.select(sa.func.count(ResponseAttachment.id))))
        print(f"uploads: {counts[0]} responses with {counts[1]} attachments in {sum(times):.1f} s")
        print(report_line("a response with two PDFs", [1000 * t for t in times], "ms", 1000 * PAGE_TARGET_S))
        growth = rss[-1] - rss[0]
        print(f"RSS: {rss_before:.0f} MB before the uploads; after each tenth: "
              + ", ".join(f"{value:.0f}" for value in rss)
              + f" MB; growth from the first tenth to the last {growth:+.0f} MB "
              f"(target < {RSS_GROWTH_TARGET_MB} MB: {'met' if growth < RSS_GROWTH_TARGET_MB else 'MISSED'}); "
              f"peak RSS {peak_rss_mb():.0f} MB")

        with app.app_context():
            counter = QueryCounter(db.engine)
            for label, path in (("public list", f"/hoeringer/{SLUG}/hoeringssvar"),
                                ("API", f"/api/v1/consultations/{SLUG}/responses")):
                times_ms, queries, size = time_requests(client, counter, path, args.requests)
                print(report_line(f"{label} ({size / 1000:.0f} kB, {max(queries)} queries)", times_ms, "ms",
                                  LIST_TARGET_MS))

        with app.app_context():
            seconds, run = time_analysis()
            characters = sum(len(item.text) for item in response_inputs(run.consultation_id))
            print(f"analysis (flask analyse): {run.result['comments']} responses read with their attachments' text "
                  f"({characters / 1_000_000:.1f} M characters), {len(run.result['themes'])} themes, "
                  f"{len(run.result['campaigns'])} campaigns, in {seconds:.1f} s; peak RSS {peak_rss_mb():.0f} MB")

        with app.app_context():
            seconds, size, package = time_archive(Path(folder) / "arkiv.zip")
        print(f"archive package (flask responses archive): {package.responses} responses, "
              f"{len(package.documents)} document files, {size / 1_048_576:.1f} MB in {seconds:.1f} s; "
              f"peak RSS {peak_rss_mb():.0f} MB")
    return 0


def time_analysis():
    """(seconds, AnalysisRun) of an analysis run over the consultation's responses, as a worker runs it."""
    start = time.perf_counter()
    run = run_now(get_staff_consultation(SLUG))
    return time.perf_counter() - start, run


def time_archive(out: Path):
    """(seconds, bytes, Package) of writing the consultation's archive package to ``out``."""
    consultation = get_staff_consultation(SLUG)
    start = time.perf_counter()
    package = write_archive(consultation, out)
    return time.perf_counter() - start, out.stat().st_size, package


if __name__ == "__main__":
    sys.exit(main())
