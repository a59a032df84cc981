"""The reader's copy of a comment that the personal-data guard reads, and its map back."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoering.moderation.normalised_text import normalise


def pieces(original: str) -> list[tuple[str, str]]:
    """Each character of the copy with the piece of the original it came from."""
    reader = normalise(original)
    return [(c, original[s:e]) for c, s, e in zip(reader.text, reader.starts, reader.ends)]


@pytest.mark.parametrize(("typed", "seen"), [
    ("Fnr 01019012345.", "Fnr 01019012345."),
    ("Blåbær og Øyvind, ære være.", "Blåbær og Øyvind, ære være."),
    ("０１０１９０", "010190"),
    ("𝟎𝟏 ٠١ ①", "01 01 1"),
    ("0101\u00ad90\u200b1\ufeff2\u2060345\u200e", "01019012345"),
    ("0101&#57;0&#x31;&#X32;&amp;#51;45", "01019012345"),
    ("a&nbsp;b&shy;c&ndash;d&#8203;e&#150;f", "a bc-de-f"),
    ("&#99999999999999999999;&#0000057;", "\ufffd9"),
    ("&amp; &lt;em&gt; &unknown; &", "& <em> &unknown; &"),
    ("010190\\-12345 \\. \\a \\9", "010190-12345 . \\a \\9"),
    ("a\u202fb\u2007c\u3000d\te\u00a0f\u2800g", "a b c d e f g"),
    ("a\r\nb\u2028c<br>d<p>e</p>f", "a\n\nb\nc\nd\ne\nf"),
    ("1\u20102\u20113\u20134\u20145\u22126\uff0d7\ufe638", "1-2-3-4-5-6-7-8"),
    ("1\u00b72\uff0e3\u20244", "1.2.3.4"),
    ("0101**90**12345 *ikke* 2 * 3 a_b 1_2", "01019012345 *ikke* 2 * 3 a_b 12"),
    ("0101<em>90</em><strong>1</strong><a href='x'>2</a>345 <b>x</b>", "01019012345 <b>x</b>"),
    ("01<!-- skjult -->01 <!-- åpen", "0101 <!-- åpen"),
    ("ola＠example．no", "ola@example.no"),
    ("e\u0301 1\ufe0f\u20e3 \u0301", "e 1 "),
    ("a\x00b\x07c\x7fd", "abcd"),
    ("ﬁn ½", "fin 1⁄2"),
])
def test_the_copy_is_what_the_reader_sees(typed, seen):
    assert normalise(typed).text == seen


def test_each_character_of_the_copy_maps_to_what_was_typed_for_it():
    assert pieces("1&#57;\u00ad２&nbsp;*3*") == [
        ("1", "1"), ("9", "&#57;"), ("2", "２"), (" ", "&nbsp;"), ("3", "3")]


def test_a_span_of_the_copy_is_a_span_of_the_original():
    typed = "Fnr: 0101&#57;0\u202f12345."
    reader = normalise(typed)
    start = reader.text.index("010190")
    begin, end = reader.span_in_original(start, start + len("010190 12345"))
    assert typed[begin:end] == "0101&#57;0\u202f12345"


TYPED_PIECES = ["1", "a", "ø", " ", "&#57;", "&amp;", "&", "\u00ad", "０", "**", "<em>", "<!--", "-->", "\\-",
                "\r\n", "e\u0301", "\u200b", "＠", "&nbsp;", "<br>"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(TYPED_PIECES) | st.characters(), max_size=40).map("".join))
def test_the_map_is_monotonic_and_within_the_original(typed):
    reader = normalise(typed)
    assert len(reader.text) == len(reader.starts) == len(reader.ends)
    assert all(0 <= s < e <= len(typed) for s, e in zip(reader.starts, reader.ends))
    assert list(reader.starts) == sorted(reader.starts) and list(reader.ends) == sorted(reader.ends)
    # Characters that read as typed are copied one to one.
    assert all(typed[s:e] == c for c, s, e in zip(reader.text, reader.starts, reader.ends)
               if e - s == 1 and c.isalnum() and typed[s:e].isascii())
