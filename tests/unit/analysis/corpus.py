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
from dataclasses import dataclass, field

from tests.unit.analysis.corpus_text import (
    CLOSINGS, DETAIL_SLOTS, DETAILS, FIRST_NAMES, GREETINGS, IDIOSYNCRATIC, IDIOSYNCRATIC_SLOTS, LAST_NAMES,
    LETTERS, ORGANISATIONS, PERSONAL, PLACES, REASONS, SHORT_REPLIES, SIGNATURES, SYNONYMS, UNITS,
)
from tests.unit.analysis.corpus_school import (
    SCHOOL_DETAILS, SCHOOL_LETTERS, SCHOOL_ORGANISATIONS, SCHOOL_REASONS, SCHOOL_THEMES, SCHOOL_UNITS,
)
from tests.unit.analysis.corpus_themes import THEMES as MUNICIPAL_THEMES

THEMES = {**MUNICIPAL_THEMES, **SCHOOL_THEMES}
ALL_LETTERS = {**LETTERS, **SCHOOL_LETTERS}
ALL_UNITS = {**UNITS, **SCHOOL_UNITS}
ALL_ORGANISATIONS = {**ORGANISATIONS, **SCHOOL_ORGANISATIONS}
ALL_REASONS = {**REASONS, **SCHOOL_REASONS}
ALL_DETAILS = {**DETAILS, **SCHOOL_DETAILS}
STANCE_WEIGHTS = {"support": 35, "against": 35, "suggestion": 18, "neutral": 12}


@dataclass(frozen=True)
class Recipe:
    """What a generated corpus is made of. The default is the six-topic municipal consultation the
    tests have always used; the others (CORPORA) are hard in the ways real input is."""

    topics: dict = field(default_factory=lambda: {
        "skole": 25, "trafikk": 20, "svømmehall": 15, "kommentarfelt": 15, "bibliotek": 15, "buss": 10})
    campaigns: dict = field(default_factory=lambda: {
        "bevar-skolen": 0.12, "ja-til-svommeanlegg": 0.07, "opne-kommentarfelt": 0.04})
    short_replies: float = 0.03     # "Enig!": no topic
    quoting: float = 0.03           # own comments that quote one sentence of a form letter
    second_topic: float = 0.1       # organic comments that add a sentence on another topic
    bare: float = 0.0               # organic comments of one sentence and nothing else
    typos: float = 0.0              # organic comments with a typo or two
    languages: tuple = (0.8, 0.93)  # below the first: bokmål, then nynorsk up to the second, then English


THEME_WEIGHTS = Recipe().topics
SHORT_SHARE = Recipe().short_replies

# The generated corpora the quality tests run on, each with several seeds.
CORPORA = {
    "kommune": Recipe(),
    # A school-structure plan (issue 20): seven topics of 3 % to 30 %, four of which share most of
    # their words (closure, economy, universal design, buildings), two campaigns, many comments on two
    # topics or of one bare sentence, nynorsk and English, typos.
    "skolestruktur": Recipe(
        topics={"skole": 30, "økonomi": 16, "universell": 9, "skolebygg": 14, "trafikk": 18, "buss": 8,
                "bibliotek": 3},
        campaigns={"bevar-skolen": 0.08, "skule-for-alle": 0.04},
        second_topic=0.25, bare=0.2, typos=0.15, languages=(0.72, 0.9),
    ),
    # The municipal consultation with very uneven topics and terse writers.
    "ujevn": Recipe(
        topics={"skole": 30, "trafikk": 26, "svømmehall": 16, "kommentarfelt": 12, "buss": 9, "bibliotek": 5,
                "universell": 3},
        campaigns={"ja-til-svommeanlegg": 0.05},
        short_replies=0.06, second_topic=0.15, bare=0.35, typos=0.1,
    ),
}


@dataclass(frozen=True)
class Labelled:
    """One generated comment (the CLI's JSON fields) with its true theme and campaign."""

    comment: dict
    theme: str | None
    campaign: str | None


def generate(n: int = 600, seed: int = 2026, recipe: Recipe = Recipe()) -> list[Labelled]:
    """``n`` labelled comments, shuffled, with ids 1..n; a fraction are replies with a parent."""
    rng = random.Random(seed)
    drafts: list[tuple[dict, str | None, str | None]] = []
    for letter, share in recipe.campaigns.items():
        drafts += [_campaign_member(rng, letter) for _ in range(round(n * share))]
    if recipe.campaigns:
        drafts += [_quoting_comment(rng, recipe) for _ in range(round(n * recipe.quoting))]
    drafts += [_short_reply(rng) for _ in range(round(n * recipe.short_replies))]
    while len(drafts) < n:
        drafts.append(_organic(rng, recipe))
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
    organisation = rng.choice(ALL_ORGANISATIONS[theme]) if theme and rng.random() < 0.08 else ""
    return {"text": text, "unit": unit, "name": f"{first} {last}", "organisation": organisation,
            "stance": stance if rng.random() < 0.7 else ""}


def _language(rng, recipe: Recipe) -> str:
    roll = rng.random()
    bokmaal, nynorsk = recipe.languages
    return "nb" if roll < bokmaal else "nn" if roll < nynorsk else "en"


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
    reasons = ALL_REASONS[theme].get(stance)
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


def _organic(rng, recipe: Recipe) -> tuple[dict, str, None]:
    theme, stance = _weighted(rng, recipe.topics), _weighted(rng, STANCE_WEIGHTS)
    language = _language(rng, recipe)
    slots = _slots(rng, theme)
    if recipe.bare and rng.random() < recipe.bare:  # still in the writer's own words
        body = [_with_reason(rng, _vary(rng, sentence, language), theme, stance) if language == "nb" else sentence
                for sentence in _theme_sentences(rng, theme, stance, language, 1)]
    else:
        body = _own_words(rng, recipe, theme, stance, language)
        if rng.random() < recipe.second_topic:  # a remark on another theme
            other = rng.choice([t for t in THEMES if t in recipe.topics and t != theme])
            body.append(rng.choice(THEMES[other]["nb"][_weighted(rng, STANCE_WEIGHTS)]))
            slots = {**_slots(rng, other), **slots}
    if recipe.typos and rng.random() < recipe.typos:
        body = [_typos(rng, sentence) for sentence in body]
    text = _frame(rng, " ".join(body).format(**slots), language)
    unit = rng.choice(ALL_UNITS[theme]) if rng.random() < 0.8 else None
    return _comment(rng, text, unit, stance, theme), theme, None


def _own_words(rng, recipe: Recipe, theme: str, stance: str, language: str) -> list[str]:
    """One to three of the theme's sentences in the writer's words, with their own situation."""
    body = [_vary(rng, s, language) for s in _theme_sentences(rng, theme, stance, language, rng.randint(1, 3))]
    # People write in their own words; here, their own situation and reasons keep comments apart.
    if language == "nb":
        body = [_with_reason(rng, sentence, theme, stance) for sentence in body]
        for detail in rng.sample(ALL_DETAILS[theme], rng.choice([1, 1, 2])):
            body.insert(rng.randint(0, len(body)), detail)
    if language != "nb" or rng.random() < 0.25:
        body.insert(rng.randint(0, len(body)), rng.choice(PERSONAL[language]))
    if rng.random() < 0.8:
        body.insert(rng.randint(0, len(body)), rng.choice(IDIOSYNCRATIC[language]))
    return body


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
    theme, stance, unit, sentences = ALL_LETTERS[letter]
    language = "nn" if letter in ("opne-kommentarfelt", "skule-for-alle") else "nb"
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


def _quoting_comment(rng, recipe: Recipe) -> tuple[dict, str, None]:
    """A writer's own comment on a campaign's theme that quotes one sentence of the form letter."""
    letter = rng.choice(list(recipe.campaigns))
    theme, _, unit, sentences = ALL_LETTERS[letter]
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
