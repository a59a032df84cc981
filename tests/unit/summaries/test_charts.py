"""The SVG charts: well-formed, labelled for screen readers, and drawn in proportion to the numbers."""
import xml.etree.ElementTree as ET

import pytest

from hoering.summaries.charts import (LINE_HEIGHT, LINE_LENGTH, STANCE_PATTERNS, Part, bar_chart, label_lines,
                                     stacked_bar, swatch)

NS = {"svg": "http://www.w3.org/2000/svg"}
STANCES = [("support", "Støtter", 6), ("against", "Er imot", 3), ("neutral", "Nøytral", 0),
           ("suggestion", "Har forslag", 1), ("not_stated", "Ikke oppgitt", 2)]


def stance_parts(counts=None):
    counts = counts or {}
    return [Part(key, label, counts.get(key, n)) for key, label, n in STANCES]


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def width(rect: ET.Element) -> float:
    return float(rect.get("width").rstrip("%"))


def segments(svg: ET.Element) -> list[ET.Element]:
    return svg.findall("svg:rect[@data-key]", NS)


def test_stacked_bar_is_an_image_titled_with_every_number():
    svg = parse(stacked_bar(stance_parts(), ident="standpunkt", title="Standpunkt i alle innspill"))
    assert svg.get("role") == "img"
    title = svg.find("svg:title", NS)
    assert svg.get("aria-labelledby") == title.get("id") == "standpunkt-tittel"
    assert title.text == "Standpunkt i alle innspill: Støtter: 6, Er imot: 3, Har forslag: 1, Ikke oppgitt: 2"


def test_stacked_bar_segments_are_as_wide_as_their_share_and_fill_the_bar():
    svg = parse(stacked_bar(stance_parts(), ident="standpunkt", title="Standpunkt"))
    drawn = segments(svg)
    assert [rect.get("data-key") for rect in drawn] == ["support", "against", "suggestion", "not_stated"]
    assert [width(rect) for rect in drawn] == pytest.approx([50, 25, 100 / 12, 100 / 6], abs=0.001)
    starts = [float(rect.get("x").rstrip("%")) for rect in drawn]
    assert starts[0] == 0
    for before, after, start in zip(drawn, drawn[1:], starts[1:]):
        assert start == pytest.approx(float(before.get("x").rstrip("%")) + width(before), abs=0.002)
    assert sum(width(rect) for rect in drawn) == pytest.approx(100, abs=0.01)


def test_stacked_bar_draws_no_segment_for_a_count_of_zero():
    svg = parse(stacked_bar(stance_parts(), ident="standpunkt", title="Standpunkt"))
    assert "neutral" not in {rect.get("data-key") for rect in segments(svg)}
    assert "Nøytral" not in svg.find("svg:title", NS).text


def test_stacked_bar_with_nothing_to_show_is_an_empty_frame():
    zero = {key: 0 for key, _, _ in STANCES}
    svg = parse(stacked_bar(stance_parts(zero), ident="standpunkt", title="Standpunkt"))
    assert segments(svg) == []
    assert svg.find("svg:title", NS).text == "Standpunkt"
    assert parse(stacked_bar([], ident="tom", title="Standpunkt")).get("role") == "img"


def test_every_stance_has_its_own_pattern_as_well_as_its_colour():
    svg = parse(stacked_bar(stance_parts(), ident="tema-3-standpunkt", title="Standpunkt"))
    patterns = svg.findall("svg:defs/svg:pattern", NS)
    assert [p.get("id") for p in patterns] == [f"tema-3-standpunkt-{key}" for key in STANCE_PATTERNS]
    drawings = {ET.tostring(p, encoding="unicode").split(">", 1)[1] for p in patterns}
    assert len(drawings) == len(STANCE_PATTERNS), "no two stances look alike"
    for rect in segments(svg):
        assert rect.get("fill") == f"url(#tema-3-standpunkt-{rect.get('data-key')})"


def test_labels_are_escaped():
    parts = [Part("support", "<script>alert(1)</script> & co", 2)]
    markup = str(stacked_bar(parts, ident="x", title='Tema "<b>"'))
    assert "<script>" not in markup and "<b>" not in markup
    assert parse(markup).find("svg:title", NS).text == 'Tema "<b>": <script>alert(1)</script> & co: 2'


def test_an_ident_that_could_break_out_of_an_id_is_refused():
    with pytest.raises(ValueError):
        stacked_bar(stance_parts(), ident='x" onload="alert(1)', title="Standpunkt")


def test_bar_chart_bars_are_proportional_to_counts_the_largest_full_width():
    parts = [Part("tema-1", "Kommentarfelt", 40, "40"), Part("tema-2", "Svartid", 10, "10"),
             Part("tema-3", "Nettsiden", 0, "0")]
    svg = parse(bar_chart(parts, ident="temaer", title="Antall innspill per tema"))
    assert svg.get("role") == "img"
    assert svg.find("svg:title", NS).text == "Antall innspill per tema: Kommentarfelt: 40, Svartid: 10, Nettsiden: 0"
    assert [width(rect) for rect in svg.findall("svg:rect", NS)] == [100, 25, 0]
    assert ["".join(text.itertext()) for text in svg.findall("svg:text", NS)] == [
        "40 Kommentarfelt", "10 Svartid", "0 Nettsiden"]


def test_bar_chart_of_nothing_is_still_a_valid_image():
    svg = parse(bar_chart([Part("tema-1", "Kommentarfelt", 0)], ident="temaer", title="Temaer"))
    assert width(svg.find("svg:rect", NS)) == 0
    assert parse(bar_chart([], ident="temaer", title="Temaer")).find("svg:title", NS).text == "Temaer"


def lines_of(text: ET.Element) -> list[str]:
    """A label's lines as drawn: the text before the first line break, then one per broken-off tspan."""
    broken = [tspan for tspan in text.findall("svg:tspan", NS) if tspan.get("dy")]
    first = "".join(text.itertext())
    for tspan in broken:
        first = first.replace(tspan.text, "", 1)
    return [first] + [tspan.text for tspan in broken]


def test_bar_chart_breaks_long_labels_into_lines_and_never_cuts_them():
    label = "kommentarfelt, facebook, hverdager, helger, åpningstider og moderering"
    svg = parse(bar_chart([Part("tema-1", label, 3), Part("tema-2", "Svartid", 1)], ident="temaer", title="Temaer"))
    first, second = svg.findall("svg:text", NS)
    assert lines_of(first) == ["3 kommentarfelt, facebook,", "hverdager, helger,", "åpningstider og moderering"]
    assert all(len(line) <= LINE_LENGTH for line in lines_of(first))
    assert label in svg.find("svg:title", NS).text
    bars = svg.findall("svg:rect", NS)
    label_bottom = float(first.get("y")) + 2 * LINE_HEIGHT
    assert float(bars[0].get("y")) > label_bottom, "the bar is drawn below the label's last line"
    assert float(second.get("y")) > float(bars[0].get("y")) + float(bars[0].get("height"))
    assert float(svg.get("height")) >= float(bars[1].get("y")) + float(bars[1].get("height"))


def test_a_word_longer_than_a_line_is_broken_with_a_hyphen():
    lines = label_lines("1 234", "Barnehageopptaksforskriftsendringsforslagene i kommunen")
    assert lines == ["", "Barnehageopptaksforskriftsend-", "ringsforslagene i kommunen"]
    assert label_lines("12", "Nettsiden") == ["Nettsiden"]


def test_swatch_is_hidden_from_screen_readers_and_uses_the_charts_pattern():
    svg = parse(swatch("against", "standpunkt"))
    assert svg.get("aria-hidden") == "true"
    assert svg.find("svg:rect", NS).get("fill") == "url(#standpunkt-against)"
    with pytest.raises(ValueError):
        swatch("maybe", "standpunkt")
