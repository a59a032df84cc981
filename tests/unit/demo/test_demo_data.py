"""The demo data is coherent: every comment cites a unit of its draft, and replies form a sound thread."""
import json
import re
from pathlib import Path

import pytest

import hoering.demo
from hoering.consultations.drafting import split_markdown

DATA_DIR = Path(hoering.demo.__file__).parent / "data"
MAIN_SLUG = "strategi-sosiale-medier"
STANCES = {"support", "against", "neutral", "suggestion", ""}
FIELDS = {"key", "unit", "reply_to", "name", "email", "organisation", "stance", "text", "agree", "hours_ago"}
IDENTITY_NUMBER = re.compile(r"\d{11}")
PHONE_NUMBER = re.compile(r"(?<![\d.,])(?:\+47[ ]?)?(?:\d[ ]?){7}\d(?![\d.,])")


def load(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


SPECS = load("consultations.json")


def comments_of(spec: dict) -> list[dict]:
    return load(spec["comments"])


def units_of(spec: dict):
    return split_markdown((DATA_DIR / spec["draft"]).read_text(encoding="utf-8"))


def test_there_is_the_main_open_consultation_and_a_closed_one():
    assert [spec["slug"] for spec in SPECS] == [MAIN_SLUG, "fritidstilbud-barn-og-unge"]
    for spec in SPECS:
        assert spec["title"].strip() and spec["organisation"].strip() and spec["summary"].strip()
        assert spec["opens_days"] < spec["closes_days"]
    main, closed = SPECS
    assert main["opens_days"] < 0 < main["closes_days"]
    assert closed["closes_days"] < 0


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec["slug"])
def test_every_comment_is_well_formed_and_cites_a_unit_of_its_draft(spec):
    numbers = {unit.number for unit in units_of(spec)}
    assert numbers
    seen: dict[str, dict] = {}
    for item in comments_of(spec):
        assert set(item) == FIELDS, item.get("key")
        key = item["key"]
        assert isinstance(key, str) and key and key not in seen, key
        assert item["unit"] is None or item["unit"] in numbers, key
        assert item["stance"] in STANCES, key
        assert isinstance(item["text"], str) and item["text"].strip() and len(item["text"]) <= 10_000, key
        assert isinstance(item["name"], str) and item["name"].strip() and len(item["name"]) <= 120, key
        assert item["email"] == "" or item["email"].endswith("@example.no"), key
        assert isinstance(item["organisation"], str), key
        assert isinstance(item["agree"], int) and 0 <= item["agree"] <= 25, key
        assert isinstance(item["hours_ago"], (int, float)) and 1 <= item["hours_ago"] <= 500, key
        if item["reply_to"] is not None:
            parent = seen.get(item["reply_to"])
            assert parent is not None, f"{key} replies to {item['reply_to']}, which is not an earlier comment"
            assert parent["unit"] == item["unit"], key
            assert parent["hours_ago"] > item["hours_ago"], key
        seen[key] = item


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec["slug"])
def test_no_comment_contains_an_identity_or_phone_number(spec):
    for item in comments_of(spec):
        for field in ("text", "name", "email", "organisation"):
            value = item[field]
            assert not IDENTITY_NUMBER.search(value), (item["key"], field)
            assert not PHONE_NUMBER.search(value), (item["key"], field)


def test_the_main_consultation_is_big_and_lively():
    main = SPECS[0]
    units = units_of(main)
    comments = comments_of(main)
    assert len(units) >= 40
    assert 190 <= len(comments) <= 230
    assert len({item["unit"] for item in comments if item["unit"] is not None}) >= 25
    assert sum(1 for item in comments if item["unit"] is None) >= 5
    assert sum(1 for item in comments if item["reply_to"]) >= 30
    assert len({item["organisation"] for item in comments if item["organisation"]}) >= 5


def test_the_closed_consultation_is_short():
    closed = SPECS[1]
    assert 8 <= len(units_of(closed)) <= 15
    assert 90 <= len(comments_of(closed)) <= 110


def test_phone_pattern_catches_phone_numbers_but_not_amounts():
    for phone in ("91234567", "912 34 567", "+47 912 34 567", "22 33 44 55"):
        assert PHONE_NUMBER.search(f"Ring {phone} i dag")
    for harmless in ("30 000 kroner", "2026–2029", "3,4 millioner", "WCAG 2.1", "5.–10. trinn"):
        assert not PHONE_NUMBER.search(harmless)
