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
import importlib.util
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import PipelineError
from .model import Block, Sentence

TRAINED = "nl_core_news_sm"
FALLBACK = "simplemma"
CHOICES = ("auto", TRAINED, FALLBACK, "lookup")

# Adjectives that simplemma leaves inflected ("resultaatgerichte"); bench/lemmatisers.py.
_ADJECTIVE_ENDINGS = (
    "gericht",
    "rijk",
    "ig",
    "isch",
    "baar",
    "lijk",
    "vol",
    "zaam",
    "loos",
    "vast",
)


def normalise_lemma(lemma: str) -> str:
    return lemma.lower().replace("_", "").strip()


@functools.lru_cache(maxsize=200_000)
def simplemma_lemma(word: str) -> str:
    """simplemma's Dutch lemma of ``word``, with a rule for inflected adjectives."""
    import simplemma

    lower = word.lower()
    lemma = simplemma.lemmatize(lower, lang="nl")
    if lemma == lower and lower.endswith("e") and lower[:-1].endswith(_ADJECTIVE_ENDINGS):
        lemma = lower[:-1]
    return normalise_lemma(lemma)


@Language.component("leaderscan_simplemma")
def _simplemma_component(doc: Doc) -> Doc:
    for token in doc:
        if token.is_alpha or any(c.isalpha() for c in token.text):
            token.lemma_ = simplemma_lemma(token.text)
        else:
            token.lemma_ = token.text
    return doc


@dataclass
class Pipeline:
    """A loaded spaCy pipeline and what to call it in output and provenance."""

    name: str
    version: str
    nlp: Language

    @property
    def description(self) -> str:
        return f"{self.name} {self.version}"

    def sentences(self, blocks: Iterable[Block], batch_size: int = 256) -> Iterator[Sentence]:
        """Lemmatise blocks with ``nlp.pipe``; yield their sentences in order."""
        blocks = [b for b in blocks if not b.heading]
        docs = self.nlp.pipe((b.text for b in blocks), batch_size=batch_size)
        for block, doc in zip(blocks, docs, strict=True):
            for sent in doc.sents:
                toks = [t for t in sent if not t.is_space]
                if not toks:
                    continue
                start = sent.start_char
                yield Sentence(
                    page=block.page,
                    section=block.section,
                    text=sent.text.strip(),
                    words=tuple(t.text for t in toks),
                    lemmas=tuple(normalise_lemma(t.lemma_) or t.lower_ for t in toks),
                    offsets=tuple(
                        t.idx - start - (len(sent.text) - len(sent.text.lstrip())) for t in toks
                    ),
                )

    def lemmas(self, text: str) -> list[str]:
        """The normalised lemma of each non-space token of ``text``."""
        return [normalise_lemma(t.lemma_) or t.lower_ for t in self.nlp(text) if not t.is_space]


def _sentencizer(nlp: Language) -> None:
    nlp.add_pipe("sentencizer", first=True, config={"punct_chars": [".", "!", "?", ";", "…"]})


def _fallback() -> Pipeline:
    import simplemma

    nlp = spacy.blank("nl")
    _sentencizer(nlp)
    nlp.add_pipe("leaderscan_simplemma")
    return Pipeline(
        FALLBACK,
        f"{getattr(simplemma, '__version__', '?')} (spaCy {spacy.__version__} nl tokenizer)",
        nlp,
    )


def _lookup() -> Pipeline:
    if importlib.util.find_spec("spacy_lookups_data") is None:
        raise PipelineError(
            "the 'lookup' pipeline needs spacy-lookups-data: pip install spacy-lookups-data"
        )
    nlp = spacy.blank("nl")
    _sentencizer(nlp)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    import spacy_lookups_data

    return Pipeline(
        "lookup",
        f"spacy-lookups-data {getattr(spacy_lookups_data, '__version__', '?')} (spaCy {spacy.__version__})",
        nlp,
    )


def _trained(name: str) -> Pipeline:
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
    return Pipeline(label, str(meta.get("version", "?")), nlp)


def trained_available() -> bool:
    return importlib.util.find_spec(TRAINED) is not None


@functools.cache
def load_pipeline(model: str = "auto") -> Pipeline:
    """Load a pipeline by name (see module docs). Cached: loading takes a while."""
    if model == "auto":
        return _trained(TRAINED) if trained_available() else _fallback()
    if model == FALLBACK:
        return _fallback()
    if model == "lookup":
        return _lookup()
    return _trained(model)
