"""Naming a theme with words people wrote: keywords in their written form, and a label that reads as
a heading.

A caseworker heads a theme with its subject in a noun phrase ("Universell utforming av
skolebyggene", "Trafikksikker skolevei"), not with loose keywords ("kanaler, fylgde, kvelden"). The
label is the most representative noun phrase of the theme's first LABEL_SAMPLE central comments:

* A candidate is one to MAX_PHRASE_WORDS words with nothing but spaces between them, holding one of
  the theme's LEADING_KEYWORDS best keyword stems. Its words are content words, with at most one
  connector inside ("av", "for", "til", "i", "på", "med", "om", "og" and their nynorsk and English
  forms, wordlists.HEADING_CONNECTORS) and never first or last.
* It opens with a noun or an adjective and closes with a noun; it never opens or closes with an
  adverb or a vague adjective (wordlists.NOT_HEADING_EDGES) or closes with a time ("Kveld", "på
  hverdager"); no verb stands in it; a word before another content word describes it (an adjective,
  a genitive, a name: "Stengte kommentarfelt", "Bibliotekets åpningstider", "Haugen skole"), and
  only a noun is followed by a connector ("Universell utforming av …", not "Avhengig av bussen").
* Nouns, verbs and adjectives are told apart by the company words keep in the theme's own comments
  (_WordClasses): after "å", a modal verb or a subject pronoun a word is a verb; after a
  determiner, a possessive or a preposition it heads a noun phrase whose other words describe it;
  after "er" or "svært" it is a predicate; before an object pronoun, or before "ikke" after a
  content word, it is a verb. Endings add evidence: "-ene", "-ing", "-het" and, less, "-en", "-et"
  for nouns; a present tense of an infinitive ("ødelegger", "stenges") for verbs; a past tense or
  participle ("målt", "stengte"), "-ig", "-isk" or an added "-e" ("sosiale") for predicates. A
  word without evidence of its own takes that of its stem's other forms, and a word that looks like
  an imperative ("Flytt gangfeltet") or a nynorsk present tense ("skriv") is never part of a
  heading. The word lists are bokmål, nynorsk and English (wordlists.BEFORE_A_VERB and after it).
* Candidates with the same content stems are one subject ("bibliotekets åpningstider" and
  "åpningstidene på biblioteket"). A subject scores by the number of comments read that use it (at
  least PHRASE_MIN_COMMENTS and PHRASE_MIN_SHARE of them), times one plus the weights of the
  keywords it holds (the better the keyword, the more it counts), times PHRASE_LENGTH_WEIGHT for its
  number of content words (two or three read best as a heading, one word the least). The best score
  wins, ties going to the alphabetically first, so the same comments always give the same label.

The label is written as the comments most often write the phrase: every word a word written in the
theme's comments (never a stem), in lower case unless the comments write it with capitals (a name:
"TikTok", "Haugen skole"), and the first letter a capital.
Labels are at most MAX_LABEL_CHARS characters. Without a candidate the label is the best keyword
used as a noun, or the best two joined by "og" ("Møter og svar"), else the best keyword that is at
times a noun, else the noun the comments use most: a verb names a theme only when its comments hold
no noun at all. Reading a fixed number of comments, counting word classes in C over whole lists and
reading each distinct run of words once keep labelling a theme to a few milliseconds at any size.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain, compress
from typing import Iterable, NamedTuple, Sequence

from hoering.analysis.comments import CommentIn
from hoering.analysis.text import Terms, lemmatise, normalise, written_standard
from hoering.analysis.wordlists import (
    ADJECTIVE_ENDINGS,
    AFTER_A_VERB,
    BEFORE_A_NOUN,
    BEFORE_A_PREDICATE,
    BEFORE_A_VERB,
    DEFINITE_SINGULAR_ENDINGS,
    HEADING_CONNECTORS,
    NEGATIONS,
    NOT_HEADING_EDGES,
    NOUN_ENDINGS,
    PAST_TENSE_ENDINGS,
    PRESENT_TENSE_ENDINGS,
    TIME_WORDS,
)

SURFACE_SAMPLE = 300
LABEL_SAMPLE = 150
LEADING_KEYWORDS = 4
MAX_PHRASE_WORDS = 4
MAX_LABEL_CHARS = 45
PHRASE_MIN_COMMENTS = 2
PHRASE_MIN_SHARE = 0.03
PHRASE_LENGTH_WEIGHT = {1: 0.3, 2: 1.0, 3: 0.9, 4: 0.7}
# Weight of the evidence of an ending next to the evidence of a word's company, per use.
NOUN_ENDING_WEIGHT = 1.0
ENDING_WEIGHT = 0.5
MIN_ENDING_LETTERS = 4
NOUN_PHRASE_WORDS = 3  # words read after a determiner or a preposition

# Words with nothing but spaces between them: the stretches of text a phrase may be taken from.
_RUN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*(?:[^\S\n]+[^\W\d_]+(?:-[^\W\d_]+)*)*")
_BREAK = "|"
_RUN_BREAK = f" {_BREAK} "
_CUES = BEFORE_A_VERB | BEFORE_A_NOUN | BEFORE_A_PREDICATE
_NO_EVIDENCE = (0.0, 0.0, 0.0)


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
    """The label of a theme whose keyword stems are ``stems`` (written as ``keywords``): its most
    representative noun phrase, or its best noun keywords."""
    texts = [_Text(comment.text) for comment in central[:LABEL_SAMPLE]]
    classes = _WordClasses(list(chain.from_iterable(text.lower + [_BREAK] for text in texts)), terms)
    label = _best_phrase(stems, texts, classes, terms) or _keyword_label(stems, keywords, classes, terms)
    return label[:1].upper() + label[1:]


class _Text:
    """A comment as runs of words that nothing but spaces separate (a phrase never spans two), its
    lower-case words with _BREAK between runs, and its written standard."""

    __slots__ = ("runs", "lower", "standard")

    def __init__(self, text: str) -> None:
        self.runs = _RUN.findall(normalise(text))
        self.lower = _RUN_BREAK.join(self.runs).lower().split()
        self.standard = written_standard(self.lower)


class _WordClasses:
    """Whether a word is used as a noun, a verb or an adjective in a theme's comments, told by the
    words around it and by its ending: its own uses, or when they tell nothing, its stem's other forms.

    The counting runs over whole lists in C (Counter of zip and compress); only the distinct words
    after a telling word are looked at one by one, so a theme's comments take a few milliseconds.
    """

    def __init__(self, tokens: list[str], terms: Terms) -> None:
        """``tokens``: the lower-case words of the theme's comments, with _BREAK between runs."""
        self._terms = terms
        self._noun: Counter = Counter()
        self._verb: Counter = Counter()
        self._predicate: Counter = Counter()
        self._adjectives: set[str] = set()
        self._uses = Counter(tokens)
        self._count_endings(self._uses)
        self._count_company(tokens)
        self._pooled = self._pool()

    def _count_company(self, tokens: list[str]) -> None:
        """Evidence from the words before and after each word."""
        padded = tokens + [_BREAK] * NOUN_PHRASE_WORDS
        after_cue = Counter(compress(zip(*(padded[i:] for i in range(NOUN_PHRASE_WORDS + 1))),
                                     map(_CUES.__contains__, tokens)))
        for (cue, *after), count in after_cue.items():
            if cue in BEFORE_A_VERB:
                self._verb[after[0]] += count
            elif cue in BEFORE_A_PREDICATE:
                self._predicate[after[0]] += count
            else:
                self._count_noun_phrase(after, count)
        following = padded[1:len(tokens) + 1]
        self._verb.update(compress(tokens, map(AFTER_A_VERB.__contains__, following)))
        after_adjective = Counter(compress(following, map(self._adjectives.__contains__, tokens)))
        for word, count in after_adjective.items():
            if self._terms.term(word):
                self._noun[word] += count  # "digitale møter"
        before_negation = compress(zip(tokens, following), map(NEGATIONS.__contains__, padded[2:len(tokens) + 2]))
        self._verb.update(word for before, word in before_negation if before == _BREAK or self._terms.term(before))

    def _count_noun_phrase(self, words: list[str], count: int) -> None:
        """After a determiner or a preposition: the content words up to the first other word, or a
        verb, make a noun phrase whose last word is a noun and the others describe it ("på sosiale
        medier", "med lav inntekt", "the library opening hours")."""
        length = 0
        for word in words:
            if word in _CUES or not self._terms.term(word) or (length and word in self._verb):
                break
            length += 1
        if length:
            self._noun[words[length - 1]] += count
            for word in words[:length - 1]:
                self._predicate[word] += count

    def _count_endings(self, uses: Counter) -> None:
        """Evidence from each distinct word's ending, once per use."""
        for word, count in uses.items():
            if len(word) < MIN_ENDING_LETTERS:
                continue
            past = _past_tense(word) if word.endswith(PAST_TENSE_ENDINGS) else 0.0
            if past:
                self._predicate[word] += past * count  # "målt", "stengte"; "utformet" (or "møtet")
            elif word.endswith(NOUN_ENDINGS):
                self._noun[word] += NOUN_ENDING_WEIGHT * count
            elif word.endswith(DEFINITE_SINGULAR_ENDINGS):
                self._noun[word] += ENDING_WEIGHT * count
            elif word.endswith(PRESENT_TENSE_ENDINGS) and _looks_like_a_present_tense(word):
                self._verb[word] += ENDING_WEIGHT * count
            if word.endswith(ADJECTIVE_ENDINGS) or _is_inflected_adjective(word):
                self._predicate[word] += count
                self._adjectives.add(word)

    def _pool(self) -> dict[str, list[float]]:
        """(noun, verb, predicate) evidence summed over the forms of each stem."""
        pooled: dict[str, list[float]] = {}
        for index, counter in enumerate((self._noun, self._verb, self._predicate)):
            for word, count in counter.items():
                stem = self._terms.term(word)
                if stem:
                    pooled.setdefault(stem, [0.0, 0.0, 0.0])[index] += count
        return pooled

    def evidence(self, word: str) -> tuple[float, float, float]:
        """(noun, verb, predicate) evidence for a lower-case word: its own uses when they tell
        ("stengte kommentarfelt" and "universelt utformet", while "stenge" is a verb and
        "utforming" a noun), else those of its stem's other forms."""
        own = self._noun[word], self._verb[word], self._predicate[word]
        if any(own):
            return own
        stem = self._terms.term(word)
        return tuple(self._pooled.get(stem, _NO_EVIDENCE)) if stem else _NO_EVIDENCE

    def is_verb(self, word: str) -> bool:
        """Whether a lower-case word is used as a verb more than as a noun."""
        noun, verb, _ = self.evidence(word)
        return verb > noun

    def is_noun(self, word: str) -> bool:
        """Whether a lower-case word is used as a noun more than as anything else."""
        noun, verb, predicate = self.evidence(word)
        return noun > verb + predicate

    def is_nominal(self, word: str) -> bool:
        """Whether a lower-case word is used as a noun or an adjective rather than a verb."""
        noun, verb, predicate = self.evidence(word)
        return noun + predicate > verb

    def is_sometimes_noun(self, word: str) -> bool:
        """Whether a lower-case word is used as a noun at times and as a verb no more often."""
        noun, verb, _ = self.evidence(word)
        return word not in NOT_HEADING_EDGES and noun > 0 and noun >= verb

    def commonest_noun(self) -> str:
        """The content word used most often as a noun (alphabetically first on a tie), or ''."""
        nouns = [(-count, word) for word, count in self._uses.items()
                 if self._terms.term(word) and word not in _CUES and self.can_end(word)]
        return min(nouns)[1] if nouns else ""

    def can_end(self, word: str) -> bool:
        """Whether a heading may close with this lower-case content word (a noun)."""
        return word not in NOT_HEADING_EDGES and self.is_noun(word)


def _best_phrase(stems: list[str], texts: Sequence[_Text], classes: _WordClasses, terms: Terms) -> str | None:
    """The written form of the best-scoring candidate phrase, or None when none is used widely enough."""
    finder = _PhraseFinder(set(stems[:LEADING_KEYWORDS]), classes, terms)
    in_comments = Counter(subject for text in texts for subject in finder.phrases(text))
    needed = max(PHRASE_MIN_COMMENTS, PHRASE_MIN_SHARE * len(texts))
    weights = {stem: 1 / (1 + rank / 2) for rank, stem in enumerate(stems)}
    scored = []
    for key, count in in_comments.items():
        if count >= needed:
            covered = sum(weights.get(part, 0.0) for part in key)
            score = count * (1 + covered) * PHRASE_LENGTH_WEIGHT[len(key)]
            phrase = finder.written(key)
            if len(phrase) <= MAX_LABEL_CHARS:
                scored.append((-score, phrase))
    return min(scored)[1] if scored else None


class _Role(NamedTuple):
    """What a word may be in a heading."""

    key: str          # its stem, or a connector itself; '' when a heading may not hold it
    connector: bool
    opens: bool       # may open a heading: a noun or an adjective
    inside: bool      # may stand after the first word: a noun or an adjective
    closes: bool      # may close a heading: a noun that is not a time
    describes: bool   # may stand before another content word: an adjective, a name, a genitive
    noun: bool


_NO_ROLE = _Role("", False, False, False, False, False, False)


class _PhraseFinder:
    """Finds the candidate phrases of a theme in runs of words, and remembers how they are written.

    A phrase runs from a word that opens a heading to one that closes it, through words that may
    stand inside one, with at most one connector, which after the first word only follows a noun
    ("Universell utforming av …", not "Avhengig av …"); a content word before another describes it
    ("Stengte kommentarfelt", "Bibliotekets åpningstider", "Haugen skole", not "kveldene klubben").
    """

    def __init__(self, leading: set[str], classes: _WordClasses, terms: Terms) -> None:
        self._leading, self._classes, self._terms = leading, classes, terms
        self._forms_of_leading = {form.lower() for stem in leading for form in terms.surfaces.get(stem, ())}
        self._forms: dict[tuple[str, ...], Counter] = {}
        self._roles: dict[tuple[str, str], _Role] = {}
        self._runs: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        self._times = {terms.term(word) for word in TIME_WORDS} - {""}

    def phrases(self, text: _Text) -> set[tuple[str, ...]]:
        """The subjects of the candidate phrases in a comment: the sorted stems of their content
        words, so that "bibliotekets åpningstider" and "åpningstidene på biblioteket" count as one."""
        subjects = set()
        for run in text.runs:
            found = self._runs.get((run, text.standard))
            if found is None:
                found = self._runs[(run, text.standard)] = self._read(run, text.standard)
            for subject, written in found:
                self._forms.setdefault(subject, Counter())[written] += 1
                subjects.add(subject)
        return subjects

    def _read(self, run: str, standard: str) -> list[tuple[tuple[str, ...], str]]:
        """(subject, as written) of each candidate phrase in a run of words."""
        lower = run.lower().split()
        if self._forms_of_leading.isdisjoint(lower):
            return []
        words = run.split()
        roles = [self._role(word, low, standard) for word, low in zip(words, lower)]
        hits = [i for i, role in enumerate(roles) if role.key in self._leading]
        starts = sorted({start for hit in hits for start in range(max(0, hit - MAX_PHRASE_WORDS + 1), hit + 1)})
        found = []
        for start in starts:
            if roles[start].opens:
                for end in self._ends(roles, start, hits, compounds=standard == "en"):
                    subject = tuple(sorted({role.key for role in roles[start:end + 1] if not role.connector}))
                    found.append((subject, " ".join(words[start:end + 1])))
        return found

    def _ends(self, roles: list[_Role], start: int, hits: list[int], compounds: bool) -> Iterable[int]:
        """The last words of the phrases that start at ``start`` and hold a hit. With ``compounds``
        (English) a noun may describe the next one ("opening hours")."""
        connectors = 0
        for end in range(start, min(len(roles), start + MAX_PHRASE_WORDS)):
            role = roles[end]
            if end > start:
                before = roles[end - 1]
                if role.connector:
                    connectors += 1
                    if connectors > 1 or (end == start + 1 and not before.noun):
                        return
                elif not role.inside or not (before.connector or before.describes or compounds):
                    return
            if role.closes and any(start <= hit <= end for hit in hits) and not self._goes_on(roles, end):
                yield end

    @staticmethod
    def _goes_on(roles: list[_Role], end: int) -> bool:
        """Whether the noun phrase goes on after word ``end``, which describes the next ("Haugen"
        in "elev på Haugen skole"): a phrase does not stop in the middle of a name or a genitive."""
        return roles[end].describes and end + 1 < len(roles) and roles[end + 1].inside

    def _role(self, word: str, lower: str, standard: str) -> _Role:
        """What a word as written (``lower`` in lower case) may be in a heading, remembered."""
        role = self._roles.get((word, standard))
        if role is None:
            role = self._roles[(word, standard)] = self._new_role(word, lower, standard)
        return role

    def _new_role(self, word: str, lower: str, standard: str) -> _Role:
        if lower in HEADING_CONNECTORS:
            return _Role(lower, True, False, False, False, False, False)
        key = "" if lower in _CUES else self._terms.term(lower, standard)
        if not key:
            return _NO_ROLE
        classes = self._classes
        name = word != lower and _is_name(key, self._terms) and not classes.is_verb(lower)
        verb_stem = _looks_like_an_imperative(lower, standard)
        nominal = name or (classes.is_nominal(lower) and not verb_stem)
        noun = name or (classes.is_noun(lower) and not verb_stem)
        edge = lower not in NOT_HEADING_EDGES
        describes = not noun or lower.endswith("s") or name
        return _Role(key, False, edge and nominal, nominal, edge and noun and key not in self._times, describes, noun)

    def written(self, key: tuple[str, ...]) -> str:
        """A phrase as the comments most often write it (ignoring case; on a tie the one of more
        words, as "library opening hours" against "library opening", or a single word written as
        its keyword), in lower case but for names."""
        lower_forms: Counter = Counter()
        for form, count in self._forms[key].items():
            lower_forms[form.lower()] += count
        keyword = self._terms.surface(key[0]).lower() if len(key) == 1 else ""
        usual = min(lower_forms.items(), key=lambda item: (-item[1], -item[0].count(" "), item[0] != keyword,
                                                           item[0]))[0]
        cased = min((-count, form) for form, count in self._forms[key].items() if form.lower() == usual)[1]
        return " ".join(_as_written(word, self._terms) for word in cased.split())


def _is_name(key: str, terms: Terms) -> bool:
    """Whether the comments usually write a word with capitals (a name: 'Haugen', 'TikTok', 'SMS')."""
    usual = terms.surface(key)
    return usual != usual.lower()


@lru_cache(maxsize=1 << 16)
def _lemma(word: str, standard: str = "nb") -> str:
    """simplemma's lemma of a lower-case word in a written standard (bokmål for English), remembered:
    themes share their words."""
    return lemmatise(word, "nn" if standard == "nn" else "nb")


def _is_inflected_adjective(word: str) -> bool:
    """Whether a word is its lemma with an -e added: the plural or definite form of an adjective
    ("sosiale", "trygge", "viktige"); nouns and verbs do not inflect so, but for the plurals of
    nouns in -er ("politikere"), which are left out."""
    if not word.endswith("e"):
        return False
    lemma = _lemma(word)
    return lemma == word[:-1] and not lemma.endswith(("er", "ar"))


def _looks_like_an_imperative(word: str, standard: str) -> bool:
    """Whether a word is an infinitive without its last vowel: an imperative ("Flytt gangfeltet",
    "Utvid tilbudet") or a nynorsk present tense ("innbyggjaren skriv")."""
    lemma = _lemma(word, standard)
    return lemma != word and lemma[:-1] == word and lemma.endswith(("e", "a"))


def _past_tense(word: str) -> float:
    """How surely a word is a past tense or a participle of a verb whose infinitive ends in -e: 1 for
    its stem with a past ending ("målt", "stengte"), ENDING_WEIGHT for the infinitive with -t added,
    which may also be a noun's definite form ("utformet", but "møtet"), else 0."""
    lemma = _lemma(word)
    if not lemma.endswith("e") or not word.startswith(lemma[:-1]) or word == lemma:
        return 0.0
    if word == lemma + "t":
        return ENDING_WEIGHT
    return 0.0 if word.startswith(lemma) else 1.0


def _looks_like_a_present_tense(word: str) -> bool:
    """Whether a word ending in -r or -s is an inflected form of a lemma ending like an infinitive
    ("ødelegger", "stenges", "ventar"; also plurals such as "timer", which their other forms outweigh)."""
    lemma = _lemma(word)
    return lemma != word and lemma.endswith(("e", "a"))


def _keyword_label(stems: list[str], keywords: list[str], classes: _WordClasses, terms: Terms) -> str:
    """The best keyword used as a noun, or the best two joined by 'og'; else the best keyword used
    as a noun at times and never mostly as a verb ("norsk"); else the noun the comments use most;
    without any noun, the best keyword."""
    written = set(keywords)
    candidates = [word for word in map(terms.surface, stems) if word in written]
    nouns = [word for word in candidates if classes.can_end(word.lower())]
    if len(nouns) >= 2 and len(nouns[0]) + len(nouns[1]) + 4 <= MAX_LABEL_CHARS:
        return f"{nouns[0]} og {nouns[1]}"
    if nouns:
        return nouns[0]
    sometimes_nouns = [word for word in candidates if classes.is_sometimes_noun(word.lower())]
    if sometimes_nouns:
        return sometimes_nouns[0]
    return classes.commonest_noun() or (keywords[0] if keywords else "")


def _as_written(word: str, terms: Terms) -> str:
    """A word in lower case, unless the comments usually write it with capitals (a name: 'TikTok', 'SMS')."""
    lower = word.lower()
    if lower in HEADING_CONNECTORS or word == lower:
        return lower
    key = terms.term(lower)
    return word if key and _is_name(key, terms) else lower
