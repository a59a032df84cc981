"""Campaigns: form letters and near-duplicates, and what each member added."""
from __future__ import annotations

import numpy as np

from hoering.analysis.additions import Template, added_passages
from hoering.analysis.campaigns import (CampaignSettings, _exact_groups, _members_and_heads, find_campaigns,
                                         match_scores)
from hoering.analysis.minhash import Shingles, band_layout, lsh_buckets, signatures
from hoering.analysis.text import shingle_words

SENTENCES = [
    "Vi som skriver under, er imot at Bakken bibliotek skal stenges om kveldene.",
    "Biblioteket er den eneste gratis møteplassen i bydelen etter skoletid.",
    "Mange elever gjør lekser der fordi de ikke har ro hjemme.",
    "Eldre bruker biblioteket til å lese aviser og få hjelp med digitale tjenester.",
    "Innsparingen er liten sammenlignet med hva bydelen mister.",
    "Vi ber bystyret om å beholde dagens åpningstider.",
]

OTHER_LETTER = (
    "Jeg krever at kommunen bygger fortau langs hele Strandvegen før skolestart. "
    "Barna går i veibanen sammen med tungtrafikk hver morgen. "
    "Farten er høy og sikten er dårlig i svingene ved Moen. "
    "Det har vært flere nestenulykker de siste årene. "
    "Et fortau koster lite sammenlignet med en alvorlig ulykke. "
    "Prioriter Strandvegen i neste budsjett."
)


def _variants() -> list[str]:
    letter = " ".join(SENTENCES)
    return [
        letter,
        letter,
        "Hei!\n" + letter,
        letter + "\nMed vennlig hilsen\nKari Nordmann",
        " ".join(SENTENCES[:2] + SENTENCES[3:]),  # a sentence deleted
        letter.replace("møteplassen", "møtepalssen").replace("lekser", "lkser").replace("digitale", "digiatle"),
        "Min datter på ni år bruker biblioteket hver dag. " + letter,  # the sender's own sentence
        letter + " Jeg er selv bibliotekar og ser hvor mye stedet betyr. Tenk dere om!",
    ]


def _unrelated_on_the_same_topic() -> list[str]:
    return [
        "Biblioteket bør ha åpent på søndager, for da har familier tid til å låne bøker sammen.",
        "Jeg synes åpningstidene på biblioteket er gode nok, men utvalget av lydbøker er for lite.",
        "Meråpent bibliotek fungerer fint for meg, jeg låner bøker sent om kvelden med lånekortet.",
        "Stenging om kveldene rammer elevene mest, de trenger et rolig sted å gjøre lekser etter skolen.",
        "Bibliotekarene på Bakken er fantastiske, og de eldre i bydelen får mye hjelp der.",
        "Kan biblioteket samarbeide med frivillige for å holde åpent lenger om kveldene?",
    ]


def test_form_letter_variants_are_one_campaign_with_the_letter_as_template():
    texts = _variants() + _unrelated_on_the_same_topic()
    campaigns = find_campaigns(texts)
    assert len(campaigns) == 1
    assert campaigns[0].members == tuple(range(len(_variants())))
    assert texts[campaigns[0].template] == " ".join(SENTENCES)


def test_comments_that_only_share_a_topic_are_no_campaign():
    assert find_campaigns(_unrelated_on_the_same_topic()) == []


def test_a_comment_quoting_one_sentence_of_the_letter_is_not_a_member():
    quoting = ("Jeg er enig i at biblioteket er den eneste gratis møteplassen i bydelen etter skoletid. "
               "Men kveldsåpent koster mye i lønn, og jeg tror pengene trengs mer i skolen. "
               "Kanskje kan biblioteket ha åpent tre kvelder i uka i stedet for fem.")
    campaigns = find_campaigns(_variants() + [quoting])
    assert len(campaigns) == 1 and len(_variants()) not in campaigns[0].members


def test_a_comment_pasting_two_letters_does_not_join_two_campaigns():
    first = [" ".join(SENTENCES)] * 3 + ["Hei. " + " ".join(SENTENCES)]
    second = [OTHER_LETTER] * 3 + [OTHER_LETTER + " Hilsen Ola."]
    both = " ".join(SENTENCES) + " " + OTHER_LETTER
    campaigns = find_campaigns(first + second + [both])
    assert len(campaigns) == 2
    assert {len(c.members) for c in campaigns} <= {4, 5}
    assert set(campaigns[0].members).isdisjoint(campaigns[1].members)


def test_short_identical_replies_are_no_campaign_but_identical_slogans_are():
    texts = ["Enig!", "Enig!", "Enig!", "Helt enig.", "Helt enig.", "Helt enig.",
             "Nei til nedleggelse av Haugen skole nå!", "Nei til nedleggelse av Haugen skole nå!",
             "Nei til nedleggelse av Haugen skole nå!"]
    campaigns = find_campaigns(texts)
    assert [c.members for c in campaigns] == [(6, 7, 8)]


def test_two_alike_texts_are_not_yet_a_campaign():
    texts = [OTHER_LETTER] * 2 + _unrelated_on_the_same_topic()
    assert find_campaigns(texts) == []
    assert [c.members for c in find_campaigns([OTHER_LETTER] * 3)] == [(0, 1, 2)]


def test_campaigns_come_largest_first_and_are_deterministic():
    texts = [OTHER_LETTER] * 3 + _variants() + _unrelated_on_the_same_topic()
    first, second = find_campaigns(texts), find_campaigns(list(texts))
    assert first == second
    assert [len(c.members) for c in first] == [len(_variants()), 3]


def test_texts_with_the_same_words_are_one_exact_group_of_word_numbers():
    texts = ["Skolen må bestå!", "skolen  MÅ bestå.", "Skolen må bestå!", "Bussen må gå.", "Skolen må gå"]
    groups, vocabulary = _exact_groups(texts)
    assert list(groups.values()) == [[0, 1, 2], [3], [4]]
    assert [[vocabulary[number] for number in words] for words in groups] == [
        ["skolen", "må", "bestå"], ["bussen", "må", "gå"], ["skolen", "må", "gå"]]


def test_each_bucket_is_headed_by_its_most_shared_text_and_the_lowest_position_on_a_tie():
    weights = np.array([1.0, 5.0, 1.0, 2.0, 2.0])
    # Buckets [0, 1, 2], [2, 3, 4] and [3, 4]: popularity 0: 7, 1: 7, 2: 12, 3: 9, 4: 9.
    buckets, sizes = np.array([0, 1, 2, 2, 3, 4, 3, 4]), np.array([3, 3, 2])
    members, heads, popularity = _members_and_heads(buckets, sizes, weights)
    assert popularity.tolist() == [7.0, 7.0, 12.0, 9.0, 9.0]
    assert list(zip(members.tolist(), heads.tolist())) == [(0, 2), (1, 2), (3, 2), (4, 2), (4, 3)]


def test_match_scores_take_jaccard_or_containment_of_a_long_enough_text():
    settings = CampaignSettings()
    scores = match_scores(np.array([50, 30, 30, 10]), np.array([60, 100, 40, 12]), np.array([60, 40, 100, 100]), settings)
    assert scores[0] > 0.7  # Jaccard 50/70
    assert scores[1] == 0.75  # 30 of the 40 shingles of the shorter text, which is 40 % of the longer
    assert scores[2] == 0.75
    assert scores[3] == 0.0   # the shorter text is too short to be "mostly contained"


def test_minhash_estimates_jaccard_and_lsh_puts_near_duplicates_together():
    texts = [shingle_words(t) for t in _variants() + _unrelated_on_the_same_topic()]
    shingles = Shingles(texts)
    sketches = signatures(shingles, np.arange(len(texts)), num_perm=128, seed=3)
    exact = len(shingles.set(0) & shingles.set(6)) / len(shingles.set(0) | shingles.set(6))
    estimate = (sketches[0] == sketches[6]).mean()
    assert abs(estimate - exact) < 0.15
    assert (signatures(shingles, np.arange(len(texts)), 128, 3) == sketches).all()
    bands, rows = band_layout(0.35, 64)
    assert bands * rows <= 64
    buckets = lsh_buckets(sketches[:, :64], bands, rows)
    together = {tuple(b.tolist()) for b in buckets}
    assert any({0, 2} <= set(b) for b in together)
    assert not any(set(b) & {8, 9, 10, 11, 12, 13} and set(b) & set(range(8)) for b in together)


def test_additions_are_the_members_own_sentences_word_for_word():
    template = Template(" ".join(SENTENCES))
    own = "Min datter på ni år bruker biblioteket hver dag."
    text = "Hei!\n" + own + " " + " ".join(SENTENCES[:3]) + " Hun har ingen andre steder å gå. " \
        + " ".join(SENTENCES[3:]) + "\nMvh Kari Nordmann"
    passages = [text[start:end] for start, end in added_passages(text, template, ["kari", "nordmann"])]
    assert passages == [own, "Hun har ingen andre steder å gå."]


def test_typos_greetings_signatures_and_deletions_are_not_additions():
    template = Template(" ".join(SENTENCES))
    for variant in _variants()[:6]:
        assert added_passages(variant, template, ["kari", "nordmann"]) == [], variant


def test_consecutive_own_sentences_make_one_passage():
    template = Template(" ".join(SENTENCES))
    text = " ".join(SENTENCES) + " Jeg er selv bibliotekar og ser hvor mye stedet betyr. Tenk dere om!"
    passages = [text[start:end] for start, end in added_passages(text, template)]
    assert passages == ["Jeg er selv bibliotekar og ser hvor mye stedet betyr. Tenk dere om!"]
