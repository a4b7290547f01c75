"""Trained spaCy pipelines (nl_core_news_sm, or any installed pipeline or folder):
loaded with only the components lemmas need, when first used.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PipelineError
from .i18n import _
from .lemmatise import FALLBACK, SENTENCIZER, Pipeline, _sentencizer

if TYPE_CHECKING:
    from spacy.language import Language


# what a trained pipeline runs besides its lemmatiser when its config cannot be read
NOT_FOR_LEMMAS = ("parser", "ner", "senter")


def lemma_components(config: Mapping[str, Any]) -> list[str]:
    """The components of a trained pipeline (its config) that its lemmas need: those
    that assign lemmas, the tok2vec or transformer layers they listen to, and for a
    rule-based lemmatizer (which reads the part of speech) every other component but
    the parser, senter and NER. The edit-tree lemmatizer of nl_core_news_sm predicts
    from its tok2vec alone: the tagger and morphologizer are not needed. Sentence
    boundaries come from leaderscan's sentencizer (``_sentencizer``) in every
    pipeline."""
    from spacy.language import Language

    try:  # spaCy 3.8 registers its factories when the first pipeline is made
        from spacy.pipeline.factories import register_factories

        register_factories()
    except ImportError:  # earlier versions, on import
        pass
    components: Mapping[str, Any] = config.get("components", {})
    names = [n for n in config.get("nlp", {}).get("pipeline", []) if n in components]

    def assigns(name: str) -> list[str]:
        factory = components[name].get("factory")
        if factory is None or not Language.has_factory(factory):
            return ["?"]  # sourced or unknown: kept
        return list(Language.get_factory_meta(factory).assigns)

    keep = {n for n in names if {"token.lemma", "?"} & set(assigns(n))}
    if any(
        components[n].get("factory") == "lemmatizer"
        and components[n].get("mode", "rule") != "lookup"
        for n in keep
    ):
        keep |= {n for n in names if components[n].get("factory") not in NOT_FOR_LEMMAS}
    for name in list(keep):
        for upstream in _listens_to(components[name]):
            keep |= {
                n
                for n in names
                if (upstream == "*" and components[n].get("factory") in ("tok2vec", "transformer"))
                or n == upstream
            }
    return [n for n in names if n in keep]


# layers whose output for a token depends on that token alone (an embedding of its
# attributes), on a window of neighbours per layer (an encoder), or on the token's
# vector from tok2vec (the heads of taggers and the edit-tree lemmatizer)
PER_TOKEN_EMBEDS = {
    "spacy.MultiHashEmbed.v1",
    "spacy.MultiHashEmbed.v2",
    "spacy.CharacterEmbed.v1",
    "spacy.CharacterEmbed.v2",
}
WINDOW_ENCODERS = {"spacy.MaxoutWindowEncoder.v1", "spacy.MaxoutWindowEncoder.v2"}
WINDOW_TOK2VEC = {"spacy.HashEmbedCNN.v1", "spacy.HashEmbedCNN.v2"}
PER_TOKEN_HEADS = {"spacy.Tagger.v1", "spacy.Tagger.v2"}
HEADS = {"tagger", "morphologizer", "trainable_lemmatizer"}


def lemma_reach(config: Mapping[str, Any], components: list[str]) -> int | None:
    """How many tokens on either side of a token its lemma can depend on, when the
    ``components`` that make lemmas (lemma_components) are a tok2vec of window
    encoders and per-token heads listening to it (as in nl_core_news_sm: depth ×
    window size, 4); None for anything else (a rule-based lemmatizer, a parser, a
    transformer, a head with a tok2vec of its own), whose lemmas need the whole text."""
    settings: Mapping[str, Any] = config.get("components", {})
    reach: int | None = None
    for name in components:
        component = settings.get(name, {})
        model = component.get("model", {})
        architecture = model.get("@architectures")
        if component.get("factory") == "tok2vec":
            if architecture in WINDOW_TOK2VEC:
                window, depth = model.get("window_size"), model.get("depth")
            elif (
                architecture in ("spacy.Tok2Vec.v1", "spacy.Tok2Vec.v2")
                and model.get("embed", {}).get("@architectures") in PER_TOKEN_EMBEDS
                and model.get("encode", {}).get("@architectures") in WINDOW_ENCODERS
            ):
                window, depth = model["encode"].get("window_size"), model["encode"].get("depth")
            else:
                return None
            if not (isinstance(window, int) and isinstance(depth, int)):
                return None
            reach = max(reach or 0, window * depth)
        elif not (
            component.get("factory") in HEADS
            and architecture in PER_TOKEN_HEADS
            and "Listener" in str(model.get("tok2vec", {}).get("@architectures", ""))
        ):
            return None
    return reach


def _listens_to(config: Any) -> Iterator[str]:
    """The upstream names of every listener layer in a component's config."""
    if isinstance(config, Mapping):
        if "Listener" in str(config.get("@architectures", "")):
            yield str(config.get("upstream", "*"))
        for value in config.values():
            yield from _listens_to(value)


def _config_of(path: Path | None) -> Any:
    """The config of a pipeline's folder (a package keeps it one folder down), or None."""
    if path is None:
        return None
    found = [path / "config.cfg", *sorted(path.glob("*/config.cfg"))]
    found = [f for f in found if f.is_file()]
    if not found:
        return None
    import spacy.util

    try:
        return spacy.util.load_config(found[0], interpolate=False)
    except Exception:  # a config it cannot read: what was excluded before
        return None


def _sets_lemmas(ruler: Any) -> bool:
    """Whether an attribute ruler writes lemmas (else it only maps tags)."""
    return any(
        "LEMMA" in p.get("attrs", {}) or "lemma" in p.get("attrs", {}) for p in ruler.patterns
    )


def _meta_of(path: Path | None) -> dict[str, Any] | None:
    """The meta.json of a pipeline's folder (a package keeps it one folder down), or None."""
    if path is None:
        return None
    import json

    for found in [path / "meta.json", *sorted(path.glob("*/meta.json"))]:
        try:
            meta = json.loads(found.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict):
            return meta
    return None


def _label(meta: Mapping[str, Any], name: str) -> tuple[str, str]:
    """What a trained pipeline is called in output: lang_name, and its version."""
    label = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_") or name
    return label, str(meta.get("version", "?"))


def trained(name: str) -> Pipeline:
    """A trained pipeline, loaded when first used when its folder and meta.json are
    there (a run on cached documents and 'lexicon check' then never load the model),
    else now (which says what is missing)."""
    path = _pipeline_path(name)
    meta = _meta_of(path)
    if meta is None:
        nlp, reach = _load_trained(name, path)
        label, version = _label(nlp.meta, name)
        return Pipeline(
            label, version, lambda: nlp, _nlp=nlp, files=files_fingerprint(path), reach=reach
        )
    label, version = _label(meta, name)

    def build() -> Language:
        nlp, pipeline.reach = _load_trained(name, path)
        if _label(nlp.meta, name) != (label, version):
            raise PipelineError(
                _("spaCy pipeline '{name}' changed while in use; run again").format(name=name)
            )
        return nlp

    pipeline = Pipeline(label, version, build, files=files_fingerprint(path))
    return pipeline


def _load_trained(name: str, path: Path | None) -> tuple[Language, int | None]:
    """The pipeline with the components its lemmas need, and their ``lemma_reach``."""
    import spacy

    config = _config_of(path)
    if config is not None:
        needed = lemma_components(config)
        pipeline = config["nlp"]["pipeline"]
        # an attribute ruler is loaded, and removed unless it writes lemmas
        exclude = [n for n in pipeline if n not in needed and n != "attribute_ruler"]
    else:
        needed, exclude = [], list(NOT_FOR_LEMMAS)
    try:
        nlp = spacy.load(name, exclude=exclude)
    except OSError as exc:
        raise PipelineError(
            _(
                "spaCy pipeline '{name}' is not installed: run 'python -m spacy download {name}', "
                "or use --model {fallback} (offline)"
            ).format(name=name, fallback=FALLBACK)
        ) from exc
    if config is not None and "attribute_ruler" in nlp.pipe_names:
        if "attribute_ruler" not in needed and not _sets_lemmas(nlp.get_pipe("attribute_ruler")):
            nlp.remove_pipe("attribute_ruler")
    _sentencizer(nlp)
    reach = lemma_reach(config, needed) if config is not None else None
    if reach is not None and any(n not in needed for n in nlp.pipe_names if n != SENTENCIZER):
        reach = None  # an attribute ruler that writes lemmas reads patterns of any length
    return nlp, reach


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
