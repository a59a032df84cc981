"""Word lists for Norwegian comments: stop words (bokmål, nynorsk, English), words that every
consultation uses and so never make a useful theme, greetings, and nynorsk-to-bokmål spellings.

No package ships stop words for both written standards, so these lists were assembled for hoering
from the function words of each standard (pronouns, determiners, prepositions, conjunctions,
auxiliary and modal verbs, common adverbs). They are plain lower-case words; text.py lemmatises and
stems them the same way it treats the comments, so one entry covers the inflected forms.
"""
from __future__ import annotations

BOKMAAL_STOP_WORDS = frozenset("""
alle aller allerede alltid alt altså andre annen annet at av bak bare begge ble bli blir blitt bort
bra både bør burde da de deg dem den denne der dere deres derfor dermed dessuten det dette din dine
disse ditt du egentlig eller en ene eneste enda enn ennå er et ett etter faktisk for fordi forhold
fra få får fått før først ganske gikk gjennom gjerne gjort gjør gjøre god godt gå går ha hadde han
hans har hatt hele heller helt hennes her hos hun hva hvem hver hvert hvilke hvilken hvis hvor
hvordan hvorfor i igjen ikke ikkje imot inn innen ja jeg jo kan kanskje kom komme kommer kun kunne
langs likevel litt man mange med meg mellom men mens mer mest min mine mitt mot mye må måtte ned
nei noe noen nok nå når og også om opp oss over på rundt sa samme sammen se seg selv ser si siden
sier sin sine sitt skal skulle slik som så sånn til tror uten ut utenfor ved veldig var vel vi
vil ville vår våre vårt være vært å ofte snart stadig svært mye ingen ingenting noenting hverandre
""".split())

NYNORSK_STOP_WORDS = frozenset("""
allereie alltid andre anna annan berre bør burde då dei deira deim denne der desse difor dit dykk
dykkar eg ein eit eitt eigentleg einannan enno etter frå fleire gjer gjere gjorde heile heilt
heller hennar hjå ho ikkje inga ingen ingenting inkje kva kvar kvarandre kven kvifor kor korleis
likevel me medan meir mest mi mine mitt mykje nokon noko nokre nokså no òg også sidan sjølv
sjølvsagt skal skulle slik so som såg utan vart vere verte vert vore viss dersom fekk ville
""".split())

ENGLISH_STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing done down during each even few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves please think really
""".split())

# Words every consultation uses: they are real words, but as theme keywords they give the vague
# catch-all labels caseworkers complain about ("forslag, kommunen, viktig").
CONSULTATION_WORDS = frozenset("""
høring høringen høringssvar høyring høyringa høyringssvar forslag forslaget framlegg framlegget
kommune kommunen kommunestyre kommunestyret innspill innspel uttalelse fråsegn mener meiner
synes syns tykkjer tenker trur ønsker ønskjer viktig viktige sak saken saka mvh hilsen helsing
kommunal kommunale kommunalt kommunens strategi strategien strategier plan planen punkter punkta
vennlig venleg takk tusen hei hallo kjære dokument dokumentet punkt punktet paragraf avsnitt
consultation proposal council municipality comment comments
""".split())

# Everyday verbs, time words and vague adjectives: real words, but as keywords they say nothing
# about a theme ("tar, dag, nye"). Like CONSULTATION_WORDS they are left out of theme terms.
GENERIC_WORDS = frozenset("""
ta tar tok tatt gi gir ga gitt la lar sette setter satt stå står sto ligge ligger lå bruke bruker
brukt dag dager dagen dagene år året årene uke uka uken gang ganger gangen tid tiden måte måten
del delen deler ting tingen sted stedet folk ny nye nytt stor store større størst liten lite små
mindre lang lange lengre lenger egen eget egne mulig nok slik vanlig vanlige riktig gjelder nær
vite vet visste veit lage lager laget lagd fungere fungerer fungerte fungert trenge trenger trengte
trengs hjelpe hjelper hjalp bo bor bodde vurdere vurderer kreve krever krevde sjekke sjekker endre
endrer endret endres endelig tilbake følge følger fulgte skje skjer skjedde skjedd samlet samla
to tre fire fem seks sju syv åtte ni ti første andre tredje setning setningen liste lista listen
fin fint fine bra god godt gode dårlig dårlige holde holder holdt aldri alltid ofte fortsatt fast
særlig spesielt nevnt nevner nevne finnes fins rett forstå forstår forklare forklarer søke søker
gje gjev gjeve gav enig einig uenig ueinig poeng side sida siden kritisk kritikk tall tallene prosent
vanskelig vanskelige lett lettere enkel enkelt enkle rask raskt helst greit greitt nettopp par fall
kjem kommer komme kom spørre spør slutter slutte trekke fornuftig
work works worked live lives lived living year years ago moved day days time people family really
direkte berørt berørte råka råkar ramma rammet hensyn omsyn håper håpar lytter lyttar mening meining
""".split())

# Words that make a sentence a greeting or a sign-off rather than something the person said.
GREETING_WORDS = frozenset("""
hei hallo heisann god dag morn kjære til med vennlig venleg hilsen hilsener helsing helsingar
kommunen kommunestyret kommunestyre ordføreren rådmannen politikerne
beste mvh vh m v h fra frå og takk tusen for dear hello hi regards best kind sincerely yours
from thanks thank you
""".split())

# First words of a sentence that leans on the one before ("Da har de fleste gitt opp.", "Men det koster."):
# quoted alone it says nothing, so a quote takes it with the sentence it leans on (summarise.py).
LEANING_OPENERS = frozenset("""
da så men derfor dermed likevel dessuten altså han hun ho slik sånn samtidig ellers isteden istedenfor
tvert heller uansett then but so therefore however otherwise
""".split())
# "Da jeg kom …", "Da vannet ble stengt, …": "da" opening a clause of its own ("when") does not point
# back. Told by the subject that follows it: a pronoun, or a noun in its definite form before a comma.
SUBJECT_PRONOUNS = frozenset("jeg eg vi me du dere de dei han hun ho hen man en folk alle".split())
DEFINITE_ENDINGS = ("et", "en", "a", "ene", "ane", "ne")
# Words that point back only when a verb follows them ("Dette må endres.", "Det er for dyrt."); before a
# noun ("Dette forslaget …", "Det nye bassenget …") or another verb ("Det kjører mye tungtrafikk …") they
# name their subject or hold a place, and the sentence stands alone.
POINTING_WORDS = frozenset("dette disse denne det den de dei dem der this these that those it they".split())
VERBS_AFTER_A_POINTER = frozenset("""
er var blir ble vert vart vil kan må bør skal skulle burde har hadde gjelder handler koster gir gjør
betyr fører hjelper virker fungerer høres ser trenger mangler
is was will would can could must should seems has have does means costs
""".split())
# …unless a clause follows: "Det er viktig at …", "De som bor i sentrum …" (a placeholder, not a pointer).
PLACEHOLDER_CLAUSE_WORDS = frozenset("at å som om to that if whether who which".split())

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset("""
bl.a f.eks dvs ca nr kl jf mht evt ev osv m.m pga vedr inkl ang tlf mrd mill kr e.l o.l m.fl
etc e.g i.e no mr mrs dr st prof
""".split())

# Nynorsk lemmas mapped to their bokmål lemma, so that a nynorsk and a bokmål comment on the same
# matter share words (skulen -> skule -> skole). Parts of compounds are rewritten too when they are
# at least five letters long (skulevegen -> skuleveg -> skolevei): see text.py.
NYNORSK_TO_BOKMAAL = {
    # places, roads, schools and the consultation itself
    "skule": "skole", "skuleveg": "skolevei", "skulebuss": "skolebuss", "ungdomsskule": "ungdomsskole",
    "barneskule": "barneskole", "nærskule": "nærskole", "grendeskule": "grendeskole",
    "høyring": "høring", "høyringsfrist": "høringsfrist", "høyringsnotat": "høringsnotat",
    "veg": "vei", "gangveg": "gangvei", "sykkelveg": "sykkelvei", "fylkesveg": "fylkesvei",
    "heim": "hjem", "stad": "sted", "bustad": "bolig", "haldeplass": "holdeplass",
    "symje": "svømme", "symjing": "svømming", "symjehall": "svømmehall", "symjebasseng": "svømmebasseng",
    "symjeopplæring": "svømmeopplæring", "opningstid": "åpningstid", "opning": "åpning",
    # people
    "born": "barn", "lærar": "lærer", "innbyggjar": "innbygger", "tilsett": "ansatt",
    "politikar": "politiker", "dotter": "datter", "son": "sønn", "syster": "søster", "lånar": "låner",
    # things and matters
    "tryggleik": "sikkerhet", "trafikktryggleik": "trafikksikkerhet", "fridom": "frihet",
    "ytringsfridom": "ytringsfrihet", "meining": "mening", "nedlegging": "nedleggelse", "ulukke": "ulykke",
    "køyring": "kjøring", "kvardag": "hverdag", "pengar": "penger", "skattepengar": "skattepenger",
    "tilbod": "tilbud", "veke": "uke", "morgon": "morgen", "sommar": "sommer", "haust": "høst",
    "laurdag": "lørdag", "sundag": "søndag", "måndag": "mandag", "tysdag": "tirsdag", "avgjerd": "avgjørelse",
    "utgreiing": "utredning", "haldning": "holdning", "framtid": "fremtid", "moglegheit": "mulighet",
    "teneste": "tjeneste", "utval": "utvalg", "bøker": "bok",
    # verbs
    "bu": "bo", "kome": "komme", "gjere": "gjøre", "seie": "si", "sjå": "se", "fortelje": "fortelle",
    "meine": "mene", "tenkje": "tenke", "tykkje": "synes", "høyre": "høre", "spørje": "spørre",
    "setje": "sette", "leggje": "legge", "liggje": "ligge", "sitje": "sitte", "køyre": "kjøre",
    "følgje": "følge", "byggje": "bygge", "velje": "velge", "behalde": "beholde", "halde": "holde",
    "stengje": "stenge", "opne": "åpne", "auke": "øke", "søkje": "søke", "øydeleggje": "ødelegge",
    "skilje": "skille", "gløyme": "glemme", "vekse": "vokse", "trivast": "trives", "ynskje": "ønske",
    "ønskje": "ønske", "jobbe": "jobbe",
    # adjectives
    "open": "åpen", "farleg": "farlig", "vanskeleg": "vanskelig", "mogleg": "mulig", "naudsynt": "nødvendig",
    "einaste": "eneste", "eigen": "egen", "gammal": "gammel", "dårleg": "dårlig", "billeg": "billig",
    "særleg": "særlig", "tydeleg": "tydelig", "vanleg": "vanlig", "ansvarleg": "ansvarlig",
    "offentleg": "offentlig", "framtidig": "fremtidig", "auka": "økt",
}

# Theme labels (labels.py) tell a noun from a verb by the word before or after it in the theme's own
# comments. A word after one of these is used as a verb: the infinitive mark, modal verbs, subject
# pronouns. ("de", "dei", "det", "den" and "dette" are left out: they are as often determiners.)
BEFORE_A_VERB = frozenset("""
å må skal kan vil bør burde kunne skulle ville måtte jeg vi du dere han hun man eg me ho
will would can could should must shall might we they he she
""".split())
# …after one of these, as a noun (or the adjectives before one, "på sosiale medier"): articles,
# determiners, possessives, quantifiers and prepositions.
BEFORE_A_NOUN = frozenset("""
en ei et ein eit denne disse desse min mitt mine din ditt dine sitt sine vår vårt våre deres hans
hennes dykkar deira mange flere fleire alle noen nokon nokre ingen inga hver hvert kvar kvart begge
på i til av med om fra frå ved hos mot uten utan under etter over gjennom mellom langs hjå blant for at
the a an this these those our their my your its every each some many of in on with about from into without
""".split())
# …after one of these, as an adjective or a participle: a predicate ("er stengt") or a degree ("svært
# dyrt"). ("ikke" and "aldri" are left out: a verb, an adjective or an object may follow them.)
BEFORE_A_PREDICATE = frozenset("""
er var blir ble vert vart være vere bli vorte blitt veldig svært altfor ganske
is are was were be been become very too
""".split())
# A word before one of these is a verb: object pronouns follow verbs (and prepositions, which are
# stop words anyway): "stenger dem", "hjelper oss".
AFTER_A_VERB = frozenset("meg deg seg oss dem dykk deim henne ham honom us them me him".split())
# …and so is a word before one of these, unless a function word comes before it ("Bussen kjører
# ikke", but "at bussen ikke kjører").
NEGATIONS = frozenset("ikke ikkje inkje aldri not never".split())
# Endings that make a word a noun (definite plurals, -ing, -het, -else, -sjon) or, with less
# certainty, a definite singular (-en, -et, -a: also past tenses such as "åpnet", "stengda").
NOUN_ENDINGS = ("ene", "ane", "ing", "inga", "ingen", "ingar", "inger", "het", "heten", "heit", "heita",
                "else", "elsen", "sjon", "sjonen", "sjoner", "skap", "skapet", "tion", "tions", "ness", "ment")
DEFINITE_SINGULAR_ENDINGS = ("en", "et", "a")
# Endings of a present tense (-r, -s) when the word is an inflected form of an infinitive
# ("ødelegger", "stenges"): labels.py checks the lemma.
PRESENT_TENSE_ENDINGS = ("r", "s")
# …and of a past tense or a participle ("målt", "stengte", "åpnet", "brydd").
PAST_TENSE_ENDINGS = ("t", "te", "de", "dd")
# Endings of adjectives, which may open a heading ("Universell utforming") but not close it.
ADJECTIVE_ENDINGS = ("ig", "ige", "lig", "lige", "leg", "lege", "isk", "iske", "ell", "elle", "som", "same",
                     "ive", "ful", "ous", "able", "ible")
# Connectors a heading may hold between two content words ("Universell utforming av skolebyggene").
HEADING_CONNECTORS = frozenset("av for til i på med om ved fra frå hos mot uten utan og of in on with and".split())
# Times of day, week and year: a heading never closes with one. Alone they name no subject
# ("Kveld"), and after a connector they make an adverbial ("rekker biblioteket på hverdager").
TIME_WORDS = frozenset("""
morgen formiddag ettermiddag kveld natt døgn klokke klokka klokken helg hverdag ukedag kveldstid dagtid
helgedag vinter sommer høst jul påske ferie skoleferie sommerferie måned månad kvartal semester skoleår
mandag tirsdag onsdag torsdag fredag lørdag søndag januar februar mars april mai juni juli august
september oktober november desember morgon sommar haust måndag tysdag laurdag sundag
morning evening night weekend weekday winter summer autumn monday tuesday wednesday thursday friday
saturday sunday
""".split())
# Adverbs and vague adjectives that the stop word lists let through: a heading never opens or closes
# with one ("Dessverre stengt", "Helt nødvendig", "Gamle bassenget"). Nor with the residents, whom
# every consultation is about ("Innbyggerne" headed the demo's theme on closed comment fields).
NOT_HEADING_EDGES = frozenset("""
dessverre heldigvis utrolig utruleg absolutt ulike ulik ulikt forskjellige forskjellig nødvendig naudsynt
klar klart klare tydelig tydeleg ekstra positiv positive negativ negative verre verst høyt høgt sjelden
sjeldan framleis fremdeles sist siste forrige neste nesten kjempe heilt skikkelig skikkeleg grundig
grundige mye mykje lite akkurat derimot tidligere tidlegare senere seinare snarest straks gjerne
personlig personleg generelt generell særs ordentlig ordentleg konkret konkrete stadig gammel gamle
gammelt gamalt gamal
unfortunately fortunately absolutely different necessary clear
innbygger innbyggere innbyggerne innbyggjar innbyggjarar innbyggjarane resident residents citizen citizens
""".split())
