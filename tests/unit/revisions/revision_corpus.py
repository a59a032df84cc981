"""Generated revisions of a Norwegian draft with known right answers, for testing and benchmarking
the alignment of revised drafts (hoering/revisions/alignment.py).

``generate_revision(units, seed, language)`` writes a draft of ``units`` units in bokmål ("nb") or
nynorsk ("nn"), shaped like a municipal plan with legal provisions: numbered sections ("3 Mål for
planperioden"), § headings ("§ 12 Byggegrenser") and paragraphs of one to five sentences on
planning. Paragraphs are distinct, except a few near-duplicates that differ in one word, as in real
laws. Then it revises the draft at the given ``Rates``, one change per old unit:

* kept as is; *renumbered*: a § heading whose number changed because a § moved (the title is kept);
* *edited*: one word changed, added or removed, or a comma added or dropped;
* *spelling*: the only change is a spelling fix: æ/ø/å restored ("bor" → "bør", "ogsa" → "også"),
  nynorsk forms restored ("ikke" → "ikkje", "hva" → "kva"), a double letter or a capital letter;
* *rewritten*: about half the words changed, the same subject (same place);
* *moved*: a paragraph, or a § with its paragraphs, moved elsewhere;
* *split*: a paragraph split in two at a sentence boundary;
* *merged*: two consecutive paragraphs joined into one;
* *deleted*; and new paragraphs are *inserted*.

The truth gives, for every old unit, the index of the new unit its comments belong to, or None when
it was deleted: for a split the part holding more of its text (by characters; the first on a tie),
for a merge the merged unit, for a rewrite the rewritten unit. Keys are the anchors hoering gives
units (``anchor_candidate`` made unique by ``AnchorRegistry``), so repeated first words get ``-2``.
The same arguments always give the same revision. The sentences and words it draws on are at the end.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from hoering.consultations.drafting import RESERVED_ANCHORS, AnchorRegistry, anchor_candidate
from hoering.revisions.alignment import Block

SENTENCE_COUNTS = {1: 15, 2: 30, 3: 30, 4: 15, 5: 10}
LONG_SENTENCE_COUNTS = {3: 20, 4: 35, 5: 45}  # about 260 bytes a unit: 6,800 units ≈ 1.8 MB
REWRITE_SHARE, REWRITE_MAX_SHARE = 0.45, 0.65  # the share of the words a rewrite changes
MIN_MOVE_DISTANCE = 3  # a move of fewer units is hardly a move
HEADING_COMMENT_WEIGHT = 0.1
VERBS_BEFORE_AN_ADVERB = ("skal", "bør", "må", "kan", "vil", "har", "er", "blir", "gjelder", "gjeld")


@dataclass(frozen=True)
class Rates:
    """Shares of the old units that undergo each change (inserted: new paragraphs, as a share of the
    old units). ``merged`` counts both units of a pair."""

    edited: float = 0.07
    spelling: float = 0.03
    rewritten: float = 0.05
    moved: float = 0.03
    split: float = 0.02
    merged: float = 0.02
    deleted: float = 0.03
    inserted: float = 0.03


@dataclass(frozen=True)
class Revision:
    """A draft, its revision and the right answers."""

    language: str
    old: list[Block]
    new: list[Block]
    truth: list[int | None]  # per old unit: its right successor in ``new``, None when deleted
    changes: list[str]  # per old unit: kept, renumbered, edited, spelling, rewritten, moved, split, merged, deleted
    new_changes: list[str]  # per new unit: the same words, "inserted" for a new one, "split" for both parts
    comments: list[int]  # per old unit: how many comments it has

    def size_in_bytes(self) -> int:
        return sum(len(block.text.encode()) for block in self.old)


@dataclass
class _Unit:
    kind: str
    text: str
    heirs: list[int] = field(default_factory=list)  # old units whose comments belong here
    change: str = "kept"


def generate_revision(units: int = 400, seed: int = 1, language: str = "nb", rates: Rates = Rates(),
                      comments_per_unit: float = 3.0, long_paragraphs: bool = False) -> Revision:
    """A draft of ``units`` units in ``language`` and its revision at ``rates``, with the right answers;
    ``long_paragraphs`` gives paragraphs of mostly three to five sentences."""
    rng = random.Random(f"{language}-{units}-{seed}")
    writer = _Writer(rng, language, LONG_SENTENCE_COUNTS if long_paragraphs else SENTENCE_COUNTS)
    old = writer.draft(units)
    plan = _plan_changes(rng, old, rates, writer.near_duplicates, language)
    old_texts = [unit.text for unit in old]
    for index, fix in plan.spelling_fixes.items():
        old_texts[index] = fix
    new = _revise(rng, writer, old, plan, rates)
    truth: list[int | None] = [None] * len(old)
    for position, unit in enumerate(new):
        for heir in unit.heirs:
            truth[heir] = position
    changes = [plan.changes.get(index, "kept") for index in range(len(old))]
    for index, position in enumerate(truth):
        if changes[index] == "kept" and new[position].change == "renumbered":
            changes[index] = "renumbered"
    return Revision(language, _blocks([_Unit(u.kind, t) for u, t in zip(old, old_texts)]), _blocks(new), truth,
                    changes, [unit.change for unit in new], _comments(rng, old, comments_per_unit))


def word_change(old: str, new: str) -> float:
    """The share of words changed between two texts (0: the same words in the same order)."""
    return 1 - SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


@dataclass
class Score:
    """How well an alignment put the comments of a revision: counts of comments, and per change of
    units and comments right (``by_change``: change → [units right, units, comments right, comments])."""

    comments: int = 0
    right: int = 0
    lost: int = 0  # comments of a unit that lives on, marked removed
    pinned: int = 0  # comments of a deleted unit, put on a unit of the new version
    deleted: int = 0  # deleted units
    deleted_marked: int = 0  # of them, marked removed
    by_change: dict[str, list[int]] = field(default_factory=dict)

    @property
    def share_right(self) -> float:
        return self.right / self.comments if self.comments else 1.0

    def add(self, other: Score) -> None:
        for name in ("comments", "right", "lost", "pinned", "deleted", "deleted_marked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for change, counts in other.by_change.items():
            mine = self.by_change.setdefault(change, [0, 0, 0, 0])
            mine[:] = [a + b for a, b in zip(mine, counts)]


def score(revision: Revision, successor: Callable[[int], int | None]) -> Score:
    """Score ``successor`` (an alignment's: old index → new index or None) against the truth."""
    result = Score()
    for index, (right, comments, change) in enumerate(zip(revision.truth, revision.comments, revision.changes)):
        found = successor(index)
        counts = result.by_change.setdefault(change, [0, 0, 0, 0])
        counts[1] += 1
        counts[3] += comments
        result.comments += comments
        if found == right:
            result.right += comments
            counts[0] += 1
            counts[2] += comments
        if right is None:
            result.deleted += 1
            result.deleted_marked += found is None
            result.pinned += comments if found is not None else 0
        elif found is None:
            result.lost += comments
    return result


def mistakes(revision: Revision, successor: Callable[[int], int | None], width: int = 160) -> list[str]:
    """Each old unit put in the wrong place, readably: its text, the right successor's, the one found."""
    def shown(index: int | None) -> str:
        if index is None:
            return "removed"
        text = revision.new[index].text
        return f"new {index} ({revision.new_changes[index]}): {text[:width]!r}{'…' if len(text) > width else ''}"

    lines = []
    for index, right in enumerate(revision.truth):
        found = successor(index)
        if found != right:
            text = revision.old[index].text
            lines.append(f"old {index} ({revision.changes[index]}, {revision.comments[index]} comments): "
                         f"{text[:width]!r}{'…' if len(text) > width else ''}\n"
                         f"    right: {shown(right)}\n    found: {shown(found)}")
    return lines


# The draft


class _Writer:
    """Writes distinct sentences, paragraphs and headings in one language."""

    def __init__(self, rng: random.Random, language: str, sentence_counts: dict[int, int]):
        self.rng, self.language, self.sentence_counts = rng, language, sentence_counts
        self.used: set[str] = set()
        self.paragraph_templates: set[tuple[str, ...]] = set()
        self.near_duplicates: list[tuple[int, int]] = []

    def sentence(self, place: str | None = None) -> str:
        return self._sentence(place, ())[0]

    def _sentence(self, place: str | None, avoid: tuple[str, ...]) -> tuple[str, str]:
        """A sentence not used before in this draft (if one is found in a few tries), mostly on
        ``place``, and its template, not one in ``avoid``."""
        templates = [t for t in SENTENCES[self.language] if t not in avoid]
        for _ in range(20):
            template = self.rng.choice(templates)
            on_place = place if place and self.rng.random() < 0.8 else self.rng.choice(PLACES[self.language])
            text = template.format(stad=on_place, år=self.rng.randint(2026, 2037), tal=self.rng.randint(3, 60))
            if text not in self.used:
                break
        self.used.add(text)
        return text, template

    def paragraph(self) -> str:
        """One to five sentences, mostly on one place. Never the sentence templates of an earlier
        paragraph in the same order: two paragraphs differing only in place and year would be
        near-duplicates, which a draft has a few of, not dozens."""
        while True:
            count = self.rng.choices(list(self.sentence_counts), weights=list(self.sentence_counts.values()))[0]
            place = self.rng.choice(PLACES[self.language])
            sentences: list[str] = []
            templates: tuple[str, ...] = ()
            for _ in range(count):
                text, template = self._sentence(place, templates)
                sentences.append(text)
                templates += (template,)
            if templates not in self.paragraph_templates:
                self.paragraph_templates.add(templates)
                return " ".join(sentences)

    def section_title(self, taken: set[str]) -> str:
        """A § title not in ``taken`` (the chapter's), often with a zoning field's code as in a
        regulation plan ("Boligbebyggelse B3")."""
        title, code = self.rng.choice([t for t in SECTION_TITLES[self.language] if t[0] not in taken])
        taken.add(title)
        return f"{title} {code}{self.rng.randint(1, 9)}" if code and self.rng.random() < 0.7 else title

    def draft(self, size: int) -> list[_Unit]:
        """Numbered chapters ("3 Mål for planperioden") of one to four §s ("§ 12 Byggegrenser"), each
        § of one to eight paragraphs; the § numbers run through the draft."""
        units: list[_Unit] = []
        chapter = section = 0
        while len(units) < size:
            chapter += 1
            units.append(_Unit("heading", f"{chapter} {self.rng.choice(CHAPTER_TOPICS[self.language])}"))
            titles: set[str] = set()
            for _ in range(self.rng.randint(1, 4)):
                section += 1
                units.append(_Unit("heading", f"§ {section} {self.section_title(titles)}"))
                units += [_Unit("paragraph", self.paragraph()) for _ in range(self.rng.randint(1, 8))]
        del units[size:]
        self._add_near_duplicates(units)
        return units

    def _add_near_duplicates(self, units: list[_Unit]) -> None:
        """Make about 1 % of the paragraphs copies of another paragraph but for one word, half of them
        right after their original (consecutive ledd), half elsewhere."""
        paragraphs = [i for i, unit in enumerate(units) if unit.kind == "paragraph"]
        taken: set[int] = set()
        for _ in range(max(2, len(paragraphs) // 100)):
            original = self.rng.choice(paragraphs)
            follower = original + 1 if self.rng.random() < 0.5 else self.rng.choice(paragraphs)
            if follower in (original, len(units)) or {original, follower} & taken:
                continue
            if units[follower].kind != "paragraph":
                continue
            copy = _change_one_word(self.rng, units[original].text, self.language)
            if copy and copy not in {unit.text for unit in units}:
                units[follower].text = copy
                taken |= {original, follower}
                self.near_duplicates.append((original, follower))


# Which old unit undergoes which change


@dataclass
class _Plan:
    changes: dict[int, str] = field(default_factory=dict)
    moved_sections: list[range] = field(default_factory=list)
    merged_into_previous: set[int] = field(default_factory=set)  # the second unit of each merged pair
    spelling_fixes: dict[int, str] = field(default_factory=dict)  # old index → the misspelt old text


def _plan_changes(rng: random.Random, units: list[_Unit], rates: Rates, near_duplicates: list[tuple[int, int]],
                  language: str) -> _Plan:
    plan = _Plan()
    count = len(units)
    _plan_section_moves(rng, units, plan, round(rates.moved * count / 2))
    _plan_merges(rng, units, plan, round(rates.merged * count / 2))
    paragraphs = [i for i, unit in enumerate(units) if unit.kind == "paragraph"]
    # One of each near-duplicate pair is edited half the time: that is when such a pair is hard.
    for pair in near_duplicates:
        if rng.random() < 0.5:
            index = rng.choice(pair)
            if index not in plan.changes:
                plan.changes[index] = rng.choice(["edited", "spelling"])
    splittable = [i for i in paragraphs if len(_sentences(units[i].text)) > 1]
    _plan_some(rng, plan, splittable, "split", round(rates.split * count))
    _plan_some(rng, plan, paragraphs, "spelling", round(rates.spelling * count))
    _plan_some(rng, plan, range(count), "edited", round(rates.edited * count))
    _plan_some(rng, plan, paragraphs, "rewritten", round(rates.rewritten * count))
    _plan_some(rng, plan, paragraphs, "deleted", round(rates.deleted * count))
    moved = sum(len(section) for section in plan.moved_sections)
    _plan_some(rng, plan, paragraphs, "moved", round(rates.moved * count) - moved)
    for index, change in plan.changes.items():
        if change == "spelling":
            plan.spelling_fixes[index] = _misspell(rng, units[index].text, language)
    return plan


def _plan_some(rng: random.Random, plan: _Plan, eligible, change: str, count: int) -> None:
    free = [i for i in eligible if i not in plan.changes]
    for index in rng.sample(free, min(max(count, 0), len(free))):
        plan.changes[index] = change


def _plan_section_moves(rng: random.Random, units: list[_Unit], plan: _Plan, budget: int) -> None:
    """Whole §s (the heading and its paragraphs) to move, about ``budget`` units in all."""
    sections = [s for s in _sections(units) if len(s) <= max(budget, 2)]
    rng.shuffle(sections)
    for section in sections:
        if budget <= 0:
            break
        plan.moved_sections.append(section)
        plan.changes.update({index: "moved" for index in section})
        budget -= len(section)


def _sections(units: list[_Unit]) -> list[range]:
    starts = [i for i, unit in enumerate(units) if unit.text.startswith("§ ") and unit.kind == "heading"]
    sections = []
    for start in starts:
        end = start + 1
        while end < len(units) and units[end].kind == "paragraph":
            end += 1
        sections.append(range(start, end))
    return sections


def _plan_merges(rng: random.Random, units: list[_Unit], plan: _Plan, pairs: int) -> None:
    candidates = [i for i in range(len(units) - 1) if units[i].kind == units[i + 1].kind == "paragraph"]
    rng.shuffle(candidates)
    for first in candidates:
        if pairs <= 0:
            break
        if first not in plan.changes and first + 1 not in plan.changes:
            plan.changes[first] = plan.changes[first + 1] = "merged"
            plan.merged_into_previous.add(first + 1)
            pairs -= 1


# The revision


def _revise(rng: random.Random, writer: _Writer, old: list[_Unit], plan: _Plan, rates: Rates) -> list[_Unit]:
    new: list[_Unit] = []
    for index, unit in enumerate(old):
        change = plan.changes.get(index, "kept")
        if index in plan.merged_into_previous:
            new[-1].text += " " + unit.text
            new[-1].heirs.append(index)
        elif change == "split":
            new += _split(rng, unit.text, index)
        elif change != "deleted":
            new.append(_Unit(unit.kind, _changed_text(rng, writer, unit, change), [index], change))
    _move(rng, new, plan)
    _insert(rng, writer, new, round(rates.inserted * len(old)))
    _renumber(new)
    return new


def _changed_text(rng: random.Random, writer: _Writer, unit: _Unit, change: str) -> str:
    if change == "edited":
        return _light_edit(rng, unit, writer.language)
    if change == "rewritten":
        return _rewrite(rng, writer, unit.text)
    return unit.text  # kept, moved, merged (joined later) and spelling (the old text is misspelt instead)


def _split(rng: random.Random, text: str, index: int) -> list[_Unit]:
    sentences = _sentences(text)
    cut = rng.randint(1, len(sentences) - 1)
    first, second = " ".join(sentences[:cut]), " ".join(sentences[cut:])
    larger_first = len(first) >= len(second)
    return [_Unit("paragraph", first, [index] if larger_first else [], "split"),
            _Unit("paragraph", second, [] if larger_first else [index], "split")]


def _move(rng: random.Random, units: list[_Unit], plan: _Plan) -> None:
    """Take every moved paragraph and § out and put it back elsewhere: a § before a heading, a
    paragraph anywhere after the first heading, at least MIN_MOVE_DISTANCE units from where it was."""
    pieces = _moved_pieces(units, plan)
    rng.shuffle(pieces)
    for piece in pieces:
        start = next(k for k, unit in enumerate(units) if unit is piece[0])
        moving = {id(unit) for unit in piece}
        units[:] = [unit for unit in units if id(unit) not in moving]
        is_section = piece[0].kind == "heading"
        targets = [t for t in range(1, len(units) + 1) if abs(t - start) >= MIN_MOVE_DISTANCE
                   and (not is_section or t == len(units) or units[t].kind == "heading")]
        target = rng.choice(targets)
        units[target:target] = piece


def _moved_pieces(units: list[_Unit], plan: _Plan) -> list[list[_Unit]]:
    """The moved units, each § with its paragraphs as one piece."""
    section_of = {index: section.start for section in plan.moved_sections for index in section}
    pieces: dict[int, list[_Unit]] = {}
    for unit in units:
        if unit.change == "moved":
            pieces.setdefault(section_of.get(unit.heirs[0], unit.heirs[0]), []).append(unit)
    return list(pieces.values())


def _insert(rng: random.Random, writer: _Writer, units: list[_Unit], count: int) -> None:
    for _ in range(count):
        units.insert(rng.randint(1, len(units)), _Unit("paragraph", writer.paragraph(), [], "inserted"))


def _renumber(units: list[_Unit]) -> None:
    """Number the §s of the revision in order again, as a word processor does."""
    number = 0
    for unit in units:
        if unit.kind == "heading" and unit.text.startswith("§ "):
            number += 1
            renumbered = re.sub(r"^§ \d+", f"§ {number}", unit.text)
            if renumbered != unit.text and unit.change == "kept":
                unit.change = "renumbered"
            unit.text = renumbered


# Changes to a text


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", text)


def _light_edit(rng: random.Random, unit: _Unit, language: str) -> str:
    if unit.kind == "heading":
        return f"{unit.text} {rng.choice(HEADING_QUALIFIERS[language])}"
    edits = [_change_one_word, _add_word, _remove_word, _change_comma, _change_number]
    rng.shuffle(edits)
    for edit in edits:
        edited = edit(rng, unit.text, language)
        if edited and edited != unit.text:
            return edited
    raise AssertionError(f"no light edit applies to {unit.text!r}")


def _change_one_word(rng: random.Random, text: str, language: str) -> str | None:
    swaps = [(a, b) for a, b in SYNONYMS[language] if " " not in a + b and _find(a, text)]
    if not swaps:
        return None
    old_word, new_word = rng.choice(swaps)
    return _replace_one(rng, text, old_word, new_word)


def _add_word(rng: random.Random, text: str, language: str) -> str | None:
    verbs = [verb for verb in VERBS_BEFORE_AN_ADVERB if _find(verb, text)]
    if not verbs:
        return None
    verb = rng.choice(verbs)
    return _replace_one(rng, text, verb, f"{verb} {rng.choice(ADVERBS[language])}")


def _remove_word(rng: random.Random, text: str, language: str) -> str | None:
    removable = [w for w in ADVERBS[language] + ["nye", "gamle", "lokale", "minst", "felles"] if _find(w, text)]
    if not removable:
        return None
    return re.sub(r"\s{2,}", " ", _replace_one(rng, text, rng.choice(removable), ""))


def _change_comma(rng: random.Random, text: str, language: str) -> str | None:
    if ", " in text and rng.random() < 0.5:
        return text.replace(", ", " ", 1)
    if " og " in text:
        return text.replace(" og ", ", og ", 1)
    return None


def _change_number(rng: random.Random, text: str, language: str) -> str | None:
    numbers = list(re.finditer(r"(?<![\d-])\d{1,4}(?![\d-])", text))
    if not numbers:
        return None
    match = rng.choice(numbers)
    return text[:match.start()] + str(int(match.group()) + rng.choice((-2, -1, 1, 2, 5))) + text[match.end():]


def _misspell(rng: random.Random, text: str, language: str) -> str:
    """The text as it stood before a spelling fix: one word misspelt, or a sentence begun in lower case."""
    fixes = [(right, wrong) for right, wrong in SPELLING_FIXES[language] if _find(right, text)]
    if fixes and rng.random() < 0.85:
        right, wrong = rng.choice(fixes)
        return _replace_one(rng, text, right, wrong)
    starts = [m.start() for m in re.finditer(r"(?:^|(?<=[.!?] ))[A-ZÆØÅ]", text)]
    at = rng.choice(starts)
    return text[:at] + text[at].lower() + text[at + 1:]


def _rewrite(rng: random.Random, writer: _Writer, text: str) -> str:
    """About half the words changed, the subject kept: synonyms, a sentence swapped for another on the
    same place or one added, until REWRITE_SHARE to REWRITE_MAX_SHARE of the words differ."""
    place = next((p for p in PLACES[writer.language] if p in text), None)
    steps: list[Callable[[str], str | None]] = [
        (lambda t, a=a, b=b: _replace_one(rng, t, a, b) if _find(a, t) else None)
        for a, b in SYNONYMS[writer.language]
    ]
    steps += [lambda t: _swap_sentence(rng, writer, t, place)] * 2 + [lambda t: f"{t} {writer.sentence(place)}"]
    rng.shuffle(steps)
    rewritten = text
    for step in steps:
        if word_change(text, rewritten) >= REWRITE_SHARE:
            break
        candidate = step(rewritten)
        if candidate and word_change(text, candidate) <= REWRITE_MAX_SHARE:
            rewritten = candidate
    return rewritten


def _swap_sentence(rng: random.Random, writer: _Writer, text: str, place: str | None) -> str | None:
    sentences = _sentences(text)
    if len(sentences) < 2:
        return None
    sentences[rng.randrange(len(sentences))] = writer.sentence(place)
    return " ".join(sentences)


def _find(word: str, text: str) -> list[re.Match]:
    return list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def _replace_one(rng: random.Random, text: str, old: str, new: str) -> str:
    match = rng.choice(_find(old, text))
    return text[:match.start()] + new + text[match.end():]


# Keys and comments


def _blocks(units: list[_Unit]) -> list[Block]:
    anchors = AnchorRegistry(RESERVED_ANCHORS)
    return [Block(anchors.claim(anchor_candidate(unit.text, str(position))), unit.text, unit.kind)
            for position, unit in enumerate(units, start=1)]


def _comments(rng: random.Random, units: list[_Unit], per_unit: float) -> list[int]:
    """Comments per old unit, skewed: most paragraphs get a few, some get many, headings get few."""
    weights = [min(rng.paretovariate(1.2), 100) * (HEADING_COMMENT_WEIGHT if unit.kind == "heading" else 1)
               for unit in units]
    drawn = Counter(rng.choices(range(len(units)), weights=weights, k=round(per_unit * len(units))))
    return [drawn[index] for index in range(len(units))]


# The words the drafts are made of. Slots: {stad} a place, {år} a year, {tal} a number.

SENTENCES = {
    "nb": [
        "Kommunen skal sørge for at nye boliger i {stad} får trygg skolevei.",
        "Det bør avsettes minst {tal} dekar til grøntområder i {stad} før {år}.",
        "Planområdet ved {stad} er i dag regulert til landbruks-, natur- og friluftsformål.",
        "Byggegrensen mot fylkesveien skal være {tal} meter fra senterlinjen ved {stad}.",
        "Tiltaket må ikke redusere tilgangen til strandsonen ved {stad}.",
        "Kommunedirektøren foreslår at utbyggingen i {stad} skjer i tre trinn fram mot {år}.",
        "Støyfølsom bebyggelse skal ikke plasseres i rød støysone langs veien til {stad}.",
        "Det er også nødvendig å vurdere flomfaren langs elva ved {stad}.",
        "Innbyggerne i {stad} har i flere år etterlyst et bedre kollektivtilbud.",
        "Før området ved {stad} kan bygges ut, må det gjennomføres en risiko- og sårbarhetsanalyse.",
        "Parkeringsdekningen for nye leiligheter i {stad} skal være høyst {tal} plasser per 100 boliger.",
        "Registrerte kulturminner i {stad} skal tas vare på og gjøres synlige.",
        "Dyrka mark i {stad} skal ikke omdisponeres til boligformål uten at det foreligger særlige grunner.",
        "Kommunen vil prioritere gang- og sykkelvei mellom {stad} og sentrum fram til {år}.",
        "Overvann i {stad} skal håndteres lokalt ved infiltrasjon, fordrøyning og åpne vannveier.",
        "Barn og unge i {stad} skal ha tilgang til en lekeplass innen {tal} meters gangavstand.",
        "Eksisterende turstier gjennom {stad} skal opprettholdes og om mulig forbedres.",
        "Kommunestyret har vedtatt at sentrum skal fortettes før {stad} tas i bruk til boliger.",
        "Det skal legges vekt på universell utforming i alle offentlige uteområder i {stad}.",
        "Nye bygg høyere enn {tal} meter krever en egen vurdering av landskapsvirkningen.",
        "Skolekapasiteten i {stad} er beregnet å være nådd innen {år}.",
        "Næringsarealet ved {stad} skal forbeholdes virksomheter med lite trafikk og støy.",
        "Planen åpner for inntil {tal} nye boenheter i {stad} innen {år}.",
        "Fortetting i {stad} skal skje med respekt for bebyggelsens skala og særpreg.",
        "Vi har fått mange innspill om at grøntdraget ved {stad} må bevares.",
        "Det er behov for en ny barnehage med plass til {tal} barn i {stad}.",
        "Kommunen bør stille krav om felles renovasjonsløsning i nye boligfelt i {stad}.",
        "Adkomst til {stad} skal skje fra kommunal vei, ikke direkte fra fylkesveien.",
        "Fjernvarme skal vurderes for alle nye bygg over {tal} kvadratmeter i {stad}.",
        "Friluftsområdene rundt {stad} brukes av mange og skal sikres mot nedbygging.",
        "Ved regulering av {stad} skal det utarbeides en plan for massehåndtering.",
        "Utbyggeren må bekoste nødvendig opprusting av vann- og avløpsnettet i {stad}.",
        "Byggesaker i {stad} behandles etter gjeldende reguleringsplan inntil ny plan er vedtatt.",
        "Høyspentlinjen over {stad} gir begrensninger for hvor det kan bygges.",
        "Byggeforbudet i 100-metersbeltet langs sjøen gjelder fullt ut ved {stad}.",
        "Eldre i {stad} skal kunne bo hjemme lenger i tilrettelagte boliger nær tjenestene.",
        "Kommunen vil følge opp klimaplanen og redusere utslippene med {tal} prosent innen {år}.",
        "Biltrafikken gjennom {stad} har økt med {tal} prosent siden 2015.",
        "Skredfarlige områder ved {stad} er vist som hensynssone på plankartet.",
        "Det skal være minst {tal} kvadratmeter felles uteoppholdsareal per bolig i {stad}.",
        "Lokale virksomheter i {stad} ønsker bedre skilting og flere korttidsplasser.",
        "Nærbutikken og postkontoret er viktige møteplasser for innbyggerne i {stad}.",
        "Kommunen skal ha dialog med grunneierne før området ved {stad} reguleres.",
        "Forslaget innebærer at {tal} parkeringsplasser ved {stad} blir fjernet.",
        "Bussholdeplassen ved {stad} skal flyttes nærmere skolen og få leskur.",
        "Ny bebyggelse i {stad} skal tilpasses terrenget, og store fyllinger og skjæringer skal unngås.",
        "Viltkorridoren mellom {stad} og fjellet må ikke stenges av gjerder eller bygg.",
        "Kommunen har ikke økonomi til å bygge ut hele området ved {stad} på én gang.",
        "Det skal også vurderes om idrettshallen i {stad} kan utvides før {år}.",
        "Ungdomsrådet har bedt om flere møteplasser for unge i {stad}.",
        "Arealet avsatt til sentrumsformål ved {stad} er på om lag {tal} dekar.",
        "Fasader mot gate i {stad} skal ha vinduer og innganger på gateplan.",
        "Brannvesenet må ha adkomst til alle bygg i {stad} også om vinteren.",
        "Kommunen skal innen {år} utarbeide en egen plan for vann og avløp i {stad}.",
        "Forurenset grunn på den gamle tomta ved {stad} skal kartlegges før byggestart.",
        "Tiltakshaver må dokumentere at lekeplassen i {stad} får sol minst fem timer ved vårjevndøgn.",
        "Det bør etableres en snarvei fra {stad} til stasjonen.",
        "Kommunen vil vurdere nærmere om {stad} skal prioriteres før {år}.",
        "Den gamle skolen i {stad} skal bevares og kan få ny bruk som grendehus.",
        "Hensynet til jordvern må veie tyngre enn ønsket om flere eneboliger i {stad}.",
        "Bilfrie soner rundt skolene i {stad} er et tiltak for tryggere skolevei.",
        "Planen for {stad} skal rulleres innen {år}, og da skal målene evalueres.",
    ],
    "nn": [
        "Kommunen skal sjå til at nye bustader på {stad} får trygg skuleveg.",
        "Det bør setjast av minst {tal} dekar til grøntområde på {stad} før {år}.",
        "Planområdet ved {stad} er i dag regulert til landbruks-, natur- og friluftsføremål.",
        "Byggjegrensa mot fylkesvegen skal vere {tal} meter frå senterlinja ved {stad}.",
        "Tiltaket må ikkje gjere det vanskelegare å kome til strandsona ved {stad}.",
        "Kommunedirektøren gjer framlegg om at utbygginga på {stad} skjer i tre steg fram mot {år}.",
        "Bygg for støyfølsam bruk skal ikkje plasserast i raud støysone langs vegen til {stad}.",
        "Det er òg naudsynt å vurdere flaumfaren langs elva ved {stad}.",
        "Innbyggjarane på {stad} har i fleire år etterlyst eit betre kollektivtilbod.",
        "Før området ved {stad} kan byggjast ut, må det gjerast ein risiko- og sårbarheitsanalyse.",
        "Kommunen skal sjå til at det ikkje blir meir enn {tal} parkeringsplassar per 100 bustader på {stad}.",
        "Registrerte kulturminne på {stad} skal takast vare på og gjerast synlege.",
        "Dyrka mark på {stad} skal ikkje omdisponerast til bustadføremål utan særlege grunnar.",
        "Kommunen vil prioritere gang- og sykkelveg mellom {stad} og sentrum fram til {år}.",
        "Overvatn på {stad} skal handterast lokalt ved infiltrasjon, fordrøying og opne vassvegar.",
        "Born og unge på {stad} skal ha tilgang til ein leikeplass innan {tal} meter gangavstand.",
        "Dei turstiane som finst gjennom {stad} i dag, skal haldast ved lag og helst betrast.",
        "Kommunestyret har vedteke at sentrum skal fortettast før {stad} blir teke i bruk til bustader.",
        "Det skal leggjast vekt på universell utforming i alle offentlege uteområde på {stad}.",
        "Nye bygg som er høgare enn {tal} meter, krev ei eiga vurdering av verknaden på landskapet.",
        "Skulekapasiteten på {stad} er rekna å vere nådd innan {år}.",
        "Næringsarealet ved {stad} skal vere for verksemder med lite trafikk og støy.",
        "Planen opnar for inntil {tal} nye bueiningar på {stad} innan {år}.",
        "Fortetting på {stad} skal ta omsyn til skalaen og særpreget til busetnaden som er der frå før.",
        "Vi har fått mange innspel om at grøntdraget ved {stad} må takast vare på.",
        "Det trengst ein ny barnehage med plass til {tal} born på {stad}.",
        "Kommunen bør stille krav om felles renovasjonsløysing i nye bustadfelt på {stad}.",
        "Tilkomsten til {stad} skal vere frå kommunal veg, ikkje direkte frå fylkesvegen.",
        "Fjernvarme skal vurderast for alle nye bygg over {tal} kvadratmeter på {stad}.",
        "Friluftsområda rundt {stad} er mykje brukte og skal sikrast mot nedbygging.",
        "Ved regulering av {stad} skal det utarbeidast ein plan for massehandtering.",
        "Utbyggjaren må betale naudsynt opprusting av vass- og avlaupsnettet på {stad}.",
        "Byggjesaker på {stad} blir handsama etter gjeldande reguleringsplan til ny plan er vedteken.",
        "Høgspentlina over {stad} avgrensar kvar det kan byggjast.",
        "Byggjeforbodet i 100-metersbeltet langs sjøen gjeld fullt ut ved {stad}.",
        "Eldre på {stad} skal kunne bu heime lenger i tilrettelagde bustader nær tenestene.",
        "Kommunen vil følgje opp klimaplanen og kutte utsleppa med {tal} prosent innan {år}.",
        "Biltrafikken gjennom {stad} har auka med {tal} prosent sidan 2015.",
        "Skredutsette område ved {stad} er viste som omsynssone på plankartet.",
        "Det skal vere minst {tal} kvadratmeter felles uteopphaldsareal per bustad på {stad}.",
        "Lokale verksemder på {stad} ønskjer betre skilting og fleire korttidsplassar.",
        "Nærbutikken og postkontoret er viktige møtestader for dei som bur på {stad}.",
        "Kommunen skal ha dialog med grunneigarane før området ved {stad} blir regulert.",
        "Framlegget inneber at {tal} parkeringsplassar ved {stad} blir fjerna.",
        "Busshaldeplassen ved {stad} skal flyttast nærare skulen og få leskur.",
        "Ny busetnad på {stad} skal tilpassast terrenget, og store fyllingar og skjeringar skal ein unngå.",
        "Viltkorridoren mellom {stad} og fjellet må ikkje stengjast av gjerde eller bygg.",
        "Kommunen har ikkje økonomi til å byggje ut heile området ved {stad} på ein gong.",
        "Det skal òg vurderast om idrettshallen på {stad} kan utvidast før {år}.",
        "Ungdomsrådet har bede om fleire møtestader for unge på {stad}.",
        "Arealet som er sett av til sentrumsføremål ved {stad}, er på om lag {tal} dekar.",
        "Fasadar mot gata på {stad} skal ha vindauge og inngangar på gateplanet.",
        "Brannvesenet må kome fram til alle bygg på {stad} også om vinteren.",
        "Kommunen skal innan {år} lage ein eigen plan for vatn og avlaup på {stad}.",
        "Forureina grunn på den gamle tomta ved {stad} skal kartleggjast før byggjestart.",
        "Tiltakshavar må dokumentere at leikeplassen på {stad} får sol minst fem timar ved vårjamdøgn.",
        "Det bør lagast ein snarveg frå {stad} til stasjonen.",
        "Kva område på {stad} som skal byggjast ut først, vil kommunen vurdere nærare før {år}.",
        "Den gamle skulen på {stad} skal takast vare på og kan få ny bruk som grendehus.",
        "Omsynet til jordvernet må vege tyngre enn ønsket om fleire einebustader på {stad}.",
        "Bilfrie soner rundt skulane på {stad} er eit tiltak for tryggare skuleveg.",
        "Planen for {stad} skal rullerast innan {år}, og då skal måla evaluerast.",
        "Kommunen skal sjå til at eldre og born kan ferdast trygt mellom {stad} og sentrum.",
        "Det er ikkje avklart kva tomter på {stad} som eignar seg for bustader.",
    ],
}

PLACES = {
    "nb": ["Fjordvik sentrum", "Solbakken", "Nordre Vik", "Bjørkelia", "Åsen", "Strandmoen", "Kvernhusbakken",
           "Sjøgata", "Øvre Dal", "Holmen", "Furuly", "Brattåsen", "Møllerjordet", "Elvebakken", "Sørbyen",
           "Granlia", "Tømmerneset", "Kirkebakken", "Ørnehaugen", "Lindeberg", "Skjærvika", "Hagebyen"],
    "nn": ["Fjordvik sentrum", "Solbakken", "Nordre Vik", "Bjørkelia", "Åsen", "Strandmoen", "Kvernhusbakken",
           "Sjøgata", "Øvre Dal", "Holmen", "Furuly", "Brattåsen", "Myrane", "Elvebakken", "Sørbygda", "Granlia",
           "Tømmerneset", "Kyrkjebakken", "Ørnehaugen", "Heiane", "Skjærvika", "Lundane"],
}
CHAPTER_TOPICS = {
    "nb": ["Formål og bakgrunn", "Dagens situasjon", "Mål for planperioden", "Arealbruk", "Boligområder",
           "Næringsområder", "Samferdsel", "Grønnstruktur", "Klima og miljø", "Barn og unge", "Økonomi",
           "Gjennomføring", "Kulturminner", "Vann og avløp", "Samfunnssikkerhet og beredskap", "Medvirkning"],
    "nn": ["Føremål og bakgrunn", "Situasjonen i dag", "Mål for planperioden", "Arealbruk", "Bustadområde",
           "Næringsområde", "Samferdsel", "Grøntstruktur", "Klima og miljø", "Born og unge", "Økonomi",
           "Gjennomføring", "Kulturminne", "Vatn og avlaup", "Samfunnstryggleik og beredskap", "Medverknad"],
}
SECTION_TITLES = {  # (title, the code of its zoning fields or "")
    "nb": [("Formål", ""), ("Virkeområde", ""), ("Byggegrenser", ""), ("Utnyttelsesgrad", ""), ("Parkering", "P"),
           ("Uteoppholdsareal", "UA"), ("Støy", ""), ("Overvann", ""), ("Rekkefølgekrav", ""),
           ("Universell utforming", ""), ("Hensynssoner", "H"), ("Dispensasjon", ""), ("Estetikk", ""),
           ("Kulturminner", ""), ("Lekeplasser", "LEK"), ("Adkomst", "SV"), ("Energi", ""), ("Ikrafttredelse", ""),
           ("Boligbebyggelse", "B"), ("Næringsbebyggelse", "N"), ("Grønnstruktur", "G"), ("Friområde", "F"),
           ("Kombinert formål", "BKB"), ("Tjenesteyting", "BOP"), ("Landbruk", "L"), ("Vegetasjonsskjerm", "VS")],
    "nn": [("Føremål", ""), ("Verkeområde", ""), ("Byggjegrenser", ""), ("Utnyttingsgrad", ""), ("Parkering", "P"),
           ("Uteopphaldsareal", "UA"), ("Støy", ""), ("Overvatn", ""), ("Rekkjefølgjekrav", ""),
           ("Universell utforming", ""), ("Omsynssoner", "H"), ("Dispensasjon", ""), ("Estetikk", ""),
           ("Kulturminne", ""), ("Leikeplassar", "LEK"), ("Tilkomst", "SV"), ("Energi", ""), ("Iverksetjing", ""),
           ("Bustadbygg", "B"), ("Næringsbygg", "N"), ("Grøntstruktur", "G"), ("Friområde", "F"),
           ("Kombinert føremål", "BKB"), ("Tenesteyting", "BOP"), ("Landbruk", "L"), ("Vegetasjonsskjerm", "VS")],
}
HEADING_QUALIFIERS = {
    "nb": ["og oppfølging", "i sentrum", "for nye områder", "og ansvar"],
    "nn": ["og oppfølging", "i sentrum", "for nye område", "og ansvar"],
}
ADVERBS = {"nb": ["også", "særlig", "normalt", "likevel", "alltid"],
           "nn": ["òg", "særleg", "normalt", "likevel", "alltid"]}
# (right, wrong): the right form, in the revision; the wrong one, in the draft before it.
SPELLING_FIXES = {
    "nb": [("bør", "bor"), ("også", "ogsa"), ("får", "far"), ("må", "ma"), ("være", "vaere"), ("på", "pa"),
           ("området", "omradet"), ("skal", "skall"), ("mellom", "mellon"), ("nødvendig", "nødvendigt"),
           ("kommunen", "komunen"), ("før", "for"), ("særlige", "saerlige"), ("økonomi", "okonomi")],
    "nn": [("ikkje", "ikke"), ("kva", "hva"), ("eit", "et"), ("sjå", "se"), ("bør", "bor"), ("frå", "fra"),
           ("dei", "de"), ("mykje", "mye"), ("også", "ogsa"), ("får", "far"), ("må", "ma"), ("skal", "skall"),
           ("heile", "hele"), ("vere", "være"), ("korleis", "hvordan"), ("naudsynt", "nødvendig"), ("før", "for")],
}
# Rewrites use them all; a light edit uses the one-word ones.
SYNONYMS = {
    "nb": [("skal", "må"), ("bør", "skal"), ("sørge for at", "påse at"), ("nye", "framtidige"), ("trygg", "sikker"),
           ("minst", "ikke mindre enn"), ("i dag", "per nå"), ("redusere", "begrense"), ("foreslår", "anbefaler"),
           ("utbyggingen", "byggingen"), ("vurdere", "utrede"), ("vurderes", "utredes"), ("innbyggerne", "beboerne"),
           ("etterlyst", "bedt om"), ("nødvendig", "påkrevd"), ("boliger", "boenheter"), ("området", "arealet"),
           ("Kommunen", "Vi"), ("prioritere", "gi forrang til"), ("tilgang til", "adgang til"),
           ("opprettholdes", "videreføres"), ("forbedres", "rustes opp"), ("behov for", "bruk for"),
           ("krav om", "vilkår om"), ("mange", "svært mange"), ("viktige", "sentrale"), ("tas vare på", "sikres"),
           ("utarbeide", "lage"), ("plasseres", "legges"), ("ønsker", "vil ha"), ("fjernet", "tatt bort"),
           ("flyttes", "legges om"), ("unngås", "begrenses mest mulig"), ("kartlegges", "undersøkes"),
           ("etableres", "anlegges"), ("bevares", "tas vare på"), ("tryggere", "sikrere"), ("evalueres", "gjennomgås"),
           ("krever", "forutsetter"), ("gjennom", "via"), ("innen", "senest i"), ("flere", "enda flere"),
           ("beregnet", "anslått"), ("behandles", "avgjøres"), ("fullt", "helt"), ("vist", "markert"),
           ("bedt", "spurt"), ("etterlyst", "ønsket")],
    "nn": [("skal", "må"), ("bør", "skal"), ("sjå til at", "syte for at"), ("nye", "framtidige"), ("trygg", "sikker"),
           ("minst", "ikkje mindre enn"), ("i dag", "no"), ("vanskelegare", "tyngre"), ("framlegg", "forslag"),
           ("utbygginga", "bygginga"), ("vurdere", "greie ut"), ("vurderast", "greiast ut"),
           ("innbyggjarane", "dei som bur der"), ("etterlyst", "bede om"), ("naudsynt", "påkravd"),
           ("bustader", "bueiningar"), ("området", "arealet"), ("Kommunen", "Vi"), ("prioritere", "gje forrang til"),
           ("tilgang til", "høve til å bruke"), ("haldast ved lag", "førast vidare"), ("betrast", "rustast opp"),
           ("trengst", "er bruk for"), ("krav om", "vilkår om"), ("mange", "svært mange"), ("viktige", "sentrale"),
           ("takast vare på", "sikrast"), ("lage", "utarbeide"), ("plasserast", "leggjast"), ("ønskjer", "vil ha"),
           ("fjerna", "tekne bort"), ("flyttast", "leggjast om"), ("unngå", "avgrense mest mogleg"),
           ("kartleggjast", "undersøkjast"), ("lagast", "byggjast"), ("tryggare", "sikrare"),
           ("evaluerast", "gåast gjennom"), ("krev", "føreset"), ("gjennom", "via"), ("innan", "seinast i"),
           ("fleire", "endå fleire"),
           ("rekna", "venta"), ("handsama", "behandla"), ("fullt", "heilt"), ("viste", "merkte"), ("bede", "spurt"),
           ("etterlyst", "ønskt")],
}
