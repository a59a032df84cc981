"""The share card: a 1200×630 PNG, with the words wrapped and cut where they do not fit."""
import io

from PIL import Image

from hoering.sharing.cards import card_png, wrapped

LONG = "Kommunen skal svare på spørsmål i kommentarfeltet innen to virkedager. " * 20


def test_a_card_is_a_1200_by_630_png_and_the_same_words_give_the_same_bytes():
    data = card_png("Strategi for sosiale medier", "Punkt 2.4.1", LONG, "Fjordvik kommune")
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert card_png("Strategi for sosiale medier", "Punkt 2.4.1", LONG, "Fjordvik kommune") == data
    assert card_png("Strategi for sosiale medier", "Punkt 2.4.2", LONG, "Fjordvik kommune") != data


def test_norwegian_letters_are_drawn_not_left_as_missing_glyphs():
    """A font without æ, ø and å draws the same empty box for each: the three would look alike."""
    boxes = [Image.open(io.BytesIO(card_png(letter * 3, "", "", ""))).tobytes() for letter in "æøå"]
    assert len(set(boxes)) == 3


def test_words_are_wrapped_and_the_last_line_cut_with_an_ellipsis():
    def fits(line):
        return len(line) <= 12

    assert wrapped("en to tre fire fem", fits, 3) == ["en to tre", "fire fem"]
    assert wrapped("en to tre fire fem seks sju åtte", fits, 2) == ["en to tre", "fire fem …"]
    assert wrapped("", fits, 2) == []
    assert wrapped("Ordsomikkefårplass", fits, 1) == ["Ordsomikkefårplass"]


def test_the_band_and_title_take_the_organisations_colour():
    def band(data):
        return Image.open(io.BytesIO(data)).convert("RGB").getpixel((600, 10))

    assert band(card_png("Skolestruktur", "", "", "Fjordvik kommune")) == (10, 75, 120)
    assert band(card_png("Skolestruktur", "", "", "Fjordvik kommune", "#0e6e63")) == (14, 110, 99)
