"""Themes: groups of comments about the same matter, found with scikit-learn.

Each document (a comment, or one campaign's template) is a list of content terms (text.Terms).
TF-IDF weighs them; a truncated SVD (latent semantic analysis) turns each document into a short
dense vector in which synonyms and inflections lean the same way.

The themes are found in two steps, fine then joined. k-means first cuts the documents into many
fine groups (``fine_groups``, far more than there are topics), so that no two topics share a group
however unequal their sizes or however many words they share: a small topic gets groups of its own
instead of being folded into a big neighbour. Then groups whose words (their mean TF-IDF rows, which
tell a small topic apart more sharply than the few reduced dimensions the SVD can spare it) point
the same way, by average cosine distance below ``join_distance``, are joined into one theme, so a
topic cut into several groups becomes one theme again. The number of themes follows from the data,
between ``min_themes`` and ``max_themes``. A theme held together by a few words only (the place
where writers live, a closing line) is dissolved, and so is one too small to stand on its own.
(Choosing k for k-means by silhouette, as before, picked the fewest themes that were nearly as well
separated, and so put two topics in one theme whenever they shared vocabulary.)

Where k-means starts decides now and then that a small topic shares a group with a neighbour, so
the fine-then-joined clustering runs ``runs`` times from different seeds, and the themes are those
most runs agree on (documents joined while most runs put them together). What is left of that in
crumbs is folded into the theme the runs put it with most often, or left unthemed.

Comments in English (english.py) are placed in the themes, never shaping one of their own.

Everything runs with fixed seeds and the sample is chosen by a hash of each document's key, so the
same input gives the same themes on every run.

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
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
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
    fine_groups: int = 30         # groups k-means cuts the sample into before they are joined
    join_distance: float = 0.8    # groups whose words (mean TF-IDF rows) are closer (average cosine distance) join
    min_share: float = 0.02       # a theme holds at least this share of the sample
    min_documents: int = 5        # and this many of its documents (a quarter of a small sample), else it dissolves
    runs: int = 7                 # runs of fine-then-joined clustering whose agreement makes the themes
    fold_together: float = 0.2    # a crumb of that agreement joins a theme the runs put it with this often
    loose_words: int = 4          # a theme whose documents, without its this many top words,
    loose_share: float = 0.8      # mostly leave it is loose: it is dissolved
    sample_size: int = 2000       # documents used to fit the SVD and to find the themes
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


def find_themes(docs: Sequence[list[str]], keys: Sequence[str], settings: ThemeSettings = ThemeSettings(),
                shaping: Sequence[bool] | None = None) -> ThemeModel:
    """Themes for documents given as content terms; ``keys`` (stable, unique per document, e.g. the
    comment id) choose the sample deterministically. Only the documents marked in ``shaping`` (all
    when None) shape the themes; the others are placed in the nearest theme, or none (english.py
    says why comments in English are placed, not shaping).

    Runs BLAS and OpenMP on one thread: floating-point sums then do not depend on how many cores
    the machine has, and busy-waiting threads cannot stall a loaded server (the work is small).
    """
    with threadpool_limits(limits=1):
        return _find_themes(docs, keys, settings, shaping)


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


def _find_themes(docs: Sequence[list[str]], keys: Sequence[str], settings: ThemeSettings,
                 shaping: Sequence[bool] | None) -> ThemeModel:
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
    sample = _shaping_sample(rows, keys, settings, shaping)
    assignment, closeness = _cluster(_reduce(tfidf, sample, settings), tfidf, sample, settings)
    assignment[closeness < settings.min_similarity] = UNTHEMED
    return _model(len(docs), rows, assignment, closeness, tfidf, vectorizer, settings)


def _shaping_sample(rows: np.ndarray, keys: Sequence[str], settings: ThemeSettings,
                    shaping: Sequence[bool] | None) -> np.ndarray:
    """The sample (positions into rows) that shapes the themes: drawn from the shaping documents,
    unless there are too few of them to find themes in."""
    if shaping is None:
        return _sample(rows, keys, settings.sample_size)
    eligible = np.flatnonzero(np.asarray(shaping, dtype=bool)[rows])
    if len(eligible) < 2 * settings.min_themes:
        return _sample(rows, keys, settings.sample_size)
    return eligible[_sample(rows[eligible], keys, settings.sample_size)]


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


def _cluster(vectors: np.ndarray, tfidf: sparse.csr_matrix, sample: np.ndarray, settings: ThemeSettings):
    """Each document's theme (or UNTHEMED) and its cosine to that theme's centre.

    The themes are those the sample's documents keep under ``runs`` runs of fine-then-joined
    clustering, each from another seed (see the module's docstring): two documents share a theme
    when most runs put them together. A single run depends on where k-means happens to start, and
    now and then puts a small topic with a neighbour's group; the runs seldom agree on that. Every
    document then goes to the theme of the nearest fine group of any run (a theme joined from
    several groups is not round, and its own mean would pull the documents at its edges towards a
    neighbour).
    """
    minimum = max(settings.min_share * len(sample), min(settings.min_documents, max(2, len(sample) // 4)))
    runs = [_one_run(vectors[sample], tfidf[sample], settings, settings.seed + run, minimum)
            for run in range(settings.runs)]
    votes = [theme_of_group[(vectors[sample] @ centres.T).argmax(axis=1)] for centres, theme_of_group in runs]
    agreed = _agreed(votes, minimum, settings)
    centres = np.vstack([centres for centres, _ in runs])
    owner = _owners(agreed, (vectors[sample] @ centres.T).argmax(axis=1), len(centres))
    assignment = owner[(vectors @ centres.T).argmax(axis=1)]
    themed = assignment >= 0
    theme_centres = _centres(vectors, assignment, int(assignment.max()) + 1)
    closeness = np.zeros(len(assignment))
    closeness[themed] = np.einsum("ij,ij->i", vectors[themed], theme_centres[assignment[themed]])
    return assignment, closeness


def _one_run(vectors: np.ndarray, tfidf: sparse.csr_matrix, settings: ThemeSettings, seed: int, minimum: float):
    """One run of fine-then-joined clustering of the sample: the fine groups' centres and each
    group's theme (UNTHEMED for the groups of a theme too small to stand)."""
    distinct = len(np.unique(vectors, axis=0))
    fine = KMeans(n_clusters=min(settings.fine_groups, len(vectors) // 2, distinct), n_init=1, random_state=seed)
    fine_labels = fine.fit_predict(vectors)
    term_means = _group_term_means(tfidf, fine_labels, fine.n_clusters)
    # Alike documents can leave a group empty.
    groups = np.flatnonzero(np.bincount(fine_labels, minlength=fine.n_clusters) > 0)
    joined = _joined(term_means[groups], settings)
    loose = _loose_groups(tfidf, fine_labels, term_means, groups, joined, settings)
    if loose.any() and not loose.all():
        groups = groups[~loose]
        joined = _joined(term_means[groups], settings)
    centres = normalize(fine.cluster_centers_[groups])
    group_sizes = np.bincount((vectors @ centres.T).argmax(axis=1), minlength=len(groups))
    return centres, _without_small_themes(joined, group_sizes, minimum)


def _agreed(votes: list[np.ndarray], minimum: float, settings: ThemeSettings) -> np.ndarray:
    """The sample's themes that the runs agree on: documents joined (average linkage) while most
    runs put them in one theme; then, smallest first, a theme too small to stand (under
    ``minimum`` documents) or one more than any run found is folded into the theme whose documents
    the runs put with its own most often, or, when that is rarely (under ``fold_together`` on
    average), left UNTHEMED. On comments whose matters overlap the runs disagree on many documents,
    and the strict majority leaves crumbs: folded into a related theme where there is one, they
    do not become a catch-all theme, nor a third of the comments left over."""
    together = np.zeros((len(votes[0]), len(votes[0])), dtype=np.float32)
    for vote in votes:
        themed = vote >= 0
        one_hot = np.zeros((len(vote), int(vote.max()) + 1), dtype=np.float32)
        one_hot[np.flatnonzero(themed), vote[themed]] = 1
        together += one_hot @ one_hot.T
    together /= len(votes)
    if len(together) < 2:
        return np.zeros(len(together), dtype=int)
    agreed = AgglomerativeClustering(metric="precomputed", linkage="average", n_clusters=None,
                                     distance_threshold=0.5).fit_predict(1 - together)
    found = max(len(np.unique(vote[vote >= 0])) for vote in votes)
    return _folded(agreed, together, max(found, 1), minimum, settings.fold_together)


def _folded(agreed: np.ndarray, together: np.ndarray, most: int, minimum: float, fold_together: float) -> np.ndarray:
    """``agreed`` with its smallest themes folded away (see _agreed) until there are at most
    ``most`` and none under ``minimum`` documents (but one); themes numbered 0.. again."""
    agreed = agreed.copy()
    while True:
        themes, sizes = np.unique(agreed[agreed >= 0], return_counts=True)
        if len(themes) <= 1 or (len(themes) <= most and sizes.min() >= minimum):
            break
        smallest = themes[np.lexsort((themes, sizes))[0]]
        members = agreed == smallest
        closeness = [(together[np.ix_(members, agreed == other)].mean(), -other)
                     for other in themes if other != smallest]
        best, negative_other = max(closeness)
        agreed[members] = -negative_other if best >= fold_together else UNTHEMED
    kept = np.unique(agreed[agreed >= 0])
    return np.where(agreed >= 0, np.searchsorted(kept, agreed), UNTHEMED)


def _owners(agreed: np.ndarray, nearest: np.ndarray, count: int) -> np.ndarray:
    """For each fine group of any run, the agreed theme most of the sample's documents nearest to
    it are in (UNTHEMED when that is none, or no document is nearest to it)."""
    owners = np.full(count, UNTHEMED)
    for group in range(count):
        members = agreed[nearest == group]
        if len(members):
            values, counts = np.unique(members, return_counts=True)
            owners[group] = values[np.lexsort((values, -counts))[0]]
    return owners


def _group_term_means(tfidf: sparse.csr_matrix, labels: np.ndarray, count: int) -> np.ndarray:
    """Each fine group's mean TF-IDF row, L2-normalised: its words, which tell a small topic apart
    more sharply than the few reduced dimensions the SVD can spare it."""
    membership = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(count, len(labels)))
    return normalize(np.asarray((membership @ tfidf).todense()))


def _loose_groups(tfidf: sparse.csr_matrix, labels: np.ndarray, means: np.ndarray, groups: np.ndarray,
                  theme_of_group: np.ndarray, settings: ThemeSettings) -> np.ndarray:
    """For each of the fine ``groups``, whether its theme is held together by a few words only
    rather than by a matter: without the theme's ``loose_words`` heaviest words, fewer than
    ``loose_share`` of its documents are still nearest to one of its groups. The place a writer
    lives ("Øvre Myra", "me bur på … og blir direkte råka") or a closing line ("Jeg ser fram til
    svar.") gathers comments on every topic, and they scatter once those words are gone; comments
    on one matter share more words, and stay. Documents left with no word any group has are not
    counted."""
    loose = np.zeros(len(groups), dtype=bool)
    for theme in np.unique(theme_of_group):
        own = theme_of_group == theme
        without = np.ones(means.shape[1], dtype=tfidf.dtype)
        without[np.argsort(-means[groups[own]].sum(axis=0), kind="stable")[:settings.loose_words]] = 0
        rows = normalize(sparse.csr_matrix(tfidf[np.isin(labels, groups[own])].multiply(without)))
        similarity = np.asarray(rows @ normalize(means[groups] * without).T)
        nearest, counted = similarity.argmax(axis=1), similarity.max(axis=1) > 0
        if counted.any():
            loose[own] = own[nearest[counted]].mean() < settings.loose_share
    return loose


def _joined(centres: np.ndarray, settings: ThemeSettings) -> np.ndarray:
    """For each fine group, its theme: groups joined by average linkage on cosine distance, up to
    ``join_distance``, then further (or less far) until there are between min_themes and
    max_themes themes."""
    def join(**how) -> np.ndarray:
        return AgglomerativeClustering(metric="cosine", linkage="average", **how).fit_predict(centres)

    if len(centres) <= settings.min_themes:
        return np.arange(len(centres))
    themes = join(n_clusters=None, distance_threshold=settings.join_distance)
    count = int(themes.max()) + 1
    if count > settings.max_themes or count < settings.min_themes:
        themes = join(n_clusters=min(max(count, settings.min_themes), settings.max_themes))
    return themes


def _without_small_themes(theme_of_group: np.ndarray, group_sizes: np.ndarray, minimum: float) -> np.ndarray:
    """Themes numbered 0.. again, without those with fewer than ``minimum`` sample documents: their
    groups get UNTHEMED. A topic too small to stand as a theme is better among the comments in no
    theme than scattered over the themes of other matters, which it would muddle. Keeps at least one."""
    sizes = np.bincount(theme_of_group, weights=group_sizes)
    kept = np.flatnonzero(sizes >= minimum)
    if len(kept) == 0:
        kept = np.array([int(sizes.argmax())])
    renumber = np.full(len(sizes), UNTHEMED)
    renumber[kept] = np.arange(len(kept))
    return renumber[theme_of_group]


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
