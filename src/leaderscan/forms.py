"""The forms a token of a sentence meets a lexicon word by (``sentence_forms``): the
word in lower case, the dictionary lemma (simplemma's table, the same under every
pipeline), the pipeline's lemma only for a word the dictionary does not know, the
infinitive a verb stem before je/jij stands for ("werk je samen" -> samenwerken) and a
form in -t after its subject ("je staat open" -> openstaan), and
the whole word of an elliptic first part ("resultaat- en mensgerichtheid"). The
matcher (match.py) and the suggestions (cues.py) read sentences through them, so
results do not hang on the pipeline.
"""

from __future__ import annotations

import functools

from .lemma_table import dictionary_lemma, is_known, lexicon_lemma
from .model import Sentence

# "resultaat- en mensgerichtheid", "klant- en resultaatgericht", "op- en bijsturen"
_ELLIPSIS_JOINERS = frozenset({"en", "of", "en/of", "tot", "noch", ","})


def _elliptic_compounds(head: str, compound: str) -> set[str]:
    """The words an elliptic first part stands for: "resultaat-" before
    "mensgerichtheid" is "resultaatgerichtheid" (the second part's head, found where a
    known word ends)."""
    out: set[str] = set()
    stem = head.rstrip("-")
    for cut in range(3, len(compound) - 4):
        if is_known(compound[:cut]):
            whole = stem + compound[cut:]
            out.add(whole)
            out.add(dictionary_lemma(whole))
    return out


# "Daarbij werk je samen", "plan je": the verb's stem before je/jij is a verb, though the
# dictionary reads "werk" and "plan" as nouns
_INVERTED_SUBJECT = frozenset({"je", "jij"})
_VOWELS = "aeiou"
_IRREGULAR_STEMS = {
    "ben": "zijn",
    "kan": "kunnen",
    "wil": "willen",
    "zal": "zullen",
    "mag": "mogen",
}


def _stem_infinitives(stem: str) -> set[str]:
    """The infinitives a verb stem may stand for, as far as the dictionary knows them:
    werk -> werken, plan -> plannen, maak -> maken, geef -> geven, ga -> gaan."""
    if len(stem) < 2 or not stem.isalpha():
        return set()
    if stem in _IRREGULAR_STEMS:
        return {_IRREGULAR_STEMS[stem]}
    out: set[str] = set()
    third = dictionary_lemma(stem + "t") if not stem.endswith("t") else ""
    if third.endswith("en"):
        out.add(third)
    last, before = stem[-1], stem[-2]
    if last in _VOWELS:
        candidates = {stem + "n", stem + last + "n"}  # doe -> doen, ga -> gaan
    else:
        candidates = {stem + "en"}
        if before in _VOWELS and (len(stem) < 3 or stem[-3] not in _VOWELS):
            candidates.add(stem + last + "en")  # short vowel: plan -> plannen
        if len(stem) >= 3 and before in _VOWELS and stem[-3] == before:
            candidates.add(stem[:-2] + last + "en")  # long vowel: maak -> maken
    for c in list(candidates):
        if c.endswith("fen"):
            candidates.add(c[:-3] + "ven")  # geef -> geven
        if c.endswith("sen"):
            candidates.add(c[:-3] + "zen")  # lees -> lezen
    out |= {c for c in candidates if is_known(c)}
    return out - {stem}


# "je staat", "u plant": a finite verb after its subject, though the dictionary reads
# "staat" and "plant" as nouns (only a form in -t: "je werk" is a possessive and a noun)
_SUBJECTS = frozenset({"je", "jij", "u", "hij", "zij", "ze", "men"})


def _finite_infinitives(word: str) -> set[str]:
    """The infinitives a verb form in -t after its subject may stand for: staat ->
    staan, plant -> plannen, zet -> zetten."""
    if not word.endswith("t"):
        return set()
    return (_stem_infinitives(word[:-1]) | _stem_infinitives(word)) - {word}


def takes_pipeline_lemma(word: str) -> bool:
    """Whether a word meets the lexicon by the pipeline's lemma too: a word the
    dictionary does not know (the dictionary's lemma decides for the others). A token
    without a letter has the pipeline's lemma as well, which is the token itself."""
    return any(c.isalpha() for c in word) and not is_known(word.lower())


def sentence_forms(sentence: Sentence) -> tuple[frozenset[str], ...]:
    """For each token of a sentence, the forms a lexicon word may meet it by: the word
    in lower case, the dictionary lemma, the pipeline's lemma (of a word the dictionary
    does not know), the infinitive of a verb stem before je/jij and of a form in -t
    after its subject, and for an elliptic first part ("resultaat-") the compound it
    stands for."""
    return _forms(sentence.words, sentence.lemmas)


@functools.lru_cache(maxsize=4096)
def _forms(words: tuple[str, ...], lemmas: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    out: list[frozenset[str]] = []
    for i, (word, lemma) in enumerate(zip(words, lemmas, strict=True)):
        lower = word.lower()
        forms = {lower}
        if not any(c.isalpha() for c in word):
            forms.add(lemma)
        else:
            forms.add(lexicon_lemma(word))  # from the lemma table while simplemma is not loaded
            # the pipeline's lemma where the dictionary does not know the word: where
            # it does, its lemma decides (a trained pipeline reads "leidinggevende"
            # as the verb "leidinggeven"), so results do not hang on the pipeline
            if takes_pipeline_lemma(word):
                forms.add(lemma)
            if i + 1 < len(words) and words[i + 1].lower() in _INVERTED_SUBJECT:
                forms |= _stem_infinitives(lower)
            if i > 0 and words[i - 1].lower() in _SUBJECTS:
                forms |= _finite_infinitives(lower)
            if (
                lower.endswith("-")
                and i + 2 < len(words)
                and words[i + 1].lower() in _ELLIPSIS_JOINERS
                and words[i + 2].isalpha()
            ):
                forms |= _elliptic_compounds(lower, words[i + 2].lower())
        out.append(frozenset(forms))
    return tuple(out)
