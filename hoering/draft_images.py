"""A Markdown extension for drafts: the pictures of a Word draft, served by the site, and no others.

    ![Kart over planområdet](bilde:3f5a…c9)  
    Figur 1: Planområdet sett fra sør

The Word converter keeps a picture as its bytes (stored by consultations.images, named by their
SHA-256) and writes it as an image whose source is ``bilde:`` and that name. This extension gives
such an image the path the site serves it at, ``/hoeringer/bilder/<sha256>``, and turns every other
image (``![x](https://…)``, a reference image) into its alternative text: a draft never makes the
reader's browser fetch anything from elsewhere (a tracking pixel, a picture that changes after
publication), and the only pictures are those a planner uploaded. The sanitiser lets an ``img``
through with that path and nothing else (``is_image_attribute``).

A paragraph that is a picture alone, or a picture and, after a line break, its caption, becomes a
``<figure>`` with the caption as its ``<figcaption>``: a screen reader then names the caption as
the picture's.

The path is fixed, not built by the router: units are rendered once, when a draft is saved, also
by commands without a request, and the site answers at the root of its host (hoering.public_url).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SOURCE_PREFIX = "bilde:"
PATH = "/hoeringer/bilder/"
_HASH = r"[0-9a-f]{64}"
_SOURCE = re.compile(rf"{SOURCE_PREFIX}({_HASH})")
_SERVED = re.compile(rf"{re.escape(PATH)}{_HASH}")
_IMAGE_ID = re.compile(_HASH)


def source(image_id: str) -> str:
    """The Markdown image source of a stored picture."""
    return f"{SOURCE_PREFIX}{image_id}"


def is_image_id(value: str) -> bool:
    """Whether ``value`` is how a stored picture is named: 64 lowercase hexadecimal digits."""
    return _IMAGE_ID.fullmatch(value) is not None


def referenced_images(markdown: str) -> set[str]:
    """The names of the stored pictures a draft's Markdown refers to."""
    return set(_SOURCE.findall(markdown))


def is_image_attribute(tag: str, name: str, value: str) -> bool:
    """The sanitiser's check for ``img``: alternative text, the path of a stored picture, lazy loading."""
    if name == "src":
        return _SERVED.fullmatch(value) is not None
    return name == "alt" or (name == "loading" and value == "lazy")


class _Images(Treeprocessor):
    """Stored pictures get their path; any other image becomes its alternative text."""

    def run(self, root) -> None:
        for parent in list(root.iter()):
            if any(child.tag == "img" for child in parent):
                _keep_stored(parent)
        for element in root:
            if element.tag == "p":
                _as_figure(element)


def _keep_stored(parent) -> None:
    """Give the parent's stored pictures their path, and replace other images by their text.

    The children are rebuilt in one pass: removing them one by one costs a search each.
    """
    kept, previous = [], None
    for child in parent:
        if child.tag == "img" and (found := _SOURCE.fullmatch(child.get("src") or "")):
            alt = child.get("alt") or ""
            child.attrib.clear()
            child.attrib.update({"alt": alt, "src": f"{PATH}{found.group(1)}", "loading": "lazy"})
        elif child.tag == "img":
            text = (child.get("alt") or "") + (child.tail or "")
            if previous is None:
                parent.text = (parent.text or "") + text
            else:
                previous.tail = (previous.tail or "") + text
            continue
        kept.append(child)
        previous = child
    parent[:] = kept


def _as_figure(paragraph) -> None:
    """A paragraph of a stored picture alone, or followed by a line break and its caption: a figure."""
    children = list(paragraph)
    if (paragraph.text or "").strip() or not children or not _is_stored(children[0]):
        return
    picture = children[0]
    if (picture.tail or "").strip():
        return
    if len(children) == 1:
        picture.tail = None
        paragraph.tag = "figure"
        return
    if children[1].tag != "br":
        return
    caption = etree.Element("figcaption")
    caption.text = (children[1].tail or "").lstrip()
    caption.extend(children[2:])
    picture.tail = None
    paragraph[:] = [picture, caption]
    paragraph.tag = "figure"


def _is_stored(element) -> bool:
    return element.tag == "img" and _SERVED.fullmatch(element.get("src") or "") is not None


class DraftImagesExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's name for it)
        md.registerExtension(self)
        # After "inline" (20), which makes the images, and before "prettify" (10).
        md.treeprocessors.register(_Images(md), "hoering_draft_images", 15)


def makeExtension(**kwargs) -> DraftImagesExtension:  # noqa: N802 (Markdown's name for it)
    return DraftImagesExtension(**kwargs)
