"""An organisation's logo, SVG or PNG, checked before it is stored and shown on every page.

Plain Python: bytes in, a checked logo or a refusal with its reason out. An SVG is a document that
can carry scripts, event handlers, links to other sites and entity bombs, so only a plain drawing
passes: no DTD, no script or foreign content, no on… attribute, no reference outside the file
except embedded raster images. It is served with a sandboxing Content-Security-Policy as well
(branding.views), so a missed trick still cannot run.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from lxml import etree
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 300 * 1024
MAX_SIDE = 4000  # pixels of a PNG: a logo, not a poster (and no decompression bomb)
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
PNG = "image/png"
SVG = "image/svg+xml"

EMPTY, TOO_LARGE, NOT_AN_IMAGE, UNSAFE_SVG, TOO_MANY_PIXELS = (
    "empty", "too large", "not an image", "unsafe svg", "too many pixels")

_FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "animate",
                       "set", "animateMotion", "animateTransform", "handler", "listener"}
# url(#gradient) is a reference inside the drawing; url(http…), url(//…) and @import reach out.
_URL_TARGET = re.compile(r"url\(\s*['\"]?([^)'\"]*)", re.IGNORECASE)
_EMBEDDED_RASTER = re.compile(r"data:image/(png|jpeg|gif|webp);", re.IGNORECASE)


class LogoRefused(ValueError):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class Logo:
    data: bytes
    media_type: str

    @property
    def extension(self) -> str:
        return "svg" if self.media_type == SVG else "png"


def checked_logo(data: bytes) -> Logo:
    """``data`` as a Logo, or LogoRefused with why (one of the problems above)."""
    if not data:
        raise LogoRefused(EMPTY)
    if len(data) > MAX_BYTES:
        raise LogoRefused(TOO_LARGE)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_png(data)
        return Logo(data, PNG)
    _check_svg(data)
    return Logo(data, SVG)


def _check_png(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise LogoRefused(NOT_AN_IMAGE)
            if max(image.size) > MAX_SIDE:
                raise LogoRefused(TOO_MANY_PIXELS)
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        if isinstance(error, LogoRefused):
            raise
        raise LogoRefused(NOT_AN_IMAGE) from None


def _check_svg(data: bytes) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise LogoRefused(NOT_AN_IMAGE) from None
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise LogoRefused(NOT_AN_IMAGE)
    if root.getroottree().docinfo.doctype:
        raise LogoRefused(UNSAFE_SVG)  # a DTD can define entities: billion laughs, files, other sites
    for element in root.iter():
        if not isinstance(element.tag, str):
            raise LogoRefused(UNSAFE_SVG)  # an entity reference or a processing instruction
        if etree.QName(element).localname in _FORBIDDEN_ELEMENTS:
            raise LogoRefused(UNSAFE_SVG)
        if etree.QName(element).localname == "style" and _reaches_out(element.text or ""):
            raise LogoRefused(UNSAFE_SVG)
        for name, value in element.attrib.items():
            _check_attribute(name, value)


def _reaches_out(css: str) -> bool:
    """Whether a style sheet or an attribute loads anything from outside the drawing."""
    return "@import" in css.lower() or any(not target.startswith("#") for target in _URL_TARGET.findall(css))


def _check_attribute(name: str, value: str) -> None:
    localname = etree.QName(name).localname
    if localname.lower().startswith("on"):
        raise LogoRefused(UNSAFE_SVG)
    if localname == "href" and not (value.startswith("#") or _EMBEDDED_RASTER.match(value)):
        raise LogoRefused(UNSAFE_SVG)
    if _reaches_out(value):
        raise LogoRefused(UNSAFE_SVG)
