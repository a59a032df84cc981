"""English comments in a Norwegian consultation: telling them apart, and their words in bokmål.

A few comments in every municipality are written in English. Left as they are, their words share
nothing with the Norwegian comments on the same matter, so they would gather in a theme of their
own, about every topic at once ("school, children, parent"). Two things prevent that:

* ENGLISH_TO_BOKMAAL gives the bokmål word for the English words that consultations about schools,
  roads, transport, buildings, health, culture and the municipality's economy use, so "school" and
  "skolen" meet in one term and an English comment can join the theme of its topic;
* themes.find_themes lets only the Norwegian comments shape the themes: an English comment is
  placed afterwards in the nearest theme, or none, and never starts one of its own.

The glossary is small on purpose: words with one clear Norwegian sense, in their dictionary form
(plurals and -ing forms are found by english_lemma). A word it does not know stays English.
"""
from __future__ import annotations

ENGLISH_TO_BOKMAAL = {
    # people
    "child": "barn", "children": "barn", "kid": "barn", "pupil": "elev", "student": "elev", "parent": "forelder",
    "family": "familie", "teacher": "lærer", "resident": "innbygger", "citizen": "innbygger", "elderly": "eldre",
    "pensioner": "pensjonist", "neighbour": "nabo", "neighbor": "nabo", "youth": "ungdom", "people": "folk",
    "employee": "ansatt", "staff": "ansatt", "politician": "politiker", "council": "kommunestyre",
    "municipality": "kommune", "passenger": "passasjer", "driver": "sjåfør", "cyclist": "syklist",
    "pedestrian": "fotgjenger", "wheelchair": "rullestol", "user": "bruker", "village": "bygd",
    "community": "lokalsamfunn",
    # school
    "school": "skole", "class": "klasse", "classroom": "klasserom", "teaching": "undervisning",
    "education": "utdanning", "kindergarten": "barnehage", "playground": "lekeplass", "gym": "gymsal",
    "closure": "nedleggelse", "merger": "sammenslåing", "merge": "sammenslåing", "homework": "lekser",
    "disability": "funksjonsnedsettelse", "disabled": "funksjonsnedsettelse", "accessibility": "tilgjengelighet",
    "accessible": "tilgjengelig", "lift": "heis", "elevator": "heis", "ramp": "rampe", "step-free": "trinnfri",
    "hearing": "hørsel", "sight": "syn", "loop": "teleslynge", "adaptation": "tilrettelegging",
    # buildings
    "building": "bygg", "roof": "tak", "mould": "mugg", "mold": "mugg", "ventilation": "ventilasjon",
    "renovation": "rehabilitering", "maintenance": "vedlikehold", "indoor": "inneklima", "damp": "fukt",
    "leak": "lekkasje", "construction": "byggearbeid",
    # roads and transport
    "road": "vei", "street": "gate", "traffic": "trafikk", "car": "bil", "speed": "fart", "limit": "grense",
    "sidewalk": "fortau", "pavement": "fortau", "crossing": "gangfelt", "bike": "sykkel", "bicycle": "sykkel",
    "cycle": "sykkel", "accident": "ulykke", "safety": "sikkerhet", "safe": "trygg", "light": "lys",
    "lighting": "belysning", "bus": "buss", "stop": "stopp", "route": "rute", "timetable": "rutetabell",
    "departure": "avgang", "train": "tog", "ticket": "billett", "fare": "billettpris", "commute": "pendle",
    "ambulance": "ambulanse", "bump": "fartsdump", "snow": "snø", "parking": "parkering",
    # culture and leisure
    "library": "bibliotek", "book": "bok", "opening": "åpningstid", "hours": "åpningstid", "sunday": "søndag",
    "saturday": "lørdag", "weekend": "helg", "evening": "kveld", "pool": "basseng", "swimming": "svømming",
    "swim": "svømme", "sport": "idrett", "club": "klubb", "culture": "kultur", "park": "park",
    # economy
    "budget": "budsjett", "cost": "kostnad", "money": "penger", "saving": "innsparing", "savings": "innsparing",
    "tax": "skatt", "loan": "lån", "debt": "gjeld", "investment": "investering", "expense": "utgift",
    "afford": "råd", "expensive": "dyr", "cheap": "billig", "price": "pris", "fee": "avgift", "grant": "tilskudd",
    # the municipality's channels
    "comment": "kommentar", "field": "felt", "facebook": "facebook", "social": "sosial", "media": "medier",
    "post": "innlegg", "harassment": "hets", "hate": "hets", "moderation": "moderering", "debate": "debatt",
    "democracy": "demokrati", "speech": "ytring", "freedom": "frihet",
    # health and care
    "health": "helse", "doctor": "lege", "hospital": "sykehus", "nursing": "sykehjem", "care": "omsorg",
    "rehabilitation": "rehabilitering",
}

# Frequent words only English uses (not "for", "at" or "by", which Norwegian uses too): a comment
# with more of them than of Norwegian marker words is English.
ENGLISH_MARKERS = frozenset("""the and is are was were of to should would could this that which with have has
it not be we they our you your please on from what why how there their""".split())


def english_lemma(word: str) -> str | None:
    """The glossary's bokmål word for a lower-case English word, its plural or -ing form, or None."""
    for candidate in _dictionary_forms(word):
        found = ENGLISH_TO_BOKMAAL.get(candidate)
        if found:
            return found
    return None


def _dictionary_forms(word: str):
    yield word
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 3:
        yield word[:-2]
    if word.endswith("s") and len(word) > 3:
        yield word[:-1]
    if word.endswith("ing") and len(word) > 5:
        yield word[:-3]
        yield word[:-3] + "e"
