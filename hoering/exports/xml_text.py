"""Text made fit for XML 1.0, which XLSX and DOCX files are made of.

XML 1.0 cannot hold the C0 control characters but tab, newline and carriage return, surrogates, nor
U+FFFE and U+FFFF; lxml refuses a string with one of them, and with it the whole file. Input is cleaned
of them (``hoering.markup.clean_text``), but text stored before that rule may hold them still, so every
string bound for an XLSX or DOCX file passes through ``xml_safe``: one comment can never stop an export.
"""
from __future__ import annotations

import re

# U+FFFD, the replacement character: the reader sees that something was there, and where.
REPLACEMENT = "\ufffd"
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_IN_XML.sub(REPLACEMENT, text)
