"""Pictures for the Word benchmark file, made in memory without an imaging library.

Photographs in a municipal report are JPEGs that hardly compress; screenshots and maps are PNGs.
Both are built here so that their bytes are as incompressible as real ones (a Word file of 5 MB is
mostly pictures, and the zip holds them as they are):

* ``jpeg()``: a valid baseline greyscale JPEG. No DCT is needed: each 8×8 block's quantised
  coefficients are drawn at random and Huffman-coded with the standard tables of the JPEG
  specification (Annex K), so it decodes to a textured grey picture. Blocks are coded once, as bit
  strings, and a picture is a random sequence of them.
* ``png()``: an RGB PNG of a colour gradient with noise, deflated with zlib.

Deterministic for a seed.
"""
from __future__ import annotations

import functools
import random
import struct
import zlib

import numpy

# Annex K.3: the luminance DC and AC Huffman tables (code counts by length 1-16, then the symbols).
DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
DC_VALUES = tuple(range(12))
AC_BITS = (0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D)
AC_VALUES = bytes.fromhex(
    "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a"
    "3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a9293"
    "9495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6"
    "e7e8e9eaf1f2f3f4f5f6f7f8f9fa"
)
QUANTISATION = bytes([4] * 64)  # a high-quality table: a photograph saved at about 90 %
BLOCK_KINDS = 5000  # distinct coded blocks a picture is drawn from


def jpeg(seed: int, width: int, height: int) -> bytes:
    """A greyscale JPEG of ``width`` × ``height`` pixels (multiples of 8 are exact)."""
    rng = random.Random(seed)
    blocks = _coded_blocks()
    count = -(-width // 8) * -(-height // 8)
    bits = "".join(rng.choices(blocks, k=count))
    bits += "1" * (-len(bits) % 8)  # the last byte is padded with ones
    scan = int(bits, 2).to_bytes(len(bits) // 8, "big").replace(b"\xff", b"\xff\x00")
    return b"".join([
        b"\xff\xd8",
        _segment(0xE0, b"JFIF\x00\x01\x01\x01\x00\x96\x00\x96\x00\x00"),  # 150 dpi
        _segment(0xDB, b"\x00" + QUANTISATION),
        _segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
        _segment(0xC4, b"\x00" + bytes(DC_BITS) + bytes(DC_VALUES)),
        _segment(0xC4, b"\x10" + bytes(AC_BITS) + AC_VALUES),
        _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
        scan,
        b"\xff\xd9",
    ])


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _codes(bits, values) -> dict[int, str]:
    """Canonical Huffman codes (as bit strings) from a table's counts by length and its symbols."""
    codes, code, symbols = {}, 0, iter(values)
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[next(symbols)] = format(code, f"0{length}b")
            code += 1
        code <<= 1
    return codes


def _amplitude(value: int) -> tuple[int, str]:
    """JPEG's size category of a coefficient and its extra bits (ones' complement when negative)."""
    size = abs(value).bit_length()
    if size == 0:
        return 0, ""
    return size, format(value if value > 0 else value + (1 << size) - 1, f"0{size}b")


@functools.cache
def _coded_blocks() -> list[str]:
    """Blocks whose DC moves a little up or down and whose AC coefficients fade with frequency
    (the same for every picture: a picture is a sequence of them of its own)."""
    rng = random.Random(BLOCK_KINDS)
    dc, ac = _codes(DC_BITS, DC_VALUES), _codes(AC_BITS, AC_VALUES)
    blocks = []
    for _ in range(BLOCK_KINDS):
        size, extra = _amplitude(rng.randint(-6, 6))
        bits = [dc[size], extra]
        position, last = 0, rng.randint(12, 40)
        while position < last:
            run = min(rng.choice((0, 0, 0, 1, 2)), last - position - 1)
            position += run + 1
            value = 0
            while value == 0:
                value = round(rng.gauss(0, 60 / (1 + position / 4)))
            size, extra = _amplitude(max(-1023, min(1023, value)))
            bits += [ac[(run << 4) | size], extra]
        if position < 63:
            bits.append(ac[0x00])  # end of block
        blocks.append("".join(bits))
    return blocks


def png(seed: int, width: int, height: int, noise: int = 64) -> bytes:
    """An RGB PNG: a diagonal colour gradient with up to ``noise`` levels of random grain."""
    rng = numpy.random.default_rng(seed)
    shade = numpy.add.outer(numpy.arange(height), numpy.arange(width)) * 128 // (width + height)
    pixels = shade[:, :, None] + rng.integers(0, 128, 3) + rng.integers(0, noise, (height, width, 3))
    rows = numpy.zeros((height, 1 + width * 3), numpy.uint8)  # filter type 0 (none) before each row
    rows[:, 1:] = numpy.clip(pixels, 0, 255).reshape(height, width * 3)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join([b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header),
                     _chunk(b"IDAT", zlib.compress(rows.tobytes(), 6)), _chunk(b"IEND", b"")])


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
