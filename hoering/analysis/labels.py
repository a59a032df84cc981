"""Naming a theme with words people wrote: keywords in their written form, and a label led by a phrase.

Single keywords side by side ("kommentarfeltet, stengt, feil") read as a riddle; the phrase that
several of the theme's comments use ("stengte kommentarfelt") reads as a topic. A label is the most
common two-word phrase of the theme's keywords, written as the comments write it, that contains one
of its three best keywords and occurs in at least PHRASE_MIN_COMMENTS comments (and
PHRASE_MIN_SHARE of those read); the remaining places go to the best keywords it does not already
contain. Without such a phrase the label is the three best keywords. Every word of a label is a
word written in the theme's comments, never a stem.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from hoering.analysis.comments import CommentIn
from hoering.analysis.text import Terms, normalise, written_standard

LABEL_WORDS = 3
SURFACE_SAMPLE = 300
PHRASE_MIN_COMMENTS = 2
PHRASE_MIN_SHARE = 0.05
LEADING_KEYWORDS = 3

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Two words belong to one phrase only when nothing but spaces lies between them.
_GAP = re.compile(r"[^\S\n]+")


def surface_keywords(stems: list[str], central: Sequence[CommentIn], terms: Terms) -> list[str]:
    """Keywords as real words: each stem's most frequent written form in the theme's comments."""
    for comment in central[:SURFACE_SAMPLE]:
        terms.count_surfaces(comment.text)
    if any(stem not in terms.surfaces for stem in stems):
        for comment in central[SURFACE_SAMPLE:]:
            terms.count_surfaces(comment.text)
    keywords, seen = [], set()
    for stem in stems:
        word = terms.surface(stem)
        if stem in terms.surfaces and word.lower() not in seen:
            keywords.append(word)
            seen.add(word.lower())
    return keywords


def theme_label(stems: list[str], keywords: list[str], central: Sequence[CommentIn], terms: Terms) -> str:
    """The label of a theme whose keyword stems are ``stems`` (written as ``keywords``)."""
    phrase = _best_phrase(set(stems[:LEADING_KEYWORDS]), set(stems), central[:SURFACE_SAMPLE], terms)
    if phrase is None:
        return ", ".join(keywords[:LABEL_WORDS])
    written, phrase_stems = phrase
    rest = [word for stem, word in zip(stems, keywords) if stem not in phrase_stems]
    label = ", ".join([written] + rest[: LABEL_WORDS - 2])
    return label[0].upper() + label[1:]


def _best_phrase(leading: set[str], keywords: set[str], comments: Sequence[CommentIn], terms: Terms):
    """(written form, its two stems) of the most widely used phrase of two keywords, one of them a
    leading one, or None."""
    in_comments: Counter = Counter()
    written: dict[tuple[str, str], Counter] = {}
    for comment in comments:
        seen = set()
        for pair, text in _phrases(comment.text, terms):
            if not (leading & set(pair) and set(pair) <= keywords):
                continue
            written.setdefault(pair, Counter())[text] += 1
            if pair not in seen:
                seen.add(pair)
                in_comments[pair] += 1
    needed = max(PHRASE_MIN_COMMENTS, PHRASE_MIN_SHARE * len(comments))
    candidates = [(count, pair) for pair, count in in_comments.items() if count >= needed]
    if not candidates:
        return None
    _, pair = min(candidates, key=lambda item: (-item[0], item[1]))
    text = min(written[pair].items(), key=lambda item: (-item[1], item[0]))[0]
    return text, set(pair)


def _phrases(text: str, terms: Terms):
    """Each two adjacent content words of a text: ((stem, stem), 'as written', lower-cased unless a
    word is a name written with a capital in the middle of a sentence)."""
    text = normalise(text)
    matches = list(_WORD.finditer(text))
    standard = written_standard([m.group().lower() for m in matches])
    for first, second in zip(matches, matches[1:]):
        if not _GAP.fullmatch(text[first.end():second.start()]):
            continue
        a, b = terms.term(first.group().lower(), standard), terms.term(second.group().lower(), standard)
        if a and b and a != b:
            yield (a, b), f"{_as_written(first.group(), terms.surface(a))} {_as_written(second.group(), terms.surface(b))}"


def _as_written(word: str, usual: str) -> str:
    """A word in lower case, unless the comments usually write it with capitals (a name: 'TikTok', 'SMS')."""
    return word if usual != usual.lower() else word.lower()
