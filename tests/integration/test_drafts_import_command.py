"""`flask drafts import FILE [--title T] [--slug S] [--publish]`: a consultation from a Markdown or
Word file, as the planner's form makes one, with what the preview shows printed (issue 13)."""
from docx import Document

from hoering.audit.models import AuditEntry
from hoering.consultations.models import DRAFT, PUBLISHED, Consultation
from hoering.consultations.services import current_units
from hoering.extensions import db
from tests.fixtures.word import add_notes, add_reference, picture_run
from tests.unit.consultations.test_docx_import import to_bytes
from tests.unit.consultations.test_docx_numbering import outline_document

LAW = """---
title: Endringer i plan- og bygningsloven
---

# Kapittel 12 Reguleringsplan

## § 12-3 Detaljregulering

Detaljregulering brukes for å følge opp kommuneplanens arealdel.

Planen skal vise:

a) veier,
b) bygg.
"""


def run(app, *args):
    return app.test_cli_runner().invoke(args=["drafts", "import", *map(str, args)])


def only_consultation():
    return db.session.scalars(db.select(Consultation)).one()


def test_a_markdown_law_becomes_a_draft_with_its_own_labels_printed(app, tmp_path):
    source = tmp_path / "pbl.md"
    source.write_text(LAW, encoding="utf-8")
    result = run(app, source, "--organisation", "Plan og bygg")
    assert result.exit_code == 0, result.output
    consultation = only_consultation()
    assert (consultation.title, consultation.slug, consultation.phase) == (
        "Endringer i plan- og bygningsloven", "endringer-i-plan-og-bygningsloven", DRAFT)
    assert [unit.label for unit in current_units(consultation)] == [
        "Kapittel 12", "§ 12-3", "§ 12-3 første ledd", "§ 12-3 andre ledd", "§ 12-3 andre ledd bokstav a–b"]
    assert "saved as a draft (not public) at /hoeringer/endringer-i-plan-og-bygningsloven" in result.output
    assert "Units: 5 (2 headings, 3 paragraphs)" in result.output
    assert "the document's own on 5 of 5 units, e.g. Kapittel 12, § 12-3" in result.output
    assert "Changed or left out: nothing" in result.output
    assert db.session.scalars(db.select(AuditEntry.action)).all() == ["consultation.create"]


def test_publish_opens_it_now_with_the_title_and_slug_given(app, tmp_path):
    source = tmp_path / "utkast.md"
    source.write_text("# Formål\n\nTekst.\n", encoding="utf-8")
    result = run(app, source, "--title", "Ny plan", "--slug", "ny-plan", "--organisation", "Plan", "--publish")
    assert result.exit_code == 0, result.output
    consultation = only_consultation()
    assert (consultation.title, consultation.slug, consultation.phase) == ("Ny plan", "ny-plan", PUBLISHED)
    assert consultation.is_open and "published at /hoeringer/ny-plan" in result.output


def test_a_word_file_prints_what_was_kept_in_another_form(app, tmp_path):
    document, _outline = outline_document()
    document.add_paragraph("Innledning", style="Heading 1")
    paragraph = document.add_paragraph("Planen gjelder sentrum.")
    add_reference(paragraph, "footnote", 1)
    add_notes(document, "footnote", {1: "Jf. plan- og bygningsloven § 12-3."})
    document.add_paragraph().add_run()._r.addnext(picture_run("Kart over sentrum"))
    source = tmp_path / "plan.docx"
    source.write_bytes(to_bytes(document))
    result = run(app, source, "--organisation", "Plan")
    assert result.exit_code == 0, result.output
    assert "  - 1 footnote is kept as a note below its paragraph." in result.output
    assert "  - 1 image or chart is shown as a placeholder with its caption: it is in a format" in result.output
    assert current_units(only_consultation())[0].text.startswith("1 Innledning")


def test_bad_input_exits_non_zero_with_a_clear_message_and_saves_nothing(app, tmp_path):
    latin1 = tmp_path / "gammel.txt"
    latin1.write_bytes("# Formål\n\nBlåbær og ærfugl.\n".encode("latin-1"))
    not_word = tmp_path / "plan.docx"
    not_word.write_bytes(b"%PDF-1.7 not a Word file")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    empty = tmp_path / "tom.md"
    empty.write_text("   \n", encoding="utf-8")
    fine = tmp_path / "ok.md"
    fine.write_text("# Formål\n\nTekst.\n", encoding="utf-8")
    for args, message in [
        ((latin1, "--organisation", "Plan"), "gammel.txt: The file is not saved as UTF-8 text"),
        ((not_word, "--organisation", "Plan"), "plan.docx: "),
        ((pdf, "--organisation", "Plan"), "plan.pdf: Only Word documents (.docx)"),
        ((empty, "--organisation", "Plan", "--title", "Tom"), "draft: "),
        ((fine,), "organisation: "),
        ((fine, "--organisation", "Plan", "--opens", "2026-12-10", "--closes", "2026-12-01"), "closes_at: "),
    ]:
        result = run(app, *args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert db.session.scalars(db.select(Consultation)).all() == []
