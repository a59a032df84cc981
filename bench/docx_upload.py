"""Benchmark: hostile Word uploads, converted as the planner's form converts them.

Each file is built in memory and converted by ``docx_to_markdown(data, max_length=MAX_DRAFT_LENGTH)``
in a fresh process, so that the peak memory (ru_maxrss) is the file's own. Printed: packed size, tags
of markup, the outcome, seconds, and how much the peak grew over the process before converting.

* the reported bomb: a few hundred KB whose document.xml unpacks to 97 MB. Target: refused < 1 s.
* shapes just under the tag limit (docx_package.MAX_MARKUP_TAGS) that make python-docx do the most
  per tag: empty paragraphs, empty runs, one paragraph of 100,000 runs, a table of 160,000 cells, a
  style or a list of its own for each paragraph. Target: each < 3 s and < 150 MB on two cores.
* a draft of 930,000 characters in Word-like markup (the limit is 1,000,000): it must convert.

Run from the repository root:  .venv/bin/python bench/docx_upload.py [--shape NAME]
"""
from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TAGS = 470_000  # under MAX_MARKUP_TAGS with the template's own parts
PARAGRAPH = b"<w:p><w:r><w:t>Tiltak.</w:t></w:r></w:p>"
RUN = b"<w:r><w:t>a</w:t></w:r>"
WORD_RUN = (
    '<w:r w:rsidRPr="00112233"><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:lang w:val="nb-NO"/></w:rPr>'
    '<w:t xml:space="preserve">Kommunen foreslår endringer i reguleringsplanen for sentrum. </w:t></w:r>'
).encode()
WORD_PARAGRAPH = (
    b'<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6"><w:pPr><w:spacing w:after="120"/></w:pPr>'
    + WORD_RUN * 4 + b"</w:p>"
)


def build(body_chunks, styles: bytes = b"", numbering: bytes = b"") -> bytes:
    """python-docx's template with this body (chunks, packed as they come) and extra definitions."""
    from docx import Document

    template = io.BytesIO()
    Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                head = part.split(b"<w:body>")[0] + b"<w:body>"
                with target.open(info.filename, "w", force_zip64=True) as stream:
                    for chunk in [head, *body_chunks, b"</w:body></w:document>"]:
                        stream.write(chunk)
                continue
            if info.filename == "word/styles.xml":
                part = part.replace(b"</w:styles>", styles + b"</w:styles>")
            if info.filename == "word/numbering.xml":
                part = part.replace(b"<w:num ", numbering + b"<w:num ", 1)
            target.writestr(info.filename, part)
    return out.getvalue()


def repeated(unit: bytes, count: int):
    block = unit * max(1, 65_536 // len(unit))
    for _ in range(count * len(unit) // len(block)):
        yield block


def own_styles(count: int) -> bytes:
    styles = b"".join(b'<w:style w:type="paragraph" w:styleId="s%d"><w:name w:val="s%d"/>'
                      b'<w:basedOn w:val="s%d"/></w:style>' % (n, n, n + 1) for n in range(count))
    body = b"".join(b'<w:p><w:pPr><w:pStyle w:val="s%d"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>' % n
                    for n in range(count))
    return build([body], styles=styles)


def own_lists(count: int) -> bytes:
    numbering = b"".join(b'<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (n, n)
                         for n in range(1000, 1000 + count))
    body = b"".join(b'<w:p><w:pPr><w:numPr><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>' % n
                    for n in range(1000, 1000 + count))
    return build([body], numbering=numbering)


SHAPES = {
    "reported bomb (97 MB document.xml)": lambda: build(repeated(PARAGRAPH, 2_300_000)),
    "empty paragraphs": lambda: build(repeated(b"<w:p/>", TAGS)),
    "paragraphs of an empty run": lambda: build(repeated(b"<w:p><w:r/></w:p>", TAGS // 3)),
    "one paragraph of 117,000 runs": lambda: build([b"<w:p>", *repeated(RUN, TAGS // 4), b"</w:p>"]),
    "a table row of 156,000 cells": lambda: build([b"<w:tbl><w:tr>", *repeated(b"<w:tc><w:p/></w:tc>", TAGS // 3),
                                                   b"</w:tr></w:tbl>"]),
    "a style of its own per paragraph": lambda: own_styles(TAGS // 13),
    "a list of its own per paragraph": lambda: own_lists(TAGS // 14),
    "a draft of 930,000 characters": lambda: build(repeated(WORD_PARAGRAPH, 3_800)),
}


def measure(name: str) -> None:
    from hoering.consultations.docx_import import docx_to_markdown

    measure_conversion(name, SHAPES[name](), lambda data, limit: f"{len(docx_to_markdown(data, max_length=limit)):,} characters",
                       seconds_target=1 if "bomb" in name else 3)


def measure_conversion(name: str, data: bytes, convert, seconds_target: float = 3, refusal_missed: bool = False) -> None:
    """Convert ``data`` in this process with ``convert(data, max_length)`` (which returns what to print)
    and print the file's size and tags, seconds, peak memory growth and the outcome; MISSED over
    the targets (or refused, with ``refusal_missed``)."""
    from hoering import create_app
    from hoering.consultations.docx_import import DocxRejected
    from hoering.consultations.planning import MAX_DRAFT_LENGTH

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tags = sum(archive.read(info).count(b"<") for info in archive.infolist())
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with app.test_request_context():
        started = time.perf_counter()
        try:
            outcome = convert(data, MAX_DRAFT_LENGTH)
        except DocxRejected as rejection:
            outcome = f"refused: {rejection.reason}"
        seconds = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    refused = refusal_missed and outcome.startswith("refused")
    missed = "" if seconds < seconds_target and grown < 150 and not refused else "  MISSED"
    figures = f"{len(data) / 1024:7.0f} KB {tags:9,} tags {seconds:6.2f} s {grown:+5.0f} MB"
    print(f"{name:36} {figures}  {outcome[:60]}{missed}", flush=True)


def run_shapes(script: str, description: str, shapes: dict, measure_one, argv: list[str] | None = None) -> int:
    """``--shape NAME`` measures one shape in this process; without it, each shape in a fresh one."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shape", choices=shapes, help="measure one shape in this process")
    args = parser.parse_args(argv)
    if args.shape:
        measure_one(args.shape)
        return 0
    return max(subprocess.call([sys.executable, script, "--shape", name]) for name in shapes)


def main(argv: list[str] | None = None) -> int:
    return run_shapes(__file__, __doc__.splitlines()[0], SHAPES, measure, argv)


if __name__ == "__main__":
    sys.exit(main())
