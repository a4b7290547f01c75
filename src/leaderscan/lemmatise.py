"""Lemmatisation with spaCy: nl_core_news_sm when installed, else an offline pipeline.

Pipelines (``--model``):

* ``auto`` (default): nl_core_news_sm if it is installed, else ``simplemma``.
* ``nl_core_news_sm`` (or any installed spaCy pipeline name or path): the trained
  model, with only the components lemmas need (no parser, no NER).
* ``simplemma``: spaCy's Dutch tokenizer and sentencizer with simplemma's Dutch
  lemma data in a spaCy component; works offline. Chosen as the fallback by
  measurement (bench/lemmatisers.py, docs/benchmarks.md).
* ``lookup``: spaCy's lookup lemmatizer with spacy-lookups-data, kept for comparison.

All pipelines split sentences with spaCy's rule-based sentencizer, so sentence
boundaries do not depend on the model. Lemmas are normalised the same way for
text and lexicon patterns: lower case, without the underscores nl_core_news_sm
writes in separable verbs and compounds ("aan_sluiten" -> "aansluiten").
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

from .errors import PipelineError
from .lemma_table import (
    dictionary_lemma,
    is_known,
    lexicon_lemma,
    normalise_lemma,
    package_version,
    simplemma_lemma,
)
from .model import Block, Sentence

TRAINED = "nl_core_news_sm"
FALLBACK = "simplemma"
CHOICES = ("auto", TRAINED, FALLBACK, "lookup")


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


@functools.lru_cache(maxsize=200_000)
def _known(lower: str) -> bool:
    return is_known(lower)


def sentence_forms(sentence: Sentence) -> tuple[frozenset[str], ...]:
    """For each token of a sentence, the forms a lexicon word may meet it by: the word
    in lower case, the dictionary lemma, the pipeline's lemma (of a word the dictionary
    does not know), the infinitive of a verb stem before je/jij, and for an elliptic
    first part ("resultaat-") the compound it stands for."""
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
            forms.add(simplemma_lemma(word))
            # the pipeline's lemma where the dictionary does not know the word: where
            # it does, its lemma decides (a trained pipeline reads "leidinggevende"
            # as the verb "leidinggeven"), so results do not hang on the pipeline
            if not _known(lower):
                forms.add(lemma)
            if i + 1 < len(words) and words[i + 1].lower() in _INVERTED_SUBJECT:
                forms |= _stem_infinitives(lower)
            if (
                lower.endswith("-")
                and i + 2 < len(words)
                and words[i + 1].lower() in _ELLIPSIS_JOINERS
                and words[i + 2].isalpha()
            ):
                forms |= _elliptic_compounds(lower, words[i + 2].lower())
        out.append(frozenset(forms))
    return tuple(out)


PLAIN_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _simplemma_component(doc: Doc) -> Doc:
    for token in doc:
        if token.is_alpha or any(c.isalpha() for c in token.text):
            token.lemma_ = simplemma_lemma(token.text)
        else:
            token.lemma_ = token.text
    return doc


@dataclass
class Pipeline:
    """A spaCy pipeline and what to call it in output and provenance.

    The spaCy object is built on first use (``nlp``): a run whose documents all
    come from the cache never loads spaCy. ``word_lemma`` is a shortcut for plain
    words (letters and single spaces) where a pipeline lemmatises word by word, as
    the offline one does: the same lemmas as the spaCy path, without loading it.
    """

    name: str
    version: str
    build: Callable[[], Language]
    word_lemma: Callable[[str], str] | None = None
    _nlp: Language | None = field(default=None, repr=False)
    lexicon_lemma: Callable[[str], str] | None = None  # word_lemma for lexicon words
    model: str = ""  # the name it was loaded by (load_pipeline)
    # analyses of short texts that are not plain words (lexicon phrases), kept across runs
    memo: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]] = field(
        default_factory=dict, repr=False
    )

    files: str = ""  # a fingerprint of a trained pipeline's files (files_fingerprint)

    @property
    def description(self) -> str:
        return f"{self.name} {self.version}"

    @property
    def fingerprint(self) -> str:
        """What identifies the pipeline's lemmas (the cache's key): name and version,
        and for a trained pipeline its files, so two local pipelines of one name and
        version never share cache entries."""
        return f"{self.description} {self.files}".strip()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = self.build()
        return self._nlp

    def sentences(self, blocks: Iterable[Block], batch_size: int = 256) -> Iterator[Sentence]:
        """Lemmatise blocks with ``nlp.pipe``; yield their sentences in order."""
        blocks = [b for b in blocks if not b.heading]
        docs = self.nlp.pipe((b.text for b in blocks), batch_size=batch_size)
        for block, doc in zip(blocks, docs, strict=True):
            # token attributes once per block: spaCy's per-token access is slow
            texts, lemmas, idx, space = [], [], [], []
            for t in doc:
                texts.append(t.text)
                lemmas.append(normalise_lemma(t.lemma_) or t.lower_)
                idx.append(t.idx)
                space.append(t.is_space)
            for sent in doc.sents:
                keep = [i for i in range(sent.start, sent.end) if not space[i]]
                if not keep:
                    continue
                begin = idx[keep[0]]
                end = idx[keep[-1]] + len(texts[keep[-1]])
                yield Sentence(
                    page=block.page,
                    section=block.section,
                    text=block.text[begin:end],
                    words=tuple(texts[i] for i in keep),
                    lemmas=tuple(lemmas[i] for i in keep),
                    offsets=tuple(idx[i] - begin for i in keep),
                )

    def _analyse(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
        """Words, lemmas and offsets of a short text (a lexicon phrase); memoised, so a
        run can hand them to its workers and keep them in the cache."""
        if text in self.memo:
            return self.memo[text]
        if self.word_lemma is not None and PLAIN_WORDS.fullmatch(text):
            words = tuple(text.split(" "))
            offsets, at = [], 0
            for w in words:
                offsets.append(at)
                at += len(w) + 1
            lemmas = tuple(self._word(w) for w in words)
            self.memo[text] = (words, lemmas, tuple(offsets))
        else:
            toks = [t for t in self.nlp(text) if not t.is_space]
            self.memo[text] = (
                tuple(t.text for t in toks),
                tuple(normalise_lemma(t.lemma_) or t.lower_ for t in toks),
                tuple(t.idx for t in toks),
            )
        return self.memo[text]

    def _word(self, word: str) -> str:
        """One plain word's lemma: from the memo when a lexicon had it before (no
        lemma data to load), else from ``word_lemma``."""
        known = self.memo.get(word)
        if known is not None and len(known[1]) == 1:
            return known[1][0]
        lemma = self.lexicon_lemma or self.word_lemma
        assert lemma is not None
        return lemma(word) or word.lower()

    def phrase(self, text: str) -> Sentence:
        """A short text (a pattern's words) as one sentence, without spaCy when it can."""
        words, lemmas, offsets = self._analyse(text)
        return Sentence(1, None, text, words, lemmas, offsets)

    def lemmas(self, text: str) -> list[str]:
        """The normalised lemma of each non-space token of ``text``."""
        return list(self._analyse(text)[1])


# Ordinary Dutch words that spaCy's Dutch tokenizer also knows as abbreviations with a
# full stop ("dat." for datum): at the end of a sentence ("Je onderhoudt dat. Omdat ...")
# the stop was kept in the word and the two sentences ran into one.
WORDS_NOT_ABBREVIATIONS = ("dat", "al", "best", "hand", "kon", "pas", "top", "vol", "ver")


def _sentencizer(nlp: Language) -> None:
    tokenizer: Any = nlp.tokenizer
    rules = dict(tokenizer.rules or {})
    for word in WORDS_NOT_ABBREVIATIONS:
        for form in (word, word.capitalize(), word.upper()):
            rules.pop(f"{form}.", None)
    tokenizer.rules = rules
    nlp.add_pipe("sentencizer", first=True, config={"punct_chars": [".", "!", "?", ";", "…"]})


def _build_fallback() -> Language:
    import spacy
    from spacy.language import Language

    if not Language.has_factory("leaderscan_simplemma"):
        Language.component("leaderscan_simplemma", func=_simplemma_component)
    nlp = spacy.blank("nl")
    _sentencizer(nlp)
    nlp.add_pipe("leaderscan_simplemma")
    return nlp


def _fallback() -> Pipeline:
    return Pipeline(
        FALLBACK,
        f"{package_version('simplemma')} (spaCy {package_version('spacy')} nl tokenizer)",
        _build_fallback,
        word_lemma=simplemma_lemma,
        lexicon_lemma=lexicon_lemma,
    )


def _lookup() -> Pipeline:
    if importlib.util.find_spec("spacy_lookups_data") is None:
        raise PipelineError(
            "the 'lookup' pipeline needs spacy-lookups-data: pip install spacy-lookups-data"
        )

    def build() -> Language:
        import spacy

        nlp = spacy.blank("nl")
        _sentencizer(nlp)
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        return nlp

    return Pipeline(
        "lookup",
        f"spacy-lookups-data {package_version('spacy-lookups-data')} (spaCy {package_version('spacy')})",
        build,
    )


def _trained(name: str) -> Pipeline:
    import spacy

    try:
        nlp = spacy.load(name, exclude=["parser", "ner", "senter"])
    except OSError as exc:
        raise PipelineError(
            f"spaCy pipeline '{name}' is not installed: run 'python -m spacy download {name}', "
            f"or use --model {FALLBACK} (offline)"
        ) from exc
    _sentencizer(nlp)
    meta: dict[str, Any] = nlp.meta
    label = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_") or name
    return Pipeline(
        label,
        str(meta.get("version", "?")),
        lambda: nlp,
        _nlp=nlp,
        files=files_fingerprint(_pipeline_path(name)),
    )


def _pipeline_path(name: str) -> Path | None:
    """Where a pipeline loaded by name or path keeps its files."""
    if Path(name).is_dir():
        return Path(name)
    import spacy.util

    try:
        return Path(spacy.util.get_package_path(name))
    except Exception:  # not an installed package: nothing to fingerprint
        return None


def files_fingerprint(path: Path | None) -> str:
    """SHA-256 (first 16 hex digits) of every file under ``path``, names included:
    a retrained pipeline of the same name and version gets another fingerprint."""
    if path is None:
        return ""
    h = hashlib.sha256()
    for root, dirs, names in sorted(os.walk(path)):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(".pyc"):
                continue
            file = Path(root) / n
            h.update(str(file.relative_to(path)).encode())
            try:
                h.update(file.read_bytes())
            except OSError:
                continue
    return h.hexdigest()[:16]


def trained_available() -> bool:
    return importlib.util.find_spec(TRAINED) is not None


def installed_pipelines() -> tuple[str, ...]:
    """The pipelines every one of which loads here: the offline one, and nl_core_news_sm
    when it is installed (what 'lexicon test' tests under by default)."""
    return (FALLBACK, TRAINED) if trained_available() else (FALLBACK,)


@functools.cache
def load_pipeline(model: str = "auto") -> Pipeline:
    """Load a pipeline by name (see module docs). Cached: loading takes a while."""
    if model == "auto":
        pipeline = _trained(TRAINED) if trained_available() else _fallback()
    elif model == FALLBACK:
        pipeline = _fallback()
    elif model == "lookup":
        pipeline = _lookup()
    else:
        pipeline = _trained(model)
    pipeline.model = model
    return pipeline
