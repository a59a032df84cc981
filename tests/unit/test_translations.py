"""Every message has a nynorsk and an English translation, and each keeps the bokmål msgid's placeholders.

The messages are extracted afresh from the code and templates, as `make messages` does, so a string
added without running it fails here by name. The fix is in the README ("Languages and translations").
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nn", "en")
# The Makefile's KEYWORDS: Flask-Babel's lazy functions on top of pybabel's defaults.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2), "lazy_pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def extract_messages() -> Catalog:
    """Every msgid in hoering/ and templates/, found with babel.cfg as `make messages` finds them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping, str(ROOT / "babel.cfg"))
    catalog = Catalog()
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], context=context)
    return catalog


def read_catalogue(language: str) -> Catalog:
    with open(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=language)


@pytest.fixture(scope="module")
def messages() -> list[Message]:
    return [message for message in extract_messages() if message.id]


def pairs(message: Message, translation: Message) -> list[tuple[str, str]]:
    """(source, translation) for each form: the msgid, or for a plural the singular then the plural."""
    if not message.pluralizable:
        return [(message.id, translation.string)]
    sources = [message.id[0]] + [message.id[1]] * (len(translation.string) - 1)
    return list(zip(sources, translation.string))


def is_translated(translation: Message | None) -> bool:
    if translation is None or translation.fuzzy:
        return False
    forms = translation.string if isinstance(translation.string, (list, tuple)) else [translation.string]
    return bool(forms) and all(form.strip() for form in forms)


def formats_like(source: str, translation: str) -> bool:
    """The translation survives the formatting its source survives (templates format every message)."""
    values = {name: 1 for name in PLACEHOLDER.findall(source)}
    try:
        source % values
    except (ValueError, TypeError):
        return True  # never formatted: a Python message without variables may hold a bare %
    try:
        translation % values
    except (ValueError, TypeError, KeyError):
        return False
    return True


def test_extraction_finds_the_messages(messages):
    ids = {message.id if isinstance(message.id, str) else message.id[0] for message in messages}
    assert "Høringer" in ids  # a template
    assert "Logg inn for å se denne siden." in ids  # a lazy_gettext in Python
    assert "%(num)d dag igjen" in ids  # an ngettext
    assert len(ids) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(messages, language):
    catalogue = read_catalogue(language)
    missing = [m.id for m in messages if not is_translated(catalogue.get(m.id, m.context))]
    assert not missing, (
        f"{len(missing)} message(s) without a {language} translation (run `make messages`, translate "
        f"translations/{language}/LC_MESSAGES/messages.po, remove any 'fuzzy' flag):\n"
        + "\n".join(repr(msgid) for msgid in missing)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(messages, language):
    catalogue = read_catalogue(language)
    wrong = []
    for message in messages:
        translation = catalogue.get(message.id, message.context)
        if not is_translated(translation):
            continue  # reported by the test above
        for source, text in pairs(message, translation):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)) or not formats_like(source, text):
                wrong.append(f"{source!r} → {text!r}")
    assert not wrong, f"{language} translations whose %(…)s placeholders differ from the msgid's:\n" + "\n".join(wrong)


def test_the_checks_catch_a_lost_placeholder_and_a_stray_percent():
    assert sorted(PLACEHOLDER.findall("Side %(page)d av %(pages)d")) == ["page", "pages"]
    assert PLACEHOLDER.findall("Page %(page)d") != PLACEHOLDER.findall("Side %(page)d av %(pages)d")
    assert not formats_like("Innspill %(id)d", "Comment %(id)d, 100 % sure")
    assert formats_like("Høringer", "Consultations")
