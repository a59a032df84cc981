"""YAML front matter at the top of a Markdown draft is metadata, never a heading or a unit."""
import pytest

from hoering.consultations.drafting import split_markdown
from hoering.consultations.front_matter import front_matter_title, split_front_matter

DRAFT = """---
title: Kommunedelplan for Fjordvik sentrum 2026–2038
date: 2026-12-01
tags: [plan, sentrum]
---

# Formål

Planen skal gjøre sentrum til et godt sted å bo.
"""


def test_front_matter_is_metadata_and_the_rest_is_the_draft():
    metadata, rest = split_front_matter(DRAFT)
    assert metadata["title"] == "Kommunedelplan for Fjordvik sentrum 2026–2038"
    assert metadata["tags"] == ["plan", "sentrum"]
    assert rest.startswith("# Formål\n")


def test_front_matter_never_becomes_a_heading_or_a_unit():
    units = split_markdown(DRAFT.replace("\n", "\r\n"))
    assert [(u.number, u.kind, u.text) for u in units] == [
        ("1", "heading", "Formål"), ("1.1", "paragraph", "Planen skal gjøre sentrum til et godt sted å bo.")]


def test_its_title_is_offered_as_plain_text():
    assert front_matter_title(DRAFT) == "Kommunedelplan for Fjordvik sentrum 2026–2038"
    assert front_matter_title("---\ntitle:\n  - ikke en tittel\n---\nTekst") == ""
    assert front_matter_title("# Formål\n\nTekst") == ""


@pytest.mark.parametrize("text", [
    "---\n\nEn innledning etter en linje.\n\n---\n\nMer tekst.",  # rules, not YAML: a string, not a mapping
    "---\ntitle: [uavsluttet\n---\nTekst",  # not valid YAML
    "Tekst\n---\ntitle: x\n---\n",  # not at the top
])
def test_a_block_that_is_not_front_matter_is_left_in_the_draft(text):
    assert split_front_matter(text) == ({}, text)
