"""Themes: groups of comments about the same matter, found with scikit-learn.

Each document (a comment, or one campaign's template) is a list of content terms (text.Terms).
TF-IDF weighs them; a truncated SVD (latent semantic analysis) turns each document into a short
dense vector in which synonyms and inflections lean the same way; k-means groups the vectors. The
number of themes is chosen from the data: the fewest k between ``min_themes`` and ``max_themes``
whose silhouette score on a fixed sample is close to the best. Everything runs with fixed seeds and the sample is chosen
by a hash of each document's key, so the same input gives the same themes on every run.

Documents with too few content terms ("Enig!") or far from every theme stay unthemed rather than
forming a vague catch-all theme.

A re-run after a few new comments should not reshuffle themes a caseworker has named, assessed and
corrected: continue_themes keeps every earlier document in its earlier theme (known by its key) and
places each new one in the theme whose centre is nearest, by the same cosine in the same reduced
space, forming no new theme. Finding the themes afresh is the caller's explicit choice.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

UNTHEMED = -1


@dataclass(frozen=True)
class ThemeSettings:
    """The knobs of find_themes."""

    min_themes: int = 3
    max_themes: int = 12
    min_terms: int = 2            # documents with fewer content terms are left unthemed
    min_similarity: float = 0.15  # cosine to the theme's centre below which a document is unthemed
    components: int = 50          # dimensions kept by the SVD
    parsimony: float = 0.85       # fewest themes scoring at least this share of the best silhouette
    sample_size: int = 2000       # documents used to fit the SVD and to choose k
    keywords: int = 8
    seed: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.min_themes <= self.max_themes <= 20:
            raise ValueError("themes: need 1 <= min_themes <= max_themes <= 20")


@dataclass
class ThemeModel:
    """The result of find_themes: for each document its theme (or UNTHEMED) and its closeness to
    that theme's centre; for each theme its keyword terms (stems), best first, and its key (the
    identity it keeps when a later run continues from these themes)."""

    labels: np.ndarray
    closeness: np.ndarray
    keywords: list[list[str]]
    vectorizer: TfidfVectorizer | None
    centres: np.ndarray | None  # per theme, the L2-normalised mean TF-IDF vector
    keys: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many themes were found."""
        return len(self.keywords)

    def vectors(self, texts_terms: Sequence[list[str]]) -> sparse.csr_matrix:
        """TF-IDF rows (L2-normalised) for texts given as content terms, e.g. sentences."""
        if self.vectorizer is None:
            raise ValueError("no themes were found, so there is no vocabulary")
        return self.vectorizer.transform(list(texts_terms))

    def similarities(self, texts_terms: Sequence[list[str]], theme: int) -> np.ndarray:
        """Cosine between each text (as content terms) and a theme's centre in TF-IDF space."""
        if not texts_terms or self.centres is None:
            return np.zeros(len(texts_terms))
        return np.asarray(self.vectors(texts_terms) @ self.centres[theme]).ravel()


def _identity(terms: list[str]) -> list[str]:
    return terms


def find_themes(docs: Sequence[list[str]], keys: Sequence[str], settings: ThemeSettings = ThemeSettings()) -> ThemeModel:
    """Themes for documents given as content terms; ``keys`` (stable, unique per document, e.g. the
    comment id) choose the sample deterministically.

    Runs BLAS and OpenMP on one thread: floating-point sums then do not depend on how many cores
    the machine has, and busy-waiting threads cannot stall a loaded server (the work is small).
    """
    with threadpool_limits(limits=1):
        return _find_themes(docs, keys, settings)


def _weighted_terms(docs: Sequence[list[str]], rows: np.ndarray):
    """TF-IDF of the documents at ``rows``, keeping those with a term that counts: (rows, matrix,
    vectorizer), or None when no term occurs in two documents. A fresh clustering and a continued
    one weigh terms alike."""
    vectorizer = TfidfVectorizer(analyzer=_identity, min_df=2, max_df=0.5, sublinear_tf=True, dtype=np.float32)
    try:
        tfidf = vectorizer.fit_transform([docs[i] for i in rows])
    except ValueError:  # no term occurs in two documents
        return None
    has_terms = np.asarray(tfidf.getnnz(axis=1) > 0)
    return rows[has_terms], tfidf[has_terms], vectorizer


def _find_themes(docs: Sequence[list[str]], keys: Sequence[str], settings: ThemeSettings) -> ThemeModel:
    usable = np.array([len(set(terms)) >= settings.min_terms for terms in docs], dtype=bool)
    empty = ThemeModel(np.full(len(docs), UNTHEMED), np.zeros(len(docs)), [], None, None)
    if usable.sum() < 2 * settings.min_themes:
        return empty
    weighted = _weighted_terms(docs, np.flatnonzero(usable))
    if weighted is None:
        return empty
    rows, tfidf, vectorizer = weighted
    if len(rows) < 2 * settings.min_themes:
        return empty
    sample = _sample(rows, keys, settings.sample_size)
    vectors = _reduce(tfidf, sample, settings)
    k = _choose_k(vectors[sample], settings)
    assignment, closeness = _cluster(vectors, sample, k, settings)
    assignment[closeness < settings.min_similarity] = UNTHEMED
    return _model(len(docs), rows, assignment, closeness, tfidf, vectorizer, settings)


def _sample(rows: np.ndarray, keys: Sequence[str], size: int) -> np.ndarray:
    """Positions (into rows) of the documents whose keys hash lowest: a sample that does not move
    when other documents are added."""
    if len(rows) <= size:
        return np.arange(len(rows))
    hashes = np.array([zlib.crc32(str(keys[i]).encode()) for i in rows], dtype=np.uint64)
    return np.sort(np.lexsort((np.arange(len(rows)), hashes))[:size])


def _reduce(tfidf: sparse.csr_matrix, sample: np.ndarray, settings: ThemeSettings) -> np.ndarray:
    components = min(settings.components, tfidf.shape[1] - 1, len(sample) - 1)
    if components < 2:
        return normalize(tfidf.toarray())
    svd = TruncatedSVD(n_components=components, random_state=settings.seed)
    svd.fit(tfidf[sample])
    return normalize(svd.transform(tfidf))


def _choose_k(vectors: np.ndarray, settings: ThemeSettings) -> int:
    """The fewest themes whose silhouette score on the sample is within ``parsimony`` of the best.

    Silhouette curves of short texts are flat, so the single best k moves with noise; the fewest
    themes that are nearly as well separated is both steadier and easier to read.
    """
    high = min(settings.max_themes, len(vectors) // 2)
    low = min(settings.min_themes, high)
    scores = {}
    for k in range(low, high + 1):
        labels = KMeans(n_clusters=k, n_init=3, random_state=settings.seed).fit_predict(vectors)
        if len(set(labels.tolist())) > 1:
            scores[k] = silhouette_score(vectors, labels)
    if not scores:
        return low
    best = max(scores.values())
    return min(k for k, score in scores.items() if score >= settings.parsimony * best)


def _cluster(vectors: np.ndarray, sample: np.ndarray, k: int, settings: ThemeSettings):
    """k-means on the sample, then refined on every document from the sample's centres."""
    seed_model = KMeans(n_clusters=k, n_init=4, random_state=settings.seed).fit(vectors[sample])
    model = KMeans(n_clusters=k, init=seed_model.cluster_centers_, n_init=1, random_state=settings.seed)
    assignment = model.fit_predict(vectors)
    centres = normalize(model.cluster_centers_)
    closeness = np.einsum("ij,ij->i", vectors, centres[assignment])
    return assignment, closeness


def _model(n_docs, rows, assignment, closeness, tfidf, vectorizer, settings) -> ThemeModel:
    """Renumbers the themes (largest first), keys them by their new numbers and names each by its
    most distinctive terms."""
    kept = [t for t in range(assignment.max() + 1) if (assignment == t).any()]
    kept.sort(key=lambda t: (-int((assignment == t).sum()), t))
    renumber = {old: new for new, old in enumerate(kept)}
    labels = np.full(n_docs, UNTHEMED)
    labels[rows] = [renumber.get(int(t), UNTHEMED) for t in assignment]
    close = np.zeros(n_docs)
    close[rows] = closeness
    keys = [str(number + 1) for number in range(len(kept))]
    return _described(labels, close, rows, tfidf, vectorizer, keys, settings)


def _described(labels, close, rows, tfidf, vectorizer, keys: list[str], settings) -> ThemeModel:
    """The model for documents labelled with themes 0..len(keys)-1: keywords and centres from the
    TF-IDF rows of each theme's documents."""
    local = labels[rows]
    membership = sparse.csr_matrix(
        (np.ones(int((local >= 0).sum())), (local[local >= 0], np.flatnonzero(local >= 0))),
        shape=(len(keys), len(rows)),
    )
    weight = np.asarray((membership @ tfidf).todense())
    keywords = _keywords(weight, vectorizer.get_feature_names_out(), settings.keywords)
    return ThemeModel(labels, close, keywords, vectorizer, normalize(weight), keys)


def continue_themes(docs: Sequence[list[str]], keys: Sequence[str], known: Mapping[int, str | None],
                    theme_keys: Sequence[str], settings: ThemeSettings = ThemeSettings()) -> ThemeModel | None:
    """The themes ``theme_keys`` of an earlier run, carried over to these documents.

    ``known`` maps the position of each document the earlier run saw to its theme's key (None: it
    was in no theme); it keeps that theme. Every other document joins the theme whose centre (the
    mean of its known documents in the reduced space) is nearest by cosine, or stays unthemed when
    that is below ``min_similarity`` or it has fewer than ``min_terms`` terms. No theme is formed
    or split. Themes are numbered largest first and keep their keys. None when there is nothing to
    continue from or the documents give no vocabulary: the caller then finds themes afresh.
    """
    if not theme_keys:
        return None
    with threadpool_limits(limits=1):
        return _continue_themes(docs, keys, known, list(theme_keys), settings)


def _continue_themes(docs, keys, known, theme_keys: list[str], settings: ThemeSettings) -> ThemeModel | None:
    weighted = _weighted_terms(docs, np.flatnonzero([len(set(terms)) >= settings.min_terms for terms in docs]))
    if weighted is None:
        return None
    rows, tfidf, vectorizer = weighted
    if len(rows) < 2:
        return None
    vectors = _reduce(tfidf, _sample(rows, keys, settings.sample_size), settings)
    number = {key: n for n, key in enumerate(theme_keys)}
    labels = np.full(len(docs), UNTHEMED)
    for position, key in known.items():
        labels[position] = number.get(key, UNTHEMED) if key is not None else UNTHEMED
    local = labels[rows]
    centres = _centres(vectors, local, len(theme_keys))
    themed = local >= 0
    closeness = np.zeros(len(rows))
    closeness[themed] = np.einsum("ij,ij->i", vectors[themed], centres[local[themed]])
    new = np.ones(len(docs), dtype=bool)
    new[list(known)] = False
    placing = new[rows]
    if placing.any():
        similarity = vectors[placing] @ centres.T
        nearest, closeness[placing] = similarity.argmax(axis=1), similarity.max(axis=1)
        local[placing] = np.where(closeness[placing] >= settings.min_similarity, nearest, UNTHEMED)
    labels[rows] = local
    close = np.zeros(len(docs))
    close[rows] = closeness
    return _carried_model(labels, close, rows, tfidf, vectorizer, theme_keys, settings)


def _centres(vectors: np.ndarray, local: np.ndarray, count: int) -> np.ndarray:
    """Per theme, the L2-normalised mean of its documents' vectors (zero for a theme without any)."""
    themed = local >= 0
    membership = sparse.csr_matrix((np.ones(int(themed.sum())), (local[themed], np.flatnonzero(themed))),
                                   shape=(count, len(local)))
    return normalize(np.asarray(membership @ vectors))


def _carried_model(labels, close, rows, tfidf, vectorizer, theme_keys: list[str], settings) -> ThemeModel:
    """Renumbers carried themes largest first (by documents; the key breaks a tie), keeping their keys."""
    sizes = np.bincount(labels[labels >= 0], minlength=len(theme_keys))
    order = sorted(range(len(theme_keys)), key=lambda t: (-int(sizes[t]), theme_keys[t]))
    renumber = np.empty(len(theme_keys), dtype=int)
    renumber[order] = np.arange(len(order))
    labels = np.where(labels >= 0, renumber[np.maximum(labels, 0)], UNTHEMED)
    return _described(labels, close, rows, tfidf, vectorizer, [theme_keys[t] for t in order], settings)


def _keywords(weight: np.ndarray, names: np.ndarray, count: int) -> list[list[str]]:
    """Class-based TF-IDF: a term's share of a theme's weight, times how concentrated the term is in
    that theme compared with the others. Ties go to the alphabetically first term."""
    share = weight / np.maximum(weight.sum(axis=1, keepdims=True), 1e-12)
    spread = np.log1p(weight.sum() / len(weight) / np.maximum(weight.sum(axis=0), 1e-12))
    scores = share * spread
    keywords = []
    position = np.arange(len(names))  # features are in alphabetical order
    for row in scores:
        order = np.lexsort((position, -np.round(row, 9)))
        keywords.append([str(names[i]) for i in order[:count] if row[i] > 0])
    return keywords
