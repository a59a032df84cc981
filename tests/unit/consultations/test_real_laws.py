"""Real laws, as Lovdata publishes them (tests/fixtures/real, made by tests/fixtures/lovdata.py):
every § and every ledd is labelled as the law is cited, checked against Lovdata's own markup of
the ledd; the lettered lists keep their letters, and the law reads in parts a page can hold."""
import json
import re
from pathlib import Path

import pytest

from hoering import markup
from hoering.consultations.drafting import split_markdown
from hoering.consultations.reading import PAGE_BUDGET, split_pages
from tests.unit.consultations.test_reading import outline_of

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"
LAWS = [("husleieloven", "nb"), ("burettslagslova", "nn")]
ORDINALS = {
    "nb": ["første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende", "niende", "tiende"],
    "nn": ["første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuande", "åttande", "niande", "tiande"],
}


def law(name, language):
    markdown = (REAL / f"{name}.md").read_text(encoding="utf-8")
    return markdown, split_markdown(markdown, language), json.loads((REAL / f"{name}.ledd.json").read_text())


@pytest.mark.parametrize("name, language", LAWS)
def test_every_paragraph_and_ledd_is_labelled_as_lovdata_marks_it_up(name, language):
    _markdown, units, lovdata_ledd = law(name, language)
    paragraphs = {unit.label: unit for unit in units if unit.kind == "heading" and unit.label.startswith("§")}
    assert set(paragraphs) == set(lovdata_ledd)  # every § of the law, found by its heading
    for label, count in lovdata_ledd.items():
        heading = paragraphs[label]
        ledd, lists = [], []
        for unit in units[heading.position + 1:]:
            if unit.kind == "heading":
                break
            # A numbered list in a ledd is a unit of its own, cited as the ledd's: "§ 2-2 (1) nr. 1–5".
            (lists if re.search(r" (nr\.|strekpunkt) \d", unit.label) else ledd).append(unit)
        assert len(ledd) == count, label
        assert all(item.label.startswith(f"{label} ") for item in lists)
        for number, unit in enumerate(ledd, start=1):
            numbered = re.match(r"\((\d+)\) ", unit.text)
            expected = f"({numbered.group(1)})" if numbered else f"{ORDINALS[language][number - 1]} ledd"
            assert unit.label == f"{label} {expected}", (unit.label, unit.text[:60])


@pytest.mark.parametrize("name, language", LAWS)
def test_anchors_follow_the_labels_and_are_unique(name, language):
    _markdown, units, _ledd = law(name, language)
    anchors = [unit.anchor for unit in units]
    assert len(set(anchors)) == len(anchors)
    assert "paragraf-1-1" in anchors and not any("ss-" in anchor for anchor in anchors)


def test_numbered_ledd_and_lettered_lists_keep_their_numbers_and_letters():
    _markdown, units, _ledd = law("husleieloven", "nb")
    by_label = {unit.label: unit for unit in units}
    assert '<ol type="a">' in markup.render(by_label["§ 2-2 andre ledd"].text, markup.DRAFT)
    _markdown, units, _ledd = law("burettslagslova", "nn")
    assert {unit.label for unit in units} >= {"§ 1-1 (1)", "§ 1-1 (2)", "§ 2-1 (1)"}


@pytest.mark.parametrize("name, language", LAWS)
def test_every_unit_renders_and_the_law_is_read_in_parts_a_page_can_hold(name, language):
    _markdown, units, _ledd = law(name, language)
    for unit in units:
        if unit.kind != "heading":
            markup.render(unit.text, markup.DRAFT)
    outline = outline_of(units)
    pages = split_pages(outline)
    assert len(pages) > 1
    for page in pages:
        rows = outline[page.first:page.last + 1]
        assert sum(row.size + 400 for row in rows) <= PAGE_BUDGET * 1.5 or len(rows) < 5
