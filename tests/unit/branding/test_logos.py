"""A logo is a plain SVG drawing or a PNG: anything that could run, load or explode is refused."""
import io

import pytest
from PIL import Image

from hoering.branding.logos import (EMPTY, MAX_BYTES, NOT_AN_IMAGE, PNG, SVG, TOO_LARGE, TOO_MANY_PIXELS, UNSAFE_SVG,
                                    LogoRefused, checked_logo)

DRAWING = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title>%s</svg>'


def svg(inner: str) -> bytes:
    return DRAWING % inner.encode()


def png(width: int = 40, height: int = 40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (14, 110, 99)).save(out, "PNG")
    return out.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(LogoRefused) as refused:
        checked_logo(data)
    return refused.value.problem


def test_a_plain_drawing_passes_with_gradients_and_styles_inside_it():
    drawing = svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#0e6e63"/></linearGradient></defs>'
                  '<style>.a { fill: url(#g); }</style><rect class="a" width="10" height="10" fill="url(#g)"/>'
                  '<use href="#g"/>')
    logo = checked_logo(drawing)
    assert (logo.media_type, logo.extension, logo.data) == (SVG, "svg", drawing)


def test_a_png_passes():
    assert checked_logo(png()).media_type == PNG


@pytest.mark.parametrize("inner", [
    '<script>alert(1)</script>',
    '<rect width="1" height="1" onclick="alert(1)"/>',
    '<a href="https://example.com"><rect width="1" height="1"/></a>',
    '<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(1)"><rect/></a>',
    '<image href="https://tracker.example/pixel.png"/>',
    '<image href="data:image/svg+xml;base64,PHN2Zy8+"/>',
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hei</div></foreignObject>',
    '<style>@import url(https://example.com/a.css);</style>',
    '<style>rect { fill: url(https://example.com/x.svg#a); }</style>',
    '<rect style="fill: url(//example.com/x)" width="1" height="1"/>',
    '<set attributeName="href" to="javascript:alert(1)"/>',
    '<iframe src="https://example.com"/>',
])
def test_scripts_handlers_and_outside_references_are_refused(inner):
    assert refusal(svg(inner)) == UNSAFE_SVG


def test_an_embedded_raster_image_is_part_of_the_drawing():
    assert checked_logo(svg('<image href="data:image/png;base64,iVBORw0KGgo="/>')).media_type == SVG


def test_entities_are_never_expanded():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>')
    local_file = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                  b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')
    assert refusal(laughs) == UNSAFE_SVG
    assert refusal(local_file) == UNSAFE_SVG


@pytest.mark.parametrize("data", [
    b"GIF89a\x01\x00\x01\x00", b"%PDF-1.7", b"<html><body>hei</body></html>", b"<svg>no namespace</svg>",
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "<svg>æøå".encode("latin-1"),
])
def test_what_is_not_an_svg_or_png_is_refused(data):
    assert refusal(data) == NOT_AN_IMAGE


def test_size_limits():
    assert refusal(b"") == EMPTY
    assert refusal(svg("<!--" + "x" * MAX_BYTES + "-->")) == TOO_LARGE
    assert refusal(png(4001, 10)) == TOO_MANY_PIXELS
