"""What a campaign member added to the form letter: their own sentences, found sentence by sentence.

A member's sentence belongs to the form letter when it equals one of the template's sentences
(ignoring case, punctuation and spacing), or is close to one: most of its words are shared, or it
is the same sentence with a few typos (most of its character trigrams are shared). Greetings and signatures ("Hei",
"Med vennlig hilsen Kari Nordmann") are not additions either. What is left are the person's own
sentences; consecutive ones are returned as one passage, an exact substring of the comment.
"""
from __future__ import annotations

from typing import Iterable

from hoering.analysis.text import sentence_spans, shingle_words
from hoering.analysis.wordlists import GREETING_WORDS

WORD_JACCARD = 0.6     # at least this share of words in common: the template's sentence
TRIGRAM_JACCARD = 0.7  # or this share of character trigrams (the same words with typos): too
MAX_SIGNATURE_WORDS = 4


class Template:
    """A form letter prepared for comparing many members' comments against it. It remembers its
    answer for each sentence, as written and as compared (its key), since members repeat the
    letter's sentences over and over, most of them word for word."""

    def __init__(self, text: str) -> None:
        self.text = text
        keys = [_key(text[start:end]) for start, end in sentence_spans(text)]
        self._sentences = [(set(key.split()), key) for key in keys]
        self._trigrams: dict[str, set[str]] = {}
        self._answers: dict[str, bool] = dict.fromkeys(keys, True)
        self._answers_as_written: dict[str, bool] = {}
        self._line_spans: dict[str, list[tuple[int, int]]] = {}

    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """text.sentence_spans(text), put together from the sentences of each line: no sentence
        runs over a line break, and members repeat the letter's paragraphs word for word, so each
        distinct line is split into sentences once."""
        spans: list[tuple[int, int]] = []
        offset = 0
        for line in text.split("\n"):
            found = self._line_spans.get(line)
            if found is None:
                found = self._line_spans[line] = sentence_spans(line)
            spans += [(offset + start, offset + end) for start, end in found]
            offset += len(line) + 1
        return spans

    def contains(self, sentence: str) -> bool:
        """Whether a sentence is one of the template's, allowing for small edits and typos."""
        answer = self._answers_as_written.get(sentence)
        if answer is None:
            key = _key(sentence)
            answer = self._answers.get(key)
            if answer is None:
                answer = self._close_to_a_sentence(key)
                self._answers[key] = answer
            self._answers_as_written[sentence] = answer
        return answer

    def _close_to_a_sentence(self, key: str) -> bool:
        words = set(key.split())
        ours: set[str] | None = None  # the key's trigrams, made when first needed
        for template_words, template_key in self._sentences:
            shared = len(words & template_words)
            jaccard = shared / (len(words) + len(template_words) - shared or 1)
            if jaccard >= WORD_JACCARD:
                return True
            if jaccard >= 0.3:
                ours = _trigrams(key) if ours is None else ours
                if self._trigram_jaccard(ours, template_key) >= TRIGRAM_JACCARD:
                    return True
        return False

    def _trigram_jaccard(self, ours: set[str], template_key: str) -> float:
        theirs = self._trigrams.get(template_key)
        if theirs is None:
            theirs = self._trigrams.setdefault(template_key, _trigrams(template_key))
        shared = len(ours & theirs)
        return shared / (len(ours) + len(theirs) - shared or 1)


def _key(sentence: str) -> str:
    return " ".join(shingle_words(sentence))


def _trigrams(key: str) -> set[str]:
    return {key[i:i + 3] for i in range(max(1, len(key) - 2))}


def added_passages(text: str, template: Template, own_words: Iterable[str] = ()) -> list[tuple[int, int]]:
    """(start, end) of each passage of ``text`` that is not in the template: runs of the member's
    own sentences. ``own_words`` (the sender's name and organisation, lower case) mark a signature."""
    if text == template.text:
        return []
    # Split like the sentences they are compared with: 'anne-lise' is the tokens 'anne' and 'lise'.
    name_words = {token for word in own_words for token in shingle_words(word)}
    spans = template.sentence_spans(text)
    added = [
        not template.contains(text[start:end])
        and not _is_formality(text[start:end], name_words, last=(i == len(spans) - 1))
        for i, (start, end) in enumerate(spans)
    ]
    return _runs(spans, added)


def _is_formality(sentence: str, name_words: set[str], last: bool) -> bool:
    tokens = shingle_words(sentence)
    if all(token in GREETING_WORDS or token in name_words for token in tokens):
        return True
    # A bare name on the last line ("Kari N.") is a signature too.
    bare = [word for word in sentence.replace(".", " ").split() if word]
    return last and len(bare) <= MAX_SIGNATURE_WORDS and all(word[:1].isupper() for word in bare)


def _runs(spans: list[tuple[int, int]], added: list[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    open_run = False
    for (start, end), is_added in zip(spans, added):
        if is_added and open_run:
            runs[-1] = (runs[-1][0], end)
        elif is_added:
            runs.append((start, end))
        open_run = is_added
    return runs
