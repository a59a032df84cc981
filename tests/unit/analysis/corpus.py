"""A labelled, seeded Norwegian consultation corpus for testing and benchmarking the analysis.

``generate(n, seed)`` writes ``n`` comments in the CLI's JSON shape, each labelled with its theme
(None for short replies such as "Enig!") and its campaign (None for the writer's own comment):

* organic comments on six themes (school closure, road safety, a swimming pool, the municipality's
  comment fields, library opening hours, bus routes): mostly bokmål, some nynorsk, a few English,
  in varied words (word swaps, reasons, the writer's own situation), with small talk (greetings,
  thanks, signatures) and now and then a sentence on a second theme;
* three form-letter campaigns (one in nynorsk) whose members add greetings and signatures, delete a
  sentence, make typos or add sentences of their own;
* hard negatives: comments on a campaign's theme that quote one sentence of the form letter.

The same ``n`` and ``seed`` give the same comments. At 100,000 comments the limited sentence pools
make some writers' comments near-duplicates of each other too (small "campaigns" of two or three):
harmless for the benchmark, and the 600-comment test corpus has few of them.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass

from tests.unit.analysis.corpus_text import (
    CLOSINGS, DETAIL_SLOTS, DETAILS, FIRST_NAMES, GREETINGS, IDIOSYNCRATIC, IDIOSYNCRATIC_SLOTS, LAST_NAMES,
    LETTERS, ORGANISATIONS, PERSONAL, PLACES, REASONS, SHORT_REPLIES, SIGNATURES, SYNONYMS, UNITS,
)
from tests.unit.analysis.corpus_themes import THEMES

THEME_WEIGHTS = {"skole": 25, "trafikk": 20, "svømmehall": 15, "kommentarfelt": 15, "bibliotek": 15, "buss": 10}
STANCE_WEIGHTS = {"support": 35, "against": 35, "suggestion": 18, "neutral": 12}
CAMPAIGN_SHARES = {"bevar-skolen": 0.12, "ja-til-svommeanlegg": 0.07, "opne-kommentarfelt": 0.04}
SHORT_SHARE = 0.03
QUOTING_SHARE = 0.03


@dataclass(frozen=True)
class Labelled:
    """One generated comment (the CLI's JSON fields) with its true theme and campaign."""

    comment: dict
    theme: str | None
    campaign: str | None


def generate(n: int = 600, seed: int = 2026) -> list[Labelled]:
    """``n`` labelled comments, shuffled, with ids 1..n; a fraction are replies with a parent."""
    rng = random.Random(seed)
    drafts: list[tuple[dict, str | None, str | None]] = []
    for letter, share in CAMPAIGN_SHARES.items():
        drafts += [_campaign_member(rng, letter) for _ in range(round(n * share))]
    drafts += [_quoting_comment(rng) for _ in range(round(n * QUOTING_SHARE))]
    drafts += [_short_reply(rng) for _ in range(round(n * SHORT_SHARE))]
    while len(drafts) < n:
        drafts.append(_organic(rng))
    rng.shuffle(drafts)
    labelled = []
    for number, (comment, theme, campaign) in enumerate(drafts[:n], start=1):
        comment["id"] = number
        if theme is None or rng.random() < 0.08:
            comment["parent"] = rng.randint(1, number - 1) if number > 1 else None
        comment["agree_count"] = int(rng.expovariate(0.5))
        labelled.append(Labelled(comment, theme, campaign))
    return labelled


def _comment(rng, text, unit, stance, theme=None) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    organisation = rng.choice(ORGANISATIONS[theme]) if theme and rng.random() < 0.08 else ""
    return {"text": text, "unit": unit, "name": f"{first} {last}", "organisation": organisation,
            "stance": stance if rng.random() < 0.7 else ""}


def _language(rng) -> str:
    roll = rng.random()
    return "nb" if roll < 0.8 else "nn" if roll < 0.93 else "en"


def _weighted(rng, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _slots(rng, theme: str) -> dict:
    values = {name: rng.choice(options) for name, options in DETAIL_SLOTS.items()}
    values.update({name: rng.choice(options) for name, options in IDIOSYNCRATIC_SLOTS.items()})
    values.update({name: rng.choice(options) for name, options in THEMES[theme]["slots"].items()})
    values.update(aar=rng.randint(2, 45), barn=rng.randint(1, 4), stad=rng.choice(PLACES))
    return values


def _vary(rng, sentence: str, language: str) -> str:
    """The same thought in slightly different words: each known word is swapped half the time."""
    for word, options in SYNONYMS[language].items():
        if f" {word} " in sentence and rng.random() < 0.5:
            sentence = sentence.replace(f" {word} ", f" {rng.choice(options)} ", 1)
    return sentence


def _with_reason(rng, sentence: str, theme: str, stance: str) -> str:
    reasons = REASONS[theme].get(stance)
    if not reasons or not sentence.endswith(".") or rng.random() < 0.4:
        return sentence
    return sentence[:-1] + ", " + rng.choice(reasons) + "."


def _theme_sentences(rng, theme: str, stance: str, language: str, count: int) -> list[str]:
    pools = THEMES[theme]
    pool = pools.get(language, {}).get(stance) or pools["nb"][stance]
    chosen = rng.sample(pool, min(count, len(pool)))
    if count > len(chosen):  # top up from the bokmål pool of the same stance
        rest = [s for s in pools["nb"][stance] if s not in chosen]
        chosen += rng.sample(rest, min(count - len(chosen), len(rest)))
    return chosen


def _organic(rng) -> tuple[dict, str, None]:
    theme, stance, language = _weighted(rng, THEME_WEIGHTS), _weighted(rng, STANCE_WEIGHTS), _language(rng)
    slots = _slots(rng, theme)
    body = [_vary(rng, s, language) for s in _theme_sentences(rng, theme, stance, language, rng.randint(1, 3))]
    # People write in their own words; here, their own situation and reasons keep comments apart.
    if language == "nb":
        body = [_with_reason(rng, sentence, theme, stance) for sentence in body]
        for detail in rng.sample(DETAILS[theme], rng.choice([1, 1, 2])):
            body.insert(rng.randint(0, len(body)), detail)
    if language != "nb" or rng.random() < 0.25:
        body.insert(rng.randint(0, len(body)), rng.choice(PERSONAL[language]))
    if rng.random() < 0.8:
        body.insert(rng.randint(0, len(body)), rng.choice(IDIOSYNCRATIC[language]))
    if rng.random() < 0.1:  # a remark on another theme
        other = rng.choice([t for t in THEMES if t != theme])
        body.append(rng.choice(THEMES[other]["nb"][_weighted(rng, STANCE_WEIGHTS)]))
        slots = {**_slots(rng, other), **slots}
    text = _frame(rng, " ".join(body).format(**slots), language)
    unit = rng.choice(UNITS[theme]) if rng.random() < 0.8 else None
    return _comment(rng, text, unit, stance, theme), theme, None


def _frame(rng, body: str, language: str, name: str | None = None) -> str:
    parts = []
    if rng.random() < 0.2:
        parts.append(rng.choice(GREETINGS[language]) + "\n")
    parts.append(body)
    if rng.random() < 0.25:
        parts.append(" " + rng.choice(CLOSINGS[language]))
    if rng.random() < 0.2:
        first, last = (name or f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}").split(" ", 1)
        parts.append("\n" + rng.choice(SIGNATURES).format(navn=f"{first} {last}", fornavn=first))
    return "".join(parts)


def _campaign_member(rng, letter: str) -> tuple[dict, str, str]:
    theme, stance, unit, sentences = LETTERS[letter]
    language = "nn" if letter == "opne-kommentarfelt" else "nb"
    body = list(sentences)
    if rng.random() < 0.3:
        del body[rng.randrange(1, len(body))]
    if rng.random() < 0.3:
        body = [_typos(rng, s) if rng.random() < 0.4 else s for s in body]
    if rng.random() < 0.35:
        own = _theme_sentences(rng, theme, stance, language, rng.randint(1, 2))
        if rng.random() < 0.5:
            own.append(rng.choice(PERSONAL[language]))
        position = rng.choice([0, len(body), rng.randint(1, len(body) - 1)])
        body[position:position] = [s.format(**_slots(rng, theme)) for s in own]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    text = " ".join(body)
    if rng.random() < 0.4:
        text = rng.choice(GREETINGS[language]) + "\n" + text
    if rng.random() < 0.5:
        text += "\n" + rng.choice(SIGNATURES).format(navn=f"{first} {last}", fornavn=first)
    comment = _comment(rng, text, unit if rng.random() < 0.9 else None, stance, theme)
    comment["name"] = f"{first} {last}"
    return comment, theme, letter


def _typos(rng, sentence: str) -> str:
    words = sentence.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
        word, at = words[i], rng.randrange(1, len(words[i]) - 2)
        kind = rng.random()
        if kind < 0.4:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        elif kind < 0.7:
            word = word[:at] + word[at + 1:]
        else:
            word = word[:at] + word[at] + word[at:]
        words[i] = word
    return " ".join(words)


def _quoting_comment(rng) -> tuple[dict, str, None]:
    """A writer's own comment on a campaign's theme that quotes one sentence of the form letter."""
    letter = rng.choice(list(LETTERS))
    theme, _, unit, sentences = LETTERS[letter]
    stance = _weighted(rng, STANCE_WEIGHTS)
    own = _theme_sentences(rng, theme, stance, "nb", rng.randint(2, 3))
    own.insert(rng.randint(0, len(own)), rng.choice(sentences))
    text = _frame(rng, " ".join(own).format(**_slots(rng, theme)), "nb")
    return _comment(rng, text, unit, stance, theme), theme, None


def _short_reply(rng) -> tuple[dict, None, None]:
    stance = rng.choice(["support", "against", ""])
    return _comment(rng, rng.choice(SHORT_REPLIES), None, stance), None, None


def as_jsonl(labelled: list[Labelled]) -> str:
    """The comments as the CLI reads them: one JSON object per line."""
    return "".join(json.dumps(item.comment, ensure_ascii=False) + "\n" for item in labelled)
