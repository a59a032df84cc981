"""What a citizen typed, made safe to search with: words and "quoted phrases", nothing else.

Plain Python: no web framework, no database. Every character that is not part of a word (FTS5's
``"``, ``*``, ``(``, ``:``, ``^``, ``-``; tsquery's ``&``, ``|``, ``!``) only separates words, and
words such as NEAR, AND or OR are searched as words; so no input is a syntax error on either database.

A word is matched by its Snowball stem (the stemmer PostgreSQL's ``norwegian`` configuration uses)
and, from four letters on, as the beginning of a word: "skolene" finds "skole", "skolen" and
"skoleveien". Shorter words must match whole (else "og" finds every "ogs…"). A phrase matches its
words in order, as written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from snowballstemmer import stemmer as snowball_stemmer

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_WORD_LENGTH = 60
PREFIX_FROM = 4  # letters a word needs before it also matches longer words
WORD = re.compile(r"[^\W_]+")
PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Term:
    """One word, or a phrase (several words in order)."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def stem(self) -> str:
        """A word's stem, as matched; a phrase has none."""
        return stem(self.words[0]) if not self.is_phrase else ""

    @property
    def prefix(self) -> bool:
        return not self.is_phrase and len(self.words[0]) >= PREFIX_FROM


@dataclass(frozen=True)
class SearchQuery:
    text: str
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse(text: str | None) -> SearchQuery:
    """The words and phrases of ``text`` (at most MAX_TERMS, lower case); an unbalanced quote is ignored."""
    text = unicodedata.normalize("NFC", (text or "")[:MAX_QUERY_LENGTH]).strip()
    terms: list[Term] = []
    position = 0
    for match in PHRASE.finditer(text):
        terms += _words_of(text[position:match.start()])
        words = _words(match.group(1))
        if words:
            terms.append(Term(words))
        position = match.end()
    terms += _words_of(text[position:])
    unique = list(dict.fromkeys(terms))
    return SearchQuery(text, tuple(unique[:MAX_TERMS]))


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.lower()[:MAX_WORD_LENGTH] for word in WORD.findall(text))


def _words_of(text: str) -> list[Term]:
    return [Term((word,)) for word in _words(text)]


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return _stemmer().stemWord(word) or word


@lru_cache(maxsize=1)
def _stemmer():
    return snowball_stemmer("norwegian")


def matches_word(term: Term, word: str) -> bool:
    """Whether a word of a text (lower case) is one the term finds: for highlighting."""
    if term.is_phrase:
        return word in term.words
    if term.prefix:
        return word.startswith(term.stem)
    return word == term.words[0] or stem(word) == term.stem


def fts5_expression(query: SearchQuery) -> str:
    """SQLite FTS5 MATCH syntax: each word a quoted string, stemmed and a prefix where it may be."""
    return " ".join(_fts5_term(term) for term in query.terms)


def _fts5_term(term: Term) -> str:
    if term.is_phrase:
        return _quoted(" ".join(term.words))
    if term.prefix:
        return _quoted(term.stem) + "*"
    return _quoted(term.words[0])


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def tsquery_parts(query: SearchQuery) -> list[tuple[str, str]]:
    """For PostgreSQL, each term as (function, argument): ``to_tsquery`` of ``word:*`` (stemmed by the
    norwegian configuration, then a prefix), ``plainto_tsquery`` of a short word, ``phraseto_tsquery``
    of a phrase. The words hold letters and digits only, so none is a tsquery operator."""
    parts = []
    for term in query.terms:
        if term.is_phrase:
            parts.append(("phraseto_tsquery", " ".join(term.words)))
        elif term.prefix:
            parts.append(("to_tsquery", term.words[0] + ":*"))
        else:
            parts.append(("plainto_tsquery", term.words[0]))
    return parts
