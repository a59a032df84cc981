"""Which pictures of a Word draft are kept as images: their bytes, by content, within a cap per upload.

A picture is kept when the part its drawing embeds starts as a PNG, JPEG, GIF or WebP file does: the
file name and the content type in the package are the uploader's word, the first bytes are what a
browser will go by. Everything else stays a placeholder with its caption: EMF and WMF (what Word
makes of pasted charts and clip art), which browsers cannot show; SVG, which can carry script and is
never served (Word embeds a PNG copy beside it, and that copy is what is kept); TIFF and BMP; a
picture linked to a file outside the document; a chart or diagram, which has no picture at all.

Each picture is named by the SHA-256 of its bytes, so a picture shown ten times, or in two
drafts, is one image. One upload carries at most MAX_IMAGES images and MAX_IMAGE_BYTES of them;
the pictures past that stay placeholders and the report says why. A part is read and hashed once,
however many drawings refer to it.

Pure: no Flask, no database. The bytes go back with the Markdown (docx_report.ConvertedImage) and the
caller stores them (consultations.images).
"""
from __future__ import annotations

import hashlib

from docx.opc.part import XmlPart

from hoering.consultations.docx_report import IMAGE_PLACEHOLDERS, IMAGES, IMAGES_OVER_LIMIT, ConvertedImage

MAX_IMAGES = 200
MAX_IMAGE_BYTES = 20 * 1024 * 1024

PNG, JPEG, GIF, WEBP = "image/png", "image/jpeg", "image/gif", "image/webp"


def image_type(data: bytes) -> str | None:
    """The content type a browser shows ``data`` as, by its first bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return WEBP
    return None


class ImageKeeper:
    """The images kept while one document is converted, and the cap on them."""

    def __init__(self) -> None:
        self.max_images, self.max_bytes = MAX_IMAGES, MAX_IMAGE_BYTES
        self._kept: dict[str, ConvertedImage] = {}  # by SHA-256, in the order first met
        self._bytes = 0
        self._by_part: dict[str, tuple[str, str | None]] = {}  # by part name

    @property
    def images(self) -> tuple[ConvertedImage, ...]:
        return tuple(self._kept.values())

    def keep(self, part, relationship_id: str | None) -> tuple[str, str | None]:
        """(the report's code, the image's SHA-256 or None) for a picture that embeds the part
        ``part`` relates to by ``relationship_id``: IMAGES and its name, or why it stays a placeholder."""
        relationship = part.rels.get(relationship_id) if relationship_id else None
        if relationship is None or relationship.is_external:
            return IMAGE_PLACEHOLDERS, None
        target = relationship.target_part
        if target.partname not in self._by_part:
            self._by_part[target.partname] = self._read(target)
        return self._by_part[target.partname]

    def _read(self, target) -> tuple[str, str | None]:
        if isinstance(target, XmlPart):  # markup, never a picture: its blob would be serialised
            return IMAGE_PLACEHOLDERS, None
        data = target.blob
        content_type = image_type(data)
        if content_type is None:
            return IMAGE_PLACEHOLDERS, None
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 not in self._kept:
            if len(self._kept) >= self.max_images or self._bytes + len(data) > self.max_bytes:
                return IMAGES_OVER_LIMIT, None
            self._kept[sha256] = ConvertedImage(sha256, content_type, data)
            self._bytes += len(data)
        return IMAGES, sha256
