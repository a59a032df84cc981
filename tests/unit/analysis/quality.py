"""Quality figures of an analysis against a generated corpus whose truth is known (corpus.py).

Campaign precision and recall are counted over pairs of comments (two comments put in one campaign
that are in one form letter's campaign) and over comments (in any campaign or not). Themes are
compared with the corpus's topics by the adjusted Rand index (short replies such as "Enig!" have no
topic and are left out; a comment left unthemed counts as a cluster of its own), by purity (the
lowest share a theme's largest topic holds of its comments: 1.0 means no theme mixes two topics)
and by topics led (the share of the topics with at least 5 % of the comments that lead a theme of
their own: 1.0 means every topic was found).
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations

from sklearn.metrics import adjusted_rand_score

LARGE_TOPIC = 0.05


def _pairs(groups: dict) -> set[tuple]:
    members: dict = {}
    for comment_id, group in groups.items():
        members.setdefault(group, []).append(comment_id)
    return {pair for ids in members.values() for pair in combinations(sorted(ids), 2)}


def campaign_figures(report, labelled) -> dict[str, float]:
    """Pair and member precision and recall of the campaigns found."""
    truth = {item.comment["id"]: item.campaign for item in labelled if item.campaign}
    found = {comment_id: campaign.id for campaign in report.campaigns for comment_id in campaign.comment_ids}
    true_pairs, found_pairs = _pairs(truth), _pairs(found)
    return {
        "campaign pair precision": len(true_pairs & found_pairs) / max(len(found_pairs), 1),
        "campaign pair recall": len(true_pairs & found_pairs) / max(len(true_pairs), 1),
        "campaign member precision": len(truth.keys() & found.keys()) / max(len(found), 1),
        "campaign member recall": len(truth.keys() & found.keys()) / max(len(truth), 1),
    }


def theme_figures(report, labelled) -> dict[str, float]:
    """ARI, the number of themes, the lowest purity and the share of large topics led."""
    theme_of = {comment_id: theme.id for theme in report.themes for comment_id in theme.comment_ids}
    topic_of = {item.comment["id"]: item.theme for item in labelled if item.theme}
    found = [theme_of.get(comment_id, -comment_id) for comment_id in topic_of]
    purities, led = [], set()
    for theme in report.themes:
        topics = Counter(topic_of[i] for i in theme.comment_ids if i in topic_of)
        if topics:
            topic, count = topics.most_common(1)[0]
            purities.append(count / sum(topics.values()))
            led.add(topic)
    sizes = Counter(topic_of.values())
    large = {topic for topic, size in sizes.items() if size >= LARGE_TOPIC * len(topic_of)}
    return {
        "theme ARI": adjusted_rand_score(list(topic_of.values()), found),
        "themes found": len(report.themes),
        "theme purity (lowest)": min(purities, default=0.0),
        "topics led": len(led & large) / len(large),
    }


def mixed_themes(report, labelled) -> list[str]:
    """For reading a failure: each theme's topics and their counts, one line a theme."""
    topic_of = {item.comment["id"]: item.theme for item in labelled}
    return [f"{theme.label}: {Counter(topic_of[i] for i in theme.comment_ids).most_common()}"
            for theme in report.themes]
