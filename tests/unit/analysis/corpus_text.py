"""The rest of what the generated consultation corpus (corpus.py) is made of: three form letters
for campaigns, the units they comment on, and the small talk that real comments carry (who the
writer is, greetings, thanks, signatures, reasons, word swaps). The themes are in corpus_themes.py.
"""

# Form letters: (theme, stance, unit, sentences).
LETTERS = {
    "bevar-skolen": ("skole", "against", "2.1", [
        "Vi som skriver under, er sterkt imot forslaget om å legge ned Haugen skole.",
        "Skolen er et trygt og godt sted for barna våre, og den har gode resultater år etter år.",
        "En nedleggelse vil bety at de yngste barna må sitte over en time på buss hver dag.",
        "Skoleveien til Sentrum skole går langs en fylkesvei uten fortau og gatelys.",
        "Erfaringer fra andre kommuner viser at barnefamilier flytter når nærskolen forsvinner.",
        "Kommunen har heller ikke utredet hva det vil koste å oppgradere veien og skyssen.",
        "Vi ber derfor kommunestyret om å stemme nei til nedleggelse og la Haugen skole bestå.",
    ]),
    "ja-til-svommeanlegg": ("svømmehall", "support", "4.1", [
        "Jeg støtter planene om et nytt svømmeanlegg i kommunen.",
        "I dag har vi bare ett lite basseng, og mange barn går ut av barneskolen uten å kunne svømme.",
        "Et nytt anlegg med 25-metersbasseng og opplæringsbasseng gir plass til skolesvømming, "
        "svømmeklubb og publikum.",
        "Anlegget blir også viktig for eldre og for rehabilitering etter sykdom.",
        "Prisen er høy, men det koster mer å la være å investere i folkehelse.",
        "Bygg svømmeanlegget nå, før byggeprisene stiger enda mer.",
    ]),
    "opne-kommentarfelt": ("kommentarfelt", "against", "5.1", [
        "Eg er imot at kommunen stengjer kommentarfelta sine på sosiale medium.",
        "Kommentarfelta er ein viktig stad der innbyggjarane kan seie meininga si og stille spørsmål.",
        "Det finst betre måtar å handtere hets på enn å stengje for alle.",
        "Kommunen kan slette innlegg som bryt med reglane og utestengje dei som trakasserer andre.",
        "Ytringsfridomen er for viktig til at han skal ofrast for å gjere kvardagen enklare for kommunen.",
        "Eg ber om at kommentarfelta blir haldne opne.",
    ]),
}

UNITS = {
    "skole": ["2.1", "2.2", "2.3"],
    "trafikk": ["3.1", "3.2"],
    "svømmehall": ["4.1", "4.2"],
    "kommentarfelt": ["5.1", "5.2"],
    "bibliotek": ["6.1"],
    "buss": ["7.1", "7.2"],
}

PERSONAL = {
    "nb": [
        "Jeg har bodd på {stad} i {aar} år.",
        "Som forelder til {barn} barn på {stad} er dette viktig for meg.",
        "Jeg skriver på vegne av hele familien på {stad}.",
        "Vi bor på {stad} og blir direkte berørt.",
        "Jeg har fulgt saken i lokalavisen siden {aar_igjen}. klasse, som det heter hjemme hos oss.",
        "Jeg er pensjonist fra {stad} og har god tid til å engasjere meg.",
        "Som ung innbygger på {stad} vil jeg også si min mening.",
        "Jeg har jobbet i kommunen i {aar} år og bor på {stad}.",
    ],
    "nn": [
        "Eg har budd på {stad} i {aar} år.",
        "Me bur på {stad} og blir direkte råka.",
        "Eg har {barn} born, og me har budd på {stad} sidan {aar_igjen}. klasse.",
        "Me er ein familie på {antall} på {stad}.",
    ],
    "en": ["I moved to {stad} {aar} years ago.", "I am writing as a parent of {barn} children in {stad}.",
           "We are a family of {antall} living in {stad}."],
}

GREETINGS = {
    "nb": ["Hei!", "Hei.", "Hallo.", "God dag.", "Til kommunen:"],
    "nn": ["Hei!", "Hallo.", "God dag."],
    "en": ["Hello.", "Dear council,"],
}

CLOSINGS = {
    "nb": ["Takk for at dere lytter.", "Håper dere tar hensyn til dette.", "Jeg ser fram til svar.",
           "Takk for muligheten til å si min mening."],
    "nn": ["Takk for at de lyttar.", "Håpar de tek omsyn til dette."],
    "en": ["Thank you for listening.", "I hope you take this into account."],
}

SIGNATURES = ["Mvh {navn}", "Med vennlig hilsen\n{navn}", "Hilsen {fornavn}", "{navn}", "Vennlig hilsen {navn}"]

SHORT_REPLIES = ["Enig!", "Helt enig.", "Godt sagt!", "Dette er jeg enig i.", "Nei, dette blir feil.", "+1", "Takk!"]

FIRST_NAMES = """Kari Ola Ingrid Lars Nora Emil Sofie Jonas Ida Magnus Emma Henrik Sara Tobias Maja Sander
Hanna Elias Ingeborg Mathias Astrid Olav Sigrid Even Marit Kristian Solveig Eirik Tone Håkon Liv Aksel
Randi Petter Ragnhild Sindre Åse Torbjørn Gunn Øystein""".split()
LAST_NAMES = """Nordmann Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen
Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen
Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen
Paulsen Bakken Kristoffersen Mathisen Lie Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe
Nygård Bakke Kristensen Fredriksen Holm Lien Hauge Christensen Andresen Nielsen Knudsen Evensen Sæther
Aas Myhre Hanssen Ahmed Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik Rønning
Arnesen Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen Gulbrandsen Ruud Aasen
Strøm Myklebust Tangen Ødegård Eliassen Helland Bøe Jenssen Aune Mikkelsen Tveit Brekke Abrahamsen
Madsen""".split()

ORGANISATIONS = {
    "skole": ["Haugen FAU", "Utdanningsforbundet lokallag", "Haugen bygdelag"],
    "trafikk": ["Syklistforeningen lokallag", "Trygg Trafikk", "Storgata velforening"],
    "svømmehall": ["Svømmeklubben Bølgen", "Idrettsrådet", "Pensjonistforeningen"],
    "kommentarfelt": ["Norsk Journalistlag lokallag", "Ungdomsrådet", "Fagforbundet avdeling 12"],
    "bibliotek": ["Venneforeningen for biblioteket", "Studentsamskipnaden", "Bokklubben Lesehesten"],
    "buss": ["Eldrerådet", "Nordby velforening", "Pendlerforeningen"],
}

# Reasons appended to a theme sentence (", fordi ..."), per theme and stance: real comments rarely
# repeat each other sentence for sentence, and these keep the generated ones apart too.
REASONS = {
    "skole": {
        "against": ["fordi barna trenger en skole i nærmiljøet", "siden bussturen blir altfor lang for de minste",
                    "for bygda mister sin viktigste møteplass", "fordi ingen har regnet på kostnadene ved skyss"],
        "support": ["fordi elevene får flere å lære sammen med", "siden elevtallet har falt i ti år",
                    "for kommunen må bruke pengene der elevene er"],
    },
    "trafikk": {
        "support": ["fordi bilene kjører altfor fort der", "siden mange barn krysser veien hver morgen",
                    "for det har vært flere nestenulykker i vinter"],
        "against": ["fordi trafikken flyter fint i dag", "siden tiltakene bare flytter trafikken til boligveiene"],
    },
    "svømmehall": {
        "support": ["fordi mange barn ikke kan svømme", "siden dagens basseng er stengt store deler av året"],
        "against": ["fordi kommunen allerede har stor gjeld", "siden driften vil koste mange millioner i året"],
    },
    "kommentarfelt": {
        "support": ["fordi hetsen går ut over de ansatte", "siden mange ikke tør å skrive noe lenger"],
        "against": ["fordi innbyggerne har rett til å kritisere kommunen",
                    "siden åpen debatt er en del av demokratiet"],
    },
    "bibliotek": {
        "support": ["fordi mange jobber på dagtid", "siden biblioteket er eneste gratis møteplass"],
        "against": ["fordi ansatte er det som gjør biblioteket til et bibliotek",
                    "siden barn og eldre trenger hjelp"],
    },
    "buss": {
        "support": ["fordi mange pendler til byen hver dag", "siden bussen er eneste alternativ til bilen"],
        "against": ["fordi mange eldre ikke har bil", "siden gangavstanden til nærmeste stopp blir for lang"],
    },
}

# Sentences about the writer's own situation, with slots that make most of them unique.
DETAILS = {
    "skole": [
        "Min {relasjon} på {alder} år går i {klasse}. klasse på {skole}.",
        "Vi har {antall} barn som går på skolen, og den yngste begynner om {aar_igjen} år.",
        "Jeg var selv elev på {skole} for {aar} år siden.",
    ],
    "trafikk": [
        "Jeg {ferdsel} langs {gate} {frekvens}.",
        "Min {relasjon} på {alder} år går til trening langs {gate} {frekvens}.",
        "I forrige {periode} var jeg nær ved å bli påkjørt i krysset ved {gate}.",
    ],
    "svømmehall": [
        "Min {relasjon} på {alder} år har gått på svømmekurs i {aar_igjen} år.",
        "Jeg trener i bassenget {frekvens} og har gjort det i {aar} år.",
        "Vi kjører {antall} mil for å komme til nærmeste svømmehall i dag.",
    ],
    "kommentarfelt": [
        "Jeg har selv fått stygge kommentarer på {plattform} etter et innlegg om {tema}.",
        "Jeg leser kommunens innlegg på {plattform} {frekvens}.",
        "Min {relasjon} jobber i kommunen og har opplevd hets i kommentarfeltet.",
    ],
    "bibliotek": [
        "Jeg besøker biblioteket {frekvens} og låner rundt {antall} bøker hver gang.",
        "Min {relasjon} på {alder} år gjør lekser på biblioteket etter skolen.",
        "Jeg jobber til klokka {kl_slutt} og rekker sjelden biblioteket på hverdager.",
    ],
    "buss": [
        "Jeg tar {rute} til jobb {frekvens}.",
        "Min {relasjon} på {alder} år er avhengig av bussen for å komme til legen.",
        "Det tar meg {minutter_gange} minutter å gå til nærmeste busstopp i dag.",
    ],
}

DETAIL_SLOTS = {
    "relasjon": ["sønn", "datter", "nabo", "barnebarn", "mor", "far", "nevø", "niese"],
    "alder": [str(n) for n in range(6, 16)] + ["70", "78", "84"],
    "klasse": [str(n) for n in range(1, 8)],
    "antall": [str(n) for n in range(2, 7)],
    "aar_igjen": [str(n) for n in range(1, 6)],
    "ferdsel": ["sykler", "går", "kjører", "løper", "triller barnevogna"],
    "frekvens": ["hver dag", "flere ganger i uka", "hver morgen", "i helgene", "omtrent hver uke"],
    "periode": ["uke", "måned", "vinter", "høst"],
    "tema": ["skolesaken", "bompenger", "vindkraft", "eiendomsskatt", "hytteutbygging"],
    "kl_slutt": ["16", "17", "18"],
    "minutter_gange": [str(n) for n in range(10, 31, 5)],
}

# Word swaps that make two writers' versions of the same thought differ, as real writers' do.
SYNONYMS = {
    "nb": {
        "barna": ["ungene", "barna våre"], "viktig": ["avgjørende", "svært viktig"], "mye": ["svært mye", "langt"],
        "må": ["bør", "skal"], "bør": ["må", "burde"], "kommunen": ["kommuna", "politikerne"],
        "veldig": ["svært", "ganske"], "bra": ["fint", "positivt"], "mange": ["svært mange", "flere"],
        "hver dag": ["daglig", "hver eneste dag"], "eldre": ["de eldre", "pensjonister"],
        "trenger": ["har behov for", "er avhengige av"], "endelig": ["omsider", "heldigvis"],
        "gjør": ["vil gjøre", "kan gjøre"], "vil": ["kommer til å", "kan"], "tryggere": ["sikrere", "tryggere"],
        "dårlig": ["uheldig", "svakt"], "flott": ["godt", "kjempebra"], "stenge": ["lukke", "stenge ned"],
    },
    "nn": {
        "borna": ["ungane", "borna våre"], "viktig": ["avgjerande", "svært viktig"], "må": ["bør", "skal"],
        "bør": ["må", "burde"], "kommunen": ["kommuna", "politikarane"], "eit": ["eitt", "eit"],
        "godt": ["fint", "bra"], "dyrt": ["kostbart", "dyrt"],
    },
    "en": {"should": ["must", "ought to"], "very": ["really", "truly"], "children": ["kids", "young children"]},
}

PLACES = ["Haugen", "Lia", "Nordby", "Sjøsiden", "Bakken", "Moen", "Åsen", "Vika", "Dalen", "Holtet",
          "Sentrum", "Øvre Myra"]

# Everyone says something about themselves nobody else says in just those words.
IDIOSYNCRATIC = {
    "nb": [
        "Selv jobber jeg som {yrke} og bor på {stad} med {dyr}.",
        "På fritiden driver jeg med {hobby}, og jeg har bodd på {stad} i {aar} år.",
        "Til daglig pendler jeg {pendling} kilometer til jobben som {yrke}.",
    ],
    "nn": [
        "Sjølv jobbar eg som {yrke} og bur på {stad} med {dyr}.",
        "På fritida driv eg med {hobby}, og eg har budd på {stad} i {aar} år.",
    ],
    "en": ["I work as a {yrke_en} and live in {stad} with {dyr_en}."],
}
IDIOSYNCRATIC_SLOTS = {
    "yrke": ["sykepleier", "lærer", "snekker", "elektriker", "butikkmedarbeider", "bonde", "ingeniør",
             "renholder", "frisør", "sjåfør", "student", "regnskapsfører", "kokk", "fysioterapeut"],
    "dyr": ["to katter", "en hund", "tre høner", "en kanin", "en gammel hest", "et akvarium", "to papegøyer"],
    "hobby": ["orientering", "korsang", "fotball", "strikking", "fiske", "langrenn", "sjakk", "fotografering",
              "friluftsliv", "brettspill"],
    "pendling": [str(n) for n in range(3, 80, 4)],
    "yrke_en": ["nurse", "teacher", "carpenter", "engineer", "student", "chef"],
    "dyr_en": ["two cats", "a dog", "three hens", "a rabbit"],
}
