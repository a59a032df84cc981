"""Analysis of a consultation's comments for caseworkers: campaigns, themes, hot paragraphs and
quoted summaries. Plain Python: text in, plain data out, deterministic, no Flask and no network.

    from hoering.analysis import CommentIn, analyse

    report = analyse([CommentIn(id=1, text="Skolen må bestå!", unit="2.1", stance="against"), ...])
    report.themes[0].label, report.to_json()

``analyse``, ``AnalysisSettings`` and ``STAGES`` are loaded on first use (PEP 562): they bring in
scikit-learn, SciPy and simplemma, which take about a second to import, so a web app that imports
this package only pays for them when it runs an analysis. The command line is __main__.py.
"""
from hoering.analysis.comments import NOT_STATED, STANCE_KEYS, STANCES, CommentIn, comment_from_json
from hoering.analysis.report import (
    Addition,
    Campaign,
    CampaignRef,
    OrganisationActivity,
    Participants,
    Quote,
    Report,
    SummarySentence,
    Theme,
    UnitActivity,
    Unthemed,
)

_FROM_PIPELINE = ("analyse", "AnalysisSettings", "STAGES")

__all__ = [
    "NOT_STATED", "STANCES", "STANCE_KEYS", "STAGES", "AnalysisSettings", "CommentIn", "analyse",
    "comment_from_json", "Addition", "Campaign", "CampaignRef", "OrganisationActivity", "Participants",
    "Quote", "Report", "SummarySentence", "Theme", "UnitActivity", "Unthemed",
]


def __getattr__(name: str):
    """Load the pipeline (and its heavy dependencies) when one of its names is first asked for."""
    if name in _FROM_PIPELINE:
        from hoering.analysis import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'hoering.analysis' has no attribute {name!r}")
