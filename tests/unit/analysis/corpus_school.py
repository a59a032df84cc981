"""Three topics of a school-structure plan that share most of their words with each other and with
the school-closure topic of corpus_themes.py: the economy of the schools, universal design for pupils
with disabilities, and the state of the school buildings. Comments on them all speak of "skolen",
"elevene", "bygget" and "kommunen"; what tells them apart is a handful of words each. This is where
a clustering that follows the most frequent words folds two topics into one theme (issue 20).

Also their form letter (in nynorsk), units, organisations, reasons and the writers' own situations.
"""

SCHOOL_THEMES = {
    "økonomi": {
        "slots": {"millioner": ["2", "3,5", "4", "6"], "prosent": ["20", "30", "40"]},
        "nb": {
            "support": [
                "Kommunen har ikke råd til å drive fire små skoler med dagens budsjett.",
                "Driftsutgiftene per elev er nesten dobbelt så høye på de minste skolene.",
                "Innsparingen på driften kan gå til flere lærere og bedre undervisning.",
                "Kommuneøkonomien er stram, og skolebudsjettet må brukes der det gir mest.",
                "Det er fornuftig å redusere kostnadene når elevtallet synker.",
                "Vi kan ikke ta opp mer lån når gjelden allerede er så høy.",
                "Sammenslåingen sparer kommunen for {millioner} millioner kroner i året.",
            ],
            "against": [
                "Regnestykket for innsparingen tar ikke med utgiftene til skoleskyss.",
                "Kostnadene ved å bygge ny skole blir mye høyere enn rådmannen anslår.",
                "Økonomiske innsparinger må ikke gå foran barnas beste.",
                "Budsjettet viser at besparelsen bare er {millioner} millioner kroner i året.",
                "Lånekostnadene for en ny storskole vil binde opp kommuneøkonomien i tretti år.",
                "Det økonomiske grunnlaget i saken er for svakt til en så stor beslutning.",
                "Investeringen er anslått {prosent} prosent for lavt, slik det pleier å gå med byggeprosjekter.",
            ],
            "suggestion": [
                "Kommunen bør legge fram en fullstendig kostnadsanalyse med skyss og vedlikehold før vedtaket.",
                "Søk statlige tilskudd før dere kutter i skolebudsjettet.",
                "Finn innsparinger i administrasjonen i stedet for i skolene.",
                "Del investeringen over flere budsjettår, så slipper kommunen å låne så mye på en gang.",
            ],
            "neutral": [
                "Hva koster driften av hver skole per elev i dag?",
                "Jeg savner tall for investeringskostnadene i høringsdokumentet.",
                "Hvor mye vil renter og avdrag på lånet utgjøre i budsjettet?",
            ],
        },
        "nn": {
            "against": [
                "Rekneskapen for innsparinga tek ikkje med utgiftene til skuleskyss.",
                "Kostnadene med å byggje ny skule blir mykje høgare enn rådmannen reknar med.",
            ],
            "support": ["Kommunen har ikkje råd til å drive så mange små skular med dette budsjettet."],
        },
        "en": {
            "against": ["The savings estimate ignores the cost of school transport and new loans."],
            "support": ["The municipality cannot afford to run four small schools on its current budget."],
        },
    },
    "universell": {
        "slots": {"hjelpemiddel": ["rullestol", "rullator", "krykker"]},
        "nb": {
            "against": [
                "Den nye skolen må ha heis og trinnfri adkomst, ellers kan ikke rullestolbrukere gå der.",
                "Elever med funksjonsnedsettelser er ikke nevnt med ett ord i planen.",
                "Dagens skolebygg er ikke universelt utformet, og elever i {hjelpemiddel} kommer ikke inn i gymsalen.",
                "Planen sier ingenting om tilrettelegging for elever med nedsatt syn eller hørsel.",
                "Universell utforming må være et krav, ikke et ønske.",
                "Min datter bruker {hjelpemiddel} og må i dag bæres opp trappene til klasserommet.",
            ],
            "support": [
                "Det er bra at den nye skolen blir universelt utformet med heis og brede dører.",
                "Et nytt bygg gjør det endelig mulig for elever i {hjelpemiddel} å gå på nærskolen.",
                "Jeg støtter planen fordi elever med funksjonsnedsettelser får bedre tilrettelegging.",
                "Med trinnfri adkomst og teleslynge blir skolen tilgjengelig for alle elever.",
            ],
            "suggestion": [
                "Involver rådet for personer med funksjonsnedsettelse i planleggingen av skolebygget.",
                "Legg inn teleslynge i klasserommene og ledelinjer for svaksynte elever.",
                "Sett av et eget rom for skjermet undervisning for elever med spesielle behov.",
                "Uteområdet må ha fast dekke slik at elever i {hjelpemiddel} kan være med i friminuttene.",
            ],
            "neutral": [
                "Vil skoleskyssen være tilpasset elever som bruker {hjelpemiddel}?",
                "Hvor mange elever med behov for tilrettelegging går på skolene i dag?",
            ],
        },
        "nn": {
            "against": [
                "Den nye skulen må ha heis og trinnfri tilkomst, elles kan ikkje rullestolbrukarar gå der.",
                "Elevar med funksjonsnedsetjingar er ikkje nemnde i planen.",
                "Universell utforming må vere eit krav og ikkje eit ønske.",
            ],
            "support": ["Det er bra at den nye skulen blir universelt utforma med heis og breie dører."],
        },
        "en": {
            "against": ["The new school must have a lift and step-free access for pupils in wheelchairs."],
            "suggestion": ["Please install hearing loops and tactile paths for pupils with impaired sight."],
        },
    },
    "skolebygg": {
        "slots": {"aarstall": ["1962", "1968", "1974"]},
        "nb": {
            "against": [
                "Ventilasjonen i klasserommene er så dårlig at elevene får hodepine.",
                "Taket lekker, og det har vært fuktskader i skolebygget i flere år.",
                "Vedlikeholdet av skolebyggene har vært forsømt i tjue år.",
                "Det er muggsopp i garderobene, og barna blir syke.",
                "Gymsalen er for liten og har dusjer som ikke virker.",
                "Bygget fra {aarstall} har asbest i veggene og kan ikke pusses opp.",
            ],
            "support": [
                "Et nytt skolebygg med godt inneklima er det beste for elevene.",
                "Jeg støtter at den gamle skolen rives og at det bygges nytt.",
                "Nye klasserom med dagslys og god ventilasjon vil gi bedre læring.",
                "Rehabilitering av det gamle bygget fra {aarstall} blir dyrere enn å bygge nytt.",
            ],
            "suggestion": [
                "Bygg den nye skolen i massivtre med solceller på taket.",
                "Rehabiliter det gamle skolebygget i etapper så elevene kan bli der.",
                "Uteområdet bør få ballbinge, klatrestativ og grønne arealer.",
            ],
            "neutral": [
                "Når ble inneklimaet i skolebygget sist målt?",
                "Hvor skal elevene være mens byggearbeidet pågår?",
            ],
        },
        "nn": {
            "against": [
                "Ventilasjonen i klasseromma er så dårleg at elevane får hovudverk.",
                "Det har vore fuktskadar og mugg i skulebygget i mange år.",
            ],
            "support": ["Eit nytt skulebygg med godt inneklima er det beste for elevane."],
        },
        "en": {"against": ["The roof leaks and there has been mould in the school building for years."]},
    },
}

SCHOOL_LETTERS = {
    "skule-for-alle": ("universell", "against", "2.4", [
        "Vi i foreldrenettverket for born med funksjonsnedsetjingar ber kommunen ta planen opp att.",
        "Planen sikrar ikkje at alle elevar kan gå på nærskulen sin.",
        "Skulebygga manglar heis, trinnfri tilkomst og teleslynge.",
        "Universell utforming er lovpålagd og må vere med frå første strek.",
        "Vi ber om at brukarrådet blir teke med i arbeidet med dei nye skulebygga.",
    ]),
}

SCHOOL_UNITS = {"økonomi": ["8.1", "8.2"], "universell": ["2.4"], "skolebygg": ["2.5", "2.6"]}

SCHOOL_ORGANISATIONS = {
    "økonomi": ["Næringsforeningen", "Kommunestyregruppa til Sentrumspartiet"],
    "universell": ["Funksjonshemmedes Fellesorganisasjon lokallag", "Norges Blindeforbund lokallag"],
    "skolebygg": ["Haugen FAU", "Verneombudet ved Haugen skole"],
}

SCHOOL_REASONS = {
    "økonomi": {
        "support": ["fordi kommunen må prioritere der pengene gir mest", "siden driftsbudsjettet går med underskudd"],
        "against": ["fordi regnestykket ikke henger sammen", "siden skyssutgiftene spiser opp innsparingen"],
    },
    "universell": {
        "against": ["fordi alle barn har rett til å gå på nærskolen", "siden loven krever universell utforming"],
        "support": ["fordi alle elever da kommer seg inn i alle rom"],
    },
    "skolebygg": {
        "against": ["fordi elevene fortjener et sunt inneklima", "siden ingen har tatt vare på bygget"],
        "support": ["fordi det gamle bygget er utslitt"],
    },
}

SCHOOL_DETAILS = {
    "økonomi": ["Jeg har sittet i kommunestyret i {aar} år og kjenner budsjettene godt.",
                "Som regnskapsfører ser jeg at tallene i saken ikke går opp."],
    "universell": ["Min {relasjon} på {alder} år har cerebral parese og bruker rullestol.",
                   "Jeg er selv svaksynt og gikk på en skole uten ledelinjer."],
    "skolebygg": ["Min {relasjon} på {alder} år får hodepine etter skoledagen.",
                  "Jeg jobber som vaktmester og har sett forfallet på nært hold."],
}
