"""split_markdown: numbering a reader can cite, anchors that are unique, URL-safe and stable."""
import re

from hoering import markup
from hoering.consultations.drafting import RESERVED_ANCHORS, TEXT_ANCHORS, split_markdown

URL_SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def numbers(text):
    return [u.number for u in split_markdown(text)]


def test_headings_open_sections_and_paragraphs_are_numbered_within_them():
    units = split_markdown("# Formål\n\nFørste avsnitt.\n\nAndre avsnitt.\n\n# Kanaler\n\nTredje avsnitt.\n")
    assert [(u.number, u.kind) for u in units] == [
        ("1", "heading"),
        ("1.1", "paragraph"),
        ("1.2", "paragraph"),
        ("2", "heading"),
        ("2.1", "paragraph"),
    ]


def test_subsections_share_the_counter_with_paragraphs_so_every_number_is_unique():
    doc = "# Kanaler\n\nInnledning.\n\n## Facebook\n\nOm Facebook.\n\n## Nettsiden\n\nOm nettsiden.\n\nMer.\n"
    assert numbers(doc) == ["1", "1.1", "1.2", "1.2.1", "1.3", "1.3.1", "1.3.2"]


def test_text_before_the_first_heading_is_the_introduction_numbered_zero():
    assert numbers("Innledning.\n\nMer innledning.\n\n# Formål\n\nTekst.") == ["0.1", "0.2", "1", "1.1"]


def test_a_skipped_heading_level_nests_one_step():
    assert numbers("# A\n\n### B\n\nTekst.\n\n## C\n") == ["1", "1.1", "1.1.1", "1.2"]


def test_heading_without_text_is_a_section_with_an_anchor_from_its_number():
    units = split_markdown("# Formål\n\n##\n\nTekst under tom overskrift.\n")
    empty = units[1]
    assert (empty.number, empty.kind, empty.text) == ("1.1", "heading", "")
    assert empty.anchor == "punkt-1-1"
    assert units[2].number == "1.1.1"


def test_setext_headings_are_headings():
    units = split_markdown("Formål\n======\n\nTekst.\n\nKanaler\n-------\n\nMer.\n")
    assert [(u.number, u.kind, u.text) for u in units][:2] == [("1", "heading", "Formål"), ("1.1", "paragraph", "Tekst.")]
    assert units[2].number == "1.2" and units[2].kind == "heading"


def test_a_nested_list_with_loose_items_is_one_unit():
    doc = "# Tiltak\n\n- Første tiltak\n    - underpunkt\n\n    fortsettelse av første\n- Andre tiltak\n\nEtter lista.\n"
    units = split_markdown(doc)
    assert [u.number for u in units] == ["1", "1.1", "1.2"]
    assert "underpunkt" in units[1].text and "Andre tiltak" in units[1].text
    assert units[2].text == "Etter lista."


def test_a_table_is_one_unit():
    doc = "# Kanaler\n\n| Kanal | Formål |\n|---|---|\n| Facebook | Dialog |\n| Nettside | Informasjon |\n"
    units = split_markdown(doc)
    assert len(units) == 2 and units[1].text.count("|") == 12


def test_fenced_code_keeps_heading_markers_inside_it():
    units = split_markdown("# A\n\n```\n# ikke en overskrift\n\nfortsatt kode\n```\n\nEtter.\n")
    assert [u.kind for u in units] == ["heading", "paragraph", "paragraph"]
    assert "# ikke en overskrift" in units[1].text


def test_block_quote_with_lazy_continuation_is_one_unit():
    units = split_markdown("# A\n\n> sitat\nfortsatt sitat\n\nEtter.\n")
    assert units[1].text == "> sitat\nfortsatt sitat"


def test_anchors_are_url_safe_unique_and_avoid_reserved_words():
    doc = "# Hele dokumentet\n\nSamme tekst.\n\nSamme tekst.\n\n# Æøå & «sitat»!\n\n# Oppsummering\n"
    anchors = [u.anchor for u in split_markdown(doc)]
    assert len(set(anchors)) == len(anchors)
    assert all(URL_SAFE.match(a) for a in anchors), anchors
    assert not set(anchors) & RESERVED_ANCHORS
    assert anchors[1:3] == ["samme-tekst", "samme-tekst-2"]
    assert anchors[3] == "aeoa-sitat"


def test_anchors_are_stable_when_split_again_and_unchanged_paragraphs_keep_theirs_in_a_revision():
    draft = "# Formål\n\nKommunen skal svare innen to dager.\n\nAlle kanaler skal være universelt utformet.\n"
    assert split_markdown(draft) == split_markdown(draft)
    revised = draft.replace("# Formål\n\n", "# Formål\n\nEt nytt avsnitt først.\n\n")
    before = {u.text: u.anchor for u in split_markdown(draft)}
    after = {u.text: u.anchor for u in split_markdown(revised)}
    for text, anchor in before.items():
        assert after[text] == anchor


def test_hostile_markdown_is_kept_as_text_for_the_renderer_to_neutralise():
    doc = '# <script>alert(1)</script>\n\n[klikk](javascript:alert(1)) <img src=x onerror="alert(1)">\n'
    units = split_markdown(doc)
    assert all(URL_SAFE.match(u.anchor) for u in units)
    assert "javascript:" in units[1].text  # splitting never renders; markup.render() does


def test_windows_line_endings_and_blank_documents():
    assert numbers("# A\r\n\r\nTekst.\r\n") == ["1", "1.1"]
    assert split_markdown("") == []
    assert split_markdown("\n\n   \n") == []


def test_a_very_long_document_is_split_completely():
    section = "## Kapittel {n}\n\nKommunen skal svare raskt på spørsmål nummer {n}.\n\n- punkt en\n- punkt to\n"
    doc = "\n".join(section.format(n=n) for n in range(1, 5001))
    units = split_markdown(doc)
    assert len(units) == 15000
    assert units[-1].number == "5000.2"
    assert len({u.anchor for u in units}) == 15000


def test_a_paragraph_and_its_ledd_are_anchored_by_their_label_and_section_signs_read_paragraf():
    law = "# Kapittel 12 Reguleringsplan\n\n## § 12-3 Detaljregulering\n\nFørste.\n\nAndre.\n\n## 5.2.1 Medisinske opplysninger\n\nTekst om § 5 her.\n"
    anchors = [u.anchor for u in split_markdown(law)]
    assert anchors == ["kapittel-12", "paragraf-12-3", "paragraf-12-3-forste-ledd", "paragraf-12-3-andre-ledd",
                       "5-2-1-medisinske-opplysninger", "tekst-om-paragraf-5-her"]


def test_the_first_anchor_rule_is_kept_for_consultations_split_by_it():
    law = "## § 12-3 Detaljregulering\n\nFørste ledd.\n"
    units = split_markdown(law, anchor_rule=TEXT_ANCHORS)
    assert [u.anchor for u in units] == ["ss-12-3-detaljregulering", "forste-ledd"]
    assert units[1].label == "§ 12-3 første ledd"  # labels are new for everyone; only anchors are a promise


def test_two_paragraphs_with_the_same_label_get_unique_anchors():
    law = "# Kapittel 1\n\n## § 1 Formål\n\nA.\n\n# Kapittel 2\n\n## § 1 Formål\n\nB.\n"
    anchors = [u.anchor for u in split_markdown(law)]
    assert anchors == ["kapittel-1", "paragraf-1", "paragraf-1-forste-ledd", "kapittel-2", "paragraf-1-2",
                       "paragraf-1-forste-ledd-2"]


def test_indented_code_is_one_unit_with_its_blank_lines():
    doc = "# A\n\nFør koden:\n\n    <plan>\n        <id>1</id>\n\n    </plan>\n\n\tmed tabulator\n\nEtter.\n    fortsatt avsnitt\n"
    units = split_markdown(doc)
    assert [u.number for u in units] == ["1", "1.1", "1.2", "1.3"]
    assert units[2].text == "    <plan>\n        <id>1</id>\n\n    </plan>\n\n\tmed tabulator"
    assert units[3].text == "Etter.\n    fortsatt avsnitt"
    rendered = markup.render(units[2].text, markup.DRAFT)
    assert rendered.count("<pre>") == 1 and "    &lt;id&gt;1&lt;/id&gt;\n\n&lt;/plan&gt;" in rendered
    # An indented line that continues a list item or a paragraph is no code.
    units = split_markdown("- punkt\n\n    mer om punktet\n\nAvsnitt\n    som fortsetter\n")
    assert [u.text for u in units] == ["- punkt\n\n    mer om punktet", "Avsnitt\n    som fortsetter"]
