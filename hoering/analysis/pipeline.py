"""analyse(): comments in, Report out, in five timed stages.

1. prepare: comments in id order (so the input's order does not matter), ids checked unique;
2. campaigns: form letters and near-duplicates, with each member's own additions;
3. themes: each campaign counts once (its template); every other comment is its own document;
   given the theme of each comment of an earlier run, those comments keep it and the new ones join
   the nearest theme (themes.continue_themes), so a re-run keeps the themes a caseworker corrected;
4. summary: quotes and extractive summaries per theme, and the overview;
5. participation: units (hot paragraphs), participants and organisations.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from collections import Counter
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from hoering.analysis.additions import Template, added_passages
from hoering.analysis.campaigns import CampaignGroup, CampaignSettings, find_campaigns
from hoering.analysis.comments import CommentId, CommentIn, id_order
from hoering.analysis.labels import surface_keywords, theme_label
from hoering.analysis.participation import organisations, participants, unit_activity
from hoering.analysis.report import (
    Addition, Campaign, CampaignRef, Report, Theme, Unthemed, organisation_split, splits, stance_counts,
)
from hoering.analysis.summarise import SentencePicker, overview, theme_quotes, theme_summary
from hoering.analysis.text import Terms, words
from hoering.analysis.themes import UNTHEMED, ThemeModel, ThemeSettings, continue_themes, find_themes

Progress = Callable[[str, float], None]

# Rough share of the running time of each stage, for an overall progress fraction.
STAGES = {"prepare": 0.02, "campaigns": 0.28, "themes": 0.45, "summary": 0.15, "participation": 0.10}


@dataclass(frozen=True)
class AnalysisSettings:
    """Settings for each step; the defaults suit consultations from a handful to 100,000 comments."""

    campaigns: CampaignSettings = field(default_factory=CampaignSettings)
    themes: ThemeSettings = field(default_factory=ThemeSettings)


@dataclass(frozen=True)
class Document:
    """What theme-finding sees: one comment, or one campaign through its template."""

    representative: int          # index of the comment whose text is used
    members: tuple[int, ...]     # indices of the comments it stands for
    campaign: int | None = None  # index into the campaigns list


def analyse(comments: Iterable[CommentIn], progress: Progress | None = None,
            settings: AnalysisSettings = AnalysisSettings(),
            prior: Mapping[CommentId, str | None] | None = None) -> Report:
    """Analyse a consultation's comments: campaigns, themes, summaries, units and participants.

    ``progress(stage, fraction)`` is called as the work goes on: ``stage`` is one of STAGES and
    ``fraction`` (0 to 1) is the share of the whole analysis done. Raises ValueError when two
    comments have the same id. The same comments, in any order, give the same report (timings aside).

    ``prior`` continues an earlier run's themes: it maps each comment that run analysed to its
    theme's ``key`` (None: in no theme). Those comments keep their theme, the others join the
    nearest one or none, and no theme is added. Without it, or when it names no theme, the themes
    are found afresh.
    """
    clock = _Clock(progress)
    with clock.stage("prepare"):
        ordered = _in_id_order(comments)
    with clock.stage("campaigns"):
        groups = find_campaigns([c.text for c in ordered], settings.campaigns)
        documents = _documents(len(ordered), groups)
    with clock.stage("themes"):
        terms = Terms()
        standards, texts = _standards_and_terms(ordered, documents, terms)
        keys = [str(ordered[d.representative].id) for d in documents]
        model = _continued(ordered, documents, texts, keys, prior or {}, settings.themes)
        carried = model is not None
        if not carried:
            model = find_themes(texts, keys, settings.themes, shaping=[standard != "en" for standard in standards])
        member_themes = _member_themes(ordered, documents, model, prior if carried else None)
    with clock.stage("summary"):
        themes = _themes(ordered, documents, model, terms, member_themes)
        campaigns = _campaigns(ordered, groups, documents, model)
        unthemed = _unthemed(ordered, member_themes)
        summary = overview([theme.summary for theme in themes])
    with clock.stage("participation"):
        units, people, orgs = unit_activity(ordered), participants(ordered), organisations(ordered)
    return Report(
        comments=len(ordered), distinct_comments=len(documents), participants=people,
        stance=stance_counts(ordered), campaigns=campaigns, themes=themes, unthemed=unthemed,
        units=units, organisations=orgs, summary=summary, timings=clock.timings(),
    )


class _Clock:
    """Times each stage and reports progress at its start and end."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress, self._done, self._seconds = progress, 0.0, {}

    @contextmanager
    def stage(self, name: str):
        """Time the work inside the block as stage ``name``."""
        if self._progress:
            self._progress(name, round(self._done, 4))
        start = time.perf_counter()
        yield
        self._seconds[name] = time.perf_counter() - start
        self._done = min(1.0, self._done + STAGES[name])
        if self._progress:
            self._progress(name, round(self._done, 4))

    def timings(self) -> dict[str, float]:
        """Seconds per stage, and their total."""
        timings = {name: round(seconds, 3) for name, seconds in self._seconds.items()}
        timings["total"] = round(sum(self._seconds.values()), 3)
        return timings


def _in_id_order(comments: Iterable[CommentIn]) -> list[CommentIn]:
    ordered = sorted(comments, key=lambda c: id_order(c.id))
    for before, after in zip(ordered, ordered[1:]):
        if before.id == after.id:
            raise ValueError(f"id: {before.id!r} is used by two comments")
    return ordered


def _documents(count: int, groups: Sequence[CampaignGroup]) -> list[Document]:
    in_campaign = {}
    for number, group in enumerate(groups):
        for member in group.members:
            in_campaign[member] = number
    documents = []
    for index in range(count):
        number = in_campaign.get(index)
        if number is None:
            documents.append(Document(index, (index,)))
        elif index == groups[number].template:
            documents.append(Document(index, groups[number].members, number))
    return documents


def _standards_and_terms(ordered, documents, terms: Terms) -> tuple[list[str], list[list[str]]]:
    """Each document's written standard and content terms."""
    pairs = [terms.standard_and_terms(ordered[d.representative].text) for d in documents]
    return [standard for standard, _ in pairs], [found for _, found in pairs]


def _continued(ordered, documents, texts, keys, prior: Mapping, settings: ThemeSettings) -> ThemeModel | None:
    """The earlier run's themes carried over, or None when there are none to carry."""
    theme_keys = sorted({prior[c.id] for c in ordered if prior.get(c.id) is not None})
    if not theme_keys:
        return None
    known = {}
    for position, document in enumerate(documents):
        votes = Counter(prior[ordered[i].id] for i in document.members if ordered[i].id in prior)
        if votes:  # a campaign whose earlier members disagree goes with most of them
            known[position] = min(votes.items(), key=lambda item: (-item[1], item[0] is None, str(item[0])))[0]
    return continue_themes(texts, keys, known, theme_keys, settings)


def _member_themes(ordered, documents, model: ThemeModel, prior: Mapping | None) -> np.ndarray:
    """Each comment's theme: its document's, except that a comment of an earlier run keeps the
    theme it had (a campaign's members may have been in different themes)."""
    themes = np.full(len(ordered), UNTHEMED)
    for position, document in enumerate(documents):
        themes[list(document.members)] = model.labels[position]
    if prior:
        number = {key: n for n, key in enumerate(model.keys)}
        for index, comment in enumerate(ordered):
            if comment.id in prior:
                themes[index] = number.get(prior[comment.id], UNTHEMED)
    return themes


def _ranked(model: ThemeModel, theme: int) -> list[int]:
    """Positions of a theme's documents, the closest to its centre first (earliest on a tie)."""
    positions = np.flatnonzero(model.labels == theme)
    order = np.lexsort((positions, -np.round(model.closeness[positions], 9)))
    return [int(p) for p in positions[order]]


def _themes(ordered, documents, model: ThemeModel, terms: Terms, member_themes: np.ndarray) -> list[Theme]:
    elsewhere: dict[int, list[int]] = {}  # theme: comments kept in it while their document is not
    for position, document in enumerate(documents):
        for index in document.members:
            if member_themes[index] != model.labels[position] and member_themes[index] != UNTHEMED:
                elsewhere.setdefault(int(member_themes[index]), []).append(index)
    return [_theme(theme, ordered, documents, model, terms, member_themes, elsewhere.get(theme, []))
            for theme in range(model.count)]


def _theme(theme: int, ordered, documents, model: ThemeModel, terms: Terms, member_themes: np.ndarray,
           elsewhere: list[int]) -> Theme:
    ranked = _ranked(model, theme)
    inside = [p for p in ranked if member_themes[documents[p].representative] == theme]
    comments = [ordered[i] for p in ranked for i in documents[p].members if member_themes[i] == theme]
    comments += [ordered[i] for i in elsewhere]
    central = [ordered[documents[p].representative] for p in inside] + [ordered[i] for i in elsewhere]
    keywords = surface_keywords(model.keywords[theme], central, terms)
    picker = SentencePicker(model, theme, terms)
    organisation_comments, individual_comments = organisation_split(comments)
    stance = stance_counts(comments)
    return Theme(
        id=theme + 1, key=model.keys[theme], label=theme_label(model.keywords[theme], keywords, central, terms), keywords=keywords,
        comment_ids=sorted((c.id for c in comments), key=id_order),
        count=len(comments), share=round(len(comments) / len(ordered), 4), distinct=len(ranked),
        campaigns=_campaign_refs(ranked, documents), stance=stance,
        organisation_comments=organisation_comments, individual_comments=individual_comments,
        quotes=theme_quotes(central, picker, splits(stance)), summary=theme_summary(central, picker, theme + 1),
    )


def _campaign_refs(ranked: list[int], documents: Sequence[Document]) -> list[CampaignRef]:
    in_theme = sorted((documents[p].campaign, len(documents[p].members)) for p in ranked
                      if documents[p].campaign is not None)
    return [CampaignRef(id=number + 1, size=size) for number, size in in_theme]


def _campaigns(ordered, groups: Sequence[CampaignGroup], documents, model: ThemeModel) -> list[Campaign]:
    theme_of = {d.campaign: int(model.labels[p]) for p, d in enumerate(documents) if d.campaign is not None}
    campaigns = []
    for number, group in enumerate(groups):
        members = [ordered[i] for i in group.members]
        template = ordered[group.template]
        organisation_comments, individual_comments = organisation_split(members)
        theme = theme_of.get(number, UNTHEMED)
        campaigns.append(Campaign(
            id=number + 1, size=len(members), text=template.text, template_comment_id=template.id,
            comment_ids=[c.id for c in members], additions=_additions(members, template),
            stance=stance_counts(members), organisation_comments=organisation_comments,
            individual_comments=individual_comments, theme=None if theme == UNTHEMED else theme + 1,
        ))
    return campaigns


def _additions(members: Sequence[CommentIn], template: CommentIn) -> list[Addition]:
    prepared = Template(template.text)
    found: dict[str, list[tuple[int, int]]] = {}
    additions = []
    for member in members:
        own_words = words(member.name) + words(member.organisation)
        key = member.text + "\0" + " ".join(own_words)
        if key not in found:
            found[key] = added_passages(member.text, prepared, own_words)
        additions += [Addition(member.id, member.text[start:end]) for start, end in found[key]]
    return additions


def _unthemed(ordered, member_themes: np.ndarray) -> Unthemed:
    ids = [ordered[i].id for i in np.flatnonzero(member_themes == UNTHEMED)]
    ids.sort(key=id_order)
    return Unthemed(count=len(ids), comment_ids=ids)
