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
    answer for each sentence, since members repeat the letter's sentences over and over."""

    def __init__(self, text: str) -> None:
        self.text = text
        keys = [_key(text[start:end]) for start, end in sentence_spans(text)]
        self._sentences = [(set(key.split()), key) for key in keys]
        self._trigrams: dict[str, set[str]] = {}
        self._answers: dict[str, bool] = dict.fromkeys(keys, True)

    def contains(self, sentence: str) -> bool:
        """Whether a sentence is one of the template's, allowing for small edits and typos."""
        key = _key(sentence)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._close_to_a_sentence(key)
            self._answers[key] = answer
        return answer

    def _close_to_a_sentence(self, key: str) -> bool:
        words = set(key.split())
        for template_words, template_key in self._sentences:
            jaccard = len(words & template_words) / (len(words | template_words) or 1)
            if jaccard >= WORD_JACCARD:
                return True
            if jaccard >= 0.3 and self._trigram_jaccard(key, template_key) >= TRIGRAM_JACCARD:
                return True
        return False

    def _trigram_jaccard(self, key: str, template_key: str) -> float:
        ours = _trigrams(key)
        theirs = self._trigrams.get(template_key)
        if theirs is None:
            theirs = self._trigrams.setdefault(template_key, _trigrams(template_key))
        return len(ours & theirs) / (len(ours | theirs) or 1)


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
    signature_words = GREETING_WORDS | {token for word in own_words for token in shingle_words(word)}
    spans = sentence_spans(text)
    added = [
        not template.contains(text[start:end])
        and not _is_formality(text[start:end], signature_words, last=(i == len(spans) - 1))
        for i, (start, end) in enumerate(spans)
    ]
    return _runs(spans, added)


def _is_formality(sentence: str, signature_words: set[str], last: bool) -> bool:
    tokens = shingle_words(sentence)
    if all(token in signature_words for token in tokens):
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
