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
import importlib.metadata
import importlib.util
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

from .errors import PipelineError
from .forms import takes_pipeline_lemma
from .i18n import _
from .lemma_table import (
    lexicon_lemma,
    normalise_lemma,
    package_version,
    simplemma_lemma,
    text_lemma,
)
from .model import Block, Sentence

TRAINED = "nl_core_news_sm"
FALLBACK = "simplemma"
CHOICES = ("auto", TRAINED, FALLBACK, "lookup")


PLAIN_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


@functools.lru_cache(maxsize=200_000)
def _word_lemma(word: str) -> str:
    """A token's normalised lemma in the offline pipeline: simplemma's for a word with
    a letter, else the token as it is."""
    if any(c.isalpha() for c in word):
        return text_lemma(word) or word.lower()
    return normalise_lemma(word) or word.lower()


def _simplemma_component(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = _word_lemma(token.text)
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
    # the spaCy component of a pipeline that lemmatises word by word (``_word_lemma``),
    # whose lemmas are looked up directly, in bulk
    word_component: str = ""
    # a trained pipeline whose lemma of a token depends on no more than this many tokens
    # on either side (trained.lemma_reach; set when it is built): its model is run only
    # around the words whose lemma a result can use, those the dictionary does not know
    reach: int | None = None
    _lemma_memo: dict[int, str] = field(default_factory=dict, repr=False)

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
        # a pipeline that lemmatises word by word needs no lemmatiser in spaCy, and no
        # spaCy for a text of plain words (letters and single spaces): its tokenizer
        # splits those at the spaces and nowhere else, in one sentence
        plain = [
            bool(self.word_component) and PLAIN_WORDS.fullmatch(b.text) is not None for b in blocks
        ]
        texts = [b.text for b, p in zip(blocks, plain, strict=True) if not p]
        docs = self._docs(texts, batch_size) if texts else iter(())
        for block, is_plain in zip(blocks, plain, strict=True):
            if is_plain:
                yield self._plain_sentence(block)
                continue
            doc, given = next(docs)
            words, lemmas, idx, space, starts = self._tokens(doc, block.text, given)
            if not words:
                continue
            if not any(starts):  # no boundaries: doc.sents says what is missing
                list(doc.sents)
            # a sentence begins at every token marked so (as in doc.sents)
            begins = [i for i, start in enumerate(starts) if start == 1 and i]
            for a, b in itertools.pairwise([0, *begins, len(words)]):
                if any(space[a:b]):
                    keep = [i for i in range(a, b) if not space[i]]
                    if not keep:
                        continue
                    ws = [words[i] for i in keep]
                    ls = [lemmas[i] for i in keep]
                    at = [idx[i] for i in keep]
                else:
                    ws, ls, at = words[a:b], lemmas[a:b], idx[a:b]
                begin = at[0]
                yield Sentence(
                    page=block.page,
                    section=block.section,
                    text=block.text[begin : at[-1] + len(ws[-1])],
                    words=tuple(ws),
                    lemmas=tuple(ls),
                    offsets=tuple([i - begin for i in at]),
                )

    @staticmethod
    def _plain_sentence(block: Block) -> Sentence:
        """A block of plain words as the offline pipeline reads it, without spaCy."""
        words = block.text.split(" ")
        offsets, at = [], 0
        for w in words:
            offsets.append(at)
            at += len(w) + 1
        return Sentence(
            page=block.page,
            section=block.section,
            text=block.text,
            words=tuple(words),
            lemmas=tuple(_word_lemma(w) for w in words),
            offsets=tuple(offsets),
        )

    def _docs(
        self, texts: list[str], batch_size: int
    ) -> Iterator[tuple[Doc, dict[int, str] | None]]:
        """Each text as a Doc with its sentences and lemmas, and the trained model's
        lemmas by token (None: the Doc has its lemmas). With a ``reach``, the model
        reads of each text only the stretches of ``reach`` tokens on either side of the
        words the dictionary does not know, one after the other: a token farther away
        than ``reach`` does not change a word's lemma, so each gets the lemma the whole
        text gives it. Those are the only lemmas of a trained pipeline that matching
        uses (forms.py); every other word has its dictionary lemma."""
        nlp = self.nlp  # built: a trained pipeline's reach is known from here on
        if self.word_component or self.reach is None:
            disable = [self.word_component] if self.word_component else []
            for doc in nlp.pipe(texts, batch_size=batch_size, disable=disable):
                yield doc, None
            return
        from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, SPACY
        from spacy.tokens import Doc

        reach = self.reach
        model = [n for n in nlp.pipe_names if n != SENTENCIZER]
        docs = list(nlp.pipe(texts, batch_size=batch_size, disable=model))
        given: list[dict[int, str]] = [{} for _ in docs]
        parts: list[Doc] = []
        asked: list[tuple[int, list[int], dict[int, int]]] = []  # text, tokens, where in part
        for d, (doc, text) in enumerate(zip(docs, texts, strict=True)):
            rows = doc.to_array([IDX, LENGTH, IS_SPACE, SPACY]).tolist()
            words = [text[r[0] : r[0] + r[1]] for r in rows]
            # the words whose trained lemma matching uses (not white space)
            wanted = [
                i
                for i, (w, r) in enumerate(zip(words, rows, strict=True))
                if not r[2] and takes_pipeline_lemma(w)
            ]
            if not wanted:
                continue
            keep: list[int] = []  # the tokens of the stretches, in order
            for i in wanted:
                start = max(i - reach, keep[-1] + 1 if keep else 0)
                keep.extend(range(start, min(len(words), i + reach + 1)))
            at = {k: n for n, k in enumerate(keep)}
            parts.append(
                Doc(
                    nlp.vocab,
                    words=[words[k] for k in keep],
                    spaces=[bool(rows[k][3]) for k in keep],
                )
            )
            asked.append((d, wanted, at))
        done = nlp.pipe(parts, batch_size=batch_size, disable=[SENTENCIZER])
        for part, (d, wanted, at) in zip(done, asked, strict=True):
            hashes = part.to_array([LEMMA]).tolist()
            for i in wanted:
                given[d][i] = normalise_lemma(nlp.vocab.strings[hashes[at[i]]])
        yield from zip(docs, given, strict=True)

    def _tokens(
        self, doc: Doc, text: str, given: dict[int, str] | None = None
    ) -> tuple[list[str], list[str], list[int], list[int], list[int]]:
        """Every token's text, normalised lemma, offset, whether it is white space and
        whether it starts a sentence (1; 0 if unknown), read from the Doc's
        arrays: no Token objects, which are slow to make (``doc.text`` makes them too:
        ``text`` is the text the Doc was made of). ``given``: the lemmas of the tokens
        a trained model lemmatised (``_docs``), the others' from the dictionary."""
        from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, SENT_START

        rows = doc.to_array([IDX, LENGTH, IS_SPACE, LEMMA, SENT_START]).tolist()
        words = [text[i : i + n] for i, n, _, _, _ in rows]
        if given is not None:
            lemmas = [
                given.get(i) or (w.lower() if i in given else _word_lemma(w))
                for i, w in enumerate(words)
            ]
        elif self.word_component:
            lemmas = [_word_lemma(w) for w in words]
        else:
            strings, memo = doc.vocab.strings, self._lemma_memo
            lemmas = []
            for w, (_, _, _, h, _) in zip(words, rows, strict=True):
                lemma = memo.get(h)
                if lemma is None:
                    lemma = memo[h] = normalise_lemma(strings[h])
                lemmas.append(lemma or w.lower())
        return words, lemmas, [r[0] for r in rows], [r[2] for r in rows], [r[4] for r in rows]

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
            disable = [self.word_component] if self.word_component else []
            ws, ls, idx, space, _ = self._tokens(self.nlp(text, disable=disable), text)
            keep = [i for i, sp in enumerate(space) if not sp]
            self.memo[text] = (
                tuple(ws[i] for i in keep),
                tuple(ls[i] for i in keep),
                tuple(idx[i] for i in keep),
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


SENTENCE_ENDS = (".", "!", "?", ";", "…")
SENTENCIZER = (
    "leaderscan_sentencizer"  # the component that splits sentences, first in every pipeline
)


def _split_sentences(doc: Doc) -> Doc:
    """spaCy's rule-based ``sentencizer`` with ``punct_chars`` SENTENCE_ENDS, the same
    rule (Sentencizer.predict: a sentence ends after a run of sentence punctuation,
    at the next token that is no punctuation) on the Doc's arrays instead of its
    Token objects, which are slow to make; boundaries already set stay."""
    import numpy
    from spacy.attrs import IS_PUNCT, ORTH, SENT_START
    from spacy.strings import get_string_id

    if not len(doc):
        return doc
    ends = {get_string_id(c) for c in SENTENCE_ENDS}
    rows = doc.to_array([ORTH, IS_PUNCT, SENT_START]).tolist()
    guess = [False] * len(rows)
    guess[0] = True
    start, seen_end = 0, False
    for i, (orth, punct, _space) in enumerate(rows):
        is_end = orth in ends
        if seen_end and not punct and not is_end:
            guess[start] = True
            start, seen_end = i, False
        elif is_end:
            seen_end = True
    guess[start] = True
    starts = [r[2] or (1 if g else -1) for r, g in zip(rows, guess, strict=True)]
    array: Any = numpy.array(starts, dtype="int64").astype("uint64")
    doc.from_array([SENT_START], array)
    return doc


def _not_abbreviations(rules: Mapping[str, Any]) -> dict[str, Any]:
    """Tokenizer exceptions without WORDS_NOT_ABBREVIATIONS."""
    drop = {f"{f}." for w in WORDS_NOT_ABBREVIATIONS for f in (w, w.capitalize(), w.upper())}
    return {k: v for k, v in rules.items() if k not in drop}


def _sentencizer(nlp: Language, rules: bool = True) -> None:
    """leaderscan's sentencizer first in ``nlp``; with ``rules``, the tokenizer's
    exceptions set again without WORDS_NOT_ABBREVIATIONS (which reloads them all)."""
    from spacy.language import Language

    if rules:
        tokenizer: Any = nlp.tokenizer
        tokenizer.rules = _not_abbreviations(tokenizer.rules or {})
    if not Language.has_factory(SENTENCIZER):
        Language.component(SENTENCIZER, func=_split_sentences)
    nlp.add_pipe(SENTENCIZER, first=True)


def _build_fallback() -> Language:
    from spacy.language import Language

    if not Language.has_factory("leaderscan_simplemma"):
        Language.component("leaderscan_simplemma", func=_simplemma_component)
    from spacy.lang.nl import Dutch

    defaults = type(  # the exceptions loaded once, as they will be used
        "Defaults",
        (Dutch.Defaults,),
        {"tokenizer_exceptions": _not_abbreviations(Dutch.Defaults.tokenizer_exceptions)},
    )
    nlp: Language = type("OfflineDutch", (Dutch,), {"Defaults": defaults})()
    _sentencizer(nlp, rules=False)
    nlp.add_pipe("leaderscan_simplemma")
    return nlp


def _fallback() -> Pipeline:
    return Pipeline(
        FALLBACK,
        f"{package_version('simplemma')} (spaCy {package_version('spacy')} nl tokenizer)",
        _build_fallback,
        word_lemma=simplemma_lemma,
        lexicon_lemma=lexicon_lemma,
        word_component="leaderscan_simplemma",
    )


def _lookup() -> Pipeline:
    if importlib.util.find_spec("spacy_lookups_data") is None:
        raise PipelineError(
            _("the 'lookup' pipeline needs spacy-lookups-data: pip install spacy-lookups-data")
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
        from .trained import trained

        pipeline = trained(TRAINED) if trained_available() else _fallback()
    elif model == FALLBACK:
        pipeline = _fallback()
    elif model == "lookup":
        pipeline = _lookup()
    else:
        from .trained import trained

        pipeline = trained(model)
    pipeline.model = model
    return pipeline
