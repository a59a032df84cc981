"""Deterministic, realistic Norwegian consultation drafts for the benchmarks.

A draft reads like a municipal plan: an introduction, top-level sections with subsections (and now
and then a third level), paragraphs that open with many different words, bulleted and numbered
lists, a few tables and block quotes, and links. The same seed always gives the same text.

No Flask and no database here: bench_split.py and bench_pages.py both use it.
"""
from __future__ import annotations

import random
from collections.abc import Iterator

SECTION_TOPICS = [
    "Formål og bakgrunn", "Dagens situasjon", "Mål for planperioden", "Kanaler og virkemidler",
    "Organisering og ansvar", "Medvirkning", "Personvern og informasjonssikkerhet", "Universell utforming",
    "Klima og miljø", "Økonomi", "Gjennomføring", "Evaluering og rapportering", "Barn og unge",
    "Eldre innbyggere", "Næringsliv og arbeidsplasser", "Samferdsel", "Boligpolitikk", "Kultur og frivillighet",
    "Helse og omsorg", "Beredskap", "Digitalisering", "Arealbruk", "Vann og avløp", "Skole og oppvekst",
]
SUBSECTION_TOPICS = [
    "Status", "Utfordringer", "Tiltak", "Ansvar", "Kostnader", "Tidsplan", "Risiko", "Samarbeidspartnere",
    "Erfaringer fra andre kommuner", "Lovgrunnlag", "Målgrupper", "Indikatorer", "Alternativer som er vurdert",
    "Konsekvenser for innbyggerne", "Konsekvenser for ansatte", "Oppfølging",
]
# A subordinate opener ("… at") keeps subject before verb; an adverbial one puts the verb second.
CLAUSE_OPENERS = [
    "Det er viktig at", "Erfaringene fra de siste årene viser at", "Vi foreslår at", "Tiltaket innebærer at",
    "Kommunedirektøren mener at", "Arbeidsgruppen anbefaler at", "Innbyggerundersøkelsen viser at",
]
ADVERBIAL_OPENERS = [
    "I planperioden", "Som hovedregel", "For å nå målet", "Etter plan- og bygningsloven", "Innen utgangen av 2027",
    "På bakgrunn av høringsinnspillene", "I tråd med kommuneplanens samfunnsdel", "Samtidig", "Dessuten",
    "Likevel", "Der det er mulig,", "Fra neste år", "Allerede i dag",
]
SUBJECTS = [
    "kommunen", "kommunedirektøren", "hver virksomhet", "innbyggerne", "kommunestyret", "ungdomsrådet",
    "eldrerådet", "rådet for personer med funksjonsnedsettelse", "planavdelingen", "biblioteket", "skolene",
    "barnehagene", "helse- og omsorgstjenesten", "næringslivet", "frivillige lag og foreninger",
    "kommunikasjonsavdelingen", "teknisk etat", "Nav-kontoret", "brannvesenet", "kulturhuset",
    "fylkeskommunen", "nabokommunene", "de ansatte", "lederne", "tillitsvalgte",
]
MODALS = ["skal", "bør", "kan", "vil", "må"]
VERBS = [
    "legge til rette for", "sørge for", "vurdere", "prioritere", "styrke", "utrede", "gjennomgå", "følge opp",
    "samarbeide om", "informere om", "rapportere på", "forenkle", "trappe opp", "videreføre", "evaluere",
    "ta ansvar for", "sette av midler til", "lage retningslinjer for", "involvere brukerne i",
]
OBJECTS = [
    "digitale tjenester", "medvirkning i planarbeidet", "universell utforming av nettsidene",
    "trygge skoleveier", "svartiden på henvendelser", "arbeidet med klimatilpasning", "kollektivtilbudet",
    "sosiale medier", "tilbudet til ungdom", "hjemmetjenesten", "kulturtilbudet i sentrum", "nye boligområder",
    "vedlikeholdet av kommunale bygg", "beredskapsplanene", "lavterskeltilbud", "informasjon på flere språk",
    "rutiner for personvern", "åpne data", "samarbeidet med frivilligheten", "rekrutteringen av fagfolk",
]
TAILS = [
    "", "", "", " innen utgangen av 2027", " i hele planperioden", " i samarbeid med nabokommunene",
    " når budsjettet tillater det", " etter dialog med de berørte", " med særlig vekt på de yngste",
    " slik at alle kan delta på like vilkår", " og rapportere årlig til kommunestyret",
    " uten at det går ut over kvaliteten", " i tråd med nasjonale føringer",
]
FACTS = [
    "{p} prosent av innbyggerne oppgir at de er fornøyde med tilbudet i dag.",
    "Kostnaden er anslått til {n} 000 kroner per år.",
    "Ordningen ble innført i {y} og har siden vært evaluert to ganger.",
    "Det er registrert {n} henvendelser om dette det siste året.",
    "Andelen har økt fra {q} til {p} prosent siden {y}.",
    "Se [veilederen fra Digdir](https://www.digdir.no/veileder/{n}) for nærmere omtale.",
    "Tallene er hentet fra https://www.ssb.no/statbank/table/{n} og gjelder {y}.",
]
LAWS = [
    "Kommunen skal sørge for at innbyggerne kan delta aktivt i planleggingen.",
    "Enhver har rett til innsyn i saksdokumenter, journaler og lignende registre for organet.",
    "Planleggingen skal sikre åpenhet, forutsigbarhet og medvirkning for alle berørte interesser.",
]
TABLE_COLUMNS = [
    ("Tiltak", "Ansvarlig", "Frist"), ("Kanal", "Formål", "Ansvarlig"), ("År", "Mål", "Resultat"),
    ("Område", "Kostnad (kr)", "Finansiering"),
]


def generate_draft(seed: int = 2026, *, max_bytes: int | None = None, max_units: int | None = None) -> str:
    """A draft of at most ``max_bytes`` (UTF-8) and/or about ``max_units`` units, cut at a block boundary."""
    if max_bytes is None and max_units is None:
        raise ValueError("give max_bytes, max_units or both")
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    for block in _blocks(rng):
        cost = len(block.encode("utf-8")) + 2
        if (max_bytes is not None and size + cost > max_bytes) or (max_units is not None and len(parts) >= max_units):
            break
        parts.append(block)
        size += cost
    return "\n\n".join(parts) + "\n"


def _blocks(rng: random.Random) -> Iterator[str]:
    """An endless document: introduction, then sections of subsections of blocks."""
    for _ in range(2):
        yield paragraph(rng)
    while True:
        yield "# " + _title(rng, SECTION_TOPICS)
        yield from _section_body(rng, rng.randint(1, 3))
        for _ in range(rng.randint(1, 5)):
            yield "## " + _title(rng, SUBSECTION_TOPICS)
            yield from _section_body(rng, rng.randint(2, 6))
            if rng.random() < 0.25:
                yield "### " + _title(rng, SUBSECTION_TOPICS)
                yield from _section_body(rng, rng.randint(1, 4))


def _title(rng: random.Random, topics: list[str]) -> str:
    return rng.choice(topics)


def _section_body(rng: random.Random, count: int) -> Iterator[str]:
    for _ in range(count):
        roll = rng.random()
        if roll < 0.70:
            yield paragraph(rng)
        elif roll < 0.82:
            yield sentence(rng)[:-1] + ":"  # a list usually has a lead-in of its own
            yield bullet_list(rng)
        elif roll < 0.92:
            yield numbered_list(rng)
        elif roll < 0.96:
            yield block_quote(rng)
        else:
            yield table(rng)


def sentence(rng: random.Random, *, opener: bool = True) -> str:
    subject, modal = rng.choice(SUBJECTS), rng.choice(MODALS)
    rest = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    roll = rng.random() if opener else 1.0
    if roll < 0.2:
        text = f"{rng.choice(CLAUSE_OPENERS)} {subject} {modal} {rest}"
    elif roll < 0.4:
        text = f"{rng.choice(ADVERBIAL_OPENERS)} {modal} {subject} {rest}"
    else:
        text = f"{subject} {modal} {rest}"
    return text[0].upper() + text[1:]


def fact(rng: random.Random) -> str:
    return rng.choice(FACTS).format(
        p=rng.randint(12, 94), q=rng.randint(5, 60), n=rng.randint(3, 990), y=rng.randint(2012, 2025)
    )


def paragraph(rng: random.Random) -> str:
    sentences = [sentence(rng)]
    for _ in range(rng.randint(2, 7)):
        roll = rng.random()
        sentences.append(fact(rng) if roll < 0.25 else sentence(rng, opener=roll < 0.5))
    if rng.random() < 0.15:
        sentences[-1] = sentences[-1][:-1] + ", jf. **punkt " + f"{rng.randint(1, 9)}.{rng.randint(1, 9)}**."
    return " ".join(sentences)


def bullet_list(rng: random.Random) -> str:
    return "\n".join(f"- {sentence(rng, opener=False)}" for _ in range(rng.randint(3, 7)))


def numbered_list(rng: random.Random) -> str:
    return "\n".join(f"{n}. {sentence(rng, opener=False)}" for n in range(1, rng.randint(3, 8)))


def block_quote(rng: random.Random) -> str:
    return f"> {rng.choice(LAWS)} (plan- og bygningsloven § {rng.randint(1, 30)}-{rng.randint(1, 9)})"


def table(rng: random.Random) -> str:
    columns = rng.choice(TABLE_COLUMNS)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for _ in range(rng.randint(4, 9)):
        cells = [rng.choice(OBJECTS).capitalize(), rng.choice(SUBJECTS).capitalize(), str(rng.randint(2026, 2030))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
