"""Cases the alignment once got wrong, each as small as it could be made (found on the generated
revisions of test_alignment_quality.py, and kept here so that they stay right)."""
import pytest

from hoering.revisions.alignment import Block, align


def P(text):
    return Block(text[:24], text)


def H(text):
    return Block(text[:24], text, "heading")


A = P("Planforslaget skal sendes på høring til berørte myndigheter og naboer.")
B = P("Det skal settes av areal til lekeplasser i alle nye boligfelt.")
C = P("Parkering for sykler skal ligge nær inngangen og være under tak.")
D = P("Kommunestyret vedtar planen etter at høringsfristen er ute.")
E = P("Eksisterende turstier gjennom Solbakken skal opprettholdes og om mulig forbedres.")
F = P("Innbyggerne i Åsen har i flere år etterlyst et bedre kollektivtilbud.")

X = P("Forslaget innebærer at 35 parkeringsplasser ved Nordre Vik blir fjernet.")
X2 = P("Forslaget innebærer at 35 parkeringsplasser ved Nordre Vik blir tatt bort. Tiltakshaver må dokumentere at "
       "lekeplassen i Nordre Vik får sol minst fem timer ved vårjevndøgn.")
TWIN = P("Forslaget innebærer at 39 parkeringsplasser ved Furuly blir fjernet.")
R = P("Nærbutikken og postkontoret er viktige møteplasser for innbyggerne i Granlia.")
R2 = P("Nærbutikken og postkontoret er sentrale møteplasser for beboerne i Granlia. Byggegrensen mot fylkesveien "
       "skal være 26 meter fra senterlinjen ved Granlia.")
W = P("Planområdet ved Sørbyen er i dag regulert til landbruks-, natur- og friluftsformål. Utbyggeren må bekoste "
      "nødvendig opprusting av vann- og avløpsnettet i Solbakken.")
W2 = P("Barn og unge i Solbakken skal ha tilgang til en lekeplass innen 28 meters gangavstand. Utbyggeren må bekoste "
       "påkrevd opprusting av vann- og avløpsnettet i Solbakken. Tiltakshaver må dokumentere at lekeplassen i "
       "Solbakken får sol minst fem timer ved vårjevndøgn.")
DELETED = P("Ved regulering av Nordre Vik skal det utarbeides en plan for massehåndtering. Kommunen bør stille krav "
            "om felles renovasjonsløsning i nye boligfelt i Holmen.")
Q = P("Skredfarlige områder ved Lundane er vist som hensynssone på plankartet. Adkomst til Lundane skal skje fra "
      "kommunal vei, ikke direkte fra fylkesveien.")
Q2 = P("Nye bygg høyere enn 53 meter krever en egen vurdering av landskapsvirkningen. Adkomst til Lundane skal skje "
       "fra kommunal vei, ikke direkte fra fylkesveien. Før området ved Lundane kan bygges ut, må det gjennomføres "
       "en risiko- og sårbarhetsanalyse.")
ELSEWHERE = P("Før området ved Sørbyen kan bygges ut, må det gjennomføres en risiko- og sårbarhetsanalyse.")
S1 = ("Bilfrie soner rundt skulane på Nordre Vik er eit tiltak for tryggare skuleveg. Kommunen skal sjå til at nye "
      "bustader på Nordre Vik får trygg skuleveg.")
S2 = "Kommunen skal sjå til at det ikkje blir meir enn 60 parkeringsplassar per 100 bustader på Nordre Vik."
M1 = P("Biltrafikken gjennom Øvre Dal har auka med 3 prosent sidan 2015.")
M2 = P("Planen opnar for inntil 17 nye bueiningar på Fjordvik sentrum innan 2034.")

CASES = {
    "renumbered headings pair with their own, not a far one a digit closer": (
        [H("§ 29 Formål"), A, B, C, H("§ 50 Formål"), D], [H("§ 30 Formål"), A, B, C, H("§ 49 Formål"), D],
        {0: 0, 4: 4}),
    "a rewrite in place beats a far paragraph with the same wording for another place": (
        [A, X, B, C, D, E], [A, X2, B, C, D, TWIN, E], {1: 1}),
    "a rewrite beside a spelling fix": (
        [A, R, P("Tiltaket ma ikke redusere tilgangen til strandsonen ved Holmen."), B],
        [A, R2, P("Tiltaket må ikke redusere tilgangen til strandsonen ved Holmen."), B], {1: 1, 2: 2}),
    "a rewrite beside a deletion": ([A, W, DELETED, B], [A, W2, B], {1: 1, 2: None}),
    "a deletion and an insertion in one place are not a rewrite": (
        [A, C, B], [A, P("Fjernvarme skal vurderes for alle nye bygg over 40 kvadratmeter i Sørbyen."), B], {1: None}),
    "a deleted paragraph is not merged into a far rewrite that says the same of another place": (
        [Q, A, B, C, D, ELSEWHERE, E], [Q2, A, B, C, D, E], {0: 0, 5: None}),
    "an edited heading before a paragraph that moved away": (
        [A, B, C, D, H("§ 51 Friområde F1"), F, E], [A, F, B, C, D, H("§ 51 Friområde F1 i sentrum"), E],
        {4: 5, 5: 1}),
    "a heading with words added, beside an insertion": (
        [H("23 Born og unge"), A, B], [H("23 Born og unge og oppfølging"), P("Ny tekst om skoleskyss i Åsen."), A, B],
        {0: 0}),
    "a split right after a paragraph that moved away": (
        [A, F, P(S1 + " " + S2), B, C, D, E], [A, P(S1), P(S2), B, C, D, F, E], {1: 6, 2: 1}),
    "a merge right before a paragraph that moved away": (
        [A, B, C, D, M1, M2, F, E], [A, F, B, C, D, P(M1.text + " " + M2.text), E], {4: 5, 5: 5, 6: 1}),
}


@pytest.mark.parametrize("name", CASES)
def test_each_case_finds_the_right_successors(name):
    old, new, expected = CASES[name]
    alignment = align(old, new)
    assert {i: alignment.successor(i) for i in expected} == expected
