"""Import dictionaries researchers already have into competences.yaml form.

* LIWC ``.dic``: a header of categories between ``%`` lines (``1<TAB>Strateeg``),
  then one term per line followed by its category numbers or names. Each category
  becomes an orientation, each term a competence of it.
* quanteda/YAML dictionaries: ``category: [term, ...]``; a nested mapping
  (``Verkenner: {Netwerken: [netwerk*, ...]}``) makes the top level the
  orientation and each key below it a competence with those terms as patterns.

Terms keep their ``*`` globs; a term of several words becomes an adjacent
phrase. The result is YAML text that ``parse_lexicon`` accepts.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .errors import LexiconError, Problem
from .i18n import _
from .lexicon import parse_lexicon, slug
from .yamlio import load_yaml

SCHEMA_LINE = "# yaml-language-server: $schema=src/leaderscan/schema/competences.schema.json"


def read_liwc(path: Path, text: str) -> dict[str, dict[str, list[str]]]:
    """orientation -> competence label -> terms."""
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(
            [
                Problem(
                    path,
                    1,
                    _("not a LIWC .dic file: the category header between two '%' lines is missing"),
                )
            ]
        )
    categories: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2:
            raise LexiconError(
                [
                    Problem(
                        path,
                        i + 1,
                        _("category line '{line}' needs a number and a name").format(
                            line=lines[i].strip()
                        ),
                    )
                ]
            )
        categories[parts[0]] = " ".join(parts[1:])
    out: dict[str, dict[str, list[str]]] = {name: {} for name in categories.values()}
    for i in range(marks[1] + 1, len(lines)):
        raw = lines[i].strip()
        if not raw:
            continue
        # a term may hold spaces ("in het bijzonder"); its categories are the trailing fields
        words = raw.split()
        k = len(words)
        while k > 1 and (words[k - 1] in categories or words[k - 1] in out):
            k -= 1
        term, cats = " ".join(words[:k]), words[k:]
        if not cats:
            raise LexiconError(
                [Problem(path, i + 1, _("term '{term}' has no category").format(term=raw))]
            )
        for c in cats:
            name = categories.get(c, c)
            out[name].setdefault(_label(term), []).append(term)
    return out


def read_quanteda(path: Path, text: str) -> dict[str, dict[str, list[str]]]:
    data, problems = load_yaml(path, text)
    if problems:
        raise LexiconError(problems)
    if not isinstance(data, dict) or not data:
        raise LexiconError(
            [Problem(path, 1, _("a dictionary must map categories to lists of terms"))]
        )
    out: dict[str, dict[str, list[str]]] = {}
    for category, value in data.items():
        comps: dict[str, list[str]] = {}
        if isinstance(value, list | str):
            for term in _terms(value):
                comps.setdefault(_label(term), []).append(term)
        elif isinstance(value, dict):
            for key, terms in _flatten(value):
                comps.setdefault(key, []).extend(_terms(terms))
        else:
            raise LexiconError(
                [
                    Problem(
                        path,
                        0,
                        _("category '{category}' must hold terms or subcategories").format(
                            category=category
                        ),
                    )
                ]
            )
        out[str(category)] = comps
    return out


def _flatten(d: dict[Any, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for k, v in d.items():
        name = f"{prefix} / {k}" if prefix else str(k)
        if isinstance(v, dict):
            yield from _flatten(v, name)
        else:
            yield name, v


def _terms(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    return [str(t).strip() for t in items if str(t).strip()]


def _label(term: str) -> str:
    words = term.replace("*", "").strip()
    return words[:1].upper() + words[1:]


def _pattern(term: str) -> Any:
    term = " ".join(term.split())
    return {"phrase": term} if " " in term else term


def to_lexicon_yaml(
    categories: dict[str, dict[str, list[str]]], source: Path, name: str | None = None
) -> str:
    seen: set[str] = set()
    competences = []
    for orientation, comps in categories.items():
        for label, terms in comps.items():
            cid, n = slug(label), 2
            while cid in seen:
                cid, n = f"{slug(label)}-{n}", n + 1
            seen.add(cid)
            competences.append(
                {
                    "id": cid,
                    "label": label,
                    "orientation": orientation,
                    "patterns": [_pattern(t) for t in dict.fromkeys(terms)],
                }
            )
    doc = {
        "name": name or _("imported from {file}").format(file=source.name),
        "orientations": list(categories),
        "competences": competences,
    }
    header = (
        f"{SCHEMA_LINE}\n# "
        + _("Imported from {file} by `leaderscan lexicon import`.").format(file=source.name)
        + "\n# "
        + _("Check it with `leaderscan lexicon check` and add exclusions and examples.")
        + "\n"
    )
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def import_dictionary(path: Path, fmt: str = "auto") -> str:
    """competences.yaml text for a LIWC .dic or quanteda YAML dictionary file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(
            [
                Problem(
                    path,
                    0,
                    _("cannot read the dictionary: {error}").format(error=exc.strerror or exc),
                )
            ]
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise LexiconError(
                [
                    Problem(
                        path,
                        0,
                        _(
                            "unknown text encoding (not UTF-8, not Windows-1252); save the file "
                            "as UTF-8"
                        ),
                    )
                ]
            ) from None
    if fmt == "auto":
        fmt = "liwc" if path.suffix.lower() == ".dic" else "quanteda"
    categories = read_liwc(path, text) if fmt == "liwc" else read_quanteda(path, text)
    out = to_lexicon_yaml(categories, path)
    parse_lexicon(path.with_suffix(".yaml"), out)  # the result must load
    return out
