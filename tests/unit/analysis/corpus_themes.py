"""What the organic comments of the generated corpus (corpus.py) say: six themes of a municipal
consultation, each with sentences per stance in bokmål, some in nynorsk and some in English. Slots
in braces are filled per comment."""

THEMES = {
    "skole": {
        "slots": {
            "skole": ["Haugen skole", "Haugen barneskole"],
            "minutter": ["35", "40", "45", "50"],
            "km": ["9", "12", "14", "15"],
            "elever": ["38", "45", "52", "60"],
        },
        "nb": {
            "against": [
                "Nedleggelse av {skole} vil ta livet av bygda.",
                "Barna våre må sitte {minutter} minutter på bussen hver vei hvis skolen legges ned.",
                "{skole} er hjertet i lokalsamfunnet, og uten skolen flytter barnefamiliene.",
                "Det er ikke forsvarlig å sende seksåringer {km} kilometer til en ny skole.",
                "Skolen har gode resultater og fornøyde elever, så hvorfor legge den ned?",
                "Små skoler gir trygge rammer og lærere som kjenner hvert enkelt barn.",
                "Innsparingen på å legge ned skolen er mye mindre enn rådmannen påstår.",
                "Vi flyttet hit nettopp fordi det var en nærskole i gangavstand.",
                "Skolebygget ble pusset opp for fem år siden, og nå skal det stå tomt.",
                "Skolestrukturen bør ikke endres før konsekvensene for elevene er utredet.",
            ],
            "support": [
                "Jeg støtter at {skole} slås sammen med Sentrum skole.",
                "En større skole gir elevene flere fagmiljøer og et bedre tilbud.",
                "Elevtallet på {skole} har gått ned i mange år, og da er det riktig å samle ressursene.",
                "Med bare {elever} elever blir klassene for små til et godt læringsmiljø.",
                "Pengene som spares på skolebygget kan brukes på flere lærere.",
                "Sentrum skole har nytt bygg, gymsal og et bedre uteområde for elevene.",
                "Sammenslåing gir lærerne et større kollegium og mindre sårbarhet ved sykdom.",
            ],
            "suggestion": [
                "Kommunen bør vurdere å beholde de yngste trinnene på {skole} og flytte de eldste elevene.",
                "Hvis skolen legges ned, må det settes opp trygg skoleskyss med voksne på bussen.",
                "La skolebygget bli et grendehus slik at bygda beholder en møteplass.",
                "Utsett vedtaket om skolen ett år og involver foreldrene i en skikkelig prosess.",
            ],
            "neutral": [
                "Jeg har barn på {skole} og følger skolesaken tett.",
                "Det hadde vært nyttig å se prognosene for elevtallet på skolen de neste ti årene.",
                "Hvor mange elever vil Sentrum skole ha etter en eventuell sammenslåing?",
            ],
        },
        "nn": {
            "against": [
                "Nedlegging av skulen vil øydeleggje bygda vår.",
                "Borna våre må sitje {minutter} minutt på bussen kvar veg om skulen blir lagd ned.",
                "Skulen er det viktigaste samlingspunktet i bygda.",
                "Ein liten skule gir trygge rammer for elevane.",
            ],
            "support": ["Eg støttar at skulen blir slått saman med Sentrum skule, for elevane får eit betre fagmiljø."],
        },
        "en": {
            "against": [
                "Closing {skole} would force young children onto long bus rides every day.",
                "The school is the heart of this village and should stay open.",
            ],
            "support": ["I support merging the schools if it means better teaching for the pupils."],
        },
    },
    "trafikk": {
        "slots": {
            "gate": ["Storgata", "Kirkeveien", "fylkesvei 42", "Strandvegen"],
            "fart": ["50", "60", "70"],
            "lavfart": ["30", "40"],
        },
        "nb": {
            "support": [
                "Det er på høy tid at {gate} får fortau hele veien.",
                "Jeg støtter forslaget om å senke fartsgrensen i {gate} til {lavfart} km/t.",
                "Fartsdumper i {gate} vil redde liv.",
                "Bedre belysning i {gate} gjør det tryggere å gå langs veien om vinteren.",
                "Et opphøyd gangfelt ved butikken er et godt trafikksikkerhetstiltak.",
                "Det kjører mye tungtrafikk gjennom sentrum, og gående trenger bedre beskyttelse.",
                "Barna sykler langs {gate} og trenger en egen sykkelvei.",
            ],
            "against": [
                "Lavere fartsgrense i {gate} vil bare skape kø og irritasjon for bilistene.",
                "Fartsdumper ødelegger bilene og gjør det vanskelig for utrykningskjøretøy.",
                "Pengene til nytt fortau bør heller brukes på vedlikehold av veiene vi har.",
                "Det har ikke vært en eneste trafikkulykke i {gate} på mange år.",
                "Jeg er imot at gjennomkjøring i sentrum stenges for biler.",
            ],
            "suggestion": [
                "Sett opp fotoboks i {gate} i stedet for fartsdumper.",
                "Flytt gangfeltet ved krysset slik at sjåførene ser fotgjengerne bedre.",
                "Kommunen bør måle farten i {gate} før trafikktiltakene vedtas.",
                "Brøyt fortauet først om vinteren, ikke til slutt etter kjørebanen.",
            ],
            "neutral": [
                "Jeg går langs {gate} hver dag og har lagt merke til at trafikken har økt.",
                "Hvor mange trafikkulykker har det vært i krysset de siste fem årene?",
            ],
        },
        "nn": {
            "support": [
                "Eg støttar at fartsgrensa i {gate} blir sett ned til {lavfart} km/t.",
                "Trafikktryggleiken langs vegen må kome først.",
            ],
            "against": ["Det er ikkje naudsynt med fartshumpar i {gate}, dei øydelegg berre bilane."],
            "neutral": ["Det er farleg å gå langs {gate} når det er mørkt og glatt."],
        },
        "en": {
            "support": [
                "There is no sidewalk on {gate}, and pedestrians walk right next to heavy traffic.",
                "A lower speed limit would make the road much safer for cyclists.",
            ],
            "against": ["Speed bumps will only slow down ambulances and annoy drivers."],
        },
    },
    "svømmehall": {
        "slots": {
            "sted": ["i sentrum", "i idrettsparken", "på Nordbyen", "ved ungdomsskolen"],
            "mill": ["180", "240", "310"],
        },
        "nb": {
            "support": [
                "Endelig får vi et svømmeanlegg som holder mål!",
                "Alle barn må lære å svømme, og dagens basseng er for lite.",
                "Et 25-metersbasseng gir svømmeklubben mulighet til å arrangere stevner.",
                "Det nye svømmeanlegget bør ligge {sted} slik at skoleklassene kan gå dit.",
                "Svømmehallen vil bli et viktig tilbud for eldre som trenger trening i varmt vann.",
                "Jeg støtter investeringen på {mill} millioner kroner fordi den gamle svømmehallen er nedslitt.",
                "Svømmeopplæringen blir mye bedre med flere bassengtimer.",
            ],
            "against": [
                "Kommunen har ikke råd til et svømmeanlegg til {mill} millioner kroner.",
                "Driftskostnadene for svømmehallen vil spise opp budsjettet til andre tjenester.",
                "Plasseringen {sted} gjør svømmeanlegget vanskelig å nå uten bil.",
                "Det gamle bassenget kan pusses opp for en brøkdel av prisen.",
                "Vi trenger ikke et badeland med vannsklier, vi trenger flere sykehjemsplasser.",
            ],
            "suggestion": [
                "Bygg et varmtvannsbasseng for rehabilitering i tillegg til hovedbassenget.",
                "Samarbeid med nabokommunen om ett felles svømmeanlegg.",
                "Svømmehallen bør ha åpent for publikum på kveldstid og i helgene.",
                "Legg solceller på taket av svømmehallen for å få ned energikostnadene.",
            ],
            "neutral": [
                "Hvor mange bassengtimer får skoleklassene i det nye svømmeanlegget?",
                "Jeg lurer på hva billettprisene i svømmehallen vil bli.",
            ],
        },
        "nn": {
            "support": [
                "Eit nytt symjeanlegg er viktig for at alle born skal lære å symje.",
                "Eg støttar planane for den nye symjehallen med eit stort basseng.",
            ],
            "against": ["Kommunen har ikkje råd til eit så dyrt basseng og ein ny symjehall."],
        },
        "en": {
            "support": ["Every child should learn to swim, so the new swimming pool is badly needed."],
            "against": ["The swimming pool is far too expensive for a small municipality."],
        },
    },
    "kommentarfelt": {
        "slots": {"plattform": ["Facebook", "Instagram", "sosiale medier"]},
        "nb": {
            "support": [
                "Det er riktig å stenge kommentarfeltene på {plattform} når de fylles med hets.",
                "Ansatte i kommunen skal ikke måtte tåle trakassering i kommentarfeltet.",
                "Kommentarfeltene har blitt en arena for sjikane og personangrep.",
                "Tydelige regler for moderering vil gjøre debatten i kommentarfeltene bedre for alle.",
                "Mange slutter å delta i debatten på {plattform} fordi tonen er så hard.",
            ],
            "against": [
                "Å stenge kommentarfeltene er et angrep på ytringsfriheten.",
                "Innbyggerne må kunne kritisere kommunen åpent på {plattform}.",
                "Moderering av kommentarer blir fort sensur av upopulære meninger.",
                "Kommentarfeltet er ofte det eneste stedet folk får svar fra kommunen.",
                "Det er bedre å slette enkeltkommentarer enn å stenge hele kommentarfeltet.",
            ],
            "suggestion": [
                "Kommunen bør publisere tydelige retningslinjer for hva som slettes i kommentarfeltet.",
                "Åpne kommentarfeltet bare i kontortiden, når noen kan moderere.",
                "Krev at folk kommenterer med fullt navn på {plattform}.",
            ],
            "neutral": [
                "Hvem i kommunen har ansvar for å moderere kommentarfeltene?",
                "Jeg leser kommentarene på {plattform}, men skriver sjelden selv.",
            ],
        },
        "nn": {
            "against": [
                "Å stengje kommentarfelta er eit åtak på ytringsfridomen.",
                "Innbyggjarane må kunne kritisere kommunen ope på {plattform}.",
            ],
            "support": ["Tilsette i kommunen skal ikkje måtte tole hets og sjikane i kommentarfelta."],
            "suggestion": ["Kommunen bør lage klare reglar for moderering av kommentarfelta."],
        },
        "en": {
            "against": ["Closing the comment section on {plattform} silences ordinary citizens."],
            "support": ["Moderation of the comment section is necessary because it is full of harassment."],
        },
    },
    "bibliotek": {
        "slots": {"dag": ["lørdag", "søndag", "torsdag"], "kl": ["19", "20", "21"]},
        "nb": {
            "support": [
                "Meråpent bibliotek med lånekort og PIN-kode er et flott tilbud.",
                "Biblioteket bør være åpent til klokka {kl} på hverdager.",
                "Det er bra at biblioteket får åpent på {dag}.",
                "Studenter og pendlere trenger et bibliotek som er åpent utenfor arbeidstid.",
                "Biblioteket er en gratis møteplass for alle, og lengre åpningstider gjør det enda bedre.",
            ],
            "against": [
                "Jeg er imot å kutte de betjente åpningstidene på biblioteket.",
                "Meråpent uten ansatte er ikke det samme som et bibliotek.",
                "Eldre og barn trenger bibliotekarer som kan hjelpe dem med bøker, ikke en automat.",
                "Kutt i bibliotekets åpningstider rammer dem som har minst fra før.",
                "Det er feil å stenge bibliotekfilialen på {dag} for å spare noen få kroner.",
            ],
            "suggestion": [
                "Bruk frivillige til å holde biblioteket åpent på {dag}.",
                "Utvid bibliotekets åpningstider om vinteren når folk er mer inne.",
                "Lag et stille rom for lesing og lekser på biblioteket.",
                "Flytt noen av bibliotekarenes timer til ettermiddag og kveld.",
            ],
            "neutral": [
                "Hva koster det å ha biblioteket åpent en ekstra kveld i uka?",
                "Jeg låner mange bøker på biblioteket og bruker det hver uke.",
            ],
        },
        "nn": {
            "support": [
                "Biblioteket bør vere ope til klokka {kl} på kvardagar.",
                "Meirope bibliotek er eit godt tilbod for dei som arbeider på dagtid.",
            ],
            "against": ["Eg er imot å kutte i opningstidene på biblioteket, bibliotekarane gjer ein viktig jobb."],
        },
        "en": {
            "support": ["The library should stay open in the evenings for students and commuters."],
            "against": ["Self-service hours at the library are no substitute for librarians."],
        },
    },
    "buss": {
        "slots": {
            "rute": ["rute 12", "rute 7", "nattbussen", "rute 21"],
            "holdeplass": ["Torget", "Sjukehuset", "Stasjonen", "Nordby"],
        },
        "nb": {
            "support": [
                "Jeg støtter at {rute} får bussavganger hvert kvarter i rushtiden.",
                "Ny holdeplass ved {holdeplass} gjør det mye lettere å ta bussen til jobb.",
                "Flere bussavganger vil få flere til å la bilen stå.",
                "Det er bra at bussen endelig skal gå helt fram til {holdeplass}.",
            ],
            "against": [
                "Jeg er imot at {rute} legges ned, bussen er eneste forbindelse for mange eldre.",
                "Den nye ruteplanen gir færre bussavganger i helgene.",
                "Omleggingen av busstraseen gjør at busstoppet ved {holdeplass} forsvinner.",
                "Det blir for lang gangavstand til nærmeste busstopp for dem som bor i boligfeltet.",
            ],
            "suggestion": [
                "Busstidene bør tilpasses togavgangene på stasjonen.",
                "Sett opp leskur og sanntidsskjerm ved holdeplassen på {holdeplass}.",
                "Innfør bestillingsbuss i områdene der det går få passasjerer.",
            ],
            "neutral": [
                "Hvor mange passasjerer tar {rute} i dag?",
                "Jeg tar bussen hver dag og merker at den ofte er forsinket.",
            ],
        },
        "nn": {
            "against": ["Eg er imot at {rute} blir lagd ned, for bussen er einaste samband til byen."],
            "support": ["Det nye busstoppet ved {holdeplass} er eit godt tiltak, og bussen må gå oftare."],
        },
        "en": {
            "support": ["The bus should run more often in the evenings."],
            "against": ["Removing the bus stop at {holdeplass} leaves older residents stranded."],
        },
    },
}
