"""A long law as a planner pastes it: plan- og bygningsloven's shape, about 270 KB of Markdown.

Parts ("# Del 2 Plandel") and chapters ("# Kapittel 12 Reguleringsplan") are top-level headings,
each § a second-level one ("## § 12-3 Detaljregulering") with one to six ledd below it. Some §§
number their ledd ("(1) …"), a ledd that ends in a colon is followed by a lettered list ("a) …") or
a numbered one ("1. …"), as Lovdata writes them, and now and then a ledd points to a URL or to the
long word of tests/fixtures/long_law.py. About 1,300 units in all. The sentences are put together
from many openings, subjects and objects, so that §§ and ledd differ as in a real law.

Deterministic (seeded), no Flask and no database.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.fixtures.long_law import LONG_URL, LONG_WORD

# (part title, [(chapter title, [§ titles the chapter starts with])]); more §§ are drawn from EXTRA_TITLES.
PARTS = [
    ("Alminnelig del", [
        ("Fellesbestemmelser", ["Lovens formål", "Lovens virkeområde", "Oppgaver og hensyn i planlegging"]),
        ("Krav om kartgrunnlag, stedfestet informasjon mv.", ["Kart og stedfestet informasjon", "Planregister"]),
        ("Oppgaver og myndighet i planleggingen", ["Kommunens oppgaver", "Statlige myndigheters plikter"]),
        ("Generelle utredningskrav", ["Planprogram", "Konsekvensutredninger", "Risiko- og sårbarhetsanalyse"]),
        ("Medvirkning i planleggingen", ["Medvirkning", "Innsigelse", "Regionalt planforum"]),
        ("Statlige planretningslinjer og planbestemmelser", ["Statlige planretningslinjer", "Statlig arealplan"]),
    ]),
    ("Plandel", [
        ("Regional planlegging", ["Regional planstrategi", "Regional plan", "Regional planbestemmelse"]),
        ("Interkommunalt plansamarbeid", ["Interkommunalt plansamarbeid", "Avtale om plansamarbeid"]),
        ("Kommunal planstrategi", ["Kommunal planstrategi", "Revisjon av planstrategien"]),
        ("Kommuneplan", ["Kommuneplan", "Kommuneplanens samfunnsdel", "Kommuneplanens arealdel", "Arealformål",
                         "Hensynssoner", "Bestemmelser til arealformål"]),
        ("Reguleringsplan", ["Reguleringsplan", "Områderegulering", "Detaljregulering",
                             "Rettsvirkning av reguleringsplan", "Arealformål i reguleringsplan",
                             "Hensynssoner i reguleringsplan", "Bestemmelser i reguleringsplan",
                             "Oppstart av reguleringsplanarbeid", "Planprogram for reguleringsplan",
                             "Behandling av reguleringsplanforslag", "Behandling av private forslag",
                             "Kommunestyrets vedtak", "Innsigelse til reguleringsplan", "Endring og oppheving",
                             "Gjennomføringsfrist"]),
        ("Midlertidig forbud mot tiltak", ["Midlertidig forbud mot tiltak", "Varighet"]),
        ("Konsekvensutredninger for tiltak etter sektorlover", ["Konsekvensutredning for tiltak"]),
    ]),
    ("Gjennomføring", [
        ("Innløsning og erstatning", ["Innløsning av eiendom", "Erstatning ved planvedtak"]),
        ("Ekspropriasjon", ["Ekspropriasjon til gjennomføring av plan", "Forhåndstiltredelse"]),
        ("Utbyggingsavtaler", ["Definisjon", "Grunnlag for utbyggingsavtaler", "Avtalens innhold"]),
        ("Opparbeidelsesplikt og refusjon", ["Opparbeidelsesplikt", "Refusjon av utgifter"]),
        ("Dispensasjon", ["Søknad om dispensasjon", "Vilkår for dispensasjon", "Midlertidig dispensasjon"]),
    ]),
    ("Byggesaksdel", [
        ("Virkeområde og søknadsplikt", ["Tiltak etter loven", "Søknadsplikt", "Unntak fra søknadsplikt"]),
        ("Krav til søknader og saksbehandling", ["Søknad om tillatelse", "Nabovarsel", "Frister for saksbehandling",
                                                 "Ferdigattest"]),
        ("Godkjenning av foretak for ansvarsrett", ["Sentral godkjenning", "Lokal godkjenning"]),
        ("Ansvar i byggesaker", ["Ansvarlig søker", "Ansvarlig prosjekterende", "Ansvarlig utførende"]),
        ("Uavhengig kontroll", ["Uavhengig kontroll", "Obligatorisk kontroll"]),
        ("Tilknytning til infrastruktur", ["Vegforbindelse", "Vannforsyning", "Avløp", "Fjernvarme"]),
        ("Krav til byggetomta og ubebygd areal", ["Sikkerhet mot naturpåkjenninger", "Uteareal", "Ubebygd areal"]),
        ("Krav til tiltaket", ["Visuelle kvaliteter", "Universell utforming", "Tekniske krav", "Plassering"]),
        ("Særskilte bestemmelser om visse tiltak", ["Skilt og reklame", "Midlertidige bygninger", "Tilbygg"]),
        ("Krav til eksisterende byggverk", ["Vedlikehold", "Bruksendring", "Istandsetting"]),
        ("Ulovlighetsoppfølging", ["Plikt til å forfølge ulovligheter", "Pålegg", "Tvangsmulkt",
                                   "Overtredelsesgebyr", "Straff"]),
        ("Gebyr", ["Gebyr", "Gebyrregulativ"]),
    ]),
    ("Sluttbestemmelser", [
        ("Ikrafttredelse og overgangsbestemmelser", ["Ikrafttredelse", "Overgangsbestemmelser",
                                                     "Endringer i andre lover"]),
    ]),
]
EXTRA_TITLES = [
    "Forskrifter", "Saksbehandling", "Klage", "Frister", "Kunngjøring", "Varsel til berørte", "Innsyn",
    "Samordning med andre myndigheter", "Tilsyn", "Dokumentasjon", "Rapportering", "Unntak",
    "Vilkår", "Retting", "Bortfall av tillatelse", "Endring av tillatelse", "Delegering",
    "Digital saksbehandling", "Kart og planforslag", "Planbeskrivelse", "Høring og offentlig ettersyn",
    "Oppfølging av vedtak", "Plikt til å gi opplysninger", "Taushetsplikt", "Gjennomføring", "Ansvar",
]
ENACTORS = [
    "Kommunestyret", "Kommunen", "Planmyndigheten", "Departementet", "Fylkeskommunen", "Statsforvalteren",
    "Regionale myndigheter", "Bygningsmyndighetene", "Tiltakshaveren", "Ansvarlig søker",
    "Den som fremmer planforslaget", "Forslagsstilleren", "Kongen i statsråd", "Direktoratet",
]
MODALS = ["skal", "kan", "bør", "må", "skal så langt som mulig"]
ACTIONS = [
    "sørge for at planforslaget blir sendt på høring", "legge planforslaget ut til offentlig ettersyn",
    "gi berørte myndigheter anledning til å uttale seg", "kunngjøre vedtaket i minst én avis",
    "vurdere om tiltaket krever konsekvensutredning", "fastsette frist for uttalelse",
    "ta stilling til innkomne merknader", "sende saken til departementet for avgjørelse",
    "gi nærmere bestemmelser om saksbehandlingen", "samordne arbeidet med statlige og regionale organer",
    "legge til rette for aktiv medvirkning fra barn og unge", "sikre at planen bygger på oppdatert kunnskap",
    "innhente nødvendige opplysninger om grunnforhold", "varsle naboer og gjenboere",
    "avgjøre søknaden innen tolv uker", "stille vilkår for tillatelsen", "føre tilsyn med tiltaket",
    "kreve at eieren utbedrer mangler", "fastsette gebyr etter regulativ", "gi dispensasjon",
    "utarbeide planbeskrivelse", "vise planens virkninger for miljø og samfunn", "kreve uavhengig kontroll",
]
CONDITIONS = [
    "", "", "", " når særlige grunner foreligger", " etter at saken har vært på høring",
    " dersom tiltaket kan få vesentlige virkninger for miljø eller samfunn", " innen fristen i tredje ledd",
    " i samsvar med kommuneplanens arealdel", " uten ugrunnet opphold", " når det er nødvendig av hensyn til sikkerhet",
    " med mindre annet er bestemt i forskrift", " så snart som mulig og senest innen seks uker",
    " for områder der det er krav om reguleringsplan", " når planen berører nasjonale eller vesentlige regionale interesser",
]
CLAUSES = [
    "Vedtaket kan påklages etter reglene i forvaltningsloven.",
    "Fristen kan forlenges når saken er særlig omfattende.",
    "Departementet kan gi forskrift om gjennomføringen.",
    "Uttalelser fra berørte myndigheter skal følge saken.",
    "Bestemmelsen gjelder tilsvarende for endring av plan.",
    "Kommunen kan i særlige tilfeller gjøre unntak fra kravet.",
    "Kostnadene bæres av den som fremmer forslaget.",
    "Det skal gå fram av vedtaket hvilke hensyn som er lagt vekt på.",
    "Planen skal gjøres tilgjengelig i kommunens planregister.",
    "Opplysningene skal være tilgjengelige for allmennheten.",
    "Tidligere vedtatte planer gjelder inntil de blir endret eller opphevet.",
    "Tillatelsen faller bort dersom arbeidet ikke er satt i gang innen tre år.",
]
ITEMS = [
    "tiltakets virkninger for miljø, naturmangfold og klima", "hensynet til barn og unges oppvekstvilkår",
    "trafikksikkerhet og trygge skoleveier", "universell utforming av uteområder og bygninger",
    "landskap, kulturminner og kulturmiljø", "jordvern og landbrukets interesser", "friluftsliv og strandsone",
    "risiko for flom, skred og havnivåstigning", "teknisk infrastruktur og tilknytning til vann og avløp",
    "estetisk utforming og byggehøyder", "støy og luftforurensning", "boligbehov og bokvalitet",
    "næringslivets behov for areal", "samfunnssikkerhet og beredskap", "energiforsyning og energibruk",
    "samiske interesser og reindrift", "kollektivtransport og sykkelveier", "grønnstruktur og lekeplasser",
]
ITEM_ENDINGS = ["", "", " i området", " etter denne loven", " slik de er fastsatt i plan", " der det er relevant"]


@dataclass
class _Chapter:
    heading: str
    number: int
    titles: list[str]
    sections: list[str] = field(default_factory=list)


def long_law(seed: int = 2026, target_bytes: int = 270 * 1024) -> str:
    """A law of about ``target_bytes`` (UTF-8): the chapters get a § each in turn until it is that long."""
    rng = random.Random(seed)
    extra = _extra_titles(rng)
    blocks: list[str | _Chapter] = [
        "# Lov om planlegging og byggesaksbehandling (plan- og bygningsloven)",
        "Utkast til ny lov, sendt på offentlig høring. Endringene fra gjeldende lov er omtalt i høringsnotatet.",
    ]
    for part_number, (part_title, part_chapters) in enumerate(PARTS, start=1):
        blocks.append(f"# Del {part_number} {part_title}")
        for chapter_title, titles in part_chapters:
            number = sum(isinstance(b, _Chapter) for b in blocks) + 1
            blocks.append(_Chapter(f"# Kapittel {number} {chapter_title}", number, list(titles)))
    chapters = [b for b in blocks if isinstance(b, _Chapter)]
    size = sum(len(b.encode()) + 2 for b in blocks if isinstance(b, str))
    size += sum(len(c.heading.encode()) + 2 for c in chapters)
    while size < target_bytes:
        for chapter in chapters:
            index = len(chapter.sections)
            title = chapter.titles[index] if index < len(chapter.titles) else next(extra)
            chapter.sections.append(_section(rng, chapter.number, index + 1, title))
            size += len(chapter.sections[-1].encode()) + 2
            if size >= target_bytes:
                break
    text = [part for b in blocks for part in ([b] if isinstance(b, str) else [b.heading, *b.sections])]
    return "\n\n".join(text) + "\n"


def _extra_titles(rng: random.Random):
    while True:
        titles = list(EXTRA_TITLES)
        rng.shuffle(titles)
        yield from titles


def _section(rng: random.Random, chapter: int, number: int, title: str) -> str:
    """One § with its ledd, lists after the ledd that announce them."""
    numbered = rng.random() < 0.3
    blocks = [f"## § {chapter}-{number} {title}"]
    for ledd in range(1, rng.choice([1, 2, 2, 2, 3, 3, 3, 4, 4, 5]) + 1):
        text = _ledd(rng, chapter, number)
        listed = rng.random() < 0.22
        if listed:
            text = text.rstrip(".") + ". Det skal særlig legges vekt på:"
        blocks.append(f"({ledd}) {text}" if numbered else text)
        if listed:
            blocks.append(_list(rng, lettered=rng.random() < 0.6))
    return "\n\n".join(blocks)


def _ledd(rng: random.Random, chapter: int, number: int) -> str:
    sentences = [_sentence(rng) for _ in range(rng.choice([1, 2, 2, 2, 3, 3, 3]))]
    roll = rng.random()
    if roll < 0.15:
        sentences.append(f"Bestemmelsene i § {chapter}-{rng.randint(1, max(1, number))} gjelder tilsvarende.")
    elif roll < 0.22:
        sentences.append(f"Se veiledningen på {LONG_URL} for utfyllende kommentarer.")
    elif roll < 0.25:
        sentences.append(f"Det samme gjelder {LONG_WORD.lower()} etter kapittel {chapter}.")
    elif roll < 0.45:
        sentences.append(rng.choice(CLAUSES))
    return " ".join(sentences)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(ENACTORS)} {rng.choice(MODALS)} {rng.choice(ACTIONS)}{rng.choice(CONDITIONS)}."


def _list(rng: random.Random, lettered: bool) -> str:
    items = rng.sample(ITEMS, rng.randint(2, 6))
    lines = []
    for index, item in enumerate(items):
        marker = f"{'abcdefghij'[index]})" if lettered else f"{index + 1}."
        ending = "." if index == len(items) - 1 else ","
        lines.append(f"{marker} {item}{rng.choice(ITEM_ENDINGS)}{ending}")
    return "\n".join(lines)
