"""Compare the offline Dutch lemmatisers on inflected vacancy words.

    python bench/lemmatisers.py

Prints accuracy and speed of spaCy's lookup lemmatizer (spacy-lookups-data)
and of simplemma, on the word list below (gold lemmas written by hand).
"""

from __future__ import annotations

import functools
import time

import simplemma
import spacy

# (word as it appears in vacancy texts, lemma a reader expects)
GOLD: list[tuple[str, str]] = [
    ("verbanden", "verband"),
    ("taken", "taak"),
    ("bent", "zijn"),
    ("coacht", "coachen"),
    ("resultaatgerichte", "resultaatgericht"),
    ("legt", "leggen"),
    ("zet", "zetten"),
    ("netwerkt", "netwerken"),
    ("communicatieve", "communicatief"),
    ("initiatiefrijke", "initiatiefrijk"),
    ("ondersteunt", "ondersteunen"),
    ("motiveert", "motiveren"),
    ("stimuleert", "stimuleren"),
    ("signaleert", "signaleren"),
    ("analyseert", "analyseren"),
    ("onderhandelt", "onderhandelen"),
    ("evalueert", "evalueren"),
    ("ontwikkelt", "ontwikkelen"),
    ("bewaakt", "bewaken"),
    ("geeft", "geven"),
    ("gaf", "geven"),
    ("medewerkers", "medewerker"),
    ("teams", "team"),
    ("huurders", "huurder"),
    ("werkzaamheden", "werkzaamheid"),
    ("ontwikkelingen", "ontwikkeling"),
    ("processen", "proces"),
    ("doelstellingen", "doelstelling"),
    ("bewoners", "bewoner"),
    ("wijken", "wijk"),
    ("partners", "partner"),
    ("organisaties", "organisatie"),
    ("vraagstukken", "vraagstuk"),
    ("invalshoeken", "invalshoek"),
    ("prioriteert", "prioriteren"),
    ("delegeert", "delegeren"),
    ("creatieve", "creatief"),
    ("flexibele", "flexibel"),
    ("analytische", "analytisch"),
    ("kritische", "kritisch"),
    ("nauwkeurige", "nauwkeurig"),
    ("sociale", "sociaal"),
    ("strategische", "strategisch"),
    ("verbindende", "verbindend"),
    ("werkt", "werken"),
    ("heeft", "hebben"),
    ("hebt", "hebben"),
    ("kunt", "kunnen"),
    ("weet", "weten"),
    ("vraagt", "vragen"),
    ("biedt", "bieden"),
    ("zoeken", "zoeken"),
    ("stuurt", "sturen"),
    ("beleidsplannen", "beleidsplan"),
    ("gesprekken", "gesprek"),
    ("kansen", "kans"),
    ("overtuigt", "overtuigen"),
    ("betrekt", "betrekken"),
    ("begeleidt", "begeleiden"),
    ("enthousiasmeert", "enthousiasmeren"),
    ("faciliteert", "faciliteren"),
    ("vernieuwende", "vernieuwend"),
    ("daadkrachtige", "daadkrachtig"),
    ("besluitvaardige", "besluitvaardig"),
    ("trainingen", "training"),
    ("behoeften", "behoefte"),
]


def main() -> None:
    words = [w for w, _ in GOLD]
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    t = time.perf_counter()
    for _ in range(20):
        lookup = [t.lemma_ for t in nlp(" ".join(words))]
    t_lookup = (time.perf_counter() - t) / 20
    t = time.perf_counter()
    for _ in range(20):
        sm = [simplemma.lemmatize(w, lang="nl").replace("_", "").lower() for w in words]
    t_sm = (time.perf_counter() - t) / 20
    cached = functools.lru_cache(maxsize=None)(lambda w: simplemma.lemmatize(w, lang="nl"))
    t = time.perf_counter()
    for _ in range(20):
        smc = [cached(w).replace("_", "").lower() for w in words]
    t_smc = (time.perf_counter() - t) / 20
    from leaderscan.lemma_table import simplemma_lemma

    simplemma_lemma.cache_clear()
    t = time.perf_counter()
    ours = [simplemma_lemma(w) for w in words]
    t_ours = time.perf_counter() - t
    rows = [
        ("spaCy lookup (spacy-lookups-data)", lookup, t_lookup),
        ("simplemma", sm, t_sm),
        ("simplemma, cached per word form", smc, t_smc),
        ("leaderscan fallback (simplemma + adjective rule)", ours, t_ours),
    ]
    print(f"{len(GOLD)} inflected vacancy words")
    print(f"{'lemmatiser':36} {'correct':>8} {'µs/word':>8}")
    for name, got, secs in rows:
        ok = sum(g == want for g, (_, want) in zip(got, GOLD, strict=True))
        print(f"{name:36} {ok:>3}/{len(GOLD):<4} {secs / len(GOLD) * 1e6:8.1f}")
    print("\nwhere they differ from the gold lemma:")
    for (w, want), a, b in zip(GOLD, lookup, sm, strict=True):
        if a != want or b != want:
            print(f"  {w:20} gold={want:18} lookup={a:18} simplemma={b}")


if __name__ == "__main__":
    main()
