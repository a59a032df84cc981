"""Reading a long draft a part at a time: where the parts are cut."""
from hoering.consultations.drafting import split_markdown
from hoering.consultations.models import DRAFT
from hoering.consultations.reading import OutlineRow, reading_of, split_pages
from tests.factories import make_consultation


def outline_of(units):
    """The reading outline of split units, as reading_of reads it from the database."""
    return [OutlineRow(u.position, u.number, u.kind, u.anchor, u.text if u.kind == "heading" else "", u.label,
                       u.marker, len(u.text)) for u in units]


def outline(markdown):
    return outline_of(split_markdown(markdown))


def paragraphs(count, words=40):
    return "\n\n".join(f"Avsnitt {n}: " + "tekst " * words for n in range(count))


def anchors(pages):
    return [page.anchor for page in pages]


def test_a_draft_that_fits_is_one_page():
    pages = split_pages(outline("# A\n\n" + paragraphs(5) + "\n\n# B\n\nTekst.\n"))
    assert len(pages) == 1 and (pages[0].first, pages[0].anchor) == (0, "a")


def test_a_long_draft_is_cut_at_its_top_level_sections_with_the_introduction_on_the_first():
    draft = "Innledning.\n\n# A\n\n" + paragraphs(10) + "\n\n# B\n\n" + paragraphs(10) + "\n\n# C\n\n" + paragraphs(10)
    pages = split_pages(outline(draft), budget=6_000)
    assert anchors(pages) == ["innledning", "b", "c"]
    assert [page.title for page in pages] == ["1 A", "2 B", "3 C"]
    assert pages[1].first == pages[0].last + 1 and pages[2].last == len(outline(draft)) - 1


def test_a_section_too_long_for_a_page_is_cut_at_its_subsections_and_its_lead_in_read_with_the_first():
    draft = ("# Kapittel 1 Innledning\n\n" + paragraphs(3) + "\n\n# Kapittel 2 Planer\n\nOm kapitlet.\n\n"
             + "\n\n".join(f"## § 2-{n} Regel\n\n" + paragraphs(8) for n in range(1, 4)))
    pages = split_pages(outline(draft), budget=6_000)
    assert anchors(pages) == ["kapittel-1", "kapittel-2", "paragraf-2-2", "paragraf-2-3"]
    assert pages[1].title == "Kapittel 2 Planer"


def test_a_single_title_heading_is_read_with_its_first_section():
    draft = "# Lov om planlegging\n\n" + "\n\n".join(f"## Del {n}\n\n" + paragraphs(10) for n in range(1, 4))
    assert anchors(split_pages(outline(draft), budget=6_000)) == ["lov-om-planlegging", "del-2", "del-3"]


def test_text_without_headings_stays_one_page_however_long():
    assert len(split_pages(outline(paragraphs(200)), budget=6_000)) == 1


def test_a_part_that_is_only_a_heading_is_read_with_the_part_after_it():
    draft = ("# Del 1 Felles\n\n# Kapittel 1 Formål\n\n" + paragraphs(10) + "\n\n# Del 2 Plan\n\n# Kapittel 2 Plan\n\n"
             + paragraphs(10))
    assert anchors(split_pages(outline(draft), budget=6_000)) == ["del-1", "del-2"]


def test_a_published_versions_reading_is_read_once_and_a_drafts_every_time(app):
    consultation = make_consultation()
    assert reading_of(consultation) is reading_of(consultation)  # published: kept
    consultation.phase = DRAFT
    assert reading_of(consultation) is not reading_of(consultation)  # a draft may be replaced
