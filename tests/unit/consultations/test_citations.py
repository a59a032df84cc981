"""Citable labels: a unit is named as the document names it ("§ 12-3 andre ledd", "punkt 5.2.1")."""
import pytest

from hoering.consultations.citations import heading_label
from hoering.consultations.drafting import split_markdown

LAW = """Innledende tekst.

# Kapittel 12 Reguleringsplan

## § 12-3 Detaljregulering

Detaljregulering brukes for å følge opp kommuneplanens arealdel.

Planen skal omfatte:

1. veier
2. bygg
3. parker

Ved vurderingen skal det særlig legges vekt på:
a) om tiltaket gir vesentlige virkninger,
b) om planen er i tråd med overordnede planer.

## § 12-4. Rettsvirkning

(1) Planen er bindende for nye tiltak.

(2) Den gjelder fra vedtaket.
"""


def labels(text, language="nb"):
    return [(unit.label, unit.marker) for unit in split_markdown(text, language)]


@pytest.mark.parametrize("title, label", [
    ("§ 12-3 Detaljregulering", "§ 12-3"),
    ("§12-3. Detaljregulering", "§ 12-3"),
    ("§ 9 a. Særlige regler", "§ 9 a"),
    ("§ 2a Virkeområde", "§ 2a"),
    ("§ 1 - 2 Formål", "§ 1-2"),
    ("Kapittel 12. Reguleringsplan", "Kapittel 12"),
    ("Kap. 3 Forvaltning", "Kapittel 3"),
    ("Del II Plandel", "Del II"),
    ("Artikkel 5 Prinsipper", "Artikkel 5"),
    ("Vedlegg 1: Kart", "Vedlegg 1"),
    ("5.2.1 Medisinske opplysninger", "5.2.1"),
    ("5.2.1. Medisinske opplysninger", "5.2.1"),
    ("3 Innledning", "3"),
    ("1. Bakgrunn", "1"),
])
def test_a_heading_that_numbers_itself_is_labelled_by_its_number(title, label):
    assert heading_label(title).label == label


@pytest.mark.parametrize("title", [
    "12 tiltak for bedre helse",  # a count, not a number
    "2025 budsjett",
    "Kapitteloversikt",
    "Delt ansvar",
    "Formål",
    "§§",
])
def test_a_title_that_only_begins_with_a_number_or_word_is_not_a_label(title):
    assert heading_label(title) is None


def test_a_law_is_cited_by_paragraph_ledd_and_the_list_that_continues_a_ledd():
    assert labels(LAW) == [
        ("0.1", "0.1"),
        ("Kapittel 12", ""),
        ("§ 12-3", ""),
        ("§ 12-3 første ledd", "første ledd"),
        ("§ 12-3 andre ledd", "andre ledd"),
        ("§ 12-3 andre ledd nr. 1–3", "andre ledd nr. 1–3"),
        # Lettered lines are part of their ledd, as in Lovdata: "§ 12-3 tredje ledd bokstav a".
        ("§ 12-3 tredje ledd", "tredje ledd"),
        ("§ 12-4", ""),
        ("§ 12-4 (1)", ""),  # the text shows its number
        ("§ 12-4 (2)", ""),
    ]


def test_ledd_are_counted_in_the_drafts_language():
    law = "## § 1 Føremål\n\n" + "\n\n".join(f"Ledd {n}." for n in range(1, 9)) + "\n"
    assert [label for label, _ in labels(law, "nn")][7:] == ["§ 1 sjuande ledd", "§ 1 åttande ledd"]
    assert [label for label, _ in labels(law, "nb")][7:] == ["§ 1 sjuende ledd", "§ 1 åttende ledd"]
    assert labels(law, "en")[2] == ("§ 1 second paragraph", "second paragraph")


def test_past_twenty_ledd_the_ordinal_is_a_number():
    law = "## § 1 Formål\n\n" + "\n\n".join(f"Ledd {n}." for n in range(1, 23)) + "\n"
    assert labels(law)[-1] == ("§ 1 22. ledd", "22. ledd")


def test_a_report_with_numbered_headings_cites_its_numbers_and_names_unnumbered_headings():
    report = ("# Forord\n\nTakk.\n\n# 1 Innledning\n\nFørst.\n\nSå.\n\n## 1.1 Bakgrunn\n\nMer.\n\n"
              "# 12 tiltak for bedre helse\n\nTiltakene.\n")
    assert labels(report) == [
        ("Forord", ""), ("Forord, første avsnitt", "første avsnitt"),
        ("1", ""), ("1 første avsnitt", "første avsnitt"), ("1 andre avsnitt", "andre avsnitt"),
        ("1.1", ""), ("1.1 første avsnitt", "første avsnitt"),
        ("12 tiltak for bedre helse", ""), ("12 tiltak for bedre helse, første avsnitt", "første avsnitt"),
    ]


def test_a_long_unnumbered_title_is_shortened_at_a_word():
    title = "Bakgrunn for forslaget om endringer i forskrift om kommunale planer og mye mer"
    units = split_markdown(f"# 1 Innledning\n\n# {title}\n\nTekst.\n")
    assert units[1].label == "Bakgrunn for forslaget om endringer i forskrift om …"
    assert units[2].label.endswith("…, første avsnitt")


def test_a_document_without_numbers_of_its_own_is_cited_by_our_numbers():
    units = split_markdown("# Formål\n\nTekst.\n\n## Kanaler\n\nMer.\n")
    assert [(u.label, u.marker, u.citation, u.gutter) for u in units] == [
        ("1", "1", "1", "1"), ("1.1", "1.1", "1.1", "1.1"), ("1.2", "1.2", "1.2", "1.2"), ("1.2.1", "1.2.1", "1.2.1", "1.2.1")]


def test_lettered_lines_after_a_ledd_are_its_letters():
    law = "## § 14 Vurdering\n\nDet skal legges vekt på:\n\na) miljø,\nb) samfunn,\nc) økonomi.\n\nNeste ledd.\n"
    assert labels(law)[2:] == [("§ 14 første ledd bokstav a–c", "første ledd bokstav a–c"),
                               ("§ 14 andre ledd", "andre ledd")]
