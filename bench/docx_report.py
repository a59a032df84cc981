"""Benchmark: Word uploads full of what the conversion report counts, converted as the form converts them.

Like bench/docx_upload.py (whose files it builds on): each file is converted by
``convert_docx(data, max_length=MAX_DRAFT_LENGTH)`` in a fresh process and printed with its packed
size, tags of markup, the outcome, seconds and the growth of the peak memory. Shapes just under the
tag limit that make the converter do the most per tag for notes, text boxes and pictures:

* a footnote on every paragraph (each note looked up by id, not searched for);
* one note referred to 100,000 times (a note is written once, however often it is referred to);
* one paragraph of 12,000 text boxes, each with a copy for older readers (read once each);
* a picture in every paragraph, and a picture with a caption after it in every other (pictures whose
  image part is missing: placeholders);
* one PNG shown in 10,000 paragraphs (a part is read and hashed once, however often it is shown);
* 300 PNGs of 100 KB each, past the cap of 200 pictures and 20 MB (hashed once each, the rest are
  placeholders).

Target, as for docx_upload: each < 3 s and < 150 MB on two cores.

Run from the repository root:  .venv/bin/python bench/docx_report.py [--shape NAME]
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.docx_upload import TAGS, build, measure_conversion, repeated, run_shapes  # noqa: E402

_MAIN = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DRAWING = b'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_FOOTNOTES_RELATIONSHIP = (
    b'<Relationship Id="rIdNotes" Target="footnotes.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
)
_FOOTNOTES_TYPE = (
    b'<Override PartName="/word/footnotes.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
)
TEXT_BOX = (
    b'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic ' + _DRAWING + b'>'
    b"<a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boks</w:t></w:r></w:p></w:txbxContent>"
    b"</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
    b"<w:txbxContent><w:p><w:r><w:t>Boks</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
    b"</mc:AlternateContent></w:r>"
)
PICTURE = (
    b'<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Bilde" descr="Kart over sentrum"/><a:graphic '
    + _DRAWING + b"><a:graphicData><a:blip/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
)
_RELATIONSHIPS = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_PNG_TYPE = b'<Default Extension="png" ContentType="image/png"/>'
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")  # a PNG's first bytes


def picture_of(relationship: bytes) -> bytes:
    """A picture whose image is the part related as ``relationship``."""
    return PICTURE.replace(b"<a:blip/>", b'<a:blip %s r:embed="%s"/>' % (_RELATIONSHIPS, relationship))


def with_images(data: bytes, images: list[bytes]) -> bytes:
    """The document with an image part for each of ``images``, related as rIdPic0, rIdPic1 …"""
    relationships = b"".join(
        b'<Relationship Id="rIdPic%d" Target="media/pic%d.png" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>' % (n, n)
        for n in range(len(images))
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                part = part.replace(b"</Relationships>", relationships + b"</Relationships>")
            if info.filename == "[Content_Types].xml":
                part = part.replace(b"</Types>", _PNG_TYPE + b"</Types>")
            target.writestr(info, part)
        for number, image in enumerate(images):
            target.writestr(f"word/media/pic{number}.png", image)
    return out.getvalue()


def distinct_pictures(count: int, size: int) -> bytes:
    images = [PNG + number.to_bytes(4, "big") + bytes(size - len(PNG) - 4) for number in range(count)]
    body = b"".join(b"<w:p>" + picture_of(b"rIdPic%d" % n) + b"</w:p>" for n in range(count))
    return with_images(build([body]), images)


def with_footnotes(data: bytes, footnotes: bytes) -> bytes:
    """The document with a footnotes part, related and typed as Word relates and types it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                part = part.replace(b"</Relationships>", _FOOTNOTES_RELATIONSHIP + b"</Relationships>")
            if info.filename == "[Content_Types].xml":
                part = part.replace(b"</Types>", _FOOTNOTES_TYPE + b"</Types>")
            target.writestr(info, part)
        target.writestr("word/footnotes.xml", b"<w:footnotes " + _MAIN + b">" + footnotes + b"</w:footnotes>")
    return out.getvalue()


def footnote_per_paragraph(count: int) -> bytes:
    body = b"".join(b'<w:p><w:r><w:t>Avsnitt.</w:t></w:r><w:r><w:footnoteReference w:id="%d"/></w:r></w:p>' % n
                    for n in range(1, count + 1))
    notes = b"".join(b'<w:footnote w:id="%d"><w:p><w:r><w:t>Note.</w:t></w:r></w:p></w:footnote>' % n
                     for n in range(1, count + 1))
    return with_footnotes(build([body]), notes)


def one_note_referred_to(count: int) -> bytes:
    body = b"<w:p>" + b'<w:r><w:footnoteReference w:id="1"/></w:r>' * count + b"</w:p>"
    note = b'<w:footnote w:id="1"><w:p>' + b"<w:r><w:t>Lang note.</w:t></w:r>" * 20_000 + b"</w:p></w:footnote>"
    return with_footnotes(build([body]), note)


SHAPES = {
    "a footnote per paragraph": lambda: footnote_per_paragraph(TAGS // 20),
    "one note referred to 100,000 times": lambda: one_note_referred_to(100_000),
    "one paragraph of 12,000 text boxes": lambda: build([b"<w:p>", *repeated(TEXT_BOX, 12_000), b"</w:p>"]),
    "a picture per paragraph": lambda: build(repeated(b"<w:p>" + PICTURE + b"</w:p>", TAGS // 16)),
    "pictures, each with a caption": lambda: build(repeated(
        b"<w:p>" + PICTURE + b"</w:p><w:p><w:r><w:t>Figur 1: Kart</w:t></w:r></w:p>", TAGS // 20
    )),
    "one PNG shown 10,000 times": lambda: with_images(
        build(repeated(b"<w:p>" + picture_of(b"rIdPic0") + b"</w:p>", 10_000)), [PNG]
    ),
    "300 PNGs of 100 KB, past the cap": lambda: distinct_pictures(300, 100 * 1024),
}


def measure(name: str) -> None:
    from hoering.consultations.docx_import import convert_docx

    def converted(data: bytes, limit: int) -> str:
        result = convert_docx(data, max_length=limit)
        notices = ", ".join(f"{notice.code} {notice.count:,}" for notice in result.notices)
        return f"{len(result.markdown):,} characters, {len(result.images)} images, {notices}"

    measure_conversion(name, SHAPES[name](), converted, refusal_missed=True)


def main(argv: list[str] | None = None) -> int:
    return run_shapes(__file__, __doc__.splitlines()[0], SHAPES, measure, argv)


if __name__ == "__main__":
    sys.exit(main())
