"""Norwegian text handling: normalisation, sentences, words and the terms that themes are built of.

A comment's words go through three steps before they are compared:

1. Unicode NFC, lower case, and a tokeniser that keeps æ, ø, å and hyphenated compounds;
2. a lemma from simplemma's dictionary for the comment's written standard (nynorsk when its
   words say so, else bokmål), or from the other one when only that knows the word;
3. a nynorsk lemma replaced by its bokmål one (wordlists.NYNORSK_TO_BOKMAAL, also inside
   compounds), then Snowball's Norwegian stemmer.

So *skolen*, *skolene* and *skulen* all become ``skol``, and *høring* and *høyring* become
``høring``. In a comment written in English, a word the glossary knows (english.ENGLISH_TO_BOKMAAL)
becomes the term of its bokmål word, so *schools* becomes ``skol`` too; other English words pass
through unharmed (they are rarely known to the dictionaries and are stemmed mildly). Sentences are
found on the original text, so a sentence is always an exact substring of the comment it came from.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

import simplemma
from snowballstemmer import stemmer as snowball_stemmer

from hoering.analysis.english import ENGLISH_MARKERS, english_lemma
from hoering.analysis.wordlists import (
    ABBREVIATIONS,
    BOKMAAL_STOP_WORDS,
    CONSULTATION_WORDS,
    ENGLISH_STOP_WORDS,
    GENERIC_WORDS,
    NYNORSK_STOP_WORDS,
    NYNORSK_TO_BOKMAAL,
)

STOP_WORDS = BOKMAAL_STOP_WORDS | NYNORSK_STOP_WORDS | ENGLISH_STOP_WORDS
NOT_THEME_WORDS = CONSULTATION_WORDS | GENERIC_WORDS
MIN_TERM_LETTERS = 3  # shorter words ('km', 'nr') make poor keywords
# Frequent words that only one written standard uses, to tell a nynorsk comment from a bokmål one.
NYNORSK_MARKERS = frozenset("eg ikkje kva kvifor korleis ein eit dei frå berre òg mykje noko nokon ho vere "
                            "sjølv difor heile kvar fleire meir ingen".split()) - {"ingen"}
BOKMAAL_MARKERS = frozenset("jeg ikke hva hvorfor hvordan en et de fra bare også mye noe noen hun være "
                            "selv derfor hele hver flere mer".split())

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SHINGLE_WORD = re.compile(r"\w+")
# A candidate sentence end: a line break, or end punctuation (with closing quotes or brackets) before
# a space. Whether it really ends a sentence is decided in sentence_spans(), which is told the first
# character after the spaces (group 1; None when only spaces follow). The pattern opens with one set
# of characters, which lets the regular expression engine skip quickly to the next candidate.
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"»”’')\]]*(?=\s+(\S)|\s+\Z))")
_ABBREVIATION_BEFORE = re.compile(r"(?:^|(?<=[\s(]))((?:[^\W\d_]+\.)*[^\W\d_]+)\.$")
_LETTER = re.compile(r"[^\W\d_]")
_ABBREVIATION_TAIL = 1 + max((len(abbreviation.rsplit(".", 1)[-1]) for abbreviation in ABBREVIATIONS), default=0)
# Rewrites inside compounds only for parts long enough not to hit unrelated words by accident;
# 'veg' at the end of a word is always a road in Norwegian (gangveg, riksveg, skoleveg).
_COMPOUND_PARTS = sorted(
    [key for key in NYNORSK_TO_BOKMAAL if len(key) >= 5 and key != NYNORSK_TO_BOKMAAL[key]],
    key=lambda key: (-len(key), key),
)


def normalise(text: str) -> str:
    """The text in Unicode NFC, so that 'å' typed as 'a' plus a ring equals the single letter."""
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """Lower-case words of a text (letters only, hyphenated compounds kept whole)."""
    return _WORD.findall(normalise(text).lower())


def shingle_words(text: str) -> list[str]:
    """Lower-case word tokens including numbers: what near-duplicate detection compares."""
    return _SHINGLE_WORD.findall(normalise(text).lower())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``: ``text[start:end]`` is the sentence, stripped.

    Splits after . ! ? … followed by white space (not after abbreviations such as 'f.eks.' or
    before a lower-case letter) and at line breaks. Spans without a letter are dropped.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if text[end - 1] != "\n" and not _ends_sentence(text, match.start(), match.group(1)):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def first_sentence(text: str) -> str:
    """The first sentence of a plain text, word for word (a quote the caseworker can shorten)."""
    spans = sentence_spans(text or "")
    return text[spans[0][0]:spans[0][1]] if spans else (text or "")


def _ends_sentence(text: str, punct_start: int, following: str | None) -> bool:
    if following and following.islower():
        return False
    if text[punct_start] == "." and not _long_word_before(text, punct_start):
        before = _ABBREVIATION_BEFORE.search(text, max(0, punct_start - 20), punct_start + 1)
        if before and before.group(1).lower() in ABBREVIATIONS:
            return False
    return True


def _long_word_before(text: str, position: int) -> bool:
    """Whether the letters just before ``position`` are longer than the last part of any
    abbreviation (the 'eks' of 'f.eks'): then no abbreviation ends there, and the costlier search
    for one can be skipped. (Lower-casing never shortens a word.)"""
    return position >= _ABBREVIATION_TAIL and text[position - _ABBREVIATION_TAIL:position].isalpha()


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped and _LETTER.search(stripped):
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(stripped)))


def to_bokmaal(lemma: str) -> str:
    """The bokmål lemma for a nynorsk one (also inside compounds); other lemmas unchanged."""
    mapped = NYNORSK_TO_BOKMAAL.get(lemma)
    if mapped:
        return mapped
    for part in _COMPOUND_PARTS:
        if lemma.startswith(part) and len(lemma) > len(part):
            return NYNORSK_TO_BOKMAAL[part] + lemma[len(part):]
        if lemma.endswith(part) and len(lemma) > len(part):
            return lemma[: -len(part)] + NYNORSK_TO_BOKMAAL[part]
    if lemma.endswith("veg") and len(lemma) > 3:
        return lemma[:-3] + "vei"
    return lemma


def written_standard(words: list[str]) -> str:
    """'en' when a text's words look like English (at least two English marker words and more of
    them than Norwegian ones), else 'nn' when they look like nynorsk (more nynorsk than bokmål
    marker words), else 'nb'."""
    nynorsk = sum(map(NYNORSK_MARKERS.__contains__, words))
    bokmaal = sum(map(BOKMAAL_MARKERS.__contains__, words))
    english = sum(map(ENGLISH_MARKERS.__contains__, words))
    if english >= 2 and english > nynorsk + bokmaal:
        return "en"
    return "nn" if nynorsk > bokmaal else "nb"


def lemmatise(word: str, standard: str = "nb") -> str:
    """simplemma's lemma, asking the dictionary of the text's written standard first: a word such
    as 'bur' is a cage in bokmål but 'lives' in nynorsk. Unknown words get the bokmål rules."""
    other = "nb" if standard == "nn" else "nn"
    for language in (standard, other):
        if simplemma.is_known(word, language):
            return simplemma.lemmatize(word, language)
    return simplemma.lemmatize(word, "nb")


class Terms:
    """Turns words into comparable terms, remembering each word's answer and its surface forms.

    One instance per analysis: its caches grow with the vocabulary of the comments it has seen.
    """

    def __init__(self) -> None:
        self._stemmer = snowball_stemmer("norwegian")
        self._stems: dict[tuple[str, str], str] = {}
        self._terms: dict[str, dict[str, str]] = {"nb": {}, "nn": {}, "en": {}}
        self._generic = {self.stem(word) for word in NOT_THEME_WORDS}
        self.surfaces: dict[str, Counter] = {}

    def stem(self, word: str, standard: str = "nb") -> str:
        """The shared form of a lower-case word: lemma, in bokmål, stemmed. In an English text
        ('en'), the glossary's bokmål word for it when there is one."""
        key = (standard, word)
        stem = self._stems.get(key)
        if stem is None:
            translated = english_lemma(word) if standard == "en" else None
            if translated:
                stem = self.stem(translated)
            else:
                stem = self._stemmer.stemWord(to_bokmaal(lemmatise(word, "nb" if standard == "en" else standard)))
            self._stems[key] = stem
        return stem

    def term(self, word: str, standard: str = "nb") -> str:
        """The stem of a lower-case word, or '' when it is a stop word, says nothing about a theme
        (wordlists.CONSULTATION_WORDS, GENERIC_WORDS) or is shorter than MIN_TERM_LETTERS."""
        cache = self._terms[standard]
        term = cache.get(word)
        if term is None:
            term = self._content_stem(word, standard)
            cache[word] = term
        return term

    def _content_stem(self, word: str, standard: str) -> str:
        if len(word) < MIN_TERM_LETTERS or word in STOP_WORDS or word in NOT_THEME_WORDS:
            return ""
        stem = self.stem(word, standard)
        lemma_standard = "nb" if standard == "en" else standard
        if len(stem) < 2 or stem in self._generic or lemmatise(word, lemma_standard) in STOP_WORDS:
            return ""
        return stem

    def of(self, text: str) -> list[str]:
        """The content terms of a text, in order, stop words left out."""
        return self.standard_and_terms(text)[1]

    def standard_and_terms(self, text: str) -> tuple[str, list[str]]:
        """The text's written standard ('nb', 'nn' or 'en'; see written_standard) and its content
        terms, in order, stop words left out."""
        found = _WORD.findall(normalise(text).lower())
        standard = written_standard(found)
        cache = self._terms[standard]
        missing = [word for word in found if word not in cache]
        for word in missing:
            self.term(word, standard)
        return standard, [term for term in map(cache.__getitem__, found) if term]

    def count_surfaces(self, text: str) -> None:
        """Remember how the words of a text are written, to name terms with real words later."""
        found = _WORD.findall(normalise(text))
        standard = written_standard([word.lower() for word in found])
        for word in found:
            term = self.term(word.lower(), standard)
            if term:
                self.surfaces.setdefault(term, Counter())[word] += 1

    def surface(self, term: str) -> str:
        """The most frequent written form of a term among the texts counted (lower case if it ever
        appears in lower case), or the term itself if none was counted."""
        forms = self.surfaces.get(term)
        if not forms:
            return term
        lower = Counter()
        for form, count in forms.items():
            lower[form.lower()] += count
        best_lower = min(lower.items(), key=lambda item: (-item[1], item[0]))[0]
        if best_lower in forms:
            return best_lower
        cased = [(count, form) for form, count in forms.items() if form.lower() == best_lower]
        return min(cased, key=lambda item: (-item[0], item[1]))[1]
