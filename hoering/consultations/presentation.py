"""How a consultation and its draft are shown: its status, a unit's citation, a unit's HTML, and the
report on a converted Word draft."""
from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from markupsafe import Markup

from hoering.consultations import docx_images, docx_report

STATUS_LABELS = {
    "draft": _l("Utkast"),
    "upcoming": _l("Åpner snart"),
    "open": _l("Åpen for innspill"),
    "closed": _l("Avsluttet"),
    "processed": _l("Ferdig behandlet"),
}


def conversion_notice(code: str, count: int) -> str:
    """One line of the report on a converted Word draft (consultations.docx_report), for the planner."""
    wording = _CONVERSION_NOTICES.get(code)
    return wording(count) if wording else f"{code} ({count})"


_CONVERSION_NOTICES = {
    docx_report.FOOTNOTES: lambda n: ngettext(
        "%(num)d fotnote er tatt med som note under avsnittet sitt.",
        "%(num)d fotnoter er tatt med som noter under avsnittet sitt.", n),
    docx_report.ENDNOTES: lambda n: ngettext(
        "%(num)d sluttnote er tatt med som note under avsnittet sitt.",
        "%(num)d sluttnoter er tatt med som noter under avsnittet sitt.", n),
    docx_report.NOTES_MOVED: lambda n: ngettext(
        "%(num)d note i en overskrift eller tabell står under avsnittet etter overskriften eller under tabellen.",
        "%(num)d noter i overskrifter eller tabeller står under avsnittet etter overskriften eller under tabellen.", n),
    docx_report.TEXT_BOXES: lambda n: ngettext(
        "%(num)d tekstboks er tatt med som avsnitt etter avsnittet den står ved.",
        "%(num)d tekstbokser er tatt med som avsnitt etter avsnittet de står ved.", n),
    docx_report.IMAGES: lambda n: ngettext(
        "%(num)d bilde er tatt med, med den alternative teksten og bildeteksten fra Word. "
        "Sjekk at teksten beskriver bildet.",
        "%(num)d bilder er tatt med, med den alternative teksten og bildeteksten fra Word. "
        "Sjekk at teksten beskriver bildene.", n),
    docx_report.IMAGES_WITHOUT_TEXT: lambda n: ngettext(
        "%(num)d bilde har verken alternativ tekst eller bildetekst. Skriv hva bildet viser mellom "
        "klammene i ![](bilde:…) i feltet over, så skjermlesere kan lese det opp.",
        "%(num)d bilder har verken alternativ tekst eller bildetekst. Skriv hva bildene viser mellom "
        "klammene i ![](bilde:…) i feltet over, så skjermlesere kan lese det opp.", n),
    docx_report.IMAGE_PLACEHOLDERS: lambda n: ngettext(
        "%(num)d bilde eller diagram er vist som plassholder med bildeteksten: det er i et format nettlesere "
        "ikke kan vise (som EMF eller WMF), et diagram fra Word, eller det står i en overskrift. "
        "Lagre bildet som PNG eller JPEG i Word-dokumentet og last det opp på nytt hvis det skal vises.",
        "%(num)d bilder eller diagrammer er vist som plassholdere med bildeteksten: de er i et format nettlesere "
        "ikke kan vise (som EMF eller WMF), diagrammer fra Word, eller de står i en overskrift. "
        "Lagre bildene som PNG eller JPEG i Word-dokumentet og last det opp på nytt hvis de skal vises.", n),
    docx_report.IMAGES_OVER_LIMIT: lambda n: ngettext(
        "%(num)d bilde er vist som plassholder med bildeteksten: et dokument kan ha høyst %(images)d bilder "
        "på til sammen %(megabytes)d MB.",
        "%(num)d bilder er vist som plassholdere med bildeteksten: et dokument kan ha høyst %(images)d bilder "
        "på til sammen %(megabytes)d MB.", n,
        images=docx_images.MAX_IMAGES, megabytes=docx_images.MAX_IMAGE_BYTES // (1024 * 1024)),
    docx_report.INSERTIONS: lambda n: ngettext(
        "Sporede endringer er godtatt: %(num)d innsetting er tatt med.",
        "Sporede endringer er godtatt: %(num)d innsettinger er tatt med.", n),
    docx_report.DELETIONS: lambda n: ngettext(
        "Sporede endringer er godtatt: %(num)d sletting er fjernet fra teksten.",
        "Sporede endringer er godtatt: %(num)d slettinger er fjernet fra teksten.", n),
    docx_report.MOVES: lambda n: ngettext(
        "Sporede endringer er godtatt: %(num)d flytting står der teksten ble flyttet til.",
        "Sporede endringer er godtatt: %(num)d flyttinger står der teksten ble flyttet til.", n),
    docx_report.COMMENTS: lambda n: ngettext(
        "%(num)d kommentar i Word-filen er ikke tatt med.",
        "%(num)d kommentarer i Word-filen er ikke tatt med.", n),
    docx_report.HIDDEN_TEXT: lambda n: ngettext(
        "Skjult tekst i %(num)d avsnitt eller tabell er ikke tatt med.",
        "Skjult tekst i %(num)d avsnitt eller tabeller er ikke tatt med.", n),
    docx_report.EQUATIONS: lambda n: ngettext(
        "%(num)d formel er ikke tatt med. Skriv den inn som tekst hvis den trengs.",
        "%(num)d formler er ikke tatt med. Skriv dem inn som tekst hvis de trengs.", n),
    docx_report.TABLES_OF_CONTENTS: lambda n: ngettext(
        "Innholdsfortegnelsen er ikke tatt med. Høringssiden lager sin egen.",
        "%(num)d innholdsfortegnelser er ikke tatt med. Høringssiden lager sin egen.", n),
}


def citation(label: str | None, capitalised: bool = False) -> str:
    """How a unit is named in a sentence: "punkt 2.3.1" for a bare number, else the document's own
    label as it is ("§ 12-3 andre ledd", "Kapittel 12", "Sammendrag")."""
    if not label:
        return ""
    if label[0].isdigit():
        return _("Punkt %(number)s", number=label) if capitalised else _("punkt %(number)s", number=label)
    return label


def draft_html(html: str) -> Markup:
    """A unit's stored HTML (markup.render's, so ``<table>`` and ``<pre>`` carry no attributes) with its
    tables and code blocks reachable by keyboard: on a narrow screen they scroll inside their own box,
    and a box that scrolls must take focus to be scrolled without a mouse (WCAG 2.1.1)."""
    return Markup((html or "").replace("<table>", '<table tabindex="0">').replace("<pre>", '<pre tabindex="0">'))


def init_app(app: Flask) -> None:
    app.add_template_filter(lambda s: STATUS_LABELS.get(s, s), "status")
    app.add_template_filter(draft_html, "draft_html")
    app.add_template_filter(citation, "citation")
    app.add_template_filter(lambda label: citation(label, capitalised=True), "Citation")
    app.add_template_global(conversion_notice, "conversion_notice")
