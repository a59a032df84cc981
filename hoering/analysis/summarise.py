"""Quotes and extractive summaries: sentences taken word for word from the comments.

Nothing here writes a sentence of its own. A quote or a summary sentence is ``text[start:end]`` of
one comment, found by text.sentence_spans, and carries that comment's id. Sentences are ranked by
how close their terms are to the theme's centre (TF-IDF cosine). A quote for one stated stance
also leans towards what sets that side's comments apart from the rest of the theme, so the quote
for 'against' says what those against say, not what everyone says. A summary picks sentences that
are close to the theme but not to each other (maximal marginal relevance).

A sentence that leans on the one before it ("Da har de fleste gitt opp …", "Men det koster.") is never
quoted alone: it is taken together with that sentence (still one exact stretch of the comment), or
passed over when that one leans too or there is none.
"""
from __future__ import annotations

from itertools import islice
from typing import Sequence

import numpy as np
from scipy import sparse

from hoering.analysis.comments import NOT_STATED, STANCE_KEYS, CommentId, CommentIn
from hoering.analysis.report import SIDES, Quote, SummarySentence
from hoering.analysis.text import Terms, sentence_spans, shingle_words, words
from hoering.analysis.wordlists import (DEFINITE_ENDINGS, LEANING_OPENERS, PLACEHOLDER_CLAUSE_WORDS, POINTING_WORDS,
                                       SUBJECT_PRONOUNS, VERBS_AFTER_A_POINTER)
from hoering.analysis.themes import ThemeModel

MIN_WORDS, MAX_WORDS = 5, 45
MAX_QUOTES, MIN_QUOTES = 5, 2
MAX_QUOTES_SPLIT, QUOTES_PER_SIDE = 7, 2  # a theme split between support and against (report.splits)
SUMMARY_SENTENCES = 3
SUMMARY_CANDIDATES = 25   # most central comments whose sentences a summary is chosen from
REDUNDANCY = 0.6          # weight of "unlike the sentences already chosen" in the summary
SIDE_SAMPLE = 100         # comments per stance used to learn what that side says
SIDE_CANDIDATES = 10      # a side's most typical comments, whose sentences may be quoted for it
NEAR_REPEAT = 0.6         # a quote sharing this share of words with an earlier one is not shown


class SentencePicker:
    """Ranks the sentences of comments against one theme, optionally leaning towards what one
    side of the theme says (a direction in TF-IDF space).

    It remembers the TF-IDF rows of each comment and of each comment's sentences, and computes them
    for many comments at once (``prepare``, ``prepare_sentences``): a theme asks about the same
    comments again and again (each side's sample, its most typical comments, the most central
    ones), and every call to the vectoriser costs about a millisecond, however few the texts. A
    text's row does not depend on the other texts it was computed with."""

    def __init__(self, model: ThemeModel, theme: int, terms: Terms) -> None:
        self.model, self.theme, self.terms = model, theme, terms
        self.centre = model.centres[theme] if model.centres is not None else None
        self._row_of: dict[CommentId, int] = {}
        self._rows: list[sparse.csr_matrix] = []  # the comments' rows, numbered as in _row_of, in blocks
        self._sentences: dict[CommentId, tuple[list[str], sparse.csr_matrix | None]] = {}

    def vectors(self, texts: Sequence[str]):
        """TF-IDF rows of texts, in the theme model's vocabulary."""
        return self.model.vectors([self.terms.of(text) for text in texts])

    def prepare(self, comments: Sequence[CommentIn]) -> None:
        """Compute the rows of the comments not yet known, in one go."""
        missing = _unknown(comments, self._row_of)
        if missing and self.centre is not None:
            first = len(self._row_of)
            self._row_of.update((comment.id, first + number) for number, comment in enumerate(missing))
            self._rows.append(self.vectors([comment.text for comment in missing]))

    def prepare_sentences(self, comments: Sequence[CommentIn]) -> None:
        """Find the quotable sentences of the comments not yet known and compute their rows, in one go."""
        missing = _unknown(comments, self._sentences)
        if not missing or self.centre is None:
            return
        texts = [[comment.text[start:end] for start, end in quotable_spans(comment.text)] for comment in missing]
        rows = self.vectors([text for own in texts for text in own]) if any(texts) else None
        first = 0
        for comment, own in zip(missing, texts):
            self._sentences[comment.id] = (own, rows[first:first + len(own)] if own else None)
            first += len(own)

    def sentences(self, comment: CommentIn, direction: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Each sentence of a comment with its score, best first (the earliest on a tie)."""
        if self.centre is None:
            return [(comment.text[start:end], 0.0) for start, end in quotable_spans(comment.text)]
        self.prepare_sentences([comment])
        texts, rows = self._sentences[comment.id]
        if not texts:
            return []
        scores = self._scores(rows, direction)
        ranked = [(text, float(score) * (1.0 if _good_length(text) else 0.5)) for text, score in zip(texts, scores)]
        return sorted(ranked, key=lambda item: -item[1])

    def best(self, comment: CommentIn, direction: np.ndarray | None = None) -> str | None:
        """The comment's best sentence for the theme (and the side, given its direction)."""
        ranked = self.sentences(comment, direction)
        return ranked[0][0] if ranked else None

    def _scores(self, vectors, direction: np.ndarray | None) -> np.ndarray:
        scores = np.asarray(vectors @ self.centre).ravel()
        if direction is not None:
            scores = scores + np.asarray(vectors @ direction).ravel()
        return scores

    def _comment_vectors(self, comments: Sequence[CommentIn]):
        """The TF-IDF rows of the comments, in their order."""
        self.prepare(comments)
        if len(self._rows) > 1:
            self._rows = [sparse.vstack(self._rows, format="csr")]
        return self._rows[0][[self._row_of[comment.id] for comment in comments]]

    def typical(self, comments: Sequence[CommentIn], direction: np.ndarray | None) -> list[CommentIn]:
        """The comments ordered by how typical they are of the theme (and side), stable on ties."""
        if not comments or self.centre is None:
            return list(comments)
        scores = self._scores(self._comment_vectors(comments), direction)
        order = np.lexsort((np.arange(len(comments)), -np.round(scores, 9)))
        return [comments[i] for i in order]

    def direction(self, side: Sequence[CommentIn], others: Sequence[CommentIn]) -> np.ndarray | None:
        """What sets one side's comments apart from the others': the difference of their mean
        TF-IDF vectors, normalised. None when either group is empty."""
        if not side or not others or self.centre is None:
            return None
        difference = (np.asarray(self._comment_vectors(side).mean(axis=0)).ravel()
                      - np.asarray(self._comment_vectors(others).mean(axis=0)).ravel())
        norm = np.linalg.norm(difference)
        return difference / norm if norm > 0 else None


def quotable_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of ``text`` that can be quoted on its own: a sentence, or a sentence
    that leans on the one before together with that one. A leaning sentence with nothing to lean on
    (the first, or after another leaning one) is left out."""
    spans = sentence_spans(text)
    leaning = [leans_on_the_sentence_before(text[start:end]) for start, end in spans]
    quotable = []
    for index, (start, end) in enumerate(spans):
        if not leaning[index]:
            quotable.append((start, end))
        elif index > 0 and not leaning[index - 1]:
            quotable.append((spans[index - 1][0], end))
    return quotable


def leans_on_the_sentence_before(sentence: str) -> bool:
    """Whether a sentence opens by pointing back: "Da …", "Men …", "Dette må …", "Det er for dyrt."
    "Det er viktig at …", "Dette forslaget …" and "Det kjører mye tungtrafikk …" stand alone."""
    tokens = words(sentence)
    if not tokens:
        return False
    if tokens[0] == "da" and len(tokens) > 1 and _opens_a_clause(tokens[1], sentence):
        return False
    if tokens[0] in LEANING_OPENERS:
        return True
    return (tokens[0] in POINTING_WORDS and len(tokens) > 1 and tokens[1] in VERBS_AFTER_A_POINTER
            and not PLACEHOLDER_CLAUSE_WORDS & set(tokens[2:]))


def _opens_a_clause(following: str, sentence: str) -> bool:
    """"Da jeg kom …", "Da vannet ble stengt, …": the subject right after "da" makes it "when"."""
    return following in SUBJECT_PRONOUNS or ("," in sentence and following.endswith(DEFINITE_ENDINGS))


def _good_length(sentence: str) -> bool:
    return MIN_WORDS <= len(sentence.split()) <= MAX_WORDS


def _key(sentence: str) -> str:
    return " ".join(shingle_words(sentence))


class _Quotes:
    """Quotes chosen so far, refusing a second quote from one comment or a near-repeat."""

    def __init__(self) -> None:
        self.items: list[Quote] = []
        self._words: list[set[str]] = []

    def add(self, comment: CommentIn, sentence: str | None) -> bool:
        """Add a comment's sentence as a quote unless refused; whether it was added."""
        if sentence is None or any(q.comment_id == comment.id for q in self.items):
            return False
        words = set(shingle_words(sentence))
        if any(len(words & other) / (len(words | other) or 1) >= NEAR_REPEAT for other in self._words):
            return False
        self.items.append(Quote(comment_id=comment.id, text=sentence, stance=comment.stance_key))
        self._words.append(words)
        return True


def theme_quotes(ranked: Sequence[CommentIn], picker: SentencePicker, split: bool = False) -> list[Quote]:
    """Two to five quotes for a theme from its comments (``ranked``: most central first): one for
    each stance that any of them stated (and one for 'not stated' if any), each from a comment
    typical of that side and leaning to what that side says; then the most central ones.

    A theme whose stances ``split`` (report.splits) gets two quotes for each of support and against
    (where a side has two), and up to seven in all, so each side is heard in its own words."""
    quotes = _Quotes()
    samples = {stance: _sample(ranked, stance) for stance in STANCE_KEYS}
    picker.prepare([c for side, others in samples.values() for c in side + others])
    candidates: dict[str, tuple[list[CommentIn], np.ndarray | None]] = {}  # each side's typical comments
    for stance, (side, others) in samples.items():
        if side:
            direction = picker.direction(side, others) if stance != NOT_STATED else None
            candidates[stance] = (picker.typical(side, direction)[:SIDE_CANDIDATES], direction)
    # Every comment a quote is likely to come from, and those theme_summary reads.
    likely = [c for typical, _ in candidates.values() for c in typical] + list(ranked[:SUMMARY_CANDIDATES])
    picker.prepare_sentences(likely)
    for stance, (typical, direction) in candidates.items():
        wanted_here = QUOTES_PER_SIDE if split and stance in SIDES else 1
        taken = 0
        for comment in typical:
            taken += quotes.add(comment, picker.best(comment, direction))
            if taken >= wanted_here:
                break
    most = MAX_QUOTES_SPLIT if split else MAX_QUOTES
    wanted = min(most, max(MIN_QUOTES, len(quotes.items) + 2))
    for comment in ranked:
        if len(quotes.items) >= wanted:
            break
        quotes.add(comment, picker.best(comment))
    return _in_stance_order(quotes.items)


def _sample(ranked: Sequence[CommentIn], stance: str) -> tuple[list[CommentIn], list[CommentIn]]:
    """The first SIDE_SAMPLE comments (most central first) that stated the stance, and the first
    SIDE_SAMPLE that did not."""
    side = list(islice((c for c in ranked if c.stance_key == stance), SIDE_SAMPLE))
    others = list(islice((c for c in ranked if c.stance_key != stance), SIDE_SAMPLE)) if side else []
    return side, others


def _unknown(comments: Sequence[CommentIn], known) -> list[CommentIn]:
    """The comments whose ids are not in ``known``, each once, in their order."""
    return list({comment.id: comment for comment in comments if comment.id not in known}.values())


def _in_stance_order(quotes: list[Quote]) -> list[Quote]:
    return sorted(quotes, key=lambda q: STANCE_KEYS.index(q.stance))


def theme_summary(ranked: Sequence[CommentIn], picker: SentencePicker, theme_id: int) -> list[SummarySentence]:
    """Up to three sentences from the theme's most central comments, each unlike the others."""
    pool: list[tuple[CommentIn, str]] = []
    for comment in ranked[:SUMMARY_CANDIDATES]:
        pool += [(comment, text) for text, _ in picker.sentences(comment) if _good_length(text)]
    unique = {}
    for comment, text in pool:
        unique.setdefault(_key(text), (comment, text))
    pool = list(unique.values())
    if not pool:
        return []
    chosen = _maximal_marginal_relevance([text for _, text in pool], picker)
    return [SummarySentence(comment_id=pool[i][0].id, text=pool[i][1], theme=theme_id) for i in chosen]


def _maximal_marginal_relevance(texts: list[str], picker: SentencePicker) -> list[int]:
    vectors = picker.model.vectors([picker.terms.of(text) for text in texts])
    relevance = np.asarray(vectors @ picker.model.centres[picker.theme]).ravel()
    overlap = (vectors @ vectors.T).toarray()
    chosen: list[int] = []
    while len(chosen) < min(SUMMARY_SENTENCES, len(texts)):
        penalty = overlap[:, chosen].max(axis=1) if chosen else np.zeros(len(texts))
        score = (1 - REDUNDANCY) * relevance - REDUNDANCY * penalty
        score[chosen] = -np.inf
        best = int(np.argmax(score))  # argmax takes the first of equal scores: deterministic
        if relevance[best] <= 0 and chosen:
            break
        chosen.append(best)
    return chosen


def overview(theme_summaries: Sequence[list[SummarySentence]], limit: int = 5) -> list[SummarySentence]:
    """A short overview: the first summary sentence of each of the largest themes, largest first."""
    return [summary[0] for summary in theme_summaries[:limit] if summary]
