"""Finding one's way in a long draft: a unit's headings, and the table of contents with counts."""
from hoering.comments.services import counts_by_anchor
from hoering.consultations.navigation import heading_path, table_of_contents
from hoering.consultations.services import current_units
from tests.factories import make_comment, make_consultation

LAW = """Innledende tekst før første overskrift.

# Kapittel 1 Alminnelige bestemmelser

## § 1-1 Formål

Loven skal fremme bærekraftig utvikling.

## § 1-2 Virkeområde

Loven gjelder hele landet.

# Kapittel 12 Reguleringsplan

## § 12-3 Detaljregulering

### Krav til planforslaget

Detaljregulering brukes for å følge opp kommuneplanens arealdel.

# Kapittel 13 Midlertidig forbud
"""


def by_number(units):
    return {unit.number: unit for unit in units}


def test_a_unit_knows_the_headings_above_it_outermost_first(app):
    units = by_number(current_units(make_consultation(draft=LAW)))
    paragraph = units["2.1.1.1"]
    assert paragraph.text.startswith("Detaljregulering brukes")
    assert [(h.number, h.text) for h in heading_path(paragraph)] == [
        ("2", "Kapittel 12 Reguleringsplan"), ("2.1", "§ 12-3 Detaljregulering"), ("2.1.1", "Krav til planforslaget")]
    assert heading_path(units["0.1"]) == [] and heading_path(units["1"]) == []


def test_the_contents_list_sections_and_subsections_with_every_comment_below_them(app):
    consultation = make_consultation(draft=LAW)
    units = by_number(current_units(consultation))
    for number in ("2.1.1.1", "2.1.1.1", "2.1", "1.1.1", "0.1"):
        make_comment(consultation, units[number].anchor)
    contents = table_of_contents(current_units(consultation), counts_by_anchor(consultation))
    assert [(e.unit.number, e.depth, e.comments) for e in contents] == [
        ("1", 0, 1), ("1.1", 1, 1), ("1.2", 1, 0), ("2", 0, 3), ("2.1", 1, 3), ("3", 0, 0)]


def test_a_short_draft_has_no_contents(app):
    consultation = make_consultation(draft="# Formål\n\nKort tekst.\n\n# Virkning\n\nEnda en.")
    assert table_of_contents(current_units(consultation), {}) == []


def test_a_draft_under_one_title_lists_what_is_under_the_title(app):
    titled = "# Lov om planlegging\n\n" + LAW.replace("\n# ", "\n## ").replace("\n## §", "\n### §")
    consultation = make_consultation(draft=titled)
    contents = table_of_contents(current_units(consultation), {})
    assert [(e.unit.text, e.depth) for e in contents][:3] == [
        ("Kapittel 1 Alminnelige bestemmelser", 0), ("§ 1-1 Formål", 1), ("§ 1-2 Virkeområde", 1)]


def test_contents_too_long_to_scan_list_the_sections_only(app):
    law = "\n\n".join(f"# Kapittel {c}\n\n" + "\n\n".join(f"## § {c}-{p} Regel\n\nTekst." for p in range(1, 12))
                      for c in range(1, 9))
    entries = table_of_contents(current_units(make_consultation(draft=law)), {})
    assert [entry.unit.text for entry in entries] == [f"Kapittel {c}" for c in range(1, 9)]
