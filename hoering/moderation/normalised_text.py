"""What the reader of a comment will see, as plain text, with a map back to what was typed.

The personal-data guard reads this copy, not the raw text: a fødselsnummer typed with fullwidth
digits, a soft hyphen, a character reference (``0101&#57;012345``) or a narrow no-break space
looks like an ordinary number on the page. Every character of the copy remembers the span of
the original it came from, so a finding in the copy becomes a span of the original text that
the moderator's view can mark and redact.

The copy:

- decodes character references as a browser does (``&#57;``, ``&#x39;``, ``&nbsp;``), also under
  an ``&amp;`` (the comment renderer shows ``&amp;#57;`` as ``9``), and drops the backslash of a
  Markdown escape (``010190\\-12345`` shows as ``010190-12345``);
- applies NFKC (fullwidth digits and ``＠``, ligatures, superscripts) and reads any other decimal
  digit (``٣``) as its ASCII digit;
- drops what the reader cannot see: format characters (zero-width space, soft hyphen, BOM,
  direction marks), control characters (the stored text loses them too), HTML comments, the
  inline tags a comment may use (``<em>``, ``<strong>``, ``<a …>``) and Markdown emphasis stars
  and underscores touching a digit; and combining marks, which decorate a letter or a digit
  (``1\u20e3`` is a keycap 1) without hiding it;
- writes every kind of space as ``" "``, every line break (and ``<br>``, ``<p>``, ``<li>``) as
  ``"\\n"``, every hyphen, dash and minus sign as ``"-"`` and every dot-like character as ``"."``.

One pass over the text; characters that need no change (ASCII and the Latin-1 letters) are
copied in runs, so the cost is linear in the length of the comment.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass

# Everything that may read differently from how it is typed. Plain ASCII (and the Latin-1
# letters of Norwegian text) between two matches is copied as it is.
_SPECIAL = re.compile(
    r"&(?:amp;)*(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{0,31};?)"  # references
    r"|\\[!-/:-@\[-`{-~]"  # a Markdown backslash escape
    r"|<!--"
    r"|</?(?P<tag>em|strong|a|br|p|ul|ol|li)\b[^<>]*>"
    r"|[*_]+"
    r"|[^\x20-\x7e\n\u00c0-\u00ff]+"
)
_AMPERSANDS = re.compile(r"^&(?:amp;)*")
_BLOCK_TAGS = frozenset({"br", "p", "ul", "ol", "li"})
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Not spaces to Unicode, but blank on the page.
_BLANKS = frozenset("\t\u2800\u3164\u115f\u1160\uffa0")
_DASHES = frozenset("\u2212\u2043\u02d7\u2796\u2e3a\u2e3b")
_DOTS = frozenset(".\u00b7\u2027\u2219\u22c5\u30fb\u3002\u2e31\u0387")


@dataclass(frozen=True)
class NormalisedText:
    """The reader's copy of a text; `text[i]` came from `original[starts[i]:ends[i]]`."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `text[start:end]` (not empty) was read from."""
        return self.starts[start], self.ends[end - 1]


def normalise(original: str) -> NormalisedText:
    """The text a reader sees when `original` is published, with its map back."""
    builder = _Builder(original)
    position = 0
    comments_end_before = len(original) + 1  # no "-->" at or after this position
    while (match := _SPECIAL.search(original, position)) is not None:
        builder.copy(position, match.start())
        start, end = match.span()
        piece = match.group()
        if piece == "<!--":
            close = original.find("-->", end) if end < comments_end_before else -1
            if close < 0:
                comments_end_before = min(comments_end_before, end)
                builder.add(piece, start, end)
            else:
                end = close + 3  # an HTML comment: the renderer drops it
        elif match.group("tag"):
            if match.group("tag") in _BLOCK_TAGS:
                builder.add("\n", start, end)
        elif piece[0] in "*_":
            if not (builder.ends_with_digit() or _digit_at(original, end)):
                builder.add(piece, start, end)
        elif piece[0] == "\\":
            builder.add(piece[1], start, end)
        elif piece[0] == "&" and len(piece) > 1:
            builder.add(_decode_reference(piece), start, end)
        else:
            builder.add_each(piece, start)
        position = end
    builder.copy(position, len(original))
    return builder.build()


def _decode_reference(piece: str) -> str:
    """`&#57;` → `9`, `&amp;#57;` → `9`, `&nbsp;` → NBSP, as html.unescape; unknown ones stay."""
    tail = _AMPERSANDS.sub("", piece)
    if not tail:
        return "&"  # "&amp;" (or "&amp;amp;") is itself the reference
    if tail.startswith("#"):
        hexadecimal = tail[1:2] in ("x", "X")
        digits = tail[2 if hexadecimal else 1:].rstrip(";").lstrip("0") or "0"
        if len(digits) > 8:  # beyond any code point; also keeps int() cheap
            return "\ufffd"
        decoded = html.unescape(f"&#{int(digits, 16 if hexadecimal else 10)};")
    else:
        decoded = html.unescape("&" + tail)
    return unicodedata.normalize("NFKC", decoded)


def _digit_at(text: str, position: int) -> bool:
    if position >= len(text):
        return False
    character = text[position]
    if character == "&":
        return text.startswith("&#", position)  # a numeric reference: most often a hidden digit
    return unicodedata.decimal(unicodedata.normalize("NFKC", character)[:1] or " ", None) is not None


@functools.lru_cache(maxsize=4096)
def _as_seen(character: str) -> str:
    """How one character reads on the page, after NFKC, as plain text ("" if it is invisible)."""
    return "".join(_plain(c) for c in unicodedata.normalize("NFKC", character))


def _plain(character: str) -> str:
    if character in _LINE_BREAKS:
        return "\n"
    if character in _BLANKS:
        return " "
    category = unicodedata.category(character)
    if category == "Zs":
        return " "
    if category in ("Cf", "Cc", "Mn", "Me"):
        return ""  # format and control characters; combining marks (an accent does not hide a digit)
    if category == "Pd" or character in _DASHES:
        return "-"
    if character in _DOTS:
        return "."
    if category == "Nd":
        return str(unicodedata.decimal(character))
    return character


class _Builder:
    """Collects the reader's copy and, per character, the span of the original it came from."""

    def __init__(self, original: str):
        self.original = original
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, start: int, end: int) -> None:
        """Characters that read as they are typed."""
        if start < end:
            self.pieces.append(self.original[start:end])
            self.starts.extend(range(start, end))
            self.ends.extend(range(start + 1, end + 1))

    def add(self, replacement: str, start: int, end: int) -> None:
        """What the reader sees of `original[start:end]`, which shows as `replacement`."""
        seen = "".join(_as_seen(character) for character in replacement)
        if seen:
            self.pieces.append(seen)
            self.starts.extend([start] * len(seen))
            self.ends.extend([end] * len(seen))

    def add_each(self, characters: str, start: int) -> None:
        """What the reader sees of each of `characters`, which begin at `start` in the original."""
        for position, character in enumerate(characters, start):
            seen = _as_seen(character)
            if seen:
                self.pieces.append(seen)
                self.starts.extend([position] * len(seen))
                self.ends.extend([position + 1] * len(seen))

    def ends_with_digit(self) -> bool:
        return bool(self.pieces) and "0" <= self.pieces[-1][-1] <= "9"

    def build(self) -> NormalisedText:
        return NormalisedText("".join(self.pieces), tuple(self.starts), tuple(self.ends))
