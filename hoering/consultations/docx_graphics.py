"""Pictures and text boxes in a Word paragraph, and the captions that belong to pictures.

A run can hold a drawing (DrawingML), a VML picture from older Word, an embedded object, or
``mc:AlternateContent`` offering a drawing with a VML copy as fallback for older readers. A caption
("Figur 1: …") is often a text box beside the picture, and its text is the draft's as much as any
paragraph's. So each is searched once, the fallback skipped (a text box would be read twice), and
the search stops at a text box: its content is read as paragraphs, after the paragraph it is
anchored in, and a box inside it is found then.

A picture's image is found by the relationship its drawing names (``a:blip r:embed``, or
``v:imagedata r:id`` in VML); ``docx_images`` decides whether it is kept, and the draft shows it as
a Markdown image with its alternative text, or as a placeholder line "Bilde: <alternative text>".
A kept picture without alternative text takes its caption's text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from hoering.consultations.docx_markdown import image
from hoering.draft_images import SOURCE_PREFIX

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_VML = "urn:schemas-microsoft-com:vml"
_OFFICE = "urn:schemas-microsoft-com:office:office"
ALTERNATE, _CHOICE, _FALLBACK = (f"{{{_MC}}}{name}" for name in ("AlternateContent", "Choice", "Fallback"))
GRAPHICS = frozenset({qn("w:drawing"), qn("w:pict"), qn("w:object"), ALTERNATE})
_TEXT_BOX = qn("w:txbxContent")
_BLIP, _VML_IMAGE = qn("a:blip"), f"{{{_VML}}}imagedata"
_PICTURES = frozenset({_BLIP, qn("c:chart"), qn("dgm:relIds"), _VML_IMAGE})
_IMAGE_REFERENCE = {_BLIP: qn("r:embed"), _VML_IMAGE: qn("r:id")}  # a linked picture (r:link) has none
_ALT_TEXT = {  # where Word keeps a picture's alternative text: element, then attributes in order
    qn("wp:docPr"): ("descr", "title"),
    qn("pic:cNvPr"): ("descr", "title"),
    f"{{{_VML}}}shape": ("alt",),
    f"{{{_VML}}}imagedata": (f"{{{_OFFICE}}}title",),
}
PICTURE = "Bilde"
MAX_ALT_TEXT = 500
CAPTION_STYLE = re.compile(r"^(?:caption|bildetekst|figurtekst)$", re.IGNORECASE)
CAPTION_TEXT = re.compile(r"^(?:figur|figure|fig\.|bilde|illustrasjon|foto|kart|diagram)\s*\d", re.IGNORECASE)
_FIELD_CODE, _SIMPLE_FIELD, _TEXT = qn("w:instrText"), qn("w:fldSimple"), qn("w:t")


@dataclass
class Graphic:
    """What one drawing, VML picture, embedded object or alternate content holds."""

    picture: bool = False  # a picture, chart or diagram
    image: str | None = None  # the relationship id of the first picture's image, if it embeds one
    alt: str = ""
    boxes: list = field(default_factory=list)  # w:txbxContent elements, outermost only, in order


def read_graphic(element) -> Graphic:
    """Search ``element`` once, in document order, not into a text box nor a fallback."""
    graphic, stack = Graphic(), [element]
    while stack:
        node = stack.pop()
        if node.tag == _TEXT_BOX:
            graphic.boxes.append(node)
            continue
        if node.tag == ALTERNATE:
            choice = next(node.iterchildren(_CHOICE), None)
            stack.extend([choice] if choice is not None else node.iterchildren(_FALLBACK))
            continue
        if node.tag in _PICTURES and not graphic.picture:
            graphic.picture = True
            reference = _IMAGE_REFERENCE.get(node.tag)
            graphic.image = node.get(reference) if reference else None
        graphic.alt = graphic.alt or _alt_text(node)
        stack.extend(reversed(node))
    return graphic


def placeholder(alt: str) -> str:
    """The words that stand for a picture in the draft."""
    return f"{PICTURE}: {alt}" if alt else PICTURE


def with_caption_alt(block: str, caption) -> str:
    """A picture block whose kept pictures without alternative text take the caption's text, which
    ``caption()`` finds only then."""
    without = f"![]({SOURCE_PREFIX}"
    if without not in block or not (text := caption()):
        return block
    return block.replace(without, image(text, SOURCE_PREFIX).removesuffix(")"))


def caption_text(p) -> str:
    """A caption paragraph's text on one line, its text boxes' too (a caption is often in one), for
    alternative text."""
    texts, length, stack = [], 0, [p]
    while stack and length < MAX_ALT_TEXT:
        node = stack.pop()
        if node.tag == _TEXT:
            texts.append(node.text or "")
            length += len(texts[-1])
        elif node.tag != _FALLBACK:  # Word's copy of a text box for older readers
            stack.extend(reversed(node))
    return " ".join("".join(texts).split())[:MAX_ALT_TEXT]


def has_caption_number(p) -> bool:
    """A paragraph with Word's caption number (a SEQ field), or whose text starts "Figur 1"."""
    for node in p.iter(_FIELD_CODE, _SIMPLE_FIELD):
        if "SEQ" in ((node.text or "") if node.tag == _FIELD_CODE else (node.get(qn("w:instr")) or "")):
            return True
    start = "".join(t.text or "" for _, t in zip(range(8), p.iter(_TEXT)))
    return CAPTION_TEXT.match(start.lstrip()) is not None


def _alt_text(node) -> str:
    """A picture's alternative text, if ``node`` is where Word keeps it, on one line."""
    names = _ALT_TEXT.get(node.tag, ())
    text = next((value for value in map(node.get, names) if value and value.strip()), "")
    return " ".join(text.split())[:MAX_ALT_TEXT]
